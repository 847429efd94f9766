package io.tierstate.examples.cli;

import io.tierstate.CloudFrontOptions;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.StateJson;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code tierstate provision-cloudfront NAME [--wait]}. */
@Command(name = "provision-cloudfront", description = "Create a CloudFront distribution in front of the deployment's ALB (HTTPS to viewers, "
        + "caching disabled, price class 100, HTTP/2 and 3) and record it.")
final class ProvisionCloudFrontCommand implements Callable<Integer> {

    @ParentCommand
    TierStateCli cli;

    @Parameters(paramLabel = "NAME", description = "The stack name.")
    String name;

    @Option(names = "--wait", description = "Wait until the distribution is Deployed (progress on stderr).")
    boolean waitForDeployed;

    @Option(names = "--price-class", paramLabel = "PC", description = "PriceClass_100 (default), PriceClass_200 or PriceClass_All.")
    String priceClass;

    @Override
    public Integer call() {
        PrintWriter err = cli.spec.commandLine().getErr();
        CloudFrontOptions options = CloudFrontOptions.defaults().withWaitForDeployed(waitForDeployed)
                .withProgress(e -> err.println(e));
        if (priceClass != null) {
            options = options.withPriceClass(priceClass);
        }
        try (CliSession session = cli.cloudSession()) {
            DeploymentState s = session.client().deployment(name).provisionCloudFront(options);
            cli.spec.commandLine().getOut().print(cli.json ? StateJson.write(s)
                    : "CloudFront " + s.cloudFrontDistributionId().orElse("?") + ": https://" + s.cloudFrontDomainName().orElse("?")
                            + " (" + s.cloudFrontStatus().map(Object::toString).orElse("unknown") + ")\n");
            return 0;
        }
    }
}
