package io.tierstate.model;

import io.tierstate.error.InvalidInputException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tierstate.internal.StateCodec;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ValueTypesJsonTest {

    private final ObjectMapper mapper = StateCodec.mapper();

    private <T> T roundTrip(T value, Class<T> type) throws Exception {
        return mapper.readValue(mapper.writeValueAsString(value), type);
    }

    @Test
    void deploymentConfig_roundTrips() throws Exception {
        DeploymentConfig c = DeploymentConfig.builder().stackName("a").tier(Tier.AUTOMATION).workload("cpu")
                .region("eu-west-1").instanceType("m5.large").useSpot(false).amiId("ami-1").enableAlb(true).enableCdn(false)
                .build();

        assertThat(roundTrip(c, DeploymentConfig.class)).isEqualTo(c);
        assertThat(c.regionOrDefault()).isEqualTo("eu-west-1");
        assertThat(c.withRegion(" ").regionOrDefault()).isEqualTo("us-east-1");
        assertThat(c.withTier(Tier.GPU).withInstanceType("g5.xlarge").instanceType()).contains("g5.xlarge");
    }

    @Test
    void costTracking_roundTrips() throws Exception {
        CostTracking c = CostTracking.builder().instanceType("g4dn.xlarge").isSpot(true)
                .spotPricePerHour(new BigDecimal("0.2104")).onDemandPricePerHour(new BigDecimal("0.526"))
                .efsGbMonthPrice(new BigDecimal("0.30")).estimatedMonthlyCost(new BigDecimal("212.87"))
                .budgetLimit(new BigDecimal("300")).build();

        assertThat(roundTrip(c, CostTracking.class)).isEqualTo(c);
        assertThat(mapper.writeValueAsString(c)).contains("\"efs_gb_month_price\":\"0.30\"");
    }

    @Test
    void cloudFrontOrigin_roundTrips() throws Exception {
        CloudFrontOrigin o = CloudFrontOrigin.builder().id("alb").domainName("x.elb.amazonaws.com").originPath("/app")
                .protocolPolicy("https-only").httpPort(80).httpsPort(443).build();

        assertThat(roundTrip(o, CloudFrontOrigin.class)).isEqualTo(o);
        assertThat(o.unknownFieldNames()).isEmpty();
    }

    @Test
    void cacheBehavior_roundTrips() throws Exception {
        CacheBehavior b = CacheBehavior.builder().pathPattern("*").targetOriginId("alb").viewerProtocolPolicy("redirect-to-https")
                .addAllowedMethods("GET", "HEAD", "POST").addCachedMethods("GET", "HEAD")
                .cachePolicyId("4135ea2d-6df8-44a3-9df3-4b5a84be39ad").originRequestPolicyId("216adef6-5c7f-47e4-b989-5492eafa07d3")
                .compress(true).minTtl(0L).defaultTtl(0L).maxTtl(0L).build();

        assertThat(roundTrip(b, CacheBehavior.class)).isEqualTo(b);
        assertThat(b.isDefault()).isTrue();
        assertThat(b.unknownFieldNames()).isEmpty();
    }

    @Test
    void destroyJournal_roundTripsAndFindsSteps() throws Exception {
        DestroyStepRecord step = DestroyStepRecord.builder().step("cloudfront").status("disabled")
                .startedAt(Instant.parse("2026-01-01T00:00:00Z")).finishedAt(Instant.parse("2026-01-01T00:15:00Z"))
                .attempts(3).error("throttled").build();
        DestroyJournal j = DestroyJournal.builder().startedAt(Instant.parse("2026-01-01T00:00:00Z")).strategy("overlapped")
                .preserveEfs(true).pendingCloudFrontDeletion(true).addSteps(step).build();

        assertThat(roundTrip(j, DestroyJournal.class)).isEqualTo(j);
        assertThat(j.step("cloudfront")).contains(step);
        assertThat(j.step("alb")).isEmpty();
        assertThat(j.withPendingCloudFrontDeletion(false).pendingCloudFrontDeletion()).isFalse();
        assertThat(j.withSteps(java.util.List.of()).steps()).isEmpty();
        assertThat(j.unknownFieldNames()).isEmpty();
    }

    static java.util.List<Status> knownStatuses() {
        return Status.known();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("knownStatuses")
    void status_parsesItsWireName(Status s) {
        assertThat(Status.parse(s.wireName())).isSameAs(s);
        assertThat(Status.of(s.wireName())).isSameAs(s);
        assertThat(Status.parse(s.wireName().toUpperCase(java.util.Locale.ROOT).replace('_', '-'))).isEqualTo(s);
        assertThat(s.toString()).isEqualTo(s.wireName());
        assertThat(s.isKnown()).isTrue();
    }

    @Test
    void status_keepsAnyOtherValueVerbatim() throws Exception {
        Status odd = Status.of("Paused-By-Ops");
        assertThat(odd.wireName()).isEqualTo("Paused-By-Ops");
        assertThat(odd.isKnown()).isFalse();
        assertThat(odd).isEqualTo(Status.of("Paused-By-Ops")).hasSameHashCodeAs(Status.of("Paused-By-Ops")).isNotEqualTo(Status.RUNNING);
        assertThat(Status.parse("Paused-By-Ops")).isEqualTo(odd);
        assertThat(StateCodec.mapper().writeValueAsString(odd)).isEqualTo("\"Paused-By-Ops\"");
        assertThat(StateCodec.mapper().readValue("\"discovered\"", Status.class)).isSameAs(Status.DISCOVERED);
        assertThat(odd.equals("Paused-By-Ops")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void tier_parsesWireNameNumberAndTierN(Tier t) {
        assertThat(Tier.parse(t.wireName())).isEqualTo(t);
        assertThat(Tier.parse(String.valueOf(t.number()))).isEqualTo(t);
        assertThat(Tier.parse("Tier" + t.number())).isEqualTo(t);
        assertThat(t.toString()).isEqualTo(t.wireName());
    }

    @ParameterizedTest(name = "{0}: ALB {1}, CloudFront {2}")
    @CsvSource({"dev, false, false", "automation, true, false", "gpu, true, true"})
    void tier_knowsWhichOfTheChargedResourcesItHas(String wire, boolean alb, boolean cloudFront) throws Exception {
        Tier t = Tier.parse(wire);

        assertThat(t.hasAlb()).isEqualTo(alb);
        assertThat(t.hasCloudFront()).isEqualTo(cloudFront);
        assertThat(StateCodec.mapper().writeValueAsString(t)).as("the wire form is unchanged").isEqualTo("\"" + wire + "\"");
        assertThat(StateCodec.mapper().readValue("\"" + wire + "\"", Tier.class)).isSameAs(t);
    }

    @ParameterizedTest
    @EnumSource(HealthStatus.class)
    void healthStatus_parsesItsWireName(HealthStatus h) {
        assertThat(HealthStatus.parse(h.wireName())).isEqualTo(h);
        assertThat(HealthStatus.parse(h.name())).isEqualTo(h);
        assertThat(h.toString()).isEqualTo(h.wireName());
    }

    @ParameterizedTest
    @EnumSource(CloudFrontStatus.class)
    void cloudFrontStatus_parsesItsWireName(CloudFrontStatus c) {
        assertThat(CloudFrontStatus.parse(c.wireName().toLowerCase(java.util.Locale.ROOT))).isEqualTo(c);
        assertThat(c.toString()).isEqualTo(c.wireName());
    }

    static java.util.List<Provenance> knownProvenances() {
        return Provenance.known();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("knownProvenances")
    void provenance_parsesItsWireName(Provenance p) {
        assertThat(Provenance.parse(p.wireName())).isSameAs(p);
        assertThat(p.toString()).isEqualTo(p.wireName());
        assertThat(p.isKnown()).isTrue();
    }

    @Test
    void provenance_saysWhatDestroyDoesWithEachValue() {
        assertThat(java.util.List.of(Provenance.CREATED, Provenance.PENDING, Provenance.of(""), Provenance.of(" ")))
                .allMatch(Provenance::deletedByDefault);
        assertThat(java.util.List.of(Provenance.REUSED, Provenance.DISCOVERED, Provenance.AUTO_DISCOVERED))
                .allMatch(Provenance::neverDeleted).noneMatch(Provenance::deletedByDefault);
        assertThat(Provenance.NONE.meansNothing()).isTrue();
        Provenance imported = Provenance.of("imported");
        assertThat(imported.isKnown()).isFalse();
        assertThat(imported.deletedByDefault() || imported.neverDeleted() || imported.meansNothing()).isFalse();
        assertThat(imported).isEqualTo(Provenance.of("imported")).hasSameHashCodeAs(Provenance.of("imported"));
        assertThat(imported.equals("imported")).isFalse();
        assertThatThrownBy(() -> Provenance.of(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("provenance");
    }

    @Test
    void enums_refuseUnknownValuesListingTheAcceptedOnes() {
        assertThatThrownBy(() -> Tier.parse("tier9")).isInstanceOf(InvalidInputException.class).hasMessageContaining("automation");
        assertThatThrownBy(() -> Status.parse(null)).isInstanceOf(InvalidInputException.class).hasMessageContaining("running");
        assertThatThrownBy(() -> HealthStatus.parse("great")).isInstanceOf(InvalidInputException.class).hasMessageContaining("impaired");
        assertThatThrownBy(() -> CloudFrontStatus.parse("Done")).isInstanceOf(InvalidInputException.class).hasMessageContaining("Deployed");
        assertThat(Provenance.parse("borrowed").wireName()).isEqualTo("borrowed"); // an open vocabulary: kept, not refused
    }
}
