package io.tierstate.cost;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The invariants of a {@link PriceCatalog}, reported with the JSON pointer of the field in the catalog
 * file format so that the same message serves a file and a catalog built in code. Not API.
 */
final class CatalogRules {

    static final BigDecimal MAX_HOURS = BigDecimal.valueOf(744);

    /**
     * The most significant digits, and the most places before or after the decimal point, of any
     * number a user gives (a price, a usage quantity). Real ones have a handful; without the bound
     * {@code 1e-999999999} costs minutes of arithmetic and then all the memory there is.
     */
    static final int MAX_DIGITS = 40;
    private static final Pattern INSTANCE_TYPE = Pattern.compile("^[a-z0-9-]+\\.[a-z0-9-]+$");
    private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");
    private static final Pattern REGION = Pattern.compile("^[a-z0-9-]+$");

    private CatalogRules() {
    }

    static void check(PriceCatalog c, String source) {
        if (!CURRENCY.matcher(c.currency()).matches()) {
            throw fail(source, "/currency", "'" + c.currency() + "' is not an ISO 4217 code; write three capital"
                    + " letters such as \"USD\"");
        }
        if (!REGION.matcher(c.region()).matches()) {
            throw fail(source, "/region", "'" + c.region() + "' is not an AWS region code; write e.g. \"us-east-1\"");
        }
        if (c.hoursPerMonth().signum() <= 0 || c.hoursPerMonth().compareTo(MAX_HOURS) > 0) {
            throw fail(source, "/hours_per_month", c.hoursPerMonth().toPlainString()
                    + " is not a number of hours in a month; use a value above 0 and at most 744 (AWS uses 730)");
        }
        for (Map.Entry<String, BigDecimal> e : c.instancePrices().entrySet()) {
            String pointer = "/ec2/instances/" + escape(e.getKey());
            if (!INSTANCE_TYPE.matcher(e.getKey()).matches()) {
                throw fail(source, pointer, "'" + e.getKey() + "' is not an instance type; write family.size,"
                        + " e.g. \"g5.xlarge\"");
            }
            notNegative(source, pointer, e.getValue());
        }
        tiers(source, "/ec2/data_transfer_out", c.ec2DataTransferOut());
        notNegative(source, "/ec2/free_data_transfer_out_gb", c.ec2FreeDataTransferOutGb());
        price(source, "/alb/hourly", c.albHourly(), Units.ALB_HOUR);
        price(source, "/alb/lcu_hourly", c.albLcuHourly(), Units.LCU_HOUR);
        price(source, "/efs/standard_storage", c.efsStandardStorage(), Units.GB_MONTH);
        tiers(source, "/cloudfront/data_transfer_out", c.cloudFrontDataTransferOut());
        price(source, "/cloudfront/https_requests", c.cloudFrontHttpsRequests(), Units.TEN_THOUSAND_REQUESTS);
        price(source, "/cloudfront/http_requests", c.cloudFrontHttpRequests(), Units.TEN_THOUSAND_REQUESTS);
        price(source, "/cloudfront/origin_transfer", c.cloudFrontOriginTransfer(), Units.GB);
        price(source, "/cloudfront/invalidation_paths", c.cloudFrontInvalidationPaths(), Units.PATH);
        notNegative(source, "/cloudfront/free_invalidation_paths", BigDecimal.valueOf(c.cloudFrontFreeInvalidationPaths()));
        price(source, "/cloudfront/sni_certificate", c.cloudFrontSniCertificate(), Units.CERTIFICATE_MONTH);
        notNegative(source, "/cloudfront/free_tier/data_transfer_out_gb", c.cloudFrontFreeDataTransferOutGb());
        notNegative(source, "/cloudfront/free_tier/requests", BigDecimal.valueOf(c.cloudFrontFreeRequests()));
        for (Map.Entry<String, RegionPrices> e : c.regions().entrySet()) {
            region(source, c, e.getKey(), e.getValue());
        }
    }

