package io.tierstate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.error.InvalidInputException;
import io.tierstate.error.CloudOperationException;
import io.tierstate.error.PreconditionFailedException;
import io.tierstate.error.ResourceInUseException;
import io.tierstate.error.ResourceNotFoundException;
import io.tierstate.model.CloudFrontStatus;
import io.tierstate.port.Distribution;
import io.tierstate.testing.Tier3World;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class FaultsTest {

    private static final Faults HEAVY = Faults.builder().throttling(0.2).serverErrors(0.2).etagRaces(0.3).vanishing(0.05).build();

    /** Makes the same calls on a fresh Tier 3 world and lists how each ended. */
    private static List<String> outcomes(long seed) {
        SimulatedCloud cloud = SimulatedCloud.builder().startingAt(SimWorlds.START).seed(seed).faults(HEAVY).build();
        Tier3World w = Tier3World.build(cloud);
        List<String> out = new ArrayList<>();
        cloud.onCall(c -> out.add(c.operation() + ":" + c.errorCode().orElse("ok")));
        for (int i = 0; i < 40; i++) {
            attempt(() -> cloud.compute().describeInstance(w.instance()));
            attempt(() -> cloud.cloudFront().setEnabled(w.distribution(), false,
                    cloud.cloudFront().getDistributionConfig(w.distribution()).etag()));
            attempt(() -> cloud.loadBalancing().describeLoadBalancer(w.loadBalancer().arn()));
        }
        return out;
    }

    private static void attempt(Runnable call) {
        try {
            call.run();
        } catch (CloudOperationException expected) {
            // the outcome is in the call log
        }
    }

    @Test
    void sameSeed_sameCalls_giveTheSameFailures() {
        List<String> first = outcomes(42);

        assertThat(outcomes(42)).isEqualTo(first);
        assertThat(first).anyMatch(o -> o.endsWith("Throttling")).anyMatch(o -> o.endsWith("ServiceUnavailable"))
                .anyMatch(o -> o.endsWith("PreconditionFailed")).anyMatch(o -> o.endsWith(":ok"));
    }

    @Test
    void anotherSeed_givesOtherFailures() {
        assertThat(outcomes(43)).isNotEqualTo(outcomes(42));
    }

    @RepeatedTest(5)
    void everyInjectedFault_isRetryableOrATypedNotFound(RepetitionInfo info) {
        SimulatedCloud cloud = SimulatedCloud.builder().startingAt(SimWorlds.START).seed(info.getCurrentRepetition())
                .faults(HEAVY).build();
        Tier3World w = Tier3World.build(cloud);
        List<RuntimeException> failures = new ArrayList<>();
        cloud.onCall(c -> c.failure().ifPresent(failures::add));

        for (int i = 0; i < 60; i++) {
            attempt(() -> cloud.cloudFront().getDistribution(w.distribution()));
            attempt(() -> cloud.compute().instanceHealth(w.instance()));
            attempt(() -> cloud.fileSystems().mountTargets(w.fileSystem()));
            attempt(() -> cloud.compute().gpuSpec("g4dn.xlarge"));
        }

        assertThat(failures).isNotEmpty().allSatisfy(e -> assertThat(e).isInstanceOfSatisfying(CloudOperationException.class,
                c -> assertThat(c.retryable() || c instanceof ResourceNotFoundException).isTrue()));
    }

    @RepeatedTest(5)
    void aTier3Teardown_inTheRightOrder_withRetries_endsWithNothingLeft_underHeavyFaults(RepetitionInfo info) {
        SimulatedCloud cloud = SimulatedCloud.builder().startingAt(SimWorlds.START).seed(100 + info.getCurrentRepetition())
                .faults(Faults.builder().throttling(0.2).serverErrors(0.2).etagRaces(0.3).build()).build();
        Tier3World w = Tier3World.build(cloud);

        Teardown.sequential(cloud, w);

        assertThat(cloud.liveResources()).isEmpty();
        assertThat(cloud.calls()).isGreaterThan(cloud.calls(SimOperation.DELETE_VPC));
    }

    @Test
    void failNext_withAnException_throwsItForTheNextCallsOnly_beforeDoingAnything() {
        SimulatedCloud cloud = SimWorlds.cloud();
        Tier3World w = Tier3World.build(cloud);
        IllegalStateException boom = new IllegalStateException("boom");
        cloud.failNext(SimOperation.TERMINATE_INSTANCE, 2, boom);

        assertThatThrownBy(() -> cloud.compute().terminateInstance(w.instance())).isSameAs(boom);
        assertThatThrownBy(() -> cloud.compute().terminateInstance(w.instance())).isSameAs(boom);
        assertThat(cloud.compute().describeInstance(w.instance()).state().name()).isEqualTo("RUNNING");
        cloud.compute().terminateInstance(w.instance());
        assertThat(cloud.compute().describeInstance(w.instance()).state().name()).isEqualTo("SHUTTING_DOWN");
        assertThat(cloud.calls(SimOperation.TERMINATE_INSTANCE)).isEqualTo(3);
    }

    @Test
    void failNext_throttlingAndServerError_areRetryableCloudErrorsWithAwsCodes() {
        SimulatedCloud cloud = SimWorlds.cloud();
        String vpc = cloud.createVpc();
        cloud.failNext(SimOperation.DELETE_VPC, SimFault.THROTTLING);
        cloud.failNext(SimOperation.DELETE_VPC, SimFault.SERVER_ERROR);

        assertThatThrownBy(() -> cloud.network().deleteVpc(vpc)).isInstanceOfSatisfying(CloudOperationException.class, e -> {
            assertThat(e.errorCode()).contains("Throttling");
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.retryable()).isTrue();
            assertThat(e.operation()).isEqualTo("ec2:DeleteVpc");
        }).hasMessageContaining("Rate exceeded");
        assertThatThrownBy(() -> cloud.network().deleteVpc(vpc)).isInstanceOfSatisfying(CloudOperationException.class, e -> {
            assertThat(e.errorCode()).contains("ServiceUnavailable");
            assertThat(e.statusCode()).isEqualTo(503);
            assertThat(e.retryable()).isTrue();
        }).hasMessageContaining("retry");
        assertThat(cloud.exists(vpc)).isTrue();
        cloud.network().deleteVpc(vpc);
        assertThat(cloud.exists(vpc)).isFalse();
    }

    @Test
    void failNext_etagRace_movesTheEtagOnJustBeforeTheWrite_andNothingElse() {
        SimulatedCloud cloud = SimWorlds.cloud();
        Distribution d = cloud.cloudFront().createDistribution(Tier3World.spec("ref", "o.example.com"));
        cloud.clock().advance(Duration.ofMinutes(5));
        cloud.failNext(SimOperation.UPDATE_DISTRIBUTION, SimFault.ETAG_RACE);

        assertThatThrownBy(() -> cloud.cloudFront().setEnabled(d.id(), false, d.etag()))
                .isInstanceOf(PreconditionFailedException.class).hasMessageContaining("PreconditionFailed");

        Distribution after = cloud.cloudFront().getDistribution(d.id());
        assertThat(after.etag()).isNotEqualTo(d.etag());
        assertThat(after.enabled()).isTrue();
        assertThat(after.status()).isEqualTo(CloudFrontStatus.DEPLOYED);
        cloud.cloudFront().setEnabled(d.id(), false, after.etag());
    }

    @Test
    void failNext_vanish_deletesTheResourceAsIfOutsideTierState_andTheCallSaysNotFound() {
        SimulatedCloud cloud = SimWorlds.cloud();
        Tier3World w = Tier3World.build(cloud);
        cloud.failNext(SimOperation.DESCRIBE_MOUNT_TARGETS, SimFault.VANISH);

        assertThatThrownBy(() -> cloud.fileSystems().mountTargets(w.fileSystem())).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("FileSystemNotFound").hasMessageContaining(w.fileSystem());

        assertThat(cloud.exists(w.fileSystem())).isFalse();
        assertThat(cloud.exists(w.mountTargets().get(0))).as("mount targets go with their file system").isFalse();
        assertThat(cloud.exists(w.mountTargets().get(1))).isFalse();
    }

    @Test
    void failNext_vanish_neverDeletesWhatOthersDependOn() {
        SimulatedCloud cloud = SimWorlds.cloud();
        Tier3World w = Tier3World.build(cloud);
        int before = cloud.liveResources().size();
        cloud.failNext(SimOperation.DELETE_VPC, SimFault.VANISH);
        cloud.failNext(SimOperation.DELETE_SUBNET, SimFault.VANISH);
        cloud.failNext(SimOperation.DELETE_TARGET_GROUP, SimFault.VANISH);

        assertThatThrownBy(() -> cloud.network().deleteVpc(w.vpc())).isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("DependencyViolation");
        assertThatThrownBy(() -> cloud.network().deleteSubnet(w.subnets().get(0))).isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("DependencyViolation").hasMessageContaining(w.instance());
        assertThatThrownBy(() -> cloud.loadBalancing().deleteTargetGroup(w.targetGroup()))
                .isInstanceOf(ResourceInUseException.class).hasMessageContaining("ResourceInUse");
        assertThat(cloud.liveResources()).hasSize(before);
    }

    @Test
    void failNext_vanish_ofAFreeResource_makesItsDeleteNotFound() {
        SimulatedCloud cloud = SimWorlds.cloud();
        String vpc = cloud.createVpc();
        cloud.failNext(SimOperation.DELETE_VPC, SimFault.VANISH);

        assertThatThrownBy(() -> cloud.network().deleteVpc(vpc)).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("InvalidVpcID.NotFound");
        assertThat(cloud.liveResources()).isEmpty();
    }

    @Test
    void randomVanishing_hitsDescribesOnly() {
        SimulatedCloud cloud = SimulatedCloud.builder().startingAt(SimWorlds.START)
                .faults(Faults.builder().vanishing(1).build()).build();
        Tier3World w = Tier3World.build(cloud);

        cloud.network().deleteSecurityGroup(cloud.createSecurityGroup(w.vpc()));
        assertThatThrownBy(() -> cloud.compute().describeInstance(w.instance())).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("InvalidInstanceID.NotFound");
        assertThatThrownBy(() -> cloud.loadBalancing().describeLoadBalancer(w.loadBalancer().arn()))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("LoadBalancerNotFound");
        cloud.loadBalancing().deleteTargetGroup(w.targetGroup());
        assertThat(cloud.exists(w.instance())).isFalse();
    }

    @Test
    void failNext_refusesFaultsThatCannotHitTheOperation() {
        SimulatedCloud cloud = SimWorlds.cloud();

        assertThatThrownBy(() -> cloud.failNext(SimOperation.DELETE_VPC, SimFault.ETAG_RACE))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("conditional writes only");
        assertThatThrownBy(() -> cloud.failNext(SimOperation.CREATE_DISTRIBUTION, SimFault.VANISH))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("names no resource");
        assertThatThrownBy(() -> cloud.failNext(SimOperation.DELETE_VPC, 0, SimFault.THROTTLING))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at least 1");
    }

    @Test
    void clearScriptedFaults_forgetsThemAll() {
        SimulatedCloud cloud = SimWorlds.cloud();
        String vpc = cloud.createVpc();
        cloud.failNext(SimOperation.DELETE_VPC, 3, SimFault.THROTTLING);

        cloud.clearScriptedFaults();

        cloud.network().deleteVpc(vpc);
        assertThat(cloud.exists(vpc)).isFalse();
    }

    @Test
    void perOperationProbabilities_overrideTheDefault() {
        Faults f = Faults.builder().throttling(0.1).throttling(SimOperation.DELETE_VPC, 1).serverErrors(SimOperation.GET_DISTRIBUTION, 0.5)
                .build();
        SimulatedCloud cloud = SimulatedCloud.builder().faults(f).build();
        String vpc = cloud.createVpc();

        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> cloud.network().deleteVpc(vpc)).isInstanceOf(CloudOperationException.class)
                    .hasMessageContaining("Throttling");
        }
        assertThat(f.throttling(SimOperation.GET_DISTRIBUTION)).isEqualTo(0.1);
        assertThat(f.serverErrors(SimOperation.GET_DISTRIBUTION)).isEqualTo(0.5);
        assertThat(f.serverErrors(SimOperation.DELETE_VPC)).isZero();
        assertThat(f.isNone()).isFalse();
        assertThat(Faults.none().isNone()).isTrue();
        assertThat(cloud.faults()).isEqualTo(f);
    }

    @Test
    void probabilities_areChecked() {
        assertThatThrownBy(() -> Faults.builder().throttling(1.5)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> Faults.builder().vanishing(-0.1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("vanishing");
        assertThatThrownBy(() -> Faults.builder().etagRaces(Double.NaN)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("etagRaces");
        assertThatThrownBy(() -> Faults.builder().throttling(0.6).serverErrors(0.6).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("add up to more than 1");
    }

    @Test
    void faults_areValuesWithABuilderCopy() {
        Faults f = Faults.builder().throttling(0.25).etagRaces(0.5).build();

        assertThat(f.toBuilder().build()).isEqualTo(f).hasSameHashCodeAs(f);
        assertThat(f.toBuilder().vanishing(0.1).build()).isNotEqualTo(f);
        assertThat(f.toString()).contains("etagRaces=0.5");
    }

    @Test
    void randomDraws_followTheSeed() {
        SimRandom a = new SimRandom(7, 0);
        SimRandom b = new SimRandom(7, 0);
        Random plain = new Random(7);

        assertThat(a.nextLong()).isEqualTo(b.nextLong()).isEqualTo(plain.nextLong());
        a.hex(20);
        SimRandom resumed = new SimRandom(7, a.draws());
        assertThat(resumed.nextLong()).isEqualTo(a.nextLong());
        assertThatThrownBy(() -> new SimRandom(7, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("draws");
    }
}
