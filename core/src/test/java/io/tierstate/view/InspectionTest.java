package io.tierstate.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.cost.PriceCatalog;
import io.tierstate.cost.UsageProfile;
import io.tierstate.model.DeploymentConfig;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.DestroyJournal;
import io.tierstate.model.DestroyStepRecord;
import io.tierstate.model.Provenance;
import io.tierstate.model.Status;
import io.tierstate.model.Tier;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InspectionTest {

    private static Inspection inspect(DeploymentState s) {
        return Inspection.of(s, ViewGoldenTest.ESTIMATOR, UsageProfile.defaults()).withClock(ViewFixtures.CLOCK);
    }

    @Test
    void render_tier3_startsWithTheCloudFrontUrlBanner() {
        String text = inspect(ViewFixtures.tier3Gpu()).render();

        assertThat(text.lines().limit(3)).containsExactly(
                "+-------------------------------------------+",
                "|   https://d111111abcdef8.cloudfront.net   |",
                "+-------------------------------------------+");
    }

    @Test
    void toString_isTheRenderedText_forJShell() {
        Inspection i = inspect(ViewFixtures.tier2());

        assertThat(i.toString()).isEqualTo(i.render());
        assertThat(i.state()).isEqualTo(ViewFixtures.tier2());
    }

    @Test
    void render_agesFollowTheClock() {
        Inspection i = inspect(ViewFixtures.tier3Gpu());
        Inspection later = i.withClock(Clock.fixed(Instant.parse("2025-10-04T12:00:00Z"), ZoneOffset.UTC));

        assertThat(i.render()).contains("last checked      3 min ago (2025-10-01 11:57:00 UTC)");
        assertThat(later.render()).contains("last checked      3 days ago (2025-10-01 11:57:00 UTC)");
    }

    @Test
    void render_neverSaysNullOrOptional_evenForABareState() {
        DeploymentState bare = DeploymentState.builder().stackName("bare").status(Status.CREATING)
                .config(DeploymentConfig.builder().tier(Tier.GPU).build()).gpuEnabled(true).build();

        Inspection i = inspect(bare);

        assertThat(i.render()).doesNotContain("null").doesNotContain("Optional")
                .contains("No CloudFront distribution is recorded yet")
                .contains("tierstate provision-cloudfront bare")
                .contains("GPUs              unknown — run refresh")
                .contains("id                not recorded");
        assertThat(i.cloudFrontUrl()).isEmpty();
        assertThat(i.toJson()).doesNotContain("null");
    }

    @Test
    void cost_unknownPrice_readsUnknownWithTheReason_andTheInspectionStillWorks() {
        DeploymentState s = ViewFixtures.tier1().withConfig(ViewFixtures.tier1().config().withInstanceType("x9.mega"))
                .withCost(Optional.empty());

        Inspection i = inspect(s);

        assertThat(i.estimate()).isEmpty();
        assertThat(i.costUnknownReason()).hasValueSatisfying(r -> assertThat(r).contains("x9.mega"));
        assertThat(i.render()).contains("estimate          unknown — No on-demand price for instance type 'x9.mega'")
                .doesNotContain("Types with a price");
        assertThat(i.toJson()).contains("\"unknown_reason\": \"No on-demand price for instance type 'x9.mega'");
    }

    @Test
    void cost_usesTheGivenCatalogAndUsage() {
        PriceCatalog dearer = PriceCatalog.defaults().withInstancePrice("t3.medium", new BigDecimal("1.00"));
        UsageProfile usage = UsageProfile.builder().efsStorageGb(BigDecimal.ZERO).build();

        Inspection i = Inspection.of(ViewFixtures.tier1(), dearer.estimator(), usage);

        assertThat(i.estimate()).hasValueSatisfying(e -> assertThat(e.monthlyTotalRounded()).isEqualByComparingTo("739.00"));
        assertThat(i.render()).contains("$739.00 a month").contains("given usage profile");
    }

    @Test
    void destroySteps_classifyDoneFailedAndPending_skippingReusedAndPreservedResources() {
        DeploymentState s = ViewFixtures.tier1().withResourceProvenance(Map.of("vpc", Provenance.REUSED))
                .withStatus(Status.DESTROYING)
                .withDestroyProgress(DestroyJournal.builder().preserveEfs(true)
                        .addStep(DestroyStepRecord.builder().step("instance").status("done").build())
                        .addStep(DestroyStepRecord.builder().step("iam_role").status("failed").error("AccessDenied").build())
                        .build());

        Inspection i = inspect(s);

        assertThat(i.stepsDone()).containsExactly("instance");
        assertThat(i.stepsFailed()).containsExactly("iam_role");
        // the preserved EFS keeps its mount targets' security group and subnets too; the VPC was reused
        assertThat(i.stepsPending()).containsExactly("iam_instance_profile");
        assertThat(i.render()).contains("kept              EFS (preserve_efs)").contains("failed            iam_role: AccessDenied")
                .contains("EC2 instance (created, deleted)").contains("IAM (created, deletion failed)");
    }

    @Test
    void destroy_statusDestroyingWithoutAJournal_isShownWithTheResumeCommand() {
        Inspection i = inspect(ViewFixtures.tier1().withStatus(Status.DESTROYING));

        assertThat(i.render()).contains("DESTROY IN PROGRESS").contains("done              none yet")
                .contains("pending           instance, iam_instance_profile, iam_role, efs_mount_targets, efs, vpc_dependents,")
                .contains("resume with       tierstate destroy dev-sandbox");
        assertThat(i.stepsPending()).startsWith("instance");
    }

    @Test
    void destroy_stepInAPhase_isInProgress() {
        DeploymentState s = ViewFixtures.tier3Gpu().withStatus(Status.DESTROYING)
                .withDestroyProgress(DestroyJournal.builder()
                        .addStep(DestroyStepRecord.builder().step("cloudfront").status("disabled").build()).build());

        assertThat(inspect(s).render()).contains("in progress       cloudfront (disabled)")
                .contains("CloudFront (created, being deleted: disabled)")
                .doesNotContain("CLOUDFRONT DELETION PENDING");
    }

    @Test
    void noDestroy_meansNoPendingSteps() {
        assertThat(inspect(ViewFixtures.tier2()).stepsPending()).isEmpty();
        assertThat(inspect(ViewFixtures.tier2()).render()).doesNotContain("DESTROY");
    }

    @Test
    void render_controlCharactersInStateValues_cannotReachTheTerminal() {
        DeploymentState s = ViewFixtures.tier2().withAlbDns("evil\u001b[2J.example.com\nspoofed line");

        String text = inspect(s).render();

        assertThat(text).doesNotContain("\u001b").contains("evil?[2J.example.com?spoofed line");
    }

    @Test
    void withClock_rejectsNull() {
        assertThatThrownBy(() -> inspect(ViewFixtures.tier1()).withClock(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("clock");
    }
}
