package io.tierstate.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierstate.ResourceInUseException;
import io.tierstate.model.CloudFrontStatus;
import io.tierstate.port.InstanceDescription;
import io.tierstate.testing.Tier3World;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What an overlapped destroy relies on: waits on two threads overlap on the virtual clock. */
class ParallelWaitsTest {

    @Test
    void disablingCloudFrontWhileTearingDownTheRest_takesAsLongAsTheCloudFrontPathAlone() throws Exception {
        SimulatedCloud cloud = SimWorlds.cloud();
        Tier3World w = Tier3World.build(cloud);
        cloud.clock().advance(Duration.ofMinutes(5));
        Instant start = cloud.clock().now();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        // both workers use the clock before either waits, so neither starts late on a loaded machine
        CyclicBarrier bothStarted = new CyclicBarrier(2);
        try {
            CompletableFuture<Instant> cloudFront = CompletableFuture.supplyAsync(() -> {
                awaitBoth(cloud, bothStarted);
                String id = w.distribution();
                String etag = cloud.cloudFront().setEnabled(id, false, cloud.cloudFront().getDistributionConfig(id).etag());
                while (cloud.cloudFront().getDistribution(id).status() != CloudFrontStatus.DEPLOYED) {
                    sleep(cloud, Duration.ofSeconds(30));
                }
                cloud.cloudFront().deleteDistribution(id, etag);
                return cloud.clock().now();
            }, pool);
            CompletableFuture<Instant> rest = CompletableFuture.supplyAsync(() -> {
                awaitBoth(cloud, bothStarted);
                cloud.loadBalancing().deleteLoadBalancer(w.loadBalancer().arn());
                untilDone(cloud, () -> cloud.loadBalancing().deleteTargetGroup(w.targetGroup()));
                cloud.compute().terminateInstance(w.instance());
                while (cloud.compute().describeInstance(w.instance()).state() != InstanceDescription.State.TERMINATED) {
                    sleep(cloud, Duration.ofSeconds(5));
                }
                cloud.fileSystems().deleteMountTarget(w.mountTargets().get(0));
                cloud.fileSystems().deleteMountTarget(w.mountTargets().get(1));
                untilDone(cloud, () -> cloud.fileSystems().deleteFileSystem(w.fileSystem()));
                return cloud.clock().now();
            }, pool);

            Instant cloudFrontDone = cloudFront.get(20, TimeUnit.SECONDS);
            Instant restDone = rest.get(20, TimeUnit.SECONDS);

            // alone: 15 min for CloudFront, 2.5 min for the rest; in a row they would take 17.5
            assertThat(Duration.between(start, restDone)).isBetween(Duration.ofSeconds(150), Duration.ofMinutes(4));
            assertThat(Duration.between(start, cloudFrontDone)).isBetween(Duration.ofMinutes(15), Duration.ofMinutes(16));
            assertThat(cloud.exists(w.distribution())).isFalse();
            assertThat(cloud.exists(w.fileSystem())).isFalse();
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitBoth(SimulatedCloud cloud, CyclicBarrier barrier) {
        cloud.clock().now();
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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
