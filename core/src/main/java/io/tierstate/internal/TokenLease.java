package io.tierstate.internal;

import io.tierstate.port.StateLease;
import java.time.Duration;
import java.time.Instant;

/**
 * What every store's lease shares: a name, an owner, a random token that proves ownership, an
 * expiry, and release-once semantics. A store says only how to extend and release its record.
 */
public abstract class TokenLease implements StateLease {

    private final String name;
    private final String owner;
    private final String token;
    private volatile Instant expiresAt;
    private volatile boolean released;

    /**
     * Creates a held lease.
     *
     * @param name the deployment
     * @param owner who holds it
     * @param token the random token written with the lease record
     * @param expiresAt when it lapses unless renewed
     */
    protected TokenLease(String name, String owner, String token, Instant expiresAt) {
        this.name = name;
        this.owner = owner;
        this.token = token;
        this.expiresAt = expiresAt;
    }

    /**
     * Writes a later expiry, if the stored record still carries this lease's token.
     *
     * @param ttl the new time to live
     * @return the new expiry
     * @throws io.tierstate.error.LeaseHeldException when the lease lapsed and someone else holds it, or it was released
     */
    protected abstract Instant extend(Duration ttl);

    /** Removes (or expires) the stored record if it still carries this lease's token. */
    protected abstract void release();

    /** @return the token that proves ownership */
    protected final String token() {
        return token;
    }

    /** @return whether {@link #close()} was called */
    protected final boolean isReleased() {
        return released;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String owner() {
        return owner;
    }

    @Override
    public final Instant expiresAt() {
        return expiresAt;
    }

    @Override
    public final void renew(Duration ttl) {
        StoreSupport.checkTtl(ttl);
        expiresAt = extend(ttl);
    }

    @Override
    public final void close() {
        if (released) {
            return;
        }
        released = true;
        release();
    }

    @Override
    public String toString() {
        return "lease on '" + name + "' held by " + owner + " until " + expiresAt;
    }
}
