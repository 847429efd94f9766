package io.tierstate.port;

/**
 * Everything the lifecycle engine needs from a cloud, one port per concern. Implemented by the AWS
 * adapter ({@code AwsCloud}), by {@code SimulatedCloud}, or by your own.
 *
 * <p>Ports speak TierState types only. A missing resource is reported as
 * {@link io.tierstate.ResourceNotFoundException}, a resource others still depend on as
 * {@link io.tierstate.ResourceInUseException}, a stale ETag as
 * {@link io.tierstate.PreconditionFailedException}; everything else as
 * {@link io.tierstate.CloudOperationException} with {@code retryable()} telling whether trying
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
     * @throws io.tierstate.CloudOperationException saying what is wrong and how to fix it
     */
    default void verifyAccess() {}

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
