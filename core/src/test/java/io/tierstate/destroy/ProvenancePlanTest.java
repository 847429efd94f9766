package io.tierstate.destroy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.model.DeploymentConfig;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.Provenance;
import io.tierstate.model.Status;
import io.tierstate.model.Tier;
import io.tierstate.store.FileStateStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC §5: what each provenance value means for destroy. */
class ProvenancePlanTest {

    @TempDir
    Path home;

    private static DeploymentState withVpcProvenance(String provenance) {
        DeploymentState s = DeploymentState.builder().stackName("prov").status(Status.FAILED)
                .config(DeploymentConfig.builder().tier(Tier.DEV).build())
                .vpcId("vpc-1").instanceId("i-1").build();
        return provenance == null ? s : s.withResourceProvenance(Map.of("vpc", Provenance.of(provenance)));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "ABSENT", value = {
        "created, DELETE", "pending, DELETE", "ABSENT, DELETE", "'', DELETE",
        "reused, SKIP_REUSED", "discovered, SKIP_REUSED", "auto_discovered, SKIP_REUSED",
        "none, SKIP_REUSED", "imported, SKIP_REUSED"})
    void eachProvenance_mapsToWhatSpecSaysDestroyDoes(String provenance, DestroyStep.Action expected) {
        DestroyPlan plan = DestroyPlan.of(withVpcProvenance(provenance));

        assertThat(plan.step("vpc").orElseThrow().action()).as(String.valueOf(provenance)).isEqualTo(expected);
        assertThat(plan.step("instance").orElseThrow().action()).isEqualTo(DestroyStep.Action.DELETE);
    }

    @Test
    void anUnknownProvenance_isKept_andThePlanSaysHowToIncludeIt() {
        DestroyPlan plan = DestroyPlan.of(withVpcProvenance("imported"));

        assertThat(plan.step("vpc").orElseThrow().reason()).startsWith("imported: not a provenance TierState knows")
                .contains("destroy().includeProvenance(\"imported\")").contains("--include-provenance imported");
        assertThat(plan.render()).contains("keep (imported)");
    }

    @Test
    void discoveredAndNone_sayWhyTheyAreKept() {
        assertThat(DestroyPlan.of(withVpcProvenance("discovered")).render()).contains("keep (discovered)")
                .contains("not created by this deployment, so never deleted");
        assertThat(DestroyPlan.of(withVpcProvenance("none")).step("vpc").orElseThrow().reason())
                .contains("recorded as not existing").contains("includeProvenance(\"none\")");
        assertThat(DestroyPlan.of(withVpcProvenance("reused")).render()).contains("keep (reused)");
    }

    @Test
    void includeProvenance_deletesResourcesOfThatValue_only() {
        try (FileStateStore store = FileStateStore.open(home)) {
            store.create(withVpcProvenance("imported"));

            DestroyPlan kept = Destroy.of("prov", store, () -> null).plan();
            DestroyPlan included = Destroy.of("prov", store, () -> null).includeProvenance("imported").plan();
            DestroyPlan other = Destroy.of("prov", store, () -> null).includeProvenance("borrowed").plan();

            assertThat(kept.step("vpc").orElseThrow().deletes()).isFalse();
            assertThat(included.step("vpc").orElseThrow().deletes()).isTrue();
            assertThat(other.step("vpc").orElseThrow().deletes()).isFalse();
        }
    }

    @Test
    void includeProvenance_refusesValuesThatAreNeverDeleted_andBlankOnes() {
        FileStateStore store = FileStateStore.open(home);
        Destroy d = Destroy.of("prov", store, () -> null);
        assertThatThrownBy(() -> d.includeProvenance("discovered")).isInstanceOf(io.tierstate.error.InvalidInputException.class)
                .hasMessageContaining("never deletes them");
        assertThatThrownBy(() -> d.includeProvenance(" ")).isInstanceOf(io.tierstate.error.InvalidInputException.class)
                .hasMessageContaining("includeProvenance(\"imported\")");
    }

    @Test
    void theFirstNonBlankKeySpeaksForAStep() {
        DeploymentState s = withVpcProvenance(null).withAlbArn("arn:alb").withTargetGroupArn("arn:tg")
                .withResourceProvenance(Map.of("alb", Provenance.DISCOVERED, "target_group", Provenance.of("")));

        DestroyPlan plan = DestroyPlan.of(s);

        assertThat(plan.step("alb").orElseThrow().action()).isEqualTo(DestroyStep.Action.SKIP_REUSED);
        assertThat(plan.step("target_group").orElseThrow().action()).as("blank target_group falls back to alb")
                .isEqualTo(DestroyStep.Action.SKIP_REUSED);
        assertThat(Planner.isReused(s, StepKind.ALB)).isTrue();
        assertThat(Planner.isReused(s, StepKind.VPC)).isFalse();
    }
}
