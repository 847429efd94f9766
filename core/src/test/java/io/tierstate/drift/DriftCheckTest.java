package io.tierstate.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tierstate.error.InvalidInputException;
import io.tierstate.model.CacheBehavior;
import io.tierstate.model.CloudFrontOrigin;
import io.tierstate.model.CloudFrontStatus;
import io.tierstate.model.DeploymentConfig;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.Status;
import io.tierstate.model.Tier;
import io.tierstate.port.Distribution;
import io.tierstate.port.FileSystemPort.FileSystemDescription;
import io.tierstate.port.InstanceDescription;
import io.tierstate.port.LoadBalancerDescription;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DriftCheckTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final String DIST = "E2QWRUHAPOMQZL";
    private static final String ALB = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188";
    private static final CloudFrontOrigin ORIGIN = CloudFrontOrigin.builder().id("alb-origin").domainName("web-1.elb.amazonaws.com")
            .build();
    private static final CacheBehavior DEFAULT = CacheBehavior.builder().pathPattern("*").targetOriginId("alb-origin").build();

    /** A state that recorded everything the live resources below have. */
    private static final DeploymentState STATE = DeploymentState.builder().stackName("web").status(Status.RUNNING)
            .config(DeploymentConfig.builder().tier(Tier.GPU).instanceType("g4dn.xlarge").amiId("ami-0aaa").build())
            .cloudFrontDistributionId(DIST).cloudFrontEnabled(true).cloudFrontPriceClass("PriceClass_100")
            .cloudFrontAliases(List.of("cdn.example.com")).addCloudFrontOrigins(ORIGIN).addCloudFrontCacheBehaviors(DEFAULT)
            .instanceId("i-0abc").instanceState("running").albArn(ALB).albDns("web-1.elb.amazonaws.com")
            .efsId("fs-0abc").efsSizeBytes(6144L).build();

    private static Distribution distribution(boolean enabled, String priceClass, List<String> aliases,
            List<CloudFrontOrigin> origins, List<CacheBehavior> behaviors) {
        return new Distribution(DIST, "arn:aws:cloudfront::123456789012:distribution/" + DIST, "d1.cloudfront.net",
                CloudFrontStatus.DEPLOYED, enabled, "E1", Optional.ofNullable(priceClass), Optional.empty(), origins, behaviors,
                aliases, Map.of());
    }

    private static LiveResources live(Distribution d, InstanceDescription i, LoadBalancerDescription lb, FileSystemDescription fs) {
        return new LiveResources(Live.of(d), Live.of(i), Live.of(lb), Live.of(fs));
    }

    private static InstanceDescription instance(String type, String ami, InstanceDescription.State state) {
        return new InstanceDescription("i-0abc", type, ami, state, Optional.empty(), Optional.empty());
    }

    private static final Distribution SAME_DIST = distribution(true, "PriceClass_100", List.of("cdn.example.com"), List.of(ORIGIN),
            List.of(DEFAULT));
    private static final InstanceDescription SAME_INSTANCE = instance("g4dn.xlarge", "ami-0aaa", InstanceDescription.State.RUNNING);
    private static final LoadBalancerDescription SAME_LB = new LoadBalancerDescription(ALB, "web-1.elb.amazonaws.com", "active");
    private static final FileSystemDescription SAME_FS = new FileSystemDescription("fs-0abc", "available", 6144L);

    @Test
    void compare_whenTheCloudMatchesTheState_findsNoDrift() {
        DriftReport r = DriftCheck.compare(STATE, live(SAME_DIST, SAME_INSTANCE, SAME_LB, SAME_FS), List.of(), AT);

        assertThat(r.isEmpty()).isTrue();
        assertThat(r.drifts()).isEmpty();
        assertThat(r.notRecorded()).isEmpty();
        assertThat(r.render()).contains("no drift").endsWith("0 differences\n");
    }

    @Test
    void compare_eachCloudFrontField_isADiffWithTheRecordedAndTheLiveValue() {
        CloudFrontOrigin assets = CloudFrontOrigin.builder().id("assets").domainName("assets.example.com").build();
        CacheBehavior stat = CacheBehavior.builder().pathPattern("/static/*").targetOriginId("assets").build();
        Distribution changed = distribution(false, "PriceClass_All", List.of("www.example.com", "cdn.example.com"),
                List.of(ORIGIN, assets), List.of(DEFAULT, stat));

        DriftReport r = DriftCheck.compare(STATE, live(changed, SAME_INSTANCE, SAME_LB, SAME_FS), List.of(), AT);

        assertThat(r.drifts()).extracting(Drift::field, d -> d.recorded().orElse(null), d -> d.live().orElse(null))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("cloudfront.enabled", "true", "false"),
                        org.assertj.core.groups.Tuple.tuple("cloudfront.price_class", "PriceClass_100", "PriceClass_All"),
                        // aliases compare as a sorted set
                        org.assertj.core.groups.Tuple.tuple("cloudfront.aliases", "cdn.example.com",
                                "cdn.example.com, www.example.com"),
                        org.assertj.core.groups.Tuple.tuple("cloudfront.origins", "alb-origin=web-1.elb.amazonaws.com",
                                "alb-origin=web-1.elb.amazonaws.com, assets=assets.example.com"),
                        org.assertj.core.groups.Tuple.tuple("cloudfront.cache_behaviors", "* -> alb-origin",
                                "* -> alb-origin, /static/* -> assets"));
        assertThat(r.drifts()).allSatisfy(d -> assertThat(d.kind()).isEqualTo(Drift.Kind.CHANGED));
        assertThat(r.render()).contains("  cloudfront E2QWRUHAPOMQZL\n-   enabled: true\n+   enabled: false\n")
                .contains("-   price_class: PriceClass_100\n+   price_class: PriceClass_All\n")
                .endsWith("5 differences\n");
    }

    @Test
    void compare_instanceTypeAmiAndState_andAlbDns_andEfsSize() {
        InstanceDescription retyped = instance("g5.xlarge", "ami-0bbb", InstanceDescription.State.STOPPED);
        LoadBalancerDescription lb = new LoadBalancerDescription(ALB, "web-2.elb.amazonaws.com", "active");
        FileSystemDescription fs = new FileSystemDescription("fs-0abc", "available", 1_073_747_968L);

        DriftReport r = DriftCheck.compare(STATE, live(SAME_DIST, retyped, lb, fs), List.of(), AT);

        assertThat(r.drifts()).extracting(Drift::field, d -> d.recorded().orElse(null), d -> d.live().orElse(null))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("instance.type", "g4dn.xlarge", "g5.xlarge"),
                        org.assertj.core.groups.Tuple.tuple("instance.ami_id", "ami-0aaa", "ami-0bbb"),
                        org.assertj.core.groups.Tuple.tuple("instance.state", "running", "stopped"),
                        org.assertj.core.groups.Tuple.tuple("alb.dns_name", "web-1.elb.amazonaws.com", "web-2.elb.amazonaws.com"),
                        // 1 GiB written on an empty file system: 1,073,741,824 + 6,144 = 1,073,747,968 bytes
                        org.assertj.core.groups.Tuple.tuple("efs.size_bytes", "6144", "1073747968"));
    }

    @Test
    void compare_withIgnores_leavesTheFieldOrTheWholeResourceOut_andSaysSo() {
        FileSystemDescription fs = new FileSystemDescription("fs-0abc", "available", 999_999L);
        InstanceDescription stopped = instance("g4dn.xlarge", "ami-0aaa", InstanceDescription.State.STOPPED);

        DriftReport r = DriftCheck.compare(STATE, live(SAME_DIST, stopped, SAME_LB, fs), List.of("efs.size_bytes"), AT);
        assertThat(r.drifts()).extracting(Drift::field).containsExactly("instance.state");
        assertThat(r.ignored()).containsExactly("efs.size_bytes");
        assertThat(r.render()).contains("ignored: efs.size_bytes");

        DriftReport none = DriftCheck.compare(STATE, live(SAME_DIST, stopped, SAME_LB, fs), List.of("EFS", "instance"), AT);
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.ignored()).containsExactly("efs", "instance");
    }

    @Test
    void checkIgnored_anUnknownField_isRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> DriftCheck.checkIgnored(List.of("efs.size")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("cannot ignore 'efs.size'")
                .hasMessageContaining("efs.size_bytes").hasMessageContaining("cloudfront.price_class");
    }

    @Test
    void compare_valuesTheStateNeverRecorded_areInformational_notDrift() {
        DeploymentState bare = DeploymentState.builder().stackName("web").status(Status.CREATING)
                .config(DeploymentConfig.builder().tier(Tier.GPU).build()).cloudFrontDistributionId(DIST).instanceId("i-0abc")
                .albArn(ALB).efsId("fs-0abc").build();

        DriftReport r = DriftCheck.compare(bare, live(SAME_DIST, SAME_INSTANCE, SAME_LB, SAME_FS), List.of(), AT);

        assertThat(r.isEmpty()).isTrue();
        assertThat(r.notRecorded()).extracting(Drift::field).containsExactly("cloudfront.enabled", "cloudfront.price_class",
                "cloudfront.aliases", "cloudfront.origins", "cloudfront.cache_behaviors", "instance.type", "instance.ami_id",
                "instance.state", "alb.dns_name", "efs.size_bytes");
        assertThat(r.render()).contains("not recorded (not drift): efs.size_bytes is 6144 in the cloud")
                .doesNotContain("refresh");
    }

    @Test
    void compare_aResourceGone_isDrift_untilTheStateRecordsItGone_andOneFoundAgainHasAppeared() {
        LiveResources gone = new LiveResources(Live.gone(), Live.gone(), Live.gone(), Live.gone());

        DriftReport r = DriftCheck.compare(STATE, gone, List.of(), AT);
        assertThat(r.drifts()).extracting(Drift::field, Drift::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("cloudfront", Drift.Kind.GONE),
                org.assertj.core.groups.Tuple.tuple("instance", Drift.Kind.GONE),
                org.assertj.core.groups.Tuple.tuple("alb", Drift.Kind.GONE),
                org.assertj.core.groups.Tuple.tuple("efs", Drift.Kind.GONE));
        assertThat(r.render()).contains("  alb " + ALB + "\n-   alb: present\n+   alb: gone (not found)\n");

        DeploymentState recordedGone = STATE.withCloudFrontGoneAt(Optional.of(AT)).withInstanceGoneAt(Optional.of(AT))
                .withAlbGoneAt(Optional.of(AT)).withEfsGoneAt(Optional.of(AT));
        assertThat(DriftCheck.compare(recordedGone, gone, List.of(), AT).isEmpty()).isTrue();

        DriftReport back = DriftCheck.compare(recordedGone.withAlbGoneAt(Optional.empty()).withInstanceGoneAt(Optional.empty())
                .withCloudFrontGoneAt(Optional.empty()), live(SAME_DIST, SAME_INSTANCE, SAME_LB, SAME_FS), List.of(), AT);
        assertThat(back.drifts()).extracting(Drift::field, Drift::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("efs", Drift.Kind.APPEARED));
    }

    @Test
    void compare_aResourceThatCouldNotBeDescribed_isListedApart_andIsNotDrift() {
        LiveResources denied = new LiveResources(Live.unchecked("AccessDenied: not authorized to GetDistribution"),
                Live.of(SAME_INSTANCE), Live.of(SAME_LB), Live.of(SAME_FS));

        DriftReport r = DriftCheck.compare(STATE, denied, List.of(), AT);

        assertThat(r.isEmpty()).isTrue();
        assertThat(r.unchecked()).containsEntry("cloudfront", "AccessDenied: not authorized to GetDistribution");
        assertThat(r.render()).contains("could not check cloudfront: AccessDenied");
    }

    @Test
    void compare_recordedStateDefaultsToRunningForARunningDeployment_andGpuTypeWins() {
        DeploymentState gpu = STATE.withInstanceState(Optional.empty()).withGpuEnabled(true).withGpuInstanceType("g5.2xlarge");
        DriftReport r = DriftCheck.compare(gpu, live(SAME_DIST, SAME_INSTANCE, SAME_LB, SAME_FS), List.of(), AT);

        // gpu_instance_type g5.2xlarge is what was described; the config's g4dn.xlarge is what was asked for
        assertThat(r.drifts()).extracting(Drift::field, d -> d.recorded().orElse(null))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("instance.type", "g5.2xlarge"));
        assertThat(DriftCheck.recordedInstanceState(gpu)).contains("running");
        assertThat(DriftCheck.recordedInstanceState(gpu.withStatus(Status.CREATING))).isEmpty();
    }

    @Test
    void toJson_hasTheDriftsNotRecordedUncheckedAndIgnored_andTheSerialOnceRecorded() throws Exception {
        LiveResources l = new LiveResources(Live.of(distribution(true, null, List.of(), List.of(ORIGIN), List.of(DEFAULT))),
                Live.gone(), Live.unchecked("throttled"), Live.of(SAME_FS));
        DeploymentState s = STATE.withCloudFrontAliases(Optional.empty());

        JsonNode j = new ObjectMapper().readTree(DriftCheck.compare(s, l, Set.of("efs"), AT).recordedAs(7).toJson());

        assertThat(j.path("deployment").asText()).isEqualTo("web");
        assertThat(j.path("checked_at").asText()).startsWith("2026-12-01T10:00:00");
        assertThat(j.path("drift").asBoolean()).isTrue();
        // price class PriceClass_100 -> none, and the instance gone: 2
        assertThat(j.path("drift_count").asInt()).isEqualTo(2);
        assertThat(j.path("drifts").get(0).path("field").asText()).isEqualTo("cloudfront.price_class");
        assertThat(j.path("drifts").get(0).path("live").isNull()).isTrue();
        assertThat(j.path("drifts").get(1).path("kind").asText()).isEqualTo("gone");
        assertThat(j.path("not_recorded").get(0).path("field").asText()).isEqualTo("cloudfront.aliases");
        assertThat(j.path("not_recorded").get(0).path("live").asText()).isEqualTo("none");
        assertThat(j.path("unchecked").get(0).path("resource").asText()).isEqualTo("alb");
        assertThat(j.path("ignored").get(0).asText()).isEqualTo("efs");
        assertThat(j.path("recorded").asBoolean()).isTrue();
        assertThat(j.path("serial").asLong()).isEqualTo(7);
    }

    @Test
    void live_describesItsOutcome() {
        assertThat(Live.of("x").toString()).isEqualTo("present x");
        assertThat(Live.gone().toString()).isEqualTo("gone");
        assertThat(Live.unchecked("why").toString()).isEqualTo("unchecked: why");
        assertThat(Live.notRecorded().toString()).isEqualTo("not recorded");
        assertThat(Live.notRecorded().wasLookedFor()).isFalse();
    }

    @Test
    void stateName_isEc2sName() {
        assertThat(DriftCheck.stateName(InstanceDescription.State.SHUTTING_DOWN)).isEqualTo("shutting-down");
    }
}
