package io.tierstate.migration;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One versioned step of a migration chain: upgrades a state document from {@link #fromVersion()} to
 * {@link #toVersion()} in place.
 *
 * <p>The migrator hands each upgrader its own copy of the caller's document, so an upgrader may
 * mutate what it is given, and nothing else. Implementations must be stateless (they are shared
 * across threads by an immutable {@link StateMigrator}), must keep every field they do not own
 * exactly as it is, and must end with {@link #markApplied(ObjectNode)}; the migrator checks that.
 *
 * <pre>{@code
 * final class V3ToV4Upgrader implements Upgrader {
 *     public int fromVersion() { return 3; }
 *     public String name() { return "v3_to_v4_add_owner"; }
 *     public void upgrade(ObjectNode doc) {
 *         if (!doc.has("owner")) doc.put("owner", "unknown");
 *         markApplied(doc);
 *     }
 * }
 * }</pre>
 */
public interface Upgrader {

    /**
     * Returns the schema version this upgrader reads.
     *
     * @return a version of at least 1
     */
    int fromVersion();

    /**
     * Returns the schema version this upgrader writes; the chain requires exactly
     * {@code fromVersion() + 1}, which is the default.
     *
     * @return the version of the upgraded document
     */
    default int toVersion() {
        return fromVersion() + 1;
    }

    /**
     * Returns the name recorded in the document's {@code migration_history}; must be unique in a chain.
     *
     * @return e.g. {@code v2_to_v3_cloudfront_gpu}
     */
    String name();

    /**
     * Upgrades the document in place from {@link #fromVersion()} to {@link #toVersion()}.
     *
     * @param document the migrator's private copy of a document at {@link #fromVersion()}
     * @throws InvalidStateDocumentException when the document cannot be upgraded as it is
     */
    void upgrade(ObjectNode document);

    /**
     * Records this step in the document: sets {@code schema_version} to {@link #toVersion()} as an
     * integer and appends {@link #name()} to {@code migration_history} (creating the list when it is
     * absent, never adding the name twice). Call it at the end of {@link #upgrade(ObjectNode)}.
     *
     * @param document the document being upgraded
     * @throws InvalidStateDocumentException when {@code migration_history} is present but not a list
     */
    default void markApplied(ObjectNode document) {
        MigrationHistory.record(document, toVersion(), name());
    }
}
