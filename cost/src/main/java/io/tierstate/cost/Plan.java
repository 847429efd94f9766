package io.tierstate.cost;

import java.math.BigDecimal;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A deployment that does not exist yet: an instance type and the resources around it (EFS always; an
 * ALB and CloudFront when asked for), for an estimate before deploying.
 *
 * <pre>{@code
 * CostEstimate before = PriceCatalog.defaults().estimator().estimate(Plan.builder()
 *         .label("gpu").instanceType("g5.xlarge").hasAlb(true).hasCloudFront(true).build(),
 *     UsageProfile.defaults());
 * }</pre>
 *
 * <p>This module does not know the deployment tiers; {@code io.tierstate.model.CostSubjects.plan(Tier, String)}
 * in {@code tierstate-core} makes the plan of a tier (Tier 1 EC2 + EFS, Tier 2 adds an ALB, Tier 3
 * adds CloudFront) and labels it with the tier's name.
 */
@Value.Immutable
public abstract class Plan {

    Plan() {
    }

    /**
     * What the plan is called at the start of the estimate's subject ({@code gpu plan: g5.xlarge ...}).
     *
     * @return e.g. a tier's name such as {@code gpu}, or empty for a subject that starts {@code plan: }
     */
    public abstract Optional<String> label();

    /**
     * The EC2 instance type to deploy.
     *
     * @return e.g. {@code g4dn.xlarge}
     */
    public abstract String instanceType();

    /**
     * The region to deploy in.
     *
     * @return {@code us-east-1} by default
     */
    @Value.Default
    public String region() {
        return DeploymentResources.DEFAULT_REGION;
    }

    /**
     * A spot price to assume instead of the on-demand price.
     *
     * @return the price per instance-hour, or empty for on-demand
     */
    public abstract Optional<BigDecimal> spotPricePerHour();

    /**
     * How many instances.
     *
     * @return 1 by default
     */
    @Value.Default
    public int instanceCount() {
        return 1;
    }

    /**
     * Whether the deployment will have an Application Load Balancer (Tier 2 and 3).
     *
     * @return false by default
     */
    @Value.Default
    public boolean hasAlb() {
        return false;
    }

    /**
     * Whether the deployment will have a CloudFront distribution (Tier 3).
     *
     * @return false by default
     */
    @Value.Default
    public boolean hasCloudFront() {
        return false;
    }

    /**
     * A builder; the instance type is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Plan}. */
    public static class Builder extends ImmutablePlan.Builder {
        Builder() {
        }
    }

    /**
     * The resources a deployment of this plan will have: EFS always, an ALB and CloudFront as the
     * plan says.
     *
     * @return the resources to estimate
     * @throws IllegalArgumentException when a value is invalid (blank type, negative price, count below 1)
     */
    public DeploymentResources toResources() {
        return DeploymentResources.builder()
                .region(region())
                .instanceType(instanceType())
                .spotPricePerHour(spotPricePerHour())
                .instanceCount(instanceCount())
                .hasEfs(true)
                .hasAlb(hasAlb())
                .hasCloudFront(hasCloudFront())
                .build();
    }

    /** The start of the estimate's subject: the label, if any, then {@code plan: }. */
    String subjectPrefix() {
        return label().map(l -> l + " plan: ").orElse("plan: ");
    }
}
