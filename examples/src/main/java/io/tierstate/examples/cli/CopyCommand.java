package io.tierstate.examples.cli;

import io.tierstate.DeploymentClient;
import io.tierstate.store.CopyReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code tierstate copy --to URI}: every deployment into another store, verified, the source untouched. */
@Command(name = "copy", description = "Copy every deployment into another store (e.g. a GeuseMaker home into PostgreSQL), reading "
        + "each copy back to verify it; the source is left untouched.")
final class CopyCommand implements Callable<Integer> {

    @ParentCommand
    TierStateCli cli;

    @Option(names = "--to", required = true, paramLabel = "STORE_URI",
            description = "The target: a directory, file:/path, s3://BUCKET/PREFIX, postgresql://USER@HOST:PORT/DB ...")
    String to;

    @Override
    public Integer call() {
        try (DeploymentClient client = cli.client()) {
            CopyReport report = client.copyTo(cli.open(to));
            cli.print(cli.json ? report.toJson() : report.render());
            return report.hasFailures() ? TierStateCli.FAILED : 0;
        }
    }
}
