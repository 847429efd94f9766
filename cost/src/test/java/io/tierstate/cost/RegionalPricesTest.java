package io.tierstate.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A deployment is priced in its own region: the catalog's regions, their blocks in files, and what is missing. */
class RegionalPricesTest {

    private static final PriceCatalog DEFAULTS = PriceCatalog.defaults();

    /** Figures of this test's own for what the bundled regions have no source for; not AWS prices. */
    private static final String USERS_EU_CENTRAL = "{\"regions\": {\"eu-central-1\": {\"alb\": {\"hourly\": \"0.03\","
            + " \"lcu_hourly\": \"0.01\"}, \"efs\": {\"standard_storage\": \"0.40\"}}}}";

    private static DeploymentResources.Builder spotWithCloudFront(String region) {
        return DeploymentResources.builder().region(region).instanceType("g4dn.xlarge")
                .spotPricePerHour(new BigDecimal("0.2104")).hasEfs(true).efsGbMonthPrice(new BigDecimal("0.33"))
                .hasCloudFront(true);
    }

    // ------------------------------------------------------------------ the bundled regions

    private static final LocalDate TAKEN = LocalDate.of(2026, 12, 3);

    @Test
    void defaults_priceFiveRegions_eachDatedWithItsSources() {
        assertThat(DEFAULTS.pricedRegions()).containsExactly("us-east-1", "us-west-2", "eu-west-1", "eu-central-1",
                "ap-southeast-1");
        assertThat(DEFAULTS.regions().values()).allSatisfy(r -> {
            assertThat(r.asOf()).isEqualTo(TAKEN);
            // every source is a public file pinned to a commit, so what it said can be read again
            assertThat(r.sources()).isNotEmpty().allSatisfy(src -> assertThat(src)
                    .matches("https://github\\.com/[^/ ]+/[^/ ]+/(blob|tree)/[0-9a-f]{40}/\\S+ \\(.+"));
            assertThat(r.sources()).anySatisfy(src -> assertThat(src).contains("github.com/tsaol/aws-gpu/tree/7412fd25"))
                    .anySatisfy(src -> assertThat(src).contains("github.com/skypilot-org/skypilot-catalog/blob/00148f2a"));
            assertThat(r.ec2DataTransferOut()).isPresent();
        });
        // 10 CPU types in each; the GPU source lists no g6 or g6e in Ireland and no g5, g6 or g6e in Singapore
        assertThat(DEFAULTS.regions().get("us-west-2").instancePrices()).hasSize(28);
        assertThat(DEFAULTS.regions().get("eu-west-1").instancePrices()).hasSize(25);
        assertThat(DEFAULTS.regions().get("eu-central-1").instancePrices()).hasSize(28);
        assertThat(DEFAULTS.regions().get("ap-southeast-1").instancePrices()).hasSize(19);
        // only what a current source that can be named gives: no Oregon EFS price (its one row is of 2017)
        assertThat(DEFAULTS.regions().get("us-west-2").efsStandardStorage()).isEmpty();
    }

    @ParameterizedTest(name = "{1} in {0} costs {2} an hour")
    @CsvSource({
        "us-west-2, g4dn.xlarge, 0.526", "us-west-2, g5.xlarge, 1.006", "us-west-2, p4d.24xlarge, 21.95764",
        "eu-west-1, g4dn.xlarge, 0.587", "eu-west-1, g5.2xlarge, 1.35296", "eu-west-1, p3.2xlarge, 3.305",
        "eu-central-1, g4dn.xlarge, 0.658", "eu-central-1, g6.xlarge, 1.0064", "eu-central-1, g6e.xlarge, 2.327",
        "ap-southeast-1, g4dn.xlarge, 0.736", "ap-southeast-1, g4dn.12xlarge, 5.474", "ap-southeast-1, p4d.24xlarge, 26.34917",
        // the CPU types, as the SkyPilot catalog's rows give them (and the 2023 page scrape, libcloud and a 2025 bill)
        "us-west-2, t3.micro, 0.0104", "us-west-2, t3.xlarge, 0.1664", "us-west-2, m5.large, 0.096",
        "us-west-2, m5.2xlarge, 0.384", "us-west-2, c5.xlarge, 0.17",
        "eu-west-1, t3.micro, 0.0114", "eu-west-1, t3.medium, 0.0456", "eu-west-1, m5.xlarge, 0.214",
        "eu-west-1, c5.large, 0.096", "eu-west-1, c5.xlarge, 0.192",
        "eu-central-1, t3.small, 0.024", "eu-central-1, t3.large, 0.096", "eu-central-1, m5.large, 0.115",
        "eu-central-1, m5.2xlarge, 0.46", "eu-central-1, c5.large, 0.097",
        "ap-southeast-1, t3.small, 0.0264", "ap-southeast-1, t3.medium, 0.0528", "ap-southeast-1, m5.large, 0.12",
        "ap-southeast-1, m5.xlarge, 0.24", "ap-southeast-1, c5.xlarge, 0.196"
    })
    void defaults_haveTheCitedOnDemandPriceOfAnInstanceTypeInARegion(String region, String type, String price) {
        assertThat(DEFAULTS.regions().get(region).instancePrices().get(type)).isEqualByComparingTo(price);
    }

