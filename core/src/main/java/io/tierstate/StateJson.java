package io.tierstate;

import com.fasterxml.jackson.databind.JsonNode;
import io.tierstate.internal.StateCodec;
import io.tierstate.migration.DowngradeResult;
import io.tierstate.model.DeploymentState;
import java.nio.charset.StandardCharsets;

/**
 * Reads and writes state documents as JSON text, in the format GeuseMaker and TierState share.
 *
 * <p>Reading accepts schema v1, v2 and v3 and migrates in memory; writing produces schema v3,
 * pretty-printed, snake_case, absent values omitted, timestamps in UTC with {@code Z}, money as
 * strings, and every field that was read but not modelled.
 *
 * <pre>{@code
 * DeploymentState state = StateJson.read(Files.readString(Path.of("gpu-global.json")));
 * String json = StateJson.write(state.withStatus(Status.RUNNING));
 * }</pre>
 */
public final class StateJson {

    private StateJson() {}

    /**
     * Reads a state document of any supported schema version.
     *
     * @param json the document
     * @return the state, migrated to the current schema in memory
     * @throws io.tierstate.error.CorruptStateException when the text is not a readable state document
     * @throws io.tierstate.migration.UnsupportedSchemaVersionException when it is newer than v3
     */
    public static DeploymentState read(String json) {
        return StateCodec.read(json.getBytes(StandardCharsets.UTF_8), "<json text>");
    }

    /**
     * Writes a state as a schema v3 document.
     *
     * @param state the state
     * @return pretty-printed JSON ending with a newline
     */
    public static String write(DeploymentState state) {
        return new String(StateCodec.write(state), StandardCharsets.UTF_8);
    }

    /**
     * Brings a state down to a schema v2 document, what GeuseMaker reads; {@code tierstate export
     * --schema 2} writes it with {@link #write(JsonNode)}.
     *
     * @param state the state
     * @return the v2 document and the TierState-only fields it leaves out
     */
    public static DowngradeResult toGeuseMaker(DeploymentState state) {
        return StateCodec.toV2(state);
    }

    /**
     * Writes any JSON tree the way state documents are written: pretty-printed UTF-8 ending with a
     * newline.
     *
     * @param tree the tree, e.g. {@code toGeuseMaker(state).document()}
     * @return the JSON text
     */
    public static String write(JsonNode tree) {
        return new String(StateCodec.writeTree(tree), StandardCharsets.UTF_8);
    }
}
