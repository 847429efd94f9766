package io.tierstate.cost;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The prices of one more region in a {@link PriceCatalog}: what differs by region (EC2 instances and
 * data transfer out, the load balancer, EFS), dated, with its own sources. What is the same
 * everywhere (CloudFront, the free tiers, hours in a month, the currency) stays in the catalog.
 *
 * <pre>{@code
 * RegionPrices euWest1 = RegionPrices.builder()
 *     .asOf(LocalDate.of(2026, 12, 1))
 *     .addSource("https://aws.amazon.com/ec2/pricing/on-demand/")
 *     .putInstancePrice("g4dn.xlarge", new BigDecimal("0.587"))
 *     .albHourly(new BigDecimal("0.0252")).albLcuHourly(new BigDecimal("0.008"))
 *     .efsStandardStorage(new BigDecimal("0.33"))
 *     .build();
 * PriceCatalog catalog = PriceCatalog.defaults().withRegionPrices("eu-west-1", euWest1);
 * }</pre>
 *
 * <p>Every price is optional: a region may hold only the prices someone could cite. Pricing a
 * deployment that needs a price the region lacks raises {@link UnknownPriceException} naming the
 * region, the missing prices and the block to add; the estimator never borrows another region's
 * price. In a catalog file this is a block under {@code "regions"} (see {@code docs/cost.md}).
 */
@Value.Immutable
public abstract class RegionPrices {

    RegionPrices() {
    }

    /**
     * The date these prices were taken from their sources.
     *
     * @return the as-of date
     */
    public abstract LocalDate asOf();

    /**
     * Where these prices come from (URLs, repositories with path and commit, or free text).
     *
     * @return the sources, possibly empty
     */
    public abstract List<String> sources();

    /**
     * On-demand Linux prices per instance-hour, by lower-case instance type.
     *
     * @return the prices, possibly empty
     */
    public abstract Map<String, BigDecimal> instancePrices();

    /**
     * EC2 data transfer out to the internet in this region.
     *
     * @return the per-GB tiered rate, or empty when the region has none
     */
    public abstract Optional<TieredRate> ec2DataTransferOut();

    /**
     * Application Load Balancer price per hour in this region.
     *
     * @return the amount per ALB-hour, or empty
     */
    public abstract Optional<BigDecimal> albHourly();

    /**
     * Application Load Balancer price per LCU-hour in this region.
     *
     * @return the amount per LCU-hour, or empty
     */
    public abstract Optional<BigDecimal> albLcuHourly();

    /**
     * EFS Standard storage price in this region.
     *
     * @return the amount per GB-month, or empty
     */
    public abstract Optional<BigDecimal> efsStandardStorage();

    /**
     * A builder; only {@link #asOf()} is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link RegionPrices}; instance types are stored as given, and checked by the catalog. */
    public static class Builder extends ImmutableRegionPrices.Builder {
        Builder() {
        }
    }

    /** A builder holding these prices, for a changed copy. */
    ImmutableRegionPrices.Builder copy() {
        return ImmutableRegionPrices.builder().from(this);
    }
}
