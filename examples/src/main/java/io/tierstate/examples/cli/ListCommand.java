package io.tierstate.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tierstate.view.Budget;
import io.tierstate.view.DeploymentSummary;
import java.util.List;

import io.tierstate.error.InvalidInputException;
import io.tierstate.DeploymentClient;
import io.tierstate.DeploymentQuery;
import io.tierstate.SortKey;
import io.tierstate.model.Status;
import io.tierstate.model.Tier;
import io.tierstate.view.DeploymentList;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code tierstate list}: every deployment as a table; unreadable files are reported after it. */
@Command(name = "list", description = "List deployments: name, status, tier, region, endpoint, GPU, CDN status, estimated monthly "
        + "cost, created; a BUDGET column when any deployment has a budget. Unreadable files are reported after the table; the "
        + "exit status stays 0 (1 with --fail-over-budget when any deployment is over its budget).")
final class ListCommand implements Callable<Integer> {

    @ParentCommand
    TierStateCli cli;

    @Option(names = "--status", paramLabel = "S", description = "Only this status (creating, running, destroying, ...).")
    String status;

    @Option(names = "--tier", paramLabel = "T", description = "Only this tier (dev|automation|gpu, or 1|2|3).")
    String tier;

    @Option(names = "--region", paramLabel = "R", description = "Only this region.")
    String region;

    @Option(names = "--sort", paramLabel = "name|created|cost",
            description = "Sort order; cost is cheapest first, unknown prices last.")
    String sort = "name";

    @Option(names = "--budget", paramLabel = "AMOUNT", description = "One monthly budget for every deployment, instead of "
            + "what each state records (cost.budget_limit, else config.budget_limit).")
    java.math.BigDecimal budget;

    @Option(names = "--fail-over-budget", description = "Exit 1 when any deployment's monthly estimate is above its "
            + "budget (for pipelines); the JSON lists them under over_budget.")
    boolean failOverBudget;

    @Override
    public Integer call() {
        try (DeploymentClient client = cli.client()) {
            DeploymentQuery q = client.deployments();
            if (status != null) {
                q = q.status(Status.parse(status));
            }
            if (tier != null) {
                q = q.tier(Tier.parse(tier));
            }
            if (region != null) {
                q = q.region(region);
            }
            q = q.sortBy(switch (sort.toLowerCase(java.util.Locale.ROOT)) {
                case "name" -> SortKey.NAME;
                case "created" -> SortKey.CREATED;
                case "cost" -> SortKey.COST;
                default -> throw new InvalidInputException("--sort must be name, created or cost, was '" + sort + "'");
            });
            if (budget != null && budget.signum() <= 0) {
                throw new InvalidInputException("--budget is " + budget.toPlainString()
                        + "; give a monthly amount more than 0, e.g. --budget 250");
            }
            DeploymentList fetched = q.fetch();
            DeploymentList list = budget == null ? fetched : fetched.withBudget(budget);
            List<DeploymentSummary> over = list.overBudget();
            if (cli.json && failOverBudget) {
                ObjectNode tree = (ObjectNode) readTree(list.toJson());
                ArrayNode a = tree.putArray("over_budget");
                for (DeploymentSummary d : over) {
                    Budget b = d.budget().orElseThrow();
                    a.addObject().put("name", d.name()).put("monthly_cost", b.monthlyEstimate().toPlainString())
                            .put("budget_limit", b.limit().toPlainString()).put("over_by", b.overBy().toPlainString());
                }
                cli.print(tree.toPrettyString() + "\n");
            } else {
                cli.print(cli.json ? list.toJson() : list.render());
            }
            if (!cli.json && list.deployments().isEmpty() && list.problems().isEmpty()) {
                boolean filtered = status != null || tier != null || region != null;
                cli.spec.commandLine().getOut().println((filtered ? "None matches the filters in " : "Looked in ")
                        + cli.homeForMessages() + "; point elsewhere with --home DIR or TIERSTATE_HOME"
                        + " (a GeuseMaker home: --home ~/.geusemaker).");
            }
            if (failOverBudget && !over.isEmpty()) {
                for (DeploymentSummary d : over) {
                    Budget b = d.budget().orElseThrow();
                    cli.spec.commandLine().getErr().println(d.name() + " is over budget: the monthly estimate "
                            + list.currency() + " " + b.monthlyEstimate().toPlainString() + " is above the budget "
                            + list.currency() + " " + b.limit().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString()
                            + " by " + list.currency() + " " + b.overBy().setScale(2, java.math.RoundingMode.HALF_UP)
                            .toPlainString() + ".");
                }
                return 1;
            }
            return 0;
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the library wrote JSON that does not parse", e);
        }
    }
}
