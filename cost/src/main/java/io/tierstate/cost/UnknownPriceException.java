package io.tierstate.cost;

import io.tierstate.error.InvalidInputException;
import java.util.Collection;

/**
 * The price catalog has no on-demand price for an instance type. The message says how to add one,
 * in code or in a catalog file.
 */
public class UnknownPriceException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    /** The instance type without a price. */
    private final String instanceType;
    /** The region of the catalog searched. */
    private final String region;

    UnknownPriceException(String instanceType, PriceCatalog catalog) {
        super(message(instanceType, catalog.region(), catalog.asOf().toString(),
                catalog.instancePrices().keySet()));
        this.instanceType = instanceType;
        this.region = catalog.region();
    }

    private static String message(String type, String region, String asOf, Collection<String> known) {
        return "No on-demand price for instance type '" + type + "' in the price catalog (" + region
                + ", as of " + asOf + "). Add it in code: PriceCatalog.defaults().withInstancePrice(\""
                + type + "\", new BigDecimal(\"<USD per hour>\")), or in a catalog file "
                + "{\"ec2\": {\"instances\": {\"" + type + "\": \"<USD per hour>\"}}} loaded with "
                + "PriceCatalog.defaults().overriddenBy(Path.of(\"prices.json\")). Types with a price: "
                + String.join(", ", known) + ".";
    }

    /**
     * The instance type that has no price, e.g. {@code "g6.12xlarge"}.
     *
     * @return the instance type as given
     */
    public String instanceType() {
        return instanceType;
    }

    /**
     * The region of the catalog that was searched.
     *
     * @return e.g. {@code "us-east-1"}
     */
    public String region() {
        return region;
    }
}
