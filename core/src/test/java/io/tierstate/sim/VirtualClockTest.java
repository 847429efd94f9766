package io.tierstate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.error.InvalidInputException;
import io.tierstate.testing.Concurrently;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class VirtualClockTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    /** A real-time source that moves only when told. */
    static final class FakeRealTime implements InstantSource {
        private volatile Instant now = Instant.parse("2030-06-01T12:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        void pass(Duration d) {
            now = now.plus(d);
        }
    }

    @Test
    void now_startsAtTheGivenInstant_andStaysThereUntilSomeoneWaits() {
        VirtualClock clock = VirtualClock.startingAt(T0);

        assertThat(clock.now()).isEqualTo(T0);
        assertThat(clock.now()).isEqualTo(T0);
        assertThat(clock.isInstant()).isTrue();
        assertThat(clock.speed()).isEmpty();
    }

    @Test
    void sleep_inInstantMode_advancesByTheDurationAtOnce() throws InterruptedException {
        VirtualClock clock = VirtualClock.startingAt(T0);
        long started = System.nanoTime();

        clock.sleep(Duration.ofMinutes(15));
        clock.sleep(Duration.ofSeconds(30));

        assertThat(clock.now()).isEqualTo(T0.plus(Duration.ofMinutes(15).plusSeconds(30)));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(200));
    }

    @Test
    void sleep_ofZeroOrLess_returnsWithoutMovingTime() throws InterruptedException {
        VirtualClock clock = VirtualClock.startingAt(T0);

        clock.sleep(Duration.ZERO);
        clock.sleep(Duration.ofSeconds(-5));

        assertThat(clock.now()).isEqualTo(T0);
    }

    @Test
    void advance_movesTimeForward_andRefusesToGoBack() {
        VirtualClock clock = VirtualClock.startingAt(T0);

        clock.advance(Duration.ofHours(2));

        assertThat(clock.now()).isEqualTo(T0.plus(Duration.ofHours(2)));
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("never goes back");
    }

    @Test
    void sleep_whenTheThreadIsAlreadyInterrupted_throwsInterruptedException() {
        VirtualClock clock = VirtualClock.startingAt(T0);
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> clock.sleep(Duration.ofMinutes(1))).isInstanceOf(InterruptedException.class)
                .hasMessageContaining("interrupted");
        assertThat(clock.now()).isEqualTo(T0);
    }

    @Test
    void sleep_atSpeed60000_returnsQuicklyAndAdvancesTenMinutes() throws InterruptedException {
        VirtualClock clock = VirtualClock.startingAt(T0, 60_000);
        long started = System.nanoTime();

        clock.sleep(Duration.ofMinutes(10));

        Duration real = Duration.ofNanos(System.nanoTime() - started);
        assertThat(real).isGreaterThanOrEqualTo(Duration.ofMillis(9)).isLessThan(Duration.ofSeconds(2));
        assertThat(clock.now()).isAfterOrEqualTo(T0.plus(Duration.ofMinutes(10)));
        assertThat(clock.speed()).hasValue(60_000);
    }

    @Test
    void now_atASpeed_followsTheRealTimeSourceTimesTheSpeed() {
        FakeRealTime real = new FakeRealTime();
        VirtualClock clock = new VirtualClock(T0, 60, real);

        real.pass(Duration.ofSeconds(10));
        assertThat(clock.now()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
        clock.advance(Duration.ofMinutes(1));
        assertThat(clock.now()).isEqualTo(T0.plus(Duration.ofMinutes(11)));
        real.pass(Duration.ofMillis(500));
        assertThat(clock.now()).isEqualTo(T0.plus(Duration.ofMinutes(11).plusSeconds(30)));
    }

    @Test
    void now_neverGoesBack_whenTheRealClockDoes() {
        FakeRealTime real = new FakeRealTime();
        VirtualClock clock = new VirtualClock(T0, 2, real);
        real.pass(Duration.ofSeconds(10));
        Instant seen = clock.now();

        real.pass(Duration.ofSeconds(-5));

        assertThat(clock.now()).isEqualTo(seen);
    }

    @Test
    void speed_mustBePositive() {
        for (double bad : new double[] {0, -1, Double.NaN}) {
            assertThatThrownBy(() -> VirtualClock.startingAt(T0, bad)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("must be positive");
        }
        assertThat(VirtualClock.startingAt(T0, Double.POSITIVE_INFINITY).isInstant()).isTrue();
    }

    @Test
    void sleep_atASpeed_isInterruptible() throws Exception {
        VirtualClock clock = VirtualClock.startingAt(T0, 1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CountDownLatch sleeping = new CountDownLatch(1);
        Thread sleeper = new Thread(() -> {
            sleeping.countDown();
            try {
                clock.sleep(Duration.ofHours(1));
            } catch (InterruptedException e) {
                thrown.set(e);
            }
        });
        sleeper.start();
        sleeping.await();
        Thread.sleep(20);

        sleeper.interrupt();
        sleeper.join(5_000);

        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void advance_wakesASleeperAtASpeed() throws Exception {
        VirtualClock clock = VirtualClock.startingAt(T0, 1);
        Thread sleeper = new Thread(() -> {
            try {
                clock.sleep(Duration.ofHours(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        sleeper.start();
        Thread.sleep(20);

        clock.advance(Duration.ofHours(1));
        sleeper.join(5_000);

        assertThat(sleeper.isAlive()).isFalse();
    }

    @Test
    void sleepsOfParallelThreads_overlapAsOnAWallClock() throws Exception {
        VirtualClock clock = VirtualClock.startingAt(T0);
        Callable<Instant> cloudFront = () -> {
            for (int i = 0; i < 30; i++) {
                clock.sleep(Duration.ofSeconds(30));
            }
            return clock.now();
        };
        Callable<Instant> rest = () -> {
            for (int i = 0; i < 36; i++) {
                clock.sleep(Duration.ofSeconds(5));
            }
            return clock.now();
        };

        List<Instant> done = Concurrently.runTogether(2, Duration.ofSeconds(10), worker -> {
            clock.now(); // known to the clock before either sleeps
            return worker == 0 ? cloudFront : rest;
        });
        Instant cloudFrontDone = done.get(0);
        Instant restDone = done.get(1);

        // exactly 15 and 3 minutes unless the machine starves a thread; the sum would be 18
        assertThat(cloudFrontDone).isBetween(T0.plus(Duration.ofMinutes(15)), T0.plus(Duration.ofMinutes(16)));
        assertThat(restDone).isBetween(T0.plus(Duration.ofMinutes(3)), T0.plus(Duration.ofMinutes(4)));
        assertThat(clock.now()).isEqualTo(cloudFrontDone);
    }

    @Test
    void manySleepersWithTheSameWakeTime_allWake() throws Exception {
        VirtualClock clock = VirtualClock.startingAt(T0);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> {
                try {
                    clock.sleep(Duration.ofMinutes(1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(5_000);
            assertThat(t.isAlive()).isFalse();
        }

        assertThat(clock.now()).isBetween(T0.plus(Duration.ofMinutes(1)), T0.plus(Duration.ofMinutes(4)));
    }

    @Test
    void create_startsAtTheCurrentTimeToTheSecond() {
        Instant before = Instant.now().minusSeconds(1);

        VirtualClock clock = VirtualClock.create();

        assertThat(clock.now()).isAfter(before).isBeforeOrEqualTo(Instant.now());
        assertThat(clock.now().getNano()).isZero();
        assertThat(clock.toString()).contains("instant");
    }
}
