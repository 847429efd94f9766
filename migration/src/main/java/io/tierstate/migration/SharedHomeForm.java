package io.tierstate.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The form TierState writes in a home it shares with GeuseMaker: a document GeuseMaker loads as
 * its own v2, carrying the v3 fields beside.
 *
 * <ul>
 *   <li>{@code schema_version} is 2, so GeuseMaker neither refuses the file nor restores a backup;</li>
 *   <li>the v2 names {@code cloudfront_id} and {@code cloudfront_domain} hold the same values as the
 *       v3 names {@code cloudfront_distribution_id} and {@code cloudfront_domain_name};</li>
 *   <li>every other v3 field is kept as it is (GeuseMaker's models ignore fields they do not know);</li>
 *   <li>{@value #MARKER} = 3 says the document is really v3. When GeuseMaker rewrites the file it
 *       drops the marker with the v3 fields, and the document reads as the plain v2 it then is.</li>
 * </ul>
 */
public final class SharedHomeForm {

    /** The marker field: the schema version the document really has. */
    public static final String MARKER = "tierstate_schema_version";

    private SharedHomeForm() {}

    /**
     * Writes a v3 document in the shared-home form.
     *
     * @param v3 a document at schema v3; not modified
     * @return a new tree in the shared-home form
     */
    public static ObjectNode fromV3(ObjectNode v3) {
        ObjectNode out = v3.deepCopy();
        V2ToV3Upgrader.RENAMED_FIELDS.forEach((oldKey, newKey) -> {
            JsonNode value = out.get(newKey);
            if (value == null) {
                out.remove(oldKey);
            } else {
                out.set(oldKey, value.deepCopy());
            }
        });
        out.put(SchemaVersion.FIELD, 2);
        out.put(MARKER, SchemaVersion.CURRENT);
        return out;
    }

    /**
     * Tells whether a document is in the shared-home form (schema 2 with the marker).
     *
     * @param document any document
     * @return whether {@link #toV3} applies
     */
    public static boolean isSharedHomeForm(JsonNode document) {
        JsonNode marker = document == null ? null : document.get(MARKER);
        return marker != null && marker.canConvertToInt() && marker.asInt() == SchemaVersion.CURRENT;
    }

    /**
     * Reads a document in the shared-home form back as the v3 document it carries; any other
     * document is returned as it is.
     *
     * @param document a document as stored; not modified
     * @return a v3 document (a new tree) when it was in the shared-home form, else {@code document}
     * @throws ConflictingFieldsException when a v2 name and its v3 name disagree (someone edited one of them)
     */
    public static ObjectNode toV3(ObjectNode document) {
        if (!isSharedHomeForm(document)) {
            return document;
        }
        ObjectNode out = document.deepCopy();
        V2ToV3Upgrader.RENAMED_FIELDS.forEach((oldKey, newKey) -> {
            if (V2ToV3Upgrader.conflicts(out, oldKey, newKey)) {
                throw new ConflictingFieldsException(oldKey, out.get(oldKey), newKey, out.get(newKey));
            }
            JsonNode old = out.remove(oldKey);
            if (!Json.isAbsent(old) && Json.isAbsent(out.get(newKey))) {
                out.set(newKey, old);
            }
        });
        out.remove(MARKER);
        out.put(SchemaVersion.FIELD, SchemaVersion.CURRENT);
        return out;
    }
}
