package io.tierstate.view;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small hand-written JSON shape check: which fields an object has, of which JSON type, which are
 * required, and that there are no others. The shapes in the view tests are the ones
 * {@code docs/views.md} documents.
 */
final class JsonShape {

    /** The JSON types a field may have. */
    enum Kind { STRING, INTEGER, NUMBER, BOOLEAN, OBJECT, ARRAY }

    private record Field(Kind kind, boolean required, JsonShape object, Kind elementKind, JsonShape elementShape) {}

    private final Map<String, Field> fields = new LinkedHashMap<>();

    static JsonShape object() {
        return new JsonShape();
    }

    JsonShape required(String name, Kind kind) {
        fields.put(name, new Field(kind, true, null, null, null));
        return this;
    }

    JsonShape optional(String name, Kind kind) {
        fields.put(name, new Field(kind, false, null, null, null));
        return this;
    }

    JsonShape required(String name, JsonShape object) {
        fields.put(name, new Field(Kind.OBJECT, true, object, null, null));
        return this;
    }

    JsonShape optional(String name, JsonShape object) {
        fields.put(name, new Field(Kind.OBJECT, false, object, null, null));
        return this;
    }

    JsonShape requiredArray(String name, Kind elements) {
        fields.put(name, new Field(Kind.ARRAY, true, null, elements, null));
        return this;
    }

    JsonShape requiredArray(String name, JsonShape elements) {
        fields.put(name, new Field(Kind.ARRAY, true, null, Kind.OBJECT, elements));
        return this;
    }

    /** @return the names of the fields this shape allows, in declaration order */
    List<String> fieldNames() {
        return List.copyOf(fields.keySet());
    }

    /**
     * Checks a node.
     *
     * @param node the JSON
     * @return every violation, with its JSON pointer; empty when the node has this shape
     */
    List<String> violations(JsonNode node) {
        List<String> out = new ArrayList<>();
        check(node, "", out);
        return out;
    }

    private void check(JsonNode node, String path, List<String> out) {
        if (!node.isObject()) {
            out.add(path + ": expected an object, was " + node.getNodeType());
            return;
        }
        for (Map.Entry<String, Field> f : fields.entrySet()) {
            JsonNode value = node.get(f.getKey());
            String at = path + "/" + f.getKey();
            if (value == null) {
                if (f.getValue().required()) {
                    out.add(at + ": required field missing");
                }
                continue;
            }
            checkValue(value, f.getValue().kind(), f.getValue().object(), at, out);
            if (f.getValue().kind() == Kind.ARRAY && value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    checkValue(value.get(i), f.getValue().elementKind(), f.getValue().elementShape(), at + "/" + i, out);
                }
            }
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!fields.containsKey(name)) {
                out.add(path + "/" + name + ": undocumented field");
            }
        }
    }

    private static void checkValue(JsonNode value, Kind kind, JsonShape object, String at, List<String> out) {
        boolean ok = switch (kind) {
            case STRING -> value.isTextual();
            case INTEGER -> value.isIntegralNumber();
            case NUMBER -> value.isNumber();
            case BOOLEAN -> value.isBoolean();
            case OBJECT -> value.isObject();
            case ARRAY -> value.isArray();
        };
        if (!ok) {
            out.add(at + ": expected " + kind + ", was " + value.getNodeType() + " " + value);
            return;
        }
        if (kind == Kind.OBJECT && object != null) {
            object.check(value, at, out);
        }
    }
}
