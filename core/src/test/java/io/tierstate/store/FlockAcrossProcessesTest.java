package io.tierstate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tierstate.model.DeploymentConfig;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.Status;
import io.tierstate.model.Tier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GeuseMaker's lock is {@code filelock}, which is {@code fcntl.flock} on Linux: a second process
 * taking exactly that (a few lines of standard-library Python) and TierState exclude each other,
 * both ways. Skips, saying why, where no Python 3 is installed.
 */
class FlockAcrossProcessesTest {

    /** Holds flock(LOCK_EX) on argv[1] for argv[2] seconds, or, with argv[2] = "wait", times how long taking it blocks. */
    private static final String SCRIPT = String.join("\n",
            "import fcntl, os, sys, time",
            "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o644)",
            "if sys.argv[2] == 'wait':",
            "    t0 = time.monotonic()",
            "    fcntl.flock(fd, fcntl.LOCK_EX)",
            "    print('waited %.3f' % (time.monotonic() - t0), flush=True)",
            "else:",
            "    fcntl.flock(fd, fcntl.LOCK_EX)",
            "    print('held', flush=True)",
            "    time.sleep(float(sys.argv[2]))",
            "fcntl.flock(fd, fcntl.LOCK_UN)",
            "");

    @TempDir
    Path home;

    private Path script;
    private Path gmLock;
    private String python;

    @BeforeEach
    void geuseMakerHomeWithOneDeployment() throws IOException {
        python = findPython().orElse(null);
        assumeTrue(python != null, "no Python 3 found (/usr/bin/python3, python3 on PATH): cannot take flock from a second process");
        Files.createDirectories(home.resolve("config"));
        Files.createDirectories(home.resolve("cache"));
        Files.createDirectories(home.resolve("deployments"));
        script = home.resolve("flock.py");
        Files.writeString(script, SCRIPT);
        gmLock = home.resolve("deployments").resolve("lockme.json.lock");
        try (FileStateStore store = FileStateStore.open(home)) {
            store.create(DeploymentState.builder().stackName("lockme").status(Status.RUNNING)
                    .config(DeploymentConfig.builder().tier(Tier.DEV).build()).build());
        }
    }

    @Test
    void tierStateWaitsWhileAnotherProcessHoldsGeuseMakersFlock() throws Exception {
        Process holder = new ProcessBuilder(python, script.toString(), gmLock.toString(), "1.5").redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
                FileStateStore store = FileStateStore.open(home)) {
            assertThat(out.readLine()).isEqualTo("held");
            long start = System.nanoTime();
            store.update("lockme", s -> s.withN8nUrl("http://after-python"));
            long waitedMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(store.sharesHomeWithGeuseMaker()).isTrue();
            assertThat(waitedMillis).as("TierState waited for the other process's flock").isGreaterThan(1_000);
            assertThat(store.find("lockme").orElseThrow().n8nUrl()).contains("http://after-python");
        } finally {
            assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void anotherProcessTakingGeuseMakersFlockWaitsWhileTierStateWrites() throws Exception {
        try (FileStateStore store = FileStateStore.open(home)) {
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<DeploymentState> write = CompletableFuture.supplyAsync(() -> store.update("lockme", s -> {
                inside.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return s.withN8nUrl("http://tierstate");
            }));
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            Process waiter = new ProcessBuilder(python, script.toString(), gmLock.toString(), "wait").redirectErrorStream(true).start();
            Thread.sleep(1_200);
            release.countDown();
            write.get(10, TimeUnit.SECONDS);
            String line;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(waiter.getInputStream(), StandardCharsets.UTF_8))) {
                line = out.readLine();
            }
            assertThat(waiter.waitFor(10, TimeUnit.SECONDS)).isTrue();

            assertThat(line).startsWith("waited ");
            assertThat(Double.parseDouble(line.substring("waited ".length()))).as("seconds the other process blocked")
                    .isGreaterThan(0.5);
        }
    }

    private static Optional<String> findPython() {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import fcntl, sys; print(sys.version_info[0])")
                        .redirectErrorStream(true).start();
                if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0
                        && new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().equals("3")) {
                    return Optional.of(candidate);
                }
            } catch (IOException e) {
                // not installed here: try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
