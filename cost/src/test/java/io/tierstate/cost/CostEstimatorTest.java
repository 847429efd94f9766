package io.tierstate.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.tierstate.error.TierStateException;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CostEstimatorTest {

    private static final PriceCatalog DEFAULTS = PriceCatalog.defaults();
    private static final CostEstimator ESTIMATOR = CostEstimator.of(DEFAULTS);

    private static DeploymentResources.Builder gpuStack() {
        return DeploymentResources.builder().instanceType("g4dn.xlarge").hasEfs(true).hasAlb(true).hasCloudFront(true);
    }

    private static CostLineItem line(CostEstimate e, String descriptionStart) {
        return e.lineItems().stream().filter(l -> l.description().startsWith(descriptionStart)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + descriptionStart + "' in\n" + e));
    }

    @Test
    void estimate_tier3G4dnXlargeWithDefaultProfile_matchesTheFigureWorkedOutByHand() {
        // EC2        0.526 x 730                              = 383.98
        // ALB        0.0225 x 730 + 0.008 x 1 LCU x 730       = 16.425 + 5.84 = 22.265
        // EFS        100 GB x 0.30                            = 30
        // CloudFront 100 GB x 0.085 + 1,000,000 / 10,000 x 0.01 + certificate 0 = 8.50 + 1.00 = 9.50
        // total      383.98 + 22.265 + 30 + 9.50              = 445.745, shown 445.75
        CostEstimate e = ESTIMATOR.estimate(Plans.gpu("g4dn.xlarge"), UsageProfile.defaults());

        assertThat(e.monthlyTotal()).isEqualByComparingTo("445.745");
        assertThat(e.monthlyTotalRounded()).isEqualTo(new BigDecimal("445.75"));
        assertThat(e.subtotals()).containsExactly(
                entry(ChargedResource.EC2, new BigDecimal("383.98")),
                entry(ChargedResource.EFS, new BigDecimal("30")),
                entry(ChargedResource.ALB, new BigDecimal("22.265")),
                entry(ChargedResource.CLOUDFRONT, new BigDecimal("9.5")));
        // 445.745 / 730 = 0.61060958904..., kept to 10 places
        assertThat(e.hourlyRunRate()).isEqualByComparingTo("0.610609589");
        assertThat(e.catalogAsOf()).hasToString("2026-11-01");
        assertThat(e.subject()).isEqualTo("gpu plan: g4dn.xlarge in us-east-1 with EFS, ALB and CloudFront");
        assertThat(e.notes()).isEmpty();
        assertThat(e.lineItems()).extracting(CostLineItem::description).containsExactly(
                "g4dn.xlarge on-demand",
                "EFS Standard storage",
                "Application Load Balancer hours",
                "Load balancer capacity units (1 LCU x 730 hours)",
                "CloudFront data transfer out, first 10 TB",
                "CloudFront HTTPS requests",
                "CloudFront SNI TLS certificate (ACM)");
        CostLineItem https = line(e, "CloudFront HTTPS requests");
        assertThat(https.quantity()).isEqualByComparingTo("100");
        assertThat(https.unit()).isEqualTo("10,000 requests");
        assertThat(line(e, "CloudFront SNI").monthlyCost()).isEqualByComparingTo("0");
    }

    @Test
    void estimate_sameStackFromDeploymentResources_equalsThePlanFigures() {
        CostEstimate fromState = ESTIMATOR.estimate(gpuStack().build(), UsageProfile.defaults());

        assertThat(fromState.monthlyTotal()).isEqualByComparingTo("445.745");
        assertThat(fromState.subject()).isEqualTo("g4dn.xlarge in us-east-1 with EFS, ALB and CloudFront");
    }

    @Test
    void estimate_tier1Dev_chargesEc2EfsAndInternetTransferAtTheEc2Rate() {
        // EC2 0.0416 x 730 = 30.368; EFS 100 x 0.30 = 30; data out 100 GB x 0.09 = 9; total 69.368
        CostEstimate e = ESTIMATOR.estimate(Plans.dev("t3.medium"), UsageProfile.defaults());

        assertThat(e.subtotals()).containsExactly(
                entry(ChargedResource.EC2, new BigDecimal("30.368")),
                entry(ChargedResource.EFS, new BigDecimal("30")),
                entry(ChargedResource.DATA_TRANSFER, new BigDecimal("9")));
        assertThat(e.monthlyTotal()).isEqualByComparingTo("69.368");
        assertThat(e.lineItems()).noneMatch(l -> l.description().contains("HTTPS"));
        assertThat(line(e, "EC2 data transfer out").description())
                .isEqualTo("EC2 data transfer out to the internet, first 10 TB");
    }

    @Test
    void estimate_tier2Automation_addsTheLoadBalancerButNoCloudFront() {
        // EC2 0.096 x 730 = 70.08; EFS 30; ALB 22.265; data out 9; total 131.345
        CostEstimate e = ESTIMATOR.estimate(Plans.automation("m5.large"), UsageProfile.defaults());

        assertThat(e.subtotals()).containsOnlyKeys(ChargedResource.EC2, ChargedResource.EFS, ChargedResource.ALB,
                ChargedResource.DATA_TRANSFER);
        assertThat(e.monthlyTotal()).isEqualByComparingTo("131.345");
    }

    @Test
    void estimate_withFreeTierOnAndUsageAboveTheAllowance_deductsOneTerabyteAndTenMillionRequests() {
        // out 2,000 GB x 0.085 = 170.00, free 1,024 GB x -0.085 = -87.04
        // HTTPS 12,000,000 -> 1,200 x 0.01 = 12.00, HTTP 3,000,000 -> 300 x 0.0075 = 2.25
        // free requests go to HTTPS first: 10,000,000 -> 1,000 x -0.01 = -10.00, nothing left for HTTP
        // CloudFront = 170 - 87.04 + 12 + 2.25 - 10 = 87.21
        UsageProfile usage = UsageProfile.builder().dataTransferOutGb(2000).httpsRequests(12_000_000)
                .httpRequests(3_000_000).freeTier(true).build();

        CostEstimate e = ESTIMATOR.estimate(gpuStack().build(), usage);

        assertThat(e.subtotals().get(ChargedResource.CLOUDFRONT)).isEqualByComparingTo("87.21");
        CostLineItem freeOut = line(e, "Free tier: CloudFront data transfer out");
        assertThat(freeOut.description()).isEqualTo("Free tier: CloudFront data transfer out (1 TB a month)");
        assertThat(freeOut.quantity()).isEqualByComparingTo("1024");
        assertThat(freeOut.monthlyCost()).isEqualByComparingTo("-87.04");
        assertThat(line(e, "Free tier: CloudFront HTTPS").monthlyCost()).isEqualByComparingTo("-10");
        assertThat(e.lineItems()).noneMatch(l -> l.description().startsWith("Free tier: CloudFront HTTP requests"));
    }

    @Test
    void estimate_withFreeTierAndFewHttpsRequests_spendsTheRestOfTheAllowanceOnHttp() {
        // HTTPS 4,000,000 all free: 400 x -0.01 = -4.00; HTTP 8,000,000 of which 6,000,000 free: 600 x -0.0075 = -4.50
        UsageProfile usage = UsageProfile.builder().httpsRequests(4_000_000).httpRequests(8_000_000).freeTier(true)
                .build();

        CostEstimate e = ESTIMATOR.estimate(gpuStack().build(), usage);

        assertThat(line(e, "Free tier: CloudFront HTTPS").monthlyCost()).isEqualByComparingTo("-4");
        assertThat(line(e, "Free tier: CloudFront HTTP requests").quantity()).isEqualByComparingTo("600");
        assertThat(line(e, "Free tier: CloudFront HTTP requests").monthlyCost()).isEqualByComparingTo("-4.5");
    }

    @Test
    void estimate_withFreeTierAndUsageWithinTheAllowance_makesCloudFrontTransferAndRequestsFree() {
        UsageProfile usage = UsageProfile.defaults().toBuilder().freeTier(true).build();

        CostEstimate e = ESTIMATOR.estimate(gpuStack().build(), usage);

        // 100 GB and 1,000,000 requests are inside 1 TB and 10,000,000 requests
        assertThat(e.subtotals().get(ChargedResource.CLOUDFRONT)).isEqualByComparingTo("0");
        assertThat(e.monthlyTotal()).isEqualByComparingTo("436.245");
    }

    @Test
    void estimate_withFreeTierWithoutCloudFront_deductsTheEc2Allowance() {
        // 150 GB x 0.09 = 13.50 minus the free 100 GB x 0.09 = 9.00 -> 4.50
        UsageProfile usage = UsageProfile.builder().dataTransferOutGb(150).freeTier(true).build();

        CostEstimate e = ESTIMATOR.estimate(Plans.dev("t3.micro"), usage);

        assertThat(e.subtotals().get(ChargedResource.DATA_TRANSFER)).isEqualByComparingTo("4.5");
        assertThat(line(e, "Free tier: EC2").description()).isEqualTo("Free tier: EC2 data transfer out (100 GB a month)");
    }

    @Test
    void estimate_withFreeTierAllowanceSpanningTwoBands_deductsEachBandAtItsOwnRate() {
        // a catalog whose first band is only 512 GB: the free 1,024 GB are 512 x 0.10 + 512 x 0.05 = 76.80
        PriceCatalog catalog = DEFAULTS.withCloudFrontDataTransferOut(
                TieredRate.of(RateBand.upTo(512, "0.10"), RateBand.over("0.05")));
        UsageProfile usage = UsageProfile.builder().dataTransferOutGb(2048).httpsRequests(0).freeTier(true).build();

        CostEstimate e = catalog.estimator().estimate(gpuStack().build(), usage);

        // charged 512 x 0.10 + 1,536 x 0.05 = 51.20 + 76.80 = 128.00; minus 76.80 = 51.20
        assertThat(e.subtotals().get(ChargedResource.CLOUDFRONT)).isEqualByComparingTo("51.2");
        assertThat(e.lineItems()).filteredOn(l -> l.description().startsWith("Free tier"))
                .extracting(CostLineItem::description).containsExactly(
                        "Free tier: CloudFront data transfer out (1 TB a month), first 512 GB",
                        "Free tier: CloudFront data transfer out (1 TB a month), over 512 GB");
    }

    @Test
    void estimate_withFreeTierAndNoTransfer_hasNoTransferDeduction() {
        UsageProfile usage = UsageProfile.builder().dataTransferOutGb(0).httpsRequests(0).freeTier(true).build();

        CostEstimate e = ESTIMATOR.estimate(Plans.gpu("t3.micro"), usage);

        assertThat(e.lineItems()).noneMatch(l -> l.description().startsWith("Free tier"));
        assertThat(line(e, "CloudFront data transfer out").quantity()).isEqualByComparingTo("0");
    }

    @Test
    void estimate_withASingleFlatTransferBand_namesItAllVolumes() {
        // 500 GB x 0.1 = 50
        PriceCatalog flat = DEFAULTS.withEc2DataTransferOut(TieredRate.of(RateBand.over("0.1")));

        CostEstimate e = flat.estimator().estimate(Plans.dev("t3.micro"),
                UsageProfile.builder().dataTransferOutGb(500).build());

        assertThat(line(e, "EC2 data transfer out").description()).isEqualTo("EC2 data transfer out to the internet, all volumes");
        assertThat(e.subtotals().get(ChargedResource.DATA_TRANSFER)).isEqualByComparingTo("50");
    }

    @Test
    void estimate_withFreeTierOff_hasNoDeductions() {
        CostEstimate e = ESTIMATOR.estimate(gpuStack().build(), UsageProfile.defaults());

        assertThat(e.lineItems()).noneMatch(l -> l.unitPrice().signum() < 0);
    }

    @Test
    void estimate_withSpotPrice_chargesTheDeploymentsSpotPriceInsteadOfOnDemand() {
        // 0.2104 x 730 = 153.592
        DeploymentResources spot = gpuStack().spotPricePerHour(new BigDecimal("0.2104")).build();

        CostEstimate e = ESTIMATOR.estimate(spot, UsageProfile.defaults());

        CostLineItem ec2 = line(e, "g4dn.xlarge");
        assertThat(ec2.description()).isEqualTo("g4dn.xlarge spot (price from the deployment)");
        assertThat(ec2.unitPrice()).isEqualByComparingTo("0.2104");
        assertThat(e.subtotals().get(ChargedResource.EC2)).isEqualByComparingTo("153.592");
        assertThat(e.subject()).contains("(spot)");
    }

    @Test
    void estimate_withSpotPriceForATypeTheCatalogLacks_needsNoOnDemandPrice() {
        DeploymentResources spot = DeploymentResources.builder().instanceType("g7.huge")
                .spotPricePerHour(new BigDecimal("1.5")).build();

        CostEstimate e = ESTIMATOR.estimate(spot, UsageProfile.defaults());

        // 1.5 x 730 = 1,095
        assertThat(e.subtotals().get(ChargedResource.EC2)).isEqualByComparingTo("1095");
    }

    @Test
    void estimate_withPlanSpotPrice_chargesIt() {
        Plan plan = Plans.dev().instanceType("g5.xlarge").spotPricePerHour(new BigDecimal("0.4"))
                .build();

        // 0.4 x 730 = 292
        assertThat(ESTIMATOR.estimate(plan, UsageProfile.defaults()).subtotals().get(ChargedResource.EC2))
                .isEqualByComparingTo("292");
    }

    @Test
    void estimate_withOverriddenPrices_usesThemAndLeavesTheDefaultsAlone() {
        PriceCatalog mine = DEFAULTS.withInstancePrice("g6.12xlarge", new BigDecimal("4.6016"))
                .withAlbHourly(new BigDecimal("0.0252"));

        CostEstimate e = mine.estimator().estimate(Plans.gpu("g6.12xlarge"), UsageProfile.defaults());

        // EC2 4.6016 x 730 = 3,359.168; ALB 0.0252 x 730 = 18.396 + LCU 5.84 = 24.236
        assertThat(e.subtotals().get(ChargedResource.EC2)).isEqualByComparingTo("3359.168");
        assertThat(e.subtotals().get(ChargedResource.ALB)).isEqualByComparingTo("24.236");
        assertThatThrownBy(() -> ESTIMATOR.estimate(Plans.gpu("g6.12xlarge"), UsageProfile.defaults()))
                .isInstanceOf(UnknownPriceException.class);
    }

    @Test
    void estimate_ofUnknownInstanceType_failsNamingTheTypeRegionAndHowToAddIt() {
        assertThatThrownBy(() -> ESTIMATOR.estimate(Plans.gpu("g9.huge"), UsageProfile.defaults()))
                .isInstanceOf(UnknownPriceException.class)
                .isInstanceOf(TierStateException.class)
                .hasMessageContaining("'g9.huge'")
                .hasMessageContaining("us-east-1, as of 2026-11-01")
                .hasMessageContaining("PriceCatalog.defaults().withInstancePrice(\"g9.huge\", new BigDecimal(")
                .hasMessageContaining("{\"ec2\": {\"instances\": {\"g9.huge\": \"<USD per hour>\"}}}")
                .hasMessageContaining("overriddenBy(Path.of(\"prices.json\"))")
                .hasMessageContaining("g4dn.xlarge")
                .satisfies(t -> {
                    UnknownPriceException e = (UnknownPriceException) t;
                    assertThat(e.instanceType()).isEqualTo("g9.huge");
                    assertThat(e.region()).isEqualTo("us-east-1");
                });
    }

    @Test
    void estimate_withoutInstanceType_chargesNoEc2AndSaysWhy() {
        DeploymentResources creating = DeploymentResources.builder().hasEfs(true).build();

        CostEstimate e = ESTIMATOR.estimate(creating, UsageProfile.defaults());

        assertThat(e.subtotals()).doesNotContainKey(ChargedResource.EC2);
        assertThat(e.notes()).singleElement().asString().contains("No instance type");
        assertThat(e.subject()).startsWith("instance of unknown type");
    }

    @Test
    void estimate_withDeploymentEfsPrice_usesIt() {
        // 100 GB x 0.33 = 33
        CostEstimate e = ESTIMATOR.estimate(gpuStack().efsGbMonthPrice(new BigDecimal("0.33")).build(),
                UsageProfile.defaults());

        assertThat(e.subtotals().get(ChargedResource.EFS)).isEqualByComparingTo("33");
        assertThat(line(e, "EFS").description()).isEqualTo("EFS Standard storage (price from the deployment)");
    }

    @Test
    void estimate_withSeveralInstances_multipliesInstanceHours() {
        // 3 x 730 = 2,190 instance-hours x 0.0104 = 22.776
        CostEstimate e = ESTIMATOR.estimate(Plans.dev().instanceType("t3.micro").instanceCount(3)
                .build(), UsageProfile.defaults());

        CostLineItem ec2 = line(e, "t3.micro");
        assertThat(ec2.quantity()).isEqualByComparingTo("2190");
        assertThat(ec2.monthlyCost()).isEqualByComparingTo("22.776");
        assertThat(ec2.description()).isEqualTo("t3.micro on-demand (3 instances)");
        assertThat(e.subject()).startsWith("dev plan: 3 x t3.micro");
    }

    @Test
    void estimate_withOriginTransferHttpAndInvalidations_chargesEachOnItsOwnLine() {
        // origin 50 GB x 0.020 = 1.00; HTTP 2,000,000 -> 200 x 0.0075 = 1.50; invalidations 1,500 - 1,000 free = 500 x 0.005 = 2.50
        UsageProfile usage = UsageProfile.builder().originTransferGb(50).httpRequests(2_000_000)
                .invalidationPaths(1_500).build();

        CostEstimate e = ESTIMATOR.estimate(gpuStack().build(), usage);

        assertThat(line(e, "CloudFront origin transfer").monthlyCost()).isEqualByComparingTo("1");
        assertThat(line(e, "CloudFront HTTP requests").monthlyCost()).isEqualByComparingTo("1.5");
        CostLineItem invalidations = line(e, "CloudFront invalidation paths");
        assertThat(invalidations.description()).isEqualTo("CloudFront invalidation paths beyond the free 1,000 (of 1,500)");
        assertThat(invalidations.monthlyCost()).isEqualByComparingTo("2.5");
        // 8.50 + 1.00 + 1.50 + 1.00 + 2.50
        assertThat(e.subtotals().get(ChargedResource.CLOUDFRONT)).isEqualByComparingTo("14.5");
    }

    @Test
    void estimate_withInvalidationsWithinTheFreePaths_showsAZeroCostLine() {
        CostEstimate e = ESTIMATOR.estimate(gpuStack().build(), UsageProfile.builder().invalidationPaths(800).build());

        assertThat(line(e, "CloudFront invalidation paths").quantity()).isEqualByComparingTo("0");
        assertThat(line(e, "CloudFront invalidation paths").monthlyCost()).isEqualByComparingTo("0");
    }

    @Test
    void estimate_withoutCloudFront_ignoresRequestsOriginTransferAndInvalidations() {
        UsageProfile usage = UsageProfile.builder().originTransferGb(50).httpRequests(2_000_000)
                .invalidationPaths(1_500).build();

        CostEstimate e = ESTIMATOR.estimate(Plans.automation("t3.small"), usage);

        assertThat(e.lineItems()).noneMatch(l -> l.resource() == ChargedResource.CLOUDFRONT);
    }

    @Test
    void estimate_withFewerHours_chargesHourlyPricesForThoseHoursOnly() {
        // EC2 0.526 x 100 = 52.60; ALB 0.0225 x 100 + 0.008 x 2.5 x 100 = 2.25 + 2.00; EFS still 30 a month
        UsageProfile usage = UsageProfile.builder().hoursPerMonth(100).lcu(new BigDecimal("2.5")).build();

        CostEstimate e = ESTIMATOR.estimate(gpuStack().build(), usage);

        assertThat(e.hoursPerMonth()).isEqualByComparingTo("100");
        assertThat(e.subtotals().get(ChargedResource.EC2)).isEqualByComparingTo("52.6");
        assertThat(e.subtotals().get(ChargedResource.ALB)).isEqualByComparingTo("4.25");
        assertThat(e.subtotals().get(ChargedResource.EFS)).isEqualByComparingTo("30");
        assertThat(line(e, "Load balancer capacity units").description())
                .isEqualTo("Load balancer capacity units (2.5 LCU x 100 hours)");
    }

    @Test
    void estimate_whenCalledFromManyThreads_givesTheSameResult() throws Exception {
        CostEstimate expected = ESTIMATOR.estimate(gpuStack().build(), UsageProfile.defaults());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<CostEstimate>> results = pool.invokeAll(IntStream.range(0, 64)
                    .mapToObj(i -> (java.util.concurrent.Callable<CostEstimate>)
                            () -> ESTIMATOR.estimate(gpuStack().build(), UsageProfile.defaults()))
                    .toList());
            for (Future<CostEstimate> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void estimator_ofACatalog_exposesItAndNamesItInToString() {
        assertThat(DEFAULTS.estimator().catalog()).isSameAs(DEFAULTS);
        assertThat(ESTIMATOR.toString()).contains("us-east-1", "2026-11-01");
        assertThatThrownBy(() -> CostEstimator.of(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("catalog");
    }
}
