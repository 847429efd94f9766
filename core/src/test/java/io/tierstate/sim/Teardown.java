package io.tierstate.sim;

import io.tierstate.error.CloudOperationException;
import io.tierstate.error.DistributionNotDisabledException;
import io.tierstate.error.PreconditionFailedException;
import io.tierstate.error.ResourceInUseException;
import io.tierstate.error.ResourceNotFoundException;
import io.tierstate.model.CloudFrontStatus;
import io.tierstate.port.DistributionConfig;
import io.tierstate.port.InstanceDescription;
import io.tierstate.testing.Tier3World;
import java.time.Duration;

/**
 * A minimal teardown in SPEC §5's order with retries, as the destroy engine does it: enough to show
 * that code which respects the rules empties the simulated world, faults or not.
 */
final class Teardown {

    private Teardown() {}

    static void sequential(SimulatedCloud cloud, Tier3World w) {
        String id = w.distribution();
        retry(cloud, () -> {
            waitDeployed(cloud, id);
            DistributionConfig c = cloud.cloudFront().getDistributionConfig(id);
            if (c.enabled()) {
                cloud.cloudFront().setEnabled(id, false, c.etag());
            }
            waitDeployed(cloud, id);
            cloud.cloudFront().deleteDistribution(id, cloud.cloudFront().getDistributionConfig(id).etag());
        });
        retry(cloud, () -> cloud.loadBalancing().deleteLoadBalancer(w.loadBalancer().arn()));
        retry(cloud, () -> cloud.loadBalancing().deleteTargetGroup(w.targetGroup()));
        retry(cloud, () -> cloud.compute().terminateInstance(w.instance()));
        retry(cloud, () -> {
            if (cloud.compute().describeInstance(w.instance()).state() != InstanceDescription.State.TERMINATED) {
                throw new ResourceInUseException("test:wait", "Waiting", null, "not terminated yet", null);
            }
        });
        retry(cloud, () -> cloud.identity().deleteInstanceProfile(w.profile()));
        retry(cloud, () -> cloud.identity().deleteRole(w.role()));
        for (String mountTarget : w.mountTargets()) {
            retry(cloud, () -> cloud.fileSystems().deleteMountTarget(mountTarget));
        }
        retry(cloud, () -> cloud.fileSystems().deleteFileSystem(w.fileSystem()));
        retry(cloud, () -> cloud.network().deleteSecurityGroup(w.securityGroup()));
        for (String subnet : w.subnets()) {
            retry(cloud, () -> cloud.network().deleteSubnet(subnet));
        }
        retry(cloud, () -> cloud.network().deleteVpc(w.vpc()));
    }

    private static void waitDeployed(SimulatedCloud cloud, String id) {
        while (cloud.cloudFront().getDistribution(id).status() != CloudFrontStatus.DEPLOYED) {
            sleep(cloud, Duration.ofSeconds(30));
        }
    }

    /** Runs a step until it succeeds or its resource is gone; retryable errors wait 10 s first. */
    private static void retry(SimulatedCloud cloud, Runnable step) {
        for (int attempt = 0; attempt < 500; attempt++) {
            try {
                step.run();
                return;
            } catch (ResourceNotFoundException gone) {
                return;
            } catch (DistributionNotDisabledException | PreconditionFailedException e) {
                sleep(cloud, Duration.ofSeconds(10));
            } catch (CloudOperationException e) {
                if (!e.retryable()) {
                    throw e;
                }
                sleep(cloud, Duration.ofSeconds(10));
            }
        }
        throw new AssertionError("a teardown step did not finish in 500 attempts");
    }

    private static void sleep(SimulatedCloud cloud, Duration d) {
        try {
            cloud.clock().sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