    @ParameterizedTest(name = "{0}: ALB {1} + {2} an LCU-hour, EFS {3}, transfer {4}")
    @CsvSource({
        "us-west-2,      0.0225, 0.008, ,     0.09 0.085 0.07 0.05",
        "eu-west-1,      0.0252, 0.008, 0.33, 0.09 0.085 0.07 0.05",
        "eu-central-1,   0.027,  0.008, 0.36, 0.09 0.085 0.07 0.05",
        "ap-southeast-1, 0.0252, 0.008, 0.36, 0.12 0.085 0.082 0.08"
    })
    void defaults_haveTheCitedLoadBalancerFileSystemAndTransferPricesOfARegion(String region, String albHourly,
            String lcuHourly, String efs, String transfer) {
        RegionPrices r = DEFAULTS.regions().get(region);

        assertThat(r.albHourly().map(BigDecimal::toPlainString)).isEqualTo(java.util.Optional.ofNullable(albHourly));
        assertThat(r.albLcuHourly().map(BigDecimal::toPlainString)).isEqualTo(java.util.Optional.ofNullable(lcuHourly));
        assertThat(r.efsStandardStorage().map(BigDecimal::toPlainString)).isEqualTo(java.util.Optional.ofNullable(efs));
        TieredRate t = r.ec2DataTransferOut().orElseThrow();
        assertThat(t.bands()).extracting(b -> b.pricePerGb().toPlainString()).containsExactly(transfer.split(" "));
        assertThat(t.bands()).extracting(b -> b.upToGb().map(BigDecimal::toPlainString).orElse("-"))
                .containsExactly("10240", "51200", "153600", "-");
    }

    @Test
    void estimate_ofATier3GpuStackInEuWest1_isPricedWithTheBundledPricesAlone() {
        CostEstimate e = DEFAULTS.estimator().estimate(Plans.gpu().instanceType("g4dn.xlarge").region("eu-west-1").build(),
                UsageProfile.defaults());

        // EC2 0.587 x 730 = 428.51; EFS 100 x 0.33 = 33; ALB 0.0252 x 730 = 18.396 and 1 LCU x 730 x 0.008 = 5.84;
        // CloudFront 100 GB x 0.085 + 1,000,000 / 10,000 x 0.01 = 9.5 -> 495.246
        assertThat(e.subtotals().get(ChargedResource.EC2)).isEqualByComparingTo("428.51");
        assertThat(e.subtotals().get(ChargedResource.EFS)).isEqualByComparingTo("33");
        assertThat(e.subtotals().get(ChargedResource.ALB)).isEqualByComparingTo("24.236");
        assertThat(e.monthlyTotal()).isEqualByComparingTo("495.246");
        assertThat(e.catalogRegion()).isEqualTo("eu-west-1");
        assertThat(e.notes()).isEmpty();
    }

    @Test
    void estimate_ofADevStackInSingapore_chargesItsDearerTransfer() {
        CostEstimate e = DEFAULTS.estimator().estimate(Plans.dev().instanceType("t3.medium").region("ap-southeast-1")
                .build(), UsageProfile.defaults());

        // EC2 0.0528 x 730 = 38.544; EFS 100 x 0.36 = 36; 100 GB out x 0.12 = 12 -> 86.544
        assertThat(e.subtotals().get(ChargedResource.EC2)).isEqualByComparingTo("38.544");
        assertThat(e.monthlyTotal()).isEqualByComparingTo("86.544");
    }

