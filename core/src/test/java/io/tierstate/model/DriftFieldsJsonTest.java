package io.tierstate.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierstate.StateJson;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The v3 fields a drift record writes: they round-trip, and a GeuseMaker (v2) copy leaves them out, saying so. */
class DriftFieldsJsonTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00.123456Z");

    private static DeploymentState state() {
        return DeploymentState.builder().stackName("web").status(Status.RUNNING)
                .config(DeploymentConfig.builder().tier(Tier.GPU).build()).cloudFrontDistributionId("E1")
                .cloudFrontAliases(List.of("cdn.example.com")).instanceId("i-0abc").instanceState("stopped")
                .instanceGoneAt(AT).albArn("arn:alb").albGoneAt(AT).efsId("fs-0abc").efsSizeBytes(1_073_747_968L)
                .efsGoneAt(AT).build();
    }

    @Test
    void theDriftFields_roundTrip() {
        DeploymentState s = state();

        String json = StateJson.write(s);

        assertThat(json).contains("\"cloudfront_aliases\": [\n    \"cdn.example.com\"\n  ]")
                .contains("\"instance_state\": \"stopped\"").contains("\"instance_gone_at\": \"2026-12-01T10:00:00.123456Z\"")
                .contains("\"alb_gone_at\"").contains("\"efs_size_bytes\": 1073747968").contains("\"efs_gone_at\"");
        assertThat(StateJson.read(json)).isEqualTo(s);
    }

    @Test
    void anEmptyAliasList_isAValue_notAnAbsence() {
        DeploymentState none = state().withCloudFrontAliases(List.of());

        String json = StateJson.write(none);

        assertThat(json).contains("\"cloudfront_aliases\": []");
        assertThat(StateJson.read(json).cloudFrontAliases()).contains(List.of());
        assertThat(StateJson.read(StateJson.write(none.withCloudFrontAliases(Optional.empty()))).cloudFrontAliases()).isEmpty();
    }

    @Test
    void theGeuseMakerCopy_leavesTheDriftFieldsOut_andNamesThem() {
        var v2 = StateJson.toGeuseMaker(state());

        String json = StateJson.write(v2.document());

        assertThat(json).doesNotContain("instance_state").doesNotContain("efs_size_bytes").doesNotContain("cloudfront_aliases")
                .doesNotContain("_gone_at");
        assertThat(v2.leftOut()).anySatisfy(l -> assertThat(l).startsWith("efs_size_bytes = 1073747968"));
    }
}
