package io.tierstate.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tierstate.cost.UsageProfile;
import io.tierstate.model.DeploymentState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The JSON forms of the views have the shape docs/views.md documents, field by field and type by type. */
class ViewJsonTest {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    static Stream<Arguments> inspections() {
        return ViewGoldenTest.inspections();
    }

    private static JsonNode inspect(DeploymentState s) throws IOException {
        return PLAIN.readTree(Inspection.of(s, ViewGoldenTest.ESTIMATOR, UsageProfile.defaults())
                .withClock(ViewFixtures.CLOCK).toJson());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inspections")
    void inspectionJson_hasTheDocumentedShape(String name, Supplier<DeploymentState> state) throws IOException {
        JsonNode json = inspect(state.get());

        assertThat(ViewShapes.INSPECTION.violations(json)).as(json.toPrettyString()).isEmpty();
        JsonShape cost = json.get("cost").has("unknown_reason") ? ViewShapes.COST_UNKNOWN : ViewShapes.COST_KNOWN;
        assertThat(cost.violations(json.get("cost"))).isEmpty();
        assertThat(json.toString()).doesNotContain("null").doesNotContain("Optional");
    }

    @Test
    void inspectionJson_tier3_putsTheUrlAtTheTopAndTheLiveValuesInCloudfront() throws IOException {
        JsonNode json = inspect(ViewFixtures.tier3Gpu());

        assertThat(json.get("url").asText()).isEqualTo("https://d111111abcdef8.cloudfront.net");
        assertThat(json.at("/cloudfront/status").asText()).isEqualTo("Deployed");
        assertThat(json.at("/cloudfront/enabled").asBoolean()).isTrue();
        assertThat(json.at("/cloudfront/last_checked_at").asText()).isEqualTo("2025-10-01T11:57:00.000000Z");
        assertThat(json.at("/cloudfront/cache_behaviors/1/default").asBoolean()).isTrue();
        assertThat(json.at("/gpu/memory_gib").isNumber()).isTrue();
        assertThat(json.at("/gpu/memory_gib").asDouble()).isEqualTo(15.0);
        assertThat(json.at("/network/vpc_provenance").asText()).isEqualTo("reused");
        assertThat(json.at("/cost/monthly_total").asText()).isEqualTo("445.75");
        assertThat(json.at("/cost/largest_items")).hasSize(3);
        assertThat(json.at("/cost/largest_items/0/resource").asText()).isEqualTo("ec2");
        assertThat(json.has("destroy")).isFalse();
    }

    @Test
    void inspectionJson_unknownLiveValues_areOmittedNotNull() throws IOException {
        JsonNode json = inspect(ViewFixtures.unknownStatus());

        assertThat(json.get("cloudfront").has("status")).isFalse();
        assertThat(json.get("cloudfront").has("enabled")).isFalse();
        assertThat(json.get("cloudfront").has("last_checked_at")).isFalse();
        assertThat(json.get("gpu").has("health_status")).isFalse();
        assertThat(json.at("/instance/spot").asBoolean()).isTrue();
        assertThat(json.at("/instance/spot_price_per_hour").asText()).isEqualTo("0.2104");
    }

    @Test
    void inspectionJson_destroying_listsDoneFailedPendingAndTheResumeCommand() throws IOException {
        JsonNode d = inspect(ViewFixtures.destroying()).get("destroy");

        assertThat(d.get("in_progress").asBoolean()).isTrue();
        assertThat(strings(d.get("done"))).containsExactly("cloudfront", "alb", "target_group");
        assertThat(strings(d.get("failed"))).containsExactly("instance");
        assertThat(strings(d.get("pending"))).containsExactly("iam_instance_profile", "iam_role", "efs_mount_targets", "efs",
                "security_group", "subnets");
        assertThat(d.get("resume_command").asText()).isEqualTo("tierstate destroy gpu-global");
        assertThat(d.has("complete_command")).isFalse();
        assertThat(d.at("/steps/3/error").asText()).contains("timed out");
        assertThat(d.at("/steps/3/attempts").asInt()).isEqualTo(3);
    }

    @Test
    void inspectionJson_pendingCloudFrontDeletion_givesTheCompleteCommandOnly() throws IOException {
        JsonNode d = inspect(ViewFixtures.pendingCloudFrontDeletion()).get("destroy");

        assertThat(d.get("pending_cloudfront_deletion").asBoolean()).isTrue();
        assertThat(d.get("complete_command").asText()).isEqualTo("tierstate complete-pending");
        assertThat(d.has("resume_command")).isFalse();
        assertThat(strings(d.get("pending"))).containsExactly("cloudfront");
    }

    @Test
    void listJson_hasTheDocumentedShape_andOmitsUnknownCosts() throws IOException {
        JsonNode json = PLAIN.readTree(ViewGoldenTest.threeRows(List.of()).toJson());

        assertThat(ViewShapes.LIST.violations(json)).isEmpty();
        assertThat(json.get("currency").asText()).isEqualTo("USD");
        assertThat(json.at("/deployments/0/monthly_cost").asText()).isEqualTo("69.37");
        assertThat(json.at("/deployments/1/name").asText()).isEqualTo("edge-unpriced");
        assertThat(json.at("/deployments/1").has("monthly_cost")).isFalse();
        assertThat(json.at("/deployments/2/cdn_status").asText()).isEqualTo("Deployed");
        assertThat(json.at("/deployments/2/created_at").asText()).isEqualTo("2025-09-30T08:45:12.000001Z");
    }

    @Test
    void listJson_empty_hasEmptyArrays() throws IOException {
        JsonNode json = PLAIN.readTree(new DeploymentList(List.of(), List.of()).toJson());

        assertThat(ViewShapes.LIST.violations(json)).isEmpty();
        assertThat(json.get("deployments")).isEmpty();
        assertThat(json.get("problems")).isEmpty();
    }

    @Test
    void shapeCheck_reportsMissingWrongTypedAndUndocumentedFields() throws IOException {
        JsonNode bad = PLAIN.readTree("{\"currency\": 1, \"deployments\": [{\"name\": \"x\"}], \"surprise\": true}");

        assertThat(ViewShapes.LIST.violations(bad)).contains("/currency: expected STRING, was NUMBER 1",
                "/problems: required field missing", "/surprise: undocumented field",
                "/deployments/0/status: required field missing");
    }

    @Test
    void docs_nameEveryFieldOfEveryShape() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "views.md"));
        List<String> missing = new ArrayList<>();
        for (JsonShape shape : ViewShapes.ALL) {
            for (String field : shape.fieldNames()) {
                if (!docs.contains("`" + field + "`")) {
                    missing.add(field);
                }
            }
        }
        assertThat(missing).as("fields docs/views.md does not document").isEmpty();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
