package io.tierstate.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tierstate.error.TierStateException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriceCatalogTest {

    private static final PriceCatalog DEFAULTS = PriceCatalog.defaults();

    static Path fixture(String name) {
        try {
            return Path.of(PriceCatalogTest.class.getResource("/catalogs/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ defaults

    @Test
    void defaults_areDatedUsEast1UsdWithTheirSources() {
        assertThat(DEFAULTS.asOf()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(DEFAULTS.currency()).isEqualTo("USD");
        assertThat(DEFAULTS.region()).isEqualTo("us-east-1");
        assertThat(DEFAULTS.hoursPerMonth()).isEqualByComparingTo("730");
        assertThat(DEFAULTS.sources()).contains("https://aws.amazon.com/cloudfront/pricing/",
                "https://aws.amazon.com/ec2/pricing/on-demand/", "https://aws.amazon.com/elasticloadbalancing/pricing/",
                "https://aws.amazon.com/efs/pricing/");
        assertThat(PriceCatalog.defaults()).isSameAs(DEFAULTS);
        assertThat(DEFAULTS.toString()).isEqualTo("PriceCatalog[us-east-1, USD, as of 2026-11-01, 28 instance types; also us-west-2,"
                + " eu-west-1, eu-central-1, ap-southeast-1]");
    }

    @ParameterizedTest(name = "{0} costs {1} an hour")
    @CsvSource({
        "g4dn.xlarge, 0.526", "g4dn.2xlarge, 0.752", "g4dn.4xlarge, 1.204", "g4dn.8xlarge, 2.176",
        "g4dn.12xlarge, 3.912", "g4dn.16xlarge, 4.352", "g5.xlarge, 1.006", "g5.2xlarge, 1.212",
        "g5.4xlarge, 1.624", "g5.8xlarge, 2.448", "g5.12xlarge, 5.672", "g5.48xlarge, 16.288",
        "g6.xlarge, 0.8048", "g6.2xlarge, 0.9776", "g6e.xlarge, 1.861", "p3.2xlarge, 3.06", "p3.8xlarge, 12.24",
        "p4d.24xlarge, 21.957642", "t3.micro, 0.0104", "t3.small, 0.0208", "t3.medium, 0.0416", "t3.large, 0.0832",
        "t3.xlarge, 0.1664", "m5.large, 0.096", "m5.xlarge, 0.192", "m5.2xlarge, 0.384", "c5.large, 0.085",
        "c5.xlarge, 0.17"
    })
    void defaults_haveTheOnDemandPriceOfEachInstanceType(String type, String price) {
        assertThat(DEFAULTS.instancePrice(type)).hasValueSatisfying(p -> {
            assertThat(p.amount()).isEqualByComparingTo(price);
            assertThat(p.unit()).isEqualTo("instance-hour");
        });
    }

    @Test
    void defaults_haveTheLoadBalancerEfsAndCloudFrontPricesWithTheirUnits() {
        assertThat(DEFAULTS.albHourly()).hasToString("0.0225 per ALB-hour");
        assertThat(DEFAULTS.albLcuHourly()).hasToString("0.008 per LCU-hour");
        assertThat(DEFAULTS.efsStandardStorage()).hasToString("0.30 per GB-month");
        assertThat(DEFAULTS.cloudFrontHttpsRequests()).hasToString("0.0100 per 10,000 requests");
        assertThat(DEFAULTS.cloudFrontHttpRequests()).hasToString("0.0075 per 10,000 requests");
        assertThat(DEFAULTS.cloudFrontOriginTransfer()).hasToString("0.020 per GB");
        assertThat(DEFAULTS.cloudFrontInvalidationPaths()).hasToString("0.005 per path");
        assertThat(DEFAULTS.cloudFrontFreeInvalidationPaths()).isEqualTo(1000);
        assertThat(DEFAULTS.cloudFrontSniCertificate()).hasToString("0 per certificate-month");
        assertThat(DEFAULTS.cloudFrontFreeDataTransferOutGb()).isEqualByComparingTo("1024");
        assertThat(DEFAULTS.cloudFrontFreeRequests()).isEqualTo(10_000_000L);
        assertThat(DEFAULTS.ec2FreeDataTransferOutGb()).isEqualByComparingTo("100");
    }

    @Test
    void defaults_haveTheCloudFrontAndEc2TransferBands() {
        assertThat(DEFAULTS.cloudFrontDataTransferOut().bands())
                .extracting(b -> b.upToGb().map(BigDecimal::toPlainString).orElse("-"), b -> b.pricePerGb().toPlainString())
                .containsExactly(
                        tuple("10240", "0.085"),
                        tuple("51200", "0.080"),
                        tuple("153600", "0.060"),
                        tuple("512000", "0.040"),
                        tuple("1048576", "0.030"),
                        tuple("5242880", "0.025"),
                        tuple("-", "0.020"));
        assertThat(DEFAULTS.ec2DataTransferOut().bands())
                .extracting(b -> b.upToGb().map(BigDecimal::toPlainString).orElse("-"), b -> b.pricePerGb().toPlainString())
                .containsExactly(
                        tuple("10240", "0.09"),
                        tuple("51200", "0.085"),
                        tuple("153600", "0.07"),
                        tuple("-", "0.05"));
    }

    @Test
    void instancePrice_ignoresCaseAndBlanks_andIsEmptyForUnknownTypes() {
        assertThat(DEFAULTS.instancePrice(" G4DN.XLARGE ")).map(Price::amount).hasValue(new BigDecimal("0.526"));
        assertThat(DEFAULTS.instancePrice("g9.huge")).isEmpty();
    }

    // ------------------------------------------------------------------ fluent overrides

    @Test
    void withX_returnsANewCatalogWithOnlyThatPriceChanged() {
        PriceCatalog changed = DEFAULTS
                .withInstancePrice("G6.12XLARGE", new BigDecimal("4.6016"))
                .withInstancePrice("g4dn.xlarge", new BigDecimal("0.55"))
                .withAlbHourly(new BigDecimal("0.0252"))
                .withAlbLcuHourly(new BigDecimal("0.009"))
                .withEfsStandardStorage(new BigDecimal("0.33"))
                .withCloudFrontHttpsRequests(new BigDecimal("0.012"))
                .withCloudFrontHttpRequests(new BigDecimal("0.009"))
                .withCloudFrontOriginTransfer(new BigDecimal("0.025"))
                .withCloudFrontInvalidations(500, new BigDecimal("0.006"))
                .withCloudFrontSniCertificate(new BigDecimal("600"))
                .withCloudFrontFreeTier(new BigDecimal("512"), 2_000_000)
                .withEc2FreeDataTransferOutGb(BigDecimal.ZERO)
                .withEc2DataTransferOut(TieredRate.of(RateBand.over("0.1")))
                .withCloudFrontDataTransferOut(TieredRate.of(RateBand.upTo(100, "0.2"), RateBand.over("0.1")))
                .withHoursPerMonth(new BigDecimal("720"))
                .withAsOf(LocalDate.of(2027, 1, 1))
                .withRegion("eu-west-1")
                .withCurrency("EUR");

        assertThat(changed.instancePrice("g6.12xlarge")).map(Price::amount).hasValue(new BigDecimal("4.6016"));
        assertThat(changed.instancePrice("g4dn.xlarge")).map(Price::amount).hasValue(new BigDecimal("0.55"));
        assertThat(changed.instancePrices()).hasSize(29);
        assertThat(changed.albHourly()).hasToString("0.0252 per ALB-hour");
        assertThat(changed.albLcuHourly().amount()).isEqualByComparingTo("0.009");
        assertThat(changed.efsStandardStorage().amount()).isEqualByComparingTo("0.33");
        assertThat(changed.cloudFrontHttpsRequests().amount()).isEqualByComparingTo("0.012");
        assertThat(changed.cloudFrontHttpRequests().amount()).isEqualByComparingTo("0.009");
        assertThat(changed.cloudFrontOriginTransfer().amount()).isEqualByComparingTo("0.025");
        assertThat(changed.cloudFrontFreeInvalidationPaths()).isEqualTo(500);
        assertThat(changed.cloudFrontInvalidationPaths().amount()).isEqualByComparingTo("0.006");
        assertThat(changed.cloudFrontSniCertificate().amount()).isEqualByComparingTo("600");
        assertThat(changed.cloudFrontFreeDataTransferOutGb()).isEqualByComparingTo("512");
        assertThat(changed.cloudFrontFreeRequests()).isEqualTo(2_000_000);
        assertThat(changed.ec2FreeDataTransferOutGb()).isEqualByComparingTo("0");
        assertThat(changed.ec2DataTransferOut().bands()).hasSize(1);
        assertThat(changed.cloudFrontDataTransferOut().charge(new BigDecimal("150"))).isEqualByComparingTo("25");
        assertThat(changed.hoursPerMonth()).isEqualByComparingTo("720");
        assertThat(changed.asOf()).isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(changed.region()).isEqualTo("eu-west-1");
        assertThat(changed.currency()).isEqualTo("EUR");
        // the defaults are untouched
        assertThat(DEFAULTS.instancePrice("g6.12xlarge")).isEmpty();
        assertThat(DEFAULTS.albHourly().amount()).isEqualByComparingTo("0.0225");
        assertThat(DEFAULTS.instancePrices()).hasSize(28);
    }

    @Test
    void withInstancePrice_negative_failsNamingTheFieldAndThatItWasBuiltInCode() {
        assertThatThrownBy(() -> DEFAULTS.withInstancePrice("x.large", new BigDecimal("-1")))
                .isInstanceOf(InvalidPriceCatalogException.class)
                .isInstanceOf(TierStateException.class)
                .hasMessageContaining("(built in code)")
                .hasMessageContaining("/ec2/instances/x.large")
                .hasMessageContaining("-1 is negative");
    }

    @Test
    void catalog_withAPriceInTheWrongUnit_failsNamingTheUnitField() {
        assertThatThrownBy(() -> PriceCatalog.builder().from(DEFAULTS)
                .albHourly(Price.of(new BigDecimal("0.0225"), "hour")).build())
                .isInstanceOf(InvalidPriceCatalogException.class)
                .hasMessageContaining("/alb/hourly/unit")
                .hasMessageContaining("write \"ALB-hour\"");
    }

    @Test
    void withInstancePrice_ofSomethingThatIsNotAType_fails() {
        assertThatThrownBy(() -> DEFAULTS.withInstancePrice("big box", BigDecimal.ONE))
                .isInstanceOf(InvalidPriceCatalogException.class)
                .hasMessageContaining("'big box' is not an instance type");
    }

    @Test
    void withTiers_notAscending_failsNamingTheBound() {
        TieredRate bad = TieredRate.of(RateBand.upTo(10240, "0.085"), RateBand.upTo(10240, "0.08"), RateBand.over("0.02"));

        assertThatThrownBy(() -> DEFAULTS.withCloudFrontDataTransferOut(bad))
                .isInstanceOfSatisfying(InvalidPriceCatalogException.class, e -> {
                    assertThat(e.pointer()).isEqualTo("/cloudfront/data_transfer_out/tiers/1/up_to_gb");
                    assertThat(e.problem()).contains("tiers must ascend", "10240 GB is not above");
                    assertThat(e.source()).isEqualTo("(built in code)");
                });
    }

    @Test
    void withTiers_lastBounded_middleOpenOrEmpty_fail() {
        assertThatThrownBy(() -> DEFAULTS.withEc2DataTransferOut(TieredRate.of(RateBand.upTo(10, "0.1"))))
                .isInstanceOf(InvalidPriceCatalogException.class)
                .hasMessageContaining("/ec2/data_transfer_out/tiers/0/up_to_gb")
                .hasMessageContaining("the last tier must be open-ended");
        assertThatThrownBy(() -> DEFAULTS.withEc2DataTransferOut(TieredRate.of(RateBand.over("0.1"), RateBand.over("0.05"))))
                .isInstanceOf(InvalidPriceCatalogException.class)
                .hasMessageContaining("/ec2/data_transfer_out/tiers/0/up_to_gb")
                .hasMessageContaining("only the last tier may omit");
        assertThatThrownBy(() -> DEFAULTS.withEc2DataTransferOut(TieredRate.of()))
                .isInstanceOf(InvalidPriceCatalogException.class)
                .hasMessageContaining("/ec2/data_transfer_out/tiers")
                .hasMessageContaining("no tiers");
        assertThatThrownBy(() -> DEFAULTS.withEc2DataTransferOut(TieredRate.of(RateBand.upTo(0, "0.1"), RateBand.over("0"))))
                .isInstanceOf(InvalidPriceCatalogException.class)
                .hasMessageContaining("0 GB is not above the previous bound 0 GB");
        assertThatThrownBy(() -> DEFAULTS.withEc2DataTransferOut(TieredRate.of(RateBand.over("-0.1"))))
                .isInstanceOf(InvalidPriceCatalogException.class)
                .hasMessageContaining("/ec2/data_transfer_out/tiers/0/price");
    }

    @Test
    void withHoursCurrencyRegionOrAllowances_outOfRange_fail() {
        assertThatThrownBy(() -> DEFAULTS.withHoursPerMonth(new BigDecimal("745")))
                .isInstanceOf(InvalidPriceCatalogException.class).hasMessageContaining("/hours_per_month")
                .hasMessageContaining("at most 744");
        assertThatThrownBy(() -> DEFAULTS.withHoursPerMonth(BigDecimal.ZERO))
                .isInstanceOf(InvalidPriceCatalogException.class).hasMessageContaining("/hours_per_month");
        assertThatThrownBy(() -> DEFAULTS.withCurrency("usd"))
                .isInstanceOf(InvalidPriceCatalogException.class).hasMessageContaining("/currency");
        assertThatThrownBy(() -> DEFAULTS.withRegion("US East"))
                .isInstanceOf(InvalidPriceCatalogException.class).hasMessageContaining("/region");
        assertThatThrownBy(() -> DEFAULTS.withCloudFrontFreeTier(BigDecimal.ONE, -1))
                .isInstanceOf(InvalidPriceCatalogException.class).hasMessageContaining("/cloudfront/free_tier/requests");
        assertThatThrownBy(() -> DEFAULTS.withCloudFrontInvalidations(-5, BigDecimal.ONE))
                .isInstanceOf(InvalidPriceCatalogException.class)
                .hasMessageContaining("/cloudfront/free_invalidation_paths");
        assertThatThrownBy(() -> DEFAULTS.withAlbHourly(new BigDecimal("-0.01")))
                .isInstanceOf(InvalidPriceCatalogException.class).hasMessageContaining("/alb/hourly");
    }

    // ------------------------------------------------------------------ files and JSON

    @Test
    void toJson_parsedBack_givesAnEqualCatalog() {
        PriceCatalog changed = DEFAULTS.withInstancePrice("g6.12xlarge", new BigDecimal("4.6016"))
                .withCloudFrontFreeTier(new BigDecimal("1024.5"), 1);

        assertThat(PriceCatalog.parse(DEFAULTS.toJson())).isEqualTo(DEFAULTS);
        assertThat(PriceCatalog.parse(changed.toJson())).isEqualTo(changed);
    }

    @Test
    void toJson_writesEveryPriceWithItsUnit() throws Exception {
        JsonNode json = CatalogJson.MAPPER.readTree(DEFAULTS.toJson());

        assertThat(json.at("/as_of").asText()).isEqualTo("2026-11-01");
        assertThat(json.at("/schema_version").asInt()).isEqualTo(1);
        assertThat(json.at("/ec2/instances/g4dn.xlarge/price").asText()).isEqualTo("0.526");
        assertThat(json.at("/ec2/instances/g4dn.xlarge/unit").asText()).isEqualTo("instance-hour");
        assertThat(json.at("/cloudfront/data_transfer_out/tiers/6/price").asText()).isEqualTo("0.020");
        assertThat(json.at("/cloudfront/data_transfer_out/tiers/6/up_to_gb").isMissingNode()).isTrue();
        assertThat(json.at("/cloudfront/data_transfer_out/tiers/5/up_to_gb").asLong()).isEqualTo(5242880L);
        assertThat(json.at("/efs/standard_storage/unit").asText()).isEqualTo("GB-month");
        assertThat(json.at("/cloudfront/https_requests/unit").asText()).isEqualTo("10,000 requests");
    }

    @Test
    void load_ofACompleteUserFile_readsItsPricesIncludingTheShorthandForm() {
        PriceCatalog eu = PriceCatalog.load(fixture("complete-eu-west-1.json"));

        assertThat(eu.region()).isEqualTo("eu-west-1");
        assertThat(eu.asOf()).isEqualTo(LocalDate.of(2026, 10, 15));
        assertThat(eu.instancePrices()).containsOnlyKeys("g4dn.xlarge", "t3.medium");
        assertThat(eu.instancePrice("t3.medium")).map(Price::amount).hasValue(new BigDecimal("0.0456"));
        assertThat(eu.albHourly()).hasToString("0.0252 per ALB-hour");
        assertThat(eu.efsStandardStorage().amount()).isEqualByComparingTo("0.33");

        // a Tier 3 g4dn.xlarge in eu-west-1: EC2 0.587 x 730 = 428.51; ALB 0.0252 x 730 + 0.008 x 730 = 18.396 + 5.84;
        // EFS 100 x 0.33 = 33; CloudFront 100 x 0.085 + 100 x 0.012 = 8.50 + 1.20 -> total 495.446
        CostEstimate e = eu.estimator().estimate(Plans.gpu().instanceType("g4dn.xlarge")
                .region("eu-west-1").build(), UsageProfile.defaults());
        assertThat(e.monthlyTotal()).isEqualByComparingTo("495.446");
        assertThat(e.notes()).isEmpty();
    }

    @Test
    void overriddenBy_aPartialFile_layersItsPricesOverTheDefaults() {
        PriceCatalog mine = DEFAULTS.overriddenBy(fixture("partial-override.json"));

        assertThat(mine.asOf()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(mine.instancePrice("g6.12xlarge")).map(Price::amount).hasValue(new BigDecimal("4.6016"));
        assertThat(mine.instancePrice("g4dn.xlarge")).map(Price::amount).hasValue(new BigDecimal("0.55"));
        assertThat(mine.instancePrice("p3.2xlarge")).map(Price::amount).hasValue(new BigDecimal("3.06"));
        assertThat(mine.albHourly().amount()).isEqualByComparingTo("0.0252");
        assertThat(mine.albLcuHourly()).isEqualTo(DEFAULTS.albLcuHourly());
        assertThat(mine.cloudFrontDataTransferOut()).isEqualTo(DEFAULTS.cloudFrontDataTransferOut());
        assertThat(mine.region()).isEqualTo("us-east-1");
    }

    @Test
    void overriddenByJson_replacesAWholeTierListAndKeepsTheDate() {
        PriceCatalog mine = DEFAULTS.overriddenByJson(
                "{\"cloudfront\": {\"data_transfer_out\": {\"tiers\": [{\"up_to_gb\": 100, \"price\": 0.1},"
                        + " {\"price\": \"0.05\"}]}, \"free_tier\": {\"requests\": 0}}, \"_note\": \"mine\"}");

        assertThat(mine.cloudFrontDataTransferOut().bands()).hasSize(2);
        assertThat(mine.cloudFrontFreeRequests()).isZero();
        assertThat(mine.cloudFrontFreeDataTransferOutGb()).isEqualByComparingTo("1024");
        assertThat(mine.asOf()).isEqualTo(DEFAULTS.asOf());
    }

    @Test
    void parse_keepsTheScaleOfNumbersWrittenAsJsonNumbers() {
        PriceCatalog mine = DEFAULTS.overriddenByJson("{\"efs\": {\"standard_storage\": 0.30}, \"hours_per_month\": 7.3e2}");

        assertThat(mine.efsStandardStorage().amount()).isEqualTo(new BigDecimal("0.30"));
        assertThat(mine.hoursPerMonth()).isEqualByComparingTo("730");
        assertThat(PriceCatalog.parse(mine.toJson())).isEqualTo(mine);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "malformed-not-json.json          | ''                                               | not valid JSON at line 4",
        "malformed-negative-price.json    | /efs/standard_storage                            | -0.30 is negative",
        "malformed-tiers-not-ascending.json | /cloudfront/data_transfer_out/tiers/2/up_to_gb | tiers must ascend: 40960 GB is not above the previous bound 51200 GB",
        "malformed-wrong-type.json        | /alb/hourly                                      | expected a number (or a decimal string such as \"0.085\") but found a boolean (true)"
    })
    void overriddenBy_aMalformedFile_failsNamingTheFileTheFieldAndTheFix(String file, String pointer, String problem) {
        Path path = fixture(file);

        assertThatThrownBy(() -> DEFAULTS.overriddenBy(path))
                .isInstanceOfSatisfying(InvalidPriceCatalogException.class, e -> {
                    assertThat(e.source()).isEqualTo(path.toString());
                    assertThat(e.pointer()).isEqualTo(pointer);
                    assertThat(e.problem()).contains(problem);
                    assertThat(e.getMessage()).startsWith("Invalid price catalog " + path + " at ");
                });
    }

    @Test
    void load_ofACompleteFileWithoutAsOf_failsAskingForIt() {
        Path path = fixture("malformed-missing-as-of.json");

        assertThatThrownBy(() -> PriceCatalog.load(path))
                .isInstanceOf(InvalidPriceCatalogException.class)
                .hasMessageContaining(path.toString())
                .hasMessageContaining("at /as_of: required field \"as_of\" is missing")
                .hasMessageContaining("overriddenBy");
        // the same file is fine as a layer over the defaults, which supply the date
        assertThat(DEFAULTS.overriddenBy(path).asOf()).isEqualTo(DEFAULTS.asOf());
    }

    @Test
    void load_ofAMissingFile_failsSayingItCannotBeRead(@TempDir Path dir) {
        Path missing = dir.resolve("nope.json");

        assertThatThrownBy(() -> PriceCatalog.load(missing))
                .isInstanceOf(InvalidPriceCatalogException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("cannot be read");
    }

    @Test
    void load_ofAFileMissingANestedField_namesItsPointer(@TempDir Path dir) throws Exception {
        ObjectNode json = (ObjectNode) CatalogJson.MAPPER.readTree(DEFAULTS.toJson());
        ((ObjectNode) json.get("cloudfront")).remove("https_requests");
        Path file = Files.writeString(dir.resolve("prices.json"), json.toString());

        assertThatThrownBy(() -> PriceCatalog.load(file))
                .isInstanceOfSatisfying(InvalidPriceCatalogException.class,
                        e -> assertThat(e.pointer()).isEqualTo("/cloudfront/https_requests"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "empty                 | ''                                                   | ''                                    | the document is empty",
        "array root            | '[]'                                                 | ''                                    | expected a JSON object but found an array",
        "trailing garbage      | '{} {}'                                              | ''                                    | not valid JSON",
        "date not a date       | '{\"as_of\": \"2026-13-01\"}'                        | /as_of                                | is not a date; write it as YYYY-MM-DD",
        "date not a string     | '{\"as_of\": 20261101}'                              | /as_of                                | expected a non-empty string but found a number",
        "price not a number    | '{\"alb\": {\"hourly\": \"cheap\"}}'                 | /alb/hourly                           | \"cheap\" is not a number",
        "price object no price | '{\"alb\": {\"hourly\": {\"unit\": \"ALB-hour\"}}}'  | /alb/hourly/price                     | required field \"price\" is missing",
        "wrong unit            | '{\"efs\": {\"standard_storage\": {\"price\": \"0.3\", \"unit\": \"GB-hour\"}}}' | /efs/standard_storage/unit | write \"GB-month\"",
        "unknown field         | '{\"alb\": {\"hourley\": \"0.03\"}}'                 | /alb/hourley                          | unknown field \"hourley\"; the fields here are hourly, lcu_hourly",
        "section not object   | '{\"efs\": \"0.30\"}'                                 | /efs                                  | expected a JSON object but found a string",
        "instances not object  | '{\"ec2\": {\"instances\": [\"t3.micro\"]}}'         | /ec2/instances                        | expected an object of instance type to price per hour",
        "bad instance key      | '{\"ec2\": {\"instances\": {\"big box\": \"1\"}}}'   | /ec2/instances/big box                | is not an instance type",
        "tiers not an array    | '{\"ec2\": {\"data_transfer_out\": {\"tiers\": {}}}}' | /ec2/data_transfer_out/tiers          | expected an array of tiers",
        "tiered not an object  | '{\"ec2\": {\"data_transfer_out\": \"0.09\"}}'       | /ec2/data_transfer_out                | expected an object {\"unit\": \"GB\", \"tiers\": [...]}",
        "tier without price    | '{\"ec2\": {\"data_transfer_out\": {\"tiers\": [{\"up_to_gb\": 5}]}}}' | /ec2/data_transfer_out/tiers/0/price | required field \"price\" is missing",
        "tier unit not GB      | '{\"ec2\": {\"data_transfer_out\": {\"unit\": \"TB\", \"tiers\": []}}}' | /ec2/data_transfer_out/unit | write \"GB\"",
        "count with fraction   | '{\"cloudfront\": {\"free_invalidation_paths\": 1.5}}' | /cloudfront/free_invalidation_paths | is not a whole number",
        "schema version 2      | '{\"schema_version\": 2}'                            | /schema_version                       | catalog format 2 is not supported",
        "sources not array     | '{\"sources\": \"aws\"}'                             | /sources                              | expected an array of strings",
        "blank source          | '{\"sources\": [\" \"]}'                             | /sources/0                            | expected a non-empty string",
        "tiers missing         | '{\"ec2\": {\"data_transfer_out\": {\"unit\": \"GB\"}}}' | /ec2/data_transfer_out/tiers | but found nothing",
        "null price            | '{\"alb\": {\"hourly\": null}}'                      | /alb/hourly                           | but found null"
    })
    void overriddenByJson_malformed_failsWithTheFieldPointer(String kind, String json, String pointer, String problem) {
        assertThatThrownBy(() -> DEFAULTS.overriddenByJson(json))
                .isInstanceOfSatisfying(InvalidPriceCatalogException.class, e -> {
                    assertThat(e.source()).isEqualTo("(JSON text)");
                    assertThat(e.pointer()).isEqualTo(pointer);
                    assertThat(e.problem()).contains(problem);
                });
    }

    @Test
    void parse_ofAPartialDocument_failsBecauseEveryFieldIsRequired() {
        assertThatThrownBy(() -> PriceCatalog.parse("{\"as_of\": \"2026-11-01\"}"))
                .isInstanceOfSatisfying(InvalidPriceCatalogException.class,
                        e -> assertThat(e.pointer()).isEqualTo("/currency"));
    }
}
