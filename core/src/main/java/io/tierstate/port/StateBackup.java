package io.tierstate.port;

import java.time.Instant;
import java.util.Optional;

/**
 * One kept copy of an earlier state document.
 *
 * @param name the deployment name
 * @param location where the backup is (a path, a key ...)
 * @param takenAt when it was taken
 * @param label why it was taken: empty for a routine backup before an overwrite (the newest ten
 *     are kept), or e.g. {@code schema-v2} before a schema upgrade, {@code deleted}, {@code pre-restore}
 *     (those are never pruned)
 */
public record StateBackup(String name, String location, Instant takenAt, Optional<String> label) {}
