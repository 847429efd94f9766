package io.tierstate.migration;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Upgrades a GeuseMaker v1 document (no {@code schema_version}) to v2: sets {@code schema_version}
 * to 2, adds an empty {@code resource_provenance} when it is missing and records
 * {@value #NAME} in {@code migration_history}. Everything else is left as it is.
 *
 * <p>An absent provenance means "created" for every resource (see the destroy rules), which is what
 * a v1 file meant. Stateless and thread-safe.
 */
public final class V1ToV2Upgrader implements Upgrader {

    /** The name recorded in {@code migration_history}, as GeuseMaker records it. */
    public static final String NAME = "v1_to_v2_add_schema_version";

    static final String RESOURCE_PROVENANCE = "resource_provenance";

    /** Creates the upgrader; it holds no state, so one instance can serve every chain. */
    public V1ToV2Upgrader() {
        // stateless
    }

    /**
     * Returns 1.
     *
     * @return 1
     */
    @Override
    public int fromVersion() {
        return 1;
    }

    /**
     * Returns {@value #NAME}.
     *
     * @return {@value #NAME}
     */
    @Override
    public String name() {
        return NAME;
    }

    /**
     * Adds {@code schema_version: 2} and {@code resource_provenance: {}} (when missing or null) and
     * records the step; an existing provenance is kept as it is.
     *
     * @param document the migrator's copy of a v1 document
     */
    @Override
    public void upgrade(ObjectNode document) {
        if (Json.isAbsent(document.get(RESOURCE_PROVENANCE))) {
            document.putObject(RESOURCE_PROVENANCE);
        }
        markApplied(document);
    }

    @Override
    public String toString() {
        return NAME + " (v1 -> v2)";
    }
}
