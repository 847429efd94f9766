package io.tierstate.destroy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierstate.DeploymentClient;
import io.tierstate.model.DeploymentState;
import io.tierstate.StateJson;
import io.tierstate.sim.SimulatedCloud;
import io.tierstate.store.ChildJvm;
import io.tierstate.store.FileStateStore;
import io.tierstate.testing.Tier3World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a destroying child JVM ({@code kill -9}) at seeded random moments, again and again, then
 * resumes: every scenario ends with nothing left in the simulated account and a readable state.
 */
class DestroyCrashResumeIT {

    private static final long SEED = 4242;
    private static final int SCENARIOS = 10;
    private static final int KILLS_PER_SCENARIO = 3;

    @TempDir
    Path tmp;

    @Test
    void destroy_killedAtRandomMomentsManyTimes_alwaysResumesToACleanEnd() throws Exception {
        Random random = new Random(SEED);
        int kills = 0;
        for (int scenario = 0; scenario < SCENARIOS; scenario++) {
            Path home = Files.createDirectories(tmp.resolve("s" + scenario));
            Strategy strategy = scenario % 2 == 0 ? Strategy.SEQUENTIAL : Strategy.OVERLAPPED;
            List<String> created;
            try (SimulatedCloud sim = SimulatedCloud.builder().persistTo(home.resolve("sim-cloud.json")).seed(scenario).build();
                    DeploymentClient client = DeploymentClient.builder().home(home).cloud(sim).build()) {
                created = Tier3World.deploy(sim, client, "crashy").createdIds();
            }
            for (int k = 0; k < KILLS_PER_SCENARIO; k++) {
                Path err = home.resolve("child-" + k + ".err");
                Process child = ChildJvm.startMain(DestroyChildMain.class, err, home.toString(), "crashy", "4000", strategy.name());
                BlockingQueue<String> lines = ChildJvm.stdoutLines(child);
                ChildJvm.expectLine(lines, "running", 60, err);
                Thread.sleep(random.nextInt(600));
                child.destroyForcibly();
                ChildJvm.awaitExit(child, 30, err);
                kills++;
                assertReadable(home);
            }
            try (SimulatedCloud sim = SimulatedCloud.builder().persistTo(home.resolve("sim-cloud.json")).build();
                    DeploymentClient client = DeploymentClient.builder().home(home).cloud(sim).build()) {
                Optional<DeploymentState> left = client.deployment("crashy").find();
                if (left.isPresent()) {
                    DestroyReport report = client.deployment("crashy").destroy().strategy(strategy).run();
                    assertThat(report.outcome()).as("scenario %d:%n%s", scenario, report.render())
                            .isEqualTo(DestroyReport.Outcome.COMPLETED);
                }
                assertThat(created).as("scenario %d leaked", scenario).noneMatch(sim::exists);
                assertThat(sim.liveResources()).isEmpty();
                assertThat(client.deployment("crashy").exists()).isFalse();
                try (Stream<Path> archived = Files.list(home.resolve("archive"))) {
                    assertThat(archived.filter(p -> p.getFileName().toString().startsWith("crashy-"))).hasSize(1);
                }
            }
        }
        assertThat(kills).isEqualTo(SCENARIOS * KILLS_PER_SCENARIO);
    }

    /** After a kill the state (live or archived) and the simulated world must both read back. */
    private static void assertReadable(Path home) throws Exception {
        FileStateStore store = FileStateStore.open(home);
        assertThat(store.list().problems()).isEmpty();
        Path live = home.resolve("deployments/crashy.json");
        if (Files.exists(live)) {
            assertThat(StateJson.read(Files.readString(live)).stackName()).isEqualTo("crashy");
        }
        try (SimulatedCloud reloaded = SimulatedCloud.loadFrom(home.resolve("sim-cloud.json"))) {
            assertThat(reloaded.describe()).contains("simulated");
        }
    }
}
