package io.tierstate.migration;

import static io.tierstate.migration.TestJson.node;
import static io.tierstate.migration.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StateMigratorTest {

    private static final String V1 = "{'stack_name': 'dev-a', 'status': 'running', 'config': {'tier': 'dev',"
            + " 'instance_type': 't3.medium'}}";
    private static final String V2_GPU = "{'schema_version': 2, 'stack_name': 'gpu-a', 'status': 'running',"
            + " 'cloudfront_id': 'E1', 'cloudfront_domain': 'd1.cloudfront.net',"
            + " 'migration_history': ['v1_to_v2_add_schema_version'],"
            + " 'config': {'tier': 'gpu', 'instance_type': 'g5.xlarge', 'ami_id': 'ami-1'}}";

    private final StateMigrator migrator = StateMigrator.standard();

    @Test
    void standard_migratesToVersionThreeThroughBothUpgraders() {
        assertThat(migrator.targetVersion()).isEqualTo(3);
        assertThat(migrator.upgraders()).extracting(Upgrader::name)
                .containsExactly("v1_to_v2_add_schema_version", "v2_to_v3_cloudfront_gpu");
        assertThat(migrator).hasToString(
                "StateMigrator[target v3: v1_to_v2_add_schema_version, v2_to_v3_cloudfront_gpu]");
        assertThat(StateMigrator.standard()).isSameAs(migrator);
    }

    @Test
    void migrate_v1_reachesV3InOneGo() {
        MigrationResult result = migrator.migrate(object(V1));

        assertThat(result.fromVersion()).isEqualTo(1);
        assertThat(result.toVersion()).isEqualTo(3);
        assertThat(result.appliedSteps()).containsExactly("v1_to_v2_add_schema_version", "v2_to_v3_cloudfront_gpu");
        assertThat(result.changed()).isTrue();
        assertThat(result).hasToString("v1 -> v3 [v1_to_v2_add_schema_version, v2_to_v3_cloudfront_gpu]");
        assertThat(result.document()).isEqualTo(object("{'schema_version': 3, 'stack_name': 'dev-a',"
                + " 'status': 'running', 'config': {'tier': 'dev', 'instance_type': 't3.medium'},"
                + " 'resource_provenance': {}, 'gpu_enabled': false,"
                + " 'migration_history': ['v1_to_v2_add_schema_version', 'v2_to_v3_cloudfront_gpu']}"));
    }

    @Test
    void migrate_v2WithGpuAndCloudFront_producesTheV3Fields() {
        ObjectNode v3 = migrator.migrate(object(V2_GPU)).document();

        assertThat(v3).isEqualTo(object("{'schema_version': 3, 'stack_name': 'gpu-a', 'status': 'running',"
                + " 'migration_history': ['v1_to_v2_add_schema_version', 'v2_to_v3_cloudfront_gpu'],"
                + " 'config': {'tier': 'gpu', 'instance_type': 'g5.xlarge', 'ami_id': 'ami-1'},"
                + " 'cloudfront_distribution_id': 'E1', 'cloudfront_domain_name': 'd1.cloudfront.net',"
                + " 'gpu_enabled': true, 'gpu_instance_type': 'g5.xlarge', 'gpu_ami_id': 'ami-1'}"));
    }

    @Test
    void migrate_schemaVersionAsStringTwo_runsOnlyTheV2Step() {
        MigrationResult result = migrator.migrate(object("{'schema_version': ' 2 ', 'stack_name': 'a'}"));

        assertThat(result.fromVersion()).isEqualTo(2);
        assertThat(result.appliedSteps()).containsExactly("v2_to_v3_cloudfront_gpu");
        assertThat(result.document().get("schema_version")).isEqualTo(node("3"));
        assertThat(result.document().has("resource_provenance")).isFalse();
    }

    @Test
    void migrate_v3Document_changesNothing() {
        ObjectNode v3 = object("{'schema_version': 3, 'stack_name': 'a', 'cloudfront_id': 'legacy', 'config': {'tier': 'gpu'}}");

        MigrationResult result = migrator.migrate(v3);

        assertThat(result.document()).isEqualTo(v3).isNotSameAs(v3);
        assertThat(result.appliedSteps()).isEmpty();
        assertThat(result.changed()).isFalse();
        assertThat(result.fromVersion()).isEqualTo(3);
        assertThat(result.toVersion()).isEqualTo(3);
        assertThat(result).hasToString("v3: unchanged");
    }

    @Test
    void migrate_v3WithVersionAsString_keepsTheStringAsItIs() {
        ObjectNode v3 = object("{'schema_version': '3', 'stack_name': 'a'}");

        assertThat(migrator.migrate(v3).document().get("schema_version")).isEqualTo(node("'3'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {V1, V2_GPU})
    void migrate_twice_isTheSameAsOnce(String json) {
        MigrationResult once = migrator.migrate(object(json));
        MigrationResult twice = migrator.migrate(once.document());

        assertThat(twice.document()).isEqualTo(once.document());
        assertThat(twice.changed()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {V1, V2_GPU, "{'schema_version': 3, 'x': [1, {'y': null}]}"})
    void migrate_neverMutatesTheInputDocument(String json) {
        ObjectNode input = object(json);
        ObjectNode pristine = input.deepCopy();

        ObjectNode output = migrator.migrate(input).document();
        output.put("touched", true);
        if (output.get("config") instanceof ObjectNode) {
            ((ObjectNode) output.get("config")).put("touched", true);
        }

        assertThat(input).isEqualTo(pristine);
    }

    @Test
    void migrate_unknownFieldsAtEveryLevel_arePreservedAsTrees() {
        ObjectNode input = object("{'stack_name': 'a', 'status': 'running', 'spot_request_id': 'sir-1',"
                + " 'rollback_history': [{'trigger': 'x', 'nested': [[1, 2.5, null, {'deep': {'deeper': [true]}}]]}],"
                + " 'previous_states': [{'config': {'tier': 'gpu', 'exotic': {'k': 'v'}}}],"
                + " 'config': {'tier': 'gpu', 'workload': 'gpu', 'custom_flag': null, 'tags': {'team': 'ml'},"
                + "   'volumes': [{'size': 100, 'type': 'gp3'}]},"
                + " 'cost': {'instance_type': 'g4dn.xlarge', 'cost_history': [{'hourly_cost': '0.2104'}],"
                + "   'total_runtime_hours': 0.6, 'budget_alerts': [50, 80]},"
                + " 'resource_provenance': {'vpc': 'reused', 'custom_thing': 'created'},"
                + " 'efs_mount_target_ids': ['fsmt-1'], 'empty': {}, 'nothing': null}");

        ObjectNode v3 = migrator.migrate(input).document();

        for (String key : List.of("stack_name", "status", "spot_request_id", "rollback_history", "previous_states",
                "config", "cost", "resource_provenance", "efs_mount_target_ids", "empty", "nothing")) {
            assertThat(v3.get(key)).as(key).isEqualTo(input.get(key));
        }
        assertThat(v3.get("nothing").isNull()).isTrue();
    }

    @Test
    void migrate_aboveTheTarget_isRefusedNamingTheVersions() {
        ObjectNode v4 = object("{'schema_version': 4, 'stack_name': 'future'}");

        assertThatThrownBy(() -> migrator.migrate(v4))
                .isInstanceOf(UnsupportedSchemaVersionException.class)
                .hasMessage("state document has schema_version 4; this library reads up to 3; upgrade TierState to a"
                        + " release that reads v4 or restore an older backup of the file")
                .satisfies(e -> {
                    UnsupportedSchemaVersionException unsupported = (UnsupportedSchemaVersionException) e;
                    assertThat(unsupported.foundVersion()).isEqualTo(4);
                    assertThat(unsupported.supportedVersion()).isEqualTo(3);
                    assertThat(unsupported.source()).isEmpty();
                });
    }

    @Test
    void migrate_aboveTheTargetWithSource_namesTheFile() {
        assertThatThrownBy(() -> migrator.migrate(object("{'schema_version': '12'}"), "deployments/future.json"))
                .isInstanceOf(UnsupportedSchemaVersionException.class)
                .hasMessageStartingWith("deployments/future.json: state document has schema_version 12;")
                .hasMessageContaining("reads up to 3")
                .satisfies(e -> assertThat(((UnsupportedSchemaVersionException) e).source())
                        .contains("deployments/future.json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.5", "'two'", "true", "{}", "-1", "0"})
    void migrate_invalidSchemaVersion_throwsNamingTheValueAndSource(String version) {
        ObjectNode doc = object("{'schema_version': " + version + ", 'stack_name': 'a'}");

        assertThatThrownBy(() -> migrator.migrate(doc, "bad.json"))
                .isInstanceOf(InvalidStateDocumentException.class)
                .hasMessageStartingWith("bad.json: schema_version " + node(version))
                .hasMessageContaining("is not a positive whole number");
    }

    @Test
    void migrate_notAnObject_throwsInvalidDocument() {
        for (JsonNode notAnObject : List.of(node("[{'stack_name': 'a'}]"), node("'text'"), NullNode.getInstance(),
                MissingNode.getInstance())) {
            assertThatThrownBy(() -> migrator.migrate(notAnObject, "x.json"))
                    .isInstanceOf(InvalidStateDocumentException.class)
                    .hasMessageStartingWith("x.json: a state document must be a JSON object")
                    .hasMessageContaining("pass the whole state file");
        }
    }

    @Test
    void migrate_conflictWithSource_keepsTheTypeAndNamesTheFile() {
        ObjectNode doc = object("{'schema_version': 2, 'cloudfront_id': 'E1', 'cloudfront_distribution_id': 'E2'}");

        assertThatThrownBy(() -> migrator.migrate(doc, "gpu-global.json"))
                .isInstanceOf(ConflictingFieldsException.class)
                .hasMessageStartingWith("gpu-global.json: conflicting fields: cloudfront_id is \"E1\" but"
                        + " cloudfront_distribution_id is \"E2\"")
                .satisfies(e -> {
                    ConflictingFieldsException conflict = (ConflictingFieldsException) e;
                    assertThat(conflict.source()).contains("gpu-global.json");
                    assertThat(conflict.oldKey()).isEqualTo("cloudfront_id");
                    assertThat(conflict.getStackTrace()[0].getClassName()).isEqualTo(V2ToV3Upgrader.class.getName());
                });
    }

    @Test
    void migrate_conflictWithoutSource_hasNoPrefix() {
        ObjectNode doc = object("{'schema_version': 2, 'cloudfront_domain': 'a', 'cloudfront_domain_name': 'b'}");

        assertThatThrownBy(() -> migrator.migrate(doc))
                .isInstanceOf(ConflictingFieldsException.class)
                .hasMessageStartingWith("conflicting fields: cloudfront_domain is \"a\"");
    }

    @Test
    void migrate_historyNotAListWithSource_namesTheFile() {
        ObjectNode doc = object("{'stack_name': 'a', 'migration_history': 5}");

        assertThatThrownBy(() -> migrator.migrate(doc, "v1.json"))
                .isExactlyInstanceOf(InvalidStateDocumentException.class)
                .hasMessageStartingWith("v1.json: migration_history must be a list")
                .satisfies(e -> assertThat(((InvalidStateDocumentException) e).detail())
                        .startsWith("migration_history must be a list"));
    }

    @Test
    void migrate_nullDocument_throwsInvalidDocument() {
        assertThatThrownBy(() -> migrator.migrate(null))
                .isInstanceOf(InvalidStateDocumentException.class)
                .hasMessageContaining("must be a JSON object");
    }

    @Test
    void info_v1_listsBothPendingSteps() {
        MigrationInfo info = migrator.info(object(V1));

        assertThat(info.currentVersion()).isEqualTo(1);
        assertThat(info.targetVersion()).isEqualTo(3);
        assertThat(info.pendingSteps()).containsExactly("v1_to_v2_add_schema_version", "v2_to_v3_cloudfront_gpu");
        assertThat(info.isUpToDate()).isFalse();
        assertThat(info.isNewerThanTarget()).isFalse();
        assertThat(info).hasToString("v1 -> v3: 2 pending steps [v1_to_v2_add_schema_version, v2_to_v3_cloudfront_gpu]");
    }

    @Test
    void info_v2_listsOnePendingStep() {
        MigrationInfo info = migrator.info(object(V2_GPU));

        assertThat(info.pendingSteps()).containsExactly("v2_to_v3_cloudfront_gpu");
        assertThat(info).hasToString("v2 -> v3: 1 pending step [v2_to_v3_cloudfront_gpu]");
    }

    @Test
    void info_v3_isUpToDate() {
        MigrationInfo info = migrator.info(object("{'schema_version': 3}"));

        assertThat(info.isUpToDate()).isTrue();
        assertThat(info.pendingSteps()).isEmpty();
        assertThat(info).hasToString("v3: up to date");
    }

    @Test
    void info_aboveTheTarget_saysSoWithoutThrowing() {
        MigrationInfo info = migrator.info(object("{'schema_version': 5}"));

        assertThat(info.isUpToDate()).isFalse();
        assertThat(info.isNewerThanTarget()).isTrue();
        assertThat(info.pendingSteps()).isEmpty();
        assertThat(info).hasToString("v5: newer than v3, the highest this library reads");
    }

    @Test
    void info_unreadableVersion_throwsInvalidDocument() {
        assertThatThrownBy(() -> migrator.info(object("{'schema_version': 'three'}")))
                .isInstanceOf(InvalidStateDocumentException.class)
                .hasMessageContaining("schema_version \"three\"");
    }

    @Test
    void info_doesNotChangeTheDocument() {
        ObjectNode doc = object(V1);

        migrator.info(doc);

        assertThat(doc).isEqualTo(object(V1));
    }

    @Test
    void migrate_fromManyThreadsAtOnce_givesTheSameResult() throws Exception {
        ObjectNode input = object(V2_GPU);
        ObjectNode expected = migrator.migrate(input).document();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ObjectNode>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 64; i++) {
                results.add(pool.submit(() -> migrator.migrate(input).document()));
            }
            for (Future<ObjectNode> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(input).isEqualTo(object(V2_GPU));
    }
}
