package io.tierstate.migration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The outcome of {@link StateMigrator#migrate}: the document at the target version and the steps
 * that produced it.
 *
 * <p>The document is a new tree that belongs to the caller (the input is never touched); the result
 * returns that same tree on every call rather than copying it each time.
 */
public final class MigrationResult {

    private final ObjectNode document;
    private final int fromVersion;
    private final int toVersion;
    private final List<String> appliedSteps;

    MigrationResult(ObjectNode document, int fromVersion, int toVersion, List<String> appliedSteps) {
        this.document = document;
        this.fromVersion = fromVersion;
        this.toVersion = toVersion;
        this.appliedSteps = List.copyOf(appliedSteps);
    }

    /**
     * Returns the migrated document.
     *
     * @return a tree at {@link #toVersion()}, separate from the input
     */
    public ObjectNode document() {
        return document;
    }

    /**
     * Returns the input document's version.
     *
     * @return 1 for a document without {@code schema_version}
     */
    public int fromVersion() {
        return fromVersion;
    }

    /**
     * Returns the migrated document's version.
     *
     * @return the migrator's target version
     */
    public int toVersion() {
        return toVersion;
    }

    /**
     * Returns the names of the upgraders that ran, in order.
     *
     * @return empty when the document was already at the target version
     */
    public List<String> appliedSteps() {
        return appliedSteps;
    }

    /**
     * Tells whether any step ran; when false the document equals the input and need not be written.
     *
     * @return {@code !appliedSteps().isEmpty()}
     */
    public boolean changed() {
        return !appliedSteps.isEmpty();
    }

    /**
     * Describes the migration for people, e.g. {@code "v2 -> v3 [v2_to_v3_cloudfront_gpu]"}.
     *
     * @return a one-line summary
     */
    @Override
    public String toString() {
        return changed() ? "v" + fromVersion + " -> v" + toVersion + " " + appliedSteps : "v" + toVersion + ": unchanged";
    }
}
