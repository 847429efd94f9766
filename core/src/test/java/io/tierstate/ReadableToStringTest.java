package io.tierstate;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierstate.destroy.Strategy;
import io.tierstate.model.DeploymentConfig;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.Status;
import io.tierstate.model.Tier;
import io.tierstate.view.DeploymentSummary;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What JShell and a debugger show for the API's objects: words, never {@code Optional[...]} or ISO durations. */
class ReadableToStringTest {

    @TempDir
    Path home;

    @Test
    void query_saysItsFiltersAndOrder() {
        try (DeploymentClient client = DeploymentClient.builder().home(home).build()) {
            assertThat(client.deployments().toString()).isEqualTo("DeploymentQuery[all, by name]");
            assertThat(client.deployments().tier(Tier.GPU).status(Status.RUNNING).region("eu-west-1").toString())
                    .isEqualTo("DeploymentQuery[tier gpu, status running, region eu-west-1, by name]");
        }
    }

    @Test
    void destroy_saysItsOptions_andItsTimeoutInMinutes() {
        try (DeploymentClient client = DeploymentClient.builder().home(home).build()) {
            String text = client.deployment("gpu").destroy().strategy(Strategy.OVERLAPPED).preserveEfs()
                    .timeout(Duration.ofMinutes(45)).toString();
            assertThat(text).isEqualTo("Destroy[gpu, overlapped, preserveEfs true, timeout 45 min]");
        }
    }

    @Test
    void cloudFrontOptions_readsAsWords() {
        assertThat(CloudFrontOptions.defaults().toString()).startsWith("CloudFrontOptions[PriceClass_100, origin the ALB's DNS name")
                .doesNotContain("Optional").doesNotContain("PT");
    }

    @Test
    void listRow_hasNoOptionalWrappers() {
        DeploymentState s = DeploymentState.builder().stackName("gpu-edge").status(Status.RUNNING)
                .config(DeploymentConfig.builder().stackName("gpu-edge").tier(Tier.GPU).region("us-east-1")
                        .instanceType("g4dn.xlarge").build())
                .cloudFrontDistributionId("E1").cloudFrontDomainName("d9.cloudfront.net").build();
        String row = DeploymentSummary.of(s, java.util.Optional.of(new java.math.BigDecimal("185.356"))).toString();
        assertThat(row).isEqualTo("gpu-edge running, tier 3 gpu, us-east-1, d9.cloudfront.net, g4dn.xlarge, CDN unknown, $185.36/mo");
        assertThat(DeploymentSummary.of(s).toString()).doesNotContain("Optional").doesNotContain("$");
    }
}
