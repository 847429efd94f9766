package io.tierstate.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Prices a deployment, or a plan for one, with a {@link PriceCatalog} and a {@link UsageProfile}.
 *
 * <pre>{@code
 * CostEstimator estimator = CostEstimator.of(PriceCatalog.defaults());   // or catalog.estimator()
 * CostEstimate plan = estimator.estimate(Plan.builder().label("gpu").instanceType("g4dn.xlarge")
 *         .hasAlb(true).hasCloudFront(true).build(), UsageProfile.defaults());
 * String text = plan.render();          // total USD 445.75 a month
 *
 * CostEstimate running = estimator.estimate(DeploymentResources.builder()
 *         .instanceType("g4dn.xlarge").spotPricePerHour(new BigDecimal("0.2104"))
 *         .hasEfs(true).hasAlb(true).hasCloudFront(true).build(),
 *     UsageProfile.builder().dataTransferOutGb(20_000).freeTier(true).build());
 * }</pre>
 *
 * <p>What the deployment holds decides what is charged:
 * <ul>
 *   <li><b>EC2</b>: instance-hours at the deployment's spot price when it has one, else at the
 *       catalog's on-demand price ({@link UnknownPriceException} when the catalog has none);</li>
 *   <li>every price is the deployment's region's: the catalog's top-level prices for its own
 *       region, a region's block otherwise; a region without prices raises
 *       {@link UnknownRegionException}, a block without a needed price {@link UnknownPriceException};</li>
 *   <li><b>EFS</b> storage per GB-month when it has a file system;</li>
 *   <li><b>ALB</b> hours and LCU-hours when it has a load balancer;</li>
 *   <li><b>CloudFront</b> when it has a distribution: data transfer out across the price tiers, HTTPS
 *       and HTTP requests, origin transfer, invalidations beyond the free paths, the $0 SNI
 *       certificate, and the always-free allowance when the profile turns it on;</li>
 *   <li><b>Data transfer</b> out to the internet at the EC2 rate, across its tiers, when it has no
 *       CloudFront (with CloudFront, the ALB-to-CloudFront fetch is free).</li>
 * </ul>
 * Hourly prices are charged for the profile's hours, else the catalog's (730). The estimator is
 * immutable and thread-safe: share one.
 */
public final class CostEstimator {

    private final PriceCatalog catalog;

