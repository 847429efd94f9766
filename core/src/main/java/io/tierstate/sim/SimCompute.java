package io.tierstate.sim;

import io.tierstate.model.HealthStatus;
import io.tierstate.port.ComputePort;
import io.tierstate.port.GpuSpec;
import io.tierstate.port.InstanceDescription;
import java.util.Optional;

/** {@link ComputePort} on the simulated world, as seen from one region. */
final class SimCompute implements ComputePort {

    private final World world;
    private final Calls calls;
    private final String region;

    SimCompute(World world, Calls calls, String region) {
        this.world = world;
        this.calls = calls;
        this.region = region;
    }

    @Override
    public InstanceDescription describeInstance(String instanceId) {
        return calls.call(SimOperation.DESCRIBE_INSTANCE, region, instanceId, ctx -> world.describeInstance(ctx, instanceId));
    }

    @Override
    public Optional<HealthStatus> instanceHealth(String instanceId) {
        return calls.call(SimOperation.DESCRIBE_INSTANCE_STATUS, region, instanceId, ctx -> world.instanceHealth(ctx, instanceId));
    }

    @Override
    public Optional<GpuSpec> gpuSpec(String instanceType) {
        return calls.call(SimOperation.DESCRIBE_INSTANCE_TYPES, region, instanceType, ctx -> world.gpuSpec(ctx, instanceType));
    }

    @Override
    public void terminateInstance(String instanceId) {
        calls.run(SimOperation.TERMINATE_INSTANCE, region, instanceId, ctx -> world.terminateInstance(ctx, instanceId));
    }

    @Override
    public boolean terminationProtection(String instanceId) {
        return calls.call(SimOperation.DESCRIBE_INSTANCE_ATTRIBUTE, region, instanceId,
                ctx -> world.terminationProtection(ctx, instanceId));
    }

    @Override
    public void setTerminationProtection(String instanceId, boolean enabled) {
        calls.run(SimOperation.MODIFY_INSTANCE_ATTRIBUTE, region, instanceId,
                ctx -> world.setTerminationProtection(ctx, instanceId, enabled));
    }

    /** Two calls, as on AWS: {@code DescribeInstances} for the request id, then {@code DescribeSpotInstanceRequests}. */
    @Override
    public Optional<SpotRequest> spotRequest(String instanceId) {
        Optional<String> requestId = calls.call(SimOperation.DESCRIBE_INSTANCE, region, instanceId,
                ctx -> world.spotRequestIdOf(ctx, instanceId));
        if (requestId.isEmpty()) {
            return Optional.empty();
        }
        String id = requestId.get();
        return Optional.of(calls.call(SimOperation.DESCRIBE_SPOT_INSTANCE_REQUESTS, region, id,
                ctx -> world.describeSpotRequest(ctx, id)));
    }

    @Override
    public void cancelSpotRequest(String requestId) {
        calls.run(SimOperation.CANCEL_SPOT_INSTANCE_REQUESTS, region, requestId, ctx -> world.cancelSpotRequest(ctx, requestId));
    }
}
