package io.tierstate.destroy;

import io.tierstate.port.CloudClock;
import java.time.Duration;

/**
 * Cancels a running destroy safely: the worker is interrupted only while it sleeps between polls,
 * never while it writes state (an interrupt would close the file channel mid-write).
 */
final class Cancellation {

    private boolean cancelled;
    private Thread sleeper;

    synchronized void cancel() {
        cancelled = true;
        if (sleeper != null) {
            sleeper.interrupt();
        }
    }

    synchronized boolean isCancelled() {
        return cancelled;
    }

    /** Sleeps on the clock unless cancelled; returns early when cancelled. */
    void sleep(CloudClock clock, Duration duration) {
        synchronized (this) {
            if (cancelled) {
                return;
            }
            sleeper = Thread.currentThread();
        }
        try {
            clock.sleep(duration);
        } catch (InterruptedException e) {
            synchronized (this) {
                if (!cancelled) {
                    cancelled = true; // interrupted by someone else: treat as a cancel and keep the flag
                }
            }
        } finally {
            synchronized (this) {
                sleeper = null;
                Thread.interrupted(); // a cancel that raced the wake-up must not hit the next state write
            }
        }
    }
}