    private CostEstimator(PriceCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * An estimator charging the prices of a catalog.
     *
     * @param catalog the prices, e.g. {@link PriceCatalog#defaults()}
     * @return the estimator
     */
    public static CostEstimator of(PriceCatalog catalog) {
        return new CostEstimator(Objects.requireNonNull(catalog, "catalog"));
    }

    /**
     * The catalog this estimator charges.
     *
     * @return the catalog
     */
    public PriceCatalog catalog() {
        return catalog;
    }

    /**
     * Estimates a plan before deploying it: the resources it names (see {@link Plan#toResources()}),
     * with a subject that starts with the plan's label.
     *
     * @param plan instance type and resources
     * @param usage the usage to assume
     * @return the estimate
     * @throws UnknownPriceException when the catalog has no price for the instance type
     */
    public CostEstimate estimate(Plan plan, UsageProfile usage) {
        return estimate(plan.toResources(), usage, plan.subjectPrefix());
    }

    /**
     * Estimates what a deployment costs a month.
     *
     * @param resources what the deployment holds
     * @param usage the usage to assume
     * @return the estimate
     * @throws UnknownPriceException when the deployment is on demand and the catalog has no price for
     *     its instance type
     */
    public CostEstimate estimate(DeploymentResources resources, UsageProfile usage) {
        return estimate(resources, usage, "");
    }

    private CostEstimate estimate(DeploymentResources r, UsageProfile usage, String subjectPrefix) {
        RegionalPrices prices = RegionalPrices.of(catalog, r.region());
        prices.require(r);
        BigDecimal hours = usage.hoursPerMonth().orElse(catalog.hoursPerMonth());
        List<CostLineItem> items = new ArrayList<>();
        List<String> notes = new ArrayList<>();

        ec2(r, prices, hours, items, notes);
        if (r.hasEfs()) {
            BigDecimal price = r.efsGbMonthPrice().orElseGet(() -> prices.efsStandardStorage().orElseThrow());
            items.add(CostLineItem.of(ChargedResource.EFS, "EFS Standard storage"
                    + (r.efsGbMonthPrice().isPresent() ? " (price from the deployment)" : ""),
                    usage.efsStorageGb(), Units.GB_MONTH, price));
        }
        if (r.hasAlb()) {
            items.add(CostLineItem.of(ChargedResource.ALB, "Application Load Balancer hours", hours,
                    Units.ALB_HOUR, prices.albHourly().orElseThrow()));
            items.add(CostLineItem.of(ChargedResource.ALB, "Load balancer capacity units ("
                    + Amounts.quantity(usage.lcu()) + " LCU x " + Amounts.quantity(hours) + " hours)",
                    usage.lcu().multiply(hours), Units.LCU_HOUR, prices.albLcuHourly().orElseThrow()));
        }
        if (r.hasCloudFront()) {
            cloudFront(usage, items);
        } else {
            internetTransfer(prices, usage, items);
        }
        return CostEstimate.builder()
                .subject(subjectPrefix + r.describe())
                .region(r.region())
                .currency(catalog.currency())
                .catalogAsOf(prices.asOf())
                .catalogRegion(prices.region())
                .hoursPerMonth(hours)
                .usage(usage)
                .lineItems(items)
                .notes(notes)
                .build();
    }

    private void ec2(DeploymentResources r, RegionalPrices prices, BigDecimal hours, List<CostLineItem> items,
            List<String> notes) {
        BigDecimal instanceHours = hours.multiply(BigDecimal.valueOf(r.instanceCount()));
        String count = r.instanceCount() > 1 ? " (" + r.instanceCount() + " instances)" : "";
        if (r.spotPricePerHour().isPresent()) {
            items.add(CostLineItem.of(ChargedResource.EC2, r.instanceType().orElse("instance of unknown type")
                    + " spot (" + r.spotPriceSource() + ")" + count, instanceHours, Units.INSTANCE_HOUR,
                    r.spotPricePerHour().get()));
        } else if (r.instanceType().isPresent()) {
            String type = r.instanceType().get();
            // require(..) has checked the price is there
            items.add(CostLineItem.of(ChargedResource.EC2, type + " on-demand" + count, instanceHours,
                    Units.INSTANCE_HOUR, prices.instance(type).orElseThrow()));
        } else {
            notes.add("No instance type or spot price is recorded, so EC2 is not charged; record the instance"
                    + " type to include it.");
        }
    }

    private void cloudFront(UsageProfile usage, List<CostLineItem> items) {
        BigDecimal out = usage.dataTransferOutGb();
        TieredRate rate = catalog.cloudFrontDataTransferOut();
        bands(items, ChargedResource.CLOUDFRONT, "CloudFront data transfer out", rate, out, null);
        if (usage.freeTier()) {
            BigDecimal free = catalog.cloudFrontFreeDataTransferOutGb();
            bands(items, ChargedResource.CLOUDFRONT, "Free tier: CloudFront data transfer out", rate, out.min(free), free);
        }

        long https = usage.httpsRequests();
        long http = usage.httpRequests();
        items.add(requests("CloudFront HTTPS requests", https, catalog.cloudFrontHttpsRequests().amount()));
        if (http > 0) {
            items.add(requests("CloudFront HTTP requests", http, catalog.cloudFrontHttpRequests().amount()));
        }
        if (usage.freeTier()) {
            // the allowance covers HTTP and HTTPS together; spend it on the dearer HTTPS requests first
            long freeHttps = Math.min(https, catalog.cloudFrontFreeRequests());
            long freeHttp = Math.min(http, catalog.cloudFrontFreeRequests() - freeHttps);
            if (freeHttps > 0) {
                items.add(requests("Free tier: CloudFront HTTPS requests", freeHttps,
                        catalog.cloudFrontHttpsRequests().amount().negate()));
            }
            if (freeHttp > 0) {
                items.add(requests("Free tier: CloudFront HTTP requests", freeHttp,
                        catalog.cloudFrontHttpRequests().amount().negate()));
            }
        }
        if (usage.originTransferGb().signum() > 0) {
            items.add(CostLineItem.of(ChargedResource.CLOUDFRONT, "CloudFront origin transfer (regional data"
                    + " transfer out to origin)", usage.originTransferGb(), Units.GB,
                    catalog.cloudFrontOriginTransfer().amount()));
        }
        if (usage.invalidationPaths() > 0) {
            long free = catalog.cloudFrontFreeInvalidationPaths();
            long billable = Math.max(0, usage.invalidationPaths() - free);
            items.add(CostLineItem.of(ChargedResource.CLOUDFRONT, "CloudFront invalidation paths beyond the free "
                    + Amounts.quantity(BigDecimal.valueOf(free)) + " (of "
                    + Amounts.quantity(BigDecimal.valueOf(usage.invalidationPaths())) + ")",
                    BigDecimal.valueOf(billable), Units.PATH, catalog.cloudFrontInvalidationPaths().amount()));
        }
        items.add(CostLineItem.of(ChargedResource.CLOUDFRONT, "CloudFront SNI TLS certificate (ACM)", BigDecimal.ONE,
                Units.CERTIFICATE_MONTH, catalog.cloudFrontSniCertificate().amount()));
    }

    private void internetTransfer(RegionalPrices prices, UsageProfile usage, List<CostLineItem> items) {
        BigDecimal out = usage.dataTransferOutGb();
        TieredRate rate = prices.ec2DataTransferOut().orElseThrow();
        bands(items, ChargedResource.DATA_TRANSFER, "EC2 data transfer out to the internet", rate, out, null);
        if (usage.freeTier()) {
            BigDecimal free = catalog.ec2FreeDataTransferOutGb();
            bands(items, ChargedResource.DATA_TRANSFER, "Free tier: EC2 data transfer out", rate, out.min(free), free);
        }
    }

    /**
     * One line per price band the volume touches. With an allowance, the lines deduct the free volume
     * as the first GB of the month, at the rates of the bands it falls in.
     */
    private static void bands(List<CostLineItem> items, ChargedResource resource, String what, TieredRate rate,
            BigDecimal gb, BigDecimal freeAllowance) {
        boolean deduction = freeAllowance != null;
        if (deduction && gb.signum() == 0) {
            return;
        }
        List<TieredRate.BandUse> uses = rate.split(gb);
        for (TieredRate.BandUse use : uses) {
            String description = deduction
                    ? what + " (" + Amounts.volume(freeAllowance) + " a month)"
                            + (uses.size() > 1 ? ", " + use.label() : "")
                    : what + ", " + use.label();
            BigDecimal price = deduction ? use.pricePerGb().negate() : use.pricePerGb();
            items.add(CostLineItem.of(resource, description, use.gb(), Units.GB, price));
        }
    }

    private static CostLineItem requests(String description, long count, BigDecimal per10000) {
        // quantity in the unit of the price: 1,000,000 requests are 100 x 10,000 requests
        return CostLineItem.of(ChargedResource.CLOUDFRONT, description, BigDecimal.valueOf(count).movePointLeft(4),
                Units.TEN_THOUSAND_REQUESTS, per10000);
    }

    /**
     * What a deployment has cost from {@code start} to {@code end}. Hourly prices (EC2, ALB, LCU) are
     * charged for the hours between them; EFS for {@code usage.efsStorageGb()} GB over the fraction of
     * a month ({@code hours / hoursPerMonth}); CloudFront and data transfer out as the profile's
     * monthly charge, pro rata for that fraction, because what was served is not recorded. An end
     * before the start gives an empty period (0 hours) and a note.
     *
     * @param resources what the deployment holds
     * @param usage the usage to assume for what is not metered hourly
     * @param start e.g. the instance's start time
     * @param end e.g. now, or when the deployment was terminated
     * @return the cost to date with its line items
     * @throws UnknownPriceException when the deployment is on demand and the catalog has no price for
     *     its instance type
     */
    public CostToDate costToDate(DeploymentResources resources, UsageProfile usage, Instant start, Instant end) {
        Objects.requireNonNull(usage, "usage");
        return costToDate(resources, usage, null, start, end);
    }

    /**
     * What a deployment has cost from {@code start} to {@code end}, with the usage its metrics
     * measured (usually over the same period; see {@code DeploymentHandle.costToDate(...)}): as
     * {@link #costToDate(DeploymentResources, UsageProfile, Instant, Instant)} with
     * {@code usage.profile()}, and each line that a measured value decides (CloudFront traffic, EFS
     * size, LCU) says it comes from CloudWatch. With the period measured whole, CloudFront's month
     * scaled from the measurement and taken pro rata is the measured traffic priced at the monthly
     * tiers.
     *
     * @param resources what the deployment holds
     * @param usage the profile from metrics, with its sources
     * @param start e.g. the instance's start time
     * @param end e.g. now
     * @return the cost to date with its line items
     * @throws UnknownPriceException when the catalog lacks a price the deployment needs
     */
    public CostToDate costToDate(DeploymentResources resources, UsageFromMetrics usage, Instant start, Instant end) {
        Objects.requireNonNull(usage, "usage");
        return costToDate(resources, usage.profile(), usage, start, end);
    }

    private CostToDate costToDate(DeploymentResources resources, UsageProfile usage, UsageFromMetrics sources, Instant start,
            Instant end) {
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        RegionalPrices prices = RegionalPrices.of(catalog, resources.region());
        prices.require(resources);
        List<String> notes = new ArrayList<>();
        Instant until = end;
        if (end.isBefore(start)) {
            notes.add("The period ends (" + end + ") before it starts (" + start + "), so nothing is charged;"
                    + " check the recorded instance start time and the clock.");
            until = start;
        }
        Duration d = Duration.between(start, until);
        // nanoseconds / 3,600,000,000,000 need not terminate; hours are kept to 6 places (1 s = 0.000278 h)
        BigDecimal hours = Amounts.normalize(BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9))
                .divide(BigDecimal.valueOf(3600), CostToDate.SCALE, RoundingMode.HALF_UP));
        BigDecimal perMonth = usage.hoursPerMonth().orElse(catalog.hoursPerMonth());
        BigDecimal months = Amounts.normalize(hours.divide(perMonth, CostToDate.SCALE, RoundingMode.HALF_UP));

        List<CostLineItem> items = new ArrayList<>();
        ec2(resources, prices, hours, items, notes);
        BigDecimal instancePrice = items.isEmpty() ? null : items.get(0).unitPrice();
        if (resources.hasEfs()) {
            BigDecimal price = resources.efsGbMonthPrice().orElseGet(() -> prices.efsStandardStorage().orElseThrow());
            items.add(CostLineItem.of(ChargedResource.EFS, "EFS Standard storage (" + Amounts.quantity(usage.efsStorageGb())
                    + " GB x " + Amounts.quantity(months) + " month, size from "
                    + (measured(sources, UsageLine.EFS_STORAGE) ? "CloudWatch" : "the usage profile") + ")",
                    usage.efsStorageGb().multiply(months), Units.GB_MONTH, price));
        }
        if (resources.hasAlb()) {
            items.add(CostLineItem.of(ChargedResource.ALB, "Application Load Balancer hours", hours, Units.ALB_HOUR,
                    prices.albHourly().orElseThrow()));
            items.add(CostLineItem.of(ChargedResource.ALB, "Load balancer capacity units (" + Amounts.quantity(usage.lcu())
                    + " LCU x " + Amounts.quantity(hours) + " hours" + (measured(sources, UsageLine.LCU) ? ", LCU from CloudWatch"
                    : "") + ")", usage.lcu().multiply(hours), Units.LCU_HOUR,
                    prices.albLcuHourly().orElseThrow()));
        }
        // what CloudFront and the internet gateway bill depends on traffic nobody recorded: take the profile's month
        CostEstimate month = estimate(resources, usage, "");
        ChargedResource traffic = resources.hasCloudFront() ? ChargedResource.CLOUDFRONT : ChargedResource.DATA_TRANSFER;
        BigDecimal monthly = month.subtotals().getOrDefault(traffic, BigDecimal.ZERO);
        String name = resources.hasCloudFront() ? "CloudFront" : "EC2 data transfer out";
        boolean trafficMeasured = resources.hasCloudFront() && (measured(sources, UsageLine.HTTPS_REQUESTS)
                || measured(sources, UsageLine.DATA_TRANSFER_OUT));
        if (trafficMeasured) {
            items.add(CostLineItem.of(traffic, name + ": the month measured by CloudWatch, pro rata", months, Units.MONTH,
                    monthly));
            notes.add(name + " is priced from CloudWatch: " + sources.source(UsageLine.HTTPS_REQUESTS).explanation()
                    + " for requests and " + sources.source(UsageLine.DATA_TRANSFER_OUT).explanation() + " for data out;"
                    + " that month (" + Amounts.money(monthly) + ") is taken pro rata for " + Amounts.quantity(months)
                    + " of a month, so the measured traffic is charged at the monthly price tiers.");
        } else {
            items.add(CostLineItem.of(traffic, name + ": the usage profile's month, pro rata", months, Units.MONTH, monthly));
            notes.add(name + " is the usage profile's monthly charge (" + Amounts.money(monthly) + ") pro rata for "
                    + Amounts.quantity(months) + " of a month: what was actually served is not recorded; give the real "
                    + "usage (--transfer-gb, --https-requests" + (resources.hasCloudFront() ? ", or --usage-from-metrics" : "")
                    + ") for a closer figure.");
        }
        ImmutableCostToDate.Builder b = CostToDate.builder()
                .subject(resources.describe())
                .currency(catalog.currency())
                .catalogAsOf(prices.asOf())
                .catalogRegion(prices.region())
                .periodStart(start)
                .periodEnd(until)
                .hours(hours)
                .hoursPerMonth(perMonth)
                .lineItems(items)
                .notes(notes);
        if (instancePrice != null && items.get(0).resource() == ChargedResource.EC2) {
            b.instancePricePerHour(instancePrice);
        }
        return b.build();
    }

    private static boolean measured(UsageFromMetrics sources, UsageLine line) {
        return sources != null && sources.source(line).fromMetrics();
    }

    @Override
    public String toString() {
        return "CostEstimator[" + catalog + "]";
    }
}
