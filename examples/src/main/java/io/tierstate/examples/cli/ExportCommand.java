package io.tierstate.examples.cli;

import io.tierstate.error.InvalidInputException;
import io.tierstate.DeploymentClient;
import io.tierstate.StateJson;
import io.tierstate.migration.DowngradeResult;
import io.tierstate.model.DeploymentState;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tierstate export NAME --schema 2}: one deployment's state as GeuseMaker reads it (or as v3),
 * on stdout or into a file, saying on stderr what schema v2 has no place for.
 */
@Command(name = "export", description = "Print one deployment's state in a given schema: 2 is what GeuseMaker reads"
        + " (hand a deployment back), 3 is TierState's. Fields v2 has no place for are listed on stderr; nothing is changed.")
final class ExportCommand implements Callable<Integer> {

    @ParentCommand
    TierStateCli cli;

    @Parameters(paramLabel = "NAME", description = "The stack name.")
    String name;

    @Option(names = "--schema", paramLabel = "2|3", description = "The schema version to write (default: 2).")
    int schema = 2;

    @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE (e.g. ~/.geusemaker/deployments/NAME.json) instead of stdout.")
    Path output;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = cli.spec.commandLine().getOut();
        PrintWriter err = cli.spec.commandLine().getErr();
        if (schema != 2 && schema != 3) {
            throw new InvalidInputException("--schema must be 2 (GeuseMaker) or 3 (TierState), was " + schema);
        }
        try (DeploymentClient client = cli.client()) {
            DeploymentState state = client.deployment(name).state();
            byte[] bytes;
            if (schema == 3) {
                bytes = StateJson.write(state).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            } else {
                DowngradeResult v2 = StateJson.toGeuseMaker(state);
                bytes = StateJson.write(v2.document()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                if (!v2.leftOut().isEmpty()) {
                    err.println("Schema v2 has no place for these, so the export leaves them out:");
                    v2.leftOut().forEach(line -> err.println("  " + line));
                }
            }
            if (output != null) {
                Files.write(output, bytes);
                err.println("wrote " + output);
            } else {
                out.print(new String(bytes, StandardCharsets.UTF_8));
            }
            return 0;
        }
    }
}
