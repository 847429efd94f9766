package io.tierstate.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConcurrentlyTest {

    @Test
    void runTogether_startsNoWorkerBeforeAllArePrepared_andTheyRunAtTheSameTime() {
        AtomicInteger prepared = new AtomicInteger();
        CountDownLatch allInside = new CountDownLatch(4);

        List<Object> seen = Concurrently.runTogether(4, worker -> {
            prepared.incrementAndGet();
            return () -> {
                int preparedAtStart = prepared.get();
                allInside.countDown();
                // only true when all four bodies are running at once
                boolean together = allInside.await(10, TimeUnit.SECONDS);
                return List.of(preparedAtStart, together);
            };
        });

        assertThat(seen).hasSize(4).allSatisfy(s -> assertThat(s).isEqualTo(List.of(4, true)));
    }

    @Test
    void runTogether_returnsTheResultsInWorkerOrder_andPreparesEachWorkerOnItsOwnThread() {
        Thread caller = Thread.currentThread();
        Set<Thread> threads = ConcurrentHashMap.newKeySet();

        List<String> results = Concurrently.runTogether(3, worker -> {
            Thread preparing = Thread.currentThread();
            threads.add(preparing);
            return () -> {
                assertThat(Thread.currentThread()).as("the body runs where it was prepared").isSameAs(preparing);
                Thread.sleep(30L * (3 - worker)); // the last worker finishes first
                return "w" + worker;
            };
        });

        assertThat(results).containsExactly("w0", "w1", "w2");
        assertThat(threads).hasSize(3).doesNotContain(caller);
    }

    @Test
    void runTogether_whenWorkersFail_waitsForAllAndReportsTheFirstWithTheOthersSuppressed() {
        AtomicBoolean othersFinished = new AtomicBoolean();

        assertThatThrownBy(() -> Concurrently.runTogether(3, worker -> () -> {
            if (worker == 2) {
                Thread.sleep(100);
                othersFinished.set(true);
                return "done";
            }
            throw new IllegalStateException("worker " + worker + " broke");
        })).isInstanceOf(AssertionError.class)
                .hasMessageContaining("worker 0 of 3 failed").hasMessageContaining("worker 0 broke")
                .hasCauseInstanceOf(IllegalStateException.class)
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .satisfies(s -> assertThat(s).hasMessage("worker 1 broke")));
        assertThat(othersFinished).isTrue();
    }

    @Test
    void runTogether_whenAWorkerCannotBePrepared_failsWithoutHoldingTheOthersAtTheStart() {
        assertThatThrownBy(() -> Concurrently.runTogether(2, Duration.ofSeconds(10), worker -> {
            if (worker == 1) {
                throw new IllegalArgumentException("no store for worker 1");
            }
            return () -> "ran";
        })).isInstanceOf(AssertionError.class).hasMessageContaining("worker 1 of 2 failed")
                .hasRootCauseMessage("no store for worker 1");
    }

    @Test
    void runTogether_whenAWorkerHangs_failsAfterTheTimeoutAndInterruptsIt() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);

        assertThatThrownBy(() -> Concurrently.runTogether(2, Duration.ofMillis(300), worker -> () -> {
            if (worker == 1) {
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    interrupted.countDown();
                }
            }
            return worker;
        })).isInstanceOf(AssertionError.class).hasMessageContaining("worker 1 of 2 did not finish within 300 ms");
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("the hanging worker was interrupted").isTrue();
    }

    @Test
    void runTogether_withNoWorkers_isRefused() {
        assertThatThrownBy(() -> Concurrently.runTogether(0, worker -> () -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("count is 0");
    }
}
