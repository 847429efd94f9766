package io.tierstate.examples.cli;

import io.tierstate.DeploymentHandle;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code tierstate refresh NAME}: re-read the live status from the cloud, save it, and show the deployment. */
@Command(name = "refresh", description = "Re-read a deployment's live status from the cloud (CloudFront status, instance"
        + " health), save it in its state, and show the deployment as inspect does.")
final class RefreshCommand implements Callable<Integer> {

    @ParentCommand
    TierStateCli cli;

    @Parameters(paramLabel = "NAME", description = "The stack name.")
    String name;

    @Override
    public Integer call() {
        try (CliSession session = cli.cloudSession()) {
            DeploymentHandle deployment = session.client().deployment(name);
            deployment.state(); // a missing deployment is "not found", before any cloud call
            deployment.refresh();
            cli.print(cli.json ? deployment.inspect().toJson() : deployment.inspect().render());
            return 0;
        }
    }
}