    @Test
    void estimate_ofHeavyTransferInSingapore_walksItsFourTiers() {
        CostEstimate e = DEFAULTS.estimator().estimate(Plans.dev().instanceType("t3.micro").region("ap-southeast-1")
                .build(), UsageProfile.defaults().withDataTransferOutGb(new BigDecimal("160000")));

        // 10,240 x 0.12 = 1,228.8; 40,960 x 0.085 = 3,481.6; 102,400 x 0.082 = 8,396.8; 6,400 x 0.08 = 512
        // -> 13,619.2 out; EC2 0.0132 x 730 = 9.636; EFS 36 -> 13,664.836
        assertThat(e.monthlyTotal()).isEqualByComparingTo("13664.836");
    }

    // ------------------------------------------------------------------ priced in its own region

    @Test
    void estimate_inARegionOfTheCatalog_usesThatRegionsPricesAndDate() {
        CostEstimate e = DEFAULTS.estimator().estimate(spotWithCloudFront("eu-west-1").build(), UsageProfile.defaults());

        // spot 730 x 0.2104 = 153.592; EFS 100 x 0.33 = 33; CloudFront 100 x 0.085 + 100 x 0.01 = 9.5 -> 196.092
        assertThat(e.monthlyTotal()).isEqualByComparingTo("196.092");
        assertThat(e.region()).isEqualTo("eu-west-1");
        assertThat(e.catalogRegion()).isEqualTo("eu-west-1");
        assertThat(e.catalogAsOf()).isEqualTo(TAKEN);
        assertThat(e.notes()).isEmpty();
        assertThat(e.render()).contains("Prices: USD, eu-west-1, as of 2026-12-03");
    }

    @Test
    void estimate_ofAnOnDemandGpuStackInEuCentral1_chargesItsInstancePriceAndTheFilesOtherPrices() {
        PriceCatalog mine = DEFAULTS.overriddenByJson(USERS_EU_CENTRAL);
        Plan plan = Plans.gpu().instanceType("g4dn.xlarge").region("eu-central-1").build();

        CostEstimate e = mine.estimator().estimate(plan, UsageProfile.defaults());

        // EC2 0.658 x 730 = 480.34; ALB 0.03 x 730 = 21.9; LCU 0.01 x 730 = 7.3; EFS 100 x 0.40 = 40;
        // CloudFront 8.5 + 1.00 = 9.5 -> 559.04
        assertThat(e.subtotals().get(ChargedResource.EC2)).isEqualByComparingTo("480.34");
        assertThat(e.subtotals().get(ChargedResource.ALB)).isEqualByComparingTo("29.2");
        assertThat(e.subtotals().get(ChargedResource.EFS)).isEqualByComparingTo("40");
        assertThat(e.monthlyTotal()).isEqualByComparingTo("559.04");
        // the file named no date, so the block keeps its own
        assertThat(e.catalogAsOf()).isEqualTo(TAKEN);
        assertThat(mine.regions().get("eu-central-1").instancePrices()).hasSize(28);
    }

