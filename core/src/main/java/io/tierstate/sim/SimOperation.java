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
    /** {@code NetworkPort.deleteVpc}; immediate once its dependents are gone. */
    DELETE_VPC("ec2:DeleteVpc", Shape.DELETE, Duration.ZERO),

    /** {@code CloudFrontPort.distributionTags}. */
    LIST_TAGS_FOR_RESOURCE("cloudfront:ListTagsForResource", Shape.DESCRIBE, null),
    /** {@code ComputePort.terminationProtection}. */
    DESCRIBE_INSTANCE_ATTRIBUTE("ec2:DescribeInstanceAttribute", Shape.DESCRIBE, null),
    /** {@code ComputePort.setTerminationProtection}. */
    MODIFY_INSTANCE_ATTRIBUTE("ec2:ModifyInstanceAttribute", Shape.MODIFY, null),
    /** {@code ComputePort.spotRequest} (after {@code DescribeInstances}, counted as {@link #DESCRIBE_INSTANCE}). */
    DESCRIBE_SPOT_INSTANCE_REQUESTS("ec2:DescribeSpotInstanceRequests", Shape.DESCRIBE, null),
    /** {@code ComputePort.cancelSpotRequest}; immediate, its instances keep running. */
    CANCEL_SPOT_INSTANCE_REQUESTS("ec2:CancelSpotInstanceRequests", Shape.MODIFY, null),
    /** {@code LoadBalancingPort.describeTargetGroup}. */
    DESCRIBE_TARGET_GROUPS("elasticloadbalancing:DescribeTargetGroups", Shape.DESCRIBE, null),
    /** {@code LoadBalancingPort.deletionProtection}. */
    DESCRIBE_LOAD_BALANCER_ATTRIBUTES("elasticloadbalancing:DescribeLoadBalancerAttributes", Shape.DESCRIBE, null),
    /** {@code LoadBalancingPort.setDeletionProtection}. */
    MODIFY_LOAD_BALANCER_ATTRIBUTES("elasticloadbalancing:ModifyLoadBalancerAttributes", Shape.MODIFY, null),
    /** {@code LoadBalancingPort.listeners}. */
    DESCRIBE_LISTENERS("elasticloadbalancing:DescribeListeners", Shape.DESCRIBE, null),
    /** {@code FileSystemPort.describeFileSystem}. */
    DESCRIBE_FILE_SYSTEMS("elasticfilesystem:DescribeFileSystems", Shape.DESCRIBE, null),
    /** {@code FileSystemPort.accessPoints}. */
    DESCRIBE_ACCESS_POINTS("elasticfilesystem:DescribeAccessPoints", Shape.LIST, null),
    /** {@code FileSystemPort.deleteAccessPoint}; immediate. */
    DELETE_ACCESS_POINT("elasticfilesystem:DeleteAccessPoint", Shape.DELETE, Duration.ZERO),
    /** {@code FileSystemPort.replicationDestinations}. */
    DESCRIBE_REPLICATION_CONFIGURATIONS("elasticfilesystem:DescribeReplicationConfigurations", Shape.LIST, null),
    /** {@code FileSystemPort.deleteReplicationConfiguration}; immediate, the destination is kept. */
    DELETE_REPLICATION_CONFIGURATION("elasticfilesystem:DeleteReplicationConfiguration", Shape.MODIFY, null),
    /** {@code IdentityPort.describeRole}, first call. */
    GET_ROLE("iam:GetRole", Shape.DESCRIBE, null),
    /** {@code IdentityPort.describeRole} and {@code deleteRole}: the profiles that hold the role. */
    LIST_INSTANCE_PROFILES_FOR_ROLE("iam:ListInstanceProfilesForRole", Shape.LIST, null),
    /** {@code IdentityPort.describeInstanceProfile}. */
    GET_INSTANCE_PROFILE("iam:GetInstanceProfile", Shape.DESCRIBE, null),
    /** {@code IdentityPort.deleteRole}: one call per instance profile that holds the role. */
    REMOVE_ROLE_FROM_INSTANCE_PROFILE("iam:RemoveRoleFromInstanceProfile", Shape.MODIFY, null),
    /** {@code IdentityPort.deleteRole}: the managed policies attached to the role. */
    LIST_ATTACHED_ROLE_POLICIES("iam:ListAttachedRolePolicies", Shape.LIST, null),
    /** {@code IdentityPort.deleteRole}: one call per attached managed policy. */
    DETACH_ROLE_POLICY("iam:DetachRolePolicy", Shape.MODIFY, null),
    /** {@code IdentityPort.deleteRole}: the role's inline policies. */
    LIST_ROLE_POLICIES("iam:ListRolePolicies", Shape.LIST, null),
    /** {@code IdentityPort.deleteRole}: one call per inline policy. */
    DELETE_ROLE_POLICY("iam:DeleteRolePolicy", Shape.MODIFY, null),
    /** {@code NetworkPort.describeSecurityGroup}. */
    DESCRIBE_SECURITY_GROUPS("ec2:DescribeSecurityGroups", Shape.DESCRIBE, null),
    /** {@code NetworkPort.securityGroupReferences} ({@code DescribeSecurityGroups} with a rule filter). */
    DESCRIBE_SECURITY_GROUP_REFERENCES("ec2:DescribeSecurityGroups", Shape.LIST, null),
    /** {@code NetworkPort.describeSubnet}. */
    DESCRIBE_SUBNETS("ec2:DescribeSubnets", Shape.DESCRIBE, null),
    /** {@code NetworkPort.describeVpc}. */
    DESCRIBE_VPCS("ec2:DescribeVpcs", Shape.DESCRIBE, null),
    /** {@code NetworkPort.vpcDependents}, first of its six calls. */
    DESCRIBE_INTERNET_GATEWAYS("ec2:DescribeInternetGateways", Shape.LIST, null),
    /** {@code NetworkPort.vpcDependents}. */
    DESCRIBE_EGRESS_ONLY_INTERNET_GATEWAYS("ec2:DescribeEgressOnlyInternetGateways", Shape.LIST, null),
    /** {@code NetworkPort.vpcDependents}. */
    DESCRIBE_NAT_GATEWAYS("ec2:DescribeNatGateways", Shape.LIST, null),
    /** {@code NetworkPort.vpcDependents}. */
    DESCRIBE_VPC_ENDPOINTS("ec2:DescribeVpcEndpoints", Shape.LIST, null),
    /** {@code NetworkPort.vpcDependents}. */
    DESCRIBE_ROUTE_TABLES("ec2:DescribeRouteTables", Shape.LIST, null),
    /** {@code NetworkPort.vpcDependents}, last of its six calls. */
    DESCRIBE_NETWORK_ACLS("ec2:DescribeNetworkAcls", Shape.LIST, null),
    /** {@code NetworkPort.networkInterfaces}. */
    DESCRIBE_NETWORK_INTERFACES("ec2:DescribeNetworkInterfaces", Shape.LIST, null),
    /** {@code NetworkPort.deleteInternetGateway} with an attachment: the detach, before {@link #DELETE_INTERNET_GATEWAY}. */
    DETACH_INTERNET_GATEWAY("ec2:DetachInternetGateway", Shape.MODIFY, null),
    /** {@code NetworkPort.deleteInternetGateway}; immediate once detached. */
    DELETE_INTERNET_GATEWAY("ec2:DeleteInternetGateway", Shape.DELETE, Duration.ZERO),
    /** {@code NetworkPort.deleteEgressOnlyInternetGateway}; immediate. */
    DELETE_EGRESS_ONLY_INTERNET_GATEWAY("ec2:DeleteEgressOnlyInternetGateway", Shape.DELETE, Duration.ZERO),
    /** {@code NetworkPort.deleteNatGateway}; its latency is the time spent {@code deleting} before {@code deleted}. */
    DELETE_NAT_GATEWAY("ec2:DeleteNatGateway", Shape.DELETE, Duration.ofMinutes(1)),
    /** {@code NetworkPort.releaseAddress}; immediate once its NAT gateway is deleted. */
    RELEASE_ADDRESS("ec2:ReleaseAddress", Shape.DELETE, Duration.ZERO),
    /** {@code NetworkPort.deleteVpcEndpoint}; its latency is the time spent {@code deleting}. */
    DELETE_VPC_ENDPOINT("ec2:DeleteVpcEndpoints", Shape.DELETE, Duration.ofMinutes(1)),
    /** {@code NetworkPort.deleteRouteTable}; immediate. */
    DELETE_ROUTE_TABLE("ec2:DeleteRouteTable", Shape.DELETE, Duration.ZERO),
    /** {@code NetworkPort.deleteNetworkAcl}; immediate. */
    DELETE_NETWORK_ACL("ec2:DeleteNetworkAcl", Shape.DELETE, Duration.ZERO),
    /** {@code MetricsPort.read}: one call for every series of a read, as {@code GetMetricData} takes up to 500 queries. */
    GET_METRIC_DATA("cloudwatch:GetMetricData", Shape.LIST, null);

    /** What a call does to the world, which decides the faults and latencies that apply to it. */
    enum Shape { DESCRIBE, LIST, CATALOG, CREATE, CONDITIONAL_WRITE, MODIFY, DELETE }

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

    /** @return whether it names one resource (everything but creates, lists and {@code DescribeInstanceTypes}) */
    boolean targetsResource() {
        return shape != Shape.CREATE && shape != Shape.CATALOG && shape != Shape.LIST;
    }

    Duration defaultLatency() {
        return defaultLatency == null ? Duration.ZERO : defaultLatency;
    }
}
