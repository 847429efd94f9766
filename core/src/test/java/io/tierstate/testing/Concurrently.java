package io.tierstate.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a few workers at the same moment, for tests of what happens when callers race.
 *
 * <pre>{@code
 * List<Object> serials = Concurrently.runTogether(8, worker -> () -> store.update(NAME, s -> s.withKeypairName("w" + worker)));
 * }</pre>
 *
 * <p>Each worker has its own thread. {@link Worker#forWorker(int)} runs on that thread before the
 * start, so a worker can make itself known there (to a virtual clock, say) before any of them
 * begins; the start is a barrier all of them reach, so none begins while another is still being
 * set up.
 */
public final class Concurrently {

    /** How long {@link #runTogether(int, Worker)} waits for the workers. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private Concurrently() {}

    /**
     * What one worker does.
     *
     * @param <T> what it returns
     */
    @FunctionalInterface
    public interface Worker<T> {
        /**
         * Prepares worker {@code worker} on its own thread and returns what it does once all have started.
         *
         * @param worker 0, 1, ...
         * @return the work
         * @throws Exception when the worker cannot be prepared; it counts as the worker's failure
         */
        Callable<T> forWorker(int worker) throws Exception;
    }

    /**
     * Starts {@code count} workers at once and waits up to {@link #DEFAULT_TIMEOUT} for all of them.
     *
     * @param count how many, at least 1
     * @param worker what each does
     * @param <T> what a worker returns
     * @return the results, in worker order
     * @throws AssertionError when a worker failed (the first failure as the cause, the others
     *     suppressed) or they did not all finish in time
     */
    public static <T> List<T> runTogether(int count, Worker<T> worker) {
        return runTogether(count, DEFAULT_TIMEOUT, worker);
    }

    /**
     * Starts {@code count} workers at once and waits up to {@code timeout} for all of them; the ones
     * still running then are interrupted.
     *
     * @param count how many, at least 1
     * @param timeout how long to wait for all of them together
     * @param worker what each does
     * @param <T> what a worker returns
     * @return the results, in worker order
     * @throws AssertionError when a worker failed (the first failure as the cause, the others
     *     suppressed) or they did not all finish in time
     */
    public static <T> List<T> runTogether(int count, Duration timeout, Worker<T> worker) {
        if (count < 1) {
            throw new IllegalArgumentException("count is " + count + "; give 1 or more workers");
        }
        CyclicBarrier start = new CyclicBarrier(count);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(count, r -> {
            Thread t = new Thread(r, "together-" + threads.getAndIncrement());
            t.setDaemon(true); // a worker that ignores interrupts must not keep the test JVM alive
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int w = 0; w < count; w++) {
                int index = w;
                futures.add(pool.submit(() -> {
                    Callable<T> body;
                    try {
                        body = worker.forWorker(index);
                    } finally {
                        // a worker that fails to prepare still releases the others, and fails itself below
                        start.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
                    }
                    return body.call();
                }));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            List<T> results = new ArrayList<>();
            AssertionError failed = null;
            for (int w = 0; w < count; w++) {
                try {
                    results.add(futures.get(w).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (TimeoutException e) {
                    AssertionError late = new AssertionError("worker " + w + " of " + count + " did not finish within "
                            + (timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms"), e);
                    if (failed != null) {
                        late.addSuppressed(failed);
                    }
                    throw late;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause() instanceof BrokenBarrierException && failed != null ? null : e.getCause();
                    if (failed == null) {
                        failed = new AssertionError("worker " + w + " of " + count + " failed: " + cause, cause);
                    } else if (cause != null) {
                        failed.addSuppressed(cause);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for the workers", e);
                }
            }
            if (failed != null) {
                throw failed;
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
