package io.tierstate.sim;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How long the simulated cloud takes to complete what a call starts: CloudFront propagation, EC2
 * shutdown, load balancer and mount target deletion. Immutable.
 *
 * <p>The {@linkplain #defaults() defaults} are close to what AWS takes, so that waits and timeouts
 * are exercised as they will be in production:
 * <table>
 * <caption>Default latencies</caption>
 * <tr><th>what</th><th>default</th></tr>
 * <tr><td>{@link SimOperation#CREATE_DISTRIBUTION} (create to {@code Deployed})</td><td>5 min</td></tr>
 * <tr><td>{@link SimOperation#UPDATE_DISTRIBUTION} (enable/disable propagation)</td><td>15 min</td></tr>
 * <tr><td>{@link SimOperation#TERMINATE_INSTANCE} ({@code SHUTTING_DOWN})</td><td>1 min</td></tr>
 * <tr><td>{@link #terminatedRetention()} (still described as {@code TERMINATED})</td><td>1 h</td></tr>
 * <tr><td>{@link SimOperation#DELETE_LOAD_BALANCER} (still described, holds its target groups)</td><td>30 s</td></tr>
 * <tr><td>{@link SimOperation#DELETE_MOUNT_TARGET} ({@code deleting})</td><td>1 min</td></tr>
 * <tr><td>{@link #instanceInitialization()} (health {@code initializing} after launch)</td><td>2 min</td></tr>
 * <tr><td>every other delete (target group, file system, IAM, network)</td><td>immediate</td></tr>
 * </table>
 * Change one to test a slow or fast case, or use {@link #none()} when only the order of calls
 * matters:
 * <pre>{@code
 * Latencies slowCdn = Latencies.builder().latency(SimOperation.UPDATE_DISTRIBUTION, Duration.ofMinutes(40)).build();
 * }</pre>
 */
public final class Latencies {

    private static final Duration INSTANCE_INITIALIZATION = Duration.ofMinutes(2);
    private static final Duration TERMINATED_RETENTION = Duration.ofHours(1);
    private static final Latencies DEFAULTS = new Builder().build();
    private static final Latencies NONE = zero();

    private final Map<SimOperation, Duration> byOperation;
    private final Duration instanceInitialization;
    private final Duration terminatedRetention;
    private final double jitter;

    private Latencies(Builder b) {
        this.byOperation = new EnumMap<>(b.byOperation);
        this.instanceInitialization = b.instanceInitialization;
        this.terminatedRetention = b.terminatedRetention;
        this.jitter = b.jitter;
    }

    /** @return the latencies close to AWS's (see the table above) */
    public static Latencies defaults() {
        return DEFAULTS;
    }

    /**
     * @return every latency zero: every change completes at once and instances are healthy as soon as
     *     they run; terminated instances are still described for the default hour
     */
    public static Latencies none() {
        return NONE;
    }

    /** @return a builder starting from the {@linkplain #defaults() defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from these latencies */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.byOperation.putAll(byOperation);
        b.instanceInitialization = instanceInitialization;
        b.terminatedRetention = terminatedRetention;
        b.jitter = jitter;
        return b;
    }

    /**
     * The time the effect of one operation takes to complete.
     *
     * @param operation the operation
     * @return its latency; zero for an operation without one ({@link SimOperation#hasLatency()} false)
     */
    public Duration latency(SimOperation operation) {
        return byOperation.getOrDefault(Objects.requireNonNull(operation, "operation"), Duration.ZERO);
    }

    /** @return how long a launched instance's health stays {@code initializing} (default 2 min) */
    public Duration instanceInitialization() {
        return instanceInitialization;
    }

    /** @return how long a terminated instance is still described as {@code TERMINATED} before it is not found (default 1 h) */
    public Duration terminatedRetention() {
        return terminatedRetention;
    }

    /** @return the fraction by which each latency varies at random, from 0 (default: exact) to 1 */
    public double jitter() {
        return jitter;
    }

    /** The latency of one operation, varied by {@link #jitter()} with a draw from {@code random}. */
    Duration applied(SimOperation operation, SimRandom random) {
        return vary(latency(operation), random);
    }

    /** Varies a base latency by {@link #jitter()}; draws nothing when there is no jitter. */
    Duration vary(Duration base, SimRandom random) {
        if (jitter == 0 || base.isZero()) {
            return base;
        }
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        return Duration.ofNanos(Math.round(base.toNanos() * factor));
    }

    Map<SimOperation, Duration> byOperation() {
        return new EnumMap<>(byOperation);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Latencies l && byOperation.equals(l.byOperation)
                && instanceInitialization.equals(l.instanceInitialization)
                && terminatedRetention.equals(l.terminatedRetention) && Double.compare(jitter, l.jitter) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(byOperation, instanceInitialization, terminatedRetention, jitter);
    }

    @Override
    public String toString() {
        return "Latencies" + byOperation + " instanceInitialization=" + instanceInitialization
                + " terminatedRetention=" + terminatedRetention + " jitter=" + jitter;
    }

    private static Latencies zero() {
        Builder b = new Builder().instanceInitialization(Duration.ZERO);
        for (SimOperation op : SimOperation.values()) {
            if (op.hasLatency()) {
                b.latency(op, Duration.ZERO);
            }
        }
        return b.build();
    }

    /** Builds {@link Latencies}; every value is checked as it is set. */
    public static final class Builder {

        private final Map<SimOperation, Duration> byOperation = new EnumMap<>(SimOperation.class);
        private Duration instanceInitialization = INSTANCE_INITIALIZATION;
        private Duration terminatedRetention = TERMINATED_RETENTION;
        private double jitter;

        private Builder() {
            for (SimOperation op : SimOperation.values()) {
                if (op.hasLatency()) {
                    byOperation.put(op, op.defaultLatency());
                }
            }
        }

        /**
         * Sets the latency of one operation.
         *
         * @param operation an operation whose effect takes time ({@link SimOperation#hasLatency()})
         * @param latency zero or more
         * @return this builder
         * @throws IllegalArgumentException for an operation without a latency, or a negative one
         */
        public Builder latency(SimOperation operation, Duration latency) {
            Objects.requireNonNull(operation, "operation");
            if (!operation.hasLatency()) {
                throw new IllegalArgumentException(operation + " completes at once and has no latency; the operations that have one are "
                        + byOperation.keySet());
            }
            byOperation.put(operation, nonNegative(latency, operation.toString()));
            return this;
        }

        /**
         * Sets how long a launched instance's health stays {@code initializing}.
         *
         * @param duration zero or more (default 2 min)
         * @return this builder
         */
        public Builder instanceInitialization(Duration duration) {
            this.instanceInitialization = nonNegative(duration, "instanceInitialization");
            return this;
        }

        /**
         * Sets how long a terminated instance is still described before it is not found.
         *
         * @param duration zero or more (default 1 h, as on AWS)
         * @return this builder
         */
        public Builder terminatedRetention(Duration duration) {
            this.terminatedRetention = nonNegative(duration, "terminatedRetention");
            return this;
        }

        /**
         * Makes every latency vary at random by up to this fraction, drawn from the cloud's seed, so
         * that a waiter cannot rely on an exact duration (0.2: 15 min becomes 12 to 18 min).
         *
         * @param fraction from 0 (default) to 1
         * @return this builder
         */
        public Builder jitter(double fraction) {
            if (!(fraction >= 0 && fraction <= 1)) {
                throw new IllegalArgumentException("jitter must be between 0 and 1, was " + fraction);
            }
            this.jitter = fraction;
            return this;
        }

        /** @return the latencies */
        public Latencies build() {
            return new Latencies(this);
        }

        private static Duration nonNegative(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative()) {
                throw new IllegalArgumentException(what + " latency must not be negative, was " + d);
            }
            return d;
        }
    }
}
