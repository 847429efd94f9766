package io.tierstate.migration;

import java.util.List;

/**
 * What {@link StateMigrator#migrate} would do to a document, computed without changing anything:
 * its current version, the target version and the names of the steps still to run.
 */
public final class MigrationInfo {

    private final int currentVersion;
    private final int targetVersion;
    private final List<String> pendingSteps;

    MigrationInfo(int currentVersion, int targetVersion, List<String> pendingSteps) {
        this.currentVersion = currentVersion;
        this.targetVersion = targetVersion;
        this.pendingSteps = List.copyOf(pendingSteps);
    }

    /**
     * Returns the document's {@code schema_version}.
     *
     * @return 1 for a document without the field
     */
    public int currentVersion() {
        return currentVersion;
    }

    /**
     * Returns the version the migrator upgrades to.
     *
     * @return {@link SchemaVersion#CURRENT} for the standard chain
     */
    public int targetVersion() {
        return targetVersion;
    }

    /**
     * Returns the names of the upgraders that migrating would run, in order.
     *
     * @return e.g. {@code [v1_to_v2_add_schema_version, v2_to_v3_cloudfront_gpu]}; empty when up to
     *     date or newer than the target
     */
    public List<String> pendingSteps() {
        return pendingSteps;
    }

    /**
     * Tells whether the document is at the target version, so that migrating changes nothing.
     *
     * @return {@code currentVersion() == targetVersion()}
     */
    public boolean isUpToDate() {
        return currentVersion == targetVersion;
    }

    /**
     * Tells whether the document is newer than this library reads; migrating it throws
     * {@link UnsupportedSchemaVersionException}.
     *
     * @return {@code currentVersion() > targetVersion()}
     */
    public boolean isNewerThanTarget() {
        return currentVersion > targetVersion;
    }

    /**
     * Describes the state for people, e.g. {@code "v2 -> v3: 1 pending step [v2_to_v3_cloudfront_gpu]"}.
     *
     * @return a one-line summary
     */
    @Override
    public String toString() {
        if (isUpToDate()) {
            return "v" + currentVersion + ": up to date";
        }
        if (isNewerThanTarget()) {
            return "v" + currentVersion + ": newer than v" + targetVersion + ", the highest this library reads";
        }
        return "v" + currentVersion + " -> v" + targetVersion + ": " + pendingSteps.size() + " pending step"
                + (pendingSteps.size() == 1 ? " " : "s ") + pendingSteps;
    }
}
