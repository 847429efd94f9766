package io.tierstate.examples.bench;

import io.tierstate.DeploymentClient;
import io.tierstate.destroy.DestroyReport;
import io.tierstate.destroy.ProgressEvent;
import io.tierstate.destroy.Strategy;
import io.tierstate.model.DeploymentConfig;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.Status;
import io.tierstate.model.Tier;
import io.tierstate.port.LoadBalancerDescription;
import io.tierstate.sim.SimCall;
import io.tierstate.sim.SimOperation;
import io.tierstate.sim.SimulatedCloud;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Destroy wall time on the simulated cloud's virtual clock (AWS-like latencies: CloudFront disable
 * propagation 15 min, EC2 termination 1 min, ALB deletion 30 s and its network interfaces 5 min more,
 * mount target deletion 1 min), survey and verification included:
 * SEQUENTIAL vs OVERLAPPED for a Tier 3 stack, against the CloudFront path alone, plus how fast a
 * {@code Deployed} status is noticed and how many polls the wait costs.
 *
 * <pre>
 * java -cp examples/target/tierstate.jar io.tierstate.examples.bench.DestroyBenchmark
 * </pre>
 */
public final class DestroyBenchmark {

    private DestroyBenchmark() {}

    /**
     * Runs the benchmark and prints the figures.
     *
     * @param args unused
     * @throws Exception when the temp home cannot be made
     */
    public static void main(String[] args) throws Exception {
        Run cfOnly = run(Strategy.SEQUENTIAL, true);
        Run sequential = run(Strategy.SEQUENTIAL, false);
        Run overlapped = run(Strategy.OVERLAPPED, false);
        System.out.println("Destroy of a Tier 3 stack on the simulated cloud (virtual clock, AWS-like latencies)");
        System.out.printf("%-34s %10s %8s %8s %12s %14s%n", "run", "wall", "calls", "polls", "CF polls", "Deployed seen");
        for (Run r : List.of(cfOnly, sequential, overlapped)) {
            System.out.printf("%-34s %10s %8d %8d %12d %13ss%n", r.label, fmt(r.report.duration()), r.report.cloudCalls(),
                    r.report.pollCalls(), r.cloudFrontPolls, r.detectionDelay.toSeconds());
        }
        System.out.printf("OVERLAPPED / CloudFront path alone: %.3f (the ALB waits for the distribution's deletion and leaves"
                + " its network interfaces for %d min: the critical path is cloudfront, alb, subnets, vpc)%n",
                ratio(overlapped.report.duration(), cfOnly.report.duration()),
                SimulatedCloud.create().latencies().loadBalancerInterfaceRetention().toMinutes());
        System.out.printf("SEQUENTIAL / OVERLAPPED:            %.3f%n",
                ratio(sequential.report.duration(), overlapped.report.duration()));
        System.out.printf("Deployed noticed within %d s of happening (target <= 30 s), with %d polls in the 15-minute wait (target <= 40)%n",
                overlapped.detectionDelay.toSeconds(), overlapped.cloudFrontPolls);
    }

    private record Run(String label, DestroyReport report, int cloudFrontPolls, Duration detectionDelay) {}

    private static Run run(Strategy strategy, boolean cloudFrontOnly) throws Exception {
        Path home = Files.createTempDirectory("tierstate-bench-");
        SimulatedCloud sim = SimulatedCloud.create();
        List<SimCall> calls = new ArrayList<>();
        try (DeploymentClient client = DeploymentClient.builder().home(home).cloud(sim).build()) {
            deploy(sim, client, "bench", cloudFrontOnly);
            try (var registration = sim.onCall(calls::add)) {
                List<ProgressEvent> events = new ArrayList<>();
                DestroyReport report = client.deployment("bench").destroy().strategy(strategy).onProgress(events::add).run();
                if (report.outcome() != DestroyReport.Outcome.COMPLETED) {
                    throw new IllegalStateException("destroy did not complete:\n" + report.render());
                }
                Instant disabled = calls.stream().filter(c -> c.operation() == SimOperation.UPDATE_DISTRIBUTION && c.succeeded())
                        .map(SimCall::at).findFirst().orElseThrow();
                Instant deleted = calls.stream().filter(c -> c.operation() == SimOperation.DELETE_DISTRIBUTION && c.succeeded())
                        .map(SimCall::at).findFirst().orElseThrow();
                Duration propagation = sim.latencies().latency(SimOperation.UPDATE_DISTRIBUTION);
                int cfPolls = (int) events.stream().filter(e -> e.step().equals("cloudfront")
                        && e.phase() == ProgressEvent.Phase.WAITING).count();
                String label = cloudFrontOnly ? "CloudFront path alone" : strategy.name().toLowerCase() + ", full Tier 3";
                return new Run(label, report, cfPolls, Duration.between(disabled.plus(propagation), deleted));
            }
        }
    }

    /** A Tier 3 stack as a pipeline records it; with {@code cloudFrontOnly}, only the distribution in front of an ALB nobody records. */
    static void deploy(SimulatedCloud sim, DeploymentClient client, String name, boolean cloudFrontOnly) {
        String vpc = sim.createVpc();
        List<String> subnets = List.of(sim.createSubnet(vpc), sim.createSubnet(vpc));
        String sg = sim.createSecurityGroup(vpc);
        LoadBalancerDescription alb = sim.createLoadBalancer(name + "-alb", subnets);
        DeploymentState.Builder b = DeploymentState.builder().stackName(name).status(Status.RUNNING)
                .config(DeploymentConfig.builder().tier(Tier.GPU).instanceType("g4dn.xlarge").build())
                .albDns(alb.dnsName());
        if (!cloudFrontOnly) {
            String fs = sim.createFileSystem();
            String mt = sim.createMountTarget(fs, subnets.get(0), sg);
            String role = name + "-role";
            String profile = name + "-profile";
            sim.createRole(role);
            sim.createInstanceProfile(profile, role);
            String instance = sim.launchInstance("g4dn.xlarge", "ami-0bench", subnets.get(0), sg);
            String tg = sim.createTargetGroup(name + "-tg", vpc);
            sim.attachTargetGroup(alb.arn(), tg);
            b.vpcId(vpc).subnetIds(subnets).securityGroupId(sg).efsId(fs).efsMountTargetId(mt).iamRoleName(role)
                    .iamInstanceProfileName(profile).instanceId(instance).albArn(alb.arn()).targetGroupArn(tg);
        }
        client.deployment(name).create(b.build());
        client.deployment(name).provisionCloudFront(io.tierstate.CloudFrontOptions.defaults().withWaitForDeployed(true));
    }

    private static double ratio(Duration a, Duration b) {
        return (double) a.toMillis() / b.toMillis();
    }

    private static String fmt(Duration d) {
        long s = d.toSeconds();
        return String.format("%dm%02ds", s / 60, s % 60);
    }
}
