package io.tierstate.port;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The datapoints a {@link MetricsPort} read for one {@link MetricQuery}, oldest first. Empty when
 * the metric does not exist (CloudWatch publishes nothing for a resource without traffic, or one it
 * has never heard of) or had no datapoint in the window.
 *
 * <pre>{@code
 * BigDecimal requests = series.sum();              // total over the window
 * Optional<BigDecimal> size = series.average();    // empty without datapoints
 * }</pre>
 *
 * @param query what was read
 * @param datapoints the values, oldest first (copied)
 * @param complete false when the cloud said it returned only part of the data (CloudWatch
 *     {@code PartialData} with no more pages, or a message such as {@code MaxDatapointsExceeded})
 */
public record MetricSeries(MetricQuery query, List<Datapoint> datapoints, boolean complete) {

    /**
     * One value of a series.
     *
     * @param timestamp the start of the period it aggregates
     * @param value the statistic's value, exact as the cloud sent it
     */
    public record Datapoint(Instant timestamp, BigDecimal value) {

        /** Checks both are present. */
        public Datapoint {
            Objects.requireNonNull(timestamp, "timestamp");
            Objects.requireNonNull(value, "value");
        }
    }

    /** Copies the datapoints, oldest first. */
    public MetricSeries {
        Objects.requireNonNull(query, "query");
        datapoints = datapoints.stream().sorted(java.util.Comparator.comparing(Datapoint::timestamp)).toList();
    }

    /**
     * A series without datapoints.
     *
     * @param query what was read
     * @return the empty, complete series
     */
    public static MetricSeries empty(MetricQuery query) {
        return new MetricSeries(query, List.of(), true);
    }

    /** @return whether there is no datapoint */
    public boolean isEmpty() {
        return datapoints.isEmpty();
    }

    /** @return the exact sum of the values, 0 without datapoints */
    public BigDecimal sum() {
        return datapoints.stream().map(Datapoint::value).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * The mean of the values, half-up to 6 decimal places (each value weighs one period).
     *
     * @return the mean, or empty without datapoints
     */
    public Optional<BigDecimal> average() {
        if (datapoints.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(sum().divide(BigDecimal.valueOf(datapoints.size()), 6, RoundingMode.HALF_UP));
    }
}
