package io.tierstate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.cost.ChargedResource;
import io.tierstate.cost.CostEstimate;
import io.tierstate.cost.DeploymentResources;
import io.tierstate.cost.Plan;
import io.tierstate.cost.PriceCatalog;
import io.tierstate.cost.UnknownPriceException;
import io.tierstate.cost.UsageProfile;
import io.tierstate.migration.fixtures.Fixtures;
import io.tierstate.DeploymentClient;
import io.tierstate.StateJson;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CostSubjectsTest {

    @TempDir
    Path home;

    @Test
    void of_tier3GpuFixture_chargesSpotEc2EfsAlbAndCloudFront() {
        DeploymentResources r = CostSubjects.of(StateJson.read(Fixtures.text("v2-gpu-tier3.json")));

        assertThat(r.instanceType()).contains("g4dn.xlarge");
        assertThat(r.spotPricePerHour()).contains(new BigDecimal("0.2104"));
        assertThat(r.hasEfs()).isTrue();
        assertThat(r.hasAlb()).isTrue();
        assertThat(r.hasCloudFront()).isTrue();
        assertThat(r.region()).isEqualTo("us-east-1");
    }

    @Test
    void of_tier2Fixture_hasNoCloudFrontAndNoSpot() {
        DeploymentResources r = CostSubjects.of(StateJson.read(Fixtures.text("v2-automation-tier2.json")));

        assertThat(r.instanceType()).contains("m5.large");
        assertThat(r.spotPricePerHour()).isEmpty();
        assertThat(r.hasAlb()).isTrue();
        assertThat(r.hasCloudFront()).isFalse();
    }

    @Test
    void of_spotPriceRecordedButIsSpotFalse_usesOnDemand() {
        DeploymentState s = DeploymentState.builder().stackName("x").status(Status.RUNNING)
                .config(DeploymentConfig.builder().tier(Tier.DEV).instanceType("t3.medium").region("eu-west-1").build())
                .cost(CostTracking.builder().isSpot(false).spotPricePerHour(new BigDecimal("0.01")).build())
                .albDns("x.elb.amazonaws.com").build();

        DeploymentResources r = CostSubjects.of(s);

        assertThat(r.spotPricePerHour()).isEmpty();
        assertThat(r.hasAlb()).isTrue();
        assertThat(r.hasEfs()).isFalse();
        assertThat(r.region()).isEqualTo("eu-west-1");
        assertThat(CostSubjects.tier(Tier.AUTOMATION)).isEqualTo(io.tierstate.cost.Tier.AUTOMATION);
    }

    @Test
    void estimateCost_throughTheFacade_usesTheStateAndTheClientsCatalog() throws Exception {
        Files.createDirectories(home.resolve("deployments"));
        Files.write(home.resolve("deployments/gpu-global.json"), Fixtures.bytes("v2-gpu-tier3.json"));
        try (DeploymentClient client = DeploymentClient.builder().home(home).build()) {
            CostEstimate e = client.deployment("gpu-global").estimateCost();
            // spot 0.2104 x 730 = 153.592; EFS 100 x 0.30 = 30; ALB 16.425 + 5.84 = 22.265;
            // CloudFront 100 GB x 0.085 = 8.50 + 100 x 0.01 = 1.00 -> 215.357
            assertThat(e.monthlyTotal()).isEqualByComparingTo("215.357");
            assertThat(e.subtotals()).containsKeys(ChargedResource.EC2, ChargedResource.EFS, ChargedResource.ALB,
                    ChargedResource.CLOUDFRONT);
            assertThat(client.deployment("gpu-global").estimateCost(UsageProfile.defaults().toBuilder().freeTier(true).build())
                    .monthlyTotal()).isLessThan(e.monthlyTotal());
        }
    }

    @Test
    void estimate_plan_usesACustomCatalogAndRefusesUnknownTypes() {
        try (DeploymentClient client = DeploymentClient.builder().home(home)
                .priceCatalog(PriceCatalog.defaults().withInstancePrice("g6e.2xlarge", new BigDecimal("2.24208"))).build()) {
            CostEstimate e = client.estimate(Plan.of(io.tierstate.cost.Tier.GPU, "g6e.2xlarge"), UsageProfile.defaults());
            // 2.24208 x 730 = 1636.7184; + EFS 30 + ALB 22.265 + CloudFront 9.50 = 1698.4834
            assertThat(e.monthlyTotal()).isEqualByComparingTo("1698.4834");
            assertThat(client.priceCatalog().instancePrice("g6e.2xlarge")).isPresent();
            assertThatThrownBy(() -> client.estimate(Plan.of(io.tierstate.cost.Tier.DEV, "z9.mega"), UsageProfile.defaults()))
                    .isInstanceOf(UnknownPriceException.class).hasMessageContaining("z9.mega");
        }
    }
}
