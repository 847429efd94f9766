package io.tierstate.sim;

import static io.tierstate.sim.SimWorlds.START;
import static io.tierstate.testing.Tier3World.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.error.CloudOperationException;
import io.tierstate.error.DistributionNotDisabledException;
import io.tierstate.error.PreconditionFailedException;
import io.tierstate.error.ResourceNotFoundException;
import io.tierstate.model.CacheBehavior;
import io.tierstate.model.CloudFrontStatus;
import io.tierstate.port.CloudFrontPort;
import io.tierstate.port.Distribution;
import io.tierstate.port.DistributionConfig;
import io.tierstate.port.DistributionSpec;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudFrontRulesTest {

    private final SimulatedCloud cloud = SimWorlds.cloud();
    private final CloudFrontPort cf = cloud.cloudFront();

    private Distribution deployed() {
        Distribution d = cf.createDistribution(spec("ref-1", "shop-alb-1.us-east-1.elb.amazonaws.com"));
        cloud.clock().advance(Duration.ofMinutes(5));
        return d;
    }

    @Test
    void create_returnsAnEnabledDistributionInProgress_withAwsShapedIdsDomainAndArn() {
        Distribution d = cf.createDistribution(spec("ref-1", "shop-alb-1.us-east-1.elb.amazonaws.com"));

        assertThat(d.status()).isEqualTo(CloudFrontStatus.IN_PROGRESS);
        assertThat(d.enabled()).isTrue();
        assertThat(d.id()).matches("E[A-Z0-9]{13}");
        assertThat(d.domainName()).matches("d[0-9a-f]{13}\\.cloudfront\\.net");
        assertThat(d.arn()).isEqualTo("arn:aws:cloudfront::000000000000:distribution/" + d.id());
        assertThat(d.etag()).isNotBlank();
        assertThat(d.priceClass()).contains("PriceClass_100");
        assertThat(d.callerReference()).contains("ref-1");
        assertThat(d.tags()).as("GetDistribution does not read tags").isEmpty();
        assertThat(cf.distributionTags(d.arn())).containsEntry("tierstate:stack", "shop");
    }

    @Test
    void create_takesOriginAndDefaultCacheBehaviourFromTheSpec() {
        Distribution d = cf.createDistribution(spec("ref-1", "shop-alb-1.us-east-1.elb.amazonaws.com"));

        assertThat(d.origins()).singleElement().satisfies(o -> {
            assertThat(o.id()).isEqualTo("alb-origin");
            assertThat(o.domainName()).isEqualTo("shop-alb-1.us-east-1.elb.amazonaws.com");
            assertThat(o.protocolPolicy()).contains("http-only");
            assertThat(o.httpsPort()).contains(443);
        });
        assertThat(d.cacheBehaviors()).singleElement().satisfies(b -> {
            assertThat(b.isDefault()).isTrue();
            assertThat(b.targetOriginId()).isEqualTo("alb-origin");
            assertThat(b.viewerProtocolPolicy()).contains("redirect-to-https");
            assertThat(b.cachePolicyId()).contains(DistributionSpec.CACHING_DISABLED);
            assertThat(b.originRequestPolicyId()).contains(DistributionSpec.ALL_VIEWER);
            assertThat(b.pathPattern()).isEqualTo(CacheBehavior.DEFAULT_PATH_PATTERN);
        });
    }

    @Test
    void create_isDeployedOnlyOnceTheCreateLatencyHasPassed() {
        String id = cf.createDistribution(spec("ref-1", "o.example.com")).id();

        cloud.clock().advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(cf.getDistribution(id).status()).isEqualTo(CloudFrontStatus.IN_PROGRESS);
        cloud.clock().advance(Duration.ofSeconds(1));
        assertThat(cf.getDistribution(id).status()).isEqualTo(CloudFrontStatus.DEPLOYED);
    }

    @Test
    void create_withACallerReferenceUsedBefore_returnsTheFirstDistribution() {
        Distribution first = cf.createDistribution(spec("ref-1", "o.example.com"));
        Distribution again = cf.createDistribution(spec("ref-1", "other.example.com"));
        Distribution other = cf.createDistribution(spec("ref-2", "o.example.com"));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.domainName()).isEqualTo(first.domainName());
        assertThat(other.id()).isNotEqualTo(first.id());
        assertThat(cloud.liveResources()).filteredOn(r -> r.kind() == SimResource.Kind.DISTRIBUTION).hasSize(2);
    }

    @Test
    void create_withATooLongComment_isRefusedAsInvalid() {
        DistributionSpec s = spec("ref-1", "o.example.com");
        DistributionSpec longComment = new DistributionSpec(s.callerReference(), "x".repeat(129), s.originId(),
                s.originDomainName(), null, null, null, null, null, null, Map.of(), 60);

        assertThatThrownBy(() -> cf.createDistribution(longComment)).isInstanceOf(CloudOperationException.class)
                .hasMessageContaining("InvalidArgument").hasMessageContaining("at most 128");
        assertThat(cloud.liveResources()).isEmpty();
    }

    @Test
    void create_withABlankCallerReference_isRefusedAsInvalid() {
        assertThatThrownBy(() -> cf.createDistribution(spec(" ", "o.example.com")))
                .isInstanceOf(CloudOperationException.class).hasMessageContaining("caller reference is blank");
    }

    @Test
    void getDistributionConfig_returnsTheCurrentEtagAndCallerReference() {
        Distribution d = deployed();

        DistributionConfig config = cf.getDistributionConfig(d.id());

        assertThat(config).isEqualTo(new DistributionConfig(d.id(), d.etag(), true, "ref-1"));
    }

    @Test
    void setEnabled_withTheCurrentEtag_startsPropagationAndChangesTheEtag() {
        Distribution d = deployed();

        String etag = cf.setEnabled(d.id(), false, d.etag());

        Distribution after = cf.getDistribution(d.id());
        assertThat(etag).isNotEqualTo(d.etag()).isEqualTo(after.etag());
        assertThat(after.enabled()).isFalse();
        assertThat(after.status()).isEqualTo(CloudFrontStatus.IN_PROGRESS);
        cloud.clock().advance(Duration.ofMinutes(15).minusMillis(1));
        assertThat(cf.getDistribution(d.id()).status()).isEqualTo(CloudFrontStatus.IN_PROGRESS);
        cloud.clock().advance(Duration.ofMillis(1));
        assertThat(cf.getDistribution(d.id()).status()).isEqualTo(CloudFrontStatus.DEPLOYED);
    }

    @Test
    void setEnabled_withAStaleEtag_failsWithPreconditionFailed_andChangesNothing() {
        Distribution d = deployed();
        cf.setEnabled(d.id(), true, d.etag());
        cloud.clock().advance(Duration.ofMinutes(15));

        assertThatThrownBy(() -> cf.setEnabled(d.id(), false, d.etag()))
                .isInstanceOfSatisfying(PreconditionFailedException.class, e -> {
                    assertThat(e.errorCode()).contains("PreconditionFailed");
                    assertThat(e.statusCode()).isEqualTo(412);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.requestId()).isPresent();
                })
                .hasMessageContaining(d.id()).hasMessageContaining("cloudfront:UpdateDistribution");
        assertThat(cf.getDistribution(d.id()).enabled()).isTrue();
        assertThat(cf.getDistribution(d.id()).status()).isEqualTo(CloudFrontStatus.DEPLOYED);
    }

    @Test
    void setEnabled_withoutAnEtag_failsWithInvalidIfMatchVersion() {
        Distribution d = deployed();

        assertThatThrownBy(() -> cf.setEnabled(d.id(), false, null)).isInstanceOf(PreconditionFailedException.class)
                .hasMessageContaining("InvalidIfMatchVersion");
        assertThatThrownBy(() -> cf.setEnabled(d.id(), false, " ")).isInstanceOf(PreconditionFailedException.class)
                .hasMessageContaining("InvalidIfMatchVersion");
    }

    @Test
    void delete_whileEnabled_failsWithDistributionNotDisabled() {
        Distribution d = deployed();

        assertThatThrownBy(() -> cf.deleteDistribution(d.id(), d.etag()))
                .isInstanceOfSatisfying(DistributionNotDisabledException.class,
                        e -> assertThat(e.errorCode()).contains("DistributionNotDisabled"))
                .hasMessageContaining(d.id()).hasMessageContaining("wait until its status is Deployed");
        assertThat(cloud.exists(d.id())).isTrue();
    }

    @Test
    void delete_whileTheDisableIsStillPropagating_failsWithDistributionNotDisabled() {
        Distribution d = deployed();
        String etag = cf.setEnabled(d.id(), false, d.etag());
        cloud.clock().advance(Duration.ofMinutes(14));

        assertThatThrownBy(() -> cf.deleteDistribution(d.id(), etag))
                .isInstanceOf(DistributionNotDisabledException.class).hasMessageContaining("DistributionNotDisabled");
    }

    @Test
    void delete_whileCreateIsInProgressAndDisabled_failsWithDistributionNotDisabled() {
        Distribution d = cf.createDistribution(spec("ref-1", "o.example.com"));
        String etag = cf.setEnabled(d.id(), false, d.etag());

        assertThatThrownBy(() -> cf.deleteDistribution(d.id(), etag)).isInstanceOf(DistributionNotDisabledException.class)
                .hasMessageContaining("DistributionNotDisabled");
    }

    @Test
    void delete_withAStaleEtag_failsWithPreconditionFailed() {
        Distribution d = deployed();
        cf.setEnabled(d.id(), false, d.etag());
        cloud.clock().advance(Duration.ofMinutes(15));

        assertThatThrownBy(() -> cf.deleteDistribution(d.id(), d.etag()))
                .isInstanceOf(PreconditionFailedException.class).hasMessageContaining("PreconditionFailed")
                .hasMessageContaining("read it again for a fresh ETag");
        assertThatThrownBy(() -> cf.deleteDistribution(d.id(), ""))
                .isInstanceOf(PreconditionFailedException.class).hasMessageContaining("InvalidIfMatchVersion");
        assertThat(cloud.exists(d.id())).isTrue();
    }

    @Test
    void delete_afterDisableAndDeployed_withAFreshEtag_deletesIt_thenItIsNotFound() {
        Distribution d = deployed();
        cf.setEnabled(d.id(), false, cf.getDistributionConfig(d.id()).etag());
        cloud.clock().advance(Duration.ofMinutes(15));

        cf.deleteDistribution(d.id(), cf.getDistributionConfig(d.id()).etag());

        assertThat(cloud.exists(d.id())).isFalse();
        assertThatThrownBy(() -> cf.getDistribution(d.id()))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.resourceId()).isEqualTo(d.id());
                    assertThat(e.errorCode()).contains("NoSuchDistribution");
                    assertThat(e.retryable()).isFalse();
                })
                .hasMessageContaining(d.id() + " does not exist");
    }

    @Test
    void everyOperation_onAnUnknownDistribution_isNoSuchDistribution() {
        for (Runnable call : new Runnable[] {
                () -> cf.getDistribution("E000"), () -> cf.getDistributionConfig("E000"),
                () -> cf.setEnabled("E000", false, "x"), () -> cf.deleteDistribution("E000", "x")}) {
            assertThatThrownBy(call::run).isInstanceOf(ResourceNotFoundException.class)
                    .hasMessageContaining("NoSuchDistribution").hasMessageContaining("E000");
        }
    }

    @Test
    void aDeletedCallerReference_createsANewDistribution() {
        Distribution d = cf.createDistribution(spec("ref-1", "o.example.com"));
        String etag = cf.setEnabled(d.id(), false, d.etag());
        cloud.clock().advance(Duration.ofMinutes(15));
        cf.deleteDistribution(d.id(), etag);

        Distribution again = cf.createDistribution(spec("ref-1", "o.example.com"));

        assertThat(again.id()).isNotEqualTo(d.id());
        assertThat(START).isBefore(cloud.clock().now());
    }

    @Test
    void distributionTags_areReadByArn_unknownIsNoSuchResource() {
        Distribution d = cf.createDistribution(spec("ref-tags", "shop-alb-1.us-east-1.elb.amazonaws.com"));

        assertThat(cf.getDistribution(d.id()).tags()).isEmpty();
        assertThat(cf.distributionTags(d.arn())).isEqualTo(java.util.Map.of("tierstate:stack", "shop"));
        assertThat(cloud.calls(SimOperation.LIST_TAGS_FOR_RESOURCE)).isEqualTo(1);
        assertThatThrownBy(() -> cf.distributionTags("arn:aws:cloudfront::000000000000:distribution/ENOPE"))
                .isInstanceOf(io.tierstate.error.ResourceNotFoundException.class).hasMessageContaining("NoSuchResource")
                .hasMessageContaining("cloudfront:ListTagsForResource");
    }

    @Test
    void theOriginReadTimeout_isKeptOnTheDistribution() {
        io.tierstate.port.DistributionSpec base = spec("ref-timeout", "shop-alb-1.us-east-1.elb.amazonaws.com");
        io.tierstate.port.DistributionSpec slow = new io.tierstate.port.DistributionSpec(base.callerReference(), base.comment(),
                base.originId(), base.originDomainName(), base.originProtocolPolicy(), base.viewerProtocolPolicy(),
                base.cachePolicyId(), base.originRequestPolicyId(), base.priceClass(), base.httpVersion(), base.tags(), 120);

        Distribution d = cf.createDistribution(slow);

        assertThat(cloud.originReadTimeoutSeconds(d.id())).isEqualTo(120);
        assertThat(cloud.originReadTimeoutSeconds(cf.createDistribution(spec("ref-60", "a.example.com")).id())).isEqualTo(60);
    }
}
