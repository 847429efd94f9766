package io.tierstate.examples.cli;

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
        + "cost, created. Unreadable files are reported after the table; the exit status stays 0.")
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
            description = "Sort order (default: name); cost is cheapest first, unknown prices last.")
    String sort = "name";

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
            DeploymentList list = q.fetch();
            cli.spec.commandLine().getOut().print(cli.json ? list.toJson() : list.render());
            return 0;
        }
    }
}
