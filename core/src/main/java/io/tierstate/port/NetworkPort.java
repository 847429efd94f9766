package io.tierstate.port;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * VPCs, subnets, security groups, and what lives in a VPC: internet gateways, NAT gateways and
 * their Elastic IPs, VPC endpoints, route tables, network ACLs and network interfaces.
 *
 * <p>Deletes are single calls; the lifecycle engine orders them, waits for what deletes
 * asynchronously (NAT gateways, endpoints, network interfaces left by a load balancer or a mount
 * target) by describing it, and never modifies a resource it did not create.
 */
public interface NetworkPort {

    /**
     * Deletes a security group.
     *
     * @param groupId e.g. {@code sg-0abc}
     * @throws io.tierstate.error.ResourceInUseException while a network interface or another group's rule still uses it (DependencyViolation)
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist
     */
    void deleteSecurityGroup(String groupId);

    /**
     * Deletes a subnet.
     *
     * @param subnetId e.g. {@code subnet-0abc}
     * @throws io.tierstate.error.ResourceInUseException while something still lives in it
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist
     */
    void deleteSubnet(String subnetId);

    /**
     * Deletes a VPC ({@code DeleteVpc}). Its dependents ({@link #vpcDependents(String, Map)}) must be
     * gone first.
     *
     * @param vpcId e.g. {@code vpc-0abc}
     * @throws io.tierstate.error.ResourceInUseException while subnets, security groups, gateways or endpoints remain
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist
     */
    void deleteVpc(String vpcId);

    /**
     * Describes a security group ({@code DescribeSecurityGroups}).
     *
     * @param groupId the group
     * @return its VPC and name
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist
     */
    SecurityGroupDescription describeSecurityGroup(String groupId);

    /**
     * The rules of other security groups that reference a group ({@code DescribeSecurityGroups}
     * filtered on {@code ip-permission.group-id} and {@code egress.ip-permission.group-id}). While
     * one exists the group cannot be deleted; TierState reports it and never edits the other group.
     *
     * @param groupId the referenced group
     * @return the referencing rules (empty when none)
     */
    List<SecurityGroupReference> securityGroupReferences(String groupId);

    /**
     * Describes a subnet ({@code DescribeSubnets}).
     *
     * @param subnetId the subnet
     * @return its VPC
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist
     */
    SubnetDescription describeSubnet(String subnetId);

    /**
     * Describes a VPC ({@code DescribeVpcs}).
     *
     * @param vpcId the VPC
     * @return whether it is the default VPC
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist
     */
    VpcDescription describeVpc(String vpcId);

    /**
     * What lives in a VPC and must go before it: internet gateways attached to it, and detached ones
     * tagged for the stack (a crash between detach and delete leaves those); egress-only internet
     * gateways; NAT gateways with their Elastic IP allocations; VPC endpoints; route tables other
     * than the main one; network ACLs other than the default one.
     *
     * @param vpcId the VPC
     * @param stackTags tags that mark the stack's own resources, e.g. {@code Stack=gpu-global}
     * @return its dependents
     * @throws io.tierstate.error.ResourceNotFoundException when the VPC does not exist
     */
    VpcDependents vpcDependents(String vpcId, Map<String, String> stackTags);

    /**
     * Lists network interfaces ({@code DescribeNetworkInterfaces}) by VPC, subnet or security group.
     * Load balancers, mount targets and endpoints leave theirs behind for minutes after they are
     * deleted; destroy waits for them by describing them.
     *
     * @param filter what to filter on
     * @param value the VPC, subnet or group id
     * @return the interfaces
     */
    List<NetworkInterface> networkInterfaces(InterfaceFilter filter, String value);

    /**
     * Detaches an internet gateway from a VPC (when attached) and deletes it.
     *
     * @param gatewayId e.g. {@code igw-0abc}
     * @param attachedTo the VPC it is attached to, or empty
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist
     */
    void deleteInternetGateway(String gatewayId, Optional<String> attachedTo);

    /**
     * Deletes an egress-only internet gateway.
     *
     * @param gatewayId e.g. {@code eigw-0abc}
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist
     */
    void deleteEgressOnlyInternetGateway(String gatewayId);

    /**
     * Deletes a NAT gateway ({@code DeleteNatGateway}); it goes through {@code deleting} to
     * {@code deleted} in about a minute, after which its Elastic IPs can be released.
     *
     * @param natGatewayId e.g. {@code nat-0abc}
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist
     */
    void deleteNatGateway(String natGatewayId);

    /**
     * Releases an Elastic IP ({@code ReleaseAddress}).
     *
     * @param allocationId e.g. {@code eipalloc-0abc}
     * @throws io.tierstate.error.ResourceInUseException while it is still associated (its NAT gateway is being deleted)
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist
     */
    void releaseAddress(String allocationId);

    /**
     * Deletes a VPC endpoint ({@code DeleteVpcEndpoints}); deletion completes asynchronously.
     *
     * @param endpointId e.g. {@code vpce-0abc}
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist
     */
    void deleteVpcEndpoint(String endpointId);

