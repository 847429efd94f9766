package io.tierstate.sim;

import io.tierstate.port.CloudFrontPort;
import io.tierstate.port.Distribution;
import io.tierstate.port.DistributionConfig;
import io.tierstate.port.DistributionSpec;
import java.util.Objects;

/** {@link CloudFrontPort} on the simulated world. */
final class SimCloudFront implements CloudFrontPort {

    private final World world;
    private final Calls calls;

    SimCloudFront(World world, Calls calls) {
        this.world = world;
        this.calls = calls;
    }

    @Override
    public Distribution getDistribution(String id) {
        return calls.call(SimOperation.GET_DISTRIBUTION, id, ctx -> world.getDistribution(ctx, id));
    }

    @Override
    public DistributionConfig getDistributionConfig(String id) {
        return calls.call(SimOperation.GET_DISTRIBUTION_CONFIG, id, ctx -> world.getDistributionConfig(ctx, id));
    }

    @Override
    public Distribution createDistribution(DistributionSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return calls.call(SimOperation.CREATE_DISTRIBUTION, spec.callerReference(), ctx -> world.createDistribution(ctx, spec));
    }

    @Override
    public String setEnabled(String id, boolean enabled, String ifMatch) {
        return calls.call(SimOperation.UPDATE_DISTRIBUTION, id, ctx -> world.setEnabled(ctx, id, enabled, ifMatch));
    }

    @Override
    public void deleteDistribution(String id, String ifMatch) {
        calls.run(SimOperation.DELETE_DISTRIBUTION, id, ctx -> world.deleteDistribution(ctx, id, ifMatch));
    }

    @Override
    public java.util.Map<String, String> distributionTags(String arn) {
        return calls.call(SimOperation.LIST_TAGS_FOR_RESOURCE, arn, ctx -> world.distributionTags(ctx, arn));
    }
}
