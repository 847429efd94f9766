package io.tierstate.migration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tierstate.migration.fixtures.Fixtures;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Migrates the GeuseMaker sample files, the closest thing to real user data in this module. */
class FixtureMigrationTest {

    private static final Set<String> RENAMED = Set.of("cloudfront_id", "cloudfront_domain");
    private static final Set<String> REWRITTEN = Set.of("schema_version", "migration_history");

    private final StateMigrator migrator = StateMigrator.standard();

    static List<String> inputs() {
        return Fixtures.inputs();
    }

    @Test
    void fixtures_includeEveryKnownSample() {
        assertThat(inputs()).contains("v1-dev-tier1.json", "v2-automation-tier2.json", "v2-gpu-tier3.json");
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void migrate_everyFixture_reachesV3AndRecordsTheV3StepOnce(String name) {
        MigrationResult result = migrator.migrate(Fixtures.load(name), name);

        ObjectNode v3 = result.document();
        assertThat(v3.get("schema_version").isInt()).isTrue();
        assertThat(v3.get("schema_version").intValue()).isEqualTo(3);
        assertThat(result.changed()).isTrue();
        List<String> history = TestJson.MAPPER.convertValue(v3.get("migration_history"),
                TestJson.MAPPER.getTypeFactory().constructCollectionType(List.class, String.class));
        assertThat(history).endsWith("v2_to_v3_cloudfront_gpu").containsOnlyOnce("v2_to_v3_cloudfront_gpu");
        assertThat(migrator.validate(v3).problems()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void migrate_everyFixture_keepsEveryFieldItDoesNotOwn(String name) {
        ObjectNode input = Fixtures.load(name);

        ObjectNode v3 = migrator.migrate(input, name).document();

        input.properties().stream()
                .filter(field -> !RENAMED.contains(field.getKey()) && !REWRITTEN.contains(field.getKey()))
                .forEach(field -> assertThat(v3.get(field.getKey())).as(field.getKey()).isEqualTo(field.getValue()));
        assertThat(TestJson.keys(v3)).containsSubsequence(TestJson.keys(input).stream()
                .filter(key -> !RENAMED.contains(key) && !key.equals("schema_version")).toArray(String[]::new));
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void migrate_everyFixtureTwice_isTheSameAsOnce(String name) {
        ObjectNode once = migrator.migrate(Fixtures.load(name)).document();

        MigrationResult twice = migrator.migrate(once);

        assertThat(twice.changed()).isFalse();
        assertThat(twice.document()).isEqualTo(once);
    }

    @Test
    void migrate_gpuTier3Fixture_equalsTheExpectedV3File() {
        String input = "v2-gpu-tier3.json";
        JsonNode expected = Fixtures.load(Fixtures.expectedV3(input).orElseThrow());

        ObjectNode actual = migrator.migrate(Fixtures.load(input), input).document();

        assertThat(actual).isEqualTo(expected);
        assertThat(TestJson.keys(actual)).containsExactlyElementsOf(TestJson.keys(expected));
    }

    @Test
    void migrate_everyFixtureWithAnExpectation_equalsIt() {
        List<String> withExpectation = inputs().stream().filter(name -> Fixtures.expectedV3(name).isPresent()).toList();
        assertThat(withExpectation).isNotEmpty();
        for (String name : withExpectation) {
            assertThat(migrator.migrate(Fixtures.load(name)).document()).as(name)
                    .isEqualTo(Fixtures.load(Fixtures.expectedV3(name).orElseThrow()));
        }
    }

    @Test
    void migrate_v1DevFixture_addsVersionProvenanceAndCpuOnlyGpuFlag() {
        ObjectNode v3 = migrator.migrate(Fixtures.load("v1-dev-tier1.json")).document();

        assertThat(TestJson.keys(v3).get(0)).isEqualTo("schema_version");
        assertThat(v3.get("resource_provenance")).isEqualTo(TestJson.object("{}"));
        assertThat(v3.get("migration_history"))
                .isEqualTo(TestJson.node("['v1_to_v2_add_schema_version', 'v2_to_v3_cloudfront_gpu']"));
        assertThat(v3.get("gpu_enabled").booleanValue()).isFalse();
        assertThat(v3.has("gpu_instance_type")).isFalse();
        assertThat(v3.has("cloudfront_distribution_id")).isFalse();
        assertThat(v3.get("created_at").textValue()).isEqualTo("2025-03-02T09:14:07.512334");
    }

    @Test
    void migrate_v2AutomationFixture_keepsReusedProvenanceAndHasNoGpu() {
        ObjectNode v3 = migrator.migrate(Fixtures.load("v2-automation-tier2.json")).document();

        assertThat(v3.get("resource_provenance").get("vpc").textValue()).isEqualTo("reused");
        assertThat(v3.get("gpu_enabled").booleanValue()).isFalse();
        assertThat(v3.get("migration_history"))
                .isEqualTo(TestJson.node("['v1_to_v2_add_schema_version', 'v2_to_v3_cloudfront_gpu']"));
        assertThat(v3.get("cost").get("budget_limit").textValue()).isEqualTo("200");
    }

    @Test
    void info_everyFixture_saysWhatWouldRun() {
        assertThat(migrator.info(Fixtures.load("v1-dev-tier1.json")).pendingSteps()).hasSize(2);
        assertThat(migrator.info(Fixtures.load("v2-gpu-tier3.json")).pendingSteps())
                .containsExactly("v2_to_v3_cloudfront_gpu");
        assertThat(migrator.info(Fixtures.load("v2-gpu-tier3.expected-v3.json")).isUpToDate()).isTrue();
    }
}
