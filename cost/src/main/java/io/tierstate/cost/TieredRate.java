package io.tierstate.cost;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.immutables.value.Value;

/**
 * A per-GB price that falls as the monthly volume grows, such as CloudFront or EC2 data transfer
 * out: an ordered list of {@link RateBand}s whose bounds ascend, the last one unbounded.
 *
 * <pre>{@code
 * TieredRate ec2Out = TieredRate.of(
 *     RateBand.upTo(10240, "0.09"), RateBand.upTo(51200, "0.085"),
 *     RateBand.upTo(153600, "0.07"), RateBand.over("0.05"));
 * ec2Out.charge(new BigDecimal("10241"));   // 10240 x 0.09 + 1 x 0.085 = 921.685
 * }</pre>
 *
 * <p>The bands are checked when the rate is put into a {@link PriceCatalog}.
 */
@Value.Immutable
public abstract class TieredRate {

    TieredRate() {
    }

    /**
     * The bands, lowest volume first.
     *
     * @return the bands
     */
    public abstract List<RateBand> bands();

    /**
     * Creates a tiered rate from its bands, lowest first; the last band should be unbounded.
     *
     * @param bands the bands
     * @return the rate
     */
    public static TieredRate of(RateBand... bands) {
        return of(Arrays.asList(bands));
    }

    /**
     * Creates a tiered rate from its bands, lowest first; the last band should be unbounded.
     *
     * @param bands the bands
     * @return the rate
     */
    public static TieredRate of(List<RateBand> bands) {
        return ImmutableTieredRate.builder().addAllBands(bands).build();
    }

    /**
     * The exact monthly charge for a volume: each GB is priced at the band it falls in.
     *
     * @param gb monthly volume in GB, not negative
     * @return the charge, exact
     */
    public BigDecimal charge(BigDecimal gb) {
        BigDecimal total = BigDecimal.ZERO;
        for (BandUse use : split(gb)) {
            total = total.add(use.cost());
        }
        return Amounts.normalize(total);
    }

    /**
     * Splits a volume over the bands it touches. A zero volume yields the first band with zero GB
     * so that an estimate still shows the rate.
     */
    List<BandUse> split(BigDecimal gb) {
        List<BandUse> uses = new ArrayList<>();
        BigDecimal from = BigDecimal.ZERO;
        List<RateBand> all = bands();
        for (int i = 0; i < all.size(); i++) {
            RateBand band = all.get(i);
            BigDecimal to = band.upToGb().orElse(null);
            BigDecimal top = to == null ? gb : gb.min(to);
            BigDecimal inBand = top.subtract(from);
            if (inBand.signum() > 0 || (i == 0 && gb.signum() == 0)) {
                uses.add(new BandUse(label(i, all.size(), from, to), Amounts.normalize(inBand.max(BigDecimal.ZERO)),
                        band.pricePerGb()));
            }
            if (to == null || gb.compareTo(to) <= 0) {
                break;
            }
            from = to;
        }
        return uses;
    }

    private static String label(int index, int count, BigDecimal from, BigDecimal to) {
        if (count == 1) {
            return "all volumes";
        }
        if (index == 0) {
            return "first " + Amounts.volume(to);
        }
        if (to == null) {
            return "over " + Amounts.volume(from);
        }
        return "next " + Amounts.volume(to.subtract(from));
    }

    /** The part of a volume that falls in one band. */
    record BandUse(String label, BigDecimal gb, BigDecimal pricePerGb) {
        BigDecimal cost() {
            return gb.multiply(pricePerGb);
        }
    }
}
