package io.tierstate.examples.cli;

import io.tierstate.DeploymentClient;
import io.tierstate.view.MigrationReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code tierstate migrate}: upgrade every stored document to schema v3, with backups. */
@Command(name = "migrate", description = "Upgrade every state file to schema v3, keeping a gzip backup of each original.")
final class MigrateCommand implements Callable<Integer> {

    @ParentCommand
    TierStateCli cli;

    @Option(names = "--dry-run", description = "Report what would be migrated; write nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        try (DeploymentClient client = cli.client()) {
            MigrationReport report = dryRun ? client.migrateDryRun() : client.migrate();
            cli.print(cli.json ? report.toJson() : report.render());
            return report.hasFailures() ? TierStateCli.FAILED : 0;
        }
    }
}
