package io.tierstate.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.model.CloudFrontStatus;
import io.tierstate.model.DeploymentConfig;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.Status;
import io.tierstate.model.Tier;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class DeploymentListTest {

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void render_tenThousandRows_keepsEveryLineWithinTheLimit() {
        Random random = new Random(7);
        List<DeploymentSummary> rows = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            rows.add(DeploymentSummary.of(randomState(random, i),
                    random.nextInt(10) == 0 ? Optional.empty() : Optional.of(new BigDecimal(random.nextInt(900_000)).movePointLeft(2))));
        }
        DeploymentList list = new DeploymentList(rows, List.of());

        String text = list.render();

        List<String> lines = text.lines().toList();
        assertThat(lines).hasSize(10_000 + 2);
        assertThat(lines.subList(0, 10_001)).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(DeploymentList.MAX_LINE));
        assertThat(lines.get(0)).startsWith("NAME").contains("COST/MO");
        assertThat(lines.get(10_001)).startsWith("10000 deployments, estimated $").contains("without a known price (?)");
        assertThat(text).contains("…");
        assertThat(list.toJson()).contains("\"name\": \"stack-09999");
    }

    @Test
    void render_oneRow_fitsTheColumnsToItsContent() {
        DeploymentList list = new DeploymentList(List.of(DeploymentSummary.of(ViewFixtures.tier1(),
                Optional.of(new BigDecimal("69.365")))), List.of());

        List<String> lines = list.render().lines().toList();

        assertThat(lines).containsExactly(
                "NAME         STATUS   TIER   REGION     ENDPOINT      GPU  CDN  COST/MO  CREATED",
                "dev-sandbox  running  1 dev  us-east-1  54.210.11.23  -    -     $69.37  2025-09-28 09:15",
                "1 deployment, estimated $69.37 a month");
        assertThat(list.monthlyTotal()).isEqualByComparingTo("69.37");
    }

    @Test
    void render_noRowsButProblems_saysSoThenListsTheProblems() {
        DeploymentList list = new DeploymentList(List.of(), ViewGoldenTest.threeRowsProblems());

        assertThat(list.render()).startsWith("No deployments.\n\n2 files could not be read:\n  broken: ");
        assertThat(list.monthlyTotal()).isEqualByComparingTo("0");
    }

    @Test
    void cdnColumn_saysStatusUnknownAndDisabled() {
        DeploymentState cf = ViewFixtures.tier3Gpu();

        assertThat(DeploymentSummary.of(cf).cdnText()).isEqualTo("Deployed");
        assertThat(DeploymentSummary.of(cf.withCloudFrontEnabled(false)).cdnText()).isEqualTo("Deployed, disabled");
        assertThat(DeploymentSummary.of(cf.withCloudFrontStatus(Optional.empty())).cdnText()).isEqualTo("unknown");
        assertThat(DeploymentSummary.of(ViewFixtures.tier2()).cdnText()).isEqualTo("-");
        // a refresh found it deleted: the row says so rather than "unknown", and the JSON says when
        DeploymentState gone = cf.withCloudFrontStatus(Optional.empty()).withCloudFrontGoneAt(Instant.parse("2026-11-30T08:00:00Z"));
        assertThat(DeploymentSummary.of(gone).cdnText()).isEqualTo("gone");
        assertThat(new DeploymentList(List.of(DeploymentSummary.of(gone)), List.of()).toJson())
                .contains("\"cdn_gone_at\": \"2026-11-30T08:00:00.000000Z\"");
        assertThat(new DeploymentList(List.of(DeploymentSummary.of(cf)), List.of()).toJson()).doesNotContain("cdn_gone_at");
    }

    @Test
    void endpoint_isCloudFrontForTier3_elseAlb_elsePublicIp() {
        assertThat(DeploymentSummary.of(ViewFixtures.tier3Gpu()).endpoint()).contains("d111111abcdef8.cloudfront.net");
        assertThat(DeploymentSummary.of(ViewFixtures.tier3Gpu().withCloudFrontDomainName(Optional.empty())).endpoint())
                .contains("gpu-global-alb-987654321.us-east-1.elb.amazonaws.com");
        assertThat(DeploymentSummary.of(ViewFixtures.tier2()).endpoint())
                .contains("team-automation-alb-1234567890.eu-west-1.elb.amazonaws.com");
        assertThat(DeploymentSummary.of(ViewFixtures.tier1()).endpoint()).contains("54.210.11.23");
    }

    @Test
    void summary_roundsTheCostToCents_andRefusesNulls() {
        DeploymentSummary s = DeploymentSummary.of(ViewFixtures.tier1(), Optional.of(new BigDecimal("445.745")));

        assertThat(s.monthlyCost()).contains(new BigDecimal("445.75"));
        assertThatThrownBy(() -> new DeploymentSummary("x", Status.RUNNING, Tier.DEV, "us-east-1", Optional.empty(), false,
                Optional.empty(), Optional.empty(), Optional.empty(), false, Optional.empty(), null, Optional.empty(),
                Optional.empty()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("monthlyCost");
    }

    @Test
    void render_otherCurrency_isNamed() {
        DeploymentList list = new DeploymentList(List.of(DeploymentSummary.of(ViewFixtures.tier1(),
                Optional.of(new BigDecimal("10")))), List.of(), "EUR");

        assertThat(list.render()).contains("10.00 EUR");
        assertThat(list.toJson()).contains("\"currency\": \"EUR\"");
        assertThat(list.currency()).isEqualTo("EUR");
    }

    private static DeploymentState randomState(Random r, int i) {
        Tier tier = Tier.values()[r.nextInt(3)];
        String name = String.format("stack-%05d", i) + "-x".repeat(r.nextInt(3) == 0 ? 55 : 1);
        DeploymentState.Builder b = DeploymentState.builder();
        b.stackName(name).status(Status.known().get(r.nextInt(Status.known().size())))
                .createdAt(Instant.parse("2025-01-01T00:00:00Z").plusSeconds(r.nextInt(20_000_000)))
                .publicIp("10.0." + r.nextInt(255) + "." + r.nextInt(255))
                .config(DeploymentConfig.builder().tier(tier).region(r.nextBoolean() ? "us-east-1" : "ap-southeast-2")
                        .instanceType(tier == Tier.GPU ? "g4dn.12xlarge" : "t3.medium").build());
        if (tier != Tier.DEV) {
            b.albDns(name + "-alb-" + r.nextInt(1_000_000_000) + ".ap-southeast-2.elb.amazonaws.com");
        }
        if (tier == Tier.GPU) {
            b.cloudFrontDistributionId("E" + i).cloudFrontDomainName("d" + Integer.toHexString(r.nextInt()) + ".cloudfront.net")
                    .gpuEnabled(true);
            if (r.nextBoolean()) {
                b.cloudFrontStatus(CloudFrontStatus.IN_PROGRESS).cloudFrontEnabled(false);
            }
        }
        return b.build();
    }

    @Test
    void budget_writtenAsAJsonNumber_asGeuseMakerWritesAFloat_isComparedExactly() {
        // GeuseMaker's budget_limit is a Python float: 250.0 in the file, in cost or in config
        DeploymentState inCost = io.tierstate.StateJson.read("""
                {"stack_name": "b", "status": "running", "config": {"tier": "dev", "budget_limit": 999.5},
                 "cost": {"budget_limit": 250.0}}
                """);
        DeploymentState inConfig = io.tierstate.StateJson.read("""
                {"stack_name": "c", "status": "running", "config": {"tier": "dev", "budget_limit": 80.25}}
                """);

        // cost.budget_limit wins over config.budget_limit; 230 / 250 = 92.0 % (near), 80.26 / 80.25 is over by 0.01
        Budget near = DeploymentSummary.of(inCost, Optional.of(new BigDecimal("230"))).budget().orElseThrow();
        Budget over = DeploymentSummary.of(inConfig, Optional.of(new BigDecimal("80.26"))).budget().orElseThrow();

        assertThat(near.limit()).isEqualByComparingTo("250");
        assertThat(near.percentUsed()).isEqualByComparingTo("92.0");
        assertThat(near.near()).isTrue();
        assertThat(over.over()).isTrue();
        assertThat(over.overBy()).isEqualByComparingTo("0.01");
        assertThat(new DeploymentList(List.of(DeploymentSummary.of(inConfig, Optional.of(new BigDecimal("80.26")))), List.of())
                .toJson()).contains("\"budget_limit\": \"80.25\"").contains("\"over_budget_by\": \"0.01\"");
    }
}
