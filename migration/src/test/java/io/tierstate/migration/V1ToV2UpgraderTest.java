package io.tierstate.migration;

import static io.tierstate.migration.TestJson.keys;
import static io.tierstate.migration.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class V1ToV2UpgraderTest {

    private final V1ToV2Upgrader upgrader = new V1ToV2Upgrader();

    @Test
    void upgrader_readsV1WritesV2UnderItsSpecName() {
        assertThat(upgrader.fromVersion()).isEqualTo(1);
        assertThat(upgrader.toVersion()).isEqualTo(2);
        assertThat(upgrader.name()).isEqualTo("v1_to_v2_add_schema_version");
        assertThat(upgrader).hasToString("v1_to_v2_add_schema_version (v1 -> v2)");
    }

    @Test
    void upgrade_v1_setsSchemaVersionTwoAsAnIntegerInFirstPlace() {
        ObjectNode doc = object("{'stack_name': 'a', 'status': 'running'}");

        upgrader.upgrade(doc);

        assertThat(doc.get("schema_version").isInt()).isTrue();
        assertThat(doc.get("schema_version").intValue()).isEqualTo(2);
        assertThat(keys(doc)).containsExactly("schema_version", "stack_name", "status", "resource_provenance",
                "migration_history");
    }

    @Test
    void upgrade_versionAsStringOne_isReplacedInPlaceByIntegerTwo() {
        ObjectNode doc = object("{'stack_name': 'a', 'schema_version': '1'}");

        upgrader.upgrade(doc);

        assertThat(doc.get("schema_version").isInt()).isTrue();
        assertThat(keys(doc)).startsWith("stack_name", "schema_version");
    }

    @Test
    void upgrade_withoutResourceProvenance_addsAnEmptyObject() {
        ObjectNode doc = object("{'stack_name': 'a'}");

        upgrader.upgrade(doc);

        assertThat(doc.get("resource_provenance")).isEqualTo(object("{}"));
    }

    @Test
    void upgrade_withResourceProvenance_keepsItUnchanged() {
        ObjectNode doc = object("{'stack_name': 'a', 'resource_provenance': {'vpc': 'reused', 'efs': 'created'}}");

        upgrader.upgrade(doc);

        assertThat(doc.get("resource_provenance")).isEqualTo(object("{'vpc': 'reused', 'efs': 'created'}"));
    }

    @Test
    void upgrade_withNullResourceProvenance_replacesItInPlaceWithAnEmptyObject() {
        ObjectNode doc = object("{'resource_provenance': null, 'stack_name': 'a'}");

        upgrader.upgrade(doc);

        assertThat(doc.get("resource_provenance")).isEqualTo(object("{}"));
        assertThat(keys(doc)).containsExactly("schema_version", "resource_provenance", "stack_name",
                "migration_history");
    }

    @Test
    void upgrade_withoutMigrationHistory_createsItWithTheName() {
        ObjectNode doc = object("{'stack_name': 'a'}");

        upgrader.upgrade(doc);

        assertThat(doc.get("migration_history")).isEqualTo(TestJson.node("['v1_to_v2_add_schema_version']"));
    }

    @Test
    void upgrade_withMigrationHistory_appendsTheName() {
        ObjectNode doc = object("{'migration_history': ['geusemaker_import']}");

        upgrader.upgrade(doc);

        assertThat(doc.get("migration_history"))
                .isEqualTo(TestJson.node("['geusemaker_import', 'v1_to_v2_add_schema_version']"));
    }

    @Test
    void upgrade_nameAlreadyInHistory_isNotAppendedTwice() {
        ObjectNode doc = object("{'migration_history': ['v1_to_v2_add_schema_version', 'x']}");

        upgrader.upgrade(doc);

        assertThat(doc.get("migration_history")).isEqualTo(TestJson.node("['v1_to_v2_add_schema_version', 'x']"));
    }

    @Test
    void upgrade_nullMigrationHistory_becomesAListWithTheName() {
        ObjectNode doc = object("{'migration_history': null}");

        upgrader.upgrade(doc);

        assertThat(doc.get("migration_history")).isEqualTo(TestJson.node("['v1_to_v2_add_schema_version']"));
    }

    @Test
    void upgrade_migrationHistoryNotAList_throwsNamingTheValue() {
        ObjectNode doc = object("{'migration_history': 'v0_to_v1'}");

        assertThatThrownBy(() -> upgrader.upgrade(doc))
                .isInstanceOf(InvalidStateDocumentException.class)
                .hasMessageContaining("migration_history must be a list of upgrade names")
                .hasMessageContaining("\"v0_to_v1\"")
                .hasMessageContaining("correct it (or remove it) and migrate again");
    }

    @Test
    void upgrade_keepsEveryOtherFieldWithItsValueAndOrder() {
        ObjectNode doc = object("{'stack_name': 'a', 'spot_x': {'n': [1, {'deep': null}]}, 'config': {'tier': 'dev',"
                + " 'extra': [true]}, 'cost': {'instance_type': 't3.medium', 'k': '0.30'}}");
        ObjectNode before = doc.deepCopy();

        upgrader.upgrade(doc);

        before.fieldNames().forEachRemaining(key -> assertThat(doc.get(key)).as(key).isEqualTo(before.get(key)));
        assertThat(keys(doc)).containsSubsequence(keys(before));
    }
}
