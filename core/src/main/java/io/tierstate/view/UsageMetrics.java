package io.tierstate.view;

import io.tierstate.cost.MeasuredUsage;
import io.tierstate.cost.UsageLine;
import io.tierstate.error.InvalidInputException;
import io.tierstate.model.DeploymentState;
import io.tierstate.port.MetricQuery;
import io.tierstate.port.MetricSeries;
import io.tierstate.port.MetricWindow;
import io.tierstate.port.MetricsPort;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what a deployment's own metrics measured: CloudFront {@code Requests} and
 * {@code BytesDownloaded} ({@code DistributionId}, {@code Region=Global}), ALB {@code ConsumedLCUs}
 * and {@code ProcessedBytes} ({@code LoadBalancer} = the ARN after {@code loadbalancer/}), EFS
 * {@code StorageBytes} ({@code FileSystemId}, {@code StorageClass=Total}), in one read of hourly
 * datapoints. {@code DeploymentHandle.measureUsage(Duration)} is the usual way in.
 */
public final class UsageMetrics {

    /** The longest window: CloudWatch keeps hourly datapoints for 455 days. */
    public static final Duration MAX_WINDOW = Duration.ofDays(455);
    private static final Duration PERIOD = Duration.ofHours(1);

    private UsageMetrics() {}

    /**
     * Measures a deployment's usage over a window, starting no earlier than the deployment did
     * ({@code cost.instance_start_time}, else {@code created_at}, when recorded): a stack 12.5 days
     * old asked for 30 days is measured over 12.5.
     *
     * @param state the deployment
     * @param metrics the metrics of its region
     * @param window the window asked for, at most {@link #MAX_WINDOW}
     * @return what was measured; lines without a resource or without datapoints are missing, with the reason
     * @throws InvalidInputException when the window is longer than 455 days, or the deployment starts after it ends
     */
    public static MeasuredUsage measure(DeploymentState state, MetricsPort metrics, MetricWindow window) {
        if (window.length().compareTo(MAX_WINDOW) > 0) {
            throw new InvalidInputException("a metrics window of " + window.length().toDays() + " days is longer than the 455 days"
                    + " CloudWatch keeps hourly datapoints; measure 455 days or fewer");
        }
        Instant start = window.start();
        if (state.createdAt().isPresent() || state.cost().flatMap(c -> c.instanceStartTimeText()).isPresent()) {
            Instant began = CostToDates.start(state);
            if (began.isAfter(start)) {
                start = began;
            }
        }
        if (!window.end().isAfter(start)) {
            throw new InvalidInputException("deployment '" + state.stackName() + "' started at " + start + ", after the metrics"
                    + " window ends (" + window.end() + "); there is nothing to measure yet");
        }
        MetricWindow measured = new MetricWindow(start, window.end());
        Map<String, MetricQuery> queries = new LinkedHashMap<>();
        state.cloudFrontDistributionId().filter(id -> !id.isBlank()).ifPresent(id -> {
            Map<String, String> dims = Map.of("DistributionId", id, "Region", "Global");
            queries.put("requests", MetricQuery.sum("AWS/CloudFront", "Requests", ordered(dims, "DistributionId"), PERIOD));
            queries.put("bytes", MetricQuery.sum("AWS/CloudFront", "BytesDownloaded", ordered(dims, "DistributionId"), PERIOD));
        });
        state.albArn().filter(arn -> arn.contains(":loadbalancer/")).ifPresent(arn -> {
            Map<String, String> dims = Map.of("LoadBalancer", arn.substring(arn.indexOf(":loadbalancer/") + ":loadbalancer/".length()));
            queries.put("lcu", MetricQuery.sum("AWS/ApplicationELB", "ConsumedLCUs", dims, PERIOD));
            queries.put("processed", MetricQuery.sum("AWS/ApplicationELB", "ProcessedBytes", dims, PERIOD));
        });
        state.efsId().filter(id -> !id.isBlank()).ifPresent(id -> queries.put("efs", MetricQuery.average("AWS/EFS", "StorageBytes",
                ordered(Map.of("FileSystemId", id, "StorageClass", "Total"), "FileSystemId"), PERIOD)));

        MeasuredUsage.Builder b = MeasuredUsage.builder(measured.start(), measured.end());
        if (!state.cloudFrontDistributionId().filter(id -> !id.isBlank()).isPresent()) {
            b.missing(UsageLine.HTTPS_REQUESTS, "no CloudFront distribution is recorded");
            b.missing(UsageLine.DATA_TRANSFER_OUT, "no CloudFront distribution is recorded");
        }
        if (!queries.containsKey("lcu")) {
            b.missing(UsageLine.LCU, "no ALB ARN is recorded");
        }
        if (!queries.containsKey("efs")) {
            b.missing(UsageLine.EFS_STORAGE, "no EFS file system is recorded");
        }
        if (queries.isEmpty()) {
            return b.build();
        }
        List<String> keys = new ArrayList<>(queries.keySet());
        List<MetricSeries> series = metrics.read(List.copyOf(queries.values()), measured);
        Map<String, MetricSeries> byKey = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            byKey.put(keys.get(i), series.get(i));
        }
        take(byKey.get("requests"), UsageLine.HTTPS_REQUESTS, b, s -> b.cloudFrontRequests(s.sum()));
        take(byKey.get("bytes"), UsageLine.DATA_TRANSFER_OUT, b, s -> b.cloudFrontBytesDownloaded(s.sum()));
        take(byKey.get("lcu"), UsageLine.LCU, b, s -> b.albLcuMinutes(s.sum()));
        MetricSeries processed = byKey.get("processed");
        if (processed != null && !processed.isEmpty()) {
            b.albProcessedBytes(processed.sum());
        }
        take(byKey.get("efs"), UsageLine.EFS_STORAGE, b, s -> b.efsAverageStorageBytes(s.average().orElseThrow()));
        return b.build();
    }

    private static void take(MetricSeries s, UsageLine line, MeasuredUsage.Builder b,
            java.util.function.Consumer<MetricSeries> set) {
        if (s == null) {
            return;
        }
        if (s.isEmpty()) {
            b.missing(line, "no " + line.metric() + " datapoints for " + s.query().dimensions().values().iterator().next()
                    + " in the window");
        } else {
            set.accept(s);
        }
    }

    /** The dimensions with {@code first} first, as CloudWatch shows them. */
    private static Map<String, String> ordered(Map<String, String> dims, String first) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(first, dims.get(first));
        dims.forEach(m::putIfAbsent);
        return m;
    }
}
