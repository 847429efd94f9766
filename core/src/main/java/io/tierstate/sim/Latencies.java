package io.tierstate.sim;

import io.tierstate.error.InvalidInputException;
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
 * <tr><td>{@link #eventualConsistency()} (a launched instance reads {@code InvalidInstanceID.NotFound})</td><td>5 s</td></tr>
 * <tr><td>{@link #spotRelaunch()} (a persistent spot request launches a replacement after its instance terminates)</td><td>2 min</td></tr>
 * <tr><td>{@link #loadBalancerInterfaceRetention()} (a deleted ALB's network interfaces linger after it is gone)</td><td>5 min</td></tr>
 * <tr><td>{@link #mountTargetInterfaceRetention()} (a deleted mount target's network interface lingers)</td><td>1 min</td></tr>
 * <tr><td>{@link #endpointInterfaceRetention()} (a deleted Interface endpoint's network interfaces linger)</td><td>2 min</td></tr>
 * <tr><td>{@link SimOperation#DELETE_NAT_GATEWAY} ({@code deleting}, then {@code deleted})</td><td>1 min</td></tr>
 * <tr><td>{@link SimOperation#DELETE_VPC_ENDPOINT} ({@code deleting})</td><td>1 min</td></tr>
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
    private static final Duration EVENTUAL_CONSISTENCY = Duration.ofSeconds(5);
    private static final Duration SPOT_RELAUNCH = Duration.ofMinutes(2);
    private static final Duration LOAD_BALANCER_INTERFACES = Duration.ofMinutes(5);
    private static final Duration MOUNT_TARGET_INTERFACE = Duration.ofMinutes(1);
    private static final Duration ENDPOINT_INTERFACES = Duration.ofMinutes(2);
    private static final Latencies DEFAULTS = new Builder().build();
    private static final Latencies NONE = zero();

    private final Map<SimOperation, Duration> byOperation;
    private final Duration instanceInitialization;
    private final Duration terminatedRetention;
    private final double jitter;
    private final Duration eventualConsistency;
    private final Duration spotRelaunch;
    private final Duration loadBalancerInterfaceRetention;
    private final Duration mountTargetInterfaceRetention;
    private final Duration endpointInterfaceRetention;

    private Latencies(Builder b) {
        this.byOperation = new EnumMap<>(b.byOperation);
        this.instanceInitialization = b.instanceInitialization;
        this.terminatedRetention = b.terminatedRetention;
        this.jitter = b.jitter;
        this.eventualConsistency = b.eventualConsistency;
        this.spotRelaunch = b.spotRelaunch;
        this.loadBalancerInterfaceRetention = b.loadBalancerInterfaceRetention;
        this.mountTargetInterfaceRetention = b.mountTargetInterfaceRetention;
        this.endpointInterfaceRetention = b.endpointInterfaceRetention;
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
        b.eventualConsistency = eventualConsistency;
        b.spotRelaunch = spotRelaunch;
        b.loadBalancerInterfaceRetention = loadBalancerInterfaceRetention;
        b.mountTargetInterfaceRetention = mountTargetInterfaceRetention;
        b.endpointInterfaceRetention = endpointInterfaceRetention;
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

    /**
     * @return how long a launched instance reads {@code InvalidInstanceID.NotFound} (EC2's eventual
     *     consistency; default 5 s); adopted instances are visible at once
     */
    public Duration eventualConsistency() {
        return eventualConsistency;
    }

    /** @return how long after its instance terminates an open persistent spot request launches a replacement (default 2 min) */
    public Duration spotRelaunch() {
        return spotRelaunch;
    }

    /** @return how long a deleted load balancer's network interfaces remain after it is gone (default 5 min) */
    public Duration loadBalancerInterfaceRetention() {
        return loadBalancerInterfaceRetention;
    }

    /** @return how long a deleted mount target's network interface remains after it is gone (default 1 min) */
    public Duration mountTargetInterfaceRetention() {
        return mountTargetInterfaceRetention;
    }

    /** @return how long a deleted Interface endpoint's network interfaces remain after it is gone (default 2 min) */
    public Duration endpointInterfaceRetention() {
        return endpointInterfaceRetention;
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
                && terminatedRetention.equals(l.terminatedRetention) && Double.compare(jitter, l.jitter) == 0
                && eventualConsistency.equals(l.eventualConsistency) && spotRelaunch.equals(l.spotRelaunch)
                && loadBalancerInterfaceRetention.equals(l.loadBalancerInterfaceRetention)
                && mountTargetInterfaceRetention.equals(l.mountTargetInterfaceRetention)
                && endpointInterfaceRetention.equals(l.endpointInterfaceRetention);
    }

    @Override
    public int hashCode() {
        return Objects.hash(byOperation, instanceInitialization, terminatedRetention, jitter, eventualConsistency, spotRelaunch,
                loadBalancerInterfaceRetention, mountTargetInterfaceRetention, endpointInterfaceRetention);
    }

    @Override
    public String toString() {
        return "Latencies" + byOperation + " instanceInitialization=" + instanceInitialization
                + " terminatedRetention=" + terminatedRetention + " jitter=" + jitter
                + " eventualConsistency=" + eventualConsistency + " spotRelaunch=" + spotRelaunch
                + " loadBalancerInterfaceRetention=" + loadBalancerInterfaceRetention
                + " mountTargetInterfaceRetention=" + mountTargetInterfaceRetention
                + " endpointInterfaceRetention=" + endpointInterfaceRetention;
    }

    private static Latencies zero() {
        Builder b = new Builder().instanceInitialization(Duration.ZERO).eventualConsistency(Duration.ZERO)
                .spotRelaunch(Duration.ZERO).loadBalancerInterfaceRetention(Duration.ZERO)
                .mountTargetInterfaceRetention(Duration.ZERO).endpointInterfaceRetention(Duration.ZERO);
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
        private Duration eventualConsistency = EVENTUAL_CONSISTENCY;
        private Duration spotRelaunch = SPOT_RELAUNCH;
        private Duration loadBalancerInterfaceRetention = LOAD_BALANCER_INTERFACES;
        private Duration mountTargetInterfaceRetention = MOUNT_TARGET_INTERFACE;
        private Duration endpointInterfaceRetention = ENDPOINT_INTERFACES;

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
                throw new InvalidInputException(operation + " completes at once and has no latency; the operations that have one are "
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
         * Sets how long a launched instance reads {@code InvalidInstanceID.NotFound}, as EC2's
         * eventual consistency makes it; zero makes it visible at once.
         *
         * @param duration zero or more (default 5 s)
         * @return this builder
         */
        public Builder eventualConsistency(Duration duration) {
            this.eventualConsistency = nonNegative(duration, "eventualConsistency");
            return this;
        }

        /**
         * Sets how long after its instance terminates an open persistent spot request launches a replacement.
         *
         * @param duration zero or more (default 2 min)
         * @return this builder
         */
        public Builder spotRelaunch(Duration duration) {
            this.spotRelaunch = nonNegative(duration, "spotRelaunch");
            return this;
        }

        /**
         * Sets how long a deleted load balancer's network interfaces remain after it is gone.
         *
         * @param duration zero or more (default 5 min)
         * @return this builder
         */
        public Builder loadBalancerInterfaceRetention(Duration duration) {
            this.loadBalancerInterfaceRetention = nonNegative(duration, "loadBalancerInterfaceRetention");
            return this;
        }

        /**
         * Sets how long a deleted mount target's network interface remains after it is gone.
         *
         * @param duration zero or more (default 1 min)
         * @return this builder
         */
        public Builder mountTargetInterfaceRetention(Duration duration) {
            this.mountTargetInterfaceRetention = nonNegative(duration, "mountTargetInterfaceRetention");
            return this;
        }

        /**
         * Sets how long a deleted Interface VPC endpoint's network interfaces remain after it is gone.
         *
         * @param duration zero or more (default 2 min)
         * @return this builder
         */
        public Builder endpointInterfaceRetention(Duration duration) {
            this.endpointInterfaceRetention = nonNegative(duration, "endpointInterfaceRetention");
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
                throw new InvalidInputException("jitter must be between 0 and 1, was " + fraction);
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
                throw new InvalidInputException(what + " latency must not be negative, was " + d);
            }
            return d;
        }
    }
}
