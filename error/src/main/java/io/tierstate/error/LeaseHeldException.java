package io.tierstate.error;

import java.time.Instant;

/** Another owner holds the lease on a deployment (another destroy is running on it). */
public class LeaseHeldException extends StateException {

    private static final long serialVersionUID = 1L;

    private final String owner;
    private final Instant expiresAt;

    /**
     * Creates the exception.
     *
     * @param name the deployment
     * @param owner who holds the lease
     * @param expiresAt when it lapses
     */
    public LeaseHeldException(String name, String owner, Instant expiresAt) {
        super("deployment '" + name + "' is leased by " + owner + " until " + expiresAt
                + ": another long operation (a destroy) is running on it; wait for it to finish, or, if that"
                + " process is gone, wait until the lease expires");
        this.owner = owner;
        this.expiresAt = expiresAt;
    }

    /** @return who holds the lease */
    public String owner() {
        return owner;
    }

    /** @return when it lapses */
    public Instant expiresAt() {
        return expiresAt;
    }
}
