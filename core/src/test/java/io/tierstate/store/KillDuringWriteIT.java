package io.tierstate.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierstate.model.DeploymentState;
import io.tierstate.port.StateListing;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer killed with SIGKILL ({@link Process#destroyForcibly()}) at any instant leaves the old
 * document or the new one, never a torn one, and never loses a write it reported as done. A child JVM
 * updates one deployment in a loop, each time with a different document size; the parent kills it at
 * a seeded random moment, checks every file in the home, and starts the next writer on the same home.
 */
class KillDuringWriteIT {

    private static final String NAME = "churn";
    private static final int KILLS = 200;
    private static final long SEED = 20251126L;

    @TempDir
    Path home;

    @TempDir
    Path logs;

    /** Writers started ahead of their turn, booted and waiting for their start line, so no turn waits for a JVM start. */
    private final Deque<Writer> booting = new ArrayDeque<>();
    private final List<Process> started = new ArrayList<>();
    private int writersStarted;

    private record Writer(Process process, BlockingQueue<String> lines, Path stderr) {}

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void update_killedAtRandomMoments200Times_leavesOldOrNewDocumentAndLosesNoReportedWrite() throws Exception {
        FileStateStore store = FileStateStore.open(home);
        long reported = store.create(StoreFiles.minimal(NAME).withKeypairName("serial-1")).serial();
        Random random = new Random(SEED);
        Set<Path> liveTemps = Set.of();
        int killsLeavingLiveTemp = 0;
        int writesReported = 0;
        long startedAll = System.nanoTime();
        bootWriters(2);

        for (int kill = 0; kill < KILLS; kill++) {
            Writer writer = booting.removeFirst();
            ChildJvm.expectLine(writer.lines(), "ready", 60, writer.stderr());
            send(writer.process(), "go");
            ChildJvm.expectLine(writer.lines(), "writing", 60, writer.stderr());
            bootWriters(kill + 2 < KILLS ? 2 : KILLS - kill - 1);
            for (Path temp : liveTemps) {
                assertThat(temp).as("kill %s: a temp file left by the previous writer, after the next write", kill)
                        .doesNotExist();
            }

            Thread.sleep(20 + random.nextInt(281));
            writer.process().destroyForcibly();
            int status = ChildJvm.awaitExit(writer.process(), 30, writer.stderr());
            assertThat(status).as("kill %s: exit status of the writer (1 = it failed by itself); stderr:%n%s", kill,
                    ChildJvm.stderr(writer.stderr())).isNotIn(0, 1);

            for (String line; !ChildJvm.EOF.equals(line = writer.lines().poll(30, TimeUnit.SECONDS)); ) {
                assertThat(line).as("kill %s: the writer's output ended", kill).isNotNull();
                if (line.startsWith("serial ")) {
                    long serial = Long.parseLong(line.substring("serial ".length()));
                    assertThat(serial).as("kill %s: serials reported in order", kill).isGreaterThan(reported);
                    reported = serial;
                    writesReported++;
                }
            }

            DeploymentState live = checkHome(store, kill, reported);
            reported = live.serial(); // a write done but not yet reported also counts from now on
            liveTemps = liveTempFiles();
            if (!liveTemps.isEmpty()) {
                killsLeavingLiveTemp++;
            }
        }

        long backupTemps = tempFilesIn(home.resolve("backups").resolve(NAME)).size();
        System.out.printf("[KillDuringWriteIT] %d kills in %.1f s; %d writes reported, final serial %d;"
                + " %d kills left a temp file of the live document, %d backup temp files remain%n", KILLS,
                (System.nanoTime() - startedAll) / 1e9, writesReported, reported, killsLeavingLiveTemp, backupTemps);
        assertThat(writesReported).as("writes reported over all writers").isGreaterThan(KILLS);
    }

    private void bootWriters(int ahead) throws IOException {
        while (booting.size() < ahead) {
            int n = writersStarted++;
            Path stderr = logs.resolve("writer-" + n + ".stderr");
            Process p = ChildJvm.start(stderr, "churn", home.toString(), NAME, String.valueOf(SEED + n));
            started.add(p);
            booting.addLast(new Writer(p, ChildJvm.stdoutLines(p), stderr));
        }
    }

    private static void send(Process p, String line) throws IOException {
        OutputStream in = p.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Checks every file in the home after a kill and returns the live state. */
    private DeploymentState checkHome(FileStateStore store, int kill, long reported) throws IOException {
        Path liveFile = store.file(NAME);
        DeploymentState live = StoreFiles.parse(StoreFiles.read(liveFile), liveFile);
        assertThat(store.find(NAME)).as("kill %s: find", kill).hasValue(live);
        assertThat(live.serial()).as("kill %s: serial of the live document, at least the last one reported", kill)
                .isGreaterThanOrEqualTo(reported);
        assertThat(live.keypairName()).as("kill %s: the document is one whole write", kill)
                .hasValue("serial-" + live.serial());

        StateListing listing = store.list();
        assertThat(listing.problems()).as("kill %s: list problems", kill).isEmpty();
        assertThat(listing.states()).as("kill %s: list", kill).containsExactly(live);

        for (Path f : filesIn(home.resolve("deployments"))) {
            String n = f.getFileName().toString();
            if (n.startsWith(".")) {
                assertThat(n).as("kill %s: a dot file in deployments/", kill).startsWith("." + NAME + ".json.tmp-");
            } else {
                assertThat(n).as("kill %s: files in deployments/", kill).isEqualTo(NAME + ".json");
            }
        }
        Path backupDir = home.resolve("backups").resolve(NAME);
        int complete = 0;
        for (Path f : filesIn(backupDir)) {
            String n = f.getFileName().toString();
            if (n.startsWith(".")) {
                assertThat(n).as("kill %s: a dot file in backups/", kill).contains(".json.gz.tmp-");
                continue;
            }
            DeploymentState kept = StoreFiles.parse(StoreFiles.gunzip(f), f);
            assertThat(kept.serial()).as("kill %s: backup %s is older than the live document", kill, n)
                    .isLessThanOrEqualTo(live.serial());
            assertThat(kept.keypairName()).as("kill %s: backup %s is one whole write", kill, n)
                    .hasValue("serial-" + kept.serial());
            complete++;
        }
        assertThat(store.backups(NAME)).as("kill %s: backups() lists the complete backups only", kill).hasSize(complete);
        assertThat(complete).as("kill %s: routine backups are pruned to ten", kill).isBetween(1, 11);
        return live;
    }

    private Set<Path> liveTempFiles() throws IOException {
        Set<Path> temps = new HashSet<>(tempFilesIn(home.resolve("deployments")));
        return Set.copyOf(temps);
    }

    private static List<Path> tempFilesIn(Path dir) throws IOException {
        return filesIn(dir).stream().filter(p -> p.getFileName().toString().startsWith(".")).toList();
    }

    private static List<Path> filesIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return new ArrayList<>(files.toList());
        }
    }
}
