package io.tierstate.store.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored lease: who holds it, the random token that proves it, and when it lapses. Backends that
 * keep leases as documents (files, objects) store {@link #toJson()} and read it back with
 * {@link #parse(byte[])}, so every such backend writes the same record.
 *
 * @param owner who holds it, e.g. {@code destroy@ci-runner-7:4121}
 * @param token the random token written with it
 * @param expiresAt when it lapses unless renewed
 */
public record LeaseRecord(String owner, String token, Instant expiresAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Checks the parts. */
    public LeaseRecord {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * Tells whether the lease still holds at an instant.
     *
     * @param now the instant
     * @return whether it lapses after {@code now}
     */
    public boolean liveAt(Instant now) {
        return expiresAt.isAfter(now);
    }

    /** @return {@code {"owner": ..., "token": ..., "expires_at": ...}}, UTF-8 */
    public byte[] toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(JSON.createObjectNode()
                    .put("owner", owner).put("token", token).put("expires_at", expiresAt.toString()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a lease record", e);
        }
    }

    /**
     * Reads a record written by {@link #toJson()}.
     *
     * @param bytes the stored record
     * @return the record, or empty when it cannot be read: an unreadable lease protects nothing and counts as none
     */
    public static Optional<LeaseRecord> parse(byte[] bytes) {
        try {
            JsonNode tree = JSON.readTree(bytes);
            if (tree == null || !tree.isObject()) {
                return Optional.empty();
            }
            return Optional.of(new LeaseRecord(tree.path("owner").asText("unknown"), tree.path("token").asText(""),
                    java.time.OffsetDateTime.parse(tree.path("expires_at").asText()).toInstant()));
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
