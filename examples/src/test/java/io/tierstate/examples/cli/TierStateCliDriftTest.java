package io.tierstate.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tierstate.migration.fixtures.Fixtures;
import io.tierstate.sim.SimulatedCloud;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tierstate refresh NAME --diff} as an operator and a pipeline run it, on the simulated cloud kept in the home. */
class TierStateCliDriftTest {

    private static final String INSTANCE = "i-0bb0000000000b0c0";
    private static final String EFS = "fs-0bb0000000000b0f0";

    @TempDir
    Path home;

    private Path file;

    @BeforeEach
    void geuseMakerHome() throws IOException {
        Path d = Files.createDirectories(home.resolve("deployments"));
        file = Files.write(d.resolve("gpu-global.json"), Fixtures.bytes("v2-gpu-tier3.json"));
    }

    private CliRun sim(String... args) {
        return CliRun.onSimulatedCloud(home, args);
    }

    /** A change made outside TierState, in the world the CLI keeps for this home. */
    private void outside(Consumer<SimulatedCloud> change) {
        try (SimulatedCloud world = SimulatedCloud.builder().persistTo(home.resolve("sim-cloud.json"))
                .accountId("123456789012").build();
                io.tierstate.DeploymentClient local = io.tierstate.DeploymentClient.builder().home(home).build()) {
            world.adopt(local.deployment("gpu-global").state());
            change.accept(world);
        }
    }

    @Test
    void diff_ofAGeuseMakerFile_findsNoDrift_listsWhatItNeverRecorded_andWritesNothing() throws IOException {
        byte[] before = Files.readAllBytes(file);

        CliRun r = sim("refresh", "gpu-global", "--diff", "--fail-on-drift");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("Drift of 'gpu-global'").contains("no drift")
                .contains("not recorded (not drift): efs.size_bytes is 6144 in the cloud")
                .contains("'tierstate refresh gpu-global --diff --record' writes the live values").endsWith("0 differences\n"
                        + "Nothing was saved; 'tierstate refresh gpu-global --diff --record' writes the live values into the state.\n");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void anOutsideChange_failsThePipeline_withTheDiffOnStdout_andRecordingEndsIt() throws IOException {
        outside(world -> {
            world.stopInstance(INSTANCE);
            world.modifyInstanceType(INSTANCE, "g5.xlarge");
        });
        byte[] before = Files.readAllBytes(file);

        CliRun r = sim("refresh", "gpu-global", "--diff", "--fail-on-drift");

        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("  instance " + INSTANCE + "\n-   type: g4dn.xlarge\n+   type: g5.xlarge\n")
                .contains("-   state: running\n+   state: stopped\n").contains("2 differences");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);

        CliRun json = sim("--json", "refresh", "gpu-global", "--diff", "--record");
        assertThat(json.status()).as(json.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(json.out());
        assertThat(j.path("drift_count").asInt()).isEqualTo(2);
        assertThat(j.path("drifts").get(0).path("field").asText()).isEqualTo("instance.type");
        assertThat(j.path("drifts").get(0).path("recorded").asText()).isEqualTo("g4dn.xlarge");
        assertThat(j.path("drifts").get(0).path("live").asText()).isEqualTo("g5.xlarge");
        assertThat(j.path("recorded").asBoolean()).isTrue();
        assertThat(j.path("serial").asLong()).isPositive();
        assertThat(Files.readString(file)).contains("\"instance_state\": \"stopped\"");

        CliRun after = sim("refresh", "gpu-global", "--diff", "--fail-on-drift");
        assertThat(after.status()).as(after.out()).isZero();
        assertThat(after.out()).contains("no drift");
    }

    @Test
    void ignore_leavesTheGrowingFileSystemOut_ofTheExitStatus() {
        outside(world -> world.growFileSystem(EFS, 1_048_576L));
        sim("refresh", "gpu-global", "--diff", "--record"); // the size is recorded: 6,144 bytes + 1 MiB
        outside(world -> world.growFileSystem(EFS, 4096L));

        CliRun failing = sim("refresh", "gpu-global", "--diff", "--fail-on-drift");
        assertThat(failing.status()).isEqualTo(1);
        // 6,144 + 1,048,576 = 1,054,720 recorded; + 4,096 = 1,058,816 live
        assertThat(failing.out()).contains("-   size_bytes: 1054720\n+   size_bytes: 1058816\n");

        CliRun ignoring = sim("refresh", "gpu-global", "--diff", "--fail-on-drift", "--ignore", "efs.size_bytes");
        assertThat(ignoring.status()).as(ignoring.out()).isZero();
        assertThat(ignoring.out()).contains("ignored: efs.size_bytes").contains("no drift");
    }

    @Test
    void aDeletedLoadBalancer_isShownGone_inJson() throws IOException {
        outside(world -> {
            world.loadBalancing().deleteLoadBalancer(
                    "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/gpu-global-alb/6d0ecf831eec9f09");
            world.clock().advance(java.time.Duration.ofMinutes(10));
        });

        CliRun r = sim("--json", "refresh", "gpu-global", "--diff", "--fail-on-drift");

        assertThat(r.status()).isEqualTo(1);
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.path("drift").asBoolean()).isTrue();
        assertThat(j.path("drifts").get(0).path("kind").asText()).isEqualTo("gone");
        assertThat(j.path("drifts").get(0).path("resource").asText()).isEqualTo("alb");
        assertThat(j.path("drifts").get(0).path("live").isNull()).isTrue();
    }

    @Test
    void badUsage_exitsTwo_withOneLineNamingTheFlag_andAMissingDeploymentExitsThree() {
        CliRun typo = sim("refresh", "gpu-global", "--diff", "--ignore", "efs.size");
        assertThat(typo.status()).isEqualTo(2);
        assertThat(typo.out()).isEmpty();
        assertThat(typo.err()).contains("--ignore: cannot ignore 'efs.size'").contains("efs.size_bytes");

        CliRun noDiff = sim("refresh", "gpu-global", "--record");
        assertThat(noDiff.status()).isEqualTo(2);
        assertThat(noDiff.err()).contains("--record needs --diff: tierstate refresh gpu-global --diff --record");

        CliRun missing = sim("refresh", "nope", "--diff");
        assertThat(missing.status()).isEqualTo(3);
        assertThat(missing.err()).contains("nope");
    }
}
