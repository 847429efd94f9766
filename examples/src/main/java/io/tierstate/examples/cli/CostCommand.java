package io.tierstate.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tierstate.DeploymentHandle;
import io.tierstate.cost.CostToDate;
import io.tierstate.view.Budget;
import java.util.Optional;

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

    @Option(names = "--instance-type", paramLabel = "TYPE", description = "Plan: the instance type, e.g. g4dn.xlarge. With "
            + "NAME: price the deployment on this type and print the monthly change.")
    String instanceType;

    @Option(names = "--spot", arity = "0..1", fallbackValue = "", paramLabel = "PRICE", description = "With NAME: price "
            + "the change on the spot market at PRICE per hour (the catalog has no spot prices, so give one).")
    String spot;

    @Option(names = "--no-cloudfront", description = "With NAME: price the deployment without its CloudFront "
            + "distribution and print the monthly change.")
    boolean noCloudFront;

    @Option(names = "--region", paramLabel = "R", description = "With NAME: price the deployment in region R (e.g. "
            + "eu-west-1) and print the monthly change. With --tier: price the plan in R (default us-east-1).")
    String region;

    @Option(names = "--diff", description = "With NAME: print the monthly change the usage options (e.g. --efs-gb) make "
            + "against the default usage profile.")
    boolean diff;

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

    @Option(names = "--to-date", description = "What the deployment has cost from its start (cost.instance_start_time, else "
            + "created_at) to now or terminated_at, instead of the monthly estimate.")
    boolean toDate;

    @Option(names = "--record", description = "With --to-date: append the figure to cost.cost_history and update "
            + "cost.estimated_cost_to_date and cost.total_runtime_hours in the state.")
    boolean record;

    @Option(names = "--at", paramLabel = "TIME", description = "With --to-date: end the period at TIME (ISO-8601, e.g. "
            + "2026-07-18T10:00:00Z) instead of now.")
    String at;

    @Option(names = "--budget", paramLabel = "AMOUNT", description = "A monthly budget to compare the monthly estimate "
            + "with, instead of the state's cost.budget_limit or config.budget_limit.")
    BigDecimal budget;

    @Option(names = "--fail-over-budget", description = "Exit 1 when the monthly estimate is above the budget (for "
            + "pipelines).")
    boolean failOverBudget;

    @Option(names = "--usage-from-metrics", description = "With NAME: take CloudFront requests and data out, LCU and EFS "
            + "size from the stack's own metrics (CloudWatch; the simulated cloud with --cloud simulated) over the last "
            + "--days, scaled to a month; lines without metrics come from the usage options or the defaults. With --to-date: "
            + "measure the stack's whole life.")
    boolean usageFromMetrics;

    @Option(names = "--days", paramLabel = "N", description = "With --usage-from-metrics: the days to measure, 1 to 455 "
            + "(default 30; CloudWatch keeps hourly datapoints for 455 days).")
    Integer days;

    @Option(names = "--svg", paramLabel = "FILE.svg", description = "Also draw the monthly estimate into FILE.svg: a bar per "
            + "resource with its line items stacked, the total and the catalog date.")
    Path svg;

    private Path svgTarget;

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
            String flag = OPTIONS.getOrDefault(e.field(), e.field());
            // the library names its Java field (dataTransferOutGb); the user typed the flag
            String message = e.getMessage().startsWith(e.field() + " ") ? e.getMessage().substring(e.field().length() + 1)
                    : e.getMessage();
            throw new InvalidInputException(flag + " " + message, e);
        }
        if (budget != null && budget.signum() <= 0) {
            throw new InvalidInputException("--budget is " + budget.toPlainString()
                    + "; give a monthly amount more than 0, e.g. --budget 250");
        }
        if ((record || at != null) && !toDate) {
            throw new InvalidInputException((record ? "--record" : "--at") + " needs --to-date: tierstate cost NAME --to-date "
                    + (record ? "--record" : "--at TIME"));
        }
        if (svg != null && (toDate || diff || instanceType != null && name != null || spot != null || noCloudFront
                || region != null && name != null)) {
            throw new InvalidInputException("--svg draws a monthly estimate; leave out --to-date and the change options"
                    + " (--instance-type, --spot, --no-cloudfront, --region, --diff) with NAME");
        }
        svgTarget = svg == null ? null : PictureFiles.check("--svg", svg, ".svg", "--svg cost.svg");
        java.time.Clock clock = at == null ? null : java.time.Clock.fixed(instant(at), java.time.ZoneOffset.UTC);
        if (days != null && !usageFromMetrics) {
            throw new InvalidInputException("--days is the window of --usage-from-metrics: tierstate cost NAME "
                    + "--usage-from-metrics --days " + days);
        }
        if (usageFromMetrics) {
            return fromMetrics(profile, clock);
        }
        try (DeploymentClient client = cli.client(prices == null ? null : PriceCatalog.defaults().overriddenBy(prices),
                clock)) {
            CostEstimate estimate;
            if (name != null) {
                if (tier != null) {
                    throw new InvalidInputException("give either NAME or --tier and --instance-type, not both;"
                            + " to price a change of NAME use --instance-type, --spot PRICE, --no-cloudfront, --region R or"
                            + " --efs-gb");
                }
                DeploymentHandle d = client.deployment(name);
                if (instanceType != null || spot != null || noCloudFront || diff || region != null) {
                    if (toDate) {
                        throw new InvalidInputException("--to-date prices what has run; leave out the change options"
                                + " (--instance-type, --spot, --no-cloudfront, --region, --diff)");
                    }
                    return change(client, d, profile);
                }
                estimate = d.estimateCost(profile);
                if (toDate) {
                    CostToDate spent = record ? d.recordCostToDate(profile) : d.costToDate(profile);
                    return printWithBudget(spent.toJson(), spent.render(), estimate, Budget.of(d.state()));
                }
                return printWithBudget(estimate.toJson(), estimate.render(), estimate, Budget.of(d.state()));
            } else {
                if (toDate) {
                    throw new InvalidInputException("--to-date needs a deployment NAME: a plan has not run yet");
                }
                if (tier == null || instanceType == null) {
                    throw new InvalidInputException("give a deployment NAME, or --tier and --instance-type for a plan");
                }
                io.tierstate.cost.Plan plan = CostSubjects.plan(Tier.parse(tier), instanceType);
                estimate = client.estimate(region == null ? plan : io.tierstate.cost.Plan.builder().from(plan)
                        .region(region).build(), profile);
            }
            return printWithBudget(estimate.toJson(), estimate.render(), estimate, Optional.empty());
        }
    }

    /** The estimate (or the cost to date) with usage measured by the stack's own metrics. */
    private int fromMetrics(UsageProfile fallback, java.time.Clock clock) {
        if (name == null) {
            throw new InvalidInputException("--usage-from-metrics needs a deployment NAME: a plan has no metrics yet");
        }
        if (tier != null || instanceType != null || spot != null || noCloudFront || diff || region != null) {
            throw new InvalidInputException("--usage-from-metrics prices the deployment as it runs; leave out the change"
                    + " options (--tier, --instance-type, --spot, --no-cloudfront, --region, --diff)");
        }
        if (days != null && (days < 1 || days > 455)) {
            throw new InvalidInputException("--days is " + days + "; give 1 to 455 days (CloudWatch keeps hourly datapoints"
                    + " for 455 days), e.g. --days 30");
        }
        if (days != null && toDate) {
            throw new InvalidInputException("--to-date measures the deployment's whole life; leave out --days");
        }
        try (CliSession session = cli.cloudSession(prices == null ? null : PriceCatalog.defaults().overriddenBy(prices),
                clock)) {
            DeploymentHandle d = session.client().deployment(name);
            if (toDate) {
                CostToDate spent = record ? d.recordCostToDateFromMetrics(fallback) : d.costToDateFromMetrics(fallback);
                return printWithBudget(spent.toJson(), spent.render(), d.estimateCost(fallback), Budget.of(d.state()));
            }
            io.tierstate.cost.UsageFromMetrics usage = d.usageFromMetrics(java.time.Duration.ofDays(days == null ? 30 : days),
                    fallback);
            CostEstimate estimate = d.estimateCost(usage.profile());
            ObjectNode json = (ObjectNode) readTree(estimate.toJson());
            json.set("usage_from_metrics", readTree(usage.toJson()));
            return printWithBudget(json.toPrettyString() + "\n", estimate.render() + "\n" + usage.render(), estimate,
                    Budget.of(d.state()));
        }
    }

    /**
     * The monthly change of a deployment: its estimate with the default usage for what the change
     * options leave alone, against the same with the changes applied.
     */
    private int change(DeploymentClient client, DeploymentHandle d, UsageProfile after) {
        io.tierstate.cost.DeploymentResources now = CostSubjects.of(d.state());
        io.tierstate.cost.DeploymentResources.Builder changed = io.tierstate.cost.DeploymentResources.builder().from(now);
        // naming what the deployment already has is no change, and keeps its recorded spot price
        if (instanceType != null && !now.instanceType().filter(instanceType::equals).isPresent()) {
            changed.instanceType(instanceType);
            // a recorded spot price is the old type's; the new type is priced on demand unless --spot says otherwise
            changed.spotPricePerHour(Optional.empty());
        }
        if (region != null && !region.equals(now.region())) {
            changed.region(region);
            // a recorded spot price is the old region's market; the new region is priced on demand unless --spot says
            changed.spotPricePerHour(Optional.empty());
        }
        if (spot != null) {
            if (spot.isBlank()) {
                throw new InvalidInputException("the price catalog has no spot prices, so --spot needs one: e.g. --spot "
                        + "0.4524 (per instance-hour, from the EC2 console's spot price history)");
            }
            BigDecimal price;
            try {
                price = new BigDecimal(spot.trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("--spot is '" + spot + "', not a price; write e.g. --spot 0.4524", e);
            }
            if (price.signum() < 0) {
                throw new InvalidInputException("--spot is " + spot + "; a price is 0 or more, e.g. --spot 0.4524");
            }
            changed.spotPricePerHour(price).spotPriceSource("price from --spot");
        }
        if (noCloudFront) {
            changed.hasCloudFront(false);
        }
        // the "before" is the deployment as it is, with the usage the options did not change
        UsageProfile before = efsGb == null ? after : after.toBuilder().efsStorageGb(UsageProfile.defaults().efsStorageGb())
                .build();
        io.tierstate.cost.CostEstimator estimator = client.priceCatalog().estimator();
        io.tierstate.cost.CostDiff change = estimator.estimate(now, before).diff(estimator.estimate(changed.build(), after));
        cli.print(cli.json ? change.toJson() : change.render());
        return 0;
    }

    /**
     * Prints the figure and, when there is a budget, how the monthly estimate compares with it; the
     * exit status is 1 only with --fail-over-budget and the estimate over the budget.
     */
    private int printWithBudget(String json, String text, CostEstimate estimate, Optional<BigDecimal> recorded) {
        if (svgTarget != null) {
            PictureFiles.write("--svg", svgTarget, estimate.toSvg());
            cli.spec.commandLine().getErr().println("tierstate: wrote the cost breakdown to " + svgTarget);
        }
        Optional<Budget> b = Optional.ofNullable(budget).or(() -> recorded)
                .map(limit -> new Budget(limit, estimate.monthlyTotalRounded()));
        if (cli.json && b.isEmpty()) {
            cli.print(json);
        } else if (cli.json) {
            ObjectNode tree = (ObjectNode) readTree(json);
            b.ifPresent(x -> tree.set("budget", budgetJson(x)));
            cli.print(tree.toPrettyString() + "\n");
        } else {
            cli.print(text);
            b.ifPresent(x -> cli.spec.commandLine().getOut().println("Budget: " + money(x.limit(), estimate)
                    + " a month; the monthly estimate " + money(x.monthlyEstimate(), estimate) + " is "
                    + x.percentUsed().toPlainString() + " % of it (" + (x.over() ? "OVER by " + money(x.overBy(), estimate)
                    : x.near() ? "within 10 %" : "ok") + ")"));
        }
        if (failOverBudget && b.isEmpty()) {
            cli.spec.commandLine().getErr().println("No budget to check: the state records no cost.budget_limit or "
                    + "config.budget_limit; give one with --budget AMOUNT.");
        }
        if (failOverBudget && b.filter(Budget::over).isPresent()) {
            Budget x = b.get();
            cli.spec.commandLine().getErr().println((name == null ? "the plan" : name) + " is over budget: the monthly "
                    + "estimate " + money(x.monthlyEstimate(), estimate) + " is above the budget " + money(x.limit(), estimate)
                    + " by " + money(x.overBy(), estimate) + ".");
            return 1;
        }
        return 0;
    }

    static ObjectNode budgetJson(Budget b) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("limit", b.limit().toPlainString());
        n.put("compared", "monthly_total");
        n.put("monthly_estimate", b.monthlyEstimate().toPlainString());
        n.put("used_percent", b.percentUsed().toPlainString());
        n.put("status", b.level());
        n.put("over_budget", b.over());
        n.put("over_by", b.overBy().toPlainString());
        return n;
    }

    private static String money(BigDecimal amount, CostEstimate e) {
        return e.currency() + " " + amount.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static JsonNode readTree(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the library wrote JSON that does not parse", e);
        }
    }

    private static java.time.Instant instant(String text) {
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInputException("--at is '" + text + "', not an ISO-8601 time; write e.g. --at "
                    + "2026-07-18T10:00:00Z", e);
        }
    }
}
