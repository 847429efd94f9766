package io.tierstate.cost;

import io.tierstate.error.InvalidInputException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a deployment's metrics measured over one window: totals of CloudFront requests and bytes
 * downloaded, the sum of ALB {@code ConsumedLCUs} (LCU-minutes, as the ALB publishes one value a
 * minute) and of {@code ProcessedBytes}, and the average EFS {@code StorageBytes}. A value that was
 * not measured is empty, with the reason; {@link UsageProfile#fromMetrics(MeasuredUsage, UsageProfile)}
 * then takes that line from the profile.
 *
 * <pre>{@code
 * MeasuredUsage m = MeasuredUsage.builder(Instant.parse("2026-07-01T00:00:00Z"), Instant.parse("2026-07-13T12:00:00Z"))
 *     .cloudFrontRequests(new BigDecimal("500000"))
 *     .cloudFrontBytesDownloaded(new BigDecimal("53687091200"))     // 50 GB
 *     .missing(UsageLine.LCU, "the deployment has no ALB")
 *     .build();
 * }</pre>
 */
public final class MeasuredUsage {

    private final Instant start;
    private final Instant end;
    private final Map<UsageLine, BigDecimal> values;
    private final Map<UsageLine, String> missing;
    private final BigDecimal albProcessedBytes;

    private MeasuredUsage(Builder b) {
        this.start = b.start;
        this.end = b.end;
        this.values = java.util.Collections.unmodifiableMap(new EnumMap<>(b.values));
        Map<UsageLine, String> reasons = new EnumMap<>(UsageLine.class);
        for (UsageLine line : UsageLine.values()) {
            if (!values.containsKey(line)) {
                reasons.put(line, b.missing.getOrDefault(line, "no " + line.metric() + " datapoints in the window"));
            }
        }
        this.missing = java.util.Collections.unmodifiableMap(reasons);
        this.albProcessedBytes = b.albProcessedBytes;
    }

    /**
     * A builder for what was measured from {@code start} to {@code end}.
     *
     * @param start the start of the measured window
     * @param end its end, after the start
     * @return the builder
     * @throws InvalidInputException when the window is empty
     */
    public static Builder builder(Instant start, Instant end) {
        return new Builder(start, end);
    }

    /** @return the start of the measured window */
    public Instant start() {
        return start;
    }

    /** @return the end of the measured window */
    public Instant end() {
        return end;
    }

    /** @return the length of the measured window */
    public Duration length() {
        return Duration.between(start, end);
    }

    /** @return the CloudFront requests (HTTP and HTTPS) in the window, or empty */
    public Optional<BigDecimal> cloudFrontRequests() {
        return Optional.ofNullable(values.get(UsageLine.HTTPS_REQUESTS));
    }

    /** @return the bytes CloudFront sent to viewers in the window, or empty */
    public Optional<BigDecimal> cloudFrontBytesDownloaded() {
        return Optional.ofNullable(values.get(UsageLine.DATA_TRANSFER_OUT));
    }

    /** @return the sum of the ALB's per-minute {@code ConsumedLCUs} values in the window (LCU-minutes), or empty */
    public Optional<BigDecimal> albLcuMinutes() {
        return Optional.ofNullable(values.get(UsageLine.LCU));
    }

    /** @return the average bytes stored on EFS over the window, or empty */
    public Optional<BigDecimal> efsAverageStorageBytes() {
        return Optional.ofNullable(values.get(UsageLine.EFS_STORAGE));
    }

    /** @return the bytes the ALB processed in the window (shown, not priced), or empty */
    public Optional<BigDecimal> albProcessedBytes() {
        return Optional.ofNullable(albProcessedBytes);
    }

    /**
     * The raw measurement of a line.
     *
     * @param line the line
     * @return its value, or empty when it was not measured
     */
    public Optional<BigDecimal> value(UsageLine line) {
        return Optional.ofNullable(values.get(line));
    }

    /**
     * Why a line was not measured.
     *
     * @param line the line
     * @return the reason, or empty when it was measured
     */
    public Optional<String> missingReason(UsageLine line) {
        return Optional.ofNullable(missing.get(line));
    }

    @Override
    public String toString() {
        return "MeasuredUsage[" + start + " to " + end + ", " + values + ", missing " + missing.keySet() + "]";
    }

    /** Builds a {@link MeasuredUsage}; every value is optional and checked as it is set. */
    public static final class Builder {

        private final Instant start;
        private final Instant end;
        private final Map<UsageLine, BigDecimal> values = new EnumMap<>(UsageLine.class);
        private final Map<UsageLine, String> missing = new EnumMap<>(UsageLine.class);
        private BigDecimal albProcessedBytes;

        private Builder(Instant start, Instant end) {
            this.start = Objects.requireNonNull(start, "start");
            this.end = Objects.requireNonNull(end, "end");
            if (!end.isAfter(start)) {
                throw new InvalidInputException("the measured window ends (" + end + ") at or before it starts (" + start
                        + "); measure over a window of at least one second");
            }
        }

        /** @param requests CloudFront requests in the window @return this builder */
        public Builder cloudFrontRequests(BigDecimal requests) {
            return put(UsageLine.HTTPS_REQUESTS, requests);
        }

        /** @param bytes bytes CloudFront sent to viewers in the window @return this builder */
        public Builder cloudFrontBytesDownloaded(BigDecimal bytes) {
            return put(UsageLine.DATA_TRANSFER_OUT, bytes);
        }

        /** @param lcuMinutes the sum of the per-minute {@code ConsumedLCUs} values in the window @return this builder */
        public Builder albLcuMinutes(BigDecimal lcuMinutes) {
            return put(UsageLine.LCU, lcuMinutes);
        }

        /** @param bytes the average bytes stored on EFS over the window @return this builder */
        public Builder efsAverageStorageBytes(BigDecimal bytes) {
            return put(UsageLine.EFS_STORAGE, bytes);
        }

        /** @param bytes bytes the ALB processed in the window @return this builder */
        public Builder albProcessedBytes(BigDecimal bytes) {
            this.albProcessedBytes = notNegative("ALB ProcessedBytes", bytes);
            return this;
        }

        /**
         * Says why a line was not measured, e.g. {@code "the deployment has no ALB"}; the default
         * reason is that the metric had no datapoints.
         *
         * @param line the line
         * @param reason the reason, shown next to the profile's value
         * @return this builder
         */
        public Builder missing(UsageLine line, String reason) {
            values.remove(line);
            missing.put(line, Objects.requireNonNull(reason, "reason"));
            return this;
        }

        private Builder put(UsageLine line, BigDecimal value) {
            values.put(line, notNegative(line.metric(), value));
            missing.remove(line);
            return this;
        }

        private static BigDecimal notNegative(String what, BigDecimal value) {
            Objects.requireNonNull(value, what);
            if (value.signum() < 0) {
                throw new InvalidInputException(what + " is " + value.toPlainString() + "; a measured value is 0 or more");
            }
            return value;
        }

        /** @return the measured usage */
        public MeasuredUsage build() {
            return new MeasuredUsage(this);
        }
    }
}
