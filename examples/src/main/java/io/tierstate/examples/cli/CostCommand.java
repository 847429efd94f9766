package io.tierstate.examples.cli;

import io.tierstate.error.InvalidInputException;
import io.tierstate.model.CostSubjects;
import io.tierstate.DeploymentClient;
import io.tierstate.cost.CostEstimate;
import io.tierstate.cost.InvalidUsageException;
import io.tierstate.cost.PriceCatalog;
import io.tierstate.cost.UsageProfile;
import io.tierstate.model.Tier;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code tierstate cost}: the monthly cost of a deployment, or of a plan before deploying. */
@Command(name = "cost", description = "Estimate the monthly cost of a deployment (what its state holds), or of a plan before "
        + "deploying (--tier and --instance-type instead of NAME).")
final class CostCommand implements Callable<Integer> {

    @ParentCommand
    TierStateCli cli;

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "The stack name.")
    String name;

    @Option(names = "--tier", paramLabel = "T", description = "Plan: the tier (dev|automation|gpu, or 1|2|3).")
    String tier;

    @Option(names = "--instance-type", paramLabel = "TYPE", description = "Plan: the instance type, e.g. g4dn.xlarge.")
    String instanceType;

    @Option(names = "--https-requests", paramLabel = "N", description = "HTTPS requests a month (default 1,000,000).")
    Long httpsRequests;

    @Option(names = "--http-requests", paramLabel = "N", description = "HTTP requests a month (default 0).")
    Long httpRequests;

    @Option(names = "--transfer-gb", paramLabel = "G", description = "Data transfer out, GB a month (default 100).")
    BigDecimal transferGb;

    @Option(names = "--lcu", paramLabel = "L", description = "Average load balancer capacity units (default 1).")
    BigDecimal lcu;

    @Option(names = "--efs-gb", paramLabel = "G", description = "GB stored on EFS (default 100).")
    BigDecimal efsGb;

    @Option(names = "--free-tier", description = "Apply the always-free tier (CloudFront 1 TB and 10M requests a month).")
    boolean freeTier;

    @Option(names = "--prices", paramLabel = "FILE", description = "A price file laid over the default catalog (see docs/cost.md).")
    Path prices;

    private static final java.util.Map<String, String> OPTIONS = java.util.Map.of(
            "httpsRequests", "--https-requests", "httpRequests", "--http-requests", "dataTransferOutGb", "--transfer-gb",
            "lcu", "--lcu", "efsStorageGb", "--efs-gb");

    @Override
    public Integer call() {
        UsageProfile.Builder usage = UsageProfile.defaults().toBuilder();
        if (httpsRequests != null) {
            usage.httpsRequests(httpsRequests);
        }
        if (httpRequests != null) {
            usage.httpRequests(httpRequests);
        }
        if (transferGb != null) {
            usage.dataTransferOutGb(transferGb);
        }
        if (lcu != null) {
            usage.lcu(lcu);
        }
        if (efsGb != null) {
            usage.efsStorageGb(efsGb);
        }
        usage.freeTier(freeTier);
        UsageProfile profile;
        try {
            profile = usage.build();
        } catch (InvalidUsageException e) {
            throw new InvalidInputException(OPTIONS.getOrDefault(e.field(), e.field()) + ": " + e.getMessage(), e);
        }
        try (DeploymentClient client = cli.client(prices == null ? null : PriceCatalog.defaults().overriddenBy(prices))) {
            CostEstimate estimate;
            if (name != null) {
                if (tier != null || instanceType != null) {
                    throw new InvalidInputException("give either NAME or --tier and --instance-type, not both");
                }
                estimate = client.deployment(name).estimateCost(profile);
            } else {
                if (tier == null || instanceType == null) {
                    throw new InvalidInputException("give a deployment NAME, or --tier and --instance-type for a plan");
                }
                estimate = client.estimate(CostSubjects.plan(Tier.parse(tier), instanceType), profile);
            }
            cli.spec.commandLine().getOut().print(cli.json ? estimate.toJson() : estimate.render());
            return 0;
        }
    }
}
