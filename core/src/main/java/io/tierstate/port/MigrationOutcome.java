package io.tierstate.port;

import java.util.List;
import java.util.Optional;

/**
 * What migrating one stored document did, or would do on a dry run.
 *
 * @param name the deployment name
 * @param source the file or object
 * @param result what happened
 * @param fromVersion the schema version found (0 when it could not be read)
 * @param toVersion the schema version after migration
 * @param steps the upgrade steps applied (or to apply)
 * @param backup where the original bytes were kept, when they were
 * @param error why it failed, for {@link Result#FAILED}
 */
public record MigrationOutcome(String name, String source, Result result, int fromVersion, int toVersion,
        List<String> steps, Optional<String> backup, Optional<String> error) {

    /** What happened to one document. */
    public enum Result {
        /** Upgraded and written, with a backup of the original. */
        MIGRATED,
        /** A dry run: would be upgraded. */
        WOULD_MIGRATE,
        /** Already at the current schema; not touched. */
        UP_TO_DATE,
        /** Could not be read or upgraded; not touched. */
        FAILED
    }

    /** Copies the steps so the outcome stays immutable. */
    public MigrationOutcome {
        steps = List.copyOf(steps);
    }

    /**
     * Creates the outcome of a document that could not be migrated.
     *
     * @param name the deployment name
     * @param source the file or object
     * @param error the reason
     * @return the outcome
     */
    public static MigrationOutcome failed(String name, String source, String error) {
        return new MigrationOutcome(name, source, Result.FAILED, 0, 0, List.of(), Optional.empty(), Optional.of(error));
    }
}
