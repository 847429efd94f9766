package io.tierstate.store;

import static io.tierstate.testing.Concurrently.runTogether;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.error.StateConflictException;
import io.tierstate.error.StateLockException;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent writers in one JVM never lose an update: threads sharing a store, and two stores on the
 * same home (whose file locks overlap inside the JVM). The counter lives in {@code keypair_name} so the
 * document itself proves how many read-modify-writes took effect.
 */
class FileStateStoreConcurrencyTest {

    private static final String NAME = "web";

    @TempDir
    Path home;

    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).as("worker threads stopped").isTrue();
    }

    @Test
    void update_eightThreads200Each_loseNothing() throws Exception {
        FileStateStore store = FileStateStore.open(home);
        long initial = store.create(StoreFiles.minimal(NAME).withKeypairName("0")).serial();

        runTogether(8, worker -> () -> {
            for (int i = 0; i < 200; i++) {
                store.update(NAME, FileStateStoreConcurrencyTest::increment);
            }
            return null;
        });

        assertCounter(store, 8 * 200, initial);
    }

    @Test
    void update_twoStoresOnOneHomeInOneJvm_loseNothing() throws Exception {
        FileStateStore first = FileStateStore.open(home);
        FileStateStore second = FileStateStore.open(home);
        long initial = first.create(StoreFiles.minimal(NAME).withKeypairName("0")).serial();

        runTogether(8, worker -> () -> {
            FileStateStore store = worker % 2 == 0 ? first : second;
            for (int i = 0; i < 100; i++) {
                store.update(NAME, FileStateStoreConcurrencyTest::increment);
            }
            return null;
        });

        assertCounter(first, 8 * 100, initial);
        assertCounter(second, 8 * 100, initial);
    }

    @Test
    void save_withStaleSerial_throwsStateConflictAndKeepsStoredState() {
        FileStateStore store = FileStateStore.open(home);
        DeploymentState read = store.create(StoreFiles.minimal(NAME));
        DeploymentState newer = store.update(NAME, s -> s.withStatus(Status.RUNNING));
        byte[] stored = StoreFiles.read(store.file(NAME));

        assertThatThrownBy(() -> store.save(read.withStatus(Status.FAILED)))
                .isInstanceOf(StateConflictException.class)
                .hasMessageContaining("'" + NAME + "'")
                .hasMessageContaining("read version " + read.serial() + ", stored version " + newer.serial());
        assertThat(StoreFiles.read(store.file(NAME))).as("the stored document").isEqualTo(stored);
    }

    @Test
    void save_eightThreadsFromOneRead_exactlyOneWins() throws Exception {
        FileStateStore store = FileStateStore.open(home);
        DeploymentState read = store.create(StoreFiles.minimal(NAME).withKeypairName("0"));
        AtomicInteger conflicts = new AtomicInteger();

        List<Object> results = runTogether(8, worker -> () -> {
            try {
                return store.save(read.withKeypairName("writer-" + worker));
            } catch (StateConflictException e) {
                conflicts.incrementAndGet();
                return e;
            }
        });

        List<DeploymentState> saved = results.stream()
                .filter(DeploymentState.class::isInstance).map(DeploymentState.class::cast).toList();
        assertThat(saved).hasSize(1);
        assertThat(conflicts).hasValue(7);
        DeploymentState now = store.find(NAME).orElseThrow();
        assertThat(now.serial()).isEqualTo(read.serial() + 1);
        assertThat(now.keypairName()).isEqualTo(saved.get(0).keypairName());
    }

    @Test
    void update_whileAnotherStoreHoldsTheLock_failsWithStateLockExceptionAfterTimeout() throws Exception {
        FileStateStore holder = FileStateStore.open(home);
        FileStateStore impatient = FileStateStore.builder().home(home).lockTimeout(Duration.ofSeconds(1)).build();
        holder.create(StoreFiles.minimal(NAME).withKeypairName("0"));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<DeploymentState> held = pool.submit(() -> holder.update(NAME, s -> {
            holding.countDown();
            await(release);
            return increment(s);
        }));
        try {
            assertThat(holding.await(10, TimeUnit.SECONDS)).as("holder entered its update").isTrue();
            long started = System.nanoTime();
            assertThatThrownBy(() -> impatient.update(NAME, FileStateStoreConcurrencyTest::increment))
                    .isInstanceOf(StateLockException.class)
                    .hasMessageContaining("could not lock '" + NAME + "' within 1 s")
                    .hasMessageContaining(NAME + ".lock");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(10));
        } finally {
            release.countDown();
        }
        held.get(10, TimeUnit.SECONDS);
        assertThat(impatient.update(NAME, FileStateStoreConcurrencyTest::increment).keypairName()).hasValue("2");
    }

    @Test
    void update_calledFromInsideAnUpdateOfTheSameName_failsFastInsteadOfWaitingForItself() {
        FileStateStore store = FileStateStore.builder().home(home).lockTimeout(Duration.ofSeconds(20)).build();
        store.create(StoreFiles.minimal(NAME).withKeypairName("0"));
        long started = System.nanoTime();

        assertThatThrownBy(() -> store.update(NAME, outer -> store.update(NAME, FileStateStoreConcurrencyTest::increment)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'" + NAME + "'")
                .hasMessageContaining("inside");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(store.find(NAME).orElseThrow().keypairName()).hasValue("0");
    }

    // ---------------------------------------------------------------------------------------------

    private static DeploymentState increment(DeploymentState s) {
        return StoreWriterMain.increment(s);
    }

    private static void assertCounter(FileStateStore store, int increments, long initialSerial) {
        DeploymentState now = store.find(NAME).orElseThrow();
        assertThat(now.keypairName()).as("the counter").hasValue(String.valueOf(increments));
        assertThat(now.serial()).as("serial").isEqualTo(initialSerial + increments);
        DeploymentState parsed = StoreFiles.parse(StoreFiles.read(store.file(NAME)), store.file(NAME));
        assertThat(parsed).isEqualTo(now);
    }



    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test latch not released within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
