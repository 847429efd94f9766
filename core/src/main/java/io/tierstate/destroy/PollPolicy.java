package io.tierstate.destroy;

import java.time.Duration;

/**
 * How waits poll: the first poll after {@code initial}, each next interval {@code multiplier}
 * times longer, never longer than {@code max}. The default (5 s, ×1.5, at most 30 s) notices a
 * change within 30 s and spends about 33 polls on a 15-minute CloudFront wait.
 *
 * @param initial the first interval
 * @param multiplier the growth factor, at least 1
 * @param max the longest interval
 */
public record PollPolicy(Duration initial, double multiplier, Duration max) {

    /** Checks the values. */
    public PollPolicy {
        if (initial == null || initial.isNegative() || initial.isZero()) {
            throw new io.tierstate.error.InvalidInputException("initial poll interval must be positive, was " + initial);
        }
        if (!(multiplier >= 1.0)) {
            throw new io.tierstate.error.InvalidInputException("poll multiplier must be at least 1, was " + multiplier);
        }
        if (max == null || max.compareTo(initial) < 0) {
            throw new io.tierstate.error.InvalidInputException("max poll interval must be at least the initial one, was " + max);
        }
    }

    /** @return 5 s, ×1.5, at most 30 s */
    public static PollPolicy defaults() {
        return new PollPolicy(Duration.ofSeconds(5), 1.5, Duration.ofSeconds(30));
    }

    /**
     * The interval before poll number {@code attempt}.
     *
     * @param attempt 1 for the first poll
     * @return the interval
     */
    public Duration interval(int attempt) {
        double millis = initial.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        return millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
    }
}
