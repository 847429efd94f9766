package io.tierstate.examples.cli;

import io.tierstate.error.InvalidInputException;
import io.tierstate.DeploymentClient;
import io.tierstate.DeploymentHandle;
import io.tierstate.port.StateBackup;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code tierstate restore NAME BACKUP}: puts a backup (TierState's or GeuseMaker's) back as the live state. */
@Command(name = "restore", description = "Restore one deployment from a backup listed by 'backups' (its path, or"
        + " 'latest'); the current state is backed up first.")
final class RestoreCommand implements Callable<Integer> {

    @ParentCommand
    TierStateCli cli;

    @Parameters(index = "0", paramLabel = "NAME", description = "The stack name.")
    String name;

    @Parameters(index = "1", paramLabel = "BACKUP", description = "A location from 'tierstate backups NAME', or 'latest'.")
    String backup;

    @Override
    public Integer call() {
        try (DeploymentClient client = cli.client()) {
            DeploymentHandle d = client.deployment(name);
            StateBackup chosen = d.backups().stream()
                    .filter(b -> backup.equals("latest") || b.location().equals(backup)
                            || java.nio.file.Path.of(b.location()).getFileName().toString().equals(backup))
                    .findFirst()
                    .orElseThrow(() -> new InvalidInputException("'" + backup + "' is not a backup of '" + name
                            + "'; list them with 'tierstate backups " + name + "'"));
            d.restore(chosen);
            cli.spec.commandLine().getOut().println("restored '" + name + "' from " + chosen.location()
                    + " (written by " + chosen.writtenBy() + ")");
            return 0;
        }
    }
}