    /**
     * Deletes a route table (its subnet associations go with it).
     *
     * @param routeTableId e.g. {@code rtb-0abc}
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist
     */
    void deleteRouteTable(String routeTableId);

    /**
     * Deletes a network ACL (its subnets go back to the default ACL).
     *
     * @param networkAclId e.g. {@code acl-0abc}
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist
     */
    void deleteNetworkAcl(String networkAclId);

    /** What {@link #networkInterfaces(InterfaceFilter, String)} filters on. */
    enum InterfaceFilter {
        /** {@code vpc-id}. */
        VPC,
        /** {@code subnet-id}. */
        SUBNET,
        /** {@code group-id}. */
        SECURITY_GROUP
    }

    /**
     * A security group.
     *
     * @param id its id
     * @param vpcId its VPC
     * @param name its name
     */
    record SecurityGroupDescription(String id, String vpcId, String name) {}

    /**
     * A rule of another security group that references one.
     *
     * @param groupId the referencing group
     * @param groupName its name
     * @param direction {@code ingress} or {@code egress}
     * @param rule the rule, e.g. {@code tcp 5432}
     */
    record SecurityGroupReference(String groupId, String groupName, String direction, String rule) {

        /** @return e.g. {@code sg-0def (db-clients) ingress tcp 5432} */
        @Override
        public String toString() {
            return groupId + (groupName.isEmpty() ? "" : " (" + groupName + ")") + " " + direction + " " + rule;
        }
    }

    /**
     * A subnet.
     *
     * @param id its id
     * @param vpcId its VPC
     */
    record SubnetDescription(String id, String vpcId) {}

    /**
     * A VPC.
     *
     * @param id its id
     * @param isDefault whether it is the account's default VPC in the region
     */
    record VpcDescription(String id, boolean isDefault) {}

    /**
     * An internet gateway.
     *
     * @param id its id
     * @param attachedTo the VPC it is attached to, or empty when detached
     */
    record InternetGateway(String id, Optional<String> attachedTo) {}

    /**
     * A NAT gateway.
     *
     * @param id its id
     * @param state {@code pending}, {@code available}, {@code deleting}, {@code deleted} or {@code failed}
     * @param allocationIds the Elastic IP allocations it uses
     */
    record NatGateway(String id, String state, List<String> allocationIds) {

        /** Copies the list. */
        public NatGateway {
            allocationIds = List.copyOf(allocationIds);
        }

        /** @return whether it is gone or going */
        public boolean deletedOrDeleting() {
            return "deleted".equalsIgnoreCase(state) || "deleting".equalsIgnoreCase(state);
        }
    }

    /**
     * A VPC endpoint.
     *
     * @param id its id
     * @param type {@code Interface}, {@code Gateway} or {@code GatewayLoadBalancer}
     * @param state e.g. {@code available}, {@code deleting}
     */
    record VpcEndpoint(String id, String type, String state) {}

    /**
     * A network interface.
     *
     * @param id its id
     * @param status {@code available}, {@code in-use} ...
     * @param interfaceType e.g. {@code interface}, {@code efs}, {@code network_load_balancer}, {@code vpc_endpoint}
     * @param description what made it, e.g. {@code ELB app/gpu-alb/50dc6c495c0c9188}
     * @param attachedInstanceId the instance it is attached to, or empty
     */
    record NetworkInterface(String id, String status, String interfaceType, String description,
            Optional<String> attachedInstanceId) {

        /** @return e.g. {@code eni-0abc (ELB app/gpu-alb/50dc6c495c0c9188, in-use)} */
        @Override
        public String toString() {
            return id + " (" + (description.isEmpty() ? interfaceType : description) + ", " + status + ")";
        }
    }

    /**
     * Everything in a VPC that must go before it.
     *
     * @param internetGateways attached ones and detached ones tagged for the stack
     * @param egressOnlyInternetGateways their ids
     * @param natGateways NAT gateways not yet deleted
     * @param vpcEndpoints endpoints not yet deleted
     * @param routeTables route tables other than the main one
     * @param networkAcls network ACLs other than the default one
     */
    record VpcDependents(List<InternetGateway> internetGateways, List<String> egressOnlyInternetGateways,
            List<NatGateway> natGateways, List<VpcEndpoint> vpcEndpoints, List<String> routeTables, List<String> networkAcls) {

        /** Copies the lists. */
        public VpcDependents {
            internetGateways = List.copyOf(internetGateways);
            egressOnlyInternetGateways = List.copyOf(egressOnlyInternetGateways);
            natGateways = List.copyOf(natGateways);
            vpcEndpoints = List.copyOf(vpcEndpoints);
            routeTables = List.copyOf(routeTables);
            networkAcls = List.copyOf(networkAcls);
        }

        /** @return nothing in the VPC */
        public static VpcDependents none() {
            return new VpcDependents(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        }

        /** @return whether nothing is left */
        public boolean isEmpty() {
            return internetGateways.isEmpty() && egressOnlyInternetGateways.isEmpty() && natGateways.isEmpty()
                    && vpcEndpoints.isEmpty() && routeTables.isEmpty() && networkAcls.isEmpty();
        }
    }
}
