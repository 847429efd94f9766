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
}
