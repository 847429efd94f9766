package io.tierstate.examples.cli;

import io.tierstate.DeploymentClient;
import io.tierstate.port.StateBackup;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code tierstate backups NAME}: every kept backup of a deployment, TierState's and GeuseMaker's, newest first. */
@Command(name = "backups", description = "List the backups of one deployment, newest first: TierState's own and,"
        + " in a GeuseMaker home, GeuseMaker's (which TierState never prunes).")
final class BackupsCommand implements Callable<Integer> {

    @ParentCommand
    TierStateCli cli;

    @Parameters(paramLabel = "NAME", description = "The stack name.")
    String name;

    @Override
    public Integer call() {
        PrintWriter out = cli.spec.commandLine().getOut();
        try (DeploymentClient client = cli.client()) {
            List<StateBackup> backups = client.deployment(name).backups();
            if (cli.json) {
                var array = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
                for (StateBackup b : backups) {
                    var o = array.addObject().put("taken_at", b.takenAt().toString()).put("written_by", b.writtenBy())
                            .put("location", b.location());
                    b.label().ifPresent(l -> o.put("label", l));
                }
                out.print(io.tierstate.StateJson.write(array));
                return 0;
            }
            if (backups.isEmpty()) {
                out.println("no backups of '" + name + "'");
            }
            for (StateBackup b : backups) {
                out.printf("%s  %-10s  %-12s  %s%n", b.takenAt(), b.writtenBy(), b.label().orElse("routine"), b.location());
            }
            return 0;
        }
    }
}
