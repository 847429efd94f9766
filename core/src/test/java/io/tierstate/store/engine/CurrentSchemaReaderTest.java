package io.tierstate.store.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Optional;
import io.tierstate.internal.StateCodec;
import io.tierstate.migration.fixtures.Fixtures;
import io.tierstate.model.CacheBehavior;
import io.tierstate.model.CloudFrontOrigin;
import io.tierstate.model.CloudFrontStatus;
import io.tierstate.model.CostTracking;
import io.tierstate.model.DeploymentConfig;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.DestroyJournal;
import io.tierstate.model.DestroyStepRecord;
import io.tierstate.model.HealthStatus;
import io.tierstate.model.Provenance;
import io.tierstate.model.Status;
import io.tierstate.model.Tier;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast path for current-version documents gives exactly what the full path gives, or declines. */
public class CurrentSchemaReaderTest {

    private static final AtomicInteger DUPLICATE_RUNS = new AtomicInteger();
    private static final AtomicInteger DUPLICATES_READ_FAST = new AtomicInteger();

    /** The duplicate-key property must compare real results, not only declines. */
    @AfterAll
    static void duplicatesWereReadByBothPaths() {
        if (DUPLICATE_RUNS.get() == 200) {
            // about 40 of 200: since modelled fields of the wrong JSON type are corrupt (no coercion), more random duplicates are refused by both paths
            assertThat(DUPLICATES_READ_FAST.get()).as("documents with duplicates the fast path read").isGreaterThan(30);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void read_everyFixtureMigratedAndWritten_equalsTheFullPath() {
        for (String fixture : Fixtures.inputs()) {
            DeploymentState slow = StateCodec.read(Fixtures.bytes(fixture), fixture);
            byte[] written = StateCodec.write(slow);

            assertFastPathAgrees(written, fixture);
        }
    }

    @Test
    void read_expectedV3Fixture_asGeuseMakerWouldWriteIt_equalsTheFullPath() {
        byte[] v3 = Fixtures.bytes("v2-gpu-tier3.expected-v3.json");

        assertFastPathAgrees(v3, "expected");
    }

    /** The fast path answers with the full path's state, or declines exactly when the document holds values kept as written. */
    private static void assertFastPathAgrees(byte[] bytes, String what) {
        if (CurrentSchemaReader.holdsValuesKeptAsWritten(bytes)) {
            assertThat(CurrentSchemaReader.read(bytes)).as(what + " holds empty strings, nulls or empty lists: full path").isEmpty();
        } else {
            assertThat(CurrentSchemaReader.read(bytes)).as(what).contains(StateCodec.read(bytes, what));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"schema_version\": 3, \"stack_name\": \"a\", \"status\": \"running\", \"vpc_id\": \"\", \"config\": {\"tier\": \"dev\"}}",
        "{\"schema_version\": 3, \"stack_name\": \"a\", \"status\": \"running\", \"config\": {\"tier\": \"dev\", \"workload\": null}}",
        "{\"schema_version\": 3, \"stack_name\": \"a\", \"status\": \"running\", \"subnet_ids\": [], \"config\": {\"tier\": \"dev\"}}",
        "{\"schema_version\": 3, \"stack_name\": \"a\", \"status\": \"running\", \"cost\": {\"budget_limit\": null}, \"config\": {\"tier\": \"dev\"}}"})
    void read_valuesKeptAsWritten_declineSoTheFullPathKeepsThem(String text) {
        assertThat(CurrentSchemaReader.holdsValuesKeptAsWritten(utf8(text))).isTrue();
        assertThat(CurrentSchemaReader.read(utf8(text))).isEmpty();
        assertThat(StateCodec.read(utf8(text), "kept").keptAsWritten()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"schema_version\": 3, \"stack_name\": \"a\", \"status\": \"exploded\", \"config\": {\"tier\": \"dev\"}}",
        "{\"schema_version\": 3, \"stack_name\": \"a\", \"status\": \"running\", \"migration_history\": [], \"config\": {\"tier\": \"dev\"}}",
        "{\"schema_version\": 3, \"stack_name\": \"a\", \"status\": \"running\", \"x\": {\"y\": null, \"z\": [[], {}]}, \"config\": {\"tier\": \"dev\", \"e\": {\"n\": null}}}"})
    void read_nothingKeptAsWritten_isReadFastAsTheFullPathReadsIt(String text) {
        assertThat(CurrentSchemaReader.holdsValuesKeptAsWritten(utf8(text))).isFalse();
        assertThat(CurrentSchemaReader.read(utf8(text))).contains(StateCodec.read(utf8(text), "plain"));
    }

    @RepeatedTest(40)
    void read_randomStates_equalTheFullPath(RepetitionInfo info) {
        Random random = new Random(1000 + info.getCurrentRepetition());
        byte[] bytes = StateCodec.write(randomState(random));

        DeploymentState slow = StateCodec.read(bytes, "random");

        assertThat(CurrentSchemaReader.read(bytes)).contains(slow);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"stack_name\": \"a\", \"status\": \"running\", \"config\": {\"tier\": \"dev\"}}",
        "{\"schema_version\": 2, \"stack_name\": \"a\", \"status\": \"running\", \"config\": {\"tier\": \"dev\"}}",
        "{\"schema_version\": \"3\", \"stack_name\": \"a\", \"status\": \"running\", \"config\": {\"tier\": \"dev\"}}",
        "{\"stack_name\": \"a\", \"schema_version\": 3, \"status\": \"running\", \"config\": {\"tier\": \"dev\"}}",
        "{\"schema_version\": 3.0, \"stack_name\": \"a\", \"status\": \"running\", \"config\": {\"tier\": \"dev\"}}",
        "{\"schema_version\": 4, \"stack_name\": \"a\", \"status\": \"running\", \"config\": {\"tier\": \"dev\"}}",
        "{\"schema_version\": 3, \"stack_name\": \"a\", \"status\": \"running\", \"config\": {\"tier\": \"dev\"}, \"schema_version\": 4}",
        "{\"schema_version\": 3, \"stack_name\": \"a\", \"status\": \"running\", \"config\": {\"tier\": \"dev\"}, \"schema_version\": \"3\"}",
        "{\"schema_version\": 3, \"stack_name\": \"a\", \"status\": \"running\", \"config\": {\"tier\": \"dev\"}, \"schema_version\": \"+3\"}",
        "{\"schema_version\": 3, \"stack_name\": \"a\", \"status\": \"running\", \"config\": {\"tier\": \"dev\"}, \"schema_version\": 3.0}",
        "{\"schema_version\": 3, \"stack_name\": \"a\", \"status\": \"running\", \"config\": {\"tier\": \"dev\"}, \"schema_version\": true}",
        "{\"schema_version\": 3, \"stack_name\": \"a\", \"status\": \"running\", \"config\": {\"tier\": \"dev\"}, \"schema_version\": null}",
        "{\"schema_version\": 3, \"stack_name\": \"a\", \"status\": \"running\", \"config\": {\"tier\": \"dev\"}, \"schema\\u005fversion\": 4}",
        "{\"schema_version\": 3, \"serial\": \"7\", \"stack_name\": \"a\", \"status\": \"running\", \"config\": {\"tier\": \"dev\"}}",
        "{\"schema_version\": 3, \"stack_name\": \"a\", \"status\": \"running\", \"config\": {\"tier\": \"dev\"}} {}",
        "{\"schema_version\": 3, \"stack_name\": \"a\", \"status\": \"running\", \"config\": {\"tier\": \"dev\"}",
        "{\"schema_version\": 3, \"stack_name\": \"../x\", \"status\": \"running\", \"config\": {\"tier\": \"dev\"}}",
        "{\"schema_version\": 3, \"stack_name\": \"a\", \"status\": \"running\"}",
        "[1, 2]",
        "",
        "   "})
    void read_anythingButAPlainCurrentDocument_declines(String text) {
        assertThat(CurrentSchemaReader.read(utf8(text))).isEmpty();
    }

    /** Duplicate keys: the full path keeps the last one; so does binding the stream, so both agree. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"schema_version\": 3, \"stack_name\": \"a\", \"status\": \"running\", \"config\": {\"tier\": \"dev\", \"tier\": \"gpu\"}}",
        "{\"schema_version\": 3, \"stack_name\": \"a\", \"status\": \"running\", \"status\": \"failed\", \"config\": {\"tier\": \"dev\"}}",
        "{\"schema_version\": 3, \"stack_name\": \"a\", \"status\": \"running\", \"config\": {\"tier\": \"dev\"}, \"schema_version\": 3}",
        "{\"schema_version\": 3, \"stack_name\": \"a\", \"vpc_id\": \"vpc-1\", \"status\": \"running\", \"vpc_id\": null, \"config\": {\"tier\": \"dev\"}}",
        "{\"schema_version\": 3, \"stack_name\": \"a\", \"subnet_ids\": [\"s-1\"], \"status\": \"running\", \"subnet_ids\": [\"s-2\", \"s-3\"], \"config\": {\"tier\": \"dev\"}}",
        "{\"schema_version\": 3, \"x\": 1, \"stack_name\": \"a\", \"y\": {\"k\": 1, \"k\": [2]}, \"status\": \"running\", \"x\": \"two\", \"config\": {\"tier\": \"dev\", \"extra\": 1, \"extra\": 2}}",
        "{\"schema_version\": 3, \"stack_name\": \"a\", \"status\": \"running\", \"config\": {\"tier\": \"dev\"}, \"config\": {\"tier\": \"automation\", \"region\": \"eu-west-1\"}}",
        "{\"schema_version\": 3, \"stack_name\": \"a\", \"status\": \"running\", \"config\": {\"tier\": \"dev\"}, \"destroy_progress\": {\"steps\": [], \"steps\": [{\"step\": \"alb\", \"status\": \"done\", \"status\": \"failed\"}]}}"})
    void read_duplicateKeys_giveWhatTheFullPathGives(String text) {
        byte[] bytes = utf8(text);

        assertFastPathAgrees(bytes, "duplicates");
    }

    /**
     * Random duplicate keys (a key of some object repeated at its end with a value taken from
     * anywhere in the document, or a scalar): the fast path either declines or gives exactly what
     * the full path gives, and never reads a document the full path refuses.
     */
    @RepeatedTest(200)
    void read_randomDuplicateKeys_neverDisagreeWithTheFullPath(RepetitionInfo info) throws IOException {
        DUPLICATE_RUNS.incrementAndGet();
        Random random = new Random(5000 + info.getCurrentRepetition());
        ObjectNode tree = StateCodec.toTree(randomState(random));
        List<ObjectNode> objects = new ArrayList<>();
        List<JsonNode> values = new ArrayList<>(List.of(NullNode.instance, BooleanNode.TRUE, IntNode.valueOf(3),
                IntNode.valueOf(-1), TextNode.valueOf("3"), TextNode.valueOf("x"), DecimalNode.valueOf(new BigDecimal("2.50"))));
        collect(tree, objects, values);
        ObjectNode target = objects.get(random.nextInt(objects.size()));
        List<String> keys = new ArrayList<>();
        target.fieldNames().forEachRemaining(keys::add);
        String key = keys.isEmpty() ? "k" : keys.get(random.nextInt(keys.size()));
        JsonNode value = values.get(random.nextInt(values.size()));
        byte[] bytes = withDuplicate(tree, target, key, value);

        Optional<DeploymentState> fast = CurrentSchemaReader.read(bytes);
        DeploymentState slow;
        try {
            slow = StateCodec.read(bytes, "duplicate");
        } catch (RuntimeException e) {
            assertThat(fast).as("fast path read a document the full path refuses: %s", e.getMessage()).isEmpty();
            return;
        }
        fast.ifPresent(f -> {
            assertThat(f).isEqualTo(slow);
            DUPLICATES_READ_FAST.incrementAndGet();
        });
    }

    private static void collect(JsonNode node, List<ObjectNode> objects, List<JsonNode> values) {
        values.add(node);
        if (node instanceof ObjectNode o) {
            objects.add(o);
        }
        node.elements().forEachRemaining(child -> collect(child, objects, values));
    }

    /** Writes the tree as JSON text, repeating {@code key} at the end of {@code target} with {@code value}. */
    private static byte[] withDuplicate(JsonNode tree, ObjectNode target, String key, JsonNode value) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = StateCodec.mapper().createGenerator(out)) {
            write(g, tree, target, key, value);
        }
        return utf8(out.toString());
    }

    private static void write(JsonGenerator g, JsonNode node, ObjectNode target, String key, JsonNode value)
            throws IOException {
        if (node.isObject()) {
            g.writeStartObject();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                g.writeFieldName(e.getKey());
                write(g, e.getValue(), target, key, value);
            }
            if (node == target) {
                g.writeFieldName(key);
                g.writeTree(value);
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray();
            for (JsonNode child : node) {
                write(g, child, target, key, value);
            }
            g.writeEndArray();
        } else {
            g.writeTree(node);
        }
    }

    @Test
    void read_minimalCurrentDocument_isRead() {
        assertThat(CurrentSchemaReader.read(utf8(
                "{\"schema_version\": 3, \"stack_name\": \"a\", \"status\": \"running\", \"config\": {\"tier\": \"dev\"}}\n")))
                .hasValueSatisfying(s -> {
                    assertThat(s.stackName()).isEqualTo("a");
                    assertThat(s.migrationHistory()).isEmpty();
                });
    }

    @Test
    void read_unknownFieldsAtEveryLevel_areKeptAsTheFullPathKeepsThem() {
        ObjectNode tree = StateCodec.toTree(randomState(new Random(3)));
        tree.putObject("future_block").put("x", new BigDecimal("1.50")).putArray("list").add(1).addNull().add("s");
        ((ObjectNode) tree.get("config")).put("os_type", "ubuntu-22.04").putObject("extras").putNull("nothing");
        tree.put("big", new java.math.BigInteger("123456789012345678901234567890"));
        tree.put("float", 0.1);
        byte[] bytes = StateCodec.writeTree(tree);

        DeploymentState fast = CurrentSchemaReader.read(bytes).orElseThrow();

        assertThat(fast).isEqualTo(StateCodec.read(bytes, "extras"));
        assertThat(StateCodec.write(fast)).isEqualTo(StateCodec.write(StateCodec.read(bytes, "extras")));
        assertThat(fast.unknownFieldNames()).contains("future_block", "big", "float");
    }

    /** A state with most fields set at random, so the two paths are compared on every kind of value. */
    public static DeploymentState randomState(Random r) {
        String name = "s" + Integer.toHexString(r.nextInt(1 << 20));
        DeploymentState.Builder b = DeploymentState.builder()
                .stackName(name).status(Status.known().get(r.nextInt(Status.known().size())))
                .serial(r.nextInt(1000))
                .createdAt(Instant.ofEpochSecond(1_700_000_000L + r.nextInt(50_000_000), r.nextInt(1_000_000) * 1000L))
                .config(DeploymentConfig.builder().stackName(name).tier(Tier.values()[r.nextInt(3)])
                        .region(r.nextBoolean() ? "eu-west-1" : "us-east-1").instanceType("g5.xlarge")
                        .useSpot(r.nextBoolean()).build())
                .migrationHistory(List.of("v1_to_v2_add_schema_version"))
                .resourceProvenance(Map.of("vpc", r.nextBoolean() ? Provenance.CREATED : Provenance.REUSED));
        if (r.nextBoolean()) {
            b.vpcId("vpc-" + r.nextInt()).subnetIds(List.of("subnet-a", "subnet-b")).efsId("fs-1").instanceId("i-1")
                    .publicIp("1.2.3.4").httpsEnabled(r.nextBoolean());
        }
        if (r.nextBoolean()) {
            b.cost(CostTracking.builder().isSpot(true).spotPricePerHour(new BigDecimal("0." + (1000 + r.nextInt(9000))))
                    .estimatedMonthlyCost(new BigDecimal("212.870")).build());
        }
        if (r.nextBoolean()) {
            b.cloudFrontDistributionId("E" + r.nextInt(1 << 30)).cloudFrontDomainName("d1.cloudfront.net")
                    .cloudFrontStatus(r.nextBoolean() ? CloudFrontStatus.DEPLOYED : CloudFrontStatus.IN_PROGRESS)
                    .cloudFrontEnabled(r.nextBoolean()).cloudFrontLastCheckedAt(Instant.ofEpochSecond(1_760_000_000L))
                    .addCloudFrontOrigin(CloudFrontOrigin.builder().id("o").domainName("alb").httpPort(80).build())
                    .addCloudFrontCacheBehavior(CacheBehavior.builder().pathPattern("*").targetOriginId("o")
                            .allowedMethods(List.of("GET", "HEAD")).minTtl(0L).maxTtl(31_536_000L).compress(true).build());
        }
        if (r.nextBoolean()) {
            b.gpuEnabled(true).gpuInstanceType("g5.xlarge").gpuHealthStatus(HealthStatus.values()[r.nextInt(5)])
                    .gpuCount(1 + r.nextInt(8)).gpuMemoryMib(24576L * (1 + r.nextInt(8)));
        }
        if (r.nextBoolean()) {
            b.destroyProgress(DestroyJournal.builder().startedAt(Instant.ofEpochSecond(1_760_000_000L))
                    .preserveEfs(r.nextBoolean()).pendingCloudFrontDeletion(r.nextBoolean())
                    .addStep(DestroyStepRecord.builder().step("alb").status("done").attempts(r.nextInt(3)).build())
                    .build());
        }
        return b.build();
    }
}
