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
 * {@code tierstate cost NAME --usage-from-metrics [--days N]} on the simulated cloud: gpu-head-full
 * (spot g4dn.xlarge, EFS, ALB, CloudFront E12FULLDIST012) has run since 2026-07-17, so 30 days are
 * measured whole and scaled x 2,628,000 / 2,592,000 = 1.013888.. -> 1.013889 to a 730-hour month.
 */
class TierStateCliUsageFromMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private CliRun run(String... args) {
        return CliRun.onSimulatedCloud(home, args);
    }

    @BeforeEach
    void fixture() throws IOException {
        assumeTrue(RealFixtures.present(), RealFixtures::skipReason);
        Path d = Files.createDirectories(home.resolve("deployments"));
        Files.copy(RealFixtures.directory().orElseThrow().resolve("gpu-head-full.json"), d.resolve("gpu-head-full.json"));
    }

    @Test
    void usageFromMetrics_text_saysWhereEachLineCameFrom() {
        CliRun r = run("cost", "gpu-head-full", "--usage-from-metrics");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("Usage from metrics")
                .contains("from CloudWatch (CloudFront Requests: ").contains("in 30 days, scaled x 1.013889 to a 730-hour month")
                .contains("from CloudWatch (CloudFront BytesDownloaded: ")
                .contains("from CloudWatch (ALB ConsumedLCUs: ")
                .contains("from CloudWatch (EFS StorageBytes: average 0.000006 GB over 30 days)");
    }

    @Test
    void usageFromMetrics_json_namesTheSourcePerLine_andMatchesThePricedUsage() throws IOException {
        CliRun r = run("--json", "cost", "gpu-head-full", "--usage-from-metrics", "--days", "7");

        assertThat(r.status()).as(r.err()).isZero();
        JsonNode json = JSON.readTree(r.out());
        JsonNode u = json.get("usage_from_metrics");
        assertThat(u.get("measured_days").asText()).isEqualTo("7");
        assertThat(u.get("lines")).hasSize(4).allMatch(l -> l.get("source").asText().equals("metrics"));
        // the priced usage is the profile the metrics made
        assertThat(json.at("/usage/https_requests").asText()).isEqualTo(u.at("/lines/0/monthly").asText());
        assertThat(json.at("/usage/http_requests").asLong()).isZero();
        assertThat(json.at("/usage/efs_storage_gb").asText()).isEqualTo("0.000006");
    }

    @Test
    void usageFromMetrics_withoutADistribution_fallsBackAndSaysSo() throws IOException {
        Path f = home.resolve("deployments/gpu-head-full.json");
        Files.writeString(f, Files.readString(f).replace("\"cloudfront_id\": \"E12FULLDIST012\",", ""));

        CliRun r = run("cost", "gpu-head-full", "--usage-from-metrics", "--transfer-gb", "40");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("from the profile (no CloudFront distribution is recorded)");
    }

    @Test
    void toDate_pricesCloudFrontFromTheMeasuredLife() {
        CliRun r = run("cost", "gpu-head-full", "--usage-from-metrics", "--to-date");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("CloudFront: the month measured by CloudWatch, pro rata")
                .contains("Note: CloudFront is priced from CloudWatch");
    }

    @Test
    void badDays_exitTwoNamingTheFlag() {
        CliRun tooMany = run("cost", "gpu-head-full", "--usage-from-metrics", "--days", "456");
        assertThat(tooMany.status()).isEqualTo(2);
        assertThat(tooMany.err()).contains("--days is 456; give 1 to 455 days");

        CliRun alone = run("cost", "gpu-head-full", "--days", "7");
        assertThat(alone.status()).isEqualTo(2);
        assertThat(alone.err()).contains("--days is the window of --usage-from-metrics");

        CliRun plan = run("cost", "--tier", "gpu", "--instance-type", "g5.xlarge", "--usage-from-metrics");
        assertThat(plan.status()).isEqualTo(2);
        assertThat(plan.err()).contains("--usage-from-metrics needs a deployment NAME");
    }
}
