package io.tierstate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tierstate.cost.CostToDate;
import io.tierstate.error.InvalidInputException;
import io.tierstate.migration.fixtures.RealFixtures;
import io.tierstate.model.DeploymentState;
import io.tierstate.view.Budget;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cost to date and budgets of GeuseMaker's own files, on a fixed clock. */
class CostToDateHandleTest {

    /** gpu-head-full (spot g4dn.xlarge, EFS, ALB, CloudFront) started 2026-07-17T10:00:00.000001Z; one day later. */
    private static final Instant ONE_DAY_LATER = Instant.parse("2026-07-18T10:00:00.000001Z");

    @TempDir
    Path home;

    private DeploymentClient client;

    @BeforeEach
    void geuseMakerHome() throws Exception {
        assumeTrue(RealFixtures.present(), RealFixtures::skipReason);
        Path d = Files.createDirectories(home.resolve("deployments"));
        for (Path f : RealFixtures.files()) {
            Files.copy(f, d.resolve(f.getFileName()));
        }
        client = DeploymentClient.builder().home(home).clock(Clock.fixed(ONE_DAY_LATER, ZoneOffset.UTC)).build();
    }

    @Test
    void costToDate_gpuHeadFull_oneDayFromTheInstanceStart() {
        CostToDate c = client.deployment("gpu-head-full").costToDate();

        // spot 0.2104 x 24 = 5.0496; EFS 100 GB x (24/730 = 0.032877) x 0.30 = 0.98631;
        // ALB 24 x 0.0225 + 24 x 0.008 = 0.732; CloudFront 9.50 a month x 0.032877 = 0.3123315 -> 7.0802415
        assertThat(c.periodStart()).isEqualTo(Instant.parse("2026-07-17T10:00:00.000001Z"));
        assertThat(c.periodEnd()).isEqualTo(ONE_DAY_LATER);
        assertThat(c.hours()).isEqualByComparingTo("24");
        assertThat(c.total()).isEqualByComparingTo("7.0802415");
    }

    @Test
    void costToDate_withoutInstanceStartTime_startsAtCreatedAt() {
        // auto-head-failed-ondemand: created 2026-01-27T09:15:30.123456Z, no instance_start_time
        CostToDate c = client.deployment("auto-head-failed-ondemand").costToDate();

        assertThat(c.periodStart()).isEqualTo(Instant.parse("2026-01-27T09:15:30.123456Z"));
    }

    @Test
    void costToDate_terminated_endsAtTerminatedAt() {
        Instant terminated = Instant.parse("2026-07-17T22:00:00.000001Z");
        client.deployment("gpu-head-full").update(s -> s.withTerminatedAt(terminated));

        CostToDate c = client.deployment("gpu-head-full").costToDate();

        // 12 hours: spot 12 x 0.2104 = 2.5248 is the EC2 line
        assertThat(c.periodEnd()).isEqualTo(terminated);
        assertThat(c.hours()).isEqualByComparingTo("12");
        assertThat(c.lineItems().get(0).monthlyCost()).isEqualByComparingTo("2.5248");
    }

    @Test
    void recordCostToDate_appendsASnapshotInGeuseMakersShape_andKeepsUnknownFields() throws Exception {
        Path file = home.resolve("deployments/gpu-head-full.json");
        ObjectMapper m = new ObjectMapper();
        JsonNode before = m.readTree(Files.readAllBytes(file));

        CostToDate c = client.deployment("gpu-head-full").recordCostToDate();

        JsonNode after = m.readTree(Files.readAllBytes(file));
        JsonNode history = after.at("/cost/cost_history");
        assertThat(history).hasSize(3);
        assertThat(history.get(0)).isEqualTo(before.at("/cost/cost_history/0"));
        JsonNode last = history.get(2);
        assertThat(last.get("timestamp").asText()).isEqualTo("2026-07-18T10:00:00.000001Z");
        assertThat(last.get("hourly_cost").asText()).isEqualTo("0.2104");
        assertThat(last.get("total_cost_to_date").asText()).isEqualTo("7.0802415");
        assertThat(last.get("runtime_hours").isNumber()).isTrue();
        assertThat(last.get("runtime_hours").decimalValue()).isEqualByComparingTo("24");
        assertThat(after.at("/cost/estimated_cost_to_date").asText()).isEqualTo(c.total().toPlainString());
        assertThat(after.at("/cost/total_runtime_hours").decimalValue()).isEqualByComparingTo("24");
        // fields TierState does not model survive the write
        assertThat(after.at("/config/instance_preference")).isEqualTo(before.at("/config/instance_preference"));
        assertThat(after.at("/cost/instance_start_time")).isEqualTo(before.at("/cost/instance_start_time"));
        assertThat(client.deployment("gpu-head-full").state().cost().orElseThrow().costHistorySize()).isEqualTo(3);
        assertThat(client.deployment("gpu-head-full").state().cost().orElseThrow().estimatedCostToDate())
                .contains(new BigDecimal("7.0802415"));
    }

    @Test
    void costToDate_noStartRecorded_saysWhatToRecord() {
        // dev-4c679-ondemand-failed records no instance_start_time; take created_at away too
        client.deployment("dev-4c679-ondemand-failed").update(s -> s.withCreatedAt(java.util.Optional.empty()));

        assertThatThrownBy(() -> client.deployment("dev-4c679-ondemand-failed").costToDate())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("created_at");
    }

    @Test
    void budget_readsCostBudgetLimit_thenConfigBudgetLimit() {
        DeploymentState full = client.deployment("gpu-head-full").state();
        DeploymentState failed = client.deployment("auto-head-failed-ondemand").state();
        DeploymentState none = client.deployment("dev-ac290-rollback").state();

        assertThat(Budget.of(full)).contains(new BigDecimal("250"));
        assertThat(Budget.of(failed)).contains(new BigDecimal("80"));
        assertThat(Budget.of(none)).isEmpty();
        DeploymentState onlyConfig = full.withCost(io.tierstate.model.CostTracking.builder().from(full.cost().orElseThrow())
                .budgetLimit(java.util.Optional.empty()).build());
        assertThat(Budget.of(onlyConfig)).contains(new BigDecimal("250"));
    }

    @Test
    void inspect_showsCostToDateAndBudgetShare() {
        String text = client.deployment("gpu-head-full").inspect().render();

        // monthly estimate: 0.2104 x 730 = 153.592 + EFS 30 + ALB 16.425 + LCU 5.84 + CloudFront 9.50 = 215.357 -> 215.36;
        // 215.36 / 250 = 86.144 % -> 86.1
        assertThat(text).contains("cost to date      $7.08 over 24.0 hours since 2026-07-17 10:00")
                .contains("budget            $250.00 a month; the monthly estimate is 86.1 % of it");
    }
}
