package io.tierstate.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierstate.migration.fixtures.Fixtures;
import io.tierstate.sim.SimulatedCloud;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cloud commands against the simulated cloud kept in the home, one command at a time, as an operator types them. */
class TierStateCliLifecycleTest {

    @TempDir
    Path home;

    private int status;
    private String out;
    private String err;

    private void run(String input, String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        status = TierStateCli.run(args, new BufferedReader(new StringReader(input)), new PrintWriter(o), new PrintWriter(e));
        out = CliRun.checkedForJavaHints(o.toString());
        err = CliRun.checkedForJavaHints(e.toString());
    }

    private void sim(String... args) {
        run("", CliRun.prefixed(args, "--home", home.toString(), "--cloud", "simulated"));
    }

    @BeforeEach
    void geuseMakerHome() throws IOException {
        Path d = Files.createDirectories(home.resolve("deployments"));
        Files.write(d.resolve("gpu-global.json"), Fixtures.bytes("v2-gpu-tier3.json"));
    }

    @Test
    void refresh_ofADistributionDeletedOutsideTierState_showsItGone_andNeverSendsBackToRefresh() {
        sim("record-cloudfront", "gpu-global", "E2QWRUHAPOMQZL");
        assertThat(status).as(err).isZero();
        // the world the CLI would make for this home, with the distribution deleted from outside
        try (SimulatedCloud world = SimulatedCloud.builder().persistTo(home.resolve("sim-cloud.json"))
                .accountId("123456789012").build();
                io.tierstate.DeploymentClient local = io.tierstate.DeploymentClient.builder().home(home).build()) {
            world.adopt(local.deployment("gpu-global").state());
            String etag = world.cloudFront().setEnabled("E2QWRUHAPOMQZL", false,
                    world.cloudFront().getDistributionConfig("E2QWRUHAPOMQZL").etag());
            world.clock().advance(java.time.Duration.ofMinutes(20));
            world.cloudFront().deleteDistribution("E2QWRUHAPOMQZL", etag);
        }

        sim("refresh", "gpu-global");

        assertThat(status).as(err).isZero();
        assertThat(err).isEmpty();
        assertThat(out).contains("gone (CloudFront has no such distribution; found 0 s ago").contains("no (gone)")
                .doesNotContain("run refresh").doesNotContain("from now");
        sim("--json", "inspect", "gpu-global");
        assertThat(out).contains("\"gone_at\"");
    }

    @Test
    void recordThenDestroy_acrossSeparateCommands_seeOneSimulatedWorld() {
        sim("record-gpu", "gpu-global", "i-0bb0000000000b0c0");
        assertThat(status).as(err).isZero();
        assertThat(out).contains("g4dn.xlarge").contains("T4");

        sim("record-cloudfront", "gpu-global", "E2QWRUHAPOMQZL");
        assertThat(status).as(err).isZero();
        assertThat(out).contains("https://d111111abcdef8.cloudfront.net").contains("Deployed");

        sim("destroy", "gpu-global", "--dry-run");
        assertThat(status).isZero();
        assertThat(out).contains("cloudfront").contains("delete");

        sim("destroy", "gpu-global", "--yes", "--strategy", "overlapped");
        assertThat(status).as(err).isZero();
        assertThat(out).contains("completed");
        assertThat(err).contains("Target: simulated cloud").contains("still waiting for the disable to propagate");
        assertThat(Files.exists(home.resolve("deployments/gpu-global.json"))).isFalse();
        try (SimulatedCloud world = SimulatedCloud.loadFrom(home.resolve("sim-cloud.json"))) {
            assertThat(world.liveResources()).isEmpty();
        }
    }

    @Test
    void destroyDryRunJson_describesEveryResource_andVerify_exitsOneBeforeAndZeroAfterTheDestroy() throws Exception {
        sim("--json", "destroy", "gpu-global", "--dry-run");
        assertThat(status).as(err).isZero();
        var plan = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out);
        assertThat(plan.path("checked_in").asText()).contains("simulated cloud").contains("123456789012");
        assertThat(plan.path("steps")).isNotEmpty();
        assertThat(plan.path("findings")).allSatisfy(f -> assertThat(f.path("kind").asText()).isIn("present", "dependent",
                "gone", "protected", "relaunches", "referenced"));

        sim("verify", "gpu-global");
        assertThat(status).as("everything is still there: %s", out).isEqualTo(1);
        assertThat(out).contains("LEFT");

        sim("destroy", "gpu-global", "--yes");
        assertThat(status).as(err).isZero();
        assertThat(out).contains("verified: nothing left");

