package io.tierstate.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tierstate.migration.fixtures.RealFixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DowngradeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final StateMigrator migrator = StateMigrator.standard();

    private static ObjectNode json(String text) throws IOException {
        return (ObjectNode) MAPPER.readTree(text.replace('\'', '"'));
    }

    @Test
    void downgrade_everyRealGeuseMakerV2File_upThenDownGivesItBackExactly() throws IOException {
        assumeTrue(RealFixtures.present(), RealFixtures::skipReason);
        int v2Files = 0;
        for (Path file : RealFixtures.files()) {
            ObjectNode original = (ObjectNode) MAPPER.readTree(RealFixtures.bytes(file));
            ObjectNode up = migrator.migrate(original, file.toString()).document();

            DowngradeResult down = migrator.downgrade(up, 2, file.toString());

            if (original.has("schema_version")) {
                assertThat(down.document()).as(file.toString()).isEqualTo(original);
                v2Files++;
            } else {
                // v1: what GeuseMaker's own v1 -> v2 step makes of it
                ObjectNode expected = original.deepCopy().put("schema_version", 2);
                expected.withArray("migration_history").add(V1ToV2Upgrader.NAME);
                assertThat(down.document()).as(file.toString()).isEqualTo(expected);
            }
            assertThat(down.toVersion()).isEqualTo(2);
            assertThat(down.leftOut()).as(file.toString()).allMatch(line -> line.startsWith("gpu_enabled")
                    || line.startsWith("gpu_instance_type") || line.startsWith("gpu_ami_id"));
        }
        assertThat(v2Files).isGreaterThan(5);
    }

    @Test
    void downgrade_v3Fields_areLeftOutAndListedWithTheirValues() throws IOException {
        ObjectNode v3 = json("{'schema_version': 3, 'stack_name': 'a', 'status': 'running', 'config': {'tier': 'gpu'},"
                + " 'serial': 4, 'cloudfront_distribution_id': 'E1', 'cloudfront_domain_name': 'd1.cloudfront.net',"
                + " 'cloudfront_status': 'Deployed', 'gpu_model': 'T4', 'destroy_progress': {'steps': []},"
                + " 'migration_history': ['v2_to_v3_cloudfront_gpu'], 'spot_event_rule_names': []}");

        DowngradeResult down = migrator.downgrade(v3, 2, "a.json");

        assertThat(down.document()).isEqualTo(json("{'schema_version': 2, 'stack_name': 'a', 'status': 'running',"
                + " 'config': {'tier': 'gpu'}, 'cloudfront_id': 'E1', 'cloudfront_domain': 'd1.cloudfront.net',"
                + " 'migration_history': [], 'spot_event_rule_names': []}"));
        assertThat(down.leftOut()).containsExactly("cloudfront_status = \"Deployed\"",
                "gpu_model = \"T4\"", "destroy_progress = {\"steps\":[]}", "serial = 4");
        assertThat(v3.get("schema_version").asInt()).as("input untouched").isEqualTo(3);
    }

    @Test
    void downgrade_toTheCurrentVersion_onlyMigratesUp() throws IOException {
        DowngradeResult same = migrator.downgrade(json("{'schema_version': 2, 'stack_name': 'a', 'status': 'running',"
                + " 'config': {'tier': 'dev'}}"), 3, null);

        assertThat(same.document().get("schema_version").asInt()).isEqualTo(3);
        assertThat(same.leftOut()).isEmpty();
    }

    @Test
    void downgrade_toVersion1_isRefusedNamingTheVersionsWritten() {
        assertThatThrownBy(() -> migrator.downgrade(json("{'stack_name': 'a', 'status': 'running', 'config': {'tier': 'dev'}}"), 1, null))
                .isInstanceOf(io.tierstate.error.InvalidInputException.class).hasMessageContaining("cannot write schema v1").hasMessageContaining("use 2 or 3");
    }

    @Test
    void sharedHomeForm_carriesV3AsGeuseMakersV2AndReadsBackAsTheSameV3() throws IOException {
        ObjectNode v3 = json("{'schema_version': 3, 'stack_name': 'a', 'status': 'running', 'config': {'tier': 'gpu'},"
                + " 'cloudfront_distribution_id': 'E1', 'cloudfront_domain_name': 'd1.cloudfront.net', 'gpu_model': 'T4'}");

        ObjectNode shared = SharedHomeForm.fromV3(v3);

        assertThat(shared.get("schema_version").asInt()).isEqualTo(2);
        assertThat(shared.get("cloudfront_id").asText()).isEqualTo("E1");
        assertThat(shared.get("cloudfront_domain").asText()).isEqualTo("d1.cloudfront.net");
        assertThat(shared.get(SharedHomeForm.MARKER).asInt()).isEqualTo(3);
        assertThat(SharedHomeForm.isSharedHomeForm(shared)).isTrue();
        assertThat(SharedHomeForm.isSharedHomeForm(v3)).isFalse();
        assertThat(SharedHomeForm.toV3(shared)).isEqualTo(v3);
        assertThat(SharedHomeForm.toV3(v3)).isSameAs(v3);
        assertThat(migrator.migrate(SharedHomeForm.toV3(shared)).changed()).isFalse();
    }

    @Test
    void sharedHomeForm_withoutCloudFront_carriesNoV2CloudFrontNames() throws IOException {
        ObjectNode shared = SharedHomeForm.fromV3(json("{'schema_version': 3, 'stack_name': 'a', 'status': 'running',"
                + " 'config': {'tier': 'dev'}, 'cloudfront_id': 'stale'}"));

        assertThat(shared.has("cloudfront_id")).isFalse();
        assertThat(shared.has("cloudfront_domain")).isFalse();
    }

    @Test
    void sharedHomeForm_whoseV2AndV3NamesWereEditedApart_isRefusedNamingBoth() throws IOException {
        ObjectNode shared = json("{'schema_version': 2, 'tierstate_schema_version': 3, 'stack_name': 'a', 'status': 'running',"
                + " 'config': {'tier': 'gpu'}, 'cloudfront_id': 'E1', 'cloudfront_distribution_id': 'E2'}");

        assertThatThrownBy(() -> SharedHomeForm.toV3(shared)).isInstanceOf(ConflictingFieldsException.class)
                .hasMessageContaining("E1").hasMessageContaining("E2");
        assertThat(List.of(SharedHomeForm.MARKER)).containsExactly("tierstate_schema_version");
    }
}
