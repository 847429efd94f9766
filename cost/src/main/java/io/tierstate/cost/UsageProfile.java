package io.tierstate.cost;

import java.math.BigDecimal;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * How much a deployment is used in a month: requests, data transferred, load balancer capacity and
 * stored data. Together with a {@link PriceCatalog} it decides what a {@link CostEstimate} charges.
 *
 * <p>{@link #defaults()}: 1,000,000 HTTPS requests, 100 GB out, 1 LCU, 100 GB on EFS, and nothing
 * else (no HTTP requests, no origin transfer, no invalidations, free tier off, the catalog's 730 hours).
 * Change what you know:
 *
 * <pre>{@code
 * UsageProfile busy = UsageProfile.builder()
 *     .httpsRequests(50_000_000)
 *     .dataTransferOutGb(12_000)       // GB, 1 TB = 1,024 GB
 *     .lcu(3)
 *     .freeTier(true)                  // count the CloudFront always-free tier
 *     .build();
 * UsageProfile halfMonth = UsageProfile.defaults().toBuilder().hoursPerMonth(365).build();
 * }</pre>
 *
 * <p>Values are checked when the profile is built: negative values, more than 1,000 PB of transfer or
 * storage, more than 10<sup>15</sup> requests, more than 100,000 LCU, more than 10<sup>12</sup>
 * invalidation paths or more than 744 hours raise {@link InvalidUsageException}.
 */
@Value.Immutable
public abstract class UsageProfile {

    static final long MAX_REQUESTS = 1_000_000_000_000_000L;
    static final BigDecimal MAX_GB = Amounts.GB_PER_PB.multiply(BigDecimal.valueOf(1000));
    static final BigDecimal MAX_LCU = BigDecimal.valueOf(100_000);
    static final long MAX_INVALIDATION_PATHS = 1_000_000_000_000L;

    private static final UsageProfile DEFAULTS = builder().build();

    UsageProfile() {
    }

    /**
     * HTTPS requests a month (charged by CloudFront).
     *
     * @return 1,000,000 by default
     */
    @Value.Default
    public long httpsRequests() {
        return 1_000_000L;
    }

    /**
     * HTTP requests a month (charged by CloudFront).
     *
     * @return 0 by default
     */
    @Value.Default
    public long httpRequests() {
        return 0L;
    }

    /**
     * GB a month sent to the internet: through CloudFront when the deployment has it, otherwise
     * straight from EC2/the load balancer at the EC2 rate.
     *
     * @return 100 by default
     */
    @Value.Default
    public BigDecimal dataTransferOutGb() {
        return BigDecimal.valueOf(100);
    }

    /**
     * GB a month CloudFront sends to the origin (request bodies such as uploads, billed as regional
     * data transfer out to origin). Responses fetched from the ALB origin are free and do not count.
     *
     * @return 0 by default
     */
    @Value.Default
    public BigDecimal originTransferGb() {
        return BigDecimal.ZERO;
    }

    /**
     * Average load balancer capacity units in use each hour.
     *
     * @return 1 by default
     */
    @Value.Default
    public BigDecimal lcu() {
        return BigDecimal.ONE;
    }

    /**
     * Average GB stored on EFS over the month.
     *
     * @return 100 by default
     */
    @Value.Default
    public BigDecimal efsStorageGb() {
        return BigDecimal.valueOf(100);
    }

    /**
     * CloudFront invalidation paths a month (the catalog's free allowance is deducted).
     *
     * @return 0 by default
     */
    @Value.Default
    public long invalidationPaths() {
        return 0L;
    }

    /**
     * Hours the deployment runs in the month; empty means the catalog's hours per month (730).
     *
     * @return the hours, or empty
     */
    public abstract Optional<BigDecimal> hoursPerMonth();

    /**
     * Whether to deduct the AWS always-free allowances (CloudFront 1 TB out and 10,000,000 requests,
     * 100 GB of EC2 data transfer out). Off by default: accounts share one allowance.
     *
     * @return false by default
     */
    @Value.Default
    public boolean freeTier() {
        return false;
    }

    @Value.Check
    void check() {
        // first: the checks below compare and print the values, which must not expand 1e-999999999
        digits("dataTransferOutGb", dataTransferOutGb());
        digits("originTransferGb", originTransferGb());
        digits("efsStorageGb", efsStorageGb());
        digits("lcu", lcu());
        hoursPerMonth().ifPresent(hours -> digits("hoursPerMonth", hours));
        count("httpsRequests", httpsRequests(), MAX_REQUESTS, "requests", "check the count is per month");
        count("httpRequests", httpRequests(), MAX_REQUESTS, "requests", "check the count is per month");
        volume("dataTransferOutGb", dataTransferOutGb());
        volume("originTransferGb", originTransferGb());
        volume("efsStorageGb", efsStorageGb());
        notNegative("lcu", lcu());
        if (lcu().compareTo(MAX_LCU) > 0) {
            throw new InvalidUsageException("lcu", "lcu is " + lcu().toPlainString()
                    + ", more than 100,000 load balancer capacity units; give the average LCU in use each hour");
        }
        count("invalidationPaths", invalidationPaths(), MAX_INVALIDATION_PATHS, "paths",
                "check the count is per month");
        hoursPerMonth().ifPresent(hours -> {
            if (hours.signum() <= 0 || hours.compareTo(CatalogRules.MAX_HOURS) > 0) {
                throw new InvalidUsageException("hoursPerMonth", "hoursPerMonth is " + hours.toPlainString()
                        + "; a month has more than 0 and at most 744 hours (leave it unset for the catalog's 730)");
            }
        });
    }

    private static void count(String field, long value, long max, String what, String hint) {
        if (value < 0) {
            throw new InvalidUsageException(field, field + " is " + value + "; it must be 0 or more");
        }
        if (value > max) {
            throw new InvalidUsageException(field, field + " is " + value + ", more than "
                    + Amounts.quantity(BigDecimal.valueOf(max)) + " " + what + " a month; " + hint);
        }
    }

    private static void volume(String field, BigDecimal gb) {
        notNegative(field, gb);
        if (gb.compareTo(MAX_GB) > 0) {
            throw new InvalidUsageException(field, field + " is " + gb.toPlainString() + " GB, more than 1,000 PB ("
                    + Amounts.quantity(MAX_GB) + " GB) a month; check the unit: the value is in GB, 1 TB = 1,024 GB");
        }
    }

    private static void digits(String field, BigDecimal value) {
        String wrong = CatalogRules.outOfRange(value);
        if (wrong != null) {
            throw new InvalidUsageException(field, field + " " + wrong + "; round it");
        }
    }

    private static void notNegative(String field, BigDecimal value) {
        if (value.signum() < 0) {
            throw new InvalidUsageException(field, field + " is " + value.toPlainString() + "; it must be 0 or more");
        }
    }

    /** @param value HTTPS requests a month @return a copy with it, checked as the builder checks */
    public abstract UsageProfile withHttpsRequests(long value);

    /** @param value HTTP requests a month @return a copy with it */
    public abstract UsageProfile withHttpRequests(long value);

    /** @param value GB out to the internet a month @return a copy with it */
    public abstract UsageProfile withDataTransferOutGb(BigDecimal value);

    /** @param value GB CloudFront sends to the origin a month @return a copy with it */
    public abstract UsageProfile withOriginTransferGb(BigDecimal value);

    /** @param value load balancer capacity units @return a copy with it */
    public abstract UsageProfile withLcu(BigDecimal value);

    /** @param value GB stored on EFS @return a copy with it */
    public abstract UsageProfile withEfsStorageGb(BigDecimal value);

    /** @param value CloudFront invalidation paths a month @return a copy with it */
    public abstract UsageProfile withInvalidationPaths(long value);

    /** @param value hours a month, at most 744 @return a copy with it */
    public abstract UsageProfile withHoursPerMonth(BigDecimal value);

    /** @param value whether the AWS free tier applies @return a copy with it */
    public abstract UsageProfile withFreeTier(boolean value);

    /**
     * The default profile: 1,000,000 HTTPS requests, 100 GB out, 1 LCU, 100 GB on EFS.
     *
     * @return the defaults
     */
    public static UsageProfile defaults() {
        return DEFAULTS;
    }

    /**
     * A monthly profile from what a deployment's metrics measured: each measured line extrapolated
     * to a month (totals x month / measured window; averages as they are), each line that was not
     * measured taken from {@code fallback}, and the source of every line kept. See
     * {@link UsageFromMetrics} for the exact rule and {@code docs/cost.md}.
     *
     * <pre>{@code
     * UsageFromMetrics u = UsageProfile.fromMetrics(measured, UsageProfile.defaults());
     * CostEstimate e = estimator.estimate(resources, u.profile());
     * }</pre>
     *
     * <p>With a deployment, {@code DeploymentHandle.usageFromMetrics(Duration.ofDays(30))} reads the
     * metrics and calls this (the cost module does not know clouds, so the handle is the way in).
     *
     * @param measured what the metrics measured, and over which window
     * @param fallback where the lines that were not measured come from, and the hours of the month
     * @return the profile with its sources
     * @throws InvalidUsageException when an extrapolated value is out of the profile's range
     */
    public static UsageFromMetrics fromMetrics(MeasuredUsage measured, UsageProfile fallback) {
        return UsageFromMetrics.of(measured, fallback);
    }

    /**
     * A builder that starts from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder that starts from this profile.
     *
     * @return a new builder with every value of this profile
     */
    public Builder toBuilder() {
        return builder().from(this);
    }

    /** Builds a {@link UsageProfile}; unset values keep their defaults. Checked by {@link #build()}. */
    public static class Builder extends ImmutableUsageProfile.Builder {

        Builder() {
        }

        /**
         * Sets the GB a month sent to the internet.
         *
         * @param gb whole GB
         * @return this builder
         */
        public Builder dataTransferOutGb(long gb) {
            return dataTransferOutGb(BigDecimal.valueOf(gb));
        }

        /**
         * Sets the GB a month CloudFront sends to the origin.
         *
         * @param gb whole GB
         * @return this builder
         */
        public Builder originTransferGb(long gb) {
            return originTransferGb(BigDecimal.valueOf(gb));
        }

        /**
         * Sets the average load balancer capacity units.
         *
         * @param lcu whole LCU
         * @return this builder
         */
        public Builder lcu(long lcu) {
            return lcu(BigDecimal.valueOf(lcu));
        }

        /**
         * Sets the average GB stored on EFS.
         *
         * @param gb whole GB
         * @return this builder
         */
        public Builder efsStorageGb(long gb) {
            return efsStorageGb(BigDecimal.valueOf(gb));
        }

        /**
         * Sets the hours the deployment runs in the month.
         *
         * @param hours whole hours, more than 0 and at most 744
         * @return this builder
         */
        public Builder hoursPerMonth(long hours) {
            return hoursPerMonth(BigDecimal.valueOf(hours));
        }
    }
}