        sim("--json", "verify", "gpu-global");
        assertThat(status).as(out + err).isZero();
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(out).path("clean").asBoolean()).isTrue();
    }

    @Test
    void destroy_ofAStateNamingAnotherAccount_exitsTwoAndTouchesNothing() throws Exception {
        String copied = Files.readString(home.resolve("deployments/gpu-global.json")).replace("gpu-global", "copied")
                .replace(":123456789012:", ":999999999999:");
        sim("destroy", "gpu-global", "--yes"); // the world is made, in the account gpu-global's ARNs name
        assertThat(status).as(err).isZero();
        Files.writeString(home.resolve("deployments/copied.json"), copied);
        byte[] before = Files.readAllBytes(home.resolve("deployments/copied.json"));

        sim("destroy", "copied", "--yes");

        assertThat(status).as(out + err).isEqualTo(2);
        assertThat(err).contains("999999999999").contains("123456789012").contains("nothing was touched");
        assertThat(Files.readAllBytes(home.resolve("deployments/copied.json"))).isEqualTo(before);
    }

    @Test
    void destroy_resumedWithAnotherValueOfAJournaledOption_exitsTwo() throws Exception {
        Path file = home.resolve("deployments/gpu-global.json");
        String journaled = Files.readString(file).replaceFirst("\\{", "{\n  \"destroy_progress\": {\"strategy\": \"sequential\","
                + " \"preserve_efs\": true, \"steps\": []},");
        Files.writeString(file, journaled);

        sim("destroy", "gpu-global", "--no-preserve-efs", "--yes");

        assertThat(status).as(out + err).isEqualTo(2);
        assertThat(err).contains("preserve EFS").contains("--change-options");
    }

    @Test
    void destroy_asksForTheStackNameAndRefusesAnythingElse() {
        run("gpu-globle\n", "--home", home.toString(), "--cloud", "simulated", "destroy", "gpu-global");
        assertThat(status).isEqualTo(2);
        assertThat(err).contains("Type the stack name").contains("nothing was destroyed");
        assertThat(Files.exists(home.resolve("deployments/gpu-global.json"))).isTrue();

        run("", "--home", home.toString(), "--cloud", "simulated", "destroy", "gpu-global");
        assertThat(status).isEqualTo(2);
        assertThat(err).contains("--yes");

        run("gpu-global\n", "--home", home.toString(), "--cloud", "simulated", "--json", "destroy", "gpu-global");
        assertThat(status).as(err).isZero();
        assertThat(out).contains("\"outcome\": \"completed\"");
    }

    @Test
    void deferThenCompletePending() {
        sim("destroy", "gpu-global", "--yes", "--defer-cloudfront", "--preserve-efs");
        assertThat(status).as(err).isZero();
        assertThat(out).contains("done except CloudFront");

        sim("complete-pending");
        assertThat(status).as(err).isZero();
        assertThat(out).contains("completed");

        sim("complete-pending");
        assertThat(out).contains("No pending CloudFront deletions.");
        sim("--json", "complete-pending");
        assertThat(out.trim()).isEqualTo("[]");
    }

    @Test
    void provisionCloudFront_inFrontOfTheAlb() throws IOException {
        Files.write(home.resolve("deployments/team-automation.json"), Fixtures.bytes("v2-automation-tier2.json"));

        sim("provision-cloudfront", "team-automation", "--wait", "--price-class", "PriceClass_200", "--origin-read-timeout", "90");

        assertThat(status).as(err).isZero();
        assertThat(out).contains("CloudFront E").contains(".cloudfront.net").contains("Deployed");
        assertThat(err).contains("waiting for Deployed");
        String state = Files.readString(home.resolve("deployments/team-automation.json"));
        assertThat(state).contains("\"cloudfront_price_class\": \"PriceClass_200\"").contains("\"tier\": \"gpu\"")
                .contains("\"protocol_policy\": \"http-only\"");
        String id = new com.fasterxml.jackson.databind.ObjectMapper().readTree(state).path("cloudfront_distribution_id").asText();
        try (SimulatedCloud world = SimulatedCloud.loadFrom(home.resolve("sim-cloud.json"))) {
            assertThat(world.originReadTimeoutSeconds(id)).isEqualTo(90);
        }
        sim("provision-cloudfront", "gpu-global", "--origin-read-timeout", "500");
        assertThat(status).isEqualTo(2);
        assertThat(err).contains("1 to 180");
        sim("inspect", "team-automation");
        assertThat(out).contains("PriceClass_200").contains("https://");
    }

    @Test
    void cloudCommands_badInput() {
        sim("destroy", "gpu-global", "--yes", "--strategy", "random");
        assertThat(status).isEqualTo(2);
        assertThat(err).contains("--strategy must be sequential or overlapped");

        sim("record-gpu", "missing", "i-0abc");
        assertThat(status).isEqualTo(3);

        sim("record-gpu", "gpu-global", "i-0nothere");
        assertThat(status).isEqualTo(1);
        assertThat(err).contains("i-0nothere").contains("does not exist");

        sim("provision-cloudfront", "gpu-global", "--price-class", "cheap");
        assertThat(status).isEqualTo(2);
    }

    @Test
    void awsCloud_unreachableEndpoint_failsWithOneLineAndChangesNothing() throws IOException {
        byte[] before = Files.readAllBytes(home.resolve("deployments/gpu-global.json"));

        run("", "--home", home.toString(), "--endpoint", "http://127.0.0.1:9", "--region", "us-east-1",
                "record-gpu", "gpu-global", "i-0bb0000000000b0c0");

        assertThat(status).isEqualTo(1);
        assertThat(err.lines().count()).isEqualTo(1);
        assertThat(err).startsWith("tierstate: ").contains("ec2:DescribeInstances");
        assertThat(Files.readAllBytes(home.resolve("deployments/gpu-global.json"))).isEqualTo(before);
    }
}
