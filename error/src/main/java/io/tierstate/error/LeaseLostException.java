package io.tierstate.error;

import java.time.Instant;

/**
 * A long operation lost its lease (it lapsed while the process was paused, and another owner took
 * it). The operation stopped before its next write; the journal holds what it finished.
 */
public class LeaseLostException extends LeaseHeldException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param name the deployment
     * @param owner who holds the lease now
     * @param expiresAt when that lease lapses
     */
    public LeaseLostException(String name, String owner, Instant expiresAt) {
        super(name, owner, expiresAt);
    }
}