    private static void region(String source, PriceCatalog c, String code, RegionPrices r) {
        String at = "/regions/" + escape(code);
        if (!REGION.matcher(code).matches()) {
            throw fail(source, at, "'" + code + "' is not an AWS region code; write e.g. \"eu-west-1\"");
        }
        if (code.equals(c.region())) {
            throw fail(source, at, code + " is this catalog's own region (\"region\"), whose prices are the top-level"
                    + " ones; drop the block, or set \"region\" to another code");
        }
        for (Map.Entry<String, BigDecimal> e : r.instancePrices().entrySet()) {
            String pointer = at + "/ec2/instances/" + escape(e.getKey());
            if (!INSTANCE_TYPE.matcher(e.getKey()).matches()) {
                throw fail(source, pointer, "'" + e.getKey() + "' is not an instance type; write family.size in lower"
                        + " case, e.g. \"g5.xlarge\"");
            }
            notNegative(source, pointer, e.getValue());
        }
        r.ec2DataTransferOut().ifPresent(rate -> tiers(source, at + "/ec2/data_transfer_out", rate));
        r.albHourly().ifPresent(v -> notNegative(source, at + "/alb/hourly", v));
        r.albLcuHourly().ifPresent(v -> notNegative(source, at + "/alb/lcu_hourly", v));
        r.efsStandardStorage().ifPresent(v -> notNegative(source, at + "/efs/standard_storage", v));
    }

    private static void price(String source, String pointer, Price price, String unit) {
        if (!price.unit().equals(unit)) {
            throw fail(source, pointer + "/unit", "unit '" + price.unit() + "' is not the unit of this price; write \""
                    + unit + "\" (prices are not converted between units)");
        }
        notNegative(source, pointer, price.amount());
    }

    private static void tiers(String source, String pointer, TieredRate rate) {
        List<RateBand> bands = rate.bands();
        if (bands.isEmpty()) {
            throw fail(source, pointer + "/tiers", "no tiers; give at least one, the last without \"up_to_gb\","
                    + " e.g. [{\"price\": \"0.09\"}]");
        }
        BigDecimal previous = BigDecimal.ZERO;
        for (int i = 0; i < bands.size(); i++) {
            RateBand band = bands.get(i);
            String at = pointer + "/tiers/" + i;
            boolean last = i == bands.size() - 1;
            if (band.upToGb().isPresent()) {
                BigDecimal upTo = band.upToGb().get();
                if (last) {
                    throw fail(source, at + "/up_to_gb", "the last tier must be open-ended; remove \"up_to_gb\": "
                            + upTo.toPlainString() + " or add a tier after it without one");
                }
                if (upTo.compareTo(previous) <= 0) {
                    throw fail(source, at + "/up_to_gb", "tiers must ascend: " + upTo.toPlainString()
                            + " GB is not above the previous bound " + previous.toPlainString()
                            + " GB; bounds are cumulative GB a month (10 TB = 10240)");
                }
                previous = upTo;
            } else if (!last) {
                throw fail(source, at + "/up_to_gb", "only the last tier may omit \"up_to_gb\"; give this tier's"
                        + " cumulative upper bound in GB");
            }
            notNegative(source, at + "/price", band.pricePerGb());
        }
    }

    private static void notNegative(String source, String pointer, BigDecimal value) {
        if (value.signum() < 0) {
            throw fail(source, pointer, value.toPlainString() + " is negative; prices and allowances must be 0 or more");
        }
    }

    static InvalidPriceCatalogException fail(String source, String pointer, String problem) {
        return new InvalidPriceCatalogException(source, pointer, problem);
    }

    /** Escapes a key for use in a JSON pointer (RFC 6901). */
    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /**
     * Checks a user's number against {@link #MAX_DIGITS} without expanding it.
     *
     * @param value the number
     * @return what is wrong, or null when it is within range
     */
    static String outOfRange(BigDecimal value) {
        if (value.precision() > MAX_DIGITS || Math.abs((long) value.scale()) > MAX_DIGITS) {
            String shown = value.toString();
            return (shown.length() > 40 ? shown.substring(0, 40) + "..." : shown) + " is out of range: at most "
                    + MAX_DIGITS + " digits, and at most " + MAX_DIGITS + " places before or after the decimal point";
        }
        return null;
    }
}
