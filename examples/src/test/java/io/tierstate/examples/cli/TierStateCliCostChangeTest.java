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
 * {@code tierstate cost NAME --instance-type/--spot/--no-cloudfront/--efs-gb}: the monthly change. gpu-head-full
 * runs g4dn.xlarge at spot 0.2104 with EFS, ALB and CloudFront: 153.592 + 30 + 22.265 + 9.50 = 215.357 a month.
 */
class TierStateCliCostChangeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private int status;
    private String out;
    private String err;

    private void run(String... args) {
        CliRun r = CliRun.inHome(home, args);
        status = r.status();
        out = r.out();
        err = r.err();
    }

    @BeforeEach
    void fixture() throws IOException {
        assumeTrue(RealFixtures.present(), RealFixtures::skipReason);
        Path d = Files.createDirectories(home.resolve("deployments"));
        Files.copy(RealFixtures.directory().orElseThrow().resolve("gpu-head-full.json"), d.resolve("gpu-head-full.json"));
    }

    @Test
    void otherInstanceType_printsTheDeltaPerLineAndInTotal() throws IOException {
        run("cost", "gpu-head-full", "--instance-type", "g5.2xlarge");

        // spot 0.2104 x 730 = 153.592 goes; on demand 1.212 x 730 = 884.76 comes: +731.168
        assertThat(status).as(err).isZero();
        assertThat(out).contains("-  EC2").contains("g4dn.xlarge spot").contains("-153.59")
                .contains("+  EC2").contains("g5.2xlarge on-demand").contains("+884.76")
                .contains("Monthly total  USD 215.36 -> USD 946.53 (+731.17 a month)");

        run("--json", "cost", "gpu-head-full", "--instance-type", "g5.2xlarge");
        JsonNode json = JSON.readTree(out);
        assertThat(json.get("monthly_delta").asText()).isEqualTo("731.168");
        assertThat(json.at("/subtotal_deltas/ec2").asText()).isEqualTo("731.168");
        assertThat(json.get("monthly_total_after").asText()).isEqualTo("946.525");
    }

    @Test
    void spotPrice_noCloudFrontAndEfsSize_eachPriceTheirChange() throws IOException {
        // spot 0.5 x 730 = 365 - 153.592 = +211.408
        run("--json", "cost", "gpu-head-full", "--spot", "0.5");
        assertThat(status).as(err).isZero();
        assertThat(JSON.readTree(out).get("monthly_delta").asText()).isEqualTo("211.408");
        // the after side names where its spot price came from: the command line, not the deployment
        run("cost", "gpu-head-full", "--spot", "0.5");
        assertThat(out).contains("g4dn.xlarge spot (price from the deployment)").contains("g4dn.xlarge spot (price from --spot)");

        // CloudFront 8.50 + 1.00 goes, EC2 data out 100 GB x 0.09 = 9.00 comes: -0.50
        run("--json", "cost", "gpu-head-full", "--no-cloudfront");
        assertThat(status).as(err).isZero();
        assertThat(JSON.readTree(out).get("monthly_delta").asText()).isEqualTo("-0.5");

        // EFS 100 GB x 0.30 = 30 -> 500 x 0.30 = 150: +120
        run("--json", "cost", "gpu-head-full", "--diff", "--efs-gb", "500");
        assertThat(status).as(err).isZero();
        assertThat(JSON.readTree(out).get("monthly_delta").asText()).isEqualTo("120");
    }

    @Test
    void badChange_exitsTwoWithTheFix() {
        run("cost", "gpu-head-full", "--spot");
        assertThat(status).isEqualTo(2);
        assertThat(err).contains("no spot prices").contains("--spot 0.4524");

        run("cost", "gpu-head-full", "--spot", "cheap");
        assertThat(status).isEqualTo(2);
        assertThat(err).contains("not a price");

        run("cost", "gpu-head-full", "--instance-type", "x9.huge");
        assertThat(status).isEqualTo(2);
        assertThat(err).contains("x9.huge").contains("--prices FILE");

        run("cost", "gpu-head-full", "--no-cloudfront", "--to-date");
        assertThat(status).isEqualTo(2);
        assertThat(err).contains("leave out the change options");
    }
}
