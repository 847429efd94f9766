package io.tierstate.cost;

import io.tierstate.error.InvalidInputException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlanTest {

    @ParameterizedTest(name = "{0} means ALB {2}, CloudFront {3}")
    @CsvSource({"dev, DEV, false, false", "AUTOMATION, AUTOMATION, true, false", " gpu , GPU, true, true"})
    void tier_fromWireName_isCaseInsensitiveAndKnowsItsResources(String wire, Tier tier, boolean alb, boolean cdn) {
        assertThat(Tier.fromWire(wire)).isEqualTo(tier);
        assertThat(tier.hasAlb()).isEqualTo(alb);
        assertThat(tier.hasCloudFront()).isEqualTo(cdn);
        assertThat(Tier.fromWire(tier.wireName())).isEqualTo(tier);
    }

    @Test
    void tier_fromUnknownWireName_failsListingTheValidOnes() {
        assertThatThrownBy(() -> Tier.fromWire("premium")).isInstanceOf(InvalidInputException.class)
                .hasMessage("Unknown tier 'premium'; use one of dev, automation, gpu");
        assertThatThrownBy(() -> Tier.fromWire(null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Unknown tier 'null'");
    }

    @Test
    void plan_toResources_followsTheTier() {
        DeploymentResources dev = Plan.of(Tier.DEV, "t3.medium").toResources();
        DeploymentResources automation = Plan.of("automation", "m5.large").toResources();
        DeploymentResources gpu = Plan.builder().tier(Tier.GPU).instanceType("g5.xlarge").region("eu-west-1")
                .spotPricePerHour(new BigDecimal("0.4")).instanceCount(2).build().toResources();

        assertThat(dev).isEqualTo(DeploymentResources.builder().instanceType("t3.medium").hasEfs(true).build());
        assertThat(automation.hasAlb()).isTrue();
        assertThat(automation.hasCloudFront()).isFalse();
        assertThat(gpu.hasEfs()).isTrue();
        assertThat(gpu.hasAlb()).isTrue();
        assertThat(gpu.hasCloudFront()).isTrue();
        assertThat(gpu.region()).isEqualTo("eu-west-1");
        assertThat(gpu.spotPricePerHour()).hasValue(new BigDecimal("0.4"));
        assertThat(gpu.instanceCount()).isEqualTo(2);
    }

    @Test
    void deploymentResources_defaults_chargeNothingButWhatIsSet() {
        DeploymentResources r = DeploymentResources.builder().build();

        assertThat(r.region()).isEqualTo("us-east-1");
        assertThat(r.instanceType()).isEmpty();
        assertThat(r.instanceCount()).isEqualTo(1);
        assertThat(r.hasEfs()).isFalse();
        assertThat(r.hasAlb()).isFalse();
        assertThat(r.hasCloudFront()).isFalse();
        assertThat(r.describe()).isEqualTo("instance of unknown type in us-east-1");
    }

    @Test
    void deploymentResources_describe_listsWhatItHolds() {
        DeploymentResources r = DeploymentResources.builder().instanceType("g5.xlarge").hasEfs(true).hasAlb(true).build();

        assertThat(r.describe()).isEqualTo("g5.xlarge in us-east-1 with EFS and ALB");
    }

    @Test
    void deploymentResources_withInvalidValues_failWhenBuilt() {
        assertThatThrownBy(() -> DeploymentResources.builder().region(" ").build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("region is blank");
        assertThatThrownBy(() -> DeploymentResources.builder().instanceType("").build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("instanceType is blank");
        assertThatThrownBy(() -> DeploymentResources.builder().instanceCount(0).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("instanceCount is 0");
        assertThatThrownBy(() -> DeploymentResources.builder().spotPricePerHour(new BigDecimal("-0.1")).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("spotPricePerHour is -0.1");
        assertThatThrownBy(() -> DeploymentResources.builder().efsGbMonthPrice(new BigDecimal("-1")).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("efsGbMonthPrice is -1");
        assertThatThrownBy(() -> Plan.of(Tier.DEV, " ").toResources())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("instanceType is blank");
    }

    @Test
    void chargedResource_wireNames_roundTrip() {
        for (ChargedResource r : ChargedResource.values()) {
            assertThat(ChargedResource.fromWire(r.wireName())).isEqualTo(r);
        }
        assertThat(ChargedResource.DATA_TRANSFER.wireName()).isEqualTo("data_transfer");
        assertThat(ChargedResource.CLOUDFRONT.displayName()).isEqualTo("CloudFront");
    }
}
