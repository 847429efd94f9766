package io.tierstate.store.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A backup the engine asks a backend to keep: the document it replaces or removes, its label, and
 * how many routine backups to keep once it is stored. A backend prunes only its own routine
 * (unlabelled) backups of that deployment, and only after keeping a routine one.
 *
 * @param document the document, uncompressed (a backend may compress it)
 * @param label e.g. {@code schema-v2}, {@code deleted}, {@code pre-restore}; empty for a routine backup
 * @param takenAt when it is taken, for its name or row
 * @param routineKept how many routine backups of the deployment to keep, at least 1
 */
public record BackupRequest(byte[] document, Optional<String> label, Instant takenAt, int routineKept) {

    /** Checks the parts. */
    public BackupRequest {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(takenAt, "takenAt");
        if (routineKept < 1) {
            throw new IllegalArgumentException("routineKept must be at least 1, was " + routineKept);
        }
    }

    /** @return whether this is a routine backup, which retention may prune */
    public boolean routine() {
        return label.isEmpty();
    }
}
