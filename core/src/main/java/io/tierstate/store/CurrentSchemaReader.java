package io.tierstate.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
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
 * with the plain number 3 (as TierState writes every document), and only when binding succeeds
 * with no duplicate key anywhere and nothing after the document. Anything else, valid or not, gets
 * {@link Optional#empty()} and the caller takes the full path, which produces the same state for a
 * valid document and the canonical error (file, line, column) for a bad one. Duplicate keys are
 * refused here because the full path lets the last one win inside a tree, which a stream binding
 * could resolve differently.
 */
final class CurrentSchemaReader {

    private static final ObjectReader READER = StateCodec.mapper().readerFor(DeploymentState.class)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .without(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    private CurrentSchemaReader() {}

    /**
     * Reads a current-version document, or declines.
     *
     * @param bytes the document
     * @return the state, or empty when the full path must read it
     */
    static Optional<DeploymentState> read(byte[] bytes) {
        if (!startsWithCurrentVersion(bytes)) {
            return Optional.empty();
        }
        try (JsonParser parser = READER.createParser(bytes)) {
            DeploymentState state = READER.readValue(parser);
            if (state == null || parser.nextToken() != null || state.schemaVersion() != DeploymentState.SCHEMA_VERSION) {
                return Optional.empty();
            }
            return Optional.of(state);
        } catch (IOException | RuntimeException e) {
            // not this path's business: the full path reads it again and reports the problem precisely
            return Optional.empty();
        }
    }

    /** Looks at the first field only: {@code {"schema_version": 3, ...}}. */
    private static boolean startsWithCurrentVersion(byte[] bytes) {
        try (JsonParser parser = READER.createParser(bytes)) {
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
