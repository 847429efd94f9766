package io.tierstate.sim;

/**
 * A fault the simulated cloud can inject into one call, at random ({@link Faults}) or scripted
 * ({@link SimulatedCloud#failNext(SimOperation, SimFault)}). None of them corrupts the simulated
 * world: a failed call changes nothing, and what races or vanishing change is what another client
 * could have changed.
 */
public enum SimFault {
    /**
     * The call is refused before it does anything: {@link io.tierstate.error.CloudOperationException} with
     * code {@code Throttling}, HTTP 400, retryable.
     */
    THROTTLING,
    /**
     * The call fails before it does anything: {@link io.tierstate.error.CloudOperationException} with code
     * {@code ServiceUnavailable}, HTTP 503, retryable.
     */
    SERVER_ERROR,
    /**
     * Just before a conditional write ({@link SimOperation#isConditionalWrite()}), another writer
     * changes the distribution, so its ETag moves on and the call fails with
     * {@link io.tierstate.error.PreconditionFailedException} ({@code PreconditionFailed}). The other
     * writer changes nothing TierState reads: status and enabled flag stay as they were.
     */
    ETAG_RACE,
    /**
     * The resource the call names is deleted outside TierState just before the call, which then
     * fails with {@link io.tierstate.error.ResourceNotFoundException}. What AWS deletes with it goes too
     * (a file system's mount targets, a load balancer's listeners); a resource that others still
     * depend on (a VPC with subnets, a role in an instance profile) never vanishes, since no one could
     * have deleted it.
     */
    VANISH
}