    @Test
    void diff_ofTheSameStackInTwoRegions_isTheMonthlyChangePerLine() {
        PriceCatalog mine = DEFAULTS.overriddenByJson(USERS_EU_CENTRAL);
        DeploymentResources here = DeploymentResources.builder().instanceType("g4dn.xlarge").hasEfs(true).hasAlb(true)
                .hasCloudFront(true).build();

        CostDiff d = mine.estimator().estimate(here, UsageProfile.defaults())
                .diff(mine.estimator().estimate(DeploymentResources.builder().from(here).region("eu-central-1").build(),
                        UsageProfile.defaults()));

        // 445.745 in us-east-1 -> 559.04 in eu-central-1: EC2 +96.36 (383.98 -> 480.34), EFS +10, ALB +5.475 and +1.46
        assertThat(d.totalDelta()).isEqualByComparingTo("113.295");
        assertThat(d.subtotalDeltas().get(ChargedResource.EC2)).isEqualByComparingTo("96.36");
        assertThat(d.subtotalDeltas().get(ChargedResource.EFS)).isEqualByComparingTo("10");
        assertThat(d.subtotalDeltas().get(ChargedResource.ALB)).isEqualByComparingTo("6.935");
        assertThat(d.subtotalDeltas().get(ChargedResource.CLOUDFRONT)).isEqualByComparingTo("0");
        // each side's prices are named, with their dates
        assertThat(d.render()).contains("Prices: USD, before us-east-1 as of 2026-11-01, after eu-central-1 as of 2026-12-03");
        assertThat(d.toJson()).contains("\"catalog_region\": \"eu-central-1\"")
                .contains("\"before_catalog_region\": \"us-east-1\"")
                .contains("\"before_catalog_as_of\": \"2026-11-01\"");
        CostDiff sameRegion = mine.estimator().estimate(here, UsageProfile.defaults())
                .diff(mine.estimator().estimate(DeploymentResources.builder().from(here).hasCloudFront(false).build(),
                        UsageProfile.defaults()));
        assertThat(sameRegion.render()).contains("Prices: USD, us-east-1, as of 2026-11-01");
        assertThat(sameRegion.toJson()).doesNotContain("before_catalog");
    }

    @Test
    void costToDate_inARegion_usesItsPrices() {
        CostToDate c = DEFAULTS.estimator().costToDate(spotWithCloudFront("eu-west-1").build(), UsageProfile.defaults(),
                Instant.parse("2026-07-17T10:00:00Z"), Instant.parse("2026-07-18T10:00:00Z"));

        // 24 h x 0.2104 = 5.0496; 24 / 730 = 0.032877 month; EFS 100 x 0.032877 x 0.33 = 1.084941;
        // CloudFront 9.5 x 0.032877 = 0.3123315 -> 6.4468725
        assertThat(c.total()).isEqualByComparingTo("6.4468725");
        assertThat(c.catalogRegion()).isEqualTo("eu-west-1");
        assertThat(c.catalogAsOf()).isEqualTo(TAKEN);
    }

    // ------------------------------------------------------------------ what is missing

    @Test
    void estimate_needingPricesTheRegionLacks_failsOnceNamingEveryOneAndTheBlockToAdd() {
        Plan dev = Plans.dev().instanceType("t3.2xlarge").region("us-west-2").build();

        assertThatThrownBy(() -> DEFAULTS.estimator().estimate(dev, UsageProfile.defaults()))
                .isInstanceOf(UnknownPriceException.class)
                .isNotInstanceOf(UnknownRegionException.class)
                .hasMessageContaining("prices for us-west-2 (as of 2026-12-03) lack an on-demand price for instance"
                        + " type 't3.2xlarge' and the EFS Standard storage price (efs/standard_storage)")
                .hasMessageContaining("no region's price is used for another's")
                .hasMessageContaining("{\"regions\": {\"us-west-2\": {\"as_of\": \"<YYYY-MM-DD>\"")
                .hasMessageContaining("\"ec2\": {\"instances\": {\"t3.2xlarge\": \"<USD per hour>\"}}")
                .hasMessageContaining("\"efs\": {\"standard_storage\": \"<USD per GB-month>\"}")
                .hasMessageContaining("overriddenBy(Path.of(\"prices.json\"))")
                .hasMessageContaining("Types with a price in us-west-2: t3.micro, t3.small")
                .satisfies(t -> {
                    UnknownPriceException e = (UnknownPriceException) t;
                    assertThat(e.instanceType()).isEqualTo("t3.2xlarge");
                    assertThat(e.region()).isEqualTo("us-west-2");
                    assertThat(e.missing()).containsExactly("/regions/us-west-2/ec2/instances/t3.2xlarge",
                            "/regions/us-west-2/efs/standard_storage");
                });
        // Singapore has no g5 price: a GPU stack on one names the type alone, the other prices being there
        assertThatThrownBy(() -> DEFAULTS.estimator().estimate(Plans.gpu().instanceType("g5.xlarge")
                .region("ap-southeast-1").build(), UsageProfile.defaults()))
                .isInstanceOf(UnknownPriceException.class)
                .hasMessageContaining("prices for ap-southeast-1 (as of 2026-12-03) lack an on-demand price for instance"
                        + " type 'g5.xlarge';")
                .satisfies(t -> assertThat(((UnknownPriceException) t).missing())
                        .containsExactly("/regions/ap-southeast-1/ec2/instances/g5.xlarge"));
    }

