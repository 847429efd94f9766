package io.tierstate.sim;

import io.tierstate.error.CloudOperationException;
import io.tierstate.port.Distribution;
import io.tierstate.port.DistributionSpec;
import io.tierstate.port.LoadBalancerDescription;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Worlds for the simulated cloud's tests, built as a deploy pipeline would. */
final class SimWorlds {

    static final Instant START = Instant.parse("2025-09-30T08:00:00Z");

    private SimWorlds() {}

    /**
     * A cloud at {@link #START} with the default latencies and no faults, except that launched
     * instances are visible at once (no eventual-consistency window), so tests can describe them.
     */
    static SimulatedCloud cloud() {
        return SimulatedCloud.builder().startingAt(START).eventualConsistency(Duration.ZERO).build();
    }

    /** A distribution spec in front of an origin, as provisionCloudFront would make it. */
    static DistributionSpec spec(String callerReference, String originDns) {
        return new DistributionSpec(callerReference, "shop (TierState)", "alb-origin", originDns, "http-only",
                "redirect-to-https", DistributionSpec.CACHING_DISABLED, DistributionSpec.ALL_VIEWER, "PriceClass_100",
                "http2and3", Map.of("tierstate:stack", "shop"), 60);
    }

    /** Creates a distribution, retrying retryable faults: safe, since the caller reference makes it idempotent. */
    static Distribution createDistribution(SimulatedCloud cloud, DistributionSpec spec) {
        for (int attempt = 1; ; attempt++) {
            try {
                return cloud.cloudFront().createDistribution(spec);
            } catch (CloudOperationException e) {
                if (!e.retryable() || attempt == 100) {
                    throw e;
                }
            }
        }
    }

    /** Every resource of a Tier 3 deployment, created step by step. */
    record Tier3(String vpc, String subnetA, String subnetB, String sg, String fs, String mountTargetA, String mountTargetB,
            String role, String profile, String instance, LoadBalancerDescription alb, String targetGroup, String distribution) {

        static Tier3 build(SimulatedCloud cloud) {
            String vpc = cloud.createVpc();
            String a = cloud.createSubnet(vpc);
            String b = cloud.createSubnet(vpc);
            String sg = cloud.createSecurityGroup(vpc);
            String fs = cloud.createFileSystem();
            String mtA = cloud.createMountTarget(fs, a, sg);
            String mtB = cloud.createMountTarget(fs, b, sg);
            cloud.createRole("shop-role");
            cloud.createInstanceProfile("shop-profile", "shop-role");
            String instance = cloud.launchInstance("g4dn.xlarge", "ami-0123456789abcdef0", a, sg);
            LoadBalancerDescription alb = cloud.createLoadBalancer("shop-alb", List.of(a, b));
            String tg = cloud.createTargetGroup("shop-tg", vpc);
            cloud.attachTargetGroup(alb.arn(), tg);
            String distribution = createDistribution(cloud, spec("shop-ref", alb.dnsName())).id();
            return new Tier3(vpc, a, b, sg, fs, mtA, mtB, "shop-role", "shop-profile", instance, alb, tg, distribution);
        }
    }
}
