package io.tierstate.model;

import io.tierstate.cost.DeploymentResources;
import io.tierstate.cost.Plan;
import java.util.Objects;

/**
 * Maps what a deployment's state holds, or what a tier will hold, onto what the cost estimator
 * charges: EC2 (on demand, or the state's spot price), EFS when it has a file system, the ALB when it
 * has one, CloudFront when it has a distribution. The cost module knows no tiers; this is where a
 * {@link Tier} becomes a {@link Plan}.
 *
 * <pre>{@code
 * CostEstimator estimator = PriceCatalog.defaults().estimator();
 * CostEstimate now = estimator.estimate(CostSubjects.of(client.deployment("gpu-global").state()), UsageProfile.defaults());
 * CostEstimate before = estimator.estimate(CostSubjects.plan(Tier.GPU, "g5.xlarge"), UsageProfile.defaults());
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
     * The plan of a tier before deploying it: one on-demand instance in us-east-1 with EFS, plus an
     * ALB from {@link Tier#AUTOMATION} up and CloudFront for {@link Tier#GPU}, labelled with the
     * tier's name ({@code gpu plan: ...}). For another region, a spot price or more instances, start
     * a builder from it: {@code Plan.builder().from(plan).region("eu-west-1").build()}.
     *
     * @param tier the tier; {@link Tier#parse(String)} reads one typed by a person
     * @param instanceType e.g. {@code "g5.xlarge"}
     * @return the plan
     */
    public static Plan plan(Tier tier, String instanceType) {
        Objects.requireNonNull(tier, "tier");
        return Plan.builder().label(tier.wireName()).instanceType(instanceType)
                .hasAlb(tier.hasAlb()).hasCloudFront(tier.hasCloudFront()).build();
    }
}
