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
     * @throws io.tierstate.ResourceNotFoundException when it does not exist (terminated instances
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
     * @throws io.tierstate.ResourceNotFoundException when it does not exist
     */
    void terminateInstance(String instanceId);
}
