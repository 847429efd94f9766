package io.tierstate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.error.InvalidInputException;
import io.tierstate.error.CloudOperationException;
import io.tierstate.error.DistributionNotDisabledException;
import io.tierstate.error.ResourceNotFoundException;
import io.tierstate.port.Cloud;
import io.tierstate.port.Distribution;
import io.tierstate.port.DistributionSpec;
import io.tierstate.port.LoadBalancerDescription;
import io.tierstate.testing.Tier3World;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatedCloudTest {

    @Test
    void describe_namesTheAccountAndRegion() {
        assertThat(SimulatedCloud.create().describe()).isEqualTo("simulated cloud (account 000000000000, us-east-1)");
        SimulatedCloud eu = SimulatedCloud.builder().accountId("123456789012").region("eu-west-1").build();
        assertThat(eu.describe()).isEqualTo("simulated cloud (account 123456789012, eu-west-1)");
        assertThat(eu).hasToString(eu.describe());
        assertThat(eu.createLoadBalancer("a", List.of(eu.createSubnet(eu.createVpc()))).arn())
                .startsWith("arn:aws:elasticloadbalancing:eu-west-1:123456789012:");
        assertThat(eu.accountId()).isEqualTo("123456789012");
        assertThat(eu.region()).isEqualTo("eu-west-1");
    }

    @Test
    void theJavadocExample_runsAsWritten() throws InterruptedException {
        SimulatedCloud cloud = SimulatedCloud.create();
        String vpc = cloud.createVpc();
        String subnet = cloud.createSubnet(vpc);
        LoadBalancerDescription alb = cloud.createLoadBalancer("shop-alb", List.of(subnet));

        Distribution d = cloud.cloudFront().createDistribution(new DistributionSpec("shop-1", "shop", "alb",
                alb.dnsName(), "http-only", "redirect-to-https", DistributionSpec.CACHING_DISABLED,
                DistributionSpec.ALL_VIEWER, "PriceClass_100", "http2and3", Map.of("stack", "shop"), 60));
        String etag = cloud.cloudFront().setEnabled(d.id(), false, cloud.cloudFront().getDistributionConfig(d.id()).etag());
        assertThatThrownBy(() -> cloud.cloudFront().deleteDistribution(d.id(), etag))
                .isInstanceOf(DistributionNotDisabledException.class).hasMessageContaining("not disabled yet");
        cloud.clock().sleep(Duration.ofMinutes(15));
        cloud.cloudFront().deleteDistribution(d.id(), etag);

        assertThat(cloud.exists(d.id())).isFalse();
    }

    @Test
    void aCloudIsUsableThroughThePortInterface() {
        try (Cloud cloud = SimWorlds.cloud()) {
            assertThat(cloud.clock().now()).isEqualTo(SimWorlds.START);
            // every port answers through the interface, with the typed NotFound for what the world does not have
            assertThatThrownBy(() -> cloud.compute().describeInstance("i-0missing"))
                    .isInstanceOf(io.tierstate.error.ResourceNotFoundException.class).hasMessageContaining("i-0missing");
            assertThatThrownBy(() -> cloud.network().describeVpc("vpc-0missing"))
                    .isInstanceOf(io.tierstate.error.ResourceNotFoundException.class).hasMessageContaining("vpc-0missing");
            assertThatThrownBy(() -> cloud.identity().describeRole("missing-role"))
                    .isInstanceOf(io.tierstate.error.ResourceNotFoundException.class).hasMessageContaining("missing-role");
            assertThatThrownBy(() -> cloud.fileSystems().describeFileSystem("fs-0missing"))
                    .isInstanceOf(io.tierstate.error.ResourceNotFoundException.class).hasMessageContaining("fs-0missing");
            assertThatThrownBy(() -> cloud.cloudFront().getDistribution("EMISSING"))
                    .isInstanceOf(io.tierstate.error.ResourceNotFoundException.class).hasMessageContaining("EMISSING");
        }
    }

    @Test
    void calls_areCountedPerOperation_failuresIncluded_worldBuildingNot() {
        SimulatedCloud cloud = SimWorlds.cloud();
        String vpc = cloud.createVpc();
        cloud.createSubnet(vpc);

        assertThatThrownBy(() -> cloud.network().deleteVpc(vpc)).isInstanceOf(io.tierstate.error.ResourceInUseException.class)
                .hasMessageContaining("DependencyViolation");
        assertThatThrownBy(() -> cloud.compute().describeInstance("i-0")).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("i-0");

        assertThat(cloud.calls()).isEqualTo(2);
        assertThat(cloud.calls(SimOperation.DELETE_VPC)).isEqualTo(1);
        assertThat(cloud.calls(SimOperation.DESCRIBE_INSTANCE)).isEqualTo(1);
        assertThat(cloud.calls(SimOperation.DELETE_SUBNET)).isZero();
    }

    @Test
    void onCall_reportsEachCallWithItsOutcome_untilClosed() {
        SimulatedCloud cloud = SimWorlds.cloud();
        String vpc = cloud.createVpc();
        List<SimCall> seen = new ArrayList<>();
        SimulatedCloud.Registration registration = cloud.onCall(seen::add);
        cloud.failNext(SimOperation.DELETE_VPC, SimFault.THROTTLING);

        assertThatThrownBy(() -> cloud.network().deleteVpc(vpc)).isInstanceOf(CloudOperationException.class)
                .hasMessageContaining("Throttling");
        cloud.clock().advance(Duration.ofSeconds(3));
        cloud.network().deleteVpc(vpc);
        registration.close();
        registration.close();
        assertThatThrownBy(() -> cloud.network().deleteVpc(vpc)).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("InvalidVpcID.NotFound");

        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).satisfies(c -> {
            assertThat(c.sequence()).isEqualTo(1);
            assertThat(c.operation()).isEqualTo(SimOperation.DELETE_VPC);
            assertThat(c.target()).isEqualTo(vpc);
            assertThat(c.at()).isEqualTo(SimWorlds.START);
            assertThat(c.succeeded()).isFalse();
            assertThat(c.errorCode()).contains("Throttling");
            assertThat(c.requestId()).isEqualTo("sim-000001");
        });
        assertThat(seen.get(1)).satisfies(c -> {
            assertThat(c.succeeded()).isTrue();
            assertThat(c.errorCode()).isEmpty();
            assertThat(c.at()).isEqualTo(SimWorlds.START.plusSeconds(3));
        });
    }

    @Test
    void aFailingListener_doesNotChangeTheCall() {
        SimulatedCloud cloud = SimWorlds.cloud();
        String vpc = cloud.createVpc();
        cloud.onCall(c -> {
            throw new IllegalStateException("listener bug");
        });
        List<SimCall> seen = new ArrayList<>();
        cloud.onCall(seen::add);

        cloud.network().deleteVpc(vpc);

        assertThat(cloud.exists(vpc)).isFalse();
        assertThat(seen).singleElement().satisfies(c -> assertThat(c.errorCode()).isEmpty());
    }

    @Test
    void aNonCloudScriptedFailure_hasNoErrorCode() {
        SimulatedCloud cloud = SimWorlds.cloud();
        List<SimCall> seen = new ArrayList<>();
        cloud.onCall(seen::add);
        cloud.failNext(SimOperation.DESCRIBE_INSTANCE, new IllegalStateException("boom"));

        assertThatThrownBy(() -> cloud.compute().describeInstance("i-1")).isInstanceOf(IllegalStateException.class)
                .hasMessage("boom");

        assertThat(seen).singleElement().satisfies(c -> {
            assertThat(c.succeeded()).isFalse();
            assertThat(c.errorCode()).isEmpty();
        });
    }

    @Test
    void builder_checksItsArgumentsAsTheyAreSet() {
        SimulatedCloud.Builder b = SimulatedCloud.builder();

        assertThatThrownBy(() -> b.accountId("12345")).isInstanceOf(InvalidInputException.class).hasMessageContaining("twelve digits");
        assertThatThrownBy(() -> b.region("moon")).isInstanceOf(InvalidInputException.class).hasMessageContaining("region name");
        assertThatThrownBy(() -> b.speed(0)).isInstanceOf(InvalidInputException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> b.latency(SimOperation.GET_DISTRIBUTION, Duration.ofSeconds(1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("has no latency");
        assertThatThrownBy(() -> SimulatedCloud.builder().clock(VirtualClock.startingAt(Instant.EPOCH)).speed(2).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("brings its own start and speed");
    }

    @Test
    void builder_withASharedClock_usesIt() {
        VirtualClock clock = VirtualClock.startingAt(Instant.EPOCH);
        SimulatedCloud a = SimulatedCloud.builder().clock(clock).build();
        SimulatedCloud b = SimulatedCloud.builder().clock(clock).build();

        a.clock().advance(Duration.ofMinutes(1));

        assertThat(b.clock()).isSameAs(clock);
        assertThat(b.clock().now()).isEqualTo(Instant.EPOCH.plusSeconds(60));
    }

    @Test
    void builder_withASpeed_makesARealTimeClock() {
        SimulatedCloud cloud = SimulatedCloud.builder().speed(600).build();

        assertThat(cloud.clock().speed()).hasValue(600);
        assertThat(cloud.seed()).isEqualTo(SimulatedCloud.DEFAULT_SEED);
    }

    @Test
    void builder_latency_changesOneAndKeepsTheOthers() {
        SimulatedCloud cloud = SimulatedCloud.builder().startingAt(SimWorlds.START)
                .latencies(Latencies.none()).latency(SimOperation.DELETE_LOAD_BALANCER, Duration.ofMinutes(2)).build();

        assertThat(cloud.latencies().latency(SimOperation.DELETE_LOAD_BALANCER)).isEqualTo(Duration.ofMinutes(2));
        assertThat(cloud.latencies().latency(SimOperation.UPDATE_DISTRIBUTION)).isZero();
        String arn = cloud.createLoadBalancer("a", List.of(cloud.createSubnet(cloud.createVpc()))).arn();
        cloud.loadBalancing().deleteLoadBalancer(arn);
        cloud.clock().advance(Duration.ofSeconds(119));
        assertThat(cloud.exists(arn)).isTrue();
        cloud.clock().advance(Duration.ofSeconds(1));
        assertThat(cloud.exists(arn)).isFalse();
    }

    @Test
    void latencyNone_makesEveryChangeCompleteAtOnce() {
        SimulatedCloud cloud = SimulatedCloud.builder().latencies(Latencies.none()).build();
        Tier3World w = Tier3World.build(cloud);

        assertThat(cloud.cloudFront().getDistribution(w.distribution()).status().wireName()).isEqualTo("Deployed");
        assertThat(cloud.compute().instanceHealth(w.instance())).hasValueSatisfying(h -> assertThat(h.wireName()).isEqualTo("ok"));
        cloud.loadBalancing().deleteLoadBalancer(w.loadBalancer().arn());
        cloud.loadBalancing().deleteTargetGroup(w.targetGroup());
        cloud.compute().terminateInstance(w.instance());
        assertThat(cloud.compute().describeInstance(w.instance()).state().name()).isEqualTo("TERMINATED");
    }

    @Test
    void latencies_defaultsAreCloseToAws() {
        Latencies l = Latencies.defaults();

        assertThat(l.latency(SimOperation.CREATE_DISTRIBUTION)).isEqualTo(Duration.ofMinutes(5));
        assertThat(l.latency(SimOperation.UPDATE_DISTRIBUTION)).isEqualTo(Duration.ofMinutes(15));
        assertThat(l.latency(SimOperation.TERMINATE_INSTANCE)).isEqualTo(Duration.ofMinutes(1));
        assertThat(l.latency(SimOperation.DELETE_LOAD_BALANCER)).isEqualTo(Duration.ofSeconds(30));
        assertThat(l.latency(SimOperation.DELETE_MOUNT_TARGET)).isEqualTo(Duration.ofMinutes(1));
        assertThat(l.latency(SimOperation.DELETE_TARGET_GROUP)).isZero();
        assertThat(l.latency(SimOperation.DELETE_FILE_SYSTEM)).isZero();
        assertThat(l.latency(SimOperation.DELETE_ROLE)).isZero();
        assertThat(l.latency(SimOperation.DELETE_VPC)).isZero();
        assertThat(l.latency(SimOperation.GET_DISTRIBUTION)).isZero();
        assertThat(l.instanceInitialization()).isEqualTo(Duration.ofMinutes(2));
        assertThat(l.terminatedRetention()).isEqualTo(Duration.ofHours(1));
        assertThat(l.jitter()).isZero();
        assertThat(l.toBuilder().build()).isEqualTo(l).hasSameHashCodeAs(l);
        assertThat(l).isNotEqualTo(Latencies.none());
        assertThat(l.toString()).contains("UPDATE_DISTRIBUTION=PT15M");
    }

    @Test
    void latencies_areChecked() {
        assertThatThrownBy(() -> Latencies.builder().latency(SimOperation.DELETE_VPC, Duration.ofSeconds(-1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> Latencies.builder().jitter(1.5)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> Latencies.builder().terminatedRetention(Duration.ofSeconds(-1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("terminatedRetention");
    }

    @Test
    void jitter_variesLatenciesWithinTheFraction_reproduciblyForASeed() {
        List<Duration> first = propagationTimes(3);

        assertThat(propagationTimes(3)).isEqualTo(first);
        assertThat(first).allSatisfy(d -> assertThat(d).isBetween(Duration.ofMinutes(12), Duration.ofMinutes(18)));
        assertThat(first).doesNotHaveDuplicates();
    }

    /** Measures, to the second, how long each of five disables takes to propagate with 20 % jitter. */
    private static List<Duration> propagationTimes(long seed) {
        SimulatedCloud cloud = SimulatedCloud.builder().startingAt(SimWorlds.START).seed(seed)
                .latencies(Latencies.builder().jitter(0.2).build()).build();
        String id = cloud.cloudFront().createDistribution(Tier3World.spec("ref", "o.example.com")).id();
        cloud.clock().advance(Duration.ofMinutes(10));
        List<Duration> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            cloud.cloudFront().setEnabled(id, i % 2 == 1, cloud.cloudFront().getDistributionConfig(id).etag());
            Duration waited = Duration.ZERO;
            while (cloud.cloudFront().getDistribution(id).status().wireName().equals("InProgress")) {
                cloud.clock().advance(Duration.ofSeconds(1));
                waited = waited.plusSeconds(1);
            }
            out.add(waited);
        }
        return out;
    }

    @Test
    void simOperations_nameTheirAwsApiAndShape() {
        assertThat(SimOperation.DELETE_DISTRIBUTION.awsName()).isEqualTo("cloudfront:DeleteDistribution");
        assertThat(SimOperation.DELETE_DISTRIBUTION.isConditionalWrite()).isTrue();
        assertThat(SimOperation.DELETE_DISTRIBUTION.hasLatency()).isFalse();
        assertThat(SimOperation.DESCRIBE_MOUNT_TARGETS.isDescribe()).isTrue();
        assertThat(SimOperation.DESCRIBE_INSTANCE_TYPES.isDescribe()).isFalse();
        assertThat(SimOperation.UPDATE_DISTRIBUTION.hasLatency()).isTrue();
    }

    @Test
    void simResource_andSimCall_checkTheirValues() {
        assertThat(new SimResource(SimResource.Kind.VPC, "vpc-1")).hasToString("VPC vpc-1");
        assertThatThrownBy(() -> new SimResource(null, "x")).isInstanceOf(NullPointerException.class).hasMessageContaining("kind");
        assertThatThrownBy(() -> new SimCall(1, SimOperation.DELETE_VPC, "vpc-1", null, "r", java.util.Optional.empty()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("at");
    }
}
