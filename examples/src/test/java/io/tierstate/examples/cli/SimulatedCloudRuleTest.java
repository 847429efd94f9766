package io.tierstate.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.DeploymentClient;
import io.tierstate.destroy.DestroyReport;
import io.tierstate.error.CloudTargetMismatchException;
import io.tierstate.migration.fixtures.Fixtures;
import io.tierstate.sim.SimResource;
import io.tierstate.sim.SimulatedCloud;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one rule of docs/simulated-cloud.md, the same in Java and in {@code --cloud simulated}: a
 * recorded resource the world has never had exists once its state is adopted, and a new world whose
 * account nobody chose lives in the account the recorded ARNs name.
 */
class SimulatedCloudRuleTest {

    @TempDir
    Path home;

    @BeforeEach
    void geuseMakerHome() throws IOException {
        Files.write(Files.createDirectories(home.resolve("deployments")).resolve("gpu-global.json"),
                Fixtures.bytes("v2-gpu-tier3.json"));
    }

    private static List<String> ids(SimulatedCloud cloud) {
        return cloud.liveResources().stream().map(SimResource::id).sorted().toList();
    }

    @Test
    void createAndAdopt_inJava_seesWhatTheCliSees_andDestroysIt() {
        List<String> javaIds;
        try (SimulatedCloud cloud = SimulatedCloud.create();
                DeploymentClient client = DeploymentClient.builder().home(home).cloud(cloud).build()) {
            cloud.adopt(client.deployment("gpu-global").state());
            assertThat(cloud.accountId()).isEqualTo("123456789012");
            javaIds = ids(cloud);
        }

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = TierStateCli.run(new String[] {"--home", home.toString(), "--cloud", "simulated", "destroy", "gpu-global",
            "--dry-run"}, new BufferedReader(new StringReader("")), new PrintWriter(out), new PrintWriter(err));
        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).contains("simulated cloud (account 123456789012");
        try (SimulatedCloud cli = SimulatedCloud.builder().persistTo(home.resolve("cli-world.json")).build();
                DeploymentClient client = DeploymentClient.builder().home(home).cloud(cli).build()) {
            client.deployments().states().forEach(cli::adopt); // what every CLI command does first
            assertThat(ids(cli)).isEqualTo(javaIds).isNotEmpty();
            assertThat(cli.accountId()).isEqualTo("123456789012");
            DestroyReport report = client.deployment("gpu-global").destroy().run();
            assertThat(report.succeeded()).as(report.render()).isTrue();
            assertThat(cli.liveResources()).isEmpty();
        }
    }

    @Test
    void aChosenAccount_isKept_andDestroyThenRefusesTheOtherAccountsState() {
        try (SimulatedCloud cloud = SimulatedCloud.builder().accountId("000000000001").build();
                DeploymentClient client = DeploymentClient.builder().home(home).cloud(cloud).build()) {
            cloud.adopt(client.deployment("gpu-global").state());
            assertThat(cloud.accountId()).isEqualTo("000000000001");
            assertThatThrownBy(() -> client.deployment("gpu-global").destroy().run())
                    .isInstanceOf(CloudTargetMismatchException.class).hasMessageContaining("123456789012")
                    .hasMessageContaining("000000000001");
        }
    }

    @Test
    void aWorldAlreadyBuiltOn_keepsItsAccount() {
        try (SimulatedCloud cloud = SimulatedCloud.create();
                DeploymentClient client = DeploymentClient.builder().home(home).cloud(cloud).build()) {
            cloud.createVpc();
            cloud.adopt(client.deployment("gpu-global").state());
            assertThat(cloud.accountId()).isEqualTo(SimulatedCloud.DEFAULT_ACCOUNT_ID);
        }
    }
}
