package io.tierstate.cost;

import io.tierstate.error.InvalidInputException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The price catalog lacks a price an estimate needs: an on-demand instance type, or, in a region
 * other than the catalog's own, any of the region's prices (instances, EC2 data transfer out, ALB,
 * EFS). A region's price is never borrowed from another region. The message names the region, every
 * missing price and the catalog-file block that adds them.
 */
public class UnknownPriceException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    /** The instance type without a price, or "" when only other prices are missing. */
    private final String instanceType;
    /** The region whose prices were searched. */
    private final String region;
    /** JSON pointers, in the catalog file format, of the prices missing. */
    private final List<String> missing;

    /**
     * @param instanceType the type without an on-demand price, or null
     * @param region the region priced
     * @param home whether the region is the catalog's own (top-level) region
     * @param missing paths of the missing prices relative to the region's block, e.g. {@code alb/hourly}
     * @param catalog the catalog searched
     * @param asOf the date of the region's prices
     */
    UnknownPriceException(String instanceType, String region, boolean home, List<String> missing, PriceCatalog catalog,
            LocalDate asOf) {
        this(message(instanceType, region, home, missing, catalog, asOf), instanceType, region,
                missing.stream().map(p -> (home ? "/" : "/regions/" + CatalogRules.escape(region) + "/") + p).toList());
    }

    /**
     * For subclasses: a message of their own.
     *
     * @param message what is missing and how to add it
     * @param instanceType the type without a price, or null
     * @param region the region priced
     * @param missing JSON pointers of the missing prices
     */
    UnknownPriceException(String message, String instanceType, String region, List<String> missing) {
        super(message);
        this.instanceType = instanceType == null ? "" : instanceType;
        this.region = region;
        this.missing = List.copyOf(missing);
    }

    private static String message(String type, String region, boolean home, List<String> missing, PriceCatalog catalog,
            LocalDate asOf) {
        if (home && missing.size() == 1 && type != null) {
            return "No on-demand price for instance type '" + type + "' in the price catalog (" + region
                    + ", as of " + asOf + "). Add it in code: PriceCatalog.defaults().withInstancePrice(\""
                    + type + "\", new BigDecimal(\"<USD per hour>\")), or in a catalog file "
                    + "{\"ec2\": {\"instances\": {\"" + type + "\": \"<USD per hour>\"}}} loaded with "
                    + "PriceCatalog.defaults().overriddenBy(Path.of(\"prices.json\")). Types with a price: "
                    + String.join(", ", catalog.instancePrices().keySet()) + ".";
        }
        Collection<String> known = home ? catalog.instancePrices().keySet()
                : catalog.regions().get(region).instancePrices().keySet();
        StringBuilder m = new StringBuilder("The price catalog's prices for ").append(region).append(" (as of ")
                .append(asOf).append(") lack ").append(describe(type, missing)).append(
                        home ? "" : "; the bundled catalog holds for a region only the prices it has a source for, and"
                                + " no region's price is used for another's")
                .append(". Add ").append(missing.size() == 1 ? "it" : "them").append(" in a catalog file ")
                .append(snippet(type, region, home, missing)).append(" loaded with ")
                .append("PriceCatalog.defaults().overriddenBy(Path.of(\"prices.json\")).");
        if (type != null) {
            m.append(" Types with a price in ").append(region).append(": ")
                    .append(known.isEmpty() ? "none" : String.join(", ", known)).append('.');
        }
        return m.toString();
    }

    private static final Map<String, String> NAMES = Map.of(
            "ec2/data_transfer_out", "EC2 data transfer out (ec2/data_transfer_out)",
            "alb/hourly", "the ALB hourly price (alb/hourly)",
            "alb/lcu_hourly", "the LCU-hour price (alb/lcu_hourly)",
            "efs/standard_storage", "the EFS Standard storage price (efs/standard_storage)");

    private static String describe(String type, List<String> missing) {
        List<String> parts = missing.stream()
                .map(p -> p.startsWith("ec2/instances/") ? "an on-demand price for instance type '" + type + "'"
                        : NAMES.get(p))
                .toList();
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    /** The smallest catalog file that adds the missing prices, with placeholders for the amounts. */
    static String snippet(String type, String region, boolean home, List<String> missing) {
        StringBuilder ec2 = new StringBuilder();
        StringBuilder rest = new StringBuilder();
        if (type != null) {
            ec2.append("\"instances\": {\"").append(type).append("\": \"<USD per hour>\"}");
        }
        if (missing.contains("ec2/data_transfer_out")) {
            ec2.append(ec2.length() > 0 ? ", " : "").append("\"data_transfer_out\": {\"tiers\": [{\"up_to_gb\": 10240,"
                    + " \"price\": \"<USD per GB>\"}, {\"price\": \"<USD per GB>\"}]}");
        }
        if (ec2.length() > 0) {
            rest.append("\"ec2\": {").append(ec2).append('}');
        }
        boolean hourly = missing.contains("alb/hourly");
        boolean lcu = missing.contains("alb/lcu_hourly");
        if (hourly || lcu) {
            rest.append(rest.length() > 0 ? ", " : "").append("\"alb\": {")
                    .append(hourly ? "\"hourly\": \"<USD per ALB-hour>\"" : "")
                    .append(hourly && lcu ? ", " : "")
                    .append(lcu ? "\"lcu_hourly\": \"<USD per LCU-hour>\"" : "").append('}');
        }
        if (missing.contains("efs/standard_storage")) {
            rest.append(rest.length() > 0 ? ", " : "").append("\"efs\": {\"standard_storage\": \"<USD per GB-month>\"}");
        }
        return home ? "{" + rest + "}"
                : "{\"regions\": {\"" + region + "\": {\"as_of\": \"<YYYY-MM-DD>\", \"sources\": [\"<where the prices come"
                        + " from>\"], " + rest + "}}}";
    }

    /**
     * The instance type that has no on-demand price, e.g. {@code "g6.12xlarge"}.
     *
     * @return the instance type as given, or {@code ""} when only other prices are missing
     */
    public String instanceType() {
        return instanceType;
    }

    /**
     * The region whose prices were searched: the deployment's (or plan's) region.
     *
     * @return e.g. {@code "us-east-1"}
     */
    public String region() {
        return region;
    }

    /**
     * Where each missing price goes in a catalog file, as JSON pointers.
     *
     * @return e.g. {@code ["/ec2/instances/g6.12xlarge"]} or {@code ["/regions/eu-west-1/alb/hourly"]}
     */
    public List<String> missing() {
        return missing;
    }
}
