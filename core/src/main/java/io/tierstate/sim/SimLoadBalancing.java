package io.tierstate.sim;

import io.tierstate.port.LoadBalancerDescription;
import io.tierstate.port.LoadBalancingPort;

/** {@link LoadBalancingPort} on the simulated world. */
final class SimLoadBalancing implements LoadBalancingPort {

    private final World world;
    private final Calls calls;

    SimLoadBalancing(World world, Calls calls) {
        this.world = world;
        this.calls = calls;
    }

    @Override
    public LoadBalancerDescription describeLoadBalancer(String arn) {
        return calls.call(SimOperation.DESCRIBE_LOAD_BALANCER, arn, ctx -> world.describeLoadBalancer(ctx, arn));
    }

    @Override
    public void deleteLoadBalancer(String arn) {
        calls.run(SimOperation.DELETE_LOAD_BALANCER, arn, ctx -> world.deleteLoadBalancer(ctx, arn));
    }

    @Override
    public void deleteTargetGroup(String arn) {
        calls.run(SimOperation.DELETE_TARGET_GROUP, arn, ctx -> world.deleteTargetGroup(ctx, arn));
    }

    @Override
    public TargetGroupDescription describeTargetGroup(String arn) {
        throw new UnsupportedOperationException("SIM-TODO"); // replaced by the simulated implementation
    }

    @Override
    public boolean deletionProtection(String arn) {
        throw new UnsupportedOperationException("SIM-TODO"); // replaced by the simulated implementation
    }

    @Override
    public void setDeletionProtection(String arn, boolean enabled) {
        throw new UnsupportedOperationException("SIM-TODO"); // replaced by the simulated implementation
    }

    @Override
    public java.util.List<Listener> listeners(String arn) {
        throw new UnsupportedOperationException("SIM-TODO"); // replaced by the simulated implementation
    }
}
