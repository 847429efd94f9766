package io.tierstate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.cost.ChargedResource;
import io.tierstate.cost.CostToDate;
import io.tierstate.cost.MeasuredUsage;
import io.tierstate.cost.UsageFromMetrics;
import io.tierstate.cost.UsageLine;
import io.tierstate.cost.UsageProfile;
import io.tierstate.error.InvalidInputException;
import io.tierstate.sim.SimOperation;
import io.tierstate.sim.SimulatedCloud;
import io.tierstate.testing.Tier3World;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageFromMetricsHandleTest {

    private static final Instant T0 = Instant.parse("2026-07-01T00:00:00Z");

    @TempDir
    Path home;

    private DeploymentClient client(SimulatedCloud sim, Instant now) {
        return DeploymentClient.builder().home(home).cloud(sim).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
    }

    @Test
    void usageFromMetrics_tier3OnTheSimulatedCloud_measuresEveryLineInOneCall() {
        SimulatedCloud sim = SimulatedCloud.builder().startingAt(T0).build();
        Instant now = T0.plus(Duration.ofDays(31));
        try (DeploymentClient client = client(sim, now)) {
            Tier3World.deploy(sim, client, "shop");
            client.deployment("shop").update(s -> s.withCreatedAt(T0));
            sim.clock().advance(Duration.ofDays(31));
            long before = sim.calls(SimOperation.GET_METRIC_DATA);

            UsageFromMetrics u = client.deployment("shop").usageFromMetrics(Duration.ofDays(30));

            assertThat(sim.calls(SimOperation.GET_METRIC_DATA) - before).isEqualTo(1);
            assertThat(u.sources()).allMatch(UsageFromMetrics.Source::fromMetrics);
            assertThat(u.measured().start()).isEqualTo(now.minus(Duration.ofDays(30)));
            // 2,000 requests an hour on average: a 730-hour month is within 25 % of 1,460,000
            assertThat(u.profile().httpsRequests()).isBetween(1_095_000L, 1_825_000L);
            // 6,144 bytes = 0.000006 GB (6 places, half-up)
            assertThat(u.profile().efsStorageGb()).isEqualByComparingTo("0.000006");
            assertThat(client.deployment("shop").estimateCost(u.profile()).subtotals()).containsKey(ChargedResource.CLOUDFRONT);
        }
    }

    @Test
    void measureUsage_youngStack_isMeasuredFromItsStart() {
        SimulatedCloud sim = SimulatedCloud.builder().startingAt(T0).build();
        Instant now = T0.plus(Duration.ofHours(300));
        try (DeploymentClient client = client(sim, now)) {
            Tier3World.deploy(sim, client, "shop");
            client.deployment("shop").update(s -> s.withCreatedAt(T0));
            sim.clock().advance(Duration.ofHours(300));

            MeasuredUsage m = client.deployment("shop").measureUsage(Duration.ofDays(30));

            // 300 hours = 12.5 days old: measured from creation, not 30 days back
            assertThat(m.start()).isEqualTo(T0);
            assertThat(UsageProfile.fromMetrics(m, UsageProfile.defaults()).source(UsageLine.HTTPS_REQUESTS).explanation())
                    .contains("12.5 days, scaled x 2.433333 to a 730-hour month");
        }
    }

    @Test
    void usageFromMetrics_withoutCloudFront_fallsBackForItsLines() {
        SimulatedCloud sim = SimulatedCloud.builder().startingAt(T0).build();
        try (DeploymentClient client = client(sim, T0.plus(Duration.ofDays(2)))) {
            Tier3World.deploy(sim, client, "shop");
            client.deployment("shop").update(s -> s.withCreatedAt(T0).withCloudFrontDistributionId(java.util.Optional.empty()));
            sim.clock().advance(Duration.ofDays(2));

            UsageFromMetrics u = client.deployment("shop").usageFromMetrics(Duration.ofDays(1));

            assertThat(u.source(UsageLine.HTTPS_REQUESTS).explanation())
                    .isEqualTo("from the profile (no CloudFront distribution is recorded)");
            assertThat(u.profile().httpsRequests()).isEqualTo(1_000_000L);
            assertThat(u.source(UsageLine.LCU).fromMetrics()).isTrue();
        }
    }

    @Test
    void measureUsage_outOfRange_isRefused() {
        SimulatedCloud sim = SimulatedCloud.builder().startingAt(T0).build();
        try (DeploymentClient client = client(sim, T0.plus(Duration.ofDays(2)))) {
            Tier3World.deploy(sim, client, "shop");
            assertThatThrownBy(() -> client.deployment("shop").measureUsage(Duration.ofDays(456)))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("455 days");
        }
    }

    @Test
    void costToDateFromMetrics_pricesCloudFrontFromTheMeasuredLife() {
        SimulatedCloud sim = SimulatedCloud.builder().startingAt(T0).build();
        Instant now = T0.plus(Duration.ofHours(73));
        try (DeploymentClient client = client(sim, now)) {
            Tier3World.deploy(sim, client, "shop");
            client.deployment("shop").update(s -> s.withCreatedAt(T0).withCost(java.util.Optional.empty()));
            sim.clock().advance(Duration.ofHours(73));

            CostToDate c = client.deployment("shop").recordCostToDateFromMetrics(UsageProfile.defaults());

            assertThat(c.periodStart()).isEqualTo(T0);
            assertThat(c.lineItems()).anyMatch(i -> i.description().equals("CloudFront: the month measured by CloudWatch, pro rata"));
            assertThat(client.deployment("shop").state().cost().orElseThrow().estimatedCostToDate())
                    .hasValueSatisfying(v -> assertThat(new BigDecimal(v.toString())).isEqualByComparingTo(c.total()));
        }
    }
}
