package io.tierstate.cost;

import java.util.List;

/**
 * The price catalog has no prices at all for a deployment's region. A deployment is priced in its
 * own region only; the message names the regions the catalog has and the catalog-file block that
 * adds this one.
 */
public class UnknownRegionException extends UnknownPriceException {

    private static final long serialVersionUID = 1L;

    /** The regions the catalog has prices for, its own first. */
    private final List<String> pricedRegions;

    UnknownRegionException(String region, PriceCatalog catalog) {
        super(message(region, catalog), null, region, List.of("/regions/" + CatalogRules.escape(region)));
        this.pricedRegions = catalog.pricedRegions();
    }

    private static String message(String region, PriceCatalog catalog) {
        return "The price catalog has no prices for region " + region + "; it prices "
                + String.join(", ", catalog.pricedRegions()) + ", and a deployment is priced in its own region only."
                + " Add the region in a catalog file " + UnknownPriceException.snippet("<instance type>", region, false,
                        List.of("ec2/instances/x", "ec2/data_transfer_out", "alb/hourly", "alb/lcu_hourly",
                                "efs/standard_storage"))
                + " loaded with PriceCatalog.defaults().overriddenBy(Path.of(\"prices.json\")).";
    }

    /**
     * The regions the catalog has prices for.
     *
     * @return e.g. {@code [us-east-1, us-west-2, eu-west-1, eu-central-1, ap-southeast-1]}
     */
    public List<String> pricedRegions() {
        return pricedRegions;
    }
}
