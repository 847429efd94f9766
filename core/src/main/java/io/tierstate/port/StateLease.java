package io.tierstate.port;

import java.time.Duration;
import java.time.Instant;

/**
 * Exclusive, time-limited ownership of one deployment for a long operation such as destroy. Other
 * writers can still {@code update} state; only another lease on the same deployment is refused.
 * Close it to release it; an owner that dies loses it when it expires.
 */
public interface StateLease extends AutoCloseable {

    /** @return the deployment name */
    String name();

    /** @return who holds it, e.g. {@code destroy@host:pid} */
    String owner();

    /** @return when it lapses unless renewed */
    Instant expiresAt();

    /**
     * Extends the lease.
     *
     * @param ttl the new time to live from now
     * @throws io.tierstate.error.LeaseHeldException when it lapsed and someone else took it
     */
    void renew(Duration ttl);

    /** Releases the lease; releasing twice does nothing. */
    @Override
    void close();
}
