package io.tierstate.sim;

import io.tierstate.error.InvalidInputException;
import io.tierstate.port.CloudClock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A clock whose time moves only when someone waits on it, so that a 15-minute CloudFront wait runs
 * in microseconds. The simulated cloud computes every state transition from this clock; the
 * lifecycle engine waits on it through {@link io.tierstate.port.Cloud#clock()}. Thread-safe.
 *
 * <pre>{@code
 * VirtualClock clock = VirtualClock.startingAt(Instant.parse("2025-01-01T00:00:00Z"));
 * clock.sleep(Duration.ofMinutes(15));   // returns at once
 * clock.now();                           // 2025-01-01T00:15:00Z
 * clock.advance(Duration.ofSeconds(30)); // for tests: move time without waiting
 * }</pre>
 *
 * <p><b>Instant mode</b> (the default): {@link #sleep(Duration)} moves time forward by the duration
 * at once. When several threads wait at the same time, their waits overlap as they would on a wall
 * clock: time moves to the earliest wake-up among the sleeping threads, and only once the other
 * threads that use the clock are idle (sleeping on it, or blocked on something else for 20 ms), so that two
 * threads waiting 15 and 3 minutes in parallel take 15 minutes of virtual time, not 18. A thread
 * that has not used this clock for 250 ms, or not at all yet, is not waited for, and no sleeper is
 * held back more than 2 s of real time; so on a heavily loaded machine, or when a thread starts
 * using the clock late, overlapping waits may come out slightly longer than on a wall clock, never
 * shorter. A thread that reads the clock in a loop without sleeping on it (a progress display
 * polling {@code now()}) holds time back; report progress from the threads that do the work instead.
 *
 * <p><b>Speed mode</b> ({@link #startingAt(Instant, double)}): virtual time runs {@code speed}
 * times faster than real time, so {@code sleep(d)} really waits {@code d / speed} and time moves by
 * {@code d}. Use it to watch a simulation unfold (the {@code tierstate} program's {@code --sim-speed}).
 *
 * <p>Sleeps are interruptible, as {@link Thread#sleep(long)} is.
 */
public final class VirtualClock implements CloudClock {

    /**
     * A runnable thread that has not used the clock for this long no longer holds time back. Long
     * enough for a thread starved of CPU on a loaded machine between two calls, short enough not to
     * stall sleepers for a thread that went off to do something else.
     */
    static final long ACTIVITY_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /**
     * A thread that used the clock this recently holds time back even while parked: it may just have
     * been woken (by a latch, a future, a lock) and not be running yet.
     */
    static final long RECENT_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** No sleeper is held back longer than this, whatever the other threads do. */
    static final long MAX_HOLD_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final AtomicInteger entering = new AtomicInteger();
    private final double speed;
    private final InstantSource realTime;
    private final TreeMap<Instant, Integer> sleepers = new TreeMap<>();
    private final Map<Thread, Participant> participants = new WeakHashMap<>();
    /** Instant mode: the current time. Speed mode: the virtual time at {@link #realBase}. */
    private Instant base;
    private Instant realBase;
    private Instant lastReturned;

    VirtualClock(Instant start, double speed, InstantSource realTime) {
        Objects.requireNonNull(start, "start");
        this.speed = checkSpeed(speed);
        this.realTime = Objects.requireNonNull(realTime, "realTime");
        this.base = start;
        this.realBase = realTime.instant();
        this.lastReturned = start;
    }

    /**
     * Makes a clock in instant mode.
     *
     * @param start the time {@link #now()} returns until someone waits
     * @return the clock
     */
    public static VirtualClock startingAt(Instant start) {
        return new VirtualClock(start, Double.POSITIVE_INFINITY, InstantSource.system());
    }

    /**
     * Makes a clock that runs {@code speed} times faster than real time.
     *
     * @param start the time {@link #now()} returns now
     * @param speed simulated seconds per real second, e.g. 60 (one minute a second); infinity means instant mode
     * @return the clock
     * @throws IllegalArgumentException when the speed is not positive
     */
    public static VirtualClock startingAt(Instant start, double speed) {
        return new VirtualClock(start, speed, InstantSource.system());
    }

    /** @return a clock in instant mode starting at the current wall-clock time, to the second */
    public static VirtualClock create() {
        return startingAt(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /** @return the current virtual time; never earlier than a time returned before */
    @Override
    public Instant now() {
        acquire();
        try {
            touch();
            return current();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits on this clock: in instant mode time moves by {@code duration} (see the class comment for
     * several threads) and the call returns at once; in speed mode it waits {@code duration / speed}
     * of real time.
     *
     * @param duration how long; zero or negative returns at once
     * @throws InterruptedException when the thread is interrupted before or while waiting
     */
    @Override
    public void sleep(Duration duration) throws InterruptedException {
        Objects.requireNonNull(duration, "duration");
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before sleeping " + duration + " on the virtual clock");
        }
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        entering.incrementAndGet();
        try {
            lock.lockInterruptibly();
        } finally {
            entering.decrementAndGet();
        }
        try {
            if (Double.isInfinite(speed)) {
                sleepInstantly(duration);
            } else {
                sleepReally(duration);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves time forward without waiting, waking the sleepers whose time has come. For tests.
     *
     * @param duration how far; zero or more
     * @throws IllegalArgumentException when negative: time never goes back
     */
    public void advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new InvalidInputException("time never goes back; cannot advance by " + duration);
        }
        acquire();
        try {
            base = base.plus(duration);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** @return simulated seconds per real second, or empty in instant mode */
    public OptionalDouble speed() {
        return Double.isInfinite(speed) ? OptionalDouble.empty() : OptionalDouble.of(speed);
    }

    /** @return whether sleeps return at once (no speed set) */
    public boolean isInstant() {
        return Double.isInfinite(speed);
    }

    @Override
    public String toString() {
        return "VirtualClock[now=" + now() + (isInstant() ? ", instant" : ", speed=" + speed) + "]";
    }

    /** The real-time source, for persistence. */
    InstantSource realTime() {
        return realTime;
    }

    private void sleepInstantly(Duration duration) throws InterruptedException {
        Participant me = touch();
        Instant wake = base.plus(duration);
        sleepers.merge(wake, 1, Integer::sum);
        me.sleeping = true;
        long started = System.nanoTime();
        try {
            while (base.isBefore(wake)) {
                boolean earliest = !sleepers.firstKey().isBefore(wake);
                if (earliest && (othersIdle(me) || System.nanoTime() - started > MAX_HOLD_NANOS)) {
                    base = wake;
                    changed.signalAll();
                    break;
                }
                changed.awaitNanos(POLL_NANOS);
            }
        } finally {
            sleepers.computeIfPresent(wake, (k, n) -> n == 1 ? null : n - 1);
            me.sleeping = false;
            me.lastTouchNanos = System.nanoTime();
            changed.signalAll();
        }
    }

    private void sleepReally(Duration duration) throws InterruptedException {
        Instant wake = current().plus(duration);
        while (true) {
            Duration left = Duration.between(current(), wake);
            if (left.isNegative() || left.isZero()) {
                return;
            }
            double realNanos = saturatedNanos(left) / speed;
            changed.awaitNanos(Math.max(1, (long) Math.min(Long.MAX_VALUE / 2.0, Math.ceil(realNanos))));
        }
    }

    /** Whether every other thread using the clock is sleeping on it or waiting for something else. */
    private boolean othersIdle(Participant me) {
        if (entering.get() > 0) {
            return false;
        }
        long now = System.nanoTime();
        for (Iterator<Map.Entry<Thread, Participant>> it = participants.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Thread, Participant> e = it.next();
            Participant p = e.getValue();
            if (p == me || p.sleeping) {
                continue;
            }
            Thread t = e.getKey();
            if (!t.isAlive()) {
                it.remove();
                continue;
            }
            long quiet = now - p.lastTouchNanos;
            if (quiet < RECENT_NANOS) {
                return false;
            }
            Thread.State state = t.getState();
            if (quiet < ACTIVITY_WINDOW_NANOS && (state == Thread.State.RUNNABLE || state == Thread.State.NEW)) {
                return false;
            }
        }
        return true;
    }

    private void acquire() {
        entering.incrementAndGet();
        try {
            lock.lock();
        } finally {
            entering.decrementAndGet();
        }
    }

    private Participant touch() {
        Participant p = participants.computeIfAbsent(Thread.currentThread(), t -> new Participant());
        p.lastTouchNanos = System.nanoTime();
        return p;
    }

    private Instant current() {
        Instant t = base;
        if (!Double.isInfinite(speed)) {
            Duration real = Duration.between(realBase, realTime.instant());
            if (!real.isNegative()) {
                double virtualNanos = saturatedNanos(real) * speed;
                long seconds = (long) (virtualNanos / 1e9);
                long nanos = (long) (virtualNanos - seconds * 1e9);
                t = t.plusSeconds(seconds).plusNanos(Math.max(0, nanos));
            }
        }
        if (t.isBefore(lastReturned)) {
            t = lastReturned;
        }
        lastReturned = t;
        return t;
    }

    private static double saturatedNanos(Duration d) {
        return d.getSeconds() * 1e9 + d.getNano();
    }

    private static double checkSpeed(double speed) {
        if (!(speed > 0)) {
            throw new InvalidInputException("speed is simulated seconds per real second and must be positive, was " + speed);
        }
        return speed;
    }

    /** What the clock knows of one thread that uses it. */
    private static final class Participant {
        long lastTouchNanos;
        boolean sleeping;
    }
}
