package io.tierstate.port;

import io.tierstate.model.HealthStatus;
import java.util.Optional;

/** EC2 instances: description, status checks, GPU details, termination. */
public interface ComputePort {

    /**
     * Describes an instance ({@code DescribeInstances}).
     *
     * @param instanceId e.g. {@code i-0abc}
     * @return type, AMI, state, addresses
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist (terminated instances
     *     are still described for about an hour, with state {@code TERMINATED})
     */
    InstanceDescription describeInstance(String instanceId);

    /**
     * Reads the instance's EC2 status checks ({@code DescribeInstanceStatus}).
     *
     * @param instanceId the instance
     * @return the combined status, or empty when EC2 reports none (the instance is not running)
     */
    Optional<HealthStatus> instanceHealth(String instanceId);

    /**
     * Reads the GPUs of an instance type ({@code DescribeInstanceTypes}, {@code GpuInfo}).
     *
     * @param instanceType e.g. {@code g4dn.xlarge}
     * @return model, manufacturer, count and total memory, or empty for a type without GPUs
     */
    Optional<GpuSpec> gpuSpec(String instanceType);

    /**
     * Terminates an instance ({@code TerminateInstances}); returns at once, the instance then goes
     * through {@code SHUTTING_DOWN} to {@code TERMINATED}.
     *
     * @param instanceId the instance
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist
     */
    void terminateInstance(String instanceId);

    /**
     * Reads whether termination protection is on ({@code DescribeInstanceAttribute disableApiTermination}).
     * A protected instance refuses {@code TerminateInstances} with {@code OperationNotPermitted}.
     *
     * @param instanceId the instance
     * @return whether it is protected
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist
     */
    boolean terminationProtection(String instanceId);

    /**
     * Turns termination protection on or off ({@code ModifyInstanceAttribute disableApiTermination}).
     *
     * @param instanceId the instance
     * @param enabled the new value
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist
     */
    void setTerminationProtection(String instanceId, boolean enabled);

    /**
     * The spot request an instance was launched by ({@code DescribeInstances SpotInstanceRequestId},
     * then {@code DescribeSpotInstanceRequests}). A persistent request that stays open launches a
     * new instance after the old one is terminated, so destroy cancels it first.
     *
     * @param instanceId the instance
     * @return the request, or empty for an on-demand instance
     * @throws io.tierstate.error.ResourceNotFoundException when the instance does not exist
     */
    Optional<SpotRequest> spotRequest(String instanceId);

    /**
     * Cancels a spot request ({@code CancelSpotInstanceRequests}); its instances keep running until
     * terminated.
     *
     * @param requestId e.g. {@code sir-0abc}
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist
     */
    void cancelSpotRequest(String requestId);

    /**
     * A spot instance request.
     *
     * @param id e.g. {@code sir-0abc}
     * @param type {@code persistent} or {@code one-time}
     * @param state {@code open}, {@code active}, {@code closed}, {@code cancelled} or {@code failed}
     */
    record SpotRequest(String id, String type, String state) {

        /** @return whether it would launch a replacement after its instance is terminated */
        public boolean relaunches() {
            return "persistent".equalsIgnoreCase(type) && ("open".equalsIgnoreCase(state) || "active".equalsIgnoreCase(state)
                    || "disabled".equalsIgnoreCase(state));
        }
    }
}
