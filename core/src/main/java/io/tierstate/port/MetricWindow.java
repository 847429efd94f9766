package io.tierstate.port;

import io.tierstate.error.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The time range a {@link MetricsPort} read covers: datapoints whose timestamp is at or after
 * {@code start} and before {@code end}.
 *
 * <pre>{@code
 * MetricWindow lastMonth = MetricWindow.endingAt(Instant.now(), Duration.ofDays(30));
 * }</pre>
 *
 * @param start the first instant, inclusive
 * @param end the last instant, exclusive; after {@code start}
 */
public record MetricWindow(Instant start, Instant end) {

    /** Checks that the window is not empty. */
    public MetricWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new InvalidInputException("metric window ends (" + end + ") at or before it starts (" + start
                    + "); give an end after the start");
        }
    }

    /**
     * The window of {@code length} ending at {@code end}.
     *
     * @param end e.g. now
     * @param length e.g. 30 days
     * @return the window
     */
    public static MetricWindow endingAt(Instant end, Duration length) {
        return new MetricWindow(end.minus(length), end);
    }

    /** @return the length of the window */
    public Duration length() {
        return Duration.between(start, end);
    }

    /**
     * Whether an instant falls inside.
     *
     * @param at the instant
     * @return whether {@code start <= at < end}
     */
    public boolean contains(Instant at) {
        return !at.isBefore(start) && at.isBefore(end);
    }
}
