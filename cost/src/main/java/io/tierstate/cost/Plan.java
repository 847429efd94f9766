package io.tierstate.cost;

import java.math.BigDecimal;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A deployment that does not exist yet: a tier and an instance type, for an estimate before
 * deploying.
 *
 * <pre>{@code
 * CostEstimate before = PriceCatalog.defaults().estimator()
 *     .estimate(Plan.of(Tier.GPU, "g5.xlarge"), UsageProfile.defaults());
 * }</pre>
 *
 * <p>The tier decides the resources: {@link Tier#DEV} is EC2 + EFS, {@link Tier#AUTOMATION} adds an
 * ALB, {@link Tier#GPU} adds an ALB and CloudFront (see {@link #toResources()}).
 */
@Value.Immutable
public abstract class Plan {

    Plan() {
    }

    /**
     * The tier to deploy.
     *
     * @return the tier
     */
    public abstract Tier tier();

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
     * A plan of one on-demand instance in us-east-1.
     *
     * @param tier the tier
     * @param instanceType e.g. {@code "g4dn.xlarge"}
     * @return the plan
     */
    public static Plan of(Tier tier, String instanceType) {
        return builder().tier(tier).instanceType(instanceType).build();
    }

    /**
     * A plan from a tier's wire name, as in a GeuseMaker config.
     *
     * @param tier {@code "dev"}, {@code "automation"} or {@code "gpu"}
     * @param instanceType e.g. {@code "t3.medium"}
     * @return the plan
     * @throws IllegalArgumentException when the tier is unknown
     */
    public static Plan of(String tier, String instanceType) {
        return of(Tier.fromWire(tier), instanceType);
    }

    /**
     * A builder; tier and instance type are required.
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
     * The resources a deployment of this plan will have: EFS always, an ALB from
     * {@link Tier#AUTOMATION} up, CloudFront for {@link Tier#GPU}.
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
                .hasAlb(tier().hasAlb())
                .hasCloudFront(tier().hasCloudFront())
                .build();
    }
}
