package io.tierstate.sim;

import io.tierstate.port.NetworkPort;

/** {@link NetworkPort} on the simulated world. */
final class SimNetwork implements NetworkPort {

    private final World world;
    private final Calls calls;

    SimNetwork(World world, Calls calls) {
        this.world = world;
        this.calls = calls;
    }

    @Override
    public void deleteSecurityGroup(String groupId) {
        calls.run(SimOperation.DELETE_SECURITY_GROUP, groupId, ctx -> world.deleteSecurityGroup(ctx, groupId));
    }

    @Override
    public void deleteSubnet(String subnetId) {
        calls.run(SimOperation.DELETE_SUBNET, subnetId, ctx -> world.deleteSubnet(ctx, subnetId));
    }

    @Override
    public void deleteVpc(String vpcId) {
        calls.run(SimOperation.DELETE_VPC, vpcId, ctx -> world.deleteVpc(ctx, vpcId));
    }

    @Override
    public SecurityGroupDescription describeSecurityGroup(String groupId) {
        throw new UnsupportedOperationException("SIM-TODO"); // replaced by the simulated implementation
    }

    @Override
    public java.util.List<SecurityGroupReference> securityGroupReferences(String groupId) {
        throw new UnsupportedOperationException("SIM-TODO"); // replaced by the simulated implementation
    }

    @Override
    public SubnetDescription describeSubnet(String subnetId) {
        throw new UnsupportedOperationException("SIM-TODO"); // replaced by the simulated implementation
    }

    @Override
    public VpcDescription describeVpc(String vpcId) {
        throw new UnsupportedOperationException("SIM-TODO"); // replaced by the simulated implementation
    }

    @Override
    public VpcDependents vpcDependents(String vpcId, java.util.Map<String, String> stackTags) {
        throw new UnsupportedOperationException("SIM-TODO"); // replaced by the simulated implementation
    }

    @Override
    public java.util.List<NetworkInterface> networkInterfaces(InterfaceFilter filter, String value) {
        throw new UnsupportedOperationException("SIM-TODO"); // replaced by the simulated implementation
    }

    @Override
    public void deleteInternetGateway(String gatewayId, java.util.Optional<String> attachedTo) {
        throw new UnsupportedOperationException("SIM-TODO"); // replaced by the simulated implementation
    }

    @Override
    public void deleteEgressOnlyInternetGateway(String gatewayId) {
        throw new UnsupportedOperationException("SIM-TODO"); // replaced by the simulated implementation
    }

    @Override
    public void deleteNatGateway(String natGatewayId) {
        throw new UnsupportedOperationException("SIM-TODO"); // replaced by the simulated implementation
    }

    @Override
    public void releaseAddress(String allocationId) {
        throw new UnsupportedOperationException("SIM-TODO"); // replaced by the simulated implementation
    }

    @Override
    public void deleteVpcEndpoint(String endpointId) {
        throw new UnsupportedOperationException("SIM-TODO"); // replaced by the simulated implementation
    }

    @Override
    public void deleteRouteTable(String routeTableId) {
        throw new UnsupportedOperationException("SIM-TODO"); // replaced by the simulated implementation
    }

    @Override
    public void deleteNetworkAcl(String networkAclId) {
        throw new UnsupportedOperationException("SIM-TODO"); // replaced by the simulated implementation
    }
}
