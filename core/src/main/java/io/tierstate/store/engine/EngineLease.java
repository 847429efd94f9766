package io.tierstate.store.engine;

import io.tierstate.port.StateLease;
import io.tierstate.store.spi.StoreBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** A held lease: its random token proves ownership to the backend; released at most once. */
final class EngineLease implements StateLease {

    private final StoreBackend backend;
    private final Supplier<Instant> clock;
    private final String name;
    private final String owner;
    private final String token;
    private volatile Instant expiresAt;
    private volatile boolean released;

    EngineLease(StoreBackend backend, Supplier<Instant> clock, String name, String owner, String token, Instant expiresAt) {
        this.backend = backend;
        this.clock = clock;
        this.name = name;
        this.owner = owner;
        this.token = token;
        this.expiresAt = expiresAt;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String owner() {
        return owner;
    }

    @Override
    public Instant expiresAt() {
        return expiresAt;
    }

    @Override
    public void renew(Duration ttl) {
        Rules.checkTtl(ttl);
        if (released) {
            throw Rules.held(backend, name, clock.get()); // names whoever holds it now
        }
        expiresAt = backend.renewLease(name, token, ttl, clock.get()).orElseThrow(() -> Rules.held(backend, name, clock.get()));
    }

    @Override
    public void close() {
        if (released) {
            return;
        }
        released = true;
        backend.releaseLease(name, token);
    }

    @Override
    public String toString() {
        return "lease on '" + name + "' held by " + owner + " until " + expiresAt;
    }
}
