package io.tierstate;

import io.tierstate.error.DeploymentNotFoundException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.cost.PriceCatalog;
import io.tierstate.cost.UsageProfile;
import io.tierstate.migration.fixtures.Fixtures;
import io.tierstate.model.DeploymentConfig;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.Status;
import io.tierstate.model.Tier;
import io.tierstate.view.DeploymentSummary;
import io.tierstate.view.Inspection;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The views through the facade: inspect() on a handle, cost per row and SortKey.COST on a query. */
class DeploymentViewsTest {

    @TempDir
    Path home;

    private DeploymentClient client;

    @BeforeEach
    void setUp() {
        client = DeploymentClient.builder().home(home).build();
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private void deployment(String name, String instanceType) {
        client.deployment(name).create(DeploymentState.builder().stackName(name).status(Status.RUNNING)
                .efsId("fs-" + name).config(DeploymentConfig.builder().tier(Tier.DEV).instanceType(instanceType).build())
                .build());
    }

    private static List<String> names(DeploymentQuery q) {
        return q.list().stream().map(DeploymentSummary::name).toList();
    }

    @Test
    void sortByCost_cheapestFirst_unknownPriceLastInEitherDirection() {
        deployment("a-big", "m5.2xlarge");
        deployment("b-unpriced", "x9.mega");
        deployment("c-small", "t3.micro");
        deployment("d-medium", "t3.medium");

        assertThat(names(client.deployments().sortBy(SortKey.COST)))
                .containsExactly("c-small", "d-medium", "a-big", "b-unpriced");
        assertThat(names(client.deployments().sortBy(SortKey.COST).descending()))
                .containsExactly("a-big", "d-medium", "c-small", "b-unpriced");
        assertThat(client.deployments().sortBy(SortKey.COST).states()).extracting(DeploymentState::stackName)
                .containsExactly("c-small", "d-medium", "a-big", "b-unpriced");
        assertThat(client.deployments().list()).filteredOn(r -> r.name().equals("b-unpriced"))
                .singleElement().satisfies(r -> assertThat(r.monthlyCost()).isEmpty());
        assertThat(client.deployments().render()).contains("?").contains("without a known price");
    }

    @Test
    void sortByCost_equalCosts_fallBackToTheName() {
        deployment("zeta", "t3.medium");
        deployment("alpha", "t3.medium");

        assertThat(names(client.deployments().sortBy(SortKey.COST))).containsExactly("alpha", "zeta");
    }

    @Test
    void rowCost_comesFromTheClientsPriceCatalog() {
        deployment("dev", "t3.medium");
        BigDecimal standard = client.deployments().list().get(0).monthlyCost().orElseThrow();
        try (DeploymentClient dearer = DeploymentClient.builder().stateStore(client.stateStore())
                .priceCatalog(PriceCatalog.defaults().withInstancePrice("t3.medium", new BigDecimal("1.0416"))).build()) {

            BigDecimal cost = dearer.deployments().list().get(0).monthlyCost().orElseThrow();

            assertThat(cost.subtract(standard)).isEqualByComparingTo("730.00");
            assertThat(client.deployment("dev").estimateCost().monthlyTotalRounded()).isEqualByComparingTo(standard);
        }
    }

    @Test
    void inspect_readsTheStoredStateAndPricesIt() throws IOException {
        Files.createDirectories(home.resolve("deployments"));
        Files.write(home.resolve("deployments/gpu-global.json"), Fixtures.bytes("v2-gpu-tier3.json"));

        Inspection i = client.deployment("gpu-global").inspect();
        Inspection bigger = client.deployment("gpu-global").inspect(UsageProfile.builder().dataTransferOutGb(2_000).build());

        assertThat(i.cloudFrontUrl()).contains("https://d111111abcdef8.cloudfront.net");
        assertThat(i.estimate()).hasValueSatisfying(e -> assertThat(e.monthlyTotalRounded()).isEqualByComparingTo("215.36"));
        assertThat(bigger.estimate().orElseThrow().monthlyTotal()).isGreaterThan(i.estimate().orElseThrow().monthlyTotal());
        assertThat(i.render()).startsWith("+---");
        assertThat(Files.readString(home.resolve("deployments/gpu-global.json"))).contains("\"schema_version\": 2");
    }

    @Test
    void inspect_missingDeployment_isNotFound() {
        assertThatThrownBy(() -> client.deployment("nope").inspect())
                .isInstanceOf(DeploymentNotFoundException.class).hasMessageContaining("'nope' not found");
    }
}
