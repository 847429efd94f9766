package io.tierstate.cost;

import io.tierstate.error.InvalidInputException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PlanTest {

    @Test
    void plan_defaults_areOneOnDemandInstanceWithEfsOnlyInUsEast1() {
        Plan p = Plan.builder().instanceType("t3.medium").build();

        assertThat(p.label()).isEmpty();
        assertThat(p.hasAlb()).isFalse();
        assertThat(p.hasCloudFront()).isFalse();
        assertThat(p.region()).isEqualTo("us-east-1");
        assertThat(p.instanceCount()).isEqualTo(1);
        assertThat(p.toResources()).isEqualTo(DeploymentResources.builder().instanceType("t3.medium").hasEfs(true).build());
    }

    @Test
    void plan_toResources_hasWhatThePlanAsksFor() {
        DeploymentResources dev = Plans.dev("t3.medium").toResources();
        DeploymentResources automation = Plans.automation("m5.large").toResources();
        DeploymentResources gpu = Plans.gpu().instanceType("g5.xlarge").region("eu-west-1")
                .spotPricePerHour(new BigDecimal("0.4")).instanceCount(2).build().toResources();
        DeploymentResources cdnOnly = Plan.builder().instanceType("t3.small").hasCloudFront(true).build().toResources();

        assertThat(dev).isEqualTo(DeploymentResources.builder().instanceType("t3.medium").hasEfs(true).build());
        assertThat(automation.hasAlb()).isTrue();
        assertThat(automation.hasCloudFront()).isFalse();
        assertThat(gpu.hasEfs()).isTrue();
        assertThat(gpu.hasAlb()).isTrue();
        assertThat(gpu.hasCloudFront()).isTrue();
        assertThat(gpu.region()).isEqualTo("eu-west-1");
        assertThat(gpu.spotPricePerHour()).hasValue(new BigDecimal("0.4"));
        assertThat(gpu.instanceCount()).isEqualTo(2);
        assertThat(cdnOnly.hasAlb()).isFalse();
        assertThat(cdnOnly.hasCloudFront()).isTrue();
    }

    @Test
    void plan_label_startsTheEstimatesSubject_andWithoutOneTheSubjectStartsWithPlan() {
        CostEstimator estimator = PriceCatalog.defaults().estimator();

        assertThat(estimator.estimate(Plans.automation("m5.large"), UsageProfile.defaults()).subject())
                .isEqualTo("automation plan: m5.large in us-east-1 with EFS and ALB");
        assertThat(estimator.estimate(Plan.builder().instanceType("m5.large").hasAlb(true).build(), UsageProfile.defaults())
                .subject()).isEqualTo("plan: m5.large in us-east-1 with EFS and ALB");
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
        assertThatThrownBy(() -> Plans.dev(" ").toResources())
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
