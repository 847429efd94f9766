package io.tierstate.examples.cli;

import io.tierstate.DeploymentClient;
import io.tierstate.DeploymentHandle;
import io.tierstate.view.Inspection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tierstate inspect NAME}: one deployment at a glance (for Tier 3 the CloudFront URL first),
 * or its JSON form with {@code --json}. Reads local state only unless {@code --refresh} is given.
 */
@Command(name = "inspect", description = "Show one deployment: for Tier 3 the CloudFront URL first, then CloudFront, GPU, ALB, EC2, "
        + "EFS, IAM, network, monthly cost and any destroy in progress. Reads local state only (v1/v2 "
        + "files are migrated in memory, nothing is written) unless --refresh asks the cloud first.")
final class InspectCommand implements Callable<Integer> {

    @ParentCommand
    TierStateCli cli;

    @Parameters(paramLabel = "NAME", description = "The stack name.")
    String name;

    @Option(names = "--refresh", description = "Re-read the live status (CloudFront, instance health) from the cloud first.")
    boolean refresh;

    @Override
    public Integer call() {
        if (refresh) {
            // only --refresh reaches the cloud; plain inspect never starts a cloud SDK
            try (CliSession session = cli.cloudSession()) {
                DeploymentHandle deployment = session.client().deployment(name);
                deployment.state(); // a missing deployment is "not found", before any cloud call
                deployment.refresh();
                return print(deployment.inspect());
            }
        }
        try (DeploymentClient client = cli.client()) {
            return print(client.deployment(name).inspect());
        }
    }

    private int print(Inspection inspection) {
        cli.print(cli.json ? inspection.toJson() : inspection.render());
        return 0;
    }
}
