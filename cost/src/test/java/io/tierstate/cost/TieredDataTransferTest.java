package io.tierstate.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every tier boundary of the default data-transfer prices, each figure worked out by hand.
 *
 * <p>CloudFront bands (1 TB = 1,024 GB): 10,240 GB x 0.085 = 870.40; 40,960 GB x 0.080 = 3,276.80;
 * 102,400 GB x 0.060 = 6,144.00; 358,400 GB x 0.040 = 14,336.00; 536,576 GB x 0.030 = 16,097.28;
 * 4,194,304 GB x 0.025 = 104,857.60; beyond 5,242,880 GB x 0.020. Cumulative at the bounds:
 * 870.40, 4,147.20, 10,291.20, 24,627.20, 40,724.48, 145,582.08.
 *
 * <p>EC2 internet bands: 10,240 GB x 0.09 = 921.60; 40,960 GB x 0.085 = 3,481.60; 102,400 GB x 0.07 =
 * 7,168.00; beyond 153,600 GB x 0.05. Cumulative: 921.60, 4,403.20, 11,571.20.
 */
class TieredDataTransferTest {

    private static final CostEstimator ESTIMATOR = PriceCatalog.defaults().estimator();

    private static CostEstimate estimate(boolean cloudFront, String gb) {
        DeploymentResources resources = DeploymentResources.builder()
                .instanceType("t3.micro").hasCloudFront(cloudFront).build();
        UsageProfile usage = UsageProfile.builder().httpsRequests(0).dataTransferOutGb(new BigDecimal(gb)).build();
        return ESTIMATOR.estimate(resources, usage);
    }

    private static List<CostLineItem> transferLines(CostEstimate e, String prefix) {
        return e.lineItems().stream().filter(i -> i.description().startsWith(prefix)).toList();
    }

    @ParameterizedTest(name = "{0} GB through CloudFront costs {1} in {2} band lines")
    @CsvSource({
        // 0 GB: the first band is still shown, with nothing in it
        "0,          0,           1",
        // exactly 10 TB: 10,240 x 0.085
        "10240,      870.4,       1",
        // one GB into the second band: 870.40 + 1 x 0.080
        "10241,      870.48,      2",
        // exactly 50 TB: 870.40 + 3,276.80
        "51200,      4147.2,      2",
        // 4,147.20 + 1 x 0.060
        "51201,      4147.26,     3",
        // exactly 150 TB: 4,147.20 + 6,144.00
        "153600,     10291.2,     3",
        // 10,291.20 + 1 x 0.040
        "153601,     10291.24,    4",
        // exactly 500 TB: 10,291.20 + 14,336.00
        "512000,     24627.2,     4",
        // 24,627.20 + 1 x 0.030
        "512001,     24627.23,    5",
        // exactly 1 PB: 24,627.20 + 16,097.28
        "1048576,    40724.48,    5",
        // 40,724.48 + 1 x 0.025
        "1048577,    40724.505,   6",
        // exactly 5 PB: 40,724.48 + 104,857.60
        "5242880,    145582.08,   6",
        // 145,582.08 + 1 x 0.020
        "5242881,    145582.1,    7",
        // 10 PB: 145,582.08 + 5,242,880 x 0.020 = 145,582.08 + 104,857.60
        "10485760,   250439.68,   7",
        // 1,000 PB, the largest volume a profile accepts: 145,582.08 + 1,043,333,120 x 0.020
        "1048576000, 21012244.48, 7",
        // fractions of a GB are charged exactly: 0.5 x 0.085
        "0.5,        0.0425,      1"
    })
    void cloudFrontTransfer_atAndAcrossEveryBoundary_isPricedBandByBand(String gb, String expected, int bands) {
        CostEstimate e = estimate(true, gb);
        List<CostLineItem> lines = transferLines(e, "CloudFront data transfer out");

        assertThat(lines).hasSize(bands);
        BigDecimal sum = lines.stream().map(CostLineItem::monthlyCost).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(sum).isEqualByComparingTo(expected);
        // HTTPS 0 and the $0 certificate: the CloudFront subtotal is the transfer alone
        assertThat(e.subtotals().get(ChargedResource.CLOUDFRONT)).isEqualByComparingTo(expected);
        assertThat(lines.stream().map(CostLineItem::quantity).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(gb);
        assertThat(PriceCatalog.defaults().cloudFrontDataTransferOut().charge(new BigDecimal(gb)))
                .isEqualByComparingTo(expected);
    }

    @ParameterizedTest(name = "{0} GB from EC2 costs {1} in {2} band lines")
    @CsvSource({
        // 10,240 x 0.09
        "10240,   921.6,    1",
        // 921.60 + 1 x 0.085
        "10241,   921.685,  2",
        // 921.60 + 3,481.60
        "51200,   4403.2,   2",
        // 4,403.20 + 1 x 0.07
        "51201,   4403.27,  3",
        // 4,403.20 + 7,168.00
        "153600,  11571.2,  3",
        // 11,571.20 + 1 x 0.05
        "153601,  11571.25, 4",
        // 2 PB: 11,571.20 + 1,943,552 x 0.05 = 11,571.20 + 97,177.60
        "2097152, 108748.8, 4"
    })
    void internetTransferWithoutCloudFront_atAndAcrossBoundaries_usesTheEc2Bands(String gb, String expected,
            int bands) {
        CostEstimate e = estimate(false, gb);
        List<CostLineItem> lines = transferLines(e, "EC2 data transfer out");

        assertThat(lines).hasSize(bands).allMatch(l -> l.resource() == ChargedResource.DATA_TRANSFER);
        assertThat(e.subtotals().get(ChargedResource.DATA_TRANSFER)).isEqualByComparingTo(expected);
        assertThat(e.subtotals()).doesNotContainKey(ChargedResource.CLOUDFRONT);
    }

    @Test
    void bandLines_ofAMultiPetabyteVolume_nameEachBandInTerabytesAndPetabytes() {
        CostEstimate e = estimate(true, "10485760");

        assertThat(transferLines(e, "CloudFront data transfer out"))
                .extracting(CostLineItem::description, l -> l.quantity().toPlainString(),
                        l -> l.unitPrice().toPlainString())
                .containsExactly(
                        tuple("CloudFront data transfer out, first 10 TB", "10240", "0.085"),
                        tuple("CloudFront data transfer out, next 40 TB", "40960", "0.080"),
                        tuple("CloudFront data transfer out, next 100 TB", "102400", "0.060"),
                        tuple("CloudFront data transfer out, next 350 TB", "358400", "0.040"),
                        tuple("CloudFront data transfer out, next 524 TB", "536576", "0.030"),
                        tuple("CloudFront data transfer out, next 4 PB", "4194304", "0.025"),
                        tuple("CloudFront data transfer out, over 5 PB", "5242880", "0.020"));
    }
}
