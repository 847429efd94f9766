package io.tierstate.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties of tiered pricing over seeded random volumes, up to 20 PB, for both default rates. */
class TieredRatePropertyTest {

    private static final BigDecimal ONE_GB = BigDecimal.ONE;
    private static final long MAX_GB = 20L * 1024 * 1024;

    static Stream<Arguments> rates() {
        PriceCatalog c = PriceCatalog.defaults();
        return Stream.of(
                Arguments.of("cloudfront", c.cloudFrontDataTransferOut(), 20261101L),
                Arguments.of("ec2", c.ec2DataTransferOut(), 424242L),
                // a user rate with an odd band layout and fractional bounds
                Arguments.of("custom", TieredRate.of(RateBand.upTo(new BigDecimal("0.5"), new BigDecimal("1")),
                        RateBand.upTo(3, "0.5"), RateBand.upTo(1000, "0.5"), RateBand.over("0.001")), 7L));
    }

    private static List<BigDecimal> volumes(long seed) {
        Random random = new Random(seed);
        List<BigDecimal> volumes = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            // half spread over the whole range, half near zero where the boundaries are dense
            long whole = i % 2 == 0 ? (long) (random.nextDouble() * MAX_GB) : random.nextInt(200_000);
            volumes.add(BigDecimal.valueOf(whole).add(BigDecimal.valueOf(random.nextInt(1000), 3)));
        }
        volumes.sort(BigDecimal::compareTo);
        return volumes;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rates")
    void charge_forRandomVolumes_isMonotonicNonDecreasing(String name, TieredRate rate, long seed) {
        BigDecimal previous = null;
        for (BigDecimal gb : volumes(seed)) {
            BigDecimal charge = rate.charge(gb);
            if (previous != null) {
                assertThat(charge).as("charge at %s GB", gb).isGreaterThanOrEqualTo(previous);
            }
            previous = charge;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rates")
    void charge_forRandomVolumes_equalsTheSumOfItsBandLines(String name, TieredRate rate, long seed) {
        PriceCatalog catalog = PriceCatalog.defaults().withCloudFrontDataTransferOut(rate);
        DeploymentResources cdn = DeploymentResources.builder().instanceType("t3.micro").hasCloudFront(true).build();
        for (BigDecimal gb : volumes(seed)) {
            CostEstimate e = catalog.estimator().estimate(cdn,
                    UsageProfile.builder().httpsRequests(0).dataTransferOutGb(gb).build());
            List<CostLineItem> bands = e.lineItems().stream()
                    .filter(l -> l.description().startsWith("CloudFront data transfer out")).toList();

            BigDecimal sum = bands.stream().map(CostLineItem::monthlyCost).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(sum).as("lines at %s GB", gb).isEqualByComparingTo(rate.charge(gb));
            assertThat(bands.stream().map(CostLineItem::quantity).reduce(BigDecimal.ZERO, BigDecimal::add))
                    .as("GB over the lines at %s GB", gb).isEqualByComparingTo(gb);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rates")
    void marginalRate_asVolumeGrows_neverIncreases(String name, TieredRate rate, long seed) {
        BigDecimal previousMarginal = null;
        for (BigDecimal gb : volumes(seed)) {
            BigDecimal marginal = rate.charge(gb.add(ONE_GB)).subtract(rate.charge(gb));
            if (previousMarginal != null) {
                assertThat(marginal).as("marginal rate at %s GB", gb).isLessThanOrEqualTo(previousMarginal);
            }
            previousMarginal = marginal;
        }
    }
}
