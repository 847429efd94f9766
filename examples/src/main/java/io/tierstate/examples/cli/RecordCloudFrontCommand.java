package io.tierstate.examples.cli;

import io.tierstate.model.DeploymentState;
import io.tierstate.StateJson;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code tierstate record-cloudfront NAME DISTRIBUTION_ID}. */
@Command(name = "record-cloudfront", description = "Describe a CloudFront distribution and record it in the deployment's state.")
final class RecordCloudFrontCommand implements Callable<Integer> {

    @ParentCommand
    TierStateCli cli;

    @Parameters(index = "0", paramLabel = "NAME", description = "The stack name.")
    String name;

    @Parameters(index = "1", paramLabel = "DISTRIBUTION_ID", description = "e.g. E2QWRUHAPOMQZL")
    String distributionId;

    @Override
    public Integer call() {
        try (CliSession session = cli.cloudSession()) {
            DeploymentState s = session.client().deployment(name).recordCloudFront(distributionId);
            cli.spec.commandLine().getOut().print(cli.json ? StateJson.write(s)
                    : "recorded " + s.cloudFrontDistributionId().orElse("?") + ": https://" + s.cloudFrontDomainName().orElse("?")
                            + " (" + s.cloudFrontStatus().map(Object::toString).orElse("unknown") + ", "
                            + (s.cloudFrontEnabled().orElse(false) ? "enabled" : "disabled") + ")\n");
            return 0;
        }
    }
}
