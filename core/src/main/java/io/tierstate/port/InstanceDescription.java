package io.tierstate.port;

import java.util.Optional;

/**
 * An EC2 instance as described by the cloud.
 *
 * @param instanceId the id
 * @param instanceType e.g. {@code g4dn.xlarge}
 * @param imageId the AMI
 * @param state the lifecycle state
 * @param publicIp the public address, if any
 * @param privateIp the private address, if any
 */
public record InstanceDescription(String instanceId, String instanceType, String imageId, State state,
        Optional<String> publicIp, Optional<String> privateIp) {

    /** EC2's instance states. */
    public enum State {
        /** Starting. */
        PENDING,
        /** Running. */
        RUNNING,
        /** Stopping. */
        STOPPING,
        /** Stopped. */
        STOPPED,
        /** Terminating. */
        SHUTTING_DOWN,
        /** Gone. */
        TERMINATED
    }
}
