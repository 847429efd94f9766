package io.tierstate.migration;

import static io.tierstate.migration.TestJson.keys;
import static io.tierstate.migration.TestJson.node;
import static io.tierstate.migration.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class V2ToV3UpgraderTest {

    private final V2ToV3Upgrader upgrader = new V2ToV3Upgrader();

    private ObjectNode upgraded(String json) {
        ObjectNode doc = object(json);
        upgrader.upgrade(doc);
        return doc;
    }

    @Test
    void upgrader_readsV2WritesV3UnderItsSpecName() {
        assertThat(upgrader.fromVersion()).isEqualTo(2);
        assertThat(upgrader.toVersion()).isEqualTo(3);
        assertThat(upgrader.name()).isEqualTo("v2_to_v3_cloudfront_gpu");
        assertThat(upgrader).hasToString("v2_to_v3_cloudfront_gpu (v2 -> v3)");
    }

    @Test
    void upgrade_v2_setsSchemaVersionThreeInPlaceAndRecordsTheStep() {
        ObjectNode doc = upgraded("{'schema_version': '2', 'stack_name': 'a', 'migration_history': ['v1_to_v2_add_schema_version']}");

        assertThat(doc.get("schema_version")).isEqualTo(node("3"));
        assertThat(keys(doc).get(0)).isEqualTo("schema_version");
        assertThat(doc.get("migration_history"))
                .isEqualTo(node("['v1_to_v2_add_schema_version', 'v2_to_v3_cloudfront_gpu']"));
    }

    @Test
    void migrate_v2WithCloudFront_movesIdAndDomain() {
        ObjectNode doc = upgraded("{'schema_version': 2, 'cloudfront_id': 'E2QWRUHAPOMQZL',"
                + " 'cloudfront_domain': 'd111111abcdef8.cloudfront.net', 'status': 'running'}");

        assertThat(doc.has("cloudfront_id")).isFalse();
        assertThat(doc.has("cloudfront_domain")).isFalse();
        assertThat(doc.get("cloudfront_distribution_id").textValue()).isEqualTo("E2QWRUHAPOMQZL");
        assertThat(doc.get("cloudfront_domain_name").textValue()).isEqualTo("d111111abcdef8.cloudfront.net");
        assertThat(keys(doc)).containsExactly("schema_version", "status", "cloudfront_distribution_id",
                "cloudfront_domain_name", "gpu_enabled", "migration_history");
    }

    @Test
    void upgrade_onlyIdPresent_movesItAndAddsNoDomain() {
        ObjectNode doc = upgraded("{'schema_version': 2, 'cloudfront_id': 'E1'}");

        assertThat(doc.get("cloudfront_distribution_id").textValue()).isEqualTo("E1");
        assertThat(doc.has("cloudfront_domain_name")).isFalse();
    }

    @Test
    void upgrade_conflictingDistributionIds_throwsNamingBothKeysAndValues() {
        ObjectNode doc = object("{'schema_version': 2, 'cloudfront_id': 'E1OLD', 'cloudfront_distribution_id': 'E2NEW'}");

        assertThatThrownBy(() -> upgrader.upgrade(doc))
                .isInstanceOf(ConflictingFieldsException.class)
                .hasMessageContaining("cloudfront_id is \"E1OLD\"")
                .hasMessageContaining("cloudfront_distribution_id is \"E2NEW\"")
                .hasMessageContaining("remove one of them")
                .satisfies(e -> {
                    ConflictingFieldsException conflict = (ConflictingFieldsException) e;
                    assertThat(conflict.oldKey()).isEqualTo("cloudfront_id");
                    assertThat(conflict.newKey()).isEqualTo("cloudfront_distribution_id");
                    assertThat(conflict.oldValue()).isEqualTo(node("'E1OLD'"));
                    assertThat(conflict.newValue()).isEqualTo(node("'E2NEW'"));
                });
    }

    @Test
    void upgrade_conflictingDomains_throwsNamingBothKeysAndValues() {
        ObjectNode doc = object("{'cloudfront_domain': 'd1.cloudfront.net', 'cloudfront_domain_name': 'd2.cloudfront.net'}");

        assertThatThrownBy(() -> upgrader.upgrade(doc))
                .isInstanceOf(ConflictingFieldsException.class)
                .hasMessageContaining("cloudfront_domain is \"d1.cloudfront.net\"")
                .hasMessageContaining("cloudfront_domain_name is \"d2.cloudfront.net\"");
    }

    @Test
    void upgrade_oldAndNewKeysWithEqualValues_dropsTheOldKey() {
        ObjectNode doc = upgraded("{'cloudfront_distribution_id': 'E1', 'cloudfront_id': 'E1',"
                + " 'cloudfront_domain': 'd.cloudfront.net', 'cloudfront_domain_name': 'd.cloudfront.net'}");

        assertThat(doc.has("cloudfront_id")).isFalse();
        assertThat(doc.has("cloudfront_domain")).isFalse();
        assertThat(doc.get("cloudfront_distribution_id").textValue()).isEqualTo("E1");
        assertThat(doc.get("cloudfront_domain_name").textValue()).isEqualTo("d.cloudfront.net");
        assertThat(keys(doc)).startsWith("schema_version", "cloudfront_distribution_id");
    }

    @Test
    void upgrade_nullOldKeyAlone_isDroppedWithoutAddingTheNewKey() {
        ObjectNode doc = upgraded("{'cloudfront_id': null, 'cloudfront_domain': null}");

        assertThat(doc.has("cloudfront_id")).isFalse();
        assertThat(doc.has("cloudfront_distribution_id")).isFalse();
        assertThat(doc.has("cloudfront_domain")).isFalse();
        assertThat(doc.has("cloudfront_domain_name")).isFalse();
    }

    @Test
    void upgrade_nullOldKeyBesideANewValue_isDroppedAndTheNewValueKept() {
        ObjectNode doc = upgraded("{'cloudfront_id': null, 'cloudfront_distribution_id': 'E9'}");

        assertThat(doc.has("cloudfront_id")).isFalse();
        assertThat(doc.get("cloudfront_distribution_id").textValue()).isEqualTo("E9");
    }

    @Test
    void upgrade_nullOldKeyBesideANullNewKey_keepsTheNewNull() {
        ObjectNode doc = upgraded("{'cloudfront_id': null, 'cloudfront_distribution_id': null}");

        assertThat(doc.has("cloudfront_id")).isFalse();
        assertThat(doc.get("cloudfront_distribution_id").isNull()).isTrue();
    }

    @Test
    void upgrade_nullNewKey_isFilledInPlaceFromTheOldKey() {
        ObjectNode doc = upgraded("{'cloudfront_distribution_id': null, 'stack_name': 'a', 'cloudfront_id': 'E5'}");

        assertThat(doc.get("cloudfront_distribution_id").textValue()).isEqualTo("E5");
        assertThat(doc.has("cloudfront_id")).isFalse();
        assertThat(keys(doc)).startsWith("schema_version", "cloudfront_distribution_id", "stack_name");
    }

    @Test
    void upgrade_onlyNewKeys_keepsThemAsTheyAre() {
        ObjectNode doc = upgraded("{'cloudfront_distribution_id': 'E7', 'cloudfront_domain_name': 'd7.cloudfront.net'}");

        assertThat(doc.get("cloudfront_distribution_id").textValue()).isEqualTo("E7");
        assertThat(doc.get("cloudfront_domain_name").textValue()).isEqualTo("d7.cloudfront.net");
    }

    @ParameterizedTest(name = "{0} -> gpu_enabled {1}")
    @CsvSource({
        "g4dn.xlarge, true", "g5.2xlarge, true", "g6e.xlarge, true", "gr6.4xlarge, true", "p3.2xlarge, true",
        "p4d.24xlarge, true", "p5.48xlarge, true",
        "t3.medium, false", "m5.large, false", "inf2.xlarge, false", "trn1.2xlarge, false", "dl1.24xlarge, false",
        "c5.large, false"})
    void upgrade_instanceTypeInConfig_decidesGpuEnabled(String instanceType, boolean gpu) {
        ObjectNode doc = upgraded("{'config': {'tier': 'gpu', 'workload': 'gpu', 'instance_type': '" + instanceType
                + "', 'ami_id': 'ami-1'}}");

        assertThat(doc.get("gpu_enabled")).isEqualTo(node(String.valueOf(gpu)));
        assertThat(doc.has("gpu_instance_type")).isEqualTo(gpu);
        assertThat(doc.has("gpu_ami_id")).isEqualTo(gpu);
        if (gpu) {
            assertThat(doc.get("gpu_instance_type").textValue()).isEqualTo(instanceType);
            assertThat(doc.get("gpu_ami_id").textValue()).isEqualTo("ami-1");
        }
    }

    @Test
    void upgrade_instanceTypeOnlyInCost_isUsed() {
        ObjectNode doc = upgraded("{'config': {'tier': 'dev'}, 'cost': {'instance_type': 'g5.xlarge'}}");

        assertThat(doc.get("gpu_enabled").booleanValue()).isTrue();
        assertThat(doc.get("gpu_instance_type").textValue()).isEqualTo("g5.xlarge");
    }

    @Test
    void upgrade_configInstanceType_winsOverCost() {
        ObjectNode doc = upgraded("{'config': {'tier': 'gpu', 'instance_type': 't3.medium'},"
                + " 'cost': {'instance_type': 'g5.xlarge'}}");

        assertThat(doc.get("gpu_enabled").booleanValue()).isFalse();
        assertThat(doc.has("gpu_instance_type")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"''", "'   '", "null", "42", "['g5.xlarge']"})
    void upgrade_configInstanceTypeBlankOrNotText_fallsBackToCost(String configType) {
        ObjectNode doc = upgraded("{'config': {'tier': 'dev', 'instance_type': " + configType + "},"
                + " 'cost': {'instance_type': 'p3.2xlarge'}}");

        assertThat(doc.get("gpu_enabled").booleanValue()).isTrue();
        assertThat(doc.get("gpu_instance_type").textValue()).isEqualTo("p3.2xlarge");
        assertThat(doc.get("config").get("instance_type")).isEqualTo(node(configType));
    }

    @Test
    void upgrade_instanceTypeWithSpaces_isStrippedForGpuInstanceType() {
        ObjectNode doc = upgraded("{'config': {'instance_type': ' g5.xlarge '}}");

        assertThat(doc.get("gpu_instance_type").textValue()).isEqualTo("g5.xlarge");
        assertThat(doc.get("config").get("instance_type").textValue()).isEqualTo(" g5.xlarge ");
    }

    @ParameterizedTest(name = "workload {0}, tier {1} -> gpu_enabled {2}")
    @CsvSource(quoteCharacter = '`', value = {
        "'gpu', 'dev', true",
        "'gpu', 'gpu', true",
        "'cpu', 'gpu', false",
        "'cpu', 'dev', false",
        "null, 'gpu', true",
        "null, 'automation', false",
        "ABSENT, 'gpu', true",
        "ABSENT, 'dev', false",
        "ABSENT, ABSENT, false",
        "'GPU', 'gpu', false",
        "7, 'gpu', false"})
    void upgrade_noInstanceTypeKnown_fallsBackToWorkloadThenTier(String workload, String tier, boolean gpu) {
        ObjectNode config = object("{}");
        if (!workload.equals("ABSENT")) {
            config.set("workload", node(workload));
        }
        if (!tier.equals("ABSENT")) {
            config.set("tier", node(tier));
        }
        ObjectNode doc = object("{'config': {}, 'cost': {'is_spot': false}}");
        doc.set("config", config);

        upgrader.upgrade(doc);

        assertThat(doc.get("gpu_enabled").booleanValue()).isEqualTo(gpu);
        assertThat(doc.has("gpu_instance_type")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{'config': 'gpu'}", "{'config': null, 'cost': 'g5.xlarge'}"})
    void upgrade_withoutUsableConfigOrCost_setsGpuEnabledFalse(String json) {
        ObjectNode before = object(json);
        ObjectNode doc = upgraded(json);

        assertThat(doc.get("gpu_enabled").booleanValue()).isFalse();
        before.fieldNames().forEachRemaining(key -> assertThat(doc.get(key)).isEqualTo(before.get(key)));
    }

    @Test
    void upgrade_gpuByTierWithAmi_setsAmiButNoInstanceType() {
        ObjectNode doc = upgraded("{'config': {'tier': 'gpu', 'ami_id': 'ami-0123'}}");

        assertThat(doc.get("gpu_enabled").booleanValue()).isTrue();
        assertThat(doc.get("gpu_ami_id").textValue()).isEqualTo("ami-0123");
        assertThat(doc.has("gpu_instance_type")).isFalse();
    }

    @Test
    void upgrade_gpuWithoutAmi_addsNoGpuAmiId() {
        ObjectNode doc = upgraded("{'config': {'instance_type': 'g5.xlarge', 'ami_id': '  '}}");

        assertThat(doc.get("gpu_enabled").booleanValue()).isTrue();
        assertThat(doc.has("gpu_ami_id")).isFalse();
    }

    @Test
    void upgrade_existingGpuEnabledFalse_isKeptAndNoGpuFieldsAdded() {
        ObjectNode doc = upgraded("{'gpu_enabled': false, 'config': {'instance_type': 'g5.xlarge', 'ami_id': 'ami-1'}}");

        assertThat(doc.get("gpu_enabled").booleanValue()).isFalse();
        assertThat(doc.has("gpu_instance_type")).isFalse();
        assertThat(doc.has("gpu_ami_id")).isFalse();
    }

    @Test
    void upgrade_existingGpuEnabledTrue_isKeptAndFillsTheMissingGpuFields() {
        ObjectNode doc = upgraded("{'gpu_enabled': true, 'config': {'tier': 'dev', 'workload': 'cpu', 'ami_id': 'ami-9'}}");

        assertThat(doc.get("gpu_enabled").booleanValue()).isTrue();
        assertThat(doc.get("gpu_ami_id").textValue()).isEqualTo("ami-9");
    }

    @Test
    void upgrade_existingGpuFields_areNeverOverwritten() {
        ObjectNode doc = upgraded("{'gpu_instance_type': 'g4dn.2xlarge', 'gpu_ami_id': 'ami-old', 'gpu_model': 'T4',"
                + " 'config': {'instance_type': 'g5.xlarge', 'ami_id': 'ami-new'}}");

        assertThat(doc.get("gpu_enabled").booleanValue()).isTrue();
        assertThat(doc.get("gpu_instance_type").textValue()).isEqualTo("g4dn.2xlarge");
        assertThat(doc.get("gpu_ami_id").textValue()).isEqualTo("ami-old");
        assertThat(doc.get("gpu_model").textValue()).isEqualTo("T4");
    }

    @Test
    void upgrade_nullGpuFields_countAsAbsentAndAreFilledInPlace() {
        ObjectNode doc = upgraded("{'gpu_enabled': null, 'gpu_instance_type': null, 'config': {'instance_type': 'p5.48xlarge'}}");

        assertThat(doc.get("gpu_enabled").booleanValue()).isTrue();
        assertThat(doc.get("gpu_instance_type").textValue()).isEqualTo("p5.48xlarge");
        assertThat(keys(doc)).startsWith("schema_version", "gpu_enabled", "gpu_instance_type");
    }

    @Test
    void upgrade_malformedGpuEnabled_isKeptAndTheDerivedValueDecidesTheRest() {
        ObjectNode doc = upgraded("{'gpu_enabled': 'yes', 'config': {'instance_type': 'g5.xlarge'}}");

        assertThat(doc.get("gpu_enabled").textValue()).isEqualTo("yes");
        assertThat(doc.get("gpu_instance_type").textValue()).isEqualTo("g5.xlarge");
    }

    @Test
    void upgrade_neverAddsLiveStatusFields() {
        ObjectNode doc = upgraded("{'cloudfront_id': 'E1', 'cloudfront_domain': 'd.cloudfront.net',"
                + " 'config': {'tier': 'gpu', 'instance_type': 'g5.xlarge', 'ami_id': 'ami-1', 'enable_cdn': true}}");

        assertThat(doc.has("cloudfront_status")).isFalse();
        assertThat(doc.has("cloudfront_enabled")).isFalse();
        assertThat(doc.has("gpu_health_status")).isFalse();
        assertThat(keys(doc)).containsExactlyInAnyOrder("schema_version", "config", "cloudfront_distribution_id",
                "cloudfront_domain_name", "gpu_enabled", "gpu_instance_type", "gpu_ami_id", "migration_history");
    }

    @Test
    void upgrade_migrationHistoryNotAList_throwsNamingTheValue() {
        ObjectNode doc = object("{'schema_version': 2, 'migration_history': {'v1': true}}");

        assertThatThrownBy(() -> upgrader.upgrade(doc))
                .isInstanceOf(InvalidStateDocumentException.class)
                .hasMessageContaining("migration_history must be a list")
                .hasMessageContaining("{\"v1\":true} (an object)");
    }
}
