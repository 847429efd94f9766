package io.tierstate.port;

import java.time.Duration;
import java.time.Instant;

/**
 * The time that waits and timeouts are measured in. The lifecycle engine never calls
 * {@link Thread#sleep(long)} itself, so a simulated cloud can run a 15-minute CloudFront wait in
 * milliseconds on a virtual clock.
 */
public interface CloudClock {

    /** @return the current time on this clock */
    Instant now();

    /**
     * Waits on this clock.
     *
     * @param duration how long
     * @throws InterruptedException when the waiting thread is interrupted (for example by cancel)
     */
    void sleep(Duration duration) throws InterruptedException;

    /** @return the wall clock, sleeping with {@link Thread#sleep(long)} */
    static CloudClock system() {
        return SystemCloudClock.INSTANCE;
    }
}

/** The wall clock. */
enum SystemCloudClock implements CloudClock {
    INSTANCE;

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (!duration.isNegative() && !duration.isZero()) {
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        }
    }
}
