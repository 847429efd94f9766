package io.tierstate.sim;

import io.tierstate.error.InvalidInputException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The probabilities of the faults the simulated cloud injects at random, per call. Immutable. The
 * draws come from the cloud's seed ({@link SimulatedCloud.Builder#seed(long)}), so the same seed and
 * the same calls give the same failures, run after run.
 *
 * <pre>{@code
 * Faults faults = Faults.builder()
 *     .throttling(0.1)                                  // every operation: 10 % Throttling (400)
 *     .serverErrors(0.1)                                // and 10 % ServiceUnavailable (503)
 *     .throttling(SimOperation.DESCRIBE_INSTANCE, 0.5)  // but half the DescribeInstances calls
 *     .etagRaces(0.2)                                   // 20 % of conditional CloudFront writes lose a race
 *     .vanishing(0.01)                                  // 1 % of describes find the resource deleted outside
 *     .build();
 * }</pre>
 *
 * <p>For one fault at a chosen call, use {@link SimulatedCloud#failNext(SimOperation, SimFault)}
 * instead. Every injected fault either is retryable ({@code Throttling}, {@code ServiceUnavailable},
 * {@code PreconditionFailed}) or is a typed not-found; none corrupts the world (see {@link SimFault}).
 */
public final class Faults {

    private static final Faults NONE = new Builder().build();

    private final Map<SimOperation, Double> throttling;
    private final Map<SimOperation, Double> serverErrors;
    private final double etagRaces;
    private final double vanishing;

    private Faults(Builder b) {
        this.throttling = new EnumMap<>(b.throttling);
        this.serverErrors = new EnumMap<>(b.serverErrors);
        this.etagRaces = b.etagRaces;
        this.vanishing = b.vanishing;
    }

    /** @return no faults at all (the default) */
    public static Faults none() {
        return NONE;
    }

    /** @return a builder with every probability zero */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from these probabilities */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.throttling.putAll(throttling);
        b.serverErrors.putAll(serverErrors);
        b.etagRaces = etagRaces;
        b.vanishing = vanishing;
        return b;
    }

    /**
     * @param operation an operation
     * @return the probability that one call of it is throttled
     */
    public double throttling(SimOperation operation) {
        return throttling.get(Objects.requireNonNull(operation, "operation"));
    }

    /**
     * @param operation an operation
     * @return the probability that one call of it fails with a transient 503
     */
    public double serverErrors(SimOperation operation) {
        return serverErrors.get(Objects.requireNonNull(operation, "operation"));
    }

    /** @return the probability that a conditional CloudFront write loses an ETag race */
    public double etagRaces() {
        return etagRaces;
    }

    /** @return the probability that a describe finds its resource deleted outside TierState */
    public double vanishing() {
        return vanishing;
    }

    /** @return whether no fault is ever injected at random */
    public boolean isNone() {
        return equals(NONE);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Faults f && throttling.equals(f.throttling) && serverErrors.equals(f.serverErrors)
                && Double.compare(etagRaces, f.etagRaces) == 0 && Double.compare(vanishing, f.vanishing) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(throttling, serverErrors, etagRaces, vanishing);
    }

    @Override
    public String toString() {
        return "Faults[throttling=" + throttling + ", serverErrors=" + serverErrors + ", etagRaces=" + etagRaces
                + ", vanishing=" + vanishing + "]";
    }

    /** Builds {@link Faults}; every probability is checked as it is set. */
    public static final class Builder {

        private final Map<SimOperation, Double> throttling = new EnumMap<>(SimOperation.class);
        private final Map<SimOperation, Double> serverErrors = new EnumMap<>(SimOperation.class);
        private double etagRaces;
        private double vanishing;

        private Builder() {
            for (SimOperation op : SimOperation.values()) {
                throttling.put(op, 0.0);
                serverErrors.put(op, 0.0);
            }
        }

        /**
         * Throttles this fraction of the calls of every operation ({@code Throttling}, HTTP 400, retryable).
         *
         * @param probability from 0 to 1
         * @return this builder
         */
        public Builder throttling(double probability) {
            check(probability, "throttling");
            throttling.replaceAll((op, p) -> probability);
            return this;
        }

        /**
         * Throttles this fraction of the calls of one operation, overriding {@link #throttling(double)} for it.
         *
         * @param operation the operation
         * @param probability from 0 to 1
         * @return this builder
         */
        public Builder throttling(SimOperation operation, double probability) {
            throttling.put(Objects.requireNonNull(operation, "operation"), check(probability, "throttling"));
            return this;
        }

        /**
         * Fails this fraction of the calls of every operation with a transient
         * {@code ServiceUnavailable} (HTTP 503, retryable).
         *
         * @param probability from 0 to 1
         * @return this builder
         */
        public Builder serverErrors(double probability) {
            check(probability, "serverErrors");
            serverErrors.replaceAll((op, p) -> probability);
            return this;
        }

        /**
         * Fails this fraction of the calls of one operation with a transient 503, overriding
         * {@link #serverErrors(double)} for it.
         *
         * @param operation the operation
         * @param probability from 0 to 1
         * @return this builder
         */
        public Builder serverErrors(SimOperation operation, double probability) {
            serverErrors.put(Objects.requireNonNull(operation, "operation"), check(probability, "serverErrors"));
            return this;
        }

        /**
         * Makes this fraction of the conditional CloudFront writes ({@code setEnabled},
         * {@code deleteDistribution}) lose a race: another writer moves the ETag on just before, so
         * the call fails with {@code PreconditionFailed}.
         *
         * @param probability from 0 to 1
         * @return this builder
         */
        public Builder etagRaces(double probability) {
            this.etagRaces = check(probability, "etagRaces");
            return this;
        }

        /**
         * Makes this fraction of the describes find their resource deleted outside TierState: the
         * resource is gone and the call says not found (see {@link SimFault#VANISH}).
         *
         * @param probability from 0 to 1
         * @return this builder
         */
        public Builder vanishing(double probability) {
            this.vanishing = check(probability, "vanishing");
            return this;
        }

        /**
         * @return the faults
         * @throws IllegalArgumentException when throttling and server errors of one operation add up to more than 1
         */
        public Faults build() {
            for (SimOperation op : SimOperation.values()) {
                if (throttling.get(op) + serverErrors.get(op) > 1) {
                    throw new InvalidInputException("throttling (" + throttling.get(op) + ") and serverErrors ("
                            + serverErrors.get(op) + ") of " + op + " add up to more than 1; lower one of them");
                }
            }
            return new Faults(this);
        }

        private static double check(double p, String what) {
            if (!(p >= 0 && p <= 1)) {
                throw new InvalidInputException(what + " is a probability between 0 and 1, was " + p);
            }
            return p;
        }
    }
}
