package io.tierstate.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierstate.migration.fixtures.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local commands work on local state only: with the AWS adapter on the class path, they load no
 * class of the AWS SDK. Each runs in a fresh JVM that logs every class it loads.
 */
class LocalCommandsLoadNoSdkTest {

    @TempDir
    Path home;

    @BeforeEach
    void geuseMakerHome() throws IOException {
        Path d = Files.createDirectories(home.resolve("deployments"));
        Files.write(d.resolve("gpu-global.json"), Fixtures.bytes("v2-gpu-tier3.json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"list", "inspect gpu-global", "cost gpu-global", "migrate --dry-run", "migrate"})
    void localCommand_loadsNoAwsSdkClass(String command) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info", "-XX:TieredStopAtLevel=1", "-cp", cp, TierStateCli.class.getName(), "--home", home.toString()));
        cmd.addAll(List.of(command.split(" ")));
        Path log = home.resolve("classes.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the command ends").isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);

        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).as("the JVM logged the classes it loaded").contains("io.tierstate.DeploymentClient");
        assertThat(output.lines().filter(l -> l.contains(" software.amazon."))).as("AWS SDK classes loaded by '%s'", command)
                .isEmpty();
    }
}
