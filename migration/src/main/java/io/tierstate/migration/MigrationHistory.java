package io.tierstate.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reads and appends to {@code migration_history}, the list of upgrader names applied to a document; not API. */
final class MigrationHistory {

    static final String FIELD = "migration_history";

    private MigrationHistory() {
    }

    /** Sets the version and appends {@code name} to the history once, creating the list if it is absent. */
    static void record(ObjectNode document, int version, String name) {
        JsonNode history = document.get(FIELD);
        if (!Json.isAbsent(history) && !history.isArray()) {
            throw new InvalidStateDocumentException(FIELD + " must be a list of upgrade names such as [\""
                    + V1ToV2Upgrader.NAME + "\"] but is " + Json.showTyped(history)
                    + "; correct it (or remove it) and migrate again");
        }
        SchemaVersion.write(document, version);
        if (Json.isAbsent(history)) {
            document.putArray(FIELD).add(name);
        } else if (!contains(history, name)) {
            ((ArrayNode) history).add(name);
        }
    }

    static boolean contains(JsonNode history, String name) {
        if (history == null || !history.isArray()) {
            return false;
        }
        for (JsonNode entry : history) {
            if (entry.isTextual() && entry.textValue().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
