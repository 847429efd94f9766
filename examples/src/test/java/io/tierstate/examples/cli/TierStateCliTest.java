package io.tierstate.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierstate.migration.fixtures.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TierStateCliTest {

    @TempDir
    Path home;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private void geuseMakerHome() throws IOException {
        Path d = Files.createDirectories(home.resolve("deployments"));
        Files.write(d.resolve("dev-sandbox.json"), Fixtures.bytes("v1-dev-tier1.json"));
        Files.write(d.resolve("gpu-global.json"), Fixtures.bytes("v2-gpu-tier3.json"));
    }

    @Test
    void list_emptyHome_saysSoAndExitsZero() {
        CliRun r = run("--home", home.toString(), "list");

        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("No deployments.");
    }

    @Test
    void list_filtersAndJson() throws IOException {
        geuseMakerHome();

        CliRun table = run("--home", home.toString(), "list", "--tier", "gpu", "--sort", "created");
        CliRun json = run("--home", home.toString(), "--json", "list");

        assertThat(table.status()).isZero();
        assertThat(table.out()).contains("gpu-global").doesNotContain("dev-sandbox");
        assertThat(json.out()).contains("\"deployments\"").contains("\"name\": \"dev-sandbox\"");
        assertThat(run("--home", home.toString(), "list", "--status", "failed").out()).contains("No deployments.");
        assertThat(run("--home", home.toString(), "list", "--region", "eu-west-1").out()).contains("No deployments.");
    }

    @Test
    void list_badFilterValue_isBadInput() {
        CliRun r = run("--home", home.toString(), "list", "--status", " ");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("tierstate: ").contains("status is empty").contains("rolling_back").doesNotContain("\tat ");
        // status is an open vocabulary: a value no file holds is a filter that matches nothing
        assertThat(run("--home", home.toString(), "list", "--status", "exploded").out()).contains("No deployments.");
        CliRun sort = run("--home", home.toString(), "list", "--sort", "size");
        assertThat(sort.status()).isEqualTo(2);
        assertThat(sort.err()).contains("--sort must be name, created or cost, was 'size'");
    }

    @Test
    void inspect_showsTheCloudFrontUrlFirst_orJson_andWritesNothing() throws IOException {
        geuseMakerHome();

        CliRun text = run("--home", home.toString(), "inspect", "gpu-global");
        CliRun json = run("--home", home.toString(), "--json", "inspect", "gpu-global");

        assertThat(text.status()).as(text.err()).isZero();
        assertThat(text.out().lines().skip(1).findFirst()).hasValueSatisfying(
                l -> assertThat(l).contains("https://d111111abcdef8.cloudfront.net"));
        assertThat(text.out()).contains("distribution      E2QWRUHAPOMQZL").contains("unknown — run refresh")
                .contains("Monthly cost").doesNotContain("null").doesNotContain("Optional");
        assertThat(json.status()).isZero();
        assertThat(json.out()).contains("\"url\": \"https://d111111abcdef8.cloudfront.net\"")
                .contains("\"distribution_id\": \"E2QWRUHAPOMQZL\"").contains("\"monthly_total\"");
        assertThat(Files.readString(home.resolve("deployments/gpu-global.json"))).contains("\"schema_version\": 2");
    }

    @Test
    void inspect_refresh_readsTheLiveStatusFromTheCloud() throws IOException {
        geuseMakerHome();
        assertThat(run("--home", home.toString(), "inspect", "gpu-global").out()).contains("unknown");

        CliRun r = run("--home", home.toString(), "--cloud", "simulated", "inspect", "gpu-global", "--refresh");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("Deployed");
        assertThat(Files.readString(home.resolve("deployments/gpu-global.json"))).contains("\"cloudfront_status\": \"Deployed\"");
        CliRun missing = run("--home", home.toString(), "--cloud", "simulated", "inspect", "nope", "--refresh");
        assertThat(missing.status()).isEqualTo(3);
    }

    @Test
    void list_sortByCost_putsTheCheapestFirstAndShowsTheCost() throws IOException {
        geuseMakerHome();

        CliRun r = run("--home", home.toString(), "list", "--sort", "cost");
        CliRun json = run("--home", home.toString(), "--json", "list", "--sort", "cost");

        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("COST/MO").contains("$");
        assertThat(r.out().indexOf("dev-sandbox")).isLessThan(r.out().indexOf("gpu-global"));
        assertThat(json.out()).contains("\"monthly_cost\": \"").contains("\"currency\": \"USD\"");
    }

    @Test
    void inspect_missingDeployment_exitsThree() {
        CliRun r = run("--home", home.toString(), "inspect", "nope");

        assertThat(r.status()).isEqualTo(3);
        assertThat(r.err()).contains("'nope' not found").doesNotContain("\n\t");
    }

    @Test
    void inspect_invalidNameOrCorruptFile_exitsTwo() throws IOException {
        assertThat(run("--home", home.toString(), "inspect", "../x").status()).isEqualTo(2);
        Files.createDirectories(home.resolve("deployments"));
        Files.writeString(home.resolve("deployments/bad.json"), "{oops");
        CliRun r = run("--home", home.toString(), "inspect", "bad");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("line 1").contains("bad.json");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void migrate_dryRunThenMigrate_andFailureExitsOne() throws IOException {
        geuseMakerHome();

        CliRun dry = run("--home", home.toString(), "migrate", "--dry-run");
        CliRun done = run("--home", home.toString(), "migrate");

        assertThat(dry.status()).isZero();
        assertThat(dry.out()).contains("2 would migrate");
        assertThat(done.out()).contains("2 migrated");
        Files.writeString(home.resolve("deployments/future.json"),
                "{\"schema_version\": 7, \"stack_name\": \"future\", \"status\": \"running\", \"config\": {\"tier\": \"dev\"}}");
        CliRun failed = run("--home", home.toString(), "--json", "migrate");
        assertThat(failed.status()).isEqualTo(1);
        assertThat(failed.out()).contains("\"result\": \"failed\"").contains("\"result\": \"up_to_date\"");
    }

    @Test
    void usageErrors_exitTwoWithOneLine() {
        assertThat(run().status()).isEqualTo(2);
        assertThat(run("frobnicate").status()).isEqualTo(2);
        CliRun cloud = run("--cloud", "azure", "--home", home.toString(), "list");
        assertThat(cloud.status()).isEqualTo(2);
        assertThat(cloud.err()).contains("--cloud must be 'simulated' or 'aws'");
        assertThat(run("--sim-speed", "-1", "--home", home.toString(), "list").status()).isEqualTo(2);
        CliRun unknown = run("--store", "ftp://bucket/x", "list");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("ftp://bucket/x").contains("s3://");
        assertThat(run("--store", home.toString(), "--home", home.toString(), "list").status()).isEqualTo(2);
    }

    @Test
    void store_fileUri_isAHome() throws IOException {
        geuseMakerHome();

        CliRun r = run("--store", home.toUri().toString(), "list");

        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("gpu-global");
    }

    @Test
    void demo_runsEndToEnd() {
        CliRun r = run("demo");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("legacy-dev: migrated from GeuseMaker's schema v1").contains("demo-gpu")
                .contains("could not be read");
    }

    @Test
    void demo_fitsOnAFewScreens_showsTheProduct_andSpeaksNoInternalJargon() {
        CliRun r = run("demo");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out().lines().count()).as(r.out()).isLessThan(120);
        assertThat(r.out()).contains("GeuseMaker", "migrated", "NAME", "https://", "Monthly total", "Destroy plan",
                "still waiting for the disable", "verified: nothing left", "Nothing left in the simulated account");
        for (String jargon : java.util.List.of("serial", "one per write", "IfMatch", "ETag", "Optional[", "null",
                "cloud calls", "polls", "DeploymentHandle", "client.", "()", "WAITING", "REQUESTED", "v2_to_v3",
                "schema_version", "tierstate:Adopt", "attempt")) {
            assertThat(r.out()).as("jargon '%s' in the demo", jargon).doesNotContain(jargon);
        }
    }

    @Test
    void help_listsTheCommandsAndExitStatuses() {
        CliRun r = run("--help");

        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("demo").contains("list").contains("inspect").contains("migrate")
                .contains("3 deployment not found");
    }
}
