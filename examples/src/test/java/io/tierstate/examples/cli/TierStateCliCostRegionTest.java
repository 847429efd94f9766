package io.tierstate.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tierstate.migration.fixtures.RealFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regional prices on the command line: a deployment is priced in the region its state names,
 * {@code cost NAME --region R} prices the move, {@code cost --tier ... --region R} a plan there, and a
 * missing region or price exits 2 naming what to put in a {@code --prices} file. gpu-head-full runs
 * g4dn.xlarge at spot 0.2104 in us-east-1 with EFS, ALB and CloudFront: 153.592 + 30 + 22.265 + 9.50
 * = 215.357 a month.
 */
class TierStateCliCostRegionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Figures of this test's own, layered over the bundled eu-west-1 and eu-central-1 blocks; not AWS
     * prices.
     */
    private static final String PRICES = "{\"regions\": {"
            + "\"eu-west-1\": {\"alb\": {\"hourly\": \"0.03\", \"lcu_hourly\": \"0.01\"}, \"efs\": {\"standard_storage\": \"0.40\"}},"
            + "\"eu-central-1\": {\"alb\": {\"hourly\": \"0.03\", \"lcu_hourly\": \"0.01\"}, \"efs\": {\"standard_storage\": \"0.40\"}}"
            + "}}";

    @TempDir
    Path home;

    private Path prices;
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
        Path real = RealFixtures.directory().orElseThrow().resolve("gpu-head-full.json");
        Files.copy(real, d.resolve("gpu-head-full.json"));
        // the same stack recorded in eu-west-1
        ObjectNode eu = (ObjectNode) JSON.readTree(real.toFile());
        eu.put("stack_name", "gpu-eu");
        ((ObjectNode) eu.get("config")).put("region", "eu-west-1");
        ((ObjectNode) eu.get("config")).put("stack_name", "gpu-eu");
        Files.writeString(d.resolve("gpu-eu.json"), JSON.writeValueAsString(eu));
        // and in us-west-2, whose bundled block has no EFS price
        eu.put("stack_name", "gpu-oregon");
        ((ObjectNode) eu.get("config")).put("region", "us-west-2");
        ((ObjectNode) eu.get("config")).put("stack_name", "gpu-oregon");
        Files.writeString(d.resolve("gpu-oregon.json"), JSON.writeValueAsString(eu));
        prices = Files.writeString(home.resolve("prices.json"), PRICES);
    }

    @Test
    void aDeploymentInARegion_isPricedWithThatRegionsPrices() throws IOException {
        run("--json", "cost", "gpu-eu", "--prices", prices.toString());

        // the spot price is the deployment's; EFS 100 x 0.40 = 40; ALB 0.03 x 730 + 0.01 x 730 = 29.2; CloudFront 9.5
        // -> 153.592 + 40 + 29.2 + 9.5 = 232.292
        assertThat(status).as(err).isZero();
        JsonNode json = JSON.readTree(out);
        assertThat(json.get("region").asText()).isEqualTo("eu-west-1");
        assertThat(json.get("catalog_region").asText()).isEqualTo("eu-west-1");
        assertThat(json.get("catalog_as_of").asText()).isEqualTo("2026-12-03");
        assertThat(json.get("monthly_total").asText()).isEqualTo("232.292");
        assertThat(json.get("notes")).isEmpty();
    }

    @Test
    void aDeploymentInEuWest1_isPricedWithTheBundledPricesAlone() throws IOException {
        run("--json", "cost", "gpu-eu");

        // spot 153.592; EFS 100 x 0.33 = 33; ALB 0.0252 x 730 = 18.396 + 1 LCU x 730 x 0.008 = 5.84; CloudFront 9.5
        // -> 220.328
        assertThat(status).as(err).isZero();
        JsonNode json = JSON.readTree(out);
        assertThat(json.get("catalog_region").asText()).isEqualTo("eu-west-1");
        assertThat(json.get("monthly_total").asText()).isEqualTo("220.328");
    }

    @Test
    void aDeploymentInARegionWithoutTheNeededPrices_exitsTwoNamingThemAndThePriceFile() {
        run("cost", "gpu-oregon");

        assertThat(status).isEqualTo(2);
        assertThat(out).isEmpty();
        assertThat(err).contains("prices for us-west-2 (as of 2026-12-03) lack the EFS Standard storage price"
                + " (efs/standard_storage)")
                .contains("Put it in a price file, {\"regions\": {\"us-west-2\": {\"as_of\"")
                .contains("and pass --prices FILE.")
                .doesNotContain("PriceCatalog");
    }

    @Test
    void region_ofANamedDeployment_printsTheMonthlyChangeOfTheMove() throws IOException {
        run("cost", "gpu-head-full", "--region", "eu-west-1", "--prices", prices.toString());

        // the recorded spot price is us-east-1's, so the move is priced on demand: g4dn.xlarge in eu-west-1
        // 0.587 x 730 = 428.51; EFS 40; ALB 29.2; CloudFront 9.5 -> 507.21, +291.853 a month
        assertThat(status).as(err).isZero();
        assertThat(out).contains("g4dn.xlarge spot").contains("-153.59")
                .contains("g4dn.xlarge on-demand").contains("+428.51")
                .contains("Monthly total  USD 215.36 -> USD 507.21 (+291.85 a month)")
                .contains("Prices: USD, before us-east-1 as of 2026-11-01, after eu-west-1 as of 2026-12-03");

        run("--json", "cost", "gpu-head-full", "--region", "eu-west-1", "--prices", prices.toString());
        JsonNode json = JSON.readTree(out);
        assertThat(json.get("monthly_delta").asText()).isEqualTo("291.853");
        assertThat(json.at("/subtotal_deltas/ec2").asText()).isEqualTo("274.918");
        assertThat(json.at("/subtotal_deltas/efs").asText()).isEqualTo("10");
        assertThat(json.at("/subtotal_deltas/alb").asText()).isEqualTo("6.935");

        // with a spot price for the new region: 0.3 x 730 = 219 -> 297.7, +82.343
        run("--json", "cost", "gpu-head-full", "--region", "eu-west-1", "--spot", "0.3", "--prices", prices.toString());
        assertThat(status).as(err).isZero();
        assertThat(JSON.readTree(out).get("monthly_delta").asText()).isEqualTo("82.343");
    }

    @Test
    void regionAndInstanceType_theDeploymentAlreadyHas_changeNothing_andKeepTheRecordedSpotPrice() throws IOException {
        run("--json", "cost", "gpu-head-full", "--region", "us-east-1", "--instance-type", "g4dn.xlarge");

        // gpu-head-full already runs g4dn.xlarge in us-east-1 at spot 0.2104: the same 215.357 on both sides
        assertThat(status).as(err).isZero();
        JsonNode json = JSON.readTree(out);
        assertThat(json.get("monthly_delta").asText()).isEqualTo("0");
        assertThat(json.at("/subtotal_deltas/ec2").asText()).isEqualTo("0");

        run("cost", "gpu-head-full", "--region", "us-east-1");
        assertThat(out).contains("g4dn.xlarge spot (price from the deployment)").doesNotContain("on-demand")
                .contains("USD 215.36 -> USD 215.36");
    }

    @Test
    void region_ofAPlan_pricesThePlanThere() throws IOException {
        run("--json", "cost", "--tier", "gpu", "--instance-type", "g4dn.xlarge", "--region", "eu-central-1",
                "--prices", prices.toString());

        // 0.658 x 730 = 480.34 + EFS 40 + ALB 29.2 + CloudFront 9.5 = 559.04
        assertThat(status).as(err).isZero();
        JsonNode json = JSON.readTree(out);
        assertThat(json.get("catalog_region").asText()).isEqualTo("eu-central-1");
        assertThat(json.get("monthly_total").asText()).isEqualTo("559.04");
    }

    @Test
    void aRegionWithoutPrices_exitsTwoNamingThePricedRegionsAndTheBlockToAdd() {
        run("cost", "gpu-head-full", "--region", "eu-west-3");

        assertThat(status).isEqualTo(2);
        assertThat(err).contains("no prices for region eu-west-3; it prices us-east-1, us-west-2, eu-west-1,"
                        + " eu-central-1, ap-southeast-1")
                .contains("Put the region in a price file, {\"regions\": {\"eu-west-3\": {\"as_of\": \"<YYYY-MM-DD>\"")
                .contains("and pass --prices FILE.")
                .doesNotContain("PriceCatalog");

        run("cost", "gpu-head-full", "--region", "eu-west-1", "--to-date");
        assertThat(status).isEqualTo(2);
        assertThat(err).contains("leave out the change options").contains("--region");
    }
}
