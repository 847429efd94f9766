package io.tierstate.store.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.tierstate.internal.StateCodec;
import io.tierstate.model.DeploymentState;
import java.io.IOException;
import java.util.Optional;

/**
 * The fast way to read a document that is already at the current schema version: bind the bytes
 * straight to {@link DeploymentState}, skipping the JSON tree, the migrator's deep copy and the
 * tree-to-value pass of {@link StateCodec#read}. Listing 10,000 deployments spends most of its
 * time there.
 *
 * <p>It is only a shortcut: it answers for a document whose first field is {@code schema_version}
 * with the plain number 3 (as TierState writes every document), and only when binding succeeds,
 * nothing follows the document and the {@code schema_version} bound last is still the number 3.
 * Anything else, valid or not, gets {@link Optional#empty()} and the caller takes the full path,
 * which produces the same state for a valid document and the canonical error (file, line, column)
 * for a bad one.
 *
 * <p>Why the two paths agree, duplicate keys included: the full path keeps the last of duplicate
 * keys (in its tree) and binds that tree with the same mapper; binding the stream calls the same
 * deserializers in document order, so the last value wins there too, for modelled and unknown
 * fields alike. The one check the full path makes beyond binding is on {@code schema_version}; here
 * numbers are bound to integer fields only from integer tokens (no coercion from strings, floats
 * or booleans), so a last {@code schema_version} that binds to 3 is the number 3, which the full
 * path accepts too. Strict duplicate detection would say the same but costs a third of the binding.
 */
final class CurrentSchemaReader {

    /**
     * The binding reader, built on first use: building it constructs a second set of deserializers
     * for the whole model, which a home of GeuseMaker (v2) files, never taking this path, should not pay.
     */
    private static final class Binding {
        static final ObjectReader READER = strictNumbers(StateCodec.mapper().copy())
                .readerFor(DeploymentState.class)
                .without(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    /** Tokens only, for the two looks before binding. */
    private static final JsonFactory TOKENS = StateCodec.mapper().getFactory();

    private CurrentSchemaReader() {}

    /**
     * Reads a current-version document, or declines.
     *
     * @param bytes the document
     * @return the state, or empty when the full path must read it
     */
    static Optional<DeploymentState> read(byte[] bytes) {
        if (!startsWithCurrentVersion(bytes) || holdsValuesKeptAsWritten(bytes)) {
            return Optional.empty();
        }
        try (JsonParser parser = Binding.READER.createParser(bytes)) {
            DeploymentState state = Binding.READER.readValue(parser);
            if (state == null || parser.nextToken() != null || state.schemaVersion() != DeploymentState.SCHEMA_VERSION) {
                return Optional.empty();
            }
            return Optional.of(state);
        } catch (IOException | RuntimeException e) {
            // not this path's business: the full path reads it again and reports the problem precisely
            return Optional.empty();
        }
    }

    /** Integer fields accept integer tokens only: a string, float or boolean declines the fast path. */
    private static ObjectMapper strictNumbers(ObjectMapper mapper) {
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /**
     * Empty strings, nulls and empty lists of the levels the model binds field by field (the top
     * level, {@code config}, {@code cost}) are kept aside by the full path ({@code keptAsWritten},
     * see {@code StateCodec}); binding the stream would not, so a document holding one declines.
     * {@code migration_history: []} is written by TierState itself and binds the same either way.
     */
    static boolean holdsValuesKeptAsWritten(byte[] bytes) {
        try (JsonParser parser = TOKENS.createParser(bytes)) {
            return parser.nextToken() != JsonToken.START_OBJECT || keptAtLevel(parser, "");
        } catch (IOException | RuntimeException e) {
            return true; // the full path reports it
        }
    }

    private static boolean keptAtLevel(JsonParser p, String level) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            boolean modelled = StateCodec.keepsAsWritten(level, field);
            if (modelled && (value == JsonToken.VALUE_NULL || (value == JsonToken.VALUE_STRING && p.getTextLength() == 0))) {
                return true;
            }
            if (value == JsonToken.START_ARRAY) {
                JsonToken first = p.nextToken();
                if (first == JsonToken.END_ARRAY) {
                    if (modelled && !"migration_history".equals(field)) {
                        return true;
                    }
                    continue;
                }
                for (JsonToken t = first; t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    if (t == null) {
                        return true;
                    }
                    p.skipChildren();
                }
            } else if (value == JsonToken.START_OBJECT) {
                if (level.isEmpty() && ("config".equals(field) || "cost".equals(field))) {
                    if (keptAtLevel(p, "/" + field)) {
                        return true;
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return false;
    }

    /** Looks at the first field only: {@code {"schema_version": 3, ...}}. */
    static boolean startsWithCurrentVersion(byte[] bytes) {
        try (JsonParser parser = TOKENS.createParser(bytes)) {
            return parser.nextToken() == JsonToken.START_OBJECT
                    && parser.nextToken() == JsonToken.FIELD_NAME
                    && "schema_version".equals(parser.currentName())
                    && parser.nextToken() == JsonToken.VALUE_NUMBER_INT
                    && parser.getNumberType() == JsonParser.NumberType.INT
                    && parser.getIntValue() == DeploymentState.SCHEMA_VERSION;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
