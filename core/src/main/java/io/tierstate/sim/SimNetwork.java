package io.tierstate.sim;

import io.tierstate.port.NetworkPort;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link NetworkPort} on the simulated world, as seen from one region. */
final class SimNetwork implements NetworkPort {

    private final World world;
    private final Calls calls;
    private final String region;

    SimNetwork(World world, Calls calls, String region) {
        this.world = world;
        this.calls = calls;
        this.region = region;
    }

    @Override
    public void deleteSecurityGroup(String groupId) {
        calls.run(SimOperation.DELETE_SECURITY_GROUP, region, groupId, ctx -> world.deleteSecurityGroup(ctx, groupId));
    }

    @Override
    public void deleteSubnet(String subnetId) {
        calls.run(SimOperation.DELETE_SUBNET, region, subnetId, ctx -> world.deleteSubnet(ctx, subnetId));
    }

    @Override
    public void deleteVpc(String vpcId) {
        calls.run(SimOperation.DELETE_VPC, region, vpcId, ctx -> world.deleteVpc(ctx, vpcId));
    }

    @Override
    public SecurityGroupDescription describeSecurityGroup(String groupId) {
        return calls.call(SimOperation.DESCRIBE_SECURITY_GROUPS, region, groupId, ctx -> world.describeSecurityGroup(ctx, groupId));
    }

    @Override
    public List<SecurityGroupReference> securityGroupReferences(String groupId) {
        return calls.call(SimOperation.DESCRIBE_SECURITY_GROUP_REFERENCES, region, groupId,
                ctx -> world.securityGroupReferences(ctx, groupId));
    }

    @Override
    public SubnetDescription describeSubnet(String subnetId) {
        return calls.call(SimOperation.DESCRIBE_SUBNETS, region, subnetId, ctx -> world.describeSubnet(ctx, subnetId));
    }

    @Override
    public VpcDescription describeVpc(String vpcId) {
        return calls.call(SimOperation.DESCRIBE_VPCS, region, vpcId, ctx -> world.describeVpc(ctx, vpcId));
    }

    /** Six calls, one per kind of dependent, as on AWS; each fails with {@code InvalidVpcID.NotFound} for an unknown VPC. */
    @Override
    public VpcDependents vpcDependents(String vpcId, Map<String, String> stackTags) {
        Map<String, String> tags = Map.copyOf(Objects.requireNonNull(stackTags, "stackTags"));
        List<InternetGateway> igws = calls.call(SimOperation.DESCRIBE_INTERNET_GATEWAYS, region, vpcId,
                ctx -> world.internetGateways(ctx, vpcId, tags));
        List<String> eigws = calls.call(SimOperation.DESCRIBE_EGRESS_ONLY_INTERNET_GATEWAYS, region, vpcId,
                ctx -> world.egressOnlyInternetGateways(ctx, vpcId));
        List<NatGateway> nats = calls.call(SimOperation.DESCRIBE_NAT_GATEWAYS, region, vpcId, ctx -> world.natGateways(ctx, vpcId));
        List<VpcEndpoint> endpoints = calls.call(SimOperation.DESCRIBE_VPC_ENDPOINTS, region, vpcId,
                ctx -> world.vpcEndpoints(ctx, vpcId));
        List<String> routeTables = calls.call(SimOperation.DESCRIBE_ROUTE_TABLES, region, vpcId, ctx -> world.routeTables(ctx, vpcId));
        List<String> acls = calls.call(SimOperation.DESCRIBE_NETWORK_ACLS, region, vpcId, ctx -> world.networkAcls(ctx, vpcId));
        return new VpcDependents(igws, eigws, nats, endpoints, routeTables, acls);
    }

    @Override
    public List<NetworkInterface> networkInterfaces(InterfaceFilter filter, String value) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(value, "value");
        return calls.call(SimOperation.DESCRIBE_NETWORK_INTERFACES, region, value, ctx -> world.networkInterfaces(ctx, filter, value));
    }

    /** {@code DetachInternetGateway} (when {@code attachedTo} is given), then {@code DeleteInternetGateway}: two counted calls. */
    @Override
    public void deleteInternetGateway(String gatewayId, Optional<String> attachedTo) {
        if (attachedTo.isPresent()) {
            calls.run(SimOperation.DETACH_INTERNET_GATEWAY, region, gatewayId,
                    ctx -> world.detachInternetGateway(ctx, gatewayId, attachedTo.get()));
        }
        calls.run(SimOperation.DELETE_INTERNET_GATEWAY, region, gatewayId, ctx -> world.deleteInternetGateway(ctx, gatewayId));
    }

    @Override
    public void deleteEgressOnlyInternetGateway(String gatewayId) {
        calls.run(SimOperation.DELETE_EGRESS_ONLY_INTERNET_GATEWAY, region, gatewayId,
                ctx -> world.deleteEgressOnlyInternetGateway(ctx, gatewayId));
    }

    @Override
    public void deleteNatGateway(String natGatewayId) {
        calls.run(SimOperation.DELETE_NAT_GATEWAY, region, natGatewayId, ctx -> world.deleteNatGateway(ctx, natGatewayId));
    }

    @Override
    public void releaseAddress(String allocationId) {
        calls.run(SimOperation.RELEASE_ADDRESS, region, allocationId, ctx -> world.releaseAddress(ctx, allocationId));
    }

    @Override
    public void deleteVpcEndpoint(String endpointId) {
        calls.run(SimOperation.DELETE_VPC_ENDPOINT, region, endpointId, ctx -> world.deleteVpcEndpoint(ctx, endpointId));
    }

    @Override
    public void deleteRouteTable(String routeTableId) {
        calls.run(SimOperation.DELETE_ROUTE_TABLE, region, routeTableId, ctx -> world.deleteRouteTable(ctx, routeTableId));
    }

    @Override
    public void deleteNetworkAcl(String networkAclId) {
        calls.run(SimOperation.DELETE_NETWORK_ACL, region, networkAclId, ctx -> world.deleteNetworkAcl(ctx, networkAclId));
    }
}
