package io.tierstate.destroy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.error.CloudOperationException;
import io.tierstate.DeploymentClient;
import io.tierstate.error.DeploymentNotFoundException;
import io.tierstate.error.LeaseHeldException;
import io.tierstate.model.CloudFrontStatus;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.Status;
import io.tierstate.port.StateLease;
import io.tierstate.sim.Faults;
import io.tierstate.sim.SimOperation;
import io.tierstate.sim.SimulatedCloud;
import io.tierstate.testing.Tier3World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DestroyTest {

    @TempDir
    Path home;

    private SimulatedCloud sim;
    private DeploymentClient client;

    @BeforeEach
    void setUp() {
        sim = SimulatedCloud.create();
        client = DeploymentClient.builder().home(home).cloud(sim).build();
    }

    private List<ProgressEvent> events(Destroy d) {
        List<ProgressEvent> events = new ArrayList<>();
        d.onProgress(events::add);
        return events;
    }

    private static List<String> doneOrder(List<ProgressEvent> events) {
        return events.stream().filter(e -> e.phase() == ProgressEvent.Phase.DONE && !e.step().equals("verify"))
                .map(ProgressEvent::step).toList();
    }

    @Test
    void run_sequential_deletesEverythingInOrderAndArchivesTheState() throws Exception {
        Tier3World w = Tier3World.deploy(sim, client, "gpu-stack");
        Destroy destroy = client.deployment("gpu-stack").destroy();
        List<ProgressEvent> events = events(destroy);

        DestroyReport report = destroy.run();

        assertThat(report.outcome()).isEqualTo(DestroyReport.Outcome.COMPLETED);
        assertThat(doneOrder(events)).containsExactly("cloudfront", "alb", "target_group", "instance", "iam_instance_profile",
                "iam_role", "efs_mount_targets", "efs", "vpc_dependents", "security_group", "subnets", "vpc");
        assertThat(sim.liveResources()).isEmpty();
        assertThat(client.deployment("gpu-stack").exists()).isFalse();
        assertThat(report.archive()).hasValueSatisfying(a -> assertThat(Path.of(a)).exists());
        assertThat(Files.readString(Path.of(report.archive().get()))).contains("\"status\": \"terminated\"")
                .contains("\"step\": \"cloudfront\"");
        assertThat(report.duration()).isGreaterThan(Duration.ofMinutes(15));
        assertThat(report.deleted()).hasSize(11);
        assertThat(report.alreadyGone()).extracting(DestroyReport.StepResult::step).as("a VPC with nothing in it")
                .containsExactly("vpc_dependents");
        assertThat(report.verification()).hasValueSatisfying(v -> assertThat(v.clean()).isTrue());
        assertThat(report.render()).contains("verified: nothing left");
        assertThat(report.cloudCalls()).isGreaterThan(report.pollCalls());
        assertThat(report.render()).contains("completed").contains("cloud calls");
        assertThat(report.toJson()).contains("\"outcome\": \"completed\"");
        assertThat(w.createdIds()).noneMatch(sim::exists);
    }

    @Test
    void run_neverDeletesReusedResources() {
        String vpc = sim.createVpc();
        List<String> subnets = List.of(sim.createSubnet(vpc), sim.createSubnet(vpc));
        Tier3World.deployInSharedVpc(sim, client, "tenant", vpc, subnets);

        DestroyReport report = client.deployment("tenant").destroy().run();

        assertThat(report.outcome()).isEqualTo(DestroyReport.Outcome.COMPLETED);
        assertThat(sim.exists(vpc)).isTrue();
        assertThat(subnets).allMatch(sim::exists);
        assertThat(report.skipped()).extracting(DestroyReport.StepResult::step).containsExactly("vpc_dependents", "subnets", "vpc");
        assertThat(report.skipped()).allSatisfy(s -> assertThat(s.skipReason()).contains(DestroyReport.SkipReason.REUSED));
        assertThat(report.step(StepKind.VPC).orElseThrow().resources()).as("kept ones are named by id").containsExactly(vpc);
        assertThat(report.verification().orElseThrow().checks()).filteredOn(c -> c.expect() == Verification.Expect.KEPT)
                .extracting(Verification.Check::resourceId).contains(vpc).containsAll(subnets);
        assertThat(sim.calls(SimOperation.DELETE_VPC)).isZero();
        assertThat(sim.calls(SimOperation.DELETE_SUBNET)).isZero();
    }

    @Test
    void run_overlapped_hidesTheRestBehindTheCloudFrontWait() {
        Tier3World.deploy(sim, client, "seq");
        Tier3World.deploy(sim, client, "ovl");

        DestroyReport sequential = client.deployment("seq").destroy().run();
        Destroy overlapped = client.deployment("ovl").destroy().strategy(Strategy.OVERLAPPED);
        List<ProgressEvent> events = events(overlapped);
        DestroyReport report = overlapped.run();

        assertThat(report.outcome()).isEqualTo(DestroyReport.Outcome.COMPLETED);
        assertThat(sequential.outcome()).isEqualTo(DestroyReport.Outcome.COMPLETED);
        List<String> order = doneOrder(events);
        assertThat(order.subList(0, order.indexOf("cloudfront"))).as("torn down while the disable propagated")
                .contains("instance", "iam_instance_profile", "iam_role", "efs_mount_targets", "efs");
        assertThat(order.indexOf("cloudfront")).as("the ALB waits for the distribution's deletion").isLessThan(order.indexOf("alb"));
        assertThat(order.get(order.size() - 1)).isEqualTo("vpc");
        assertThat(order.indexOf("alb")).isLessThan(order.indexOf("target_group"));
        assertThat(order.indexOf("efs_mount_targets")).isLessThan(order.indexOf("efs"));
        assertThat(order.indexOf("subnets")).isLessThan(order.indexOf("vpc"));
        assertThat(order.indexOf("instance")).isLessThan(order.indexOf("iam_instance_profile"));
        assertThat(sim.liveResources()).isEmpty();
    }

    @Test
    void run_preserveEfs_keepsTheFileSystemAndItsNetwork() {
        Tier3World w = Tier3World.deploy(sim, client, "keep");

        DestroyReport report = client.deployment("keep").destroy().preserveEfs().run();

        assertThat(report.outcome()).isEqualTo(DestroyReport.Outcome.COMPLETED);
        assertThat(sim.exists(w.fileSystem())).isTrue();
        assertThat(w.mountTargets()).isNotEmpty().allMatch(sim::exists);
        assertThat(sim.exists(w.securityGroup())).isTrue();
        assertThat(sim.exists(w.vpc())).isTrue();
        assertThat(sim.exists(w.instance())).isFalse();
        assertThat(report.skipped()).extracting(DestroyReport.StepResult::step)
                .containsExactly("efs_mount_targets", "efs", "vpc_dependents", "security_group", "subnets", "vpc");
        assertThat(report.skipped()).allSatisfy(st -> assertThat(st.skipReason()).contains(DestroyReport.SkipReason.PRESERVED));
    }

    @Test
    void deferCloudFrontDeletion_returnsEarlyAndCompletePendingFinishes() {
        Tier3World w = Tier3World.deploy(sim, client, "pipeline");
        String distribution = w.state().cloudFrontDistributionId().orElseThrow();

        DestroyReport first = client.deployment("pipeline").destroy().deferCloudFrontDeletion().strategy(Strategy.OVERLAPPED).run();

        assertThat(first.outcome()).isEqualTo(DestroyReport.Outcome.PENDING_CLOUDFRONT);
        assertThat(first.duration()).isLessThan(Duration.ofMinutes(5));
        assertThat(sim.exists(distribution)).isTrue();
        assertThat(sim.exists(w.instance())).isFalse();
        DeploymentState pending = client.deployment("pipeline").state();
        assertThat(pending.status()).isEqualTo(Status.DESTROYING);
        assertThat(pending.destroyProgress().orElseThrow().pendingCloudFrontDeletion()).isTrue();
        assertThat(pending.cloudFrontEnabled()).contains(false);

        List<DestroyReport> completed = client.completePendingDestroys();

        assertThat(completed).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(DestroyReport.Outcome.COMPLETED);
            assertThat(r.skipped()).extracting(DestroyReport.StepResult::detail).allMatch(d -> d.contains("earlier run"));
        });
        assertThat(sim.liveResources()).isEmpty();
        assertThat(client.completePendingDestroys()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void run_withTwentyPercentThrottlingAndServerErrors_stillCompletes(long seed) {
        SimulatedCloud faulty = SimulatedCloud.builder().seed(seed).build();
        try (DeploymentClient c = DeploymentClient.builder().home(home.resolve("s" + seed)).cloud(faulty).build()) {
            Tier3World.deploy(faulty, c, "flaky");
            faulty.setFaults(Faults.builder().throttling(0.1).serverErrors(0.1).etagRaces(0.2).build());

            DestroyReport report = c.deployment("flaky").destroy().strategy(seed % 2 == 0 ? Strategy.OVERLAPPED : Strategy.SEQUENTIAL).run();

            assertThat(report.outcome()).as(report.render()).isEqualTo(DestroyReport.Outcome.COMPLETED);
            assertThat(faulty.liveResources()).isEmpty();
        }
    }

    @Test
    void run_failedStep_skipsDependantsContinuesOthersAndResumesWithoutRedoingWork() {
        Tier3World w = Tier3World.deploy(sim, client, "broken");
        sim.failNext(SimOperation.DELETE_LOAD_BALANCER, new CloudOperationException("elasticloadbalancing:DeleteLoadBalancer",
                "AccessDenied", "req-1", 403, false, "not allowed", null));

        DestroyReport first = client.deployment("broken").destroy().run();

        assertThat(first.outcome()).isEqualTo(DestroyReport.Outcome.FAILED);
        assertThat(first.failed()).extracting(DestroyReport.StepResult::step).containsExactly("alb");
        assertThat(first.failed().get(0).detail()).contains("AccessDenied").contains("req-1");
        assertThat(first.skipped()).extracting(DestroyReport.StepResult::step).contains("target_group", "security_group", "subnets", "vpc");
        assertThat(sim.exists(w.instance())).isFalse();
        assertThat(sim.exists(w.fileSystem())).isFalse();
        assertThat(sim.exists(w.loadBalancer().arn())).isTrue();
        DeploymentState journaled = client.deployment("broken").state();
        assertThat(journaled.status()).isEqualTo(Status.DESTROYING);
        assertThat(journaled.destroyProgress().orElseThrow().step("alb").orElseThrow().status()).isEqualTo("failed");
        long terminations = sim.calls(SimOperation.TERMINATE_INSTANCE);
        long distributionDeletes = sim.calls(SimOperation.DELETE_DISTRIBUTION);

        DestroyReport second = client.deployment("broken").destroy().run();

        assertThat(second.outcome()).isEqualTo(DestroyReport.Outcome.COMPLETED);
        assertThat(sim.calls(SimOperation.TERMINATE_INSTANCE)).isEqualTo(terminations);
        assertThat(sim.calls(SimOperation.DELETE_DISTRIBUTION)).isEqualTo(distributionDeletes);
        assertThat(second.deleted()).extracting(DestroyReport.StepResult::step)
                .containsExactly("alb", "target_group", "security_group", "subnets", "vpc");
        assertThat(sim.liveResources()).isEmpty();
    }

    @Test
    void run_resourcesAlreadyGone_countAsDeleted() {
        Tier3World w = Tier3World.deploy(sim, client, "gone");
        sim.compute().terminateInstance(w.instance());
        sim.loadBalancing().deleteLoadBalancer(w.loadBalancer().arn());

        DestroyReport report = client.deployment("gone").destroy().strategy(Strategy.OVERLAPPED).run();

        assertThat(report.outcome()).isEqualTo(DestroyReport.Outcome.COMPLETED);
        assertThat(sim.liveResources()).isEmpty();
    }

    @Test
    void start_cancel_stopsAndALaterRunResumes() {
        Tier3World.deploy(sim, client, "cancelme");
        List<DestroyOperation> op = new ArrayList<>();
        Destroy destroy = client.deployment("cancelme").destroy();
        destroy.onProgress(e -> {
            if (e.step().equals("cloudfront") && e.phase() == ProgressEvent.Phase.WAITING && e.attempt() == 3) {
                op.get(0).cancel();
            }
        });
        synchronized (op) {
            op.add(destroy.start());
        }

        DestroyReport report = op.get(0).future().join();

        assertThat(report.outcome()).isEqualTo(DestroyReport.Outcome.CANCELLED);
        assertThat(op.get(0).isDone()).isTrue();
        assertThat(op.get(0).progress()).isPresent();
        assertThat(client.deployment("cancelme").state().status()).isEqualTo(Status.DESTROYING);
        assertThat(client.deployment("cancelme").destroy().run().outcome()).isEqualTo(DestroyReport.Outcome.COMPLETED);
        assertThat(sim.liveResources()).isEmpty();
    }

    @Test
    void run_whileAnotherDestroyHoldsTheLease_isRefused() {
        Tier3World.deploy(sim, client, "busy");
        try (StateLease held = client.stateStore().acquireLease("busy", "destroy@other-host:42", Duration.ofMinutes(5))) {
            assertThatThrownBy(() -> client.deployment("busy").destroy().run()).isInstanceOf(LeaseHeldException.class)
                    .hasMessageContaining("destroy@other-host:42");
        }
    }

    @Test
    void plan_touchesNothingAndNeedsNoCloud() throws Exception {
        Tier3World.deploy(sim, client, "planned");
        long calls = sim.calls();
        Destroy destroy = Destroy.of("planned", client.stateStore(), () -> {
            throw new AssertionError("plan must not ask for a cloud");
        });
        byte[] before = Files.readAllBytes(home.resolve("deployments/planned.json"));

        DestroyPlan plan = destroy.preserveEfs().plan();

        assertThat(plan.steps()).extracting(DestroyStep::id).containsExactly("cloudfront", "alb", "target_group", "instance",
                "iam_instance_profile", "iam_role", "efs_mount_targets", "efs", "vpc_dependents", "security_group", "subnets", "vpc");
        assertThat(plan.deletions()).hasSize(6);
        assertThat(plan.step("efs").orElseThrow().action()).isEqualTo(DestroyStep.Action.SKIP_PRESERVED);
        assertThat(plan.render()).contains("keep").contains("delete");
        assertThat(Files.readAllBytes(home.resolve("deployments/planned.json"))).isEqualTo(before);
        assertThat(sim.calls()).isEqualTo(calls);
        assertThatThrownBy(() -> client.deployment("nope").destroy().plan()).isInstanceOf(DeploymentNotFoundException.class);
    }

    @Test
    void run_cloudFrontWait_pollsWithBackOffWithinBudget() {
        Tier3World.deploy(sim, client, "polls");
        Destroy destroy = client.deployment("polls").destroy();
        List<ProgressEvent> events = events(destroy);

        destroy.run();

        List<ProgressEvent> waits = events.stream().filter(e -> e.step().equals("cloudfront")
                && e.phase() == ProgressEvent.Phase.WAITING).toList();
        assertThat(waits).isNotEmpty().hasSizeLessThanOrEqualTo(40);
        assertThat(waits.get(waits.size() - 1).attempt()).isEqualTo(waits.size());
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < waits.size(); i++) {
            gaps.add(Duration.between(waits.get(i - 1).at(), waits.get(i).at()));
        }
        assertThat(gaps).as("polls back off from 5 s by 1.5 up to 30 s").isNotEmpty().isSorted()
                .allSatisfy(g -> assertThat(g).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(30)));
        assertThat(gaps.get(gaps.size() - 1)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void run_distributionInProgressAtStart_waitsBeforeDisabling() {
        Tier3World w = Tier3World.deploy(sim, client, "busy-cf");
        String id = w.state().cloudFrontDistributionId().orElseThrow();
        var cfg = sim.cloudFront().getDistributionConfig(id);
        String etag = sim.cloudFront().setEnabled(id, false, cfg.etag());
        sim.cloudFront().setEnabled(id, true, etag); // a change in progress, enabled
        assertThat(sim.cloudFront().getDistribution(id).status()).isEqualTo(CloudFrontStatus.IN_PROGRESS);
        Destroy destroy = client.deployment("busy-cf").destroy();
        List<ProgressEvent> events = events(destroy);

        DestroyReport report = destroy.run();

        assertThat(report.outcome()).isEqualTo(DestroyReport.Outcome.COMPLETED);
        List<String> cloudFront = events.stream().filter(e -> e.step().equals("cloudfront")).map(ProgressEvent::message).toList();
        int waited = indexOf(cloudFront, "a change in progress to finish before disabling");
        int disabled = indexOf(cloudFront, "disable requested");
        assertThat(waited).as("it waited for the change in progress: %s", cloudFront).isGreaterThanOrEqualTo(0);
        assertThat(disabled).as("and disabled only after it").isGreaterThan(waited);
        assertThat(sim.exists(id)).isFalse();
    }

    private static int indexOf(List<String> messages, String part) {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void run_timeout_failsTheWaitingStepAndALaterRunContinues() {
        Tier3World.deploy(sim, client, "slow");

        DestroyReport report = client.deployment("slow").destroy().timeout(Duration.ofMinutes(5)).run();

        assertThat(report.outcome()).isEqualTo(DestroyReport.Outcome.FAILED);
        assertThat(report.failed()).extracting(DestroyReport.StepResult::step).containsExactly("cloudfront");
        assertThat(report.failed().get(0).detail()).contains("timeout");
        assertThat(client.deployment("slow").destroy().run().outcome()).isEqualTo(DestroyReport.Outcome.COMPLETED);
    }

    @Test
    void settings_areChecked() {
        Destroy d = client.deployment("x").destroy();
        assertThatThrownBy(() -> d.timeout(Duration.ZERO)).isInstanceOf(io.tierstate.error.InvalidInputException.class)
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> new PollPolicy(Duration.ofSeconds(5), 0.5, Duration.ofSeconds(30)))
                .isInstanceOf(io.tierstate.error.InvalidInputException.class).hasMessageContaining("multiplier");
        assertThatThrownBy(() -> new PollPolicy(Duration.ZERO, 1, Duration.ofSeconds(30)))
                .isInstanceOf(io.tierstate.error.InvalidInputException.class);
        assertThatThrownBy(() -> new PollPolicy(Duration.ofSeconds(5), 1, Duration.ofSeconds(1)))
                .isInstanceOf(io.tierstate.error.InvalidInputException.class);
        assertThat(PollPolicy.defaults().interval(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(PollPolicy.defaults().interval(100)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Stream.of(Strategy.values())).hasSize(2);
    }
}
