package io.tierstate.model;

import io.tierstate.cost.DeploymentResources;

/**
 * Maps what a deployment's state holds onto what the cost estimator charges: EC2 (on demand, or
 * the state's spot price), EFS when it has a file system, the ALB when it has one, CloudFront when
 * it has a distribution.
 *
 * <pre>{@code
 * CostEstimate e = PriceCatalog.defaults().estimator()
 *     .estimate(CostSubjects.of(client.deployment("gpu-global").state()), UsageProfile.defaults());
 * }</pre>
 */
public final class CostSubjects {

    private CostSubjects() {}

    /**
     * Describes a deployment for the estimator.
     *
     * @param state the deployment
     * @return what is charged for it
     */
    public static DeploymentResources of(DeploymentState state) {
        DeploymentResources.Builder b = DeploymentResources.builder()
                .region(state.region())
                .hasEfs(state.efsId().isPresent())
                .hasAlb(state.albArn().isPresent() || state.albDns().isPresent())
                .hasCloudFront(state.cloudFrontDistributionId().isPresent());
        state.instanceType().filter(t -> !t.isBlank()).ifPresent(b::instanceType);
        state.cost().filter(c -> !c.isSpot().equals(java.util.Optional.of(false)))
                .flatMap(CostTracking::spotPricePerHour)
                .filter(p -> p.signum() > 0)
                .ifPresent(b::spotPricePerHour);
        return b.build();
    }

    /**
     * The cost module's tier for a model tier.
     *
     * @param tier the model tier
     * @return the same tier in the cost module
     */
    public static io.tierstate.cost.Tier tier(Tier tier) {
        return io.tierstate.cost.Tier.fromWire(tier.wireName());
    }
}
