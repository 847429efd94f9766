package io.tierstate.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.tierstate.aws.CloudFrontFixtures.ALB;
import static io.tierstate.aws.CloudFrontFixtures.ARN;
import static io.tierstate.aws.CloudFrontFixtures.CALLER_REFERENCE;
import static io.tierstate.aws.CloudFrontFixtures.DOMAIN;
import static io.tierstate.aws.CloudFrontFixtures.ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.tierstate.error.CloudOperationException;
import io.tierstate.error.DistributionNotDisabledException;
import io.tierstate.error.PreconditionFailedException;
import io.tierstate.error.ResourceNotFoundException;
import io.tierstate.model.CacheBehavior;
import io.tierstate.model.CloudFrontOrigin;
import io.tierstate.model.CloudFrontStatus;
import io.tierstate.port.CloudFrontPort;
import io.tierstate.port.Distribution;
import io.tierstate.port.DistributionConfig;
import io.tierstate.port.DistributionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudFrontWireTest extends WireTest {

    private static final String BASE = "/2020-05-31/distribution/" + ID;

    private CloudFrontPort cloudFront() {
        return cloud.cloudFront();
    }

    private static ResponseDefinitionBuilder cf(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml")
                .withHeader("x-amz-request-id", "req-" + status).withBody(body);
    }

    private static ResponseDefinitionBuilder cfError(int status, String code, String message, String requestId) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml")
                .withHeader("x-amz-request-id", requestId).withBody(CloudFrontFixtures.error(code, message, requestId));
    }

    private static void stubTags(String... keyValues) {
        wire.stubFor(get(urlPathEqualTo("/2020-05-31/tagging")).willReturn(cf(200, CloudFrontFixtures.tags(keyValues))));
    }

    @Test
    void getDistribution_inProgressThenDeployed_followsTheStatusAndTheEtag_oneRequestPerPoll() {
        wire.stubFor(get(urlEqualTo(BASE)).inScenario("deploy").whenScenarioStateIs(STARTED).willSetStateTo("deployed")
                .willReturn(cf(200, CloudFrontFixtures.distribution(ID, "InProgress", true)).withHeader("ETag", "E1ETAG")));
        wire.stubFor(get(urlEqualTo(BASE)).inScenario("deploy").whenScenarioStateIs("deployed")
                .willReturn(cf(200, CloudFrontFixtures.distribution(ID, "Deployed", true)).withHeader("ETag", "E2ETAG")));
        stubTags("tierstate:stack", "gpu-stack", "team", "ml");

        Distribution first = cloudFront().getDistribution(ID);
        Distribution second = cloudFront().getDistribution(ID);

        assertThat(first.status()).isEqualTo(CloudFrontStatus.IN_PROGRESS);
        assertThat(first.etag()).isEqualTo("E1ETAG");
        assertThat(second.status()).isEqualTo(CloudFrontStatus.DEPLOYED);
        assertThat(second.etag()).isEqualTo("E2ETAG");
        assertThat(second.id()).isEqualTo(ID);
        assertThat(second.arn()).isEqualTo(ARN);
        assertThat(second.domainName()).isEqualTo(DOMAIN);
        assertThat(second.enabled()).isTrue();
        assertThat(second.priceClass()).contains("PriceClass_100");
        assertThat(second.callerReference()).contains(CALLER_REFERENCE);
        assertThat(second.tags()).as("tags are read by distributionTags, not on every poll").isEmpty();
        assertThat(second.origins()).containsExactly(CloudFrontOrigin.builder().id("alb-origin").domainName(ALB)
                .protocolPolicy("http-only").httpPort(80).httpsPort(443).build());
        assertThat(second.cacheBehaviors()).hasSize(2);
        CacheBehavior defaults = second.cacheBehaviors().get(0);
        assertThat(defaults.isDefault()).isTrue();
        assertThat(defaults.targetOriginId()).isEqualTo("alb-origin");
        assertThat(defaults.viewerProtocolPolicy()).contains("redirect-to-https");
        assertThat(defaults.allowedMethods()).containsExactly("HEAD", "DELETE", "POST", "GET", "OPTIONS", "PUT", "PATCH");
        assertThat(defaults.cachedMethods()).containsExactly("HEAD", "GET");
        assertThat(defaults.cachePolicyId()).contains(DistributionSpec.CACHING_DISABLED);
        assertThat(defaults.originRequestPolicyId()).contains(DistributionSpec.ALL_VIEWER);
        assertThat(defaults.compress()).contains(true);
        CacheBehavior statics = second.cacheBehaviors().get(1);
        assertThat(statics.pathPattern()).isEqualTo("/static/*");
        assertThat(statics.viewerProtocolPolicy()).contains("https-only");
        assertThat(statics.originRequestPolicyId()).isEmpty();

        wire.verify(2, getRequestedFor(urlEqualTo(BASE)));
        wire.verify(0, getRequestedFor(urlPathEqualTo("/2020-05-31/tagging")));
        assertThat(requests()).as("one request per poll").hasSize(2);
    }

    @Test
    void distributionTags_readsTheTagsOfTheArn() {
        stubTags("tierstate:stack", "gpu-stack", "team", "ml");

        assertThat(cloudFront().distributionTags(ARN))
                .containsExactlyInAnyOrderEntriesOf(Map.of("tierstate:stack", "gpu-stack", "team", "ml"));
        wire.verify(1, getRequestedFor(urlPathEqualTo("/2020-05-31/tagging")).withQueryParam("Resource", equalTo(ARN)));
    }

    @Test
    void distributionTags_notAllowed_isNonRetryableNamingThePermission() {
        wire.stubFor(get(urlPathEqualTo("/2020-05-31/tagging")).willReturn(cfError(403, "AccessDenied",
                "User: arn:aws:iam::123456789012:user/ci is not authorized to perform: cloudfront:ListTagsForResource",
                "req-denied")));

        assertThatThrownBy(() -> cloudFront().distributionTags(ARN))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.errorCode()).contains("AccessDenied");
                })
                .hasMessageContaining("allow cloudfront:ListTagsForResource");
    }

    @Test
    void distributionTags_ofAMissingDistribution_isResourceNotFound() {
        wire.stubFor(get(urlPathEqualTo("/2020-05-31/tagging")).willReturn(cfError(404, "NoSuchResource",
                "The specified resource does not exist.", "req-404-tags")));

        assertThatThrownBy(() -> cloudFront().distributionTags(ARN))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.resourceId()).isEqualTo(ARN))
                .hasMessageContaining("cloudfront:ListTagsForResource");
    }

    @Test
    void setEnabled_deniedForAWebAclTheCallerCannotRead_isNonRetryableNamingThatPermission() {
        wire.stubFor(get(urlEqualTo(BASE + "/config")).willReturn(cf(200, CloudFrontFixtures.distributionConfig(true))
                .withHeader("ETag", "E1ETAG")));
        wire.stubFor(put(urlEqualTo(BASE + "/config")).willReturn(cfError(403, "AccessDenied",
                "User: arn:aws:iam::123456789012:user/ci is not authorized to perform: wafv2:GetWebACL on resource: "
                        + "arn:aws:wafv2:us-east-1:123456789012:global/webacl/gpu/1234", "req-waf")));

        assertThatThrownBy(() -> cloudFront().setEnabled(ID, false, "E1ETAG"))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> {
                    assertThat(e).isNotInstanceOf(PreconditionFailedException.class);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.operation()).isEqualTo("cloudfront:UpdateDistribution");
                    assertThat(e.statusCode()).isEqualTo(403);
                })
                .hasMessageContaining("may not call wafv2:GetWebACL (needed by cloudfront:UpdateDistribution)")
                .hasMessageContaining("allow wafv2:GetWebACL");
    }

    @Test
    void setEnabled_deniedWithoutNamingTheAction_explainsWhatAnUpdateNeeds() {
        wire.stubFor(get(urlEqualTo(BASE + "/config")).willReturn(cf(200, CloudFrontFixtures.distributionConfig(true))
                .withHeader("ETag", "E1ETAG")));
        wire.stubFor(put(urlEqualTo(BASE + "/config")).willReturn(cfError(403, "AccessDenied", "Access denied", "req-lambda")));

        assertThatThrownBy(() -> cloudFront().setEnabled(ID, false, "E1ETAG"))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("allow cloudfront:UpdateDistribution")
                .hasMessageContaining("wafv2:GetWebACL")
                .hasMessageContaining("lambda:GetFunction");
    }

    @Test
    void getDistribution_readsTheAliases_asCnameItems_andNoneAsAnEmptyList() {
        String withAliases = CloudFrontFixtures.distribution(ID, "Deployed", true).replace(
                "<Aliases><Quantity>0</Quantity></Aliases>",
                "<Aliases><Quantity>2</Quantity><Items><CNAME>cdn.example.com</CNAME><CNAME>www.example.com</CNAME></Items></Aliases>");
        wire.stubFor(get(urlEqualTo(BASE)).inScenario("aliases").whenScenarioStateIs(STARTED).willSetStateTo("none")
                .willReturn(cf(200, withAliases).withHeader("ETag", "E1ETAG")));
        wire.stubFor(get(urlEqualTo(BASE)).inScenario("aliases").whenScenarioStateIs("none")
                .willReturn(cf(200, CloudFrontFixtures.distribution(ID, "Deployed", true)).withHeader("ETag", "E2ETAG")));

        assertThat(cloudFront().getDistribution(ID).aliases()).containsExactly("cdn.example.com", "www.example.com");
        assertThat(cloudFront().getDistribution(ID).aliases()).isEmpty();
    }

    @Test
    void getDistributionConfig_readsEtagEnabledAndCallerReference() {
        wire.stubFor(get(urlEqualTo(BASE + "/config")).willReturn(cf(200, CloudFrontFixtures.distributionConfig(false))
                .withHeader("ETag", "E3ETAG")));

        DistributionConfig config = cloudFront().getDistributionConfig(ID);

        assertThat(config).isEqualTo(new DistributionConfig(ID, "E3ETAG", false, CALLER_REFERENCE));
    }

    @Test
    void setEnabled_false_putsTheSameConfigWithIfMatchAndEnabledFalse() {
        wire.stubFor(get(urlEqualTo(BASE + "/config")).willReturn(cf(200, CloudFrontFixtures.distributionConfig(true))
                .withHeader("ETag", "E1ETAG")));
        wire.stubFor(put(urlEqualTo(BASE + "/config")).willReturn(cf(200, CloudFrontFixtures.distribution(ID, "InProgress", false))
                .withHeader("ETag", "E2ETAG")));

        String etag = cloudFront().setEnabled(ID, false, "E1ETAG");

        assertThat(etag).isEqualTo("E2ETAG");
        wire.verify(1, putRequestedFor(urlEqualTo(BASE + "/config")).withHeader("If-Match", equalTo("E1ETAG")));
        LoggedRequest put = wire.findAll(putRequestedFor(urlEqualTo(BASE + "/config"))).get(0);
        List<String> sent = XmlLeaves.of(put.getBodyAsString());
        List<String> expected = XmlLeaves.of(CloudFrontFixtures.distributionConfig(false));
        assertThat(sent).contains("DistributionConfig/Enabled=false").doesNotContain("DistributionConfig/Enabled=true");
        assertThat(sent).as("everything but Enabled is sent back unchanged").isEqualTo(expected);
    }

    @Test
    void setEnabled_true_putsEnabledTrue() {
        wire.stubFor(get(urlEqualTo(BASE + "/config")).willReturn(cf(200, CloudFrontFixtures.distributionConfig(false))
                .withHeader("ETag", "E1ETAG")));
        wire.stubFor(put(urlEqualTo(BASE + "/config")).willReturn(cf(200, CloudFrontFixtures.distribution(ID, "InProgress", true))
                .withHeader("ETag", "E2ETAG")));

        assertThat(cloudFront().setEnabled(ID, true, "E1ETAG")).isEqualTo("E2ETAG");

        LoggedRequest put = wire.findAll(putRequestedFor(urlEqualTo(BASE + "/config"))).get(0);
        assertThat(XmlLeaves.of(put.getBodyAsString())).contains("DistributionConfig/Enabled=true");
    }

    @Test
    void setEnabled_etagChangedSinceItWasRead_throwsPreconditionFailedWithoutWriting() {
        wire.stubFor(get(urlEqualTo(BASE + "/config")).willReturn(cf(200, CloudFrontFixtures.distributionConfig(true))
                .withHeader("ETag", "E9NEWER")));

        assertThatThrownBy(() -> cloudFront().setEnabled(ID, false, "E1ETAG"))
                .isInstanceOf(PreconditionFailedException.class)
                .hasMessageContaining(ID)
                .hasMessageContaining("fresh ETag");
        wire.verify(0, putRequestedFor(urlEqualTo(BASE + "/config")));
    }

    @Test
    void setEnabled_alreadyDisabled_returnsTheEtagWithoutWriting() {
        wire.stubFor(get(urlEqualTo(BASE + "/config")).willReturn(cf(200, CloudFrontFixtures.distributionConfig(false))
                .withHeader("ETag", "E1ETAG")));

        assertThat(cloudFront().setEnabled(ID, false, "E1ETAG")).isEqualTo("E1ETAG");
        wire.verify(0, putRequestedFor(urlEqualTo(BASE + "/config")));
    }

    @Test
    void setEnabled_concurrentChangeBeforeThePut_412BecomesPreconditionFailedWithTheRequestId() {
        wire.stubFor(get(urlEqualTo(BASE + "/config")).willReturn(cf(200, CloudFrontFixtures.distributionConfig(true))
                .withHeader("ETag", "E1ETAG")));
        wire.stubFor(put(urlEqualTo(BASE + "/config")).willReturn(cfError(412, "PreconditionFailed",
                "The precondition given in one or more of the request-header fields evaluated to false.", "req-412-abc")));

        assertThatThrownBy(() -> cloudFront().setEnabled(ID, false, "E1ETAG"))
                .isInstanceOfSatisfying(PreconditionFailedException.class, e -> {
                    assertThat(e.requestId()).contains("req-412-abc");
                    assertThat(e.errorCode()).contains("PreconditionFailed");
                    assertThat(e.statusCode()).isEqualTo(412);
                    assertThat(e.operation()).isEqualTo("cloudfront:UpdateDistribution");
                    assertThat(e.retryable()).isTrue();
                })
                .hasMessageContaining("request id req-412-abc");
        wire.verify(1, putRequestedFor(urlEqualTo(BASE + "/config")).withHeader("If-Match", equalTo("E1ETAG")));
    }

    @Test
    void setEnabled_invalidIfMatchVersion_isAPreconditionFailure() {
        wire.stubFor(get(urlEqualTo(BASE + "/config")).willReturn(cf(200, CloudFrontFixtures.distributionConfig(true))
                .withHeader("ETag", "E1ETAG")));
        wire.stubFor(put(urlEqualTo(BASE + "/config")).willReturn(cfError(400, "InvalidIfMatchVersion",
                "The If-Match version is missing or not valid for the resource.", "req-ifm")));

        assertThatThrownBy(() -> cloudFront().setEnabled(ID, false, "E1ETAG"))
                .isInstanceOfSatisfying(PreconditionFailedException.class,
                        e -> assertThat(e.errorCode()).contains("InvalidIfMatchVersion"))
                .hasMessageContaining("read it again for a fresh ETag");
    }

    @Test
    void deleteDistribution_sendsDeleteWithIfMatch() {
        wire.stubFor(delete(urlEqualTo(BASE)).willReturn(aResponse().withStatus(204).withHeader("x-amz-request-id", "req-del")));

        cloudFront().deleteDistribution(ID, "E4ETAG");

        wire.verify(1, deleteRequestedFor(urlEqualTo(BASE)).withHeader("If-Match", equalTo("E4ETAG")));
    }

    @Test
    void deleteDistribution_stillEnabled_409BecomesDistributionNotDisabled() {
        wire.stubFor(delete(urlEqualTo(BASE)).willReturn(cfError(409, "DistributionNotDisabled",
                "The distribution you are trying to delete has not been disabled.", "req-409-xyz")));

        assertThatThrownBy(() -> cloudFront().deleteDistribution(ID, "E4ETAG"))
                .isInstanceOfSatisfying(DistributionNotDisabledException.class, e -> {
                    assertThat(e.requestId()).contains("req-409-xyz");
                    assertThat(e.errorCode()).contains("DistributionNotDisabled");
                    assertThat(e.retryable()).isTrue();
                })
                .hasMessageContaining("distribution " + ID + " is not disabled yet")
                .hasMessageContaining("wait until its status is Deployed");
        wire.verify(1, deleteRequestedFor(urlEqualTo(BASE)));
    }

    @Test
    void getDistribution_missing_404BecomesResourceNotFound() {
        wire.stubFor(get(urlEqualTo(BASE)).willReturn(cfError(404, "NoSuchDistribution",
                "The specified distribution does not exist.", "req-404-nsd")));

        assertThatThrownBy(() -> cloudFront().getDistribution(ID))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.resourceId()).isEqualTo(ID);
                    assertThat(e.errorCode()).contains("NoSuchDistribution");
                    assertThat(e.requestId()).contains("req-404-nsd");
                    assertThat(e.operation()).isEqualTo("cloudfront:GetDistribution");
                    assertThat(e.retryable()).isFalse();
                })
                .hasMessageContaining(ID + " does not exist");
        wire.verify(1, getRequestedFor(urlEqualTo(BASE)));
    }

    @Test
    void deleteDistribution_missing_isResourceNotFound() {
        wire.stubFor(delete(urlEqualTo(BASE)).willReturn(cfError(404, "NoSuchDistribution",
                "The specified distribution does not exist.", "req-404-del")));

        assertThatThrownBy(() -> cloudFront().deleteDistribution(ID, "E4ETAG"))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("cloudfront:DeleteDistribution");
    }

    @Test
    void getDistribution_throttledTwice_isRetriedByTheSdkThenSucceeds() {
        wire.stubFor(get(urlEqualTo(BASE)).inScenario("throttle").whenScenarioStateIs(STARTED).willSetStateTo("once")
                .willReturn(cfError(400, "Throttling", "Rate exceeded", "req-t1")));
        wire.stubFor(get(urlEqualTo(BASE)).inScenario("throttle").whenScenarioStateIs("once").willSetStateTo("twice")
                .willReturn(cfError(400, "Throttling", "Rate exceeded", "req-t2")));
        wire.stubFor(get(urlEqualTo(BASE)).inScenario("throttle").whenScenarioStateIs("twice")
                .willReturn(cf(200, CloudFrontFixtures.distribution(ID, "Deployed", true)).withHeader("ETag", "E1ETAG")));

        assertThat(cloudFront().getDistribution(ID).status()).isEqualTo(CloudFrontStatus.DEPLOYED);

        wire.verify(3, getRequestedFor(urlEqualTo(BASE)));
    }

    @Test
    void getDistributionConfig_503_isRetriedByTheSdkThenSucceeds() {
        wire.stubFor(get(urlEqualTo(BASE + "/config")).inScenario("outage").whenScenarioStateIs(STARTED).willSetStateTo("up")
                .willReturn(cfError(503, "ServiceUnavailable", "CloudFront is temporarily unavailable", "req-503")));
        wire.stubFor(get(urlEqualTo(BASE + "/config")).inScenario("outage").whenScenarioStateIs("up")
                .willReturn(cf(200, CloudFrontFixtures.distributionConfig(true)).withHeader("ETag", "E1ETAG")));

        assertThat(cloudFront().getDistributionConfig(ID).etag()).isEqualTo("E1ETAG");

        wire.verify(2, getRequestedFor(urlEqualTo(BASE + "/config")));
    }

    @Test
    void getDistribution_throttledOnEveryAttempt_isARetryableCloudOperationFailure() {
        wire.stubFor(get(urlEqualTo(BASE)).willReturn(cfError(400, "Throttling", "Rate exceeded", "req-tn")));

        assertThatThrownBy(() -> cloudFront().getDistribution(ID))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.errorCode()).contains("Throttling");
                    assertThat(e.statusCode()).isEqualTo(400);
                })
                .hasMessageContaining("try again later");
        wire.verify(3, getRequestedFor(urlEqualTo(BASE)));
    }

    @Test
    void createDistribution_postsTheConfigWithTagsAndReturnsTheNewDistribution() {
        wire.stubFor(post(urlEqualTo("/2020-05-31/distribution?WithTags")).willReturn(cf(201,
                CloudFrontFixtures.distribution(ID, "InProgress", true)).withHeader("ETag", "E1NEW")
                .withHeader("Location", "https://cloudfront.amazonaws.com/2020-05-31/distribution/" + ID)));
        DistributionSpec spec = new DistributionSpec(CALLER_REFERENCE, "TierState gpu-stack", "alb-origin", ALB, "http-only",
                "redirect-to-https", DistributionSpec.CACHING_DISABLED, DistributionSpec.ALL_VIEWER, "PriceClass_100",
                "http2and3", Map.of("tierstate:stack", "gpu-stack"), 90);

        Distribution created = cloudFront().createDistribution(spec);

        assertThat(created.id()).isEqualTo(ID);
        assertThat(created.status()).isEqualTo(CloudFrontStatus.IN_PROGRESS);
        assertThat(created.etag()).isEqualTo("E1NEW");
        assertThat(created.tags()).containsExactlyEntriesOf(Map.of("tierstate:stack", "gpu-stack"));
        LoggedRequest request = wire.findAll(postRequestedFor(urlEqualTo("/2020-05-31/distribution?WithTags"))).get(0);
        List<String> body = XmlLeaves.of(request.getBodyAsString());
        String config = "DistributionConfigWithTags/DistributionConfig/";
        String origin = config + "Origins/Items/Origin/";
        String behavior = config + "DefaultCacheBehavior/";
        assertThat(body).contains(
                config + "CallerReference=" + CALLER_REFERENCE,
                config + "Comment=TierState gpu-stack",
                config + "Enabled=true",
                config + "PriceClass=PriceClass_100",
                config + "HttpVersion=http2and3",
                config + "IsIPV6Enabled=true",
                config + "Origins/Quantity=1",
                origin + "Id=alb-origin",
                origin + "DomainName=" + ALB,
                origin + "CustomOriginConfig/OriginProtocolPolicy=http-only",
                origin + "CustomOriginConfig/HTTPPort=80",
                origin + "CustomOriginConfig/HTTPSPort=443",
                origin + "CustomOriginConfig/OriginReadTimeout=90",
                behavior + "TargetOriginId=alb-origin",
                behavior + "ViewerProtocolPolicy=redirect-to-https",
                behavior + "CachePolicyId=" + DistributionSpec.CACHING_DISABLED,
                behavior + "OriginRequestPolicyId=" + DistributionSpec.ALL_VIEWER,
                behavior + "Compress=true",
                behavior + "AllowedMethods/Quantity=7",
                "DistributionConfigWithTags/Tags/Items/Tag/Key=tierstate:stack",
                "DistributionConfigWithTags/Tags/Items/Tag/Value=gpu-stack");
        assertThat(request.getHeader("Content-Type")).contains("xml");
    }

    @Test
    void createDistribution_emptyOptionalValues_getTierStateDefaults() {
        wire.stubFor(post(urlEqualTo("/2020-05-31/distribution?WithTags")).willReturn(cf(201,
                CloudFrontFixtures.distribution(ID, "InProgress", true)).withHeader("ETag", "E1NEW")));
        DistributionSpec spec = new DistributionSpec(CALLER_REFERENCE, null, "alb-origin", ALB, null, null, null, null,
                null, null, Map.of(), 60);

        cloudFront().createDistribution(spec);

        List<String> body = XmlLeaves.of(wire.findAll(postRequestedFor(urlEqualTo("/2020-05-31/distribution?WithTags")))
                .get(0).getBodyAsString());
        String config = "DistributionConfigWithTags/DistributionConfig/";
        assertThat(body).contains(config + "Comment=", config + "HttpVersion=http2and3",
                config + "Origins/Items/Origin/CustomOriginConfig/OriginProtocolPolicy=https-only",
                config + "DefaultCacheBehavior/ViewerProtocolPolicy=redirect-to-https",
                config + "DefaultCacheBehavior/CachePolicyId=" + DistributionSpec.CACHING_DISABLED);
        assertThat(body).noneMatch(leaf -> leaf.startsWith(config + "PriceClass="));
    }

    @Test
    void createDistribution_callerReferenceUsedBefore_returnsTheEarlierDistribution() {
        wire.stubFor(post(urlEqualTo("/2020-05-31/distribution?WithTags")).willReturn(cfError(409, "DistributionAlreadyExists",
                "The caller reference that you are using to create a distribution is associated with another distribution. "
                        + "Already exists: " + ID, "req-409-dae")));
        wire.stubFor(get(urlEqualTo(BASE)).willReturn(cf(200, CloudFrontFixtures.distribution(ID, "Deployed", true))
                .withHeader("ETag", "E7ETAG")));

        Distribution existing = cloudFront().createDistribution(spec(CALLER_REFERENCE));

        assertThat(existing.id()).isEqualTo(ID);
        assertThat(existing.etag()).isEqualTo("E7ETAG");
        assertThat(existing.status()).isEqualTo(CloudFrontStatus.DEPLOYED);
        wire.verify(1, postRequestedFor(urlEqualTo("/2020-05-31/distribution?WithTags")));
        wire.verify(1, getRequestedFor(urlEqualTo(BASE)));
        List<String> order = new ArrayList<>(requests().stream().map(r -> r.getMethod() + " " + r.getUrl()).toList());
        assertThat(order.get(0)).isEqualTo("POST /2020-05-31/distribution?WithTags");
        assertThat(order.get(1)).isEqualTo("GET " + BASE);
    }

    @Test
    void createDistribution_alreadyExistsWithoutAnId_saysWhatToDo() {
        wire.stubFor(post(urlEqualTo("/2020-05-31/distribution?WithTags")).willReturn(cfError(409, "DistributionAlreadyExists",
                "Distribution with the same CallerReference exists", "req-409-noid")));

        assertThatThrownBy(() -> cloudFront().createDistribution(spec(CALLER_REFERENCE)))
                .isInstanceOfSatisfying(CloudOperationException.class,
                        e -> assertThat(e.errorCode()).contains("DistributionAlreadyExists"))
                .hasMessageContaining("caller reference " + CALLER_REFERENCE + " was used before")
                .hasMessageContaining("new caller reference");
    }

    @Test
    void createDistribution_alreadyExistsNamingADistributionOfAnotherReference_refusesIt() {
        wire.stubFor(post(urlEqualTo("/2020-05-31/distribution?WithTags")).willReturn(cfError(409, "DistributionAlreadyExists",
                "The caller reference ... Already exists: " + ID, "req-409-other")));
        wire.stubFor(get(urlEqualTo(BASE)).willReturn(cf(200, CloudFrontFixtures.distribution(ID, "Deployed", true))
                .withHeader("ETag", "E7ETAG")));

        assertThatThrownBy(() -> cloudFront().createDistribution(spec("another-reference")))
                .isInstanceOf(CloudOperationException.class)
                .hasMessageContaining(ID + " was created with " + CALLER_REFERENCE);
    }

    @Test
    void createDistribution_otherErrors_areMappedAsTheyAre() {
        wire.stubFor(post(urlEqualTo("/2020-05-31/distribution?WithTags")).willReturn(cfError(400, "InvalidOrigin",
                "The specified origin server does not exist or is not valid.", "req-origin")));

        assertThatThrownBy(() -> cloudFront().createDistribution(spec(CALLER_REFERENCE)))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> {
                    assertThat(e.errorCode()).contains("InvalidOrigin");
                    assertThat(e.retryable()).isFalse();
                })
                .hasMessageContaining("origin server does not exist");
    }

    private static DistributionSpec spec(String callerReference) {
        return new DistributionSpec(callerReference, "c", "alb-origin", ALB, "http-only", "redirect-to-https",
                DistributionSpec.CACHING_DISABLED, DistributionSpec.ALL_VIEWER, "PriceClass_100", "http2and3", Map.of(), 60);
    }
}
