package io.tierstate.examples.cli;

import io.tierstate.destroy.Verification;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code tierstate verify NAME}: is everything the deployment created gone, and everything it kept still there? */
@Command(name = "verify", description = "Check in the cloud that every resource the deployment created is gone and every"
        + " kept one is still there, from its live state or, after a destroy, its archived state; exit 0 when clean, 1 when"
        + " anything is left.")
final class VerifyCommand implements Callable<Integer> {

    @ParentCommand
    TierStateCli cli;

    @Parameters(paramLabel = "NAME", description = "The stack name.")
    String name;

    @Override
    public Integer call() {
        PrintWriter out = cli.spec.commandLine().getOut();
        try (CliSession session = cli.cloudSession()) {
            Verification v = session.client().deployment(name).verify();
            cli.print(cli.json ? v.toJson() : v.render());
            return v.clean() ? 0 : TierStateCli.FAILED;
        }
    }
}
