package io.tierstate.migration;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Small helpers for reading Jackson trees and describing values in messages; not API. */
final class Json {

    /** Values longer than this are cut in messages so that one bad field cannot flood a log line. */
    private static final int MAX_SHOWN_CHARS = 80;

    private Json() {
    }

    /** Java null, a missing node and an explicit JSON null all mean "not there" to the upgraders. */
    static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    /** The value of {@code field} when {@code parent} is an object and the value is a non-blank string. */
    static Optional<String> text(JsonNode parent, String field) {
        if (parent == null || !parent.isObject()) {
            return Optional.empty();
        }
        JsonNode value = parent.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(value.textValue().strip());
    }

    /** The value as JSON text, shortened when long: {@code "two"}, {@code 2.5}, {@code {"a":1}}. */
    static String show(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "(absent)";
        }
        String text = node.toString();
        return text.length() <= MAX_SHOWN_CHARS ? text : text.substring(0, MAX_SHOWN_CHARS - 3) + "...";
    }

    /** The JSON type with its article, for messages: "a string", "an array", "null". */
    static String typeOf(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "absent";
        }
        switch (node.getNodeType()) {
            case ARRAY:
                return "an array";
            case OBJECT:
                return "an object";
            case STRING:
                return "a string";
            case NUMBER:
                return "a number";
            case BOOLEAN:
                return "a boolean";
            case NULL:
                return "null";
            default:
                return "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " value";
        }
    }

    /** The value followed by its type where the JSON text leaves it unclear: {@code 42 (a number)}, {@code "42"}. */
    static String showTyped(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull() || node.isTextual()) {
            return show(node);
        }
        return show(node) + " (" + typeOf(node) + ")";
    }

    /** A JSON pointer (RFC 6901) to {@code key} inside {@code parent}, escaping {@code ~} and {@code /}. */
    static String pointer(String parent, String key) {
        return parent + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    /** A JSON pointer to array element {@code index} inside {@code parent}. */
    static String pointer(String parent, int index) {
        return parent + "/" + index;
    }
}
