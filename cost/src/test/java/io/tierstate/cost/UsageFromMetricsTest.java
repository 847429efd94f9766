package io.tierstate.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tierstate.error.InvalidInputException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UsageFromMetricsTest {

    private static final Instant START = Instant.parse("2026-07-01T00:00:00Z");
    /** 12.5 days = 1,080,000 s; a 730-hour month = 2,628,000 s; the factor is 2,628,000 / 1,080,000 = 2.4333.. */
    private static final Instant END = START.plus(Duration.ofHours(300));
    private static final BigDecimal GB = new BigDecimal("1073741824");

    private static MeasuredUsage.Builder measured() {
        return MeasuredUsage.builder(START, END);
    }

    @Test
    void fromMetrics_everyLineMeasured_scalesTotalsToTheMonthAndKeepsAverages() {
        MeasuredUsage m = measured()
                .cloudFrontRequests(new BigDecimal("500000"))
                .cloudFrontBytesDownloaded(GB.multiply(BigDecimal.valueOf(50)))
                .albLcuMinutes(new BigDecimal("27000"))
                .albProcessedBytes(GB.multiply(BigDecimal.valueOf(3)))
                .efsAverageStorageBytes(GB.multiply(BigDecimal.valueOf(30)))
                .build();
        UsageProfile fallback = UsageProfile.defaults().withHttpRequests(5000);

        UsageFromMetrics u = UsageProfile.fromMetrics(m, fallback);

        // 500,000 x 2,628,000 / 1,080,000 = 1,216,666.67 -> 1,216,667 (half-up)
        assertThat(u.profile().httpsRequests()).isEqualTo(1_216_667L);
        // Requests counts HTTP and HTTPS together: the fallback's 5,000 HTTP requests are not added again
        assertThat(u.profile().httpRequests()).isZero();
        // 50 GB x 2.4333.. = 121.6666.. -> 121.666667
        assertThat(u.profile().dataTransferOutGb()).isEqualByComparingTo("121.666667");
        // 12.5 days = 18,000 minutes; 27,000 LCU-minutes / 18,000 = 1.5 LCU on average
        assertThat(u.profile().lcu()).isEqualByComparingTo("1.5");
        // an average size is not scaled: 30 GB
        assertThat(u.profile().efsStorageGb()).isEqualByComparingTo("30");
        assertThat(u.sources()).allMatch(UsageFromMetrics.Source::fromMetrics);
        assertThat(u.source(UsageLine.HTTPS_REQUESTS).explanation())
                .isEqualTo("from CloudWatch (CloudFront Requests: 500,000 in 12.5 days, scaled x 2.433333 to a 730-hour month;"
                        + " HTTP and HTTPS together, priced as HTTPS)");
        assertThat(u.source(UsageLine.LCU).explanation()).contains("27,000 LCU-minutes in 12.5 days")
                .contains("ProcessedBytes 3 GB");
        assertThat(u.hoursPerMonth()).isEqualByComparingTo("730");
    }

    @Test
    void fromMetrics_missingLines_fallBackToTheProfilePerLineAndSayWhy() {
        MeasuredUsage m = measured().cloudFrontRequests(new BigDecimal("500000"))
                .missing(UsageLine.LCU, "the deployment has no ALB").build();
        UsageProfile fallback = UsageProfile.defaults().withDataTransferOutGb(new BigDecimal("250")).withFreeTier(true);

        UsageFromMetrics u = UsageProfile.fromMetrics(m, fallback);

        assertThat(u.profile().httpsRequests()).isEqualTo(1_216_667L);
        assertThat(u.profile().dataTransferOutGb()).isEqualByComparingTo("250");
        assertThat(u.profile().lcu()).isEqualByComparingTo("1");
        assertThat(u.profile().efsStorageGb()).isEqualByComparingTo("100");
        assertThat(u.profile().freeTier()).isTrue();
        assertThat(u.source(UsageLine.DATA_TRANSFER_OUT).fromMetrics()).isFalse();
        assertThat(u.source(UsageLine.DATA_TRANSFER_OUT).explanation())
                .isEqualTo("from the profile (no CloudFront BytesDownloaded datapoints in the window)");
        assertThat(u.source(UsageLine.LCU).explanation()).isEqualTo("from the profile (the deployment has no ALB)");
        assertThat(u.anyMeasured()).isTrue();
        assertThat(u.render()).contains("https requests").contains("1,216,667 a month, from CloudWatch")
                .contains("from the profile (the deployment has no ALB)");
    }

    @Test
    void fromMetrics_withoutConsumedLcus_derivesALowerBoundLcuFromProcessedBytes() {
        MeasuredUsage m = measured()
                .albProcessedBytes(GB.multiply(BigDecimal.valueOf(54)))
                .missing(UsageLine.LCU, "no ALB ConsumedLCUs datapoints for app/web/1 in the window")
                .build();

        UsageFromMetrics u = UsageProfile.fromMetrics(m, UsageProfile.defaults());

        // 54 GB over 300 hours = 0.18 GB an hour; 1 LCU is 1 GB processed an hour: 0.18 LCU
        assertThat(u.profile().lcu()).isEqualByComparingTo("0.18");
        UsageFromMetrics.Source lcu = u.source(UsageLine.LCU);
        assertThat(lcu.fromMetrics()).isTrue();
        assertThat(lcu.metric()).isEqualTo("ALB ProcessedBytes");
        assertThat(lcu.measured()).contains(GB.multiply(BigDecimal.valueOf(54)));
        assertThat(lcu.explanation()).isEqualTo("from CloudWatch (ALB ProcessedBytes: 54 GB in 12.5 days, 1 LCU per GB"
                + " processed an hour; a lower bound, as new and active connections and rule evaluations are not counted;"
                + " no ALB ConsumedLCUs datapoints for app/web/1 in the window)");
        DeploymentResources r = DeploymentResources.builder().instanceType("t3.micro").hasAlb(true).build();
        CostEstimate e = PriceCatalog.defaults().estimator().estimate(r, u.profile());
        // 730 h x 0.0225 = 16.425; 0.18 LCU x 730 h x 0.008 = 1.0512
        assertThat(e.subtotals().get(ChargedResource.ALB)).isEqualByComparingTo("17.4762");
    }

    @Test
    void fromMetrics_consumedLcusWinOverProcessedBytes() {
        MeasuredUsage m = measured().albLcuMinutes(new BigDecimal("27000"))
                .albProcessedBytes(GB.multiply(BigDecimal.valueOf(540))).build();

        UsageFromMetrics u = UsageProfile.fromMetrics(m, UsageProfile.defaults());

        // 27,000 LCU-minutes / 18,000 minutes = 1.5, not 540 GB / 300 h = 1.8
        assertThat(u.profile().lcu()).isEqualByComparingTo("1.5");
        assertThat(u.source(UsageLine.LCU).metric()).isEqualTo("ALB ConsumedLCUs");
    }

    @Test
    void fromMetrics_scalesToTheFallbacksHours() {
        // 300 h measured, a 600-hour month: x 2; 1,000 requests -> 2,000
        MeasuredUsage m = measured().cloudFrontRequests(new BigDecimal("1000")).build();

        UsageFromMetrics u = UsageProfile.fromMetrics(m, UsageProfile.defaults().withHoursPerMonth(new BigDecimal("600")));

        assertThat(u.profile().httpsRequests()).isEqualTo(2000L);
        assertThat(u.source(UsageLine.HTTPS_REQUESTS).explanation()).contains("scaled x 2 to a 600-hour month");
    }

    @Test
    void fromMetrics_nothingMeasured_isTheFallback() {
        UsageFromMetrics u = UsageProfile.fromMetrics(measured().build(), UsageProfile.defaults());

        assertThat(u.profile()).isEqualTo(UsageProfile.defaults());
        assertThat(u.anyMeasured()).isFalse();
    }

    @Test
    void fromMetrics_pricedProfile_chargesTheMeasuredTraffic() {
        MeasuredUsage m = measured().cloudFrontRequests(new BigDecimal("500000"))
                .cloudFrontBytesDownloaded(GB.multiply(BigDecimal.valueOf(50))).build();
        DeploymentResources r = DeploymentResources.builder().instanceType("g4dn.xlarge").hasCloudFront(true).build();

        CostEstimate e = PriceCatalog.defaults().estimator().estimate(r, UsageProfile.fromMetrics(m, UsageProfile.defaults())
                .profile());

        // 121.666667 GB x 0.085 = 10.341666695; 1,216,667 requests = 121.6667 x 10,000 x 0.01 = 1.216667; cert 0
        assertThat(e.subtotals().get(ChargedResource.CLOUDFRONT)).isEqualByComparingTo("11.558333695");
    }

    @Test
    void toJson_namesTheSourceOfEveryLine() throws Exception {
        MeasuredUsage m = measured().cloudFrontRequests(new BigDecimal("500000")).build();

        JsonNode json = new ObjectMapper().readTree(UsageProfile.fromMetrics(m, UsageProfile.defaults()).toJson());

        assertThat(json.get("window_start").asText()).isEqualTo("2026-07-01T00:00:00Z");
        assertThat(json.get("measured_days").asText()).isEqualTo("12.5");
        assertThat(json.get("hours_per_month").asText()).isEqualTo("730");
        assertThat(json.get("lines")).hasSize(4);
        assertThat(json.get("lines").get(0).get("line").asText()).isEqualTo("https_requests");
        assertThat(json.get("lines").get(0).get("source").asText()).isEqualTo("metrics");
        assertThat(json.get("lines").get(0).get("measured").asText()).isEqualTo("500000");
        assertThat(json.get("lines").get(0).get("monthly").asText()).isEqualTo("1216667");
        assertThat(json.get("lines").get(1).get("source").asText()).isEqualTo("profile");
        assertThat(json.get("lines").get(1).has("measured")).isFalse();
        assertThat(json.get("lines").get(1).get("metric").asText()).isEqualTo("CloudFront BytesDownloaded");
    }

    @Test
    void measuredUsage_rejectsAnEmptyWindowAndNegativeValues() {
        assertThatThrownBy(() -> MeasuredUsage.builder(START, START)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at or before it starts");
        assertThatThrownBy(() -> measured().cloudFrontRequests(new BigDecimal("-1")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("CloudFront Requests is -1");
    }

    @Test
    void costToDate_withMeasuredUsage_pricesCloudFrontEfsAndLcuFromCloudWatch() {
        // 73 hours = 262,800 s = 0.1 of a 730-hour month: totals are scaled x 10
        Instant end = START.plus(Duration.ofHours(73));
        MeasuredUsage m = MeasuredUsage.builder(START, end)
                .cloudFrontRequests(new BigDecimal("200000"))
                .cloudFrontBytesDownloaded(GB.multiply(BigDecimal.TEN))
                .albLcuMinutes(new BigDecimal("8760"))
                .efsAverageStorageBytes(GB.multiply(BigDecimal.valueOf(50)))
                .build();
        DeploymentResources r = DeploymentResources.builder().instanceType("g4dn.xlarge").hasEfs(true).hasAlb(true)
                .hasCloudFront(true).build();

        CostToDate c = PriceCatalog.defaults().estimator().costToDate(r, UsageProfile.fromMetrics(m, UsageProfile.defaults()),
                START, end);

        // CloudFront month: 100 GB x 0.085 = 8.50 + 2,000,000 requests = 200 x 0.01 = 2.00 -> 10.50; x 0.1 = 1.05
        assertThat(c.subtotals().get(ChargedResource.CLOUDFRONT)).isEqualByComparingTo("1.05");
        // EFS: 50 GB x 0.1 month x 0.30 = 1.5
        assertThat(c.subtotals().get(ChargedResource.EFS)).isEqualByComparingTo("1.5");
        // ALB: 73 x 0.0225 = 1.6425; 8,760 LCU-minutes / 4,380 minutes = 2 LCU x 73 h x 0.008 = 1.168 -> 2.8105
        assertThat(c.subtotals().get(ChargedResource.ALB)).isEqualByComparingTo("2.8105");
        assertThat(c.lineItems()).anyMatch(i -> i.description().equals("CloudFront: the month measured by CloudWatch, pro rata"));
        assertThat(c.lineItems()).anyMatch(i -> i.description().contains("size from CloudWatch"));
        assertThat(c.lineItems()).anyMatch(i -> i.description().contains("LCU from CloudWatch"));
        assertThat(c.notes()).anyMatch(n -> n.startsWith("CloudFront is priced from CloudWatch"));
    }
}
