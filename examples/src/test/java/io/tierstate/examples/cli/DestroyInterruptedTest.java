package io.tierstate.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What Ctrl-C during a destroy prints: that nothing is lost, and the command that resumes. */
class DestroyInterruptedTest {

    private static DestroyCommand parsed(String... args) {
        TierStateCli cli = new TierStateCli();
        picocli.CommandLine line = TierStateCli.commandLine(cli, args);
        picocli.CommandLine.ParseResult r = line.parseArgs(args);
        return (DestroyCommand) r.subcommand().commandSpec().userObject();
    }

    @Test
    void resumeCommand_repeatsWhereTheStateAndCloudAre_theStrategyAndProvenances() {
        DestroyCommand d = parsed("--home", "/h/my home", "--cloud", "simulated", "destroy", "gpu-global",
                "--strategy", "OVERLAPPED", "--include-provenance", "imported", "--preserve-efs", "--yes");
        String resume = d.resumeCommand(d.cli.locationOptions());
        // --preserve-efs is journaled by the first run, so a resume need not repeat it
        assertThat(resume).isEqualTo("tierstate --home '/h/my home' --cloud simulated destroy gpu-global"
                + " --strategy overlapped --include-provenance imported --yes");
    }

    @Test
    void resumeCommand_forADefaultRun_isTheBareCommand() {
        DestroyCommand d = parsed("destroy", "gpu-global");
        assertThat(d.resumeCommand(List.of())).isEqualTo("tierstate destroy gpu-global");
    }

    @Test
    void interruptedMessage_saysTheJournalIsKept_andGivesTheCommand() {
        String m = DestroyCommand.interruptedMessage("tierstate destroy gpu-global");
        assertThat(m).contains("interrupted").contains("journal").contains("nothing is lost")
                .endsWith("Resume with: tierstate destroy gpu-global\n");
    }

    @Test
    void timelineCommand_drawsTheDestroyFromItsJournal_withTheSameHome() {
        DestroyCommand d = parsed("destroy", "gpu-global", "--timeline", "my destroy.svg");
        assertThat(d.timelineCommand(List.of("--home", "/srv/h"), java.nio.file.Path.of("/tmp/my destroy.svg")))
                .isEqualTo("tierstate --home /srv/h timeline gpu-global '/tmp/my destroy.svg'");
    }

    @Test
    void shellWord_quotesWhatAShellWouldSplitOrExpand() {
        assertThat(DestroyCommand.shellWord("s3://b/p")).isEqualTo("s3://b/p");
        assertThat(DestroyCommand.shellWord("it's")).isEqualTo("'it'\\''s'");
        assertThat(DestroyCommand.shellWord("$HOME")).isEqualTo("'$HOME'");
    }
}
