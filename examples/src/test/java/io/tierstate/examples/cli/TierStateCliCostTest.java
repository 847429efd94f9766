package io.tierstate.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierstate.migration.fixtures.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TierStateCliCostTest {

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

    @BeforeEach
    void geuseMakerHome() throws IOException {
        Path d = Files.createDirectories(home.resolve("deployments"));
        Files.write(d.resolve("gpu-global.json"), Fixtures.bytes("v2-gpu-tier3.json"));
    }

    @Test
    void cost_deployment_printsTheBreakdownAndTotal() {
        run("--home", home.toString(), "cost", "gpu-global");

        assertThat(status).isZero();
        assertThat(out).contains("g4dn.xlarge spot").contains("CloudFront data transfer out").contains("215.36");
    }

    @Test
    void cost_usageOptionsAndJson() {
        run("--home", home.toString(), "--json", "cost", "gpu-global", "--transfer-gb", "20480", "--https-requests", "0",
                "--http-requests", "10000", "--lcu", "2", "--efs-gb", "0", "--free-tier");

        assertThat(status).isZero();
        assertThat(out).contains("\"line_items\"").contains("\"monthly_total\"");
    }

    @Test
    void cost_plan_withoutAName() {
        run("--home", home.toString(), "cost", "--tier", "gpu", "--instance-type", "g4dn.xlarge");

        assertThat(status).isZero();
        assertThat(out).contains("445.75").contains("gpu plan: g4dn.xlarge in us-east-1 with EFS, ALB and CloudFront");

        run("--home", home.toString(), "cost", "--tier", "2", "--instance-type", "m5.large");
        assertThat(status).as(err).isZero();
        assertThat(out).contains("automation plan: m5.large in us-east-1 with EFS and ALB");
    }

    @Test
    void cost_badInput_exitsTwoWithTheFix() {
        run("--home", home.toString(), "cost", "gpu-global", "--transfer-gb", "-5");
        assertThat(status).isEqualTo(2);
        assertThat(err).contains("--transfer-gb").contains("0 or more");

        run("--home", home.toString(), "cost", "--tier", "gpu", "--instance-type", "x9.huge");
        assertThat(status).isEqualTo(2);
        assertThat(err).contains("x9.huge").contains("--prices FILE").doesNotContain("withInstancePrice");

        run("--home", home.toString(), "cost");
        assertThat(status).isEqualTo(2);
        assertThat(err).contains("--tier and --instance-type");

        run("--home", home.toString(), "cost", "gpu-global", "--tier", "gpu");
        assertThat(status).isEqualTo(2);

        run("--home", home.toString(), "cost", "--tier", "premium", "--instance-type", "g4dn.xlarge");
        assertThat(status).isEqualTo(2);
        assertThat(err).contains("premium").contains("dev, automation, gpu");

        run("--home", home.toString(), "cost", "missing");
        assertThat(status).isEqualTo(3);
    }

    @Test
    void cost_pricesFile_overridesTheCatalog() throws IOException {
        Path prices = Files.writeString(home.resolve("prices.json"), "{\"ec2\": {\"instances\": {\"x9.huge\": \"1.5\"}}}");

        run("--home", home.toString(), "cost", "--tier", "dev", "--instance-type", "x9.huge", "--prices", prices.toString());

        assertThat(status).as(err).isZero();
        assertThat(out).contains("x9.huge");
        Files.writeString(prices, "{not json");
        run("--home", home.toString(), "cost", "gpu-global", "--prices", prices.toString());
        assertThat(status).isEqualTo(2);
        assertThat(err).contains("prices.json");
    }

    @Test
    void inspect_showsTheMonthlyTotal() {
        run("--home", home.toString(), "inspect", "gpu-global");

        assertThat(out).contains("Monthly cost").contains("$215.36 a month");
    }
}
