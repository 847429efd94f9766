package io.tierstate.internal;

import io.tierstate.error.InvalidInputException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.tierstate.error.CorruptStateException;
import io.tierstate.error.TierStateException;
import io.tierstate.migration.InvalidStateDocumentException;
import io.tierstate.migration.MigrationResult;
import io.tierstate.migration.StateMigrator;
import io.tierstate.model.DeploymentState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The one JSON codec of state documents: bytes to a migrated v3 tree to {@link DeploymentState},
 * and back. Shared by every store; not API (see {@code StateJson} for the public entry points).
 *
 * <p>Limits protect the reader from hostile files: documents over {@link #MAX_DOCUMENT_BYTES} and
 * nesting deeper than {@link #MAX_NESTING_DEPTH} are refused as corrupt.
 */
public final class StateCodec {

    /** The largest state document read: real ones are a few kilobytes. */
    public static final int MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

    /** The deepest nesting read: GeuseMaker documents nest about six levels. */
    public static final int MAX_NESTING_DEPTH = 200;

    /**
     * The most digits a money value may have before the decimal point, and the most after it, in
     * its plain form (the form it is written back in): {@code "0.2104"} has 1 and 4. The bound keeps
     * that form under a hundred characters, where {@code "5e9000000"} would expand to nine megabytes
     * and {@code "1e-999999999"} to a gigabyte, and it holds for the plain form too, so whatever is
     * read is written back readable ({@code "1E+39"} is written {@code "1000...0"}, 40 digits).
     */
    public static final int MAX_MONEY_DIGITS = 40;

    private static final ObjectMapper MAPPER = createMapper();
    private static final ObjectWriter PRETTY = MAPPER.writer(new PythonStylePrinter());
    private static final StateMigrator MIGRATOR = StateMigrator.standard();

    private StateCodec() {}

    /** @return the configured mapper (exact decimals, timestamps and money as the format says) */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Parses bytes into a JSON tree without interpreting it.
     *
     * @param bytes the document
     * @param source the file or object name for messages
     * @return the tree
     * @throws CorruptStateException for anything but one JSON object within the limits
     */
    public static ObjectNode parseTree(byte[] bytes, String source) {
        if (bytes.length > MAX_DOCUMENT_BYTES) {
            throw new CorruptStateException(source, 0, 0, "is " + bytes.length + " bytes; state documents over "
                    + MAX_DOCUMENT_BYTES + " bytes are refused (a real one is a few kilobytes)", null);
        }
        if (bytes.length == 0 || isBlank(bytes)) {
            throw new CorruptStateException(source, 0, 0, "is empty, not a JSON object", null);
        }
        JsonNode node;
        try (JsonParser parser = MAPPER.createParser(bytes)) {
            node = MAPPER.readTree(parser);
            if (parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                throw new CorruptStateException(source, at.getLineNr(), at.getColumnNr(),
                        "has content after the end of the JSON document", null);
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new CorruptStateException(source, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    "is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            // a number whose value the parser cannot hold (e.g. an exponent beyond an int): still this file's problem
            throw new CorruptStateException(source, 0, 0, "is not valid JSON: " + rootMessage(e), e);
        }
        if (node == null || !node.isObject()) {
            throw new CorruptStateException(source, 1, 1, "holds " + describe(node)
                    + " at the top level; a state document is a JSON object", null);
        }
        return (ObjectNode) node;
    }

    /**
     * Migrates a tree to the current schema in memory.
     *
     * @param tree the document as stored
     * @param source the file or object name for messages
     * @return the migration result (the input is not changed)
     * @throws io.tierstate.migration.UnsupportedSchemaVersionException for documents newer than v3
     * @throws CorruptStateException for documents whose version or shape cannot be read
     */
    public static MigrationResult migrate(ObjectNode tree, String source) {
        try {
            // a document written in a home shared with GeuseMaker is the v3 it carries (SharedHomeForm)
            return MIGRATOR.migrate(io.tierstate.migration.SharedHomeForm.toV3(tree), source);
        } catch (InvalidStateDocumentException e) {
            if (e.getClass() != InvalidStateDocumentException.class) {
                throw e; // conflicting fields and the like: typed, with their own advice
            }
            // detail(), not getMessage(): the migrator already prefixed the message with the source, and so does this exception
            throw new CorruptStateException(source, 0, 0, e.detail(), e);
        }
    }

    /**
     * Maps a v3 tree to the model.
     *
     * @param tree a document at the current schema version
     * @param source the file or object name for messages
     * @return the state
     * @throws CorruptStateException naming the field that has the wrong type or value
     */
    public static DeploymentState fromTree(ObjectNode tree, String source) {
        try {
            java.util.Map<String, String> kept = new java.util.LinkedHashMap<>();
            ObjectNode bound = stripAsWritten(tree, kept);
            DeploymentState state = MAPPER.treeToValue(bound, DeploymentState.class);
            return kept.isEmpty() ? state : state.withKeptAsWritten(kept);
        } catch (JsonMappingException e) {
            throw new CorruptStateException(source, 0, 0, "field " + pointer(e) + ": " + rootMessage(e), e);
        } catch (JsonProcessingException e) {
            throw new CorruptStateException(source, 0, 0, e.getOriginalMessage(), e);
        } catch (IllegalArgumentException | IllegalStateException | InvalidInputException e) {
            throw new CorruptStateException(source, 0, 0, rootMessage(e), e);
        }
    }

    /**
     * Reads bytes all the way: parse, migrate in memory, map.
     *
     * @param bytes the document
     * @param source the file or object name for messages
     * @return the state at the current schema version
     */
    public static DeploymentState read(byte[] bytes, String source) {
        return fromTree(migrate(parseTree(bytes, source), source).document(), source);
    }

    /**
     * Maps the model to a tree.
     *
     * @param state the state
     * @return its JSON tree
     */
    public static ObjectNode toTree(DeploymentState state) {
        ObjectNode tree;
        try {
            tree = MAPPER.valueToTree(state);
        } catch (IllegalArgumentException | InvalidInputException e) {
            // a value the reader would refuse (e.g. a money value out of range): never write a document we cannot read
            throw new InvalidStateDocumentException("state of '" + state.stackName() + "' cannot be written: "
                    + rootMessage(e) + "; correct the value before writing", e);
        }
        state.keptAsWritten().forEach((pointer, json) -> {
            int slash = pointer.lastIndexOf('/');
            JsonNode parent = slash == 0 ? tree : tree.at(pointer.substring(0, slash));
            String field = unescape(pointer.substring(slash + 1));
            if (parent instanceof ObjectNode object && !object.has(field)) {
                try {
                    object.set(field, MAPPER.readTree(json));
                } catch (JsonProcessingException e) {
                    throw new TierStateException("could not restore " + pointer + " as written: " + e.getOriginalMessage(), e);
                }
            }
        });
        return tree;
    }

    /**
     * The objects whose empty strings, nulls and empty lists are kept aside, the levels the model
     * binds field by field, with the fields it models there (read from the {@code @JsonProperty}s).
     */
    private static final java.util.Map<String, java.util.Set<String>> AS_WRITTEN_LEVELS = java.util.Map.of(
            "", modelledFields(DeploymentState.class),
            "/config", modelledFields(io.tierstate.model.DeploymentConfig.class),
            "/cost", modelledFields(io.tierstate.model.CostTracking.class));

    /**
     * Lists whose emptiness is itself a fact the model keeps: {@code cloudfront_aliases: []} says the
     * distribution has no aliases, where an absent field says they were never read.
     */
    private static final java.util.Set<String> EMPTY_IS_A_VALUE = java.util.Set.of("/cloudfront_aliases");

    /**
     * Tells whether an empty string, null or empty list of this field is kept aside on reading.
     *
     * @param level {@code ""} for the top level, {@code /config} or {@code /cost}
     * @param field the field name
     * @return whether the model binds that field there
     */
    public static boolean keepsAsWritten(String level, String field) {
        return AS_WRITTEN_LEVELS.getOrDefault(level, java.util.Set.of()).contains(field);
    }

    private static java.util.Set<String> modelledFields(Class<?> type) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (java.lang.reflect.Method m : type.getDeclaredMethods()) {
            com.fasterxml.jackson.annotation.JsonProperty p = m.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
            if (p != null && m.getParameterCount() == 0) {
                names.add(p.value());
            }
        }
        return java.util.Set.copyOf(names);
    }

    /**
     * Empty strings, explicit nulls and empty lists at the levels the model binds are taken out
     * before binding (the logic treats them as absent) and recorded, so {@link #toTree} can write
     * them back where the value is still absent. Only modelled fields: unknown ones are kept whole
     * in the model's {@code extra()}, nulls and all.
     */
    private static ObjectNode stripAsWritten(ObjectNode tree, java.util.Map<String, String> kept) {
        ObjectNode copy = null;
        for (var entry : AS_WRITTEN_LEVELS.entrySet()) {
            String level = entry.getKey();
            JsonNode node = level.isEmpty() ? tree : tree.at(level);
            if (!(node instanceof ObjectNode object)) {
                continue;
            }
            java.util.List<String> fields = new java.util.ArrayList<>();
            object.properties().forEach(e -> {
                JsonNode v = e.getValue();
                if (entry.getValue().contains(e.getKey())
                        && (v.isNull() || (v.isTextual() && v.textValue().isEmpty())
                                || (v.isArray() && v.isEmpty() && !EMPTY_IS_A_VALUE.contains(level + "/" + e.getKey())))) {
                    fields.add(e.getKey());
                }
            });
            if (fields.isEmpty()) {
                continue;
            }
            if (copy == null) {
                copy = tree.deepCopy();
            }
            ObjectNode target = level.isEmpty() ? copy : (ObjectNode) copy.at(level);
            for (String f : fields) {
                kept.put(level + "/" + escape(f), target.get(f).toString());
                target.remove(f);
            }
        }
        return copy == null ? tree : copy;
    }

    private static String escape(String field) {
        return field.replace("~", "~0").replace("/", "~1");
    }

    private static String unescape(String field) {
        return field.replace("~1", "/").replace("~0", "~");
    }

    /**
     * Writes a state as pretty-printed UTF-8 JSON, absent values omitted, ending with a newline.
     *
     * @param state the state
     * @return the bytes
     */
    public static byte[] write(DeploymentState state) {
        return writeTree(toTree(state));
    }

    /**
     * Brings a state document down to schema v2, what GeuseMaker reads.
     *
     * @param state the state
     * @return the v2 document and what it leaves out
     */
    public static io.tierstate.migration.DowngradeResult toV2(DeploymentState state) {
        return MIGRATOR.downgrade(toTree(state), 2, state.stackName());
    }

    /**
     * Writes a tree as pretty-printed UTF-8 JSON ending with a newline.
     *
     * @param tree the tree
     * @return the bytes
     */
    public static byte[] writeTree(JsonNode tree) {
        try {
            byte[] body = PRETTY.writeValueAsBytes(tree);
            byte[] out = java.util.Arrays.copyOf(body, body.length + 1);
            out[body.length] = '\n';
            return out;
        } catch (JsonProcessingException e) {
            throw new TierStateException("could not write state as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static ObjectMapper createMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxDocumentLength(MAX_DOCUMENT_BYTES)
                        .build())
                .build();
        SimpleModule formats = new SimpleModule("tierstate-state-format");
        formats.addSerializer(Instant.class, new InstantSerializer());
        formats.addDeserializer(Instant.class, new InstantDeserializer());
        formats.addSerializer(BigDecimal.class, new MoneySerializer());
        formats.addDeserializer(BigDecimal.class, new MoneyDeserializer());
        formats.addDeserializer(io.tierstate.model.Tier.class, new TierDeserializer());
        ObjectMapper mapper = new ObjectMapper(factory)
                .registerModule(new Jdk8Module())
                .registerModule(formats)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        // A modelled field of the wrong JSON type is corrupt, never coerced: a coercion would rewrite the
        // value as another type on the next write ("region": 42 as "42", "gpu_enabled": "true" as true)
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /**
     * Checks that a money value stays within {@link #MAX_MONEY_DIGITS}, without ever expanding it.
     *
     * @param value the value
     * @return a description of what is wrong, or null when the value is fine
     */
    public static String moneyOutOfRange(BigDecimal value) {
        long integerDigits = (long) value.precision() - value.scale();
        if (integerDigits > MAX_MONEY_DIGITS || value.scale() > MAX_MONEY_DIGITS) {
            String shown = value.toString();
            return "money value " + (shown.length() > 40 ? shown.substring(0, 40) + "..." : shown)
                    + " is out of range (at most " + MAX_MONEY_DIGITS + " digits before the decimal point and "
                    + MAX_MONEY_DIGITS + " after it)";
        }
        return null;
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isArray()) {
            return "an array";
        }
        return "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " value";
    }

    private static String pointer(JsonMappingException e) {
        StringBuilder p = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            p.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
        }
        return p.length() == 0 ? "/" : p.toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : t.getMessage();
        if (m != null && m.startsWith("Cannot build ")) {
            m = "missing required field: " + m.substring(m.indexOf('[') >= 0 ? m.indexOf('[') : 0);
        }
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    private static final class InstantSerializer extends StdScalarSerializer<Instant> {
        private static final long serialVersionUID = 1L;

        InstantSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(Timestamps.format(value));
        }
    }

    private static final class InstantDeserializer extends StdScalarDeserializer<Instant> {
        private static final long serialVersionUID = 1L;

        InstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                try {
                    return Timestamps.parse(p.getText());
                } catch (IllegalArgumentException | InvalidInputException e) {
                    return (Instant) ctxt.handleWeirdStringValue(Instant.class, p.getText(), e.getMessage());
                }
            }
            // A number is refused, not read as epoch seconds: it would be written back as a string, and
            // GeuseMaker never writes one (a huge one also cost minutes of BigInteger arithmetic)
            return (Instant) ctxt.handleUnexpectedToken(Instant.class, p.currentToken(), p,
                    "a timestamp is an ISO-8601 string such as \"2025-09-30T08:45:12Z\", not %s", describeToken(p));
        }
    }

    private static String describeToken(JsonParser p) throws IOException {
        String text = p.getText();
        return (p.currentToken().isNumeric() ? "the number " : "") + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }

    /** Money: a JSON string or number, within {@link #MAX_MONEY_DIGITS}; anything else is corrupt. */
    private static final class MoneyDeserializer extends StdScalarDeserializer<BigDecimal> {
        private static final long serialVersionUID = 1L;

        MoneyDeserializer() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            BigDecimal value;
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                String text = p.getText().trim();
                if (text.isEmpty()) {
                    return null;
                }
                try {
                    value = new BigDecimal(text);
                } catch (NumberFormatException | ArithmeticException e) {
                    return (BigDecimal) ctxt.handleWeirdStringValue(BigDecimal.class, shorten(text), "not a number");
                }
            } else if (p.currentToken() == JsonToken.VALUE_NUMBER_INT || p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
                try {
                    value = p.getDecimalValue();
                } catch (NumberFormatException | ArithmeticException e) {
                    return (BigDecimal) ctxt.handleWeirdNumberValue(BigDecimal.class, 0, "not a number");
                }
            } else {
                return (BigDecimal) ctxt.handleUnexpectedToken(BigDecimal.class, p);
            }
            String wrong = moneyOutOfRange(value);
            if (wrong != null) {
                throw ctxt.weirdStringException(shorten(p.getText()), BigDecimal.class, wrong);
            }
            return value;
        }

        private static String shorten(String text) {
            return text.length() > 40 ? text.substring(0, 40) + "..." : text;
        }
    }

    /** A tier is a string ({@code "gpu"}, {@code "tier3"}, {@code "3"}); the number {@code 3} is corrupt. */
    private static final class TierDeserializer extends StdScalarDeserializer<io.tierstate.model.Tier> {
        private static final long serialVersionUID = 1L;

        TierDeserializer() {
            super(io.tierstate.model.Tier.class);
        }

        @Override
        public io.tierstate.model.Tier deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (io.tierstate.model.Tier) ctxt.handleUnexpectedToken(io.tierstate.model.Tier.class, p.currentToken(), p,
                        "a tier is a string (dev, automation or gpu), not %s", describeToken(p));
            }
            try {
                return io.tierstate.model.Tier.parse(p.getText());
            } catch (IllegalArgumentException | InvalidInputException e) {
                return (io.tierstate.model.Tier) ctxt.handleWeirdStringValue(io.tierstate.model.Tier.class, p.getText(), e.getMessage());
            }
        }
    }

    /** Indents like Python's {@code json.dumps(indent=2)}: {@code "key": value}, and {@code []} for empty arrays. */
    private static final class PythonStylePrinter extends DefaultPrettyPrinter {
        private static final long serialVersionUID = 1L;

        PythonStylePrinter() {
            super(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
            indentObjectsWith(new DefaultIndenter("  ", "\n"));
            indentArraysWith(new DefaultIndenter("  ", "\n"));
        }

        @Override
        public PythonStylePrinter createInstance() {
            return new PythonStylePrinter();
        }

        @Override
        public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
            if (nrOfValues == 0) {
                _nesting--;
                g.writeRaw(']');
                return;
            }
            super.writeEndArray(g, nrOfValues);
        }

        @Override
        public void writeEndObject(JsonGenerator g, int nrOfEntries) throws IOException {
            if (nrOfEntries == 0) {
                _nesting--;
                g.writeRaw('}');
                return;
            }
            super.writeEndObject(g, nrOfEntries);
        }
    }

    /** Money is written as a JSON string, exactly, as GeuseMaker's pydantic Decimals are. */
    private static final class MoneySerializer extends StdScalarSerializer<BigDecimal> {
        private static final long serialVersionUID = 1L;

        MoneySerializer() {
            super(BigDecimal.class);
        }

        @Override
        public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            String wrong = moneyOutOfRange(value);
            if (wrong != null) {
                throw JsonMappingException.from(gen, wrong);
            }
            gen.writeString(value.toPlainString());
        }
    }
}
