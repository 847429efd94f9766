package io.tierstate.sim;

import io.tierstate.port.LoadBalancerDescription;
import io.tierstate.port.LoadBalancingPort;
import java.util.List;

/** {@link LoadBalancingPort} on the simulated world, as seen from one region. */
final class SimLoadBalancing implements LoadBalancingPort {

    private final World world;
    private final Calls calls;
    private final String region;

    SimLoadBalancing(World world, Calls calls, String region) {
        this.world = world;
        this.calls = calls;
        this.region = region;
    }

    @Override
    public LoadBalancerDescription describeLoadBalancer(String arn) {
        return calls.call(SimOperation.DESCRIBE_LOAD_BALANCER, region, arn, ctx -> world.describeLoadBalancer(ctx, arn));
    }

    @Override
    public void deleteLoadBalancer(String arn) {
        calls.run(SimOperation.DELETE_LOAD_BALANCER, region, arn, ctx -> world.deleteLoadBalancer(ctx, arn));
    }

    @Override
    public void deleteTargetGroup(String arn) {
        calls.run(SimOperation.DELETE_TARGET_GROUP, region, arn, ctx -> world.deleteTargetGroup(ctx, arn));
    }

    @Override
    public TargetGroupDescription describeTargetGroup(String arn) {
        return calls.call(SimOperation.DESCRIBE_TARGET_GROUPS, region, arn, ctx -> world.describeTargetGroup(ctx, arn));
    }

    @Override
    public boolean deletionProtection(String arn) {
        return calls.call(SimOperation.DESCRIBE_LOAD_BALANCER_ATTRIBUTES, region, arn, ctx -> world.deletionProtection(ctx, arn));
    }

    @Override
    public void setDeletionProtection(String arn, boolean enabled) {
        calls.run(SimOperation.MODIFY_LOAD_BALANCER_ATTRIBUTES, region, arn, ctx -> world.setDeletionProtection(ctx, arn, enabled));
    }

    @Override
    public List<Listener> listeners(String arn) {
        return calls.call(SimOperation.DESCRIBE_LISTENERS, region, arn, ctx -> world.listeners(ctx, arn));
    }
}
