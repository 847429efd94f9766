package io.tierstate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.error.StateLockException;
import io.tierstate.model.DeploymentState;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writers in different processes never lose an update: the per-deployment lock file excludes other
 * processes, and {@code serial} counts every write. Each writer is a child JVM running
 * {@link StoreWriterMain}.
 */
class TwoProcessUpdateIT {

    private static final String NAME = "shared";

    @TempDir
    Path home;

    @TempDir
    Path logs;

    private final List<Process> children = new ArrayList<>();
    private String classPath;
    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void killLeftovers() throws InterruptedException {
        pool.shutdownNow();
        for (Process p : children) {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void update_twoProcesses500Each_loseNothing() throws Exception {
        FileStateStore store = FileStateStore.open(home);
        long initial = store.create(StoreFiles.minimal(NAME).withKeypairName("0")).serial();
        long started = System.nanoTime();
        Process[] writers = new Process[2];
        List<BlockingQueue<String>> out = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            writers[w] = start("count", home.toString(), NAME, "500", "p" + w);
            out.add(ChildJvm.stdoutLines(writers[w]));
        }
        for (int w = 0; w < 2; w++) {
            ChildJvm.expectLine(out.get(w), "ready", 60, stderr(w));
        }
        long go = System.nanoTime();
        for (Process p : writers) {
            send(p, "go");
        }
        for (int w = 0; w < 2; w++) {
            ChildJvm.expectLine(out.get(w), "done", 120, stderr(w));
            assertThat(ChildJvm.awaitExit(writers[w], 30, stderr(w))).as("exit status of writer %s; stderr:%n%s", w,
                    ChildJvm.stderr(stderr(w))).isZero();
        }

        DeploymentState now = store.find(NAME).orElseThrow();
        assertThat(now.keypairName()).as("the counter").hasValue("1000");
        assertThat(now.serial()).as("serial").isEqualTo(initial + 1000);
        assertThat(StoreFiles.parse(StoreFiles.read(store.file(NAME)), store.file(NAME))).isEqualTo(now);
        List<String> log = now.subnetIds();
        for (String tag : List.of("p0", "p1")) {
            List<String> own = log.stream().filter(e -> e.startsWith(tag + "-")).toList();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                expected.add(tag + "-" + i);
            }
            assertThat(own).as("the updates of writer %s, in its order", tag).isEqualTo(expected);
        }
        int switches = 0;
        for (int i = 1; i < log.size(); i++) {
            if (log.get(i).charAt(1) != log.get(i - 1).charAt(1)) {
                switches++;
            }
        }
        System.out.printf("[TwoProcessUpdateIT] 1000 updates by 2 processes in %.1f s (%.1f s with JVM starts);"
                + " the writer changed %d times%n", (System.nanoTime() - go) / 1e9, (System.nanoTime() - started) / 1e9,
                switches);
        assertThat(switches).as("times the writer changed: each waited its turn, none was starved").isGreaterThanOrEqualTo(4);
    }

    /**
     * A second store on the same home in this JVM that gives up waiting must not take the first
     * store's process-level lock with it: on POSIX, closing any channel of a file drops every lock the
     * process holds on that file, so the second store must not open the lock file while the first
     * holds it.
     */
    @Test
    void update_whileSecondStoreInThisJvmGaveUpWaiting_otherProcessIsStillExcluded() throws Exception {
        FileStateStore holder = FileStateStore.open(home);
        FileStateStore impatient = FileStateStore.builder().home(home).lockTimeout(Duration.ofMillis(300)).build();
        long initial = holder.create(StoreFiles.minimal(NAME).withKeypairName("0")).serial();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<DeploymentState> held = pool.submit(() -> holder.update(NAME, s -> {
            holding.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return StoreWriterMain.increment(s);
        }));
        Process child = null;
        try {
            assertThat(holding.await(30, TimeUnit.SECONDS)).as("the holder is inside its update").isTrue();
            assertThatThrownBy(() -> impatient.update(NAME, StoreWriterMain::increment))
                    .isInstanceOf(StateLockException.class)
                    .hasMessageContaining("could not lock '" + NAME + "'");

            child = start("count", home.toString(), NAME, "1", "child");
            BlockingQueue<String> out = ChildJvm.stdoutLines(child);
            ChildJvm.expectLine(out, "ready", 60, stderr(0));
            send(child, "go");
            // the child must now wait for the holder; give it time to (wrongly) get through
            String early = out.poll(2, TimeUnit.SECONDS);
            assertThat(early).as("the child finished its update while another process held the lock").isNull();
        } finally {
            release.countDown();
        }
        held.get(30, TimeUnit.SECONDS);
        assertThat(ChildJvm.awaitExit(child, 60, stderr(0))).as("child exit status; stderr:%n%s",
                ChildJvm.stderr(stderr(0))).isZero();

        DeploymentState now = holder.find(NAME).orElseThrow();
        assertThat(now.keypairName()).as("the counter after one update here and one in the child").hasValue("2");
        assertThat(now.subnetIds()).containsExactly("child-0");
        assertThat(now.serial()).isEqualTo(initial + 2);
    }

    private Process start(String... args) throws IOException {
        if (classPath == null) {
            classPath = ChildJvm.snapshotClassPath(logs);
        }
        Process p = ChildJvm.start(classPath, stderr(children.size()), args);
        children.add(p);
        return p;
    }

    private Path stderr(int child) {
        return logs.resolve("child-" + child + ".stderr");
    }

    private static void send(Process p, String line) throws IOException {
        OutputStream in = p.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }
}
