package io.tierstate.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tierstate.error.TierStateException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CostEstimateTest {

    private static final CostEstimator ESTIMATOR = PriceCatalog.defaults().estimator();

    private static CostEstimate tier3() {
        return ESTIMATOR.estimate(Plans.gpu("g4dn.xlarge"), UsageProfile.defaults());
    }

    /** Free tier, a region block, fractional hours, every optional line: the richest estimate the estimator makes. */
    private static CostEstimate rich() {
        DeploymentResources r = DeploymentResources.builder().region("eu-west-1").instanceType("g5.xlarge")
                .spotPricePerHour(new BigDecimal("0.4521")).instanceCount(2).hasEfs(true)
                .efsGbMonthPrice(new BigDecimal("0.33")).hasAlb(true).hasCloudFront(true).build();
        UsageProfile u = UsageProfile.builder().httpsRequests(25_000_000).httpRequests(1_234_567)
                .dataTransferOutGb(new BigDecimal("60000.25")).originTransferGb(12).lcu(new BigDecimal("1.75"))
                .efsStorageGb(512).invalidationPaths(3_000).hoursPerMonth(new BigDecimal("672.5")).freeTier(true).build();
        // test figures for a region block: the estimate is priced with eu-west-1's block, not us-east-1's
        PriceCatalog withEu = PriceCatalog.defaults().withRegionPrices("eu-west-1", RegionPrices.builder()
                .asOf(java.time.LocalDate.of(2026, 12, 1)).albHourly(new BigDecimal("0.0252"))
                .albLcuHourly(new BigDecimal("0.008")).build());
        return withEu.estimator().estimate(r, u);
    }

    @Test
    void json_roundTrip_givesAnEqualEstimate() {
        for (CostEstimate e : List.of(tier3(), rich(),
                ESTIMATOR.estimate(DeploymentResources.builder().build(), UsageProfile.defaults()))) {
            CostEstimate back = CostEstimate.fromJson(e.toJson());

            assertThat(back).isEqualTo(e);
            assertThat(back.monthlyTotal()).isEqualTo(e.monthlyTotal());
            assertThat(back.toJson()).isEqualTo(e.toJson());
        }
    }

    @Test
    void json_hasStableSnakeCaseFieldsAndExactMoneyStrings() throws Exception {
        JsonNode json = CatalogJson.MAPPER.readTree(tier3().toJson());

        assertThat(fieldNames(json)).containsExactly("subject", "region", "currency", "catalog_as_of", "catalog_region",
                "hours_per_month", "usage", "line_items", "subtotals", "monthly_total", "monthly_total_display",
                "hourly_run_rate", "notes");
        assertThat(json.get("monthly_total").isTextual()).isTrue();
        assertThat(json.get("monthly_total").asText()).isEqualTo("445.745");
        assertThat(json.get("monthly_total_display").asText()).isEqualTo("445.75");
        assertThat(json.get("hourly_run_rate").asText()).isEqualTo("0.610609589");
        assertThat(json.get("catalog_as_of").asText()).isEqualTo("2026-11-01");
        assertThat(json.get("currency").asText()).isEqualTo("USD");
        assertThat(fieldNames(json.get("subtotals"))).containsExactly("ec2", "efs", "alb", "cloudfront");
        assertThat(json.at("/subtotals/alb").asText()).isEqualTo("22.265");
        JsonNode ec2 = json.at("/line_items/0");
        assertThat(fieldNames(ec2)).containsExactly("resource", "description", "quantity", "unit", "unit_price",
                "monthly_cost");
        assertThat(ec2.get("resource").asText()).isEqualTo("ec2");
        assertThat(ec2.get("quantity").asText()).isEqualTo("730");
        assertThat(ec2.get("unit_price").asText()).isEqualTo("0.526");
        assertThat(ec2.get("monthly_cost").asText()).isEqualTo("383.98");
        assertThat(fieldNames(json.get("usage"))).containsExactly("https_requests", "http_requests",
                "data_transfer_out_gb", "origin_transfer_gb", "lcu", "efs_storage_gb", "invalidation_paths", "free_tier");
        assertThat(json.at("/usage/https_requests").asLong()).isEqualTo(1_000_000L);
        assertThat(json.get("notes").isArray()).isTrue();
        assertThat(json.at("/line_items").size()).isEqualTo(7);
    }

    @Test
    void json_ofAnEstimateWithProfileHours_recordsThem() throws Exception {
        JsonNode json = CatalogJson.MAPPER.readTree(rich().toJson());

        assertThat(json.at("/usage/hours_per_month").asText()).isEqualTo("672.5");
        assertThat(json.get("hours_per_month").asText()).isEqualTo("672.5");
        // priced with the eu-west-1 block: its region and date, not the catalog's top level
        assertThat(json.get("catalog_region").asText()).isEqualTo("eu-west-1");
        assertThat(json.get("catalog_as_of").asText()).isEqualTo("2026-12-01");
        assertThat(json.at("/subtotals/cloudfront").asText()).doesNotContain("E");
    }

    @Test
    void fromJson_ofSomethingElse_failsSayingWhatToPass() {
        assertThatThrownBy(() -> CostEstimate.fromJson("not json")).isInstanceOf(TierStateException.class)
                .hasMessageContaining("not valid JSON").hasMessageContaining("CostEstimate.toJson()");
        assertThatThrownBy(() -> CostEstimate.fromJson("{\"subject\": \"x\"}")).isInstanceOf(TierStateException.class)
                .hasMessageContaining("field \"region\" is missing");
        String badNumber = tier3().toJson().replace("\"quantity\": \"730\"", "\"quantity\": \"lots\"");
        assertThatThrownBy(() -> CostEstimate.fromJson(badNumber)).isInstanceOf(TierStateException.class)
                .hasMessageContaining("field \"quantity\" is \"lots\", not a number");
        String badDate = tier3().toJson().replace("2026-11-01", "yesterday");
        assertThatThrownBy(() -> CostEstimate.fromJson(badDate)).isInstanceOf(TierStateException.class)
                .hasMessageContaining("yesterday");
    }

    @Test
    void render_showsTheRoundedTotalsTheLinesAndTheDate() {
        String text = tier3().render();

        assertThat(text).contains("Monthly cost estimate: gpu plan: g4dn.xlarge in us-east-1 with EFS, ALB and CloudFront")
                .contains("Prices: USD, us-east-1, as of 2026-11-01; 730 hours a month")
                .contains("Usage: 1,000,000 HTTPS and 0 HTTP requests, 100 GB out")
                .contains("Monthly total    USD 445.75")
                .contains("Hourly run rate  USD 0.6106 (730 hours)")
                .containsPattern("ALB +22\\.27\\n")
                .containsPattern("CloudFront +9\\.50\\n")
                .containsPattern("EC2 +g4dn\\.xlarge on-demand +730 +instance-hour +0\\.526 +383\\.98\\n")
                .containsPattern("ALB +Application Load Balancer hours +730 +ALB-hour +0\\.0225 +16\\.43\\n")
                .doesNotContain("445.745");
        assertThat(tier3()).hasToString(text);
    }

    @Test
    void render_alignsTheMonthlyColumnOnTheRight() {
        List<String> rows = rich().render().lines()
                .dropWhile(l -> !l.startsWith("Resource"))
                .takeWhile(l -> !l.isEmpty())
                .toList();

        assertThat(rows).hasSizeGreaterThan(10);
        Set<Integer> widths = rows.stream().map(String::length).collect(Collectors.toSet());
        assertThat(widths).hasSize(1);
        assertThat(rows).anySatisfy(r -> assertThat(r).matches(".*-\\d[\\d,]*\\.\\d\\d$"));
    }

    @Test
    void render_listsNotes() {
        CostEstimate creating = ESTIMATOR.estimate(DeploymentResources.builder().hasEfs(true).build(),
                UsageProfile.defaults());
        assertThat(creating.render()).contains("Note: No instance type or spot price is recorded");
    }

    @Test
    void monthlyTotalRounded_roundsHalfUpToCents_andSubtotalsFollowResourceOrder() {
        CostEstimate e = CostEstimate.builder().subject("s").region("us-east-1").currency("USD")
                .catalogAsOf(LocalDate.of(2026, 11, 1)).catalogRegion("us-east-1").hoursPerMonth(new BigDecimal("730"))
                .usage(UsageProfile.defaults())
                .addLineItem(CostLineItem.of(ChargedResource.DATA_TRANSFER, "b", BigDecimal.ONE, "GB", new BigDecimal("0.002")))
                .addLineItem(CostLineItem.of(ChargedResource.EC2, "a", BigDecimal.ONE, "instance-hour", new BigDecimal("0.003")))
                .build();

        // 0.005 -> 0.01 half-up (half-even would give 0.00)
        assertThat(e.monthlyTotalRounded()).isEqualTo(new BigDecimal("0.01"));
        assertThat(e.subtotals().keySet()).containsExactly(ChargedResource.EC2, ChargedResource.DATA_TRANSFER);
        assertThat(e.render()).contains("Monthly total    USD 0.01").contains("Hourly run rate  USD 0.0000");
    }

    @Test
    void lineItem_monthlyCost_isQuantityTimesUnitPriceExactly() {
        CostLineItem line = CostLineItem.of(ChargedResource.EC2, "x", new BigDecimal("730.000"), "instance-hour",
                new BigDecimal("32.7726"));

        // 730 x 32.7726 = 23,923.998
        assertThat(line.monthlyCost()).isEqualTo(new BigDecimal("23923.998"));
        assertThat(line.quantity()).isEqualTo(new BigDecimal("730"));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
