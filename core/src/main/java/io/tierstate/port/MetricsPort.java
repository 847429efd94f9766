package io.tierstate.port;

import java.util.List;

/**
 * Reads metric series (CloudWatch {@code GetMetricData} in the AWS adapter, plausible generated
 * series in the simulated cloud), so that a deployment can be priced from its own traffic.
 *
 * <pre>{@code
 * MetricWindow window = MetricWindow.endingAt(Instant.now(), Duration.ofDays(30));
 * List<MetricSeries> series = cloud.metrics().read(List.of(MetricQuery.sum("AWS/CloudFront", "Requests",
 *         Map.of("DistributionId", "E2QWRUHAPOMQZL", "Region", "Global"), Duration.ofHours(1))), window);
 * }</pre>
 *
 * <p>A metric that does not exist is not an error: its series is empty. CloudFront metrics
 * ({@link MetricQuery#global()}) are read where CloudWatch keeps them (us-east-1), whatever the
 * session's region; other metrics in the session's region.
 */
public interface MetricsPort {

    /**
     * Reads several series over one window, in one request where the cloud allows it.
     *
     * @param queries what to read
     * @param window the time range
     * @return one series per query, in the order of the queries
     * @throws io.tierstate.error.CloudOperationException when the cloud refuses (access denied, throttled after retries)
     */
    List<MetricSeries> read(List<MetricQuery> queries, MetricWindow window);

    /**
     * The port of a cloud without metrics: every series is empty, so usage from metrics falls back
     * to the usage profile for every line.
     *
     * @return the port
     */
    static MetricsPort none() {
        return (queries, window) -> queries.stream().map(MetricSeries::empty).toList();
    }
}
