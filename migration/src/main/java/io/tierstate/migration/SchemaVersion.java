package io.tierstate.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the {@code schema_version} of a state document, in the forms GeuseMaker and TierState write.
 *
 * <p>An absent field (or an explicit {@code null}) means version {@value #UNVERSIONED}: GeuseMaker's
 * first files had no version. An integer is taken as is, and so is a string holding one
 * ({@code "2"}, also with surrounding spaces). Anything else (2.5, {@code "two"}, {@code true}, an
 * object, 0, a negative number) is refused with {@link InvalidStateDocumentException}.
 *
 * <pre>{@code
 * int version = SchemaVersion.read(new ObjectMapper().readTree("{\"schema_version\": \"2\"}")); // 2
 * }</pre>
 */
public final class SchemaVersion {

    /** The name of the version field in a state document. */
    public static final String FIELD = "schema_version";

    /** The version of a document without {@code schema_version}: GeuseMaker v1. */
    public static final int UNVERSIONED = 1;

    /** The version this library writes and the standard chain migrates to (CloudFront + GPU schema). */
    public static final int CURRENT = 3;

    private static final int INVALID = 0;

    private SchemaVersion() {
    }

    /**
     * Reads the schema version of a document.
     *
     * @param document a state document
     * @return the version, at least 1; {@value #UNVERSIONED} when the field is absent
     * @throws InvalidStateDocumentException when the document is not an object or the field holds
     *     anything but a positive whole number
     */
    public static int read(JsonNode document) {
        return read(document, null);
    }

    /**
     * Reads the schema version of a document read from {@code source}, naming it in errors.
     *
     * @param document a state document
     * @param source where the document came from (a file name), or {@code null}
     * @return the version, at least 1; {@value #UNVERSIONED} when the field is absent
     * @throws InvalidStateDocumentException when the document is not an object or the field holds
     *     anything but a positive whole number
     */
    public static int read(JsonNode document, String source) {
        if (document == null || !document.isObject()) {
            throw new InvalidStateDocumentException(source, notAnObject(document), null);
        }
        JsonNode value = document.get(FIELD);
        int version = parseOrInvalid(value);
        if (version == INVALID) {
            throw new InvalidStateDocumentException(source, invalidValue(value), null);
        }
        return version;
    }

    /**
     * Parses the value of a {@code schema_version} field.
     *
     * @param value the field's value; {@code null}, a missing node or JSON null mean absent
     * @return the version, at least 1
     * @throws InvalidStateDocumentException when the value is not a positive whole number
     */
    public static int parse(JsonNode value) {
        int version = parseOrInvalid(value);
        if (version == INVALID) {
            throw new InvalidStateDocumentException(invalidValue(value));
        }
        return version;
    }

    /** The version, or {@link #INVALID} (0) for a value that is not a positive whole number. */
    static int parseOrInvalid(JsonNode value) {
        if (Json.isAbsent(value)) {
            return UNVERSIONED;
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToInt() && value.intValue() >= 1 ? value.intValue() : INVALID;
        }
        if (value.isTextual()) {
            String text = value.textValue().strip();
            if (!text.matches("[0-9]+")) {
                return INVALID;
            }
            try {
                int version = Integer.parseInt(text);
                return version >= 1 ? version : INVALID;
            } catch (NumberFormatException tooLarge) {
                return INVALID;
            }
        }
        return INVALID;
    }

    static String invalidValue(JsonNode value) {
        return FIELD + " " + Json.showTyped(value) + " is not a positive whole number; a GeuseMaker v2 file has"
                + " \"schema_version\": 2, a v1 file has no schema_version and this library writes "
                + CURRENT + ": correct the value or restore the file from a backup";
    }

    static String notAnObject(JsonNode document) {
        return "a state document must be a JSON object but this one is " + Json.typeOf(document)
                + "; pass the whole state file, which starts with {";
    }

    /**
     * Sets {@code schema_version} to {@code version} as an integer: in place when the field exists,
     * otherwise as the first field, where GeuseMaker writes it and where people look for it.
     */
    static void write(ObjectNode document, int version) {
        if (document.has(FIELD)) {
            document.put(FIELD, version);
            return;
        }
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        document.properties().forEach(field -> fields.put(field.getKey(), field.getValue()));
        document.removeAll();
        document.put(FIELD, version);
        document.setAll(fields);
    }
}