    @Test
    void estimate_inARegionWithoutPrices_failsNamingTheRegionsThereAreAndHowToAddIt() {
        DeploymentResources paris = spotWithCloudFront("eu-west-3").build();

        assertThatThrownBy(() -> DEFAULTS.estimator().estimate(paris, UsageProfile.defaults()))
                .isInstanceOf(UnknownRegionException.class)
                .hasMessageContaining("no prices for region eu-west-3; it prices us-east-1, us-west-2, eu-west-1,"
                        + " eu-central-1, ap-southeast-1")
                .hasMessageContaining("{\"regions\": {\"eu-west-3\": {\"as_of\": \"<YYYY-MM-DD>\"")
                .hasMessageContaining("\"alb\": {\"hourly\": \"<USD per ALB-hour>\", \"lcu_hourly\": \"<USD per LCU-hour>\"}")
                .satisfies(t -> {
                    UnknownRegionException e = (UnknownRegionException) t;
                    assertThat(e.region()).isEqualTo("eu-west-3");
                    assertThat(e.pricedRegions()).hasSize(5).startsWith("us-east-1");
                    assertThat(e.missing()).containsExactly("/regions/eu-west-3");
                    assertThat(e.instanceType()).isEmpty();
                });
        assertThatThrownBy(() -> DEFAULTS.estimator().costToDate(paris, UsageProfile.defaults(), Instant.EPOCH,
                Instant.EPOCH)).isInstanceOf(UnknownRegionException.class);
    }

    @Test
    void estimate_inTheCatalogsOwnRegion_keepsTheInstanceMessageOfBefore() {
        assertThatThrownBy(() -> DEFAULTS.estimator().estimate(Plans.dev("g9.huge"), UsageProfile.defaults()))
                .isInstanceOf(UnknownPriceException.class)
                .hasMessageStartingWith("No on-demand price for instance type 'g9.huge' in the price catalog (us-east-1")
                .satisfies(t -> assertThat(((UnknownPriceException) t).missing())
                        .containsExactly("/ec2/instances/g9.huge"));
    }

    // ------------------------------------------------------------------ region blocks in files and code

