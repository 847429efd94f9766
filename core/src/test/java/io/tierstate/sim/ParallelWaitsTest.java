package io.tierstate.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierstate.error.ResourceInUseException;
import io.tierstate.model.CloudFrontStatus;
import io.tierstate.port.InstanceDescription;
import io.tierstate.testing.Concurrently;
import io.tierstate.testing.Tier3World;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** What an overlapped destroy relies on: waits on two threads overlap on the virtual clock. */
class ParallelWaitsTest {

    @Test
    void disablingCloudFrontWhileTearingDownTheRest_takesAsLongAsTheCloudFrontPathAlone() throws Exception {
        SimulatedCloud cloud = SimWorlds.cloud();
        Tier3World w = Tier3World.build(cloud);
        cloud.clock().advance(Duration.ofMinutes(5));
        Instant start = cloud.clock().now();
        Callable<Instant> cloudFrontPath = () -> {
            String id = w.distribution();
            String etag = cloud.cloudFront().setEnabled(id, false, cloud.cloudFront().getDistributionConfig(id).etag());
            while (cloud.cloudFront().getDistribution(id).status() != CloudFrontStatus.DEPLOYED) {
                sleep(cloud, Duration.ofSeconds(30));
            }
            cloud.cloudFront().deleteDistribution(id, etag);
            return cloud.clock().now();
        };
        Callable<Instant> rest = () -> {
            cloud.loadBalancing().deleteLoadBalancer(w.loadBalancer().arn());
            untilDone(cloud, () -> cloud.loadBalancing().deleteTargetGroup(w.targetGroup()));
            cloud.compute().terminateInstance(w.instance());
            while (cloud.compute().describeInstance(w.instance()).state() != InstanceDescription.State.TERMINATED) {
                sleep(cloud, Duration.ofSeconds(5));
            }
            for (String mountTarget : w.mountTargets()) {
                cloud.fileSystems().deleteMountTarget(mountTarget);
            }
            untilDone(cloud, () -> cloud.fileSystems().deleteFileSystem(w.fileSystem()));
            return cloud.clock().now();
        };

        List<Instant> done = Concurrently.runTogether(2, Duration.ofSeconds(20), worker -> {
            // both workers use the clock before either waits, so neither starts late on a loaded machine
            cloud.clock().now();
            return worker == 0 ? cloudFrontPath : rest;
        });
        Instant cloudFrontDone = done.get(0);
        Instant restDone = done.get(1);

        // alone: 15 min for CloudFront, 2.5 min for the rest; in a row they would take 17.5
        assertThat(Duration.between(start, restDone)).isBetween(Duration.ofSeconds(150), Duration.ofMinutes(4));
        assertThat(Duration.between(start, cloudFrontDone)).isBetween(Duration.ofMinutes(15), Duration.ofMinutes(16));
        assertThat(cloud.exists(w.distribution())).isFalse();
        assertThat(cloud.exists(w.fileSystem())).isFalse();
    }

    private static void untilDone(SimulatedCloud cloud, Runnable delete) {
        while (true) {
            try {
                delete.run();
                return;
            } catch (ResourceInUseException stillInUse) {
                sleep(cloud, Duration.ofSeconds(5));
            }
        }
    }

    private static void sleep(SimulatedCloud cloud, Duration d) {
        try {
            cloud.clock().sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
