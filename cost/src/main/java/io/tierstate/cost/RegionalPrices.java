package io.tierstate.cost;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The prices an estimate of one deployment charges: its region's, from the catalog's top level when
 * that is the catalog's own region, else from the region's block. A price the region lacks is never
 * borrowed from another region; {@link #require} reports every missing one at once. Not API.
 */
final class RegionalPrices {

    private final PriceCatalog catalog;
    private final String region;
    /** The region's block, or null for the catalog's own region. */
    private final RegionPrices block;

    private RegionalPrices(PriceCatalog catalog, String region, RegionPrices block) {
        this.catalog = catalog;
        this.region = region;
        this.block = block;
    }

    /**
     * The prices of a region.
     *
     * @throws UnknownRegionException when the catalog has no prices for the region at all
     */
    static RegionalPrices of(PriceCatalog catalog, String region) {
        if (region.equals(catalog.region())) {
            return new RegionalPrices(catalog, region, null);
        }
        RegionPrices block = catalog.regions().get(region);
        if (block == null) {
            throw new UnknownRegionException(region, catalog);
        }
        return new RegionalPrices(catalog, region, block);
    }

    String region() {
        return region;
    }

    LocalDate asOf() {
        return block == null ? catalog.asOf() : block.asOf();
    }

    Optional<BigDecimal> instance(String type) {
        String key = type.trim().toLowerCase(Locale.ROOT);
        Map<String, BigDecimal> prices = block == null ? catalog.instancePrices() : block.instancePrices();
        return Optional.ofNullable(prices.get(key));
    }

    Optional<TieredRate> ec2DataTransferOut() {
        return block == null ? Optional.of(catalog.ec2DataTransferOut()) : block.ec2DataTransferOut();
    }

    Optional<BigDecimal> albHourly() {
        return block == null ? Optional.of(catalog.albHourly().amount()) : block.albHourly();
    }

    Optional<BigDecimal> albLcuHourly() {
        return block == null ? Optional.of(catalog.albLcuHourly().amount()) : block.albLcuHourly();
    }

    Optional<BigDecimal> efsStandardStorage() {
        return block == null ? Optional.of(catalog.efsStandardStorage().amount()) : block.efsStandardStorage();
    }

    /**
     * Checks that the region has every price a deployment needs, so that an estimate fails once,
     * naming all that is missing, rather than at the first line.
     *
     * @throws UnknownPriceException naming the missing prices and where to add them
     */
    void require(DeploymentResources r) {
        List<String> missing = new ArrayList<>();
        String instanceType = null;
        if (r.spotPricePerHour().isEmpty() && r.instanceType().isPresent() && instance(r.instanceType().get()).isEmpty()) {
            instanceType = r.instanceType().get();
            missing.add("ec2/instances/" + CatalogRules.escape(instanceType.trim().toLowerCase(Locale.ROOT)));
        }
        if (r.hasEfs() && r.efsGbMonthPrice().isEmpty() && efsStandardStorage().isEmpty()) {
            missing.add("efs/standard_storage");
        }
        if (r.hasAlb() && albHourly().isEmpty()) {
            missing.add("alb/hourly");
        }
        if (r.hasAlb() && albLcuHourly().isEmpty()) {
            missing.add("alb/lcu_hourly");
        }
        if (!r.hasCloudFront() && ec2DataTransferOut().isEmpty()) {
            missing.add("ec2/data_transfer_out");
        }
        if (!missing.isEmpty()) {
            throw new UnknownPriceException(instanceType, region, block == null, missing, catalog, asOf());
        }
    }
}
