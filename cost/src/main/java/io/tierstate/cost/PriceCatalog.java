package io.tierstate.cost;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The prices a {@link CostEstimator} charges: dated, for one region and currency, each price with its
 * unit.
 *
 * <p>{@link #defaults()} is a JSON catalog bundled in this jar ({@code io/tierstate/cost/price-catalog.json}):
 * us-east-1, USD, Linux on-demand, taken from the AWS public pricing pages for CloudFront, EC2, Elastic
 * Load Balancing and EFS as of {@link #asOf()}, plus the prices of more regions ({@link #regions()}),
 * each dated and with its sources. A deployment is priced in its own region. Prices change; override
 * what you know better, fluently or from a file:
 *
 * <pre>{@code
 * PriceCatalog catalog = PriceCatalog.defaults()
 *     .withInstancePrice("g6.12xlarge", new BigDecimal("4.6016"))   // add or replace a type
 *     .withAlbHourly(new BigDecimal("0.0252"));                       // a price you checked
 * PriceCatalog mine = PriceCatalog.defaults()
 *     .overriddenBy(Path.of("prices.json"));   // only the prices the file names, over the defaults
 * PriceCatalog full = PriceCatalog.load(Path.of("eu-west-1.json"));  // a complete catalog
 * CostEstimate e = catalog.estimator().estimate(Plan.builder().instanceType("g6.12xlarge").build(),
 *     UsageProfile.defaults());
 * }</pre>
 *
 * <p>A catalog is immutable and thread-safe; every {@code withX} returns a new, checked catalog. A
 * price that is negative, transfer bands that do not ascend, or an unusable hours-per-month value
 * raise {@link InvalidPriceCatalogException} naming the field. The file format is the one
 * {@link #toJson()} writes (see {@code docs/cost.md}).
 */
@Value.Immutable(copy = false)
public abstract class PriceCatalog {

    static final String BUNDLED_RESOURCE = "/io/tierstate/cost/price-catalog.json";
    static final String BUILT_IN_CODE = "(built in code)";

    /** The largest price file read: the bundled catalog is a few kilobytes. */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    PriceCatalog() {
    }

    /**
     * The date the prices were taken from their sources.
     *
     * @return the as-of date, e.g. 2026-11-01 for the defaults
     */
    public abstract LocalDate asOf();

    /**
     * ISO 4217 code of every amount in this catalog.
     *
     * @return e.g. {@code "USD"}
     */
    public abstract String currency();

    /**
     * The AWS region the top-level prices are for; {@link #regions()} holds others.
     *
     * @return e.g. {@code "us-east-1"}
     */
    public abstract String region();

    /**
     * Where the prices come from (URLs or free text).
     *
     * @return the sources, possibly empty
     */
    public abstract List<String> sources();

    /**
     * Hours in a billing month, used for hourly prices unless the {@link UsageProfile} sets its own.
     *
     * @return 730 for the defaults (AWS's convention: 365 x 24 / 12)
     */
    public abstract BigDecimal hoursPerMonth();

    /**
     * On-demand Linux prices per instance-hour, by lower-case instance type.
     *
     * @return the prices, in catalog order
     */
    public abstract Map<String, BigDecimal> instancePrices();

    /**
     * EC2 data transfer out to the internet, charged for deployments without CloudFront.
     *
     * @return the per-GB tiered rate
     */
    public abstract TieredRate ec2DataTransferOut();

    /**
     * GB of EC2 data transfer out a month covered by the AWS Free Tier (applied only when the usage
     * profile turns the free tier on).
     *
     * @return 100 for the defaults
     */
    public abstract BigDecimal ec2FreeDataTransferOutGb();

    /**
     * Application Load Balancer price per hour.
     *
     * @return the price per ALB-hour
     */
    public abstract Price albHourly();

    /**
     * Application Load Balancer price per load balancer capacity unit-hour.
     *
     * @return the price per LCU-hour
     */
    public abstract Price albLcuHourly();

    /**
     * EFS Standard storage price.
     *
     * @return the price per GB-month
     */
    public abstract Price efsStandardStorage();

    /**
     * CloudFront data transfer out to the internet (US, Canada, Europe edge locations).
     *
     * @return the per-GB tiered rate
     */
    public abstract TieredRate cloudFrontDataTransferOut();

    /**
     * CloudFront HTTPS request price.
     *
     * @return the price per 10,000 requests
     */
    public abstract Price cloudFrontHttpsRequests();

    /**
     * CloudFront HTTP request price.
     *
     * @return the price per 10,000 requests
     */
    public abstract Price cloudFrontHttpRequests();

    /**
     * CloudFront regional data transfer out to origin (requests that carry data from CloudFront to
     * the origin, such as uploads). Fetches from the origin into CloudFront are free.
     *
     * @return the price per GB
     */
    public abstract Price cloudFrontOriginTransfer();

    /**
     * CloudFront invalidation price for paths beyond the free ones.
     *
     * @return the price per path
     */
    public abstract Price cloudFrontInvalidationPaths();

    /**
     * Invalidation paths a month that cost nothing.
     *
     * @return 1,000 for the defaults
     */
    public abstract long cloudFrontFreeInvalidationPaths();

    /**
     * Price of the SNI TLS certificate (ACM public certificates are free).
     *
     * @return the price per certificate-month
     */
    public abstract Price cloudFrontSniCertificate();

    /**
     * GB of CloudFront data transfer out a month covered by the always-free tier.
     *
     * @return 1,024 (1 TB) for the defaults
     */
    public abstract BigDecimal cloudFrontFreeDataTransferOutGb();

    /**
     * HTTP and HTTPS requests a month covered by the CloudFront always-free tier.
     *
     * @return 10,000,000 for the defaults
     */
    public abstract long cloudFrontFreeRequests();

    /**
     * The prices of more regions than {@link #region()}: what differs by region (instances, EC2 data
     * transfer out, ALB, EFS), each region dated and with its own sources. A deployment is priced in
     * its own region: in {@link #region()} with the prices above, in a region listed here with that
     * region's, anywhere else not at all ({@link UnknownRegionException}). CloudFront, the free tiers,
     * hours in a month and the currency are the same for every region.
     *
     * @return the regions by code, in catalog order; the defaults have us-west-2, eu-west-1,
     *     eu-central-1 and ap-southeast-1
     */
    public abstract Map<String, RegionPrices> regions();

    /**
     * Every region this catalog has prices for: {@link #region()} first, then {@link #regions()}.
     *
     * @return the region codes
     */
    public List<String> pricedRegions() {
        List<String> all = new java.util.ArrayList<>();
        all.add(region());
        all.addAll(regions().keySet());
        return List.copyOf(all);
    }

    @Value.Check
    void check() {
        CatalogRules.check(this, BUILT_IN_CODE);
    }

    // ---------------------------------------------------------------- factories

    /**
     * The bundled catalog: us-east-1, USD, Linux on-demand, as of the date in {@link #asOf()}.
     *
     * @return the default catalog (the same instance on every call)
     */
    public static PriceCatalog defaults() {
        return Bundled.CATALOG;
    }

    /**
     * Loads a complete catalog file in the format {@link #toJson()} writes. Every field is required;
     * use {@link #overriddenBy(Path)} for a file that holds only some prices.
     *
     * @param file a UTF-8 JSON file
     * @return the catalog
     * @throws InvalidPriceCatalogException naming the file and the field when the file cannot be read
     *     or is not a valid catalog
     */
    public static PriceCatalog load(Path file) {
        return CatalogJson.read(readFile(file), file.toString(), null);
    }

    /**
     * Parses a complete catalog from JSON text in the format {@link #toJson()} writes.
     *
     * @param json the JSON text
     * @return the catalog
     * @throws InvalidPriceCatalogException naming the field when the text is not a valid catalog
     */
    public static PriceCatalog parse(String json) {
        return CatalogJson.read(json, "(JSON text)", null);
    }

    /**
     * A copy with the prices of a partial catalog file layered over this catalog: fields the file
     * names replace these (a {@code tiers} list replaces the whole list), instance types are added
     * or replaced one by one, and everything else, including {@code as_of}, is kept unless the file
     * sets it.
     *
     * <pre>{@code
     * // prices.json: {"as_of": "2026-12-01", "ec2": {"instances": {"g6.12xlarge": "4.6016"}}}
     * PriceCatalog catalog = PriceCatalog.defaults().overriddenBy(Path.of("prices.json"));
     * }</pre>
     *
     * @param file a UTF-8 JSON file with any subset of the catalog's fields
     * @return the combined catalog
     * @throws InvalidPriceCatalogException naming the file and the field when it is not valid
     */
    public PriceCatalog overriddenBy(Path file) {
        return CatalogJson.read(readFile(file), file.toString(), this);
    }

    /**
     * Like {@link #overriddenBy(Path)}, from JSON text.
     *
     * @param json JSON text with any subset of the catalog's fields
     * @return the combined catalog
     * @throws InvalidPriceCatalogException naming the field when it is not valid
     */
    public PriceCatalog overriddenByJson(String json) {
        return CatalogJson.read(json, "(JSON text)", this);
    }

    /**
     * This catalog as complete, pretty-printed JSON that {@link #load(Path)} and {@link #parse(String)}
     * read back to an equal catalog. A good start for a catalog of your own.
     *
     * @return the JSON text
     */
    public String toJson() {
        return CatalogJson.write(this);
    }

    /**
     * An estimator that charges this catalog's prices.
     *
     * @return a thread-safe estimator
     */
    public CostEstimator estimator() {
        return CostEstimator.of(this);
    }

    /**
     * The on-demand price of an instance type, if the catalog has one.
     *
     * @param instanceType e.g. {@code "g4dn.xlarge"} (case is ignored)
     * @return the price per instance-hour, or empty
     */
    public Optional<Price> instancePrice(String instanceType) {
        BigDecimal amount = instancePrices().get(instanceType.trim().toLowerCase(Locale.ROOT));
        return Optional.ofNullable(amount).map(a -> Price.of(a, Units.INSTANCE_HOUR));
    }

    // ---------------------------------------------------------------- fluent overrides

    /**
     * A copy with an on-demand price added or replaced.
     *
     * @param instanceType e.g. {@code "g6.12xlarge"}; stored in lower case
     * @param pricePerHour USD (catalog currency) per instance-hour
     * @return the new catalog
     */
    public PriceCatalog withInstancePrice(String instanceType, BigDecimal pricePerHour) {
        Map<String, BigDecimal> prices = new LinkedHashMap<>(instancePrices());
        prices.put(instanceType.trim().toLowerCase(Locale.ROOT), pricePerHour);
        return copy().instancePrices(prices).build();
    }

    /**
     * A copy with another as-of date, for a catalog whose prices you have checked again.
     *
     * @param date the new date
     * @return the new catalog
     */
    public PriceCatalog withAsOf(LocalDate date) {
        return copy().asOf(date).build();
    }

    /**
     * A copy whose top-level prices are labelled with another region (set its prices too; the
     * defaults are us-east-1's). A block of that region in {@link #regions()} is dropped, since the
     * top-level prices are now that region's.
     *
     * @param newRegion e.g. {@code "eu-west-1"}
     * @return the new catalog
     */
    public PriceCatalog withRegion(String newRegion) {
        Map<String, RegionPrices> others = new LinkedHashMap<>(regions());
        others.remove(newRegion);
        return copy().region(newRegion).regions(others).build();
    }

    /**
     * A copy with the prices of a region added or replaced.
     *
     * <pre>{@code
     * PriceCatalog catalog = PriceCatalog.defaults().withRegionPrices("eu-west-3", RegionPrices.builder()
     *     .asOf(LocalDate.of(2026, 12, 1)).addSource("my AWS bill, November 2026")
     *     .putInstancePrice("t3.medium", new BigDecimal("0.0472")).build());
     * }</pre>
     *
     * @param regionCode e.g. {@code "eu-west-3"}; not this catalog's own {@link #region()}, whose
     *     prices are the top-level ones
     * @param prices the region's prices
     * @return the new catalog
     */
    public PriceCatalog withRegionPrices(String regionCode, RegionPrices prices) {
        Map<String, RegionPrices> others = new LinkedHashMap<>(regions());
        others.put(regionCode, prices);
        return copy().regions(others).build();
    }

    /**
     * A copy with another currency code (the amounts are not converted).
     *
     * @param newCurrency ISO 4217 code, e.g. {@code "EUR"}
     * @return the new catalog
     */
    public PriceCatalog withCurrency(String newCurrency) {
        return copy().currency(newCurrency).build();
    }

    /**
     * A copy with another number of hours in a month.
     *
     * @param hours more than 0 and at most 744
     * @return the new catalog
     */
    public PriceCatalog withHoursPerMonth(BigDecimal hours) {
        return copy().hoursPerMonth(hours).build();
    }

    /**
     * A copy with other EC2 data-transfer-out bands.
     *
     * @param rate the bands, the last unbounded
     * @return the new catalog
     */
    public PriceCatalog withEc2DataTransferOut(TieredRate rate) {
        return copy().ec2DataTransferOut(rate).build();
    }

    /**
     * A copy with another free-tier allowance for EC2 data transfer out.
     *
     * @param gb GB a month
     * @return the new catalog
     */
    public PriceCatalog withEc2FreeDataTransferOutGb(BigDecimal gb) {
        return copy().ec2FreeDataTransferOutGb(gb).build();
    }

    /**
     * A copy with another ALB hourly price.
     *
     * @param perHour price per ALB-hour
     * @return the new catalog
     */
    public PriceCatalog withAlbHourly(BigDecimal perHour) {
        return copy().albHourly(albHourly().withAmount(perHour)).build();
    }

    /**
     * A copy with another ALB capacity-unit price.
     *
     * @param perLcuHour price per LCU-hour
     * @return the new catalog
     */
    public PriceCatalog withAlbLcuHourly(BigDecimal perLcuHour) {
        return copy().albLcuHourly(albLcuHourly().withAmount(perLcuHour)).build();
    }

    /**
     * A copy with another EFS Standard storage price.
     *
     * @param perGbMonth price per GB-month
     * @return the new catalog
     */
    public PriceCatalog withEfsStandardStorage(BigDecimal perGbMonth) {
        return copy().efsStandardStorage(efsStandardStorage().withAmount(perGbMonth)).build();
    }

    /**
     * A copy with other CloudFront data-transfer-out bands.
     *
     * @param rate the bands, the last unbounded
     * @return the new catalog
     */
    public PriceCatalog withCloudFrontDataTransferOut(TieredRate rate) {
        return copy().cloudFrontDataTransferOut(rate).build();
    }

    /**
     * A copy with another CloudFront HTTPS request price.
     *
     * @param per10000 price per 10,000 requests
     * @return the new catalog
     */
    public PriceCatalog withCloudFrontHttpsRequests(BigDecimal per10000) {
        return copy().cloudFrontHttpsRequests(cloudFrontHttpsRequests().withAmount(per10000)).build();
    }

    /**
     * A copy with another CloudFront HTTP request price.
     *
     * @param per10000 price per 10,000 requests
     * @return the new catalog
     */
    public PriceCatalog withCloudFrontHttpRequests(BigDecimal per10000) {
        return copy().cloudFrontHttpRequests(cloudFrontHttpRequests().withAmount(per10000)).build();
    }

    /**
     * A copy with another CloudFront origin-transfer price.
     *
     * @param perGb price per GB
     * @return the new catalog
     */
    public PriceCatalog withCloudFrontOriginTransfer(BigDecimal perGb) {
        return copy().cloudFrontOriginTransfer(cloudFrontOriginTransfer().withAmount(perGb)).build();
    }

    /**
     * A copy with other CloudFront invalidation terms.
     *
     * @param freePaths paths a month that cost nothing
     * @param perPath price per path beyond them
     * @return the new catalog
     */
    public PriceCatalog withCloudFrontInvalidations(long freePaths, BigDecimal perPath) {
        return copy().cloudFrontFreeInvalidationPaths(freePaths)
                .cloudFrontInvalidationPaths(cloudFrontInvalidationPaths().withAmount(perPath)).build();
    }

    /**
     * A copy with another SNI certificate price (ACM certificates are free; a custom dedicated-IP
     * certificate is not).
     *
     * @param perMonth price per certificate-month
     * @return the new catalog
     */
    public PriceCatalog withCloudFrontSniCertificate(BigDecimal perMonth) {
        return copy().cloudFrontSniCertificate(cloudFrontSniCertificate().withAmount(perMonth)).build();
    }

    /**
     * A copy with another CloudFront always-free allowance.
     *
     * @param dataTransferOutGb GB of data transfer out a month
     * @param requests HTTP and HTTPS requests a month
     * @return the new catalog
     */
    public PriceCatalog withCloudFrontFreeTier(BigDecimal dataTransferOutGb, long requests) {
        return copy().cloudFrontFreeDataTransferOutGb(dataTransferOutGb).cloudFrontFreeRequests(requests).build();
    }

    private ImmutablePriceCatalog.Builder copy() {
        return ImmutablePriceCatalog.builder().from(this);
    }

    static ImmutablePriceCatalog.Builder builder() {
        return ImmutablePriceCatalog.builder();
    }

    private static String readFile(Path file) {
        try {
            java.nio.file.attribute.BasicFileAttributes attrs = Files.readAttributes(file,
                    java.nio.file.attribute.BasicFileAttributes.class);
            if (!attrs.isRegularFile()) {
                // /dev/zero would be read until memory ran out, a FIFO until a writer came
                throw new InvalidPriceCatalogException(file.toString(), "", "is not a regular file (a directory, device"
                        + " or FIFO); give a JSON price file");
            }
            if (attrs.size() > MAX_FILE_BYTES) {
                throw new InvalidPriceCatalogException(file.toString(), "", "is " + attrs.size() + " bytes; price files"
                        + " over " + MAX_FILE_BYTES + " bytes are refused (the bundled catalog is a few kilobytes)");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidPriceCatalogException(file.toString(), "",
                    "the file cannot be read (" + e + "); check the path and its permissions", e);
        }
    }

    @Override
    public String toString() {
        return "PriceCatalog[" + region() + ", " + currency() + ", as of " + asOf() + ", "
                + instancePrices().size() + " instance types" + (regions().isEmpty() ? ""
                        : "; also " + String.join(", ", regions().keySet())) + "]";
    }

    /** Loads the bundled catalog once, on first use. */
    private static final class Bundled {
        static final PriceCatalog CATALOG = load();

        private static PriceCatalog load() {
            try (InputStream in = PriceCatalog.class.getResourceAsStream(BUNDLED_RESOURCE)) {
                if (in == null) {
                    throw new InvalidPriceCatalogException("classpath:" + BUNDLED_RESOURCE, "",
                            "the bundled catalog is missing from the jar; rebuild tierstate-cost");
                }
                return CatalogJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                        "classpath:" + BUNDLED_RESOURCE, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
