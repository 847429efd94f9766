package io.tierstate.sim;

import java.time.Duration;

/**
 * Every call the simulated cloud answers, one per port method, named for the AWS API it stands for.
 * Used to count calls ({@link SimulatedCloud#calls(SimOperation)}), to set latencies
 * ({@link Latencies.Builder#latency(SimOperation, Duration)}) and to script faults
 * ({@link SimulatedCloud#failNext(SimOperation, RuntimeException)}).
 */
public enum SimOperation {
    /** {@code CloudFrontPort.getDistribution}. */
    GET_DISTRIBUTION("cloudfront:GetDistribution", Shape.DESCRIBE, null),
    /** {@code CloudFrontPort.getDistributionConfig}. */
    GET_DISTRIBUTION_CONFIG("cloudfront:GetDistributionConfig", Shape.DESCRIBE, null),
    /** {@code CloudFrontPort.createDistribution}; its latency is the time from create to {@code Deployed}. */
    CREATE_DISTRIBUTION("cloudfront:CreateDistributionWithTags", Shape.CREATE, Duration.ofMinutes(5)),
    /** {@code CloudFrontPort.setEnabled}; its latency is the propagation time from {@code InProgress} to {@code Deployed}. */
    UPDATE_DISTRIBUTION("cloudfront:UpdateDistribution", Shape.CONDITIONAL_WRITE, Duration.ofMinutes(15)),
    /** {@code CloudFrontPort.deleteDistribution}; immediate, as on AWS. */
    DELETE_DISTRIBUTION("cloudfront:DeleteDistribution", Shape.CONDITIONAL_WRITE, null),
    /** {@code ComputePort.describeInstance}. */
    DESCRIBE_INSTANCE("ec2:DescribeInstances", Shape.DESCRIBE, null),
    /** {@code ComputePort.instanceHealth}. */
    DESCRIBE_INSTANCE_STATUS("ec2:DescribeInstanceStatus", Shape.DESCRIBE, null),
    /** {@code ComputePort.gpuSpec}; describes a type, not a resource, so nothing vanishes. */
    DESCRIBE_INSTANCE_TYPES("ec2:DescribeInstanceTypes", Shape.CATALOG, null),
    /** {@code ComputePort.terminateInstance}; its latency is the time spent {@code SHUTTING_DOWN}. */
    TERMINATE_INSTANCE("ec2:TerminateInstances", Shape.DELETE, Duration.ofMinutes(1)),
    /** {@code LoadBalancingPort.describeLoadBalancer}. */
    DESCRIBE_LOAD_BALANCER("elasticloadbalancing:DescribeLoadBalancers", Shape.DESCRIBE, null),
    /** {@code LoadBalancingPort.deleteLoadBalancer}; its latency is how long it is still described (and holds its target groups). */
    DELETE_LOAD_BALANCER("elasticloadbalancing:DeleteLoadBalancer", Shape.DELETE, Duration.ofSeconds(30)),
    /** {@code LoadBalancingPort.deleteTargetGroup}; immediate. */
    DELETE_TARGET_GROUP("elasticloadbalancing:DeleteTargetGroup", Shape.DELETE, Duration.ZERO),
    /** {@code FileSystemPort.mountTargets}. */
    DESCRIBE_MOUNT_TARGETS("elasticfilesystem:DescribeMountTargets", Shape.DESCRIBE, null),
    /** {@code FileSystemPort.deleteMountTarget}; its latency is the time spent {@code deleting}. */
    DELETE_MOUNT_TARGET("elasticfilesystem:DeleteMountTarget", Shape.DELETE, Duration.ofMinutes(1)),
    /** {@code FileSystemPort.deleteFileSystem}; immediate once it has no mount targets. */
    DELETE_FILE_SYSTEM("elasticfilesystem:DeleteFileSystem", Shape.DELETE, Duration.ZERO),
    /** {@code IdentityPort.deleteInstanceProfile}; immediate. */
    DELETE_INSTANCE_PROFILE("iam:DeleteInstanceProfile", Shape.DELETE, Duration.ZERO),
    /** {@code IdentityPort.deleteRole}; immediate. */
    DELETE_ROLE("iam:DeleteRole", Shape.DELETE, Duration.ZERO),
    /** {@code NetworkPort.deleteSecurityGroup}; immediate. */
    DELETE_SECURITY_GROUP("ec2:DeleteSecurityGroup", Shape.DELETE, Duration.ZERO),
    /** {@code NetworkPort.deleteSubnet}; immediate. */
    DELETE_SUBNET("ec2:DeleteSubnet", Shape.DELETE, Duration.ZERO),
    /** {@code NetworkPort.deleteVpc}; immediate. */
    DELETE_VPC("ec2:DeleteVpc", Shape.DELETE, Duration.ZERO);

    /** What a call does to the world, which decides the faults and latencies that apply to it. */
    enum Shape { DESCRIBE, CATALOG, CREATE, CONDITIONAL_WRITE, DELETE }

    private final String awsName;
    private final Shape shape;
    private final Duration defaultLatency;

    SimOperation(String awsName, Shape shape, Duration defaultLatency) {
        this.awsName = awsName;
        this.shape = shape;
        this.defaultLatency = defaultLatency;
    }

    /** @return the AWS API it stands for, e.g. {@code cloudfront:DeleteDistribution}; errors name it as their operation */
    public String awsName() {
        return awsName;
    }

    /** @return whether it only reads, so that a resource may vanish under it ({@link Faults.Builder#vanishing(double)}) */
    public boolean isDescribe() {
        return shape == Shape.DESCRIBE;
    }

    /** @return whether it is a write conditional on an ETag, so that an ETag race may hit it ({@link Faults.Builder#etagRaces(double)}) */
    public boolean isConditionalWrite() {
        return shape == Shape.CONDITIONAL_WRITE;
    }

    /** @return whether its effect takes time to complete, so that {@link Latencies} has a value for it */
    public boolean hasLatency() {
        return defaultLatency != null;
    }

    /** @return whether it names one resource (everything but create and {@code DescribeInstanceTypes}) */
    boolean targetsResource() {
        return shape != Shape.CREATE && shape != Shape.CATALOG;
    }

    Duration defaultLatency() {
        return defaultLatency == null ? Duration.ZERO : defaultLatency;
    }
}
