package io.tierstate.view;

import io.tierstate.model.CloudFrontStatus;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.Status;
import io.tierstate.model.Tier;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the deployment list: what a person scanning many deployments needs.
 *
 * @param name the stack name
 * @param status the lifecycle status
 * @param tier the tier
 * @param region the region
 * @param endpoint where users reach it: the CloudFront domain for Tier 3, else the ALB DNS name, else
 *     the public IP
 * @param gpu whether it runs on a GPU instance
 * @param cdnStatus the CloudFront status as last seen, when it has a distribution and it is known
 * @param createdAt when it was created
 * @param instanceType the EC2 instance type, when recorded
 * @param cdn whether a CloudFront distribution is recorded
 * @param cdnEnabled whether the distribution was enabled when last seen; empty when unknown
 * @param monthlyCost the estimated monthly cost, rounded half-up to cents; empty when the price is
 *     unknown or was not estimated
 * @param budgetLimit the monthly budget ({@code cost.budget_limit}, else {@code config.budget_limit}, or
 *     one given on the command line); empty when there is none
 * @param cdnGoneAt when a refresh found the recorded distribution gone ({@code cloudfront_gone_at}); empty
 *     while it was last seen, or never looked for
 */
public record DeploymentSummary(String name, Status status, Tier tier, String region, Optional<String> endpoint,
        boolean gpu, Optional<CloudFrontStatus> cdnStatus, Optional<Instant> createdAt, Optional<String> instanceType,
        boolean cdn, Optional<Boolean> cdnEnabled, Optional<BigDecimal> monthlyCost, Optional<BigDecimal> budgetLimit,
        Optional<Instant> cdnGoneAt) {

    /** Checks that nothing is null. */
    public DeploymentSummary {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(cdnStatus, "cdnStatus");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(instanceType, "instanceType");
        Objects.requireNonNull(cdnEnabled, "cdnEnabled");
        monthlyCost = Objects.requireNonNull(monthlyCost, "monthlyCost").map(c -> c.setScale(2, RoundingMode.HALF_UP));
        Objects.requireNonNull(budgetLimit, "budgetLimit");
        Objects.requireNonNull(cdnGoneAt, "cdnGoneAt");
    }

    /**
     * The budget compared with the monthly estimate, when both are known.
     *
     * @return the comparison, or empty without a budget or a known price
     */
    public Optional<Budget> budget() {
        return budgetLimit.flatMap(b -> monthlyCost.map(c -> new Budget(b, c)));
    }

    /**
     * The same row with another budget, e.g. one given on the command line.
     *
     * @param limit the budget a month, more than 0
     * @return the changed copy
     */
    public DeploymentSummary withBudgetLimit(BigDecimal limit) {
        new Budget(limit, BigDecimal.ZERO); // checks the limit
        return new DeploymentSummary(name, status, tier, region, endpoint, gpu, cdnStatus, createdAt, instanceType, cdn,
                cdnEnabled, monthlyCost, Optional.of(limit), cdnGoneAt);
    }

    /**
     * Summarises a state without a cost.
     *
     * @param s the state
     * @return its summary
     */
    public static DeploymentSummary of(DeploymentState s) {
        return of(s, Optional.empty());
    }

    /**
     * Summarises a state.
     *
     * @param s the state
     * @param monthlyCost its estimated monthly cost, or empty when the price is unknown
     * @return its summary
     */
    public static DeploymentSummary of(DeploymentState s, Optional<BigDecimal> monthlyCost) {
        boolean cdn = s.cloudFrontDistributionId().isPresent() || s.cloudFrontDomainName().isPresent();
        return new DeploymentSummary(s.stackName(), s.status(), s.tier(), s.region(), endpoint(s), s.gpuEnabled(),
                s.cloudFrontStatus(), s.createdAt(), s.instanceType(),
                cdn, s.cloudFrontEnabled(), monthlyCost, Budget.of(s), s.cloudFrontGoneAt());
    }

    /**
     * Where users reach a deployment: the CloudFront domain for Tier 3, else the ALB DNS name, else
     * the public IP.
     *
     * @param s the state
     * @return the endpoint, if any is recorded
     */
    public static Optional<String> endpoint(DeploymentState s) {
        return s.tier() == Tier.GPU
                ? s.cloudFrontDomainName().or(s::albDns).or(s::publicIp)
                : s.albDns().or(s::publicIp);
    }

    /**
     * The CDN column: {@code -} without a distribution; {@code gone} when a refresh found the recorded
     * one deleted; else its status ({@code Deployed}, {@code InProgress} or {@code unknown}), with
     * {@code , disabled} when it was seen disabled.
     *
     * @return the text
     */
    public String cdnText() {
        if (!cdn) {
            return "-";
        }
        if (cdnGoneAt.isPresent()) {
            return "gone";
        }
        String s = cdnStatus.map(CloudFrontStatus::wireName).orElse("unknown");
        return cdnEnabled.orElse(true) ? s : s + ", disabled";
    }

    /** @return one readable row, e.g. {@code gpu-edge running, tier 3 gpu, us-east-1, d9.cloudfront.net, CDN Deployed, $185.36/mo} */
    @Override
    public String toString() {
        return name + " " + status + ", tier " + tier.number() + " " + tier.name().toLowerCase(java.util.Locale.ROOT) + ", " + region
                + endpoint.map(e -> ", " + e).orElse("") + instanceType.map(t -> ", " + t).orElse("")
                + (cdn ? ", CDN " + cdnText() : "") + monthlyCost.map(c -> ", $" + c.toPlainString() + "/mo").orElse("")
                + createdAt.map(c -> ", created " + c).orElse("");
    }
}
