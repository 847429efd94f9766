package io.tierstate.examples.cli;

import io.tierstate.DeploymentHandle;
import io.tierstate.destroy.Destroy;
import io.tierstate.destroy.DestroyPlan;
import io.tierstate.destroy.DestroyReport;
import io.tierstate.destroy.Strategy;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code tierstate destroy NAME}: tear a deployment down in order, resumably. */
@Command(name = "destroy", description = "Delete everything the deployment created, in order, journaling each step (run it again to "
        + "resume after a crash or failure). Asks for the stack name unless --yes.")
final class DestroyCommand implements Callable<Integer> {

    @ParentCommand
    TierStateCli cli;

    @Parameters(paramLabel = "NAME", description = "The stack name.")
    String name;

    @Option(names = "--strategy", paramLabel = "sequential|overlapped", description = "Order (default: sequential).")
    String strategy = "sequential";

    @Option(names = "--preserve-efs", description = "Keep the EFS file system and its mount targets.")
    boolean preserveEfs;

    @Option(names = "--defer-cloudfront", description = "Return once the CloudFront disable is requested; finish later with complete-pending.")
    boolean deferCloudFront;

    @Option(names = "--include-provenance", paramLabel = "VALUE",
            description = "Also delete resources whose provenance is VALUE, one TierState does not know (it keeps them by default; the plan names them).")
    java.util.List<String> includeProvenance = new java.util.ArrayList<>();

    @Option(names = "--dry-run", description = "Print the plan; change nothing.")
    boolean dryRun;

    @Option(names = "--yes", description = "Do not ask for confirmation.")
    boolean yes;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = cli.spec.commandLine().getOut();
        PrintWriter err = cli.spec.commandLine().getErr();
        Strategy chosen = switch (strategy.toLowerCase(Locale.ROOT)) {
            case "sequential" -> Strategy.SEQUENTIAL;
            case "overlapped" -> Strategy.OVERLAPPED;
            default -> throw new IllegalArgumentException("--strategy must be sequential or overlapped, was '" + strategy + "'");
        };
        try (CliSession session = cli.cloudSession()) {
            DeploymentHandle d = session.client().deployment(name);
            Destroy destroy = d.destroy().strategy(chosen);
            if (preserveEfs) {
                destroy.preserveEfs();
            }
            if (deferCloudFront) {
                destroy.deferCloudFrontDeletion();
            }
            includeProvenance.forEach(destroy::includeProvenance);
            DestroyPlan plan = destroy.plan();
            if (dryRun) {
                out.print(plan.render());
                return 0;
            }
            session.client().cloud().verifyAccess(); // no credentials: say so before asking anything
            err.println("Target: " + session.client().cloud().describe());
            err.print(plan.render());
            if (!yes) {
                err.print("Type the stack name to destroy it: ");
                err.flush();
                String typed = cli.readLine();
                if (typed == null) {
                    throw new IllegalArgumentException("confirmation needed: type the stack name, or pass --yes in scripts");
                }
                if (!typed.trim().equals(name)) {
                    err.println("tierstate: '" + typed.trim() + "' is not '" + name + "'; nothing was destroyed");
                    return TierStateCli.BAD_INPUT;
                }
            }
            DestroyReport report = destroy.onProgress(err::println).run();
            out.print(cli.json ? report.toJson() : report.render());
            return switch (report.outcome()) {
                case COMPLETED, PENDING_CLOUDFRONT -> 0;
                case FAILED, CANCELLED -> TierStateCli.FAILED;
            };
        }
    }
}
