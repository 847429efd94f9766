package io.tierstate.migration;

import static io.tierstate.migration.TestJson.node;
import static io.tierstate.migration.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tierstate.migration.fixtures.Fixtures;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class StateMigratorValidateTest {

    private static final String VALID = "{'stack_name': 'my-stack', 'status': 'running', 'config': {'tier': 'dev'}}";

    private final StateMigrator migrator = StateMigrator.standard();

    /** The valid minimal document with {@code field} (a JSON pointer of depth 1 or 2) set to {@code json}, or removed. */
    private static ObjectNode validWith(String pointer, String json) {
        ObjectNode doc = object(VALID);
        String[] path = pointer.substring(1).split("/");
        ObjectNode parent = path.length == 1 ? doc : (ObjectNode) doc.get(path[0]);
        String field = path[path.length - 1];
        if (json == null) {
            parent.remove(field);
        } else {
            parent.set(field, node(json));
        }
        return doc;
    }

    @Test
    void validate_minimalDocument_isValid() {
        ValidationReport report = migrator.validate(object(VALID));

        assertThat(report.isValid()).isTrue();
        assertThat(report.problems()).isEmpty();
        assertThat(report).hasToString("valid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1-dev-tier1.json", "v2-automation-tier2.json", "v2-gpu-tier3.json",
        "v2-gpu-tier3.expected-v3.json"})
    void validate_everyGeuseMakerFixture_isValid(String name) {
        assertThat(Fixtures.all()).contains(name);
        assertThat(migrator.validate(Fixtures.load(name)).problems()).isEmpty();
    }

    @Test
    void validate_fullyPopulatedV3Document_isValid() {
        ObjectNode doc = object(VALID);
        doc.setAll(object("{'schema_version': '3', 'subnet_ids': ['subnet-1'], 'efs_mount_target_ids': [],"
                + " 'resource_provenance': {'vpc': 'reused', 'efs': 'created'}, 'migration_history': ['a'],"
                + " 'cost': {'instance_type': 'g5.xlarge'}, 'https_enabled': true, 'cloudfront_enabled': false,"
                + " 'gpu_enabled': true, 'cloudfront_status': 'Deployed', 'gpu_health_status': 'insufficient-data',"
                + " 'cloudfront_origins': [{'id': 'alb'}], 'cloudfront_cache_behaviors': [],"
                + " 'cloudfront_id': 'E1', 'cloudfront_distribution_id': 'E1', 'unknown': {'x': [1]}}"));
        ((ObjectNode) doc.get("config")).setAll(object("{'workload': null, 'instance_type': 'g5.xlarge', 'extra': 1}"));

        assertThat(migrator.validate(doc).problems()).isEmpty();
    }

    @Test
    void validate_optionalFieldsExplicitlyNull_countAsAbsent() {
        ObjectNode doc = object(VALID);
        doc.setAll(object("{'subnet_ids': null, 'resource_provenance': null, 'migration_history': null, 'cost': null,"
                + " 'gpu_enabled': null, 'cloudfront_status': null, 'cloudfront_origins': null, 'schema_version': null}"));

        assertThat(migrator.validate(doc).isValid()).isTrue();
    }

    static Stream<Arguments> oneProblem() {
        return Stream.of(
                Arguments.of("/schema_version", "'two'", "/schema_version", "schema_version \"two\" is not a positive whole number"),
                Arguments.of("/schema_version", "2.5", "/schema_version", "schema_version 2.5 (a number) is not a positive whole number"),
                Arguments.of("/schema_version", "4", "/schema_version", "schema_version 4 is newer than this library reads (up to 3); upgrade TierState or restore an older backup"),
                Arguments.of("/stack_name", null, "/stack_name", "stack_name is missing; add the deployment's name"),
                Arguments.of("/stack_name", "null", "/stack_name", "stack_name is missing"),
                Arguments.of("/stack_name", "42", "/stack_name", "stack_name must be a string but is 42 (a number)"),
                Arguments.of("/stack_name", "'9lives'", "/stack_name", "stack_name \"9lives\" is not a valid stack name; use letters, digits and '-', starting with a letter"),
                Arguments.of("/stack_name", "'../x'", "/stack_name", "stack_name \"../x\" is not a valid stack name"),
                Arguments.of("/stack_name", "''", "/stack_name", "stack_name \"\" is not a valid stack name"),
                Arguments.of("/stack_name", "'my_stack'", "/stack_name", "is not a valid stack name"),
                Arguments.of("/stack_name", "'a" + "b".repeat(128) + "'", "/stack_name", "stack_name is 129 characters long, more than the 128 allowed"),
                Arguments.of("/status", null, "/status", "status is missing; add one of creating, running, updating, rolling_back, destroying, failed, terminated"),
                Arguments.of("/status", "7", "/status", "status 7 (a number) is not a string; write one of creating, running, updating, rolling_back, destroying, failed, terminated, discovered in quotes"),
                Arguments.of("/config", null, "/config", "config is missing; add \"config\": {\"tier\": \"dev\"}"),
                Arguments.of("/config", "'gpu'", "/config", "config must be an object but is \"gpu\""),
                Arguments.of("/config/tier", null, "/config/tier", "config.tier is missing; add one of dev, automation, gpu"),
                Arguments.of("/config/tier", "'huge'", "/config/tier", "config.tier \"huge\" is not one of dev, automation, gpu; set the deployment's tier"),
                Arguments.of("/config/tier", "3", "/config/tier", "config.tier 3 (a number) is not one of dev, automation, gpu"),
                Arguments.of("/config/workload", "'tpu'", "/config/workload", "config.workload \"tpu\" is not one of cpu, gpu; use one of them or null"),
                Arguments.of("/config/instance_type", "5", "/config/instance_type", "config.instance_type must be a string but is 5 (a number)"),
                Arguments.of("/subnet_ids", "'subnet-1'", "/subnet_ids", "subnet_ids must be a list of strings but is \"subnet-1\"; write it as [\"...\", \"...\"] or remove it"),
                Arguments.of("/subnet_ids", "['subnet-1', 7]", "/subnet_ids/1", "subnet_ids[1] is 7 (a number) but every element of subnet_ids must be a string"),
                Arguments.of("/efs_mount_target_ids", "{}", "/efs_mount_target_ids", "efs_mount_target_ids must be a list of strings but is {} (an object)"),
                Arguments.of("/migration_history", "'v1_to_v2_add_schema_version'", "/migration_history", "migration_history must be a list of strings"),
                Arguments.of("/migration_history", "[null]", "/migration_history/0", "migration_history[0] is null but every element"),
                Arguments.of("/resource_provenance", "['vpc']", "/resource_provenance", "resource_provenance must be an object mapping each resource to created or reused but is [\"vpc\"] (an array)"),
                Arguments.of("/resource_provenance", "{'vpc': 7}", "/resource_provenance/vpc", "resource_provenance.vpc is 7 (a number), not a string such as \"created\" or \"reused\"; use \"reused\" for a resource that must never be deleted"),
                Arguments.of("/resource_provenance", "{'a/b~c': true}", "/resource_provenance/a~1b~0c", "resource_provenance.a/b~c is true (a boolean)"),
                Arguments.of("/cost", "12.5", "/cost", "cost must be an object but is 12.5 (a number)"),
                Arguments.of("/cost", "{'instance_type': ['g5.xlarge']}", "/cost/instance_type", "cost.instance_type must be a string but is [\"g5.xlarge\"] (an array)"),
                Arguments.of("/gpu_enabled", "'yes'", "/gpu_enabled", "gpu_enabled must be true or false but is \"yes\"; write true or false without quotes"),
                Arguments.of("/https_enabled", "1", "/https_enabled", "https_enabled must be true or false but is 1 (a number)"),
                Arguments.of("/cloudfront_enabled", "'true'", "/cloudfront_enabled", "cloudfront_enabled must be true or false"),
                Arguments.of("/cloudfront_status", "'Pending'", "/cloudfront_status", "cloudfront_status \"Pending\" is not one of InProgress, Deployed; remove it; the next refresh reads it from CloudFront again"),
                Arguments.of("/gpu_health_status", "'sick'", "/gpu_health_status", "gpu_health_status \"sick\" is not one of ok, impaired, initializing, insufficient-data, not-applicable"),
                Arguments.of("/cloudfront_origins", "{'id': 'alb'}", "/cloudfront_origins", "cloudfront_origins must be a list of objects but is {\"id\":\"alb\"} (an object)"),
                Arguments.of("/cloudfront_cache_behaviors", "[{}, '*']", "/cloudfront_cache_behaviors/1", "cloudfront_cache_behaviors[1] is \"*\" but every element of cloudfront_cache_behaviors must be an object"));
    }

    @ParameterizedTest(name = "{0} = {1} -> {2}")
    @MethodSource("oneProblem")
    void validate_oneBrokenRule_reportsExactlyThatProblem(String field, String json, String pointer, String message) {
        ValidationReport report = migrator.validate(validWith(field, json));

        assertThat(report.isValid()).isFalse();
        assertThat(report.problems()).hasSize(1);
        assertThat(report.problems().get(0).pointer()).isEqualTo(pointer);
        assertThat(report.problems().get(0).message()).contains(message);
    }

    @Test
    void validate_conflictingCloudFrontKeys_namesBothValues() {
        ObjectNode doc = object(VALID);
        doc.setAll(object("{'cloudfront_id': 'E1', 'cloudfront_distribution_id': 'E2',"
                + " 'cloudfront_domain': 'a.cloudfront.net', 'cloudfront_domain_name': 'b.cloudfront.net'}"));

        ValidationReport report = migrator.validate(doc);

        assertThat(report.problems()).extracting(ValidationProblem::pointer)
                .containsExactly("/cloudfront_id", "/cloudfront_domain");
        assertThat(report.problems().get(0).message())
                .contains("cloudfront_id is \"E1\" but cloudfront_distribution_id is \"E2\"")
                .contains("remove one of them");
        assertThat(report.problems().get(1).message())
                .contains("cloudfront_domain is \"a.cloudfront.net\" but cloudfront_domain_name is \"b.cloudfront.net\"");
    }

    @Test
    void validate_manyProblems_reportsThemAllInOneGo() {
        ObjectNode doc = object("{'schema_version': 9, 'stack_name': 'bad name', 'status': 4,"
                + " 'config': {'tier': 'xl'}, 'subnet_ids': [1, 2], 'cost': []}");

        ValidationReport report = migrator.validate(doc);

        assertThat(report.problems()).extracting(ValidationProblem::pointer).containsExactly(
                "/schema_version", "/stack_name", "/status", "/config/tier", "/subnet_ids/0", "/subnet_ids/1", "/cost");
        assertThat(report.toString()).startsWith("7 problems:\n  /schema_version: schema_version 9 is newer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "'text'", "null", "3"})
    void validate_notAnObject_reportsOneProblemForTheWholeDocument(String json) {
        ValidationReport report = migrator.validate(node(json));

        assertThat(report.problems()).hasSize(1);
        assertThat(report.problems().get(0).pointer()).isEmpty();
        assertThat(report.problems().get(0).message()).contains("must be a JSON object");
        assertThat(report).hasToString("1 problem:\n  (document): " + report.problems().get(0).message());
    }

    @Test
    void validate_javaNull_reportsAProblemInsteadOfThrowing() {
        assertThat(migrator.validate(null).problems()).extracting(ValidationProblem::message)
                .singleElement().asString().contains("this one is absent");
    }

    @Test
    void validate_neverChangesTheDocument() {
        JsonNode doc = object("{'stack_name': 1, 'cloudfront_id': 'a', 'cloudfront_distribution_id': 'b'}");
        JsonNode copy = doc.deepCopy();

        migrator.validate(doc);

        assertThat(doc).isEqualTo(copy);
    }

    @Test
    void validate_usesTheMigratorsTarget() {
        StateMigrator toOne = StateMigrator.builder().targetVersion(1).build();

        assertThat(toOne.validate(validWith("/schema_version", "2")).problems())
                .extracting(ValidationProblem::message)
                .containsExactly("schema_version 2 is newer than this library reads (up to 1); upgrade TierState or"
                        + " restore an older backup");
    }

    @Test
    void validationProblem_rendersPointerAndMessage() {
        assertThat(new ValidationProblem("/config/tier", "config.tier is missing"))
                .hasToString("/config/tier: config.tier is missing");
    }
}
