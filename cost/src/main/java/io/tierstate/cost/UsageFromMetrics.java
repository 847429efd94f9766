package io.tierstate.cost;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A monthly {@link UsageProfile} made from a deployment's own metrics, with where each line came
 * from: measured (and how it was extrapolated) or the fallback profile (and why). Made by
 * {@link UsageProfile#fromMetrics(MeasuredUsage, UsageProfile)}.
 *
 * <pre>{@code
 * UsageFromMetrics u = UsageProfile.fromMetrics(measured, UsageProfile.defaults());
 * CostEstimate e = estimator.estimate(resources, u.profile());
 * u.render();    // one line per usage line: "from CloudWatch (12.5 days, scaled to a 730-hour month)" ...
 * }</pre>
 *
 * <p>The rule: a total measured over {@code d} seconds (requests, bytes out) is scaled to the
 * month as {@code total x hoursPerMonth x 3600 / d}, requests half-up to whole requests, GB half-up
 * to 6 decimal places (1 GB = 1,073,741,824 bytes, as AWS bills). The LCU is an average and is not
 * scaled: {@code sum of the per-minute ConsumedLCUs x 60 / d}, or, when {@code ConsumedLCUs} has no
 * datapoint but {@code ProcessedBytes} has, {@code GB processed x 3600 / d}: one LCU is 1 GB processed
 * an hour, so this is a lower bound (connections and rule evaluations are not in it, and it is said
 * so); EFS storage is the average
 * {@code StorageBytes} over the window in GB. Everything else (HTTP requests, origin transfer,
 * invalidations, hours, free tier) is the fallback's, except that HTTP requests are 0 when
 * requests were measured: CloudFront's {@code Requests} counts HTTP and HTTPS together, and all of
 * them are priced at the (dearer) HTTPS rate.
 */
public final class UsageFromMetrics {

    /** Bytes in a GB as AWS bills data: 2^30. */
    static final BigDecimal BYTES_PER_GB = BigDecimal.valueOf(1L << 30);
    private static final int SCALE = 6;
    /** The month totals are scaled to unless the fallback names its hours: AWS's 730 (365 x 24 / 12). */
    static final BigDecimal MONTH_HOURS = BigDecimal.valueOf(730);
    /** The metric an LCU is derived from when {@code ConsumedLCUs} has no datapoint. */
    static final String PROCESSED_BYTES = "ALB ProcessedBytes";

    /**
     * Where one line of the profile came from.
     *
     * @param line the usage line
     * @param metric the metric it was measured by, or would have been ({@link UsageLine#metric()}, except
     *     {@code ALB ProcessedBytes} for an LCU derived from processed bytes)
     * @param fromMetrics whether it was measured
     * @param measured the raw measurement over the window (requests, bytes, LCU-minutes, average bytes), when measured
     * @param monthly the profile's value, as a plain decimal
     * @param explanation e.g. {@code "from CloudWatch (CloudFront Requests: 500,000 in 12.5 days, scaled x 2.433333 to a 730-hour month)"}
     */
    public record Source(UsageLine line, String metric, boolean fromMetrics, Optional<BigDecimal> measured,
            BigDecimal monthly, String explanation) {}

    private final UsageProfile profile;
    private final MeasuredUsage measured;
    private final BigDecimal hoursPerMonth;
    private final List<Source> sources;

    private UsageFromMetrics(UsageProfile profile, MeasuredUsage measured, BigDecimal hoursPerMonth, List<Source> sources) {
        this.profile = profile;
        this.measured = measured;
        this.hoursPerMonth = hoursPerMonth;
        this.sources = List.copyOf(sources);
    }

    static UsageFromMetrics of(MeasuredUsage m, UsageProfile fallback) {
        java.util.Objects.requireNonNull(m, "measured");
        java.util.Objects.requireNonNull(fallback, "fallback");
        BigDecimal hpm = fallback.hoursPerMonth().orElse(MONTH_HOURS);
        BigDecimal seconds = BigDecimal.valueOf(m.length().getSeconds()).add(BigDecimal.valueOf(m.length().getNano(), 9));
        BigDecimal monthSeconds = hpm.multiply(BigDecimal.valueOf(3600));
        String window = days(seconds) + " days";
        String scaled = window + ", scaled x " + Amounts.quantity(monthSeconds.divide(seconds, SCALE, RoundingMode.HALF_UP))
                + " to a " + Amounts.quantity(hpm) + "-hour month";
        UsageProfile.Builder b = fallback.toBuilder();
        List<Source> sources = new ArrayList<>();

        Optional<BigDecimal> requests = m.cloudFrontRequests();
        if (requests.isPresent()) {
            long monthly = requests.get().multiply(monthSeconds).divide(seconds, 0, RoundingMode.HALF_UP).longValueExact();
            b.httpsRequests(monthly).httpRequests(0);
            sources.add(measured(UsageLine.HTTPS_REQUESTS, requests, BigDecimal.valueOf(monthly), "from CloudWatch ("
                    + UsageLine.HTTPS_REQUESTS.metric() + ": " + Amounts.quantity(requests.get()) + " in " + scaled
                    + "; HTTP and HTTPS together, priced as HTTPS)"));
        } else {
            sources.add(fallback(UsageLine.HTTPS_REQUESTS, BigDecimal.valueOf(fallback.httpsRequests()), m));
        }

        Optional<BigDecimal> bytes = m.cloudFrontBytesDownloaded();
        if (bytes.isPresent()) {
            BigDecimal gb = Amounts.normalize(bytes.get().multiply(monthSeconds)
                    .divide(seconds.multiply(BYTES_PER_GB), SCALE, RoundingMode.HALF_UP));
            b.dataTransferOutGb(gb);
            sources.add(measured(UsageLine.DATA_TRANSFER_OUT, bytes, gb, "from CloudWatch ("
                    + UsageLine.DATA_TRANSFER_OUT.metric() + ": " + gbText(bytes.get()) + " GB in " + scaled + ")"));
        } else {
            sources.add(fallback(UsageLine.DATA_TRANSFER_OUT, fallback.dataTransferOutGb(), m));
        }

        Optional<BigDecimal> lcuMinutes = m.albLcuMinutes();
        if (lcuMinutes.isPresent()) {
            BigDecimal lcu = Amounts.normalize(lcuMinutes.get().multiply(BigDecimal.valueOf(60))
                    .divide(seconds, SCALE, RoundingMode.HALF_UP));
            b.lcu(lcu);
            sources.add(measured(UsageLine.LCU, lcuMinutes, lcu, "from CloudWatch (" + UsageLine.LCU.metric()
                    + ": " + Amounts.quantity(lcuMinutes.get()) + " LCU-minutes in " + window + ", averaged per minute"
                    + m.albProcessedBytes().map(p -> "; ProcessedBytes " + gbText(p) + " GB").orElse("") + ")"));
        } else if (m.albProcessedBytes().isPresent()) {
            BigDecimal processed = m.albProcessedBytes().get();
            BigDecimal lcu = Amounts.normalize(processed.multiply(BigDecimal.valueOf(3600))
                    .divide(seconds.multiply(BYTES_PER_GB), SCALE, RoundingMode.HALF_UP));
            b.lcu(lcu);
            sources.add(new Source(UsageLine.LCU, PROCESSED_BYTES, true, Optional.of(processed), lcu, "from CloudWatch ("
                    + PROCESSED_BYTES + ": " + gbText(processed) + " GB in " + window + ", 1 LCU per GB processed an hour;"
                    + " a lower bound, as new and active connections and rule evaluations are not counted; "
                    + m.missingReason(UsageLine.LCU).orElse("no ConsumedLCUs datapoints") + ")"));
        } else {
            sources.add(fallback(UsageLine.LCU, fallback.lcu(), m));
        }

        Optional<BigDecimal> efs = m.efsAverageStorageBytes();
        if (efs.isPresent()) {
            BigDecimal gb = Amounts.normalize(efs.get().divide(BYTES_PER_GB, SCALE, RoundingMode.HALF_UP));
            b.efsStorageGb(gb);
            sources.add(measured(UsageLine.EFS_STORAGE, efs, gb, "from CloudWatch (" + UsageLine.EFS_STORAGE.metric()
                    + ": average " + gbText(efs.get()) + " GB over " + window + ")"));
        } else {
            sources.add(fallback(UsageLine.EFS_STORAGE, fallback.efsStorageGb(), m));
        }
        return new UsageFromMetrics(b.build(), m, hpm, sources);
    }

    private static Source measured(UsageLine line, Optional<BigDecimal> raw, BigDecimal monthly, String explanation) {
        return new Source(line, line.metric(), true, raw, monthly, explanation);
    }

    private static Source fallback(UsageLine line, BigDecimal value, MeasuredUsage m) {
        return new Source(line, line.metric(), false, Optional.empty(), Amounts.normalize(value), "from the profile ("
                + m.missingReason(line).orElse("not measured") + ")");
    }

    /** Days as shown: half-up to 2 decimal places, trailing zeros dropped (12.5). */
    private static String days(BigDecimal seconds) {
        return Amounts.quantity(seconds.divide(BigDecimal.valueOf(86_400), 2, RoundingMode.HALF_UP));
    }

    private static String gbText(BigDecimal bytes) {
        return Amounts.quantity(bytes.divide(BYTES_PER_GB, SCALE, RoundingMode.HALF_UP));
    }

    /** @return the monthly profile: measured lines extrapolated, the others the fallback's */
    public UsageProfile profile() {
        return profile;
    }

    /** @return what was measured, and over which window */
    public MeasuredUsage measured() {
        return measured;
    }

    /** @return the hours of the month the totals were scaled to (the fallback's, else 730) */
    public BigDecimal hoursPerMonth() {
        return hoursPerMonth;
    }

    /** @return one source per {@link UsageLine}, in its order */
    public List<Source> sources() {
        return sources;
    }

    /**
     * The source of one line.
     *
     * @param line the line
     * @return where it came from
     */
    public Source source(UsageLine line) {
        return sources.stream().filter(s -> s.line() == line).findFirst().orElseThrow();
    }

    /** @return whether at least one line was measured */
    public boolean anyMeasured() {
        return sources.stream().anyMatch(Source::fromMetrics);
    }

    /**
     * Says where each line came from, one line each, e.g.
     * {@code "https requests      1,216,667 a month, from CloudWatch (...)"}.
     *
     * @return the text, lines ending in {@code \n}
     */
    public String render() {
        StringBuilder out = new StringBuilder("Usage from metrics, " + measured.start() + " to " + measured.end() + ":\n");
        for (Source s : sources) {
            String name = s.line().wireName().replace('_', ' ');
            out.append("  ").append(String.format(java.util.Locale.ROOT, "%-22s", name))
                    .append(String.format(java.util.Locale.ROOT, "%18s", Amounts.quantity(s.monthly())))
                    .append(s.line() == UsageLine.HTTPS_REQUESTS || s.line() == UsageLine.DATA_TRANSFER_OUT ? " a month, " : ", ")
                    .append(s.explanation()).append('\n');
        }
        return out.toString();
    }

    /**
     * The sources as JSON: {@code window_start}, {@code window_end}, {@code measured_days},
     * {@code hours_per_month}, and {@code lines}, one object per line with {@code line},
     * {@code source} ({@code metrics} or {@code profile}), {@code metric}, {@code measured} (raw, when
     * measured), {@code monthly} and {@code explanation}; amounts are exact strings.
     *
     * @return the pretty-printed JSON
     */
    public String toJson() {
        ObjectNode root = CatalogJson.MAPPER.createObjectNode();
        root.put("window_start", measured.start().toString());
        root.put("window_end", measured.end().toString());
        BigDecimal seconds = BigDecimal.valueOf(measured.length().getSeconds());
        root.put("measured_days", Amounts.normalize(seconds.divide(BigDecimal.valueOf(86_400), SCALE, RoundingMode.HALF_UP))
                .toPlainString());
        root.put("hours_per_month", hoursPerMonth.toPlainString());
        measured.albProcessedBytes().ifPresent(p -> root.put("alb_processed_bytes", p.toPlainString()));
        ArrayNode lines = root.putArray("lines");
        for (Source s : sources) {
            ObjectNode n = lines.addObject();
            n.put("line", s.line().wireName());
            n.put("source", s.fromMetrics() ? "metrics" : "profile");
            n.put("metric", s.metric());
            s.measured().ifPresent(v -> n.put("measured", v.toPlainString()));
            n.put("monthly", s.monthly().toPlainString());
            n.put("explanation", s.explanation());
        }
        return CatalogJson.pretty(root);
    }

    @Override
    public String toString() {
        return render();
    }
}
