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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
    }

    @ParameterizedTest(name = "{0}: ALB {1}, CloudFront {2}")
    @CsvSource({"DEV, false, false", "AUTOMATION, true, false", "GPU, true, true"})
    void plan_ofATier_asksForTheTiersResourcesAndIsLabelledWithItsName(Tier tier, boolean alb, boolean cloudFront) {
        Plan p = CostSubjects.plan(tier, "m5.large");

        assertThat(p.label()).contains(tier.wireName());
        assertThat(p.instanceType()).isEqualTo("m5.large");
        assertThat(p.hasAlb()).isEqualTo(alb).isEqualTo(tier.hasAlb());
        assertThat(p.hasCloudFront()).isEqualTo(cloudFront).isEqualTo(tier.hasCloudFront());
        assertThat(p.toResources()).isEqualTo(DeploymentResources.builder().instanceType("m5.large").hasEfs(true)
                .hasAlb(alb).hasCloudFront(cloudFront).build());
    }

    @Test
    void plan_ofATierTypedByAPerson_keepsTheSubjectOfTheTiersWireName_andAnUnknownTierNamesTheAllowedOnes() {
        CostEstimate e = PriceCatalog.defaults().estimator().estimate(CostSubjects.plan(Tier.parse("Tier3"), "g4dn.xlarge"),
                UsageProfile.defaults());

        assertThat(e.subject()).isEqualTo("gpu plan: g4dn.xlarge in us-east-1 with EFS, ALB and CloudFront");
        assertThatThrownBy(() -> CostSubjects.plan(Tier.parse("premium"), "g4dn.xlarge"))
                .isInstanceOf(io.tierstate.error.InvalidInputException.class)
                .hasMessage("tier 'premium' is not one of [dev, automation, gpu] (or 1, 2, 3)");
        assertThatThrownBy(() -> CostSubjects.plan(null, "g4dn.xlarge")).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("tier");
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
            CostEstimate e = client.estimate(CostSubjects.plan(Tier.GPU, "g6e.2xlarge"), UsageProfile.defaults());
            // 2.24208 x 730 = 1636.7184; + EFS 30 + ALB 22.265 + CloudFront 9.50 = 1698.4834
            assertThat(e.monthlyTotal()).isEqualByComparingTo("1698.4834");
            assertThat(client.priceCatalog().instancePrice("g6e.2xlarge")).isPresent();
            assertThatThrownBy(() -> client.estimate(CostSubjects.plan(Tier.DEV, "z9.mega"), UsageProfile.defaults()))
                    .isInstanceOf(UnknownPriceException.class).hasMessageContaining("z9.mega");
        }
    }
}
