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
 * @param writtenBy {@link #TIERSTATE} or {@link #GEUSEMAKER}: which tool wrote it (TierState prunes only its own)
 */
public record StateBackup(String name, String location, Instant takenAt, Optional<String> label, String writtenBy) {

    /** {@link #writtenBy()} of a backup TierState wrote. */
    public static final String TIERSTATE = "tierstate";

    /** {@link #writtenBy()} of a backup GeuseMaker wrote ({@code backups/STACK/*.json.gz}, its naming); TierState never prunes it. */
    public static final String GEUSEMAKER = "geusemaker";

    /**
     * A backup TierState wrote.
     *
     * @param name the deployment name
     * @param location where the backup is
     * @param takenAt when it was taken
     * @param label why it was taken; empty for a routine one
     */
    public StateBackup(String name, String location, Instant takenAt, Optional<String> label) {
        this(name, location, takenAt, label, TIERSTATE);
    }

    /** @return whether GeuseMaker wrote this backup */
    public boolean isGeuseMakers() {
        return GEUSEMAKER.equals(writtenBy);
    }
}
