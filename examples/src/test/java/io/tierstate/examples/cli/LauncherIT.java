package io.tierstate.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tierstate.migration.fixtures.Fixtures;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/tierstate as an operator runs it, after 'mvn package': through a symlink from another
 * directory, with stdin closed, with --json, and without a jar.
 */
@DisabledOnOs(OS.WINDOWS)
class LauncherIT {

    private static final Path LAUNCHER = Path.of("../bin/tierstate").toAbsolutePath().normalize();

    @TempDir
    Path home;

    @TempDir
    Path elsewhere;

    private record Run(int status, String out, String err) {}

    private Run run(Path launcher, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        Path out = elsewhere.resolve("out.txt");
        Path err = elsewhere.resolve("err.txt");
        Process p = new ProcessBuilder(command).directory(elsewhere.toFile()).redirectInput(new File("/dev/null"))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished").isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @BeforeEach
    void oneDeployment() throws IOException {
        Path d = Files.createDirectories(home.resolve("deployments"));
        Files.write(d.resolve("gpu-global.json"), Fixtures.bytes("v2-gpu-tier3.json"));
    }

    @Test
    void throughSymlinksFromAnotherDirectory_listsTheHome() throws Exception {
        Path link = Files.createSymbolicLink(Files.createDirectories(elsewhere.resolve("path-bin")).resolve("tierstate"), LAUNCHER);
        Path linkToLink = Files.createSymbolicLink(elsewhere.resolve("ts"), Path.of("path-bin/tierstate"));

        Run r = run(linkToLink, "--home", home.toString(), "list");

        assertThat(link).isSymbolicLink();
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("gpu-global");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void destroy_withStdinClosedAndNoYes_refusesInOneLine() throws Exception {
        Run r = run(LAUNCHER, "--home", home.toString(), "--cloud", "simulated", "destroy", "gpu-global");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("stdin is not a terminal").contains("--yes").hasLineCount(1);
        assertThat(r.out()).isEmpty();
        assertThat(home.resolve("deployments/gpu-global.json")).exists();
    }

    @Test
    void ctrlC_duringASlowSimulatedDestroy_exits130_sayingTheJournalIsKept_andHowToResume() throws Exception {
        // perl resets SIGINT to its default first: a process started in the background may inherit it ignored
        org.junit.jupiter.api.Assumptions.assumeTrue(new File("/usr/bin/perl").canExecute(), "no /usr/bin/perl");
        Path out = elsewhere.resolve("out.txt");
        Path err = elsewhere.resolve("err.txt");
        Process p = new ProcessBuilder("/usr/bin/perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die", LAUNCHER.toString(),
                "--home", home.toString(), "--cloud", "simulated", "--sim-speed", "30", "destroy", "gpu-global", "--yes",
                "--strategy", "overlapped").directory(elsewhere.toFile()).redirectInput(new File("/dev/null"))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.readString(err).contains("still waiting for the disable") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(Files.readString(err)).as("the destroy got to the CloudFront wait").contains("still waiting for the disable");

        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();

        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("finished").isTrue();
        String stderr = Files.readString(err);
        assertThat(p.exitValue()).as(stderr).isEqualTo(130);
        assertThat(stderr).contains("tierstate: interrupted. The journal in the state keeps every finished step")
                .contains("Resume with: tierstate --home " + home + " --cloud simulated destroy gpu-global --strategy overlapped --yes");
        assertThat(Files.readString(out)).isEmpty();
        assertThat(home.resolve("deployments/gpu-global.json")).exists();
    }

    @Test
    void withJson_anErrorIsJsonOnStdout() throws Exception {
        Run r = run(LAUNCHER, "--json", "lst");

        assertThat(r.status()).isEqualTo(2);
        assertThat(new ObjectMapper().readTree(r.out()).path("message").asText())
                .isEqualTo("unknown command 'lst'; did you mean 'list'?");
        assertThat(r.err()).hasLineCount(1);
    }

    @Test
    void withoutTheJar_saysWhichCommandBuildsIt() throws Exception {
        Path tree = Files.createDirectories(elsewhere.resolve("checkout/bin"));
        Path copy = Files.copy(LAUNCHER, tree.resolve("tierstate"));

        Run r = run(copy, "list");

        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("tierstate: " + elsewhere.toRealPath().resolve("checkout/examples/target/tierstate.jar")
                + " is missing; build it with: cd '" + elsewhere.toRealPath().resolve("checkout") + "' && mvn -B -q -DskipTests package\n");
    }
}
