package io.tierstate.examples.pipeline;

import io.tierstate.CloudFrontOptions;
import io.tierstate.DeploymentClient;
import io.tierstate.DeploymentHandle;
import io.tierstate.destroy.DestroyReport;
import io.tierstate.destroy.Strategy;
import io.tierstate.model.DeploymentConfig;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.Provenance;
import io.tierstate.model.Status;
import io.tierstate.model.Tier;
import io.tierstate.port.LoadBalancerDescription;
import io.tierstate.sim.SimulatedCloud;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A deploy pipeline that embeds TierState: it creates a Tier 3 stack step by step, records each
 * resource in state the moment it exists, and when a step fails destroys exactly what was recorded,
 * so a failed deploy leaks nothing.
 *
 * <p>The resources are created in a {@link SimulatedCloud}, standing in for the AWS SDK calls a real
 * pipeline makes; the TierState calls are the ones a real pipeline makes.
 *
 * <pre>
 * java -cp examples/target/tierstate.jar io.tierstate.examples.pipeline.DeployPipeline            # succeeds
 * java -cp examples/target/tierstate.jar io.tierstate.examples.pipeline.DeployPipeline --fail-at alb   # rolls back
 * </pre>
 */
public final class DeployPipeline {

    /** The steps, in order; {@code --fail-at STEP} makes one of them fail. */
    static final List<String> STEPS = List.of("network", "efs", "iam", "instance", "alb", "cloudfront");

    private final DeploymentClient client;
    private final SimulatedCloud cloud;
    private final PrintWriter out;
    private final Optional<String> failAt;

    /**
     * Creates the pipeline.
     *
     * @param client the client recording state
     * @param cloud the simulated cloud standing in for the AWS SDK
     * @param out where the pipeline reports its steps
     * @param failAt the step to fail, if any
     */
    public DeployPipeline(DeploymentClient client, SimulatedCloud cloud, PrintWriter out, Optional<String> failAt) {
        this.client = client;
        this.cloud = cloud;
        this.out = out;
        this.failAt = failAt;
    }

    /**
     * Runs the pipeline on a fresh temp home.
     *
     * @param args {@code [--fail-at network|efs|iam|instance|alb|cloudfront]}
     * @throws Exception when the temp home cannot be made
     */
    public static void main(String[] args) throws Exception {
        Optional<String> failAt = args.length == 2 && args[0].equals("--fail-at") ? Optional.of(args[1]) : Optional.empty();
        if (failAt.isPresent() && !STEPS.contains(failAt.get())) {
            System.err.println("--fail-at must be one of " + STEPS);
            System.exit(2);
        }
        Path home = Files.createTempDirectory("tierstate-pipeline-");
        SimulatedCloud cloud = SimulatedCloud.create();
        try (DeploymentClient client = DeploymentClient.builder().home(home).cloud(cloud).build()) {
            boolean ok = new DeployPipeline(client, cloud, new PrintWriter(System.out, true), failAt).deploy("pipeline-gpu");
            System.exit(ok ? 0 : 1);
        }
    }

    /**
     * Deploys a Tier 3 stack, or rolls back what was recorded when a step fails.
     *
     * @param name the stack name
     * @return whether the deploy succeeded
     */
    public boolean deploy(String name) {
        DeploymentHandle d = client.deployment(name);
        d.create(DeploymentState.builder().stackName(name).status(Status.CREATING)
                .config(DeploymentConfig.builder().stackName(name).tier(Tier.GPU).instanceType("g5.xlarge")
                        .enableAlb(true).enableCdn(true).build())
                .build());
        out.println("recorded " + name + " (creating)");
        try {
            step("network");
            String vpc = cloud.createVpc();
            List<String> subnets = List.of(cloud.createSubnet(vpc), cloud.createSubnet(vpc));
            String sg = cloud.createSecurityGroup(vpc);
            record(d, s -> s.withVpcId(vpc).withSubnetIds(subnets).withSecurityGroupId(sg)
                    .withResourceProvenance(Map.of("vpc", Provenance.CREATED, "subnets", Provenance.CREATED)), "vpc, subnets, security group");

            step("efs");
            String fs = cloud.createFileSystem();
            record(d, s -> s.withEfsId(fs), "file system " + fs);
            String mt = cloud.createMountTarget(fs, subnets.get(0), sg);
            record(d, s -> s.withEfsMountTargetId(mt).withEfsMountTargetIds(List.of(mt)), "mount target " + mt);

            step("iam");
            String role = name + "-role";
            String roleArn = cloud.createRole(role);
            record(d, s -> s.withIamRoleName(role).withIamRoleArn(roleArn), "role " + role);
            String profile = name + "-profile";
            String profileArn = cloud.createInstanceProfile(profile, role);
            record(d, s -> s.withIamInstanceProfileName(profile).withIamInstanceProfileArn(profileArn), "instance profile " + profile);

            step("instance");
            String instance = cloud.launchInstance("g5.xlarge", "ami-0pytorch00000001", subnets.get(0), sg);
            record(d, s -> s.withInstanceId(instance), "instance " + instance);
            d.recordGpuInstance(instance);
            out.println("  recorded GPU details of " + instance);

            step("alb");
            LoadBalancerDescription alb = cloud.createLoadBalancer(name + "-alb", subnets);
            record(d, s -> s.withAlbArn(alb.arn()).withAlbDns(alb.dnsName()), "load balancer " + alb.dnsName());
            String tg = cloud.createTargetGroup(name + "-tg", vpc);
            cloud.attachTargetGroup(alb.arn(), tg);
            record(d, s -> s.withTargetGroupArn(tg), "target group");

            step("cloudfront");
            DeploymentState s = d.provisionCloudFront(CloudFrontOptions.defaults().withWaitForDeployed(true));
            out.println("  CloudFront " + s.cloudFrontDistributionId().orElseThrow() + " is "
                    + s.cloudFrontStatus().orElseThrow() + ": https://" + s.cloudFrontDomainName().orElseThrow());

            d.update(x -> x.withStatus(Status.RUNNING));
            out.println("deployed " + name + "; " + cloud.liveResources().size() + " resources live");
            out.flush();
            return true;
        } catch (RuntimeException e) {
            out.println("step failed: " + e.getMessage());
            out.println("rolling back what was recorded ...");
            DestroyReport report = d.destroy().strategy(Strategy.OVERLAPPED).run();
            out.print(report.render());
            out.println(cloud.liveResources().isEmpty() ? "nothing leaked: the simulated account is empty"
                    : "LEAKED: " + cloud.liveResources());
            out.flush();
            return false;
        }
    }

    private void step(String step) {
        out.println("step " + step);
        if (failAt.filter(step::equals).isPresent()) {
            throw new IllegalStateException("the '" + step + "' step failed (simulated with --fail-at " + step + ")");
        }
    }

    private void record(DeploymentHandle d, java.util.function.UnaryOperator<DeploymentState> change, String what) {
        d.update(change);
        out.println("  recorded " + what);
    }
}
