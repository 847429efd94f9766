package io.tierstate.port;

/**
 * Everything the lifecycle engine needs from a cloud, one port per concern. Implemented by the AWS
 * adapter ({@code AwsCloud}), by {@code SimulatedCloud}, or by your own.
 *
 * <p>Ports speak TierState types only. A missing resource is reported as
 * {@link io.tierstate.error.ResourceNotFoundException}, a resource others still depend on as
 * {@link io.tierstate.error.ResourceInUseException}, a stale ETag as
 * {@link io.tierstate.error.PreconditionFailedException}; everything else as
 * {@link io.tierstate.error.CloudOperationException} with {@code retryable()} telling whether trying
 * again may help.
 */
public interface Cloud extends AutoCloseable {

    /** @return what this cloud is, for messages and confirmations, e.g. {@code AWS account 123456789012 in us-east-1} */
    String describe();

    /**
     * Checks, before an operation that changes state starts, that the cloud can be reached with
     * working credentials, so that a missing credential fails the operation up front with a message
     * saying how to provide it, instead of half-way through. The default checks nothing.
     *
     * @throws io.tierstate.error.CloudOperationException saying what is wrong and how to fix it
     */
    default void verifyAccess() {}

    /**
     * The region this session's regional calls go to (EC2, ELB, EFS); CloudFront and IAM are global.
     *
     * @return the region, or empty for a cloud without regions (the default)
     */
    default java.util.Optional<String> sessionRegion() {
        return java.util.Optional.empty();
    }

    /**
     * A session on the same account whose regional calls go to {@code region}. Every cloud call
     * for a deployment goes through the session of the region its state names, so one client serves
     * deployments in several regions. Sessions are made lazily, shared, and closed with this cloud.
     *
     * @param region e.g. {@code eu-west-1}
     * @return the session (the default, for a cloud without regions: this cloud)
     */
    default Cloud inRegion(String region) {
        return this;
    }

    /**
     * The account the credentials act in (the caller identity), compared with the account a
     * deployment's ARNs name before anything is changed.
     *
     * @return the twelve-digit account id, or empty when this cloud cannot tell (the default)
     */
    default java.util.Optional<String> callerAccountId() {
        return java.util.Optional.empty();
    }

    /**
     * Whether this cloud retries throttling and transient server errors itself (the AWS SDK does).
     * The lifecycle engine then leaves them to it and keeps its own retries for semantic waits
     * (in use, propagating), so one failure is never retried by two layers.
     *
     * @return true when the cloud retries transient errors (default false: the engine retries them)
     */
    default boolean retriesTransientErrors() {
        return false;
    }

    /** @return CloudFront distributions */
    CloudFrontPort cloudFront();

    /** @return EC2 instances, their health and GPU details */
    ComputePort compute();

    /** @return Application Load Balancers and target groups */
    LoadBalancingPort loadBalancing();

    /** @return EFS file systems and mount targets */
    FileSystemPort fileSystems();

    /** @return IAM roles and instance profiles */
    IdentityPort identity();

    /** @return VPCs, subnets and security groups */
    NetworkPort network();

    /**
     * Metric series of the cloud's resources (CloudWatch on AWS), for usage from metrics. The
     * default is {@link MetricsPort#none()}: a cloud without metrics answers every query with an
     * empty series, so every usage line falls back to the usage profile and says so.
     *
     * @return the metrics port
     */
    default MetricsPort metrics() {
        return MetricsPort.none();
    }

    /**
     * The clock waits run on: the wall clock for a real cloud, a virtual one for a simulated cloud.
     *
     * @return the clock (default: the system clock)
     */
    default CloudClock clock() {
        return CloudClock.system();
    }

    /** Releases what the cloud holds (SDK clients it created); the default does nothing. */
    @Override
    default void close() {}
}