    @Test
    void aFileCanAddARegion_withItsDateAndEveryRegionalPrice() {
        PriceCatalog mine = DEFAULTS.overriddenByJson("{\"regions\": {\"eu-west-3\": {\"as_of\": \"2026-12-01\","
                + " \"sources\": [\"my bill\"], \"ec2\": {\"instances\": {\"T3.Medium\": \"0.05\"}, \"data_transfer_out\":"
                + " {\"tiers\": [{\"up_to_gb\": 10240, \"price\": \"0.10\"}, {\"price\": \"0.08\"}]}}, \"efs\":"
                + " {\"standard_storage\": {\"price\": \"0.40\", \"unit\": \"GB-month\"}}}}}");
        Plan dev = Plans.dev().instanceType("t3.medium").region("eu-west-3").build();

        CostEstimate e = mine.estimator().estimate(dev, UsageProfile.defaults());

        // EC2 0.05 x 730 = 36.5; EFS 100 x 0.40 = 40; transfer 100 GB x 0.10 = 10 -> 86.5
        assertThat(e.monthlyTotal()).isEqualByComparingTo("86.5");
        assertThat(e.catalogAsOf()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(mine.pricedRegions()).endsWith("eu-west-3");
        assertThat(mine.regions().get("eu-west-3").sources()).containsExactly("my bill");
        assertThat(PriceCatalog.parse(mine.toJson())).isEqualTo(mine);
    }

    @Test
    void toJson_ofTheDefaults_writesTheRegionsAndReadsThemBack() {
        String json = DEFAULTS.toJson();

        assertThat(json).contains("\"regions\": {").contains("\"eu-central-1\": {").contains("\"as_of\": \"2026-12-03\"");
        assertThat(PriceCatalog.parse(json)).isEqualTo(DEFAULTS);
    }

    @Test
    void aCatalogWithoutRegions_isReadAsOnlyItsOwnRegion() {
        PriceCatalog eu = PriceCatalog.load(PriceCatalogTest.fixture("complete-eu-west-1.json"));

        assertThat(eu.regions()).isEmpty();
        assertThat(eu.pricedRegions()).containsExactly("eu-west-1");
        assertThatThrownBy(() -> eu.estimator().estimate(Plans.dev("g4dn.xlarge"), UsageProfile.defaults()))
                .isInstanceOf(UnknownRegionException.class).hasMessageContaining("it prices eu-west-1,");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"regions\": {\"eu-west-3\": {\"ec2\": {\"instances\": {\"t3.medium\": \"0.05\"}}}}} | /regions/eu-west-3/as_of"
                + " | required field \"as_of\" is missing",
        "{\"regions\": {\"us-east-1\": {\"as_of\": \"2026-12-01\"}}} | /regions/us-east-1 | this catalog's own region",
        "{\"regions\": {\"EU_WEST\": {\"as_of\": \"2026-12-01\"}}} | /regions/EU_WEST | not an AWS region code",
        "{\"regions\": {\"eu-west-1\": {\"alb\": {\"hourly\": \"-0.1\"}}}} | /regions/eu-west-1/alb/hourly | is negative",
        "{\"regions\": {\"eu-west-1\": {\"cloudfront\": {}}}} | /regions/eu-west-1/cloudfront | unknown field",
        "{\"regions\": {\"eu-west-1\": {\"ec2\": {\"free_data_transfer_out_gb\": 100}}}}"
                + " | /regions/eu-west-1/ec2/free_data_transfer_out_gb | unknown field",
        "{\"regions\": {\"eu-west-1\": {\"efs\": {\"standard_storage\": {\"price\": \"0.3\", \"unit\": \"GB\"}}}}}"
                + " | /regions/eu-west-1/efs/standard_storage/unit | not the unit of this price",
        "{\"regions\": [\"eu-west-1\"]} | /regions | expected an object of region code"
    })
    void aBadRegionBlock_failsNamingTheField(String json, String pointer, String problem) {
        assertThatThrownBy(() -> DEFAULTS.overriddenByJson(json))
                .isInstanceOf(InvalidPriceCatalogException.class)
                .hasMessageContaining(problem)
                .satisfies(t -> assertThat(((InvalidPriceCatalogException) t).pointer()).isEqualTo(pointer));
    }

    @Test
    void withRegionPrices_addsARegion_andWithRegionDropsTheBlockItsTopLevelNowStandsFor() {
        PriceCatalog mine = DEFAULTS.withRegionPrices("sa-east-1", RegionPrices.builder().asOf(LocalDate.of(2026, 12, 1))
                .putInstancePrice("g4dn.xlarge", new BigDecimal("0.9")).build());

        assertThat(mine.pricedRegions()).endsWith("sa-east-1");
        assertThat(mine.estimator().estimate(spotWithCloudFront("sa-east-1").instanceType("g4dn.xlarge")
                .spotPricePerHour(java.util.Optional.empty()).build(), UsageProfile.defaults())
                .subtotals().get(ChargedResource.EC2)).isEqualByComparingTo("657"); // 0.9 x 730
        assertThat(DEFAULTS.withRegion("eu-west-1").pricedRegions())
                .containsExactly("eu-west-1", "us-west-2", "eu-central-1", "ap-southeast-1");
        assertThatThrownBy(() -> DEFAULTS.withRegionPrices("us-east-1", RegionPrices.builder()
                .asOf(LocalDate.of(2026, 12, 1)).build()))
                .isInstanceOf(InvalidPriceCatalogException.class).hasMessageContaining("/regions/us-east-1");
        assertThatThrownBy(() -> DEFAULTS.withRegionPrices("sa-east-1", RegionPrices.builder()
                .asOf(LocalDate.of(2026, 12, 1)).putInstancePrice("G4DN", BigDecimal.ONE).build()))
                .isInstanceOf(InvalidPriceCatalogException.class).hasMessageContaining("/regions/sa-east-1/ec2/instances/G4DN");
    }
}
