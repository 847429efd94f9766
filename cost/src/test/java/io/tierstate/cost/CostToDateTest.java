package io.tierstate.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CostToDateTest {

    private static final CostEstimator ESTIMATOR = PriceCatalog.defaults().estimator();
    private static final Instant START = Instant.parse("2026-07-17T10:00:00.000001Z");

    /** GeuseMaker's gpu-head-full: g4dn.xlarge at spot 0.2104, EFS, ALB, no CloudFront. */
    private static final DeploymentResources SPOT_STACK = DeploymentResources.builder().instanceType("g4dn.xlarge")
            .spotPricePerHour(new BigDecimal("0.2104")).hasEfs(true).hasAlb(true).build();

    private static BigDecimal cost(CostToDate c, ChargedResource r) {
        return c.subtotals().get(r);
    }

    @Test
    void costToDate_spotStackOverOneDay_chargesHoursAndAMonthFraction() {
        CostToDate c = ESTIMATOR.costToDate(SPOT_STACK, UsageProfile.defaults(), START, START.plus(Duration.ofHours(24)));

        // months = 24 / 730 = 0.03287671.. -> 0.032877 (6 places, half-up)
        assertThat(c.hours()).isEqualByComparingTo("24");
        assertThat(c.monthFraction()).isEqualByComparingTo("0.032877");
        // EC2: 24 h x 0.2104 = 5.0496
        assertThat(cost(c, ChargedResource.EC2)).isEqualByComparingTo("5.0496");
        // EFS: 100 GB x 0.032877 month = 3.2877 GB-month x 0.30 = 0.98631
        assertThat(cost(c, ChargedResource.EFS)).isEqualByComparingTo("0.98631");
        // ALB: 24 x 0.0225 = 0.54, plus LCU 1 x 24 x 0.008 = 0.192 -> 0.732
        assertThat(cost(c, ChargedResource.ALB)).isEqualByComparingTo("0.732");
        // no CloudFront: EC2 data out, the profile's 100 GB x 0.09 = 9.00 a month x 0.032877 = 0.295893
        assertThat(cost(c, ChargedResource.DATA_TRANSFER)).isEqualByComparingTo("0.295893");
        // 5.0496 + 0.98631 + 0.732 + 0.295893 = 7.063803
        assertThat(c.total()).isEqualByComparingTo("7.063803");
        assertThat(c.totalRounded()).isEqualByComparingTo("7.06");
        assertThat(c.instancePricePerHour()).contains(new BigDecimal("0.2104"));
        assertThat(c.notes()).anyMatch(n -> n.contains("pro rata"));
    }

    @Test
    void costToDate_cloudFrontStackOverATenthOfAMonth_takesCloudFrontProRata() {
        DeploymentResources r = DeploymentResources.builder().instanceType("g4dn.xlarge").hasEfs(true).hasAlb(true)
                .hasCloudFront(true).build();

        CostToDate c = ESTIMATOR.costToDate(r, UsageProfile.defaults(), START, START.plus(Duration.ofHours(73)));

        // 73 of 730 hours = 0.1 month
        assertThat(c.monthFraction()).isEqualByComparingTo("0.1");
        // EC2 on demand 73 x 0.526 = 38.398
        assertThat(cost(c, ChargedResource.EC2)).isEqualByComparingTo("38.398");
        // EFS 100 x 0.1 x 0.30 = 3
        assertThat(cost(c, ChargedResource.EFS)).isEqualByComparingTo("3");
        // ALB 73 x 0.0225 = 1.6425 + LCU 73 x 0.008 = 0.584 -> 2.2265
        assertThat(cost(c, ChargedResource.ALB)).isEqualByComparingTo("2.2265");
        // CloudFront a month: 100 GB x 0.085 = 8.50 + 100 x 0.01 = 1.00 + certificate 0 = 9.50; x 0.1 = 0.95
        assertThat(cost(c, ChargedResource.CLOUDFRONT)).isEqualByComparingTo("0.95");
        assertThat(c.subtotals()).doesNotContainKey(ChargedResource.DATA_TRANSFER);
        // 38.398 + 3 + 2.2265 + 0.95 = 44.5745
        assertThat(c.total()).isEqualByComparingTo("44.5745");
        assertThat(c.instancePricePerHour()).contains(new BigDecimal("0.526"));
    }

    @Test
    void costToDate_oneSecond_roundsHoursToSixPlaces() {
        CostToDate c = ESTIMATOR.costToDate(SPOT_STACK, UsageProfile.defaults(), START, START.plusSeconds(1));

        // 1 / 3600 = 0.000277.. -> 0.000278
        assertThat(c.hours()).isEqualByComparingTo("0.000278");
        // EC2: 0.000278 x 0.2104 = 0.0000584912
        assertThat(cost(c, ChargedResource.EC2)).isEqualByComparingTo("0.0000584912");
    }

    @Test
    void costToDate_endBeforeStart_chargesNothingAndSaysWhy() {
        CostToDate c = ESTIMATOR.costToDate(SPOT_STACK, UsageProfile.defaults(), START, START.minusSeconds(60));

        assertThat(c.hours()).isEqualByComparingTo("0");
        assertThat(c.total()).isEqualByComparingTo("0");
        assertThat(c.periodEnd()).isEqualTo(START);
        assertThat(c.notes()).anyMatch(n -> n.contains("before it starts"));
    }

    @Test
    void costToDate_noInstanceType_hasNoEc2LineAndNoInstancePrice() {
        DeploymentResources r = DeploymentResources.builder().hasEfs(true).build();

        CostToDate c = ESTIMATOR.costToDate(r, UsageProfile.defaults(), START, START.plus(Duration.ofHours(73)));

        assertThat(c.subtotals()).doesNotContainKey(ChargedResource.EC2);
        assertThat(c.instancePricePerHour()).isEmpty();
        // EFS 100 x 0.1 x 0.30 = 3, data transfer 9.00 x 0.1 = 0.9 -> 3.9
        assertThat(c.total()).isEqualByComparingTo("3.9");
    }

    @Test
    void costToDate_unknownOnDemandType_raisesUnknownPrice() {
        DeploymentResources r = DeploymentResources.builder().instanceType("x9.huge").build();

        assertThatThrownBy(() -> ESTIMATOR.costToDate(r, UsageProfile.defaults(), START, START.plusSeconds(3600)))
                .isInstanceOf(UnknownPriceException.class).hasMessageContaining("x9.huge");
    }

    @Test
    void costToDate_renderAndJson_showThePeriodAndTheExactTotal() throws Exception {
        CostToDate c = ESTIMATOR.costToDate(SPOT_STACK, UsageProfile.defaults(), START, START.plus(Duration.ofHours(24)));

        assertThat(c.render()).contains("Cost to date: g4dn.xlarge (spot) in us-east-1 with EFS and ALB")
                .contains("24 hours (0.032877 of a 730-hour month)").contains("Cost to date  USD 7.06")
                .contains("To date").isEqualTo(c.toString());
        JsonNode json = CatalogJson.MAPPER.readTree(c.toJson());
        assertThat(json.get("total").asText()).isEqualTo("7.063803");
        assertThat(json.get("total_display").asText()).isEqualTo("7.06");
        assertThat(json.get("period_start").asText()).isEqualTo("2026-07-17T10:00:00.000001Z");
        assertThat(json.get("hours").asText()).isEqualTo("24");
        assertThat(json.get("instance_price_per_hour").asText()).isEqualTo("0.2104");
        assertThat(json.get("line_items")).hasSize(5);
        assertThat(json.at("/line_items/0/cost").asText()).isEqualTo("5.0496");
        assertThat(json.at("/subtotals/data_transfer").asText()).isEqualTo("0.295893");
    }
}
