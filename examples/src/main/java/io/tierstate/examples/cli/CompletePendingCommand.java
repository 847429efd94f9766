package io.tierstate.examples.cli;

import io.tierstate.destroy.DestroyReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code tierstate complete-pending}: delete the distributions whose deletion was deferred. */
@Command(name = "complete-pending", description = "Finish destroys whose CloudFront deletion was deferred (--defer-cloudfront).")
final class CompletePendingCommand implements Callable<Integer> {

    @ParentCommand
    TierStateCli cli;

    @Override
    public Integer call() {
        PrintWriter out = cli.spec.commandLine().getOut();
        try (CliSession session = cli.cloudSession()) {
            List<DestroyReport> reports = session.client().completePendingDestroys();
            if (cli.json) {
                cli.print("[" + String.join(",", reports.stream().map(DestroyReport::toJson).toList()) + "]\n");
            } else if (reports.isEmpty()) {
                out.println("No pending CloudFront deletions.");
            } else {
                reports.forEach(r -> cli.print(r.render()));
            }
            return reports.stream().allMatch(DestroyReport::succeeded) ? 0 : TierStateCli.FAILED;
        }
    }
}
