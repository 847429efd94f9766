package io.tierstate.store.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A document the engine asks a backend to write: the bytes, and the two facts a backend may keep
 * beside them (a version column, an {@code updated_at} column).
 *
 * @param name the deployment; validated by the engine, except for the names a backend's own listing returned
 * @param bytes the exact bytes to store
 * @param serial the state's serial
 * @param updatedAt the state's {@code updated_at}
 */
public record Document(String name, byte[] bytes, long serial, Instant updatedAt) {

    /** Checks the parts. */
    public Document {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
