package io.tierstate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tierstate.DeploymentClient;
import io.tierstate.internal.StateCodec;
import io.tierstate.internal.Timestamps;
import io.tierstate.migration.StateMigrator;
import io.tierstate.migration.fixtures.RealFixtures;
import io.tierstate.model.DeploymentState;
import io.tierstate.StateJson;
import io.tierstate.port.MigrationOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file GeuseMaker's own models wrote ({@code ../shared/fixtures/geusemaker-real}) lists, inspects, migrates and round-trips exactly. */
class GeuseMakerRealFilesTest {

    /** The codec's mapper, so numbers are compared as the decimals the codec keeps (0.0 stays 0.0). */
    private static final ObjectMapper MAPPER = StateCodec.mapper();

    @TempDir
    Path home;

    static Stream<Path> files() {
        return RealFixtures.files().stream();
    }

    private static void assumeFiles() {
        assumeTrue(RealFixtures.present(), RealFixtures::skipReason);
    }

    @ParameterizedTest
    @EnumSource(GeuseMakerCompat.class)
    void everyFile_listsInspectsAndMigrates_inEitherMode(GeuseMakerCompat compat) throws IOException {
        assumeFiles();
        Files.createDirectories(home.resolve("deployments"));
        for (Path f : RealFixtures.files()) {
            Files.copy(f, home.resolve("deployments").resolve(f.getFileName()));
        }
        try (DeploymentClient client = DeploymentClient.builder().home(home).geusemakerCompat(compat).build()) {
            List<DeploymentState> before = client.deployments().states();
            assertThat(before).hasSize(RealFixtures.files().size());
            assertThat(client.deployments().render()).contains("dev-head-creating-pending").doesNotContain("could not be read");
            for (DeploymentState s : before) {
                assertThat(client.deployment(s.stackName()).inspect().render()).as(s.stackName()).contains(s.stackName());
                assertThat(client.deployment(s.stackName()).inspect().toJson()).contains("\"name\": \"" + s.stackName() + "\"");
            }

            List<MigrationOutcome> outcomes = client.migrate().outcomes();

            assertThat(outcomes).hasSize(before.size()).allMatch(o -> o.result() == MigrationOutcome.Result.MIGRATED);
            List<DeploymentState> after = client.deployments().states();
            for (int i = 0; i < before.size(); i++) {
                assertThat(after.get(i).withSerial(0).withUpdatedAt(before.get(i).updatedAt()))
                        .as(before.get(i).stackName()).isEqualTo(before.get(i));
            }
            assertThat(client.migrate().outcomes()).allMatch(o -> o.result() == MigrationOutcome.Result.UP_TO_DATE);
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void everyFile_readAndWrittenBackAsV2_isWhatGeuseMakerWrote(Path file) throws IOException {
        assumeFiles();
        byte[] bytes = RealFixtures.bytes(file);
        ObjectNode original = (ObjectNode) MAPPER.readTree(bytes);
        // what the tree-level chain makes of it at v2: the file itself for v2, GeuseMaker's own v1 -> v2 for v1
        ObjectNode expected = StateMigrator.standard().downgrade(original, 2, file.toString()).document();

        DeploymentState state = StateJson.read(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        ObjectNode v2 = StateCodec.toV2(state).document();

        JsonNode actual = instants(v2);
        JsonNode wanted = instants(expected);
        assertThat(difference(actual, wanted, "")).as(file.getFileName().toString()).isEmpty();
        assertThat(actual).isEqualTo(wanted);
    }

    @ParameterizedTest
    @MethodSource("files")
    void everyFile_writtenAsV3AndReadBack_isTheSameState_andWritesTheSameBytesAgain(Path file) {
        assumeFiles();
        DeploymentState state = StateCodec.read(RealFixtures.bytes(file), file.toString());

        byte[] once = StateCodec.write(state);
        DeploymentState again = StateCodec.read(once, "written");

        assertThat(again).isEqualTo(state);
        assertThat(again.keptAsWritten()).isEqualTo(state.keptAsWritten());
        assertThat(StateCodec.write(again)).isEqualTo(once);
    }

    @ParameterizedTest
    @MethodSource("files")
    void everyFile_emptyStringsNullsAndEmptyLists_areWrittenBackAsTheyWere(Path file) throws IOException {
        assumeFiles();
        ObjectNode original = (ObjectNode) MAPPER.readTree(RealFixtures.bytes(file));
        ObjectNode written = StateCodec.toTree(StateCodec.read(RealFixtures.bytes(file), file.toString()));

        for (Iterator<Map.Entry<String, JsonNode>> it = original.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            boolean special = v.isNull() || (v.isTextual() && v.asText().isEmpty()) || (v.isArray() && v.isEmpty());
            if (special && !List.of("cloudfront_id", "cloudfront_domain", "migration_history").contains(e.getKey())) {
                assertThat(written.get(e.getKey())).as(file.getFileName() + " " + e.getKey()).isEqualTo(v);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void theHalfBuiltFile_readsItsEmptyIdsAsAbsentAndItsPendingInstanceAsToDelete() {
        assumeFiles();
        Path file = RealFixtures.directory().orElseThrow().resolve("dev-head-creating-pending.json");
        DeploymentState s = StateCodec.read(RealFixtures.bytes(file), file.toString());

        assertThat(s.instanceId()).isEmpty();
        assertThat(s.keypairName()).isEmpty();
        assertThat(s.provenance("instance").wireName()).isEqualTo("pending");
        assertThat(s.keptAsWritten()).containsEntry("/instance_id", "\"\"").containsEntry("/n8n_url", "\"\"");
        assertThat(StateCodec.toTree(s.withInstanceId("i-0new")).get("instance_id").asText()).isEqualTo("i-0new");
        assertThat(io.tierstate.destroy.DestroyPlan.of(s).step("instance")).as("no instance id: nothing to delete").isEmpty();
        assertThat(io.tierstate.destroy.DestroyPlan.of(s.withInstanceId("i-0new")).step("instance").orElseThrow().deletes())
                .as("pending, once it exists, is deleted").isTrue();
    }

    /** The first JSON pointer where two trees differ, with both values; empty when they are equal. */
    private static String difference(JsonNode a, JsonNode b, String at) {
        if (a.equals(b)) {
            return "";
        }
        if (a.isObject() && b.isObject()) {
            java.util.Set<String> names = new java.util.TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                JsonNode x = a.get(n);
                JsonNode y = b.get(n);
                if (x == null || y == null) {
                    return at + "/" + n + ": " + x + " vs " + y;
                }
                String d = difference(x, y, at + "/" + n);
                if (!d.isEmpty()) {
                    return d;
                }
            }
        }
        if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                String d = difference(a.get(i), b.get(i), at + "/" + i);
                if (!d.isEmpty()) {
                    return d;
                }
            }
        }
        return at + ": " + a + " vs " + b;
    }

    /** Timestamps compare as instants: TierState writes UTC with Z, GeuseMaker sometimes no offset. */
    private static JsonNode instants(JsonNode node) {
        JsonNode copy = node.deepCopy();
        return walk(copy);
    }

    private static JsonNode walk(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.fields().forEachRemaining(e -> e.setValue(walk(e.getValue())));
            return o;
        }
        if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, walk(a.get(i)));
            }
            return a;
        }
        if (node.isTextual() && node.asText().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:.*")) {
            try {
                return MAPPER.getNodeFactory().textNode(Timestamps.parse(node.asText()).toString());
            } catch (IllegalArgumentException e) {
                return node;
            }
        }
        return node;
    }
}
