package io.tierstate.sim;

import io.tierstate.model.HealthStatus;
import io.tierstate.port.ComputePort;
import io.tierstate.port.GpuSpec;
import io.tierstate.port.InstanceDescription;
import java.util.Optional;

/** {@link ComputePort} on the simulated world. */
final class SimCompute implements ComputePort {

    private final World world;
    private final Calls calls;

    SimCompute(World world, Calls calls) {
        this.world = world;
        this.calls = calls;
    }

    @Override
    public InstanceDescription describeInstance(String instanceId) {
        return calls.call(SimOperation.DESCRIBE_INSTANCE, instanceId, ctx -> world.describeInstance(ctx, instanceId));
    }

    @Override
    public Optional<HealthStatus> instanceHealth(String instanceId) {
        return calls.call(SimOperation.DESCRIBE_INSTANCE_STATUS, instanceId, ctx -> world.instanceHealth(ctx, instanceId));
    }

    @Override
    public Optional<GpuSpec> gpuSpec(String instanceType) {
        return calls.call(SimOperation.DESCRIBE_INSTANCE_TYPES, instanceType, ctx -> world.gpuSpec(ctx, instanceType));
    }

    @Override
    public void terminateInstance(String instanceId) {
        calls.run(SimOperation.TERMINATE_INSTANCE, instanceId, ctx -> world.terminateInstance(ctx, instanceId));
    }

    @Override
    public boolean terminationProtection(String instanceId) {
        throw new UnsupportedOperationException("SIM-TODO"); // replaced by the simulated implementation
    }

    @Override
    public void setTerminationProtection(String instanceId, boolean enabled) {
        throw new UnsupportedOperationException("SIM-TODO"); // replaced by the simulated implementation
    }

    @Override
    public java.util.Optional<SpotRequest> spotRequest(String instanceId) {
        throw new UnsupportedOperationException("SIM-TODO"); // replaced by the simulated implementation
    }

    @Override
    public void cancelSpotRequest(String requestId) {
        throw new UnsupportedOperationException("SIM-TODO"); // replaced by the simulated implementation
    }
}
