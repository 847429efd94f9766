package io.tierstate.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tierstate.migration.fixtures.RealFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cost to date and budgets through the program, on GeuseMaker's own files. Monthly estimates (default
 * profile and catalog): gpu-head-full 215.36 (spot 0.2104 x 730 = 153.592 + EFS 30 + ALB 16.425 + LCU
 * 5.84 + CloudFront 9.50 = 215.357), budget 250 in cost.budget_limit; auto-head-failed-ondemand 109.08
 * (m5.large 0.096 x 730 = 70.08 + EFS 30 + data out 100 GB x 0.09 = 9), budget 80.
 */
class TierStateCliBudgetTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private int status;
    private String out;
    private String err;

    private void run(String... args) {
        CliRun r = CliRun.of(args);
        status = r.status();
        out = r.out();
        err = r.err();
    }

    private void copy(String... names) throws IOException {
        Path d = Files.createDirectories(home.resolve("deployments"));
        for (String n : names) {
            Path f = RealFixtures.directory().orElseThrow().resolve(n + ".json");
            Files.copy(f, d.resolve(f.getFileName()));
        }
    }

    @BeforeEach
    void fixtures() {
        assumeTrue(RealFixtures.present(), RealFixtures::skipReason);
    }

    @Test
    void costToDate_atATime_printsTheFigureAndThePeriod() throws IOException {
        copy("gpu-head-full");

        run("--home", home.toString(), "cost", "gpu-head-full", "--to-date", "--at", "2026-07-18T10:00:00.000001Z");

        // 24 h: 5.0496 + EFS 0.98631 + ALB 0.732 + CloudFront 9.50 x 0.032877 = 0.3123315 -> 7.0802415
        assertThat(status).as(err).isZero();
        assertThat(out).contains("Cost to date: g4dn.xlarge (spot)").contains("USD 7.08").contains("pro rata")
                .contains("Budget: USD 250.00 a month; the monthly estimate USD 215.36 is 86.1 % of it (ok)");
    }

    @Test
    void costToDate_recordAndJson_appendsToCostHistory() throws IOException {
        copy("gpu-head-full");

        run("--home", home.toString(), "--json", "cost", "gpu-head-full", "--to-date", "--record", "--at",
                "2026-07-18T10:00:00.000001Z");

        assertThat(status).as(err).isZero();
        JsonNode json = JSON.readTree(out);
        assertThat(json.get("total").asText()).isEqualTo("7.0802415");
        assertThat(json.get("hours").asText()).isEqualTo("24");
        assertThat(json.at("/budget/status").asText()).isEqualTo("ok");
        JsonNode state = JSON.readTree(home.resolve("deployments/gpu-head-full.json").toFile());
        assertThat(state.at("/cost/cost_history")).hasSize(3);
        assertThat(state.at("/cost/cost_history/2/total_cost_to_date").asText()).isEqualTo("7.0802415");
        assertThat(state.at("/cost/estimated_cost_to_date").asText()).isEqualTo("7.0802415");
    }

    @Test
    void costToDate_badUse_exitsTwoWithTheFix() throws IOException {
        copy("gpu-head-full");

        run("--home", home.toString(), "cost", "gpu-head-full", "--record");
        assertThat(status).isEqualTo(2);
        assertThat(err).contains("--record needs --to-date");

        run("--home", home.toString(), "cost", "gpu-head-full", "--to-date", "--at", "yesterday");
        assertThat(status).isEqualTo(2);
        assertThat(err).contains("--at 2026-07-18T10:00:00Z");

        run("--home", home.toString(), "cost", "--tier", "gpu", "--instance-type", "g4dn.xlarge", "--to-date");
        assertThat(status).isEqualTo(2);
        assertThat(err).contains("--to-date needs a deployment NAME");

        run("--home", home.toString(), "cost", "gpu-head-full", "--budget", "0");
        assertThat(status).isEqualTo(2);
        assertThat(err).contains("--budget 250");
    }

    @Test
    void costFailOverBudget_overItsBudget_exitsOneAndSaysByHowMuch() throws IOException {
        copy("auto-head-failed-ondemand", "gpu-head-full");

        run("--home", home.toString(), "cost", "auto-head-failed-ondemand", "--fail-over-budget");
        assertThat(status).isEqualTo(1);
        // 109.08 - 80 = 29.08; 109.08 / 80 = 136.35 % -> 136.4
        assertThat(err).contains("auto-head-failed-ondemand is over budget").contains("by USD 29.08");
        assertThat(out).contains("136.4 % of it (OVER by USD 29.08)");

        run("--home", home.toString(), "--json", "cost", "auto-head-failed-ondemand", "--fail-over-budget");
        assertThat(status).isEqualTo(1);
        JsonNode json = JSON.readTree(out);
        assertThat(json.at("/budget/over_budget").asBoolean()).isTrue();
        assertThat(json.at("/budget/over_by").asText()).isEqualTo("29.08");
        assertThat(json.at("/budget/compared").asText()).isEqualTo("monthly_total");

        run("--home", home.toString(), "cost", "gpu-head-full", "--fail-over-budget");
        assertThat(status).as(err).isZero();

        // 215.36 against a budget of 200 given on the command line: over by 15.36
        run("--home", home.toString(), "cost", "gpu-head-full", "--fail-over-budget", "--budget", "200");
        assertThat(status).isEqualTo(1);
        assertThat(err).contains("by USD 15.36");
    }

    @Test
    void list_marksOverAndNearBudget_andFailsOverBudgetForPipelines() throws IOException {
        copy("auto-head-failed-ondemand", "gpu-head-full", "dev-ac290-rollback");

        run("--home", home.toString(), "list");
        assertThat(status).as(err).isZero();
        assertThat(out).contains("BUDGET").contains("OVER 136.4%").contains("86.1%")
                .contains("1 over, 0 within 10 %");

        run("--home", home.toString(), "--json", "list", "--fail-over-budget");
        assertThat(status).isEqualTo(1);
        JsonNode json = JSON.readTree(out);
        assertThat(json.get("over_budget")).hasSize(1);
        assertThat(json.at("/over_budget/0/name").asText()).isEqualTo("auto-head-failed-ondemand");
        assertThat(json.at("/over_budget/0/over_by").asText()).isEqualTo("29.08");
        assertThat(err).contains("auto-head-failed-ondemand is over budget");

        // a budget of 225 for all: gpu-head-full at 215.36 is 95.7 %, within 10 %; dev-ac290 (spot t3.medium) is far below
        run("--home", home.toString(), "--json", "list", "--budget", "225");
        assertThat(status).isZero();
        JsonNode rows = JSON.readTree(out).get("deployments");
        JsonNode full = null;
        for (JsonNode r : rows) {
            if (r.get("name").asText().equals("gpu-head-full")) {
                full = r;
            }
        }
        assertThat(full).isNotNull();
        assertThat(full.get("budget_status").asText()).isEqualTo("near");
        assertThat(full.get("near_budget").asBoolean()).isTrue();
        assertThat(full.get("budget_used_percent").asText()).isEqualTo("95.7");
    }
}
