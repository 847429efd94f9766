package io.tierstate.cost;

import java.math.BigDecimal;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One band of a {@link TieredRate}: a price per GB that applies up to a cumulative monthly volume
 * ({@link #upToGb()}), or to everything above the previous band when it is the last one.
 *
 * <p>Volumes are in GB with 1 TB = 1,024 GB, as AWS bills: the first CloudFront band is
 * {@code RateBand.upTo(10240, "0.085")}.
 */
@Value.Immutable
public abstract class RateBand {

    RateBand() {
    }

    /**
     * The cumulative volume in GB where this band ends (inclusive); empty for the last band.
     *
     * @return the upper bound, or empty when unbounded
     */
    public abstract Optional<BigDecimal> upToGb();

    /**
     * Price per GB for the volume that falls in this band.
     *
     * @return the price per GB
     */
    public abstract BigDecimal pricePerGb();

    /**
     * A bounded band.
     *
     * @param upToGb cumulative volume in GB where the band ends, e.g. 10240 for "first 10 TB"
     * @param pricePerGb price per GB as a decimal string, e.g. {@code "0.085"}
     * @return the band
     */
    public static RateBand upTo(long upToGb, String pricePerGb) {
        return upTo(BigDecimal.valueOf(upToGb), new BigDecimal(pricePerGb));
    }

    /**
     * A bounded band.
     *
     * @param upToGb cumulative volume in GB where the band ends
     * @param pricePerGb price per GB
     * @return the band
     */
    public static RateBand upTo(BigDecimal upToGb, BigDecimal pricePerGb) {
        return ImmutableRateBand.builder().upToGb(upToGb).pricePerGb(pricePerGb).build();
    }

    /**
     * The last, unbounded band.
     *
     * @param pricePerGb price per GB as a decimal string, e.g. {@code "0.020"}
     * @return the band
     */
    public static RateBand over(String pricePerGb) {
        return over(new BigDecimal(pricePerGb));
    }

    /**
     * The last, unbounded band.
     *
     * @param pricePerGb price per GB
     * @return the band
     */
    public static RateBand over(BigDecimal pricePerGb) {
        return ImmutableRateBand.builder().pricePerGb(pricePerGb).build();
    }
}
