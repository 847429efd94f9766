package io.tierstate.sim;

import io.tierstate.port.IdentityPort;

/** {@link IdentityPort} on the simulated world. */
final class SimIdentity implements IdentityPort {

    private final World world;
    private final Calls calls;

    SimIdentity(World world, Calls calls) {
        this.world = world;
        this.calls = calls;
    }

    @Override
    public void deleteInstanceProfile(String name) {
        calls.run(SimOperation.DELETE_INSTANCE_PROFILE, name, ctx -> world.deleteInstanceProfile(ctx, name));
    }

    @Override
    public void deleteRole(String name) {
        calls.run(SimOperation.DELETE_ROLE, name, ctx -> world.deleteRole(ctx, name));
    }

    @Override
    public RoleDescription describeRole(String name) {
        throw new UnsupportedOperationException("SIM-TODO"); // replaced by the simulated implementation
    }

    @Override
    public InstanceProfileDescription describeInstanceProfile(String name) {
        throw new UnsupportedOperationException("SIM-TODO"); // replaced by the simulated implementation
    }
}
