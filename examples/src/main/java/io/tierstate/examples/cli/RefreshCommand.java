package io.tierstate.examples.cli;

import io.tierstate.DeploymentHandle;
import io.tierstate.drift.DriftCheck;
import io.tierstate.drift.DriftReport;
import io.tierstate.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tierstate refresh NAME}: re-read the live status from the cloud, save it, and show the
 * deployment; with {@code --diff}, show what changed outside TierState instead, saving it only with
 * {@code --record}.
 */
@Command(name = "refresh", description = "Re-read a deployment's live status from the cloud (CloudFront status, instance"
        + " health), save it in its state, and show the deployment as inspect does. With --diff: compare the live resources"
        + " with the state and print what changed outside TierState, without saving unless --record.")
final class RefreshCommand implements Callable<Integer> {

    @ParentCommand
    TierStateCli cli;

    @Parameters(paramLabel = "NAME", description = "The stack name.")
    String name;

    @Option(names = "--diff", description = "Print what changed outside TierState (state vs cloud) as a diff; saves nothing"
            + " unless --record.")
    boolean diff;

    @Option(names = "--record", description = "With --diff: write the live values into the state (the serial moves on).")
    boolean record;

    @Option(names = "--fail-on-drift", description = "With --diff: exit 1 when anything changed outside TierState (after"
            + " --ignore), for pipelines.")
    boolean failOnDrift;

    @Option(names = "--ignore", paramLabel = "FIELD", description = "With --diff: leave FIELD out of the comparison, e.g."
            + " efs.size_bytes (it changes with every file written), or a whole resource (cloudfront, instance, alb, efs)."
            + " Repeatable.")
    List<String> ignore = new ArrayList<>();

    @Override
    public Integer call() {
        if (!diff && (record || failOnDrift || !ignore.isEmpty())) {
            String flag = record ? "--record" : failOnDrift ? "--fail-on-drift" : "--ignore";
            throw new InvalidInputException(flag + " needs --diff: tierstate refresh " + name + " --diff " + flag
                    + (flag.equals("--ignore") ? " FIELD" : ""));
        }
        if (diff) {
            try {
                DriftCheck.checkIgnored(ignore);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("--ignore: " + e.getMessage(), e);
            }
        }
        try (CliSession session = cli.cloudSession()) {
            DeploymentHandle deployment = session.client().deployment(name);
            deployment.state(); // a missing deployment is "not found", before any cloud call
            if (diff) {
                DriftReport report = record ? deployment.recordDrift(ignore) : deployment.drift(ignore);
                cli.print(cli.json ? report.toJson() : report.render() + hint(report));
                return failOnDrift && !report.isEmpty() ? TierStateCli.FAILED : 0;
            }
            deployment.refresh();
            cli.print(cli.json ? deployment.inspect().toJson() : deployment.inspect().render());
            return 0;
        }
    }

    private String hint(DriftReport report) {
        if (report.recordedSerial().isPresent() || (report.isEmpty() && report.notRecorded().isEmpty())) {
            return "";
        }
        return "Nothing was saved; 'tierstate refresh " + name + " --diff --record' writes the live values into the state.\n";
    }
}
