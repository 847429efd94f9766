package io.tierstate.migration;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Thrown when a document holds a field under both its old and its new name with different values,
 * e.g. {@code cloudfront_id} and {@code cloudfront_distribution_id}; migration refuses to drop either
 * value silently.
 *
 * <p>The message names both keys and both values. Remove the stale one from the file (keep the
 * value that names the live resource) and migrate again. Equal values are not a conflict: the old
 * key is simply dropped.
 */
public final class ConflictingFieldsException extends InvalidStateDocumentException {

    private static final long serialVersionUID = 1L;

    private final String oldKey;
    private final JsonNode oldValue;
    private final String newKey;
    private final JsonNode newValue;

    /**
     * Creates an exception for a field present under its old and its new name with different values.
     *
     * @param oldKey the old field name, e.g. {@code cloudfront_id}
     * @param oldValue the value under the old name
     * @param newKey the new field name, e.g. {@code cloudfront_distribution_id}
     * @param newValue the value under the new name
     */
    public ConflictingFieldsException(String oldKey, JsonNode oldValue, String newKey, JsonNode newValue) {
        this(null, oldKey, oldValue, newKey, newValue);
    }

    private ConflictingFieldsException(String source, String oldKey, JsonNode oldValue, String newKey,
            JsonNode newValue) {
        super(source, describe(oldKey, oldValue, newKey, newValue), null);
        this.oldKey = oldKey;
        this.oldValue = oldValue.deepCopy();
        this.newKey = newKey;
        this.newValue = newValue.deepCopy();
    }

    /**
     * Returns the old field name.
     *
     * @return e.g. {@code cloudfront_id}
     */
    public String oldKey() {
        return oldKey;
    }

    /**
     * Returns the value under the old field name.
     *
     * @return a copy of the value
     */
    public JsonNode oldValue() {
        return oldValue.deepCopy();
    }

    /**
     * Returns the new field name.
     *
     * @return e.g. {@code cloudfront_distribution_id}
     */
    public String newKey() {
        return newKey;
    }

    /**
     * Returns the value under the new field name.
     *
     * @return a copy of the value
     */
    public JsonNode newValue() {
        return newValue.deepCopy();
    }

    @Override
    ConflictingFieldsException withSource(String source) {
        if (source == null || source().isPresent()) {
            return this;
        }
        return keepTrace(new ConflictingFieldsException(source, oldKey, oldValue, newKey, newValue));
    }

    static String describe(String oldKey, JsonNode oldValue, String newKey, JsonNode newValue) {
        return "conflicting fields: " + oldKey + " is " + Json.show(oldValue) + " but " + newKey + " is "
                + Json.show(newValue) + " (" + newKey + " is the v3 name of " + oldKey
                + "); remove one of them, keeping the value that names the live resource, and migrate again";
    }
}
