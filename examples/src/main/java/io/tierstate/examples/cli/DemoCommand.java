package io.tierstate.examples.cli;

import io.tierstate.DeploymentClient;
import io.tierstate.DeploymentHandle;
import io.tierstate.model.DeploymentConfig;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.Provenance;
import io.tierstate.model.Status;
import io.tierstate.model.Tier;
import io.tierstate.port.MigrationOutcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import io.tierstate.destroy.Destroy;
import io.tierstate.destroy.DestroyReport;
import io.tierstate.destroy.ProgressEvent;
import io.tierstate.destroy.Strategy;
import io.tierstate.examples.pipeline.DeployPipeline;
import io.tierstate.sim.SimulatedCloud;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tierstate demo}: a walk through TierState on a fresh home in a temp directory, starting
 * from state files as GeuseMaker leaves them. Touches nothing outside that directory.
 */
@Command(name = "demo", description = "Walk through TierState on a fresh temp home: GeuseMaker files, list, migrate, record, then "
        + "provision -> inspect -> destroy a Tier 3 stack on the simulated cloud.")
final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    TierStateCli cli;

    @Override
    public Integer call() throws IOException {
        java.io.StringWriter buffer = new java.io.StringWriter();
        PrintWriter out = cli.json ? new PrintWriter(buffer) : cli.spec.commandLine().getOut();
        Path home = Files.createTempDirectory("tierstate-demo-");
        out.println("TierState demo — home: " + home);
        out.println("(a throwaway directory; your ~/.tierstate is not touched)");

        section(out, "1. Two state files as GeuseMaker wrote them (its schema v1 and v2)");
        Path deployments = Files.createDirectories(home.resolve("deployments"));
        Files.writeString(deployments.resolve("legacy-dev.json"), LEGACY_V1, StandardCharsets.UTF_8);
        Files.writeString(deployments.resolve("gpu-edge.json"), GPU_V2, StandardCharsets.UTF_8);
        out.println("wrote deployments/legacy-dev.json (Tier 1) and deployments/gpu-edge.json (Tier 3)");

        try (DeploymentClient client = DeploymentClient.builder().home(home).build()) {
            section(out, "2. List them (tierstate list): old files are read as they are, nothing is written");
            out.print(client.deployments().fetch());

            section(out, "3. Migrate them to the current format (tierstate migrate); the originals are kept");
            for (MigrationOutcome m : client.migrate().outcomes()) {
                out.println("  " + m.name() + ": " + m.result().toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                        + " from GeuseMaker's schema v" + m.fromVersion() + m.backup().map(b -> ", original kept in "
                        + home.relativize(Path.of(b))).orElse(""));
            }

            section(out, "4. Record a new Tier 3 deployment the moment its resources exist");
            DeploymentHandle d = client.deployment("demo-gpu");
            d.create(DeploymentState.builder()
                    .stackName("demo-gpu")
                    .status(Status.CREATING)
                    .config(DeploymentConfig.builder().stackName("demo-gpu").tier(Tier.GPU).region("eu-west-1")
                            .instanceType("g5.xlarge").build())
                    .build());
            d.update(s -> s.withVpcId("vpc-0demo000000000001").withInstanceId("i-0demo000000000001")
                    .withResourceProvenance(Map.of("vpc", Provenance.REUSED, "instance", Provenance.CREATED)));
            DeploymentState s = d.update(x -> x.withAlbDns("demo-gpu-alb-1.eu-west-1.elb.amazonaws.com")
                    .withCloudFrontDistributionId("E1DEMO2EXAMPLE3").withCloudFrontDomainName("d3demo4example5.cloudfront.net")
                    .withGpuEnabled(true).withGpuInstanceType("g5.xlarge").withStatus(Status.RUNNING));
            out.println("demo-gpu is " + s.status() + " at " + s.cloudFrontDomainName().orElse("?") + "; recorded in 3 writes,"
                    + " each keeping the previous version as a backup (" + d.backups().size() + " so far)");

            section(out, "5. A damaged file never hides the others");
            Files.writeString(deployments.resolve("broken.json"), "{\"stack_name\": \"broken\", \"status\": ", StandardCharsets.UTF_8);
            out.print(CliWords.translate(client.deployments().fetch().toString()));
            Files.delete(deployments.resolve("broken.json"));
        }

        SimulatedCloud cloud = SimulatedCloud.builder().persistTo(home.resolve(TierStateCli.SIM_FILE)).build();
        try (DeploymentClient client = DeploymentClient.builder().home(home).cloud(cloud).build()) {
            section(out, "6. A deploy pipeline records a Tier 3 stack as it creates it (simulated cloud)");
            java.io.StringWriter pipelineLog = new java.io.StringWriter();
            new DeployPipeline(client, cloud, new PrintWriter(pipelineLog), Optional.empty()).deploy("edge-gpu");
            out.println("network, EFS, IAM, GPU instance, load balancer, CloudFront: each recorded the moment it existed");
            pipelineLog.toString().lines().filter(l -> l.startsWith("deployed ")).forEach(out::println);

            section(out, "7. Inspect it (tierstate inspect edge-gpu --refresh): the CloudFront URL first");
            DeploymentHandle edge = client.deployment("edge-gpu");
            edge.refresh();
            out.print(firstPart(edge.inspect().render()));
            out.println("  ... then the origins, the instance, the load balancer, EFS, IAM and the network");

            section(out, "8. What it costs a month (tierstate cost edge-gpu)");
            out.print(costSummary(edge.estimateCost().toString()));

            section(out, "9. Destroy it (tierstate destroy edge-gpu): the plan, progress, then a check that nothing is left");
            Destroy destroy = edge.destroy().strategy(Strategy.OVERLAPPED);
            io.tierstate.destroy.DestroyPlan plan = destroy.plan();
            out.print(plan.render());
            ProgressView view = ProgressView.log(out, plan.steps().stream().map(io.tierstate.destroy.DestroyStep::id).toList(),
                    java.time.Duration.ofMinutes(5));
            // the demo shows every step's end and CloudFront's long wait; the full form is what destroy prints
            DestroyReport report = destroy.onProgress(e -> {
                if (e.phase() != ProgressEvent.Phase.STARTED || ProgressView.expected(e.step()).isPresent()) {
                    view.onProgress(e);
                }
            }).run();
            report.render().lines().filter(l -> l.startsWith("Destroy of")).map(l -> l.replaceFirst(", \\d+ cloud calls.*\\)", ")"))
                    .forEach(out::println);
            out.println(cloud.liveResources().isEmpty() ? "Nothing left in the simulated account."
                    : "Still live: " + cloud.liveResources());
        }
        out.println();
        out.println("Done. Try: bin/tierstate --home " + home + " inspect gpu-edge");
        out.println("     or:  bin/tierstate --home " + home + " --cloud simulated destroy gpu-edge --dry-run");
        if (cli.json) {
            out.flush();
            cli.spec.commandLine().getOut().print(asJson(home, buffer.toString()));
        }
        return 0;
    }

    /** The walk-through as {@code {home, steps: [{title, text}]}}: each "== " section one step. */
    static String asJson(Path home, String text) {
        var root = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("home", home.toString());
        var steps = root.putArray("steps");
        for (String section : text.split("\n== ")) {
            int nl = section.indexOf('\n');
            if (section.startsWith("TierState demo") || nl < 0) {
                continue;
            }
            steps.addObject().put("title", section.substring(0, nl)).put("text", section.substring(nl + 1).strip() + "\n");
        }
        return io.tierstate.StateJson.write(root);
    }

    /** The inspection up to the CloudFront origins: what a person looks at first. */
    static String firstPart(String inspection) {
        StringBuilder b = new StringBuilder();
        for (String line : inspection.split("\n", -1)) {
            if (line.startsWith("  origins") || line.startsWith("  cache behaviours")) {
                break;
            }
            b.append(line).append('\n');
        }
        return b.toString();
    }

    /** The estimate's heading and totals, without the line items. */
    static String costSummary(String estimate) {
        StringBuilder b = new StringBuilder();
        boolean totals = false;
        for (String line : estimate.split("\n")) {
            totals |= line.startsWith("Subtotals");
            if (line.startsWith("Monthly cost estimate") || totals) {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }

    private static void section(PrintWriter out, String title) {
        out.println();
        out.println("== " + title);
    }

    private static final String LEGACY_V1 = """
            {
              "stack_name": "legacy-dev",
              "created_at": "2025-01-20T10:02:11.204518",
              "updated_at": "2025-01-20T10:19:40.000113",
              "status": "running",
              "vpc_id": "vpc-0legacy0000000001",
              "subnet_ids": ["subnet-0legacy000000001"],
              "security_group_id": "sg-0legacy000000001",
              "efs_id": "fs-0legacy000000001",
              "instance_id": "i-0legacy000000001",
              "public_ip": "18.204.7.10",
              "container_images": {"n8n": "n8nio/n8n:1.70.3"},
              "cost": {"instance_type": "t3.medium", "is_spot": false, "on_demand_price_per_hour": "0.0416"},
              "config": {"stack_name": "legacy-dev", "tier": "dev", "instance_type": "t3.medium", "os_type": "ubuntu-22.04"}
            }
            """;

    private static final String GPU_V2 = """
            {
              "schema_version": 2,
              "stack_name": "gpu-edge",
              "created_at": "2025-10-02T07:30:00.000001+00:00",
              "status": "running",
              "instance_id": "i-0edge00000000001",
              "alb_dns": "gpu-edge-alb-42.us-east-1.elb.amazonaws.com",
              "cloudfront_id": "E3EDGE4EXAMPLE5",
              "cloudfront_domain": "d9edge8example7.cloudfront.net",
              "resource_provenance": {"vpc": "reused", "alb": "created", "cloudfront": "created"},
              "rollback_history": [],
              "cost": {"instance_type": "g4dn.xlarge", "is_spot": true, "spot_price_per_hour": "0.2104"},
              "config": {"stack_name": "gpu-edge", "tier": "gpu", "workload": "gpu", "instance_type": "g4dn.xlarge",
                         "ami_id": "ami-0edge000000000001", "enable_alb": true, "enable_cdn": true}
            }
            """;
}
