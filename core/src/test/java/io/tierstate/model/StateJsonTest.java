package io.tierstate.model;

import io.tierstate.StateJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tierstate.error.CorruptStateException;
import io.tierstate.internal.StateCodec;
import io.tierstate.internal.Timestamps;
import io.tierstate.migration.ConflictingFieldsException;
import io.tierstate.migration.UnsupportedSchemaVersionException;
import io.tierstate.migration.fixtures.Fixtures;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class StateJsonTest {

    private static final Set<String> TIMESTAMP_FIELDS = Set.of("created_at", "updated_at", "terminated_at",
            "cloudfront_last_checked_at", "gpu_last_checked_at");

    static List<String> inputs() {
        return Fixtures.inputs();
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void read_everyGeuseMakerFixture_readsAndRoundTripsAsV3(String fixture) throws Exception {
        DeploymentState state = StateJson.read(Fixtures.text(fixture));

        assertThat(state.schemaVersion()).isEqualTo(3);
        assertThat(state.migrationHistory()).endsWith("v2_to_v3_cloudfront_gpu");
        String written = StateJson.write(state);
        assertThat(StateJson.read(written)).isEqualTo(state);
        // every field of the migrated document survives the model: written == migrated tree, timestamps as instants
        ObjectNode migrated = StateCodec.migrate(StateCodec.parseTree(Fixtures.bytes(fixture), fixture), fixture).document();
        assertThat(normalized(StateCodec.mapper().readTree(written))).isEqualTo(normalized(migrated));
    }

    @Test
    void write_v2GpuFixture_equalsTheExpectedV3Document() throws Exception {
        DeploymentState state = StateJson.read(Fixtures.text("v2-gpu-tier3.json"));

        JsonNode written = StateCodec.mapper().readTree(StateJson.write(state));

        assertThat(normalized(written)).isEqualTo(normalized(StateCodec.parseTree(Fixtures.bytes("v2-gpu-tier3.expected-v3.json"), "expected")));
        assertThat(written.get("created_at").asText()).isEqualTo("2025-09-30T08:45:12.000001Z");
    }

    @Test
    void toGeuseMaker_writesASchemaV2DocumentThatReadsBackToTheSameState() throws Exception {
        DeploymentState state = StateJson.read(Fixtures.text("v2-gpu-tier3.json"));

        String v2 = StateJson.write(StateJson.toGeuseMaker(state).document());

        JsonNode tree = StateCodec.mapper().readTree(v2);
        assertThat(v2).endsWith("}\n").contains("\n  \"stack_name\"");
        assertThat(tree.path("schema_version").asInt(2)).isEqualTo(2);
        assertThat(tree.get("stack_name").asText()).isEqualTo(state.stackName());
        assertThat(StateJson.read(v2).cloudFrontDistributionId()).isEqualTo(state.cloudFrontDistributionId());
    }

    @Test
    void read_v2GpuFixture_mapsTheModelledFields() {
        DeploymentState s = StateJson.read(Fixtures.text("v2-gpu-tier3.json"));

        assertThat(s.stackName()).isEqualTo("gpu-global");
        assertThat(s.status()).isEqualTo(Status.RUNNING);
        assertThat(s.tier()).isEqualTo(Tier.GPU);
        assertThat(s.region()).isEqualTo("us-east-1");
        assertThat(s.cloudFrontDistributionId()).contains("E2QWRUHAPOMQZL");
        assertThat(s.cloudFrontDomainName()).contains("d111111abcdef8.cloudfront.net");
        assertThat(s.cloudFrontStatus()).isEmpty();
        assertThat(s.cloudFrontEnabled()).isEmpty();
        assertThat(s.gpuEnabled()).isTrue();
        assertThat(s.gpuInstanceType()).contains("g4dn.xlarge");
        assertThat(s.gpuAmiId()).contains("ami-0123456789abcdef0");
        assertThat(s.gpuHealthStatus()).isEmpty();
        assertThat(s.instanceType()).contains("g4dn.xlarge");
        assertThat(s.cost().flatMap(CostTracking::spotPricePerHour)).contains(new BigDecimal("0.2104"));
        assertThat(s.cost().orElseThrow().unknownFieldNames()).contains("cost_history", "total_runtime_hours");
        assertThat(s.config().unknownFieldNames()).contains("os_type", "force_https_redirect");
        assertThat(s.unknownFieldNames()).contains("rollback_history", "previous_states", "container_images",
                "launch_template_id", "spot_event_rule_names");
        assertThat(s.provenance("cloudfront")).isEqualTo(Provenance.CREATED);
        assertThat(s.provenance("never-recorded")).isEqualTo(Provenance.CREATED);
        assertThat(s.createdAt()).contains(Instant.parse("2025-09-30T08:45:12.000001Z"));
    }

    @Test
    void read_v1Fixture_naiveTimestampsAreUtcAndProvenanceIsAdded() {
        DeploymentState s = StateJson.read(Fixtures.text("v1-dev-tier1.json"));

        assertThat(s.createdAt()).contains(Instant.parse("2025-03-02T09:14:07.512334Z"));
        assertThat(s.resourceProvenance()).isEmpty();
        assertThat(s.migrationHistory()).containsExactly("v1_to_v2_add_schema_version", "v2_to_v3_cloudfront_gpu");
        assertThat(s.gpuEnabled()).isFalse();
        assertThat(StateJson.write(s)).contains("\"resource_provenance\": {}");
    }

    @Test
    void roundTrip_unknownFieldsAtEveryModelledLevel_areKeptAsJsonValues() throws Exception {
        String doc = """
                {"schema_version": 3, "stack_name": "keep-all", "status": "destroying", "gpu_enabled": false,
                 "resource_provenance": {}, "migration_history": [],
                 "top_null": null, "top_obj": {"a": [1, 2.50, {"b": null}]}, "top_big": 12345678901234567890.000100,
                 "config": {"tier": "gpu", "cfg_extra": [true, "x"], "nested": {"deep": {"deeper": []}}},
                 "cost": {"budget_limit": "200", "cost_extra": {"k": 1}},
                 "cloudfront_origins": [{"id": "alb", "domain_name": "a.example.com", "origin_extra": "o",
                                         "custom_headers": [{"name": "X-Secret", "value": null}]}],
                 "cloudfront_cache_behaviors": [{"path_pattern": "*", "target_origin_id": "alb", "beh_extra": 7,
                                                 "allowed_methods": ["GET", "HEAD"]}],
                 "destroy_progress": {"strategy": "sequential", "journal_extra": "j",
                                      "steps": [{"step": "alb", "status": "done", "attempts": 2, "step_extra": [null]}]}}
                """;

        String written = StateJson.write(StateJson.read(doc));

        assertThat(normalized(StateCodec.mapper().readTree(written))).isEqualTo(normalized(StateCodec.mapper().readTree(doc)));
        assertThat(written).contains("12345678901234567890.000100").contains("2.50");
    }

    @Test
    void read_moneyAsStringOrNumber_isExactAndWrittenAsString() {
        DeploymentState s = StateJson.read("""
                {"stack_name": "m", "status": "running", "config": {"tier": "dev"},
                 "cost": {"spot_price_per_hour": 0.0125, "on_demand_price_per_hour": "0.0416", "budget_limit": 200}}
                """);

        CostTracking c = s.cost().orElseThrow();
        assertThat(c.spotPricePerHour()).contains(new BigDecimal("0.0125"));
        assertThat(c.onDemandPricePerHour()).contains(new BigDecimal("0.0416"));
        assertThat(StateJson.write(s)).contains("\"spot_price_per_hour\": \"0.0125\"").contains("\"budget_limit\": \"200\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-03-02T09:14:07.512334Z", "2025-03-02T09:14:07.512334+00:00", "2025-03-02T09:14:07.512334",
        "2025-03-02 09:14:07.512334", "2025-03-02T11:14:07.512334+02:00", "2025-03-02T09:14:07.512334000Z"})
    void read_timestampsInEveryGeuseMakerForm_meanTheSameInstant(String text) {
        DeploymentState s = StateJson.read("{\"stack_name\": \"t\", \"status\": \"running\", \"config\": {\"tier\": \"dev\"},"
                + " \"created_at\": \"" + text + "\"}");

        assertThat(s.createdAt()).contains(Instant.parse("2025-03-02T09:14:07.512334Z"));
        assertThat(StateJson.write(s)).contains("\"created_at\": \"2025-03-02T09:14:07.512334Z\"");
    }

    @Test
    void write_minimalState_omitsAbsentValues() throws Exception {
        DeploymentState s = DeploymentState.builder().stackName("tiny").status(Status.CREATING)
                .config(DeploymentConfig.builder().tier(Tier.DEV).build()).build();

        JsonNode written = StateCodec.mapper().readTree(StateJson.write(s));

        List<String> names = new java.util.ArrayList<>();
        written.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("schema_version", "stack_name", "status", "resource_provenance",
                "migration_history", "config", "gpu_enabled");
        assertThat(written.get("config").size()).isEqualTo(1);
    }

    @Test
    void read_schemaVersionAsString_isAccepted() {
        DeploymentState s = StateJson.read("{\"schema_version\": \"2\", \"stack_name\": \"s\", \"status\": \"running\","
                + " \"config\": {\"tier\": \"automation\"}, \"cloudfront_id\": \"E1\"}");

        assertThat(s.cloudFrontDistributionId()).contains("E1");
        assertThat(s.unknownFieldNames()).doesNotContain("cloudfront_id");
    }

    @Test
    void read_schemaVersionAboveThree_isRefusedWithTheVersions() {
        assertThatThrownBy(() -> StateJson.read("{\"schema_version\": 4, \"stack_name\": \"s\", \"status\": \"running\","
                + " \"config\": {\"tier\": \"dev\"}}"))
                .isInstanceOf(UnsupportedSchemaVersionException.class)
                .hasMessageContaining("has schema_version 4").hasMessageContaining("reads up to 3");
    }

    @Test
    void read_conflictingCloudFrontKeys_isRefusedNamingBothValues() {
        assertThatThrownBy(() -> StateJson.read("{\"schema_version\": 2, \"stack_name\": \"s\", \"status\": \"running\","
                + " \"config\": {\"tier\": \"gpu\"}, \"cloudfront_id\": \"EOLD\", \"cloudfront_distribution_id\": \"ENEW\"}"))
                .isInstanceOf(ConflictingFieldsException.class)
                .hasMessageContaining("EOLD").hasMessageContaining("ENEW");
    }

    @Test
    void read_wrongType_namesTheField() {
        assertThatThrownBy(() -> StateJson.read("{\"stack_name\": \"s\", \"status\": \"running\", \"config\": {\"tier\": \"dev\"},"
                + " \"gpu_count\": \"many\"}"))
                .isInstanceOf(CorruptStateException.class)
                .hasMessageContaining("/gpu_count");
    }

    @Test
    void read_unknownStatus_isKeptVerbatim() {
        DeploymentState s = StateJson.read("{\"stack_name\": \"s\", \"status\": \"discovered\", \"config\": {\"tier\": \"dev\"}}");

        assertThat(s.status()).isSameAs(Status.DISCOVERED);
        assertThat(StateJson.read(StateJson.write(s.withStatus(Status.of("Paused by ops")))).status().wireName())
                .isEqualTo("Paused by ops");
    }

    @Test
    void read_missingStatus_saysItIsRequired() {
        assertThatThrownBy(() -> StateJson.read("{\"stack_name\": \"s\", \"config\": {\"tier\": \"dev\"}}"))
                .isInstanceOf(CorruptStateException.class)
                .hasMessageContaining("status");
    }

    @Test
    void read_invalidStackNameInDocument_isCorrupt() {
        assertThatThrownBy(() -> StateJson.read("{\"stack_name\": \"../etc\", \"status\": \"running\", \"config\": {\"tier\": \"dev\"}}"))
                .isInstanceOf(CorruptStateException.class)
                .hasMessageContaining("../etc");
    }

    @Test
    void read_syntaxError_reportsLineAndColumn() {
        assertThatThrownBy(() -> StateJson.read("{\n  \"stack_name\": \"s\",\n  \"status\": running\n}"))
                .isInstanceOfSatisfying(CorruptStateException.class, e -> {
                    assertThat(e.line()).hasValue(3);
                    assertThat(e.column()).isNotEmpty();
                })
                .hasMessageContaining("line 3");
    }

    @Test
    void read_topLevelArrayOrEmpty_isCorrupt() {
        assertThatThrownBy(() -> StateJson.read("[1, 2]")).isInstanceOf(CorruptStateException.class).hasMessageContaining("array");
        assertThatThrownBy(() -> StateJson.read("  ")).isInstanceOf(CorruptStateException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> StateJson.read("{} {}")).isInstanceOf(CorruptStateException.class).hasMessageContaining("after the end");
    }

    @Test
    void read_deeplyNestedArrays_isRefusedWithoutStackOverflow() {
        String deep = "{\"stack_name\": \"s\", \"x\": " + "[".repeat(5000) + "]".repeat(5000) + "}";

        assertThatThrownBy(() -> StateJson.read(deep)).isInstanceOf(CorruptStateException.class).hasMessageContaining("nesting");
    }

    @Test
    void withers_changeOneFieldAndKeepTheRest() {
        DeploymentState s = StateJson.read(Fixtures.text("v2-gpu-tier3.json"));

        DeploymentState changed = s.withStatus(Status.DESTROYING).withCloudFrontStatus(CloudFrontStatus.IN_PROGRESS)
                .withGpuHealthStatus(HealthStatus.OK).withGpuCount(1).withGpuMemoryMib(16384L);

        assertThat(changed.status()).isEqualTo(Status.DESTROYING);
        assertThat(changed.unknownFieldNames()).isEqualTo(s.unknownFieldNames());
        assertThat(StateJson.write(changed)).contains("\"cloudfront_status\": \"InProgress\"")
                .contains("\"gpu_health_status\": \"ok\"").contains("\"gpu_memory_mib\": 16384");
        assertThat(changed.withCloudFrontStatus(java.util.Optional.empty()).cloudFrontStatus()).isEmpty();
    }

    /** Timestamps compare as instants (TierState writes UTC with Z); everything else exactly. */
    static JsonNode normalized(JsonNode node) {
        JsonNode copy = node.deepCopy();
        normalize(copy);
        return copy;
    }

    private static void normalize(JsonNode node) {
        if (node instanceof ObjectNode o) {
            List<String> names = new java.util.ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode v = o.get(name);
                if ((TIMESTAMP_FIELDS.contains(name) || name.endsWith("_at")) && v.isTextual()) {
                    try {
                        o.put(name, Timestamps.format(Timestamps.parse(v.asText())));
                    } catch (IllegalArgumentException notATimestamp) {
                        // leave as is
                    }
                } else {
                    normalize(v);
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(StateJsonTest::normalize);
        }
    }
}
