package io.tierstate.examples.cli;

import io.tierstate.CloudFrontOptions;
import io.tierstate.model.DeploymentState;
import io.tierstate.StateJson;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code tierstate provision-cloudfront NAME [--wait]}. */
@Command(name = "provision-cloudfront", description = "Create a CloudFront distribution in front of the deployment's ALB (HTTPS to viewers, "
        + "caching disabled, price class 100, HTTP/2 and 3, to the ALB over the protocol its listeners serve) and record it; a Tier 2"
        + " stack becomes Tier 3.")
final class ProvisionCloudFrontCommand implements Callable<Integer> {

    @ParentCommand
    TierStateCli cli;

    @Parameters(paramLabel = "NAME", description = "The stack name.")
    String name;

    @Option(names = "--wait", description = "Wait until the distribution is Deployed (progress on stderr).")
    boolean waitForDeployed;

    @Option(names = "--price-class", paramLabel = "PC", description = "PriceClass_100 (default), PriceClass_200 or PriceClass_All.")
    String priceClass;

    @Option(names = "--origin-read-timeout", paramLabel = "SECONDS", description = "How long CloudFront waits for the ALB's"
            + " answer, 1 to 180 (default 60; more than 60 needs an AWS quota increase).")
    Integer originReadTimeout;

    @Option(names = "--origin-domain", paramLabel = "NAME", description = "The origin's DNS name when it is not the ALB's own"
            + " (HTTPS to the origin needs an ALB listener whose certificate covers it; else HTTP is used).")
    String originDomain;

    @Override
    public Integer call() {
        PrintWriter err = cli.spec.commandLine().getErr();
        java.util.List<String> steps = java.util.List.of("cloudfront");
        ProgressView view = cli.stderrIsTerminal() ? ProgressView.terminal(err, steps) : ProgressView.log(err, steps);
        CloudFrontOptions options = CloudFrontOptions.defaults().withWaitForDeployed(waitForDeployed).withProgress(view);
        if (priceClass != null) {
            options = options.withPriceClass(priceClass);
        }
        if (originReadTimeout != null) {
            options = options.withOriginReadTimeout(java.time.Duration.ofSeconds(originReadTimeout));
        }
        if (originDomain != null) {
            options = options.withOriginDomainName(originDomain);
        }
        try (CliSession session = cli.cloudSession(); ProgressView.Ticking ticking = view.startTicking(java.time.Duration.ofSeconds(1))) {
            DeploymentState s = session.client().deployment(name).provisionCloudFront(options);
            view.clear();
            cli.spec.commandLine().getOut().print(cli.json ? StateJson.write(s)
                    : "CloudFront " + s.cloudFrontDistributionId().orElse("?") + ": https://" + s.cloudFrontDomainName().orElse("?")
                            + " (" + s.cloudFrontStatus().map(Object::toString).orElse("unknown") + ")\n");
            return 0;
        }
    }
}
