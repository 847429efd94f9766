package io.tierstate.port;

import io.tierstate.error.InvalidInputException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One metric series to read through {@link MetricsPort}: a CloudWatch namespace, metric name and
 * dimensions, the statistic and the period each datapoint aggregates.
 *
 * <pre>{@code
 * MetricQuery requests = MetricQuery.sum("AWS/CloudFront", "Requests",
 *         Map.of("DistributionId", "E2QWRUHAPOMQZL", "Region", "Global"), Duration.ofHours(1));
 * }</pre>
 *
 * @param namespace e.g. {@code AWS/CloudFront}
 * @param metricName e.g. {@code Requests}
 * @param dimensions name to value, in the order given (copied)
 * @param statistic what each datapoint is
 * @param period what each datapoint aggregates: a whole number of minutes (CloudWatch's 60-second
 *     multiples), at most a day
 */
public record MetricQuery(String namespace, String metricName, Map<String, String> dimensions, Statistic statistic,
        Duration period) {

    /** The statistic each datapoint holds. */
    public enum Statistic {
        /** The sum of the raw values in the period (counts, bytes, LCU-minutes). */
        SUM("Sum"),
        /** The average of the raw values in the period (sizes). */
        AVERAGE("Average");

        private final String wireName;

        Statistic(String wireName) {
            this.wireName = wireName;
        }

        /** @return the CloudWatch name, {@code Sum} or {@code Average} */
        public String wireName() {
            return wireName;
        }
    }

    /** Checks the values and copies the dimensions. */
    public MetricQuery {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(metricName, "metricName");
        Objects.requireNonNull(statistic, "statistic");
        Objects.requireNonNull(period, "period");
        if (period.isNegative() || period.isZero() || period.toSeconds() % 60 != 0 || period.compareTo(Duration.ofDays(1)) > 0
                || period.getNano() != 0) {
            throw new InvalidInputException("metric period " + period + " is not a whole number of minutes between 1 minute and"
                    + " 1 day; CloudWatch aggregates in multiples of 60 seconds, e.g. Duration.ofHours(1)");
        }
        dimensions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
    }

    /**
     * A query for the sum of each period.
     *
     * @param namespace e.g. {@code AWS/CloudFront}
     * @param metricName e.g. {@code Requests}
     * @param dimensions name to value
     * @param period e.g. one hour
     * @return the query
     */
    public static MetricQuery sum(String namespace, String metricName, Map<String, String> dimensions, Duration period) {
        return new MetricQuery(namespace, metricName, dimensions, Statistic.SUM, period);
    }

    /**
     * A query for the average of each period.
     *
     * @param namespace e.g. {@code AWS/EFS}
     * @param metricName e.g. {@code StorageBytes}
     * @param dimensions name to value
     * @param period e.g. one hour
     * @return the query
     */
    public static MetricQuery average(String namespace, String metricName, Map<String, String> dimensions, Duration period) {
        return new MetricQuery(namespace, metricName, dimensions, Statistic.AVERAGE, period);
    }

    /** @return whether it is a CloudFront metric, which CloudWatch keeps in us-east-1 only */
    public boolean global() {
        return "AWS/CloudFront".equals(namespace);
    }

    /** @return e.g. {@code AWS/CloudFront Requests (Sum, PT1H) DistributionId=E2QWRUHAPOMQZL Region=Global} */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(namespace).append(' ').append(metricName).append(" (").append(statistic.wireName())
                .append(", ").append(period).append(')');
        dimensions.forEach((k, v) -> s.append(' ').append(k).append('=').append(v));
        return s.toString();
    }
}
