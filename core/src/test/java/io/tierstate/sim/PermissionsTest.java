package io.tierstate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.error.InvalidInputException;
import io.tierstate.error.CloudOperationException;
import io.tierstate.port.DistributionConfig;
import io.tierstate.testing.Tier3World;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Denied IAM actions: every call of them is AccessDenied. */
class PermissionsTest {

    private final SimulatedCloud cloud = SimWorlds.cloud();

    @Test
    void aDeniedOperation_failsEveryCallWithAccessDenied_403_notRetryable_beforeDoingAnything() {
        String id = Tier3World.createDistribution(cloud, Tier3World.spec("ref", "alb.example.com")).id();
        DistributionConfig config = cloud.cloudFront().getDistributionConfig(id);
        cloud.denyPermission(SimOperation.UPDATE_DISTRIBUTION);

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> cloud.cloudFront().setEnabled(id, false, config.etag()))
                    .isInstanceOfSatisfying(CloudOperationException.class, e -> {
                        assertThat(e.errorCode()).contains("AccessDenied");
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.operation()).isEqualTo("cloudfront:UpdateDistribution");
                    }).hasMessageContaining("is not authorized to perform: cloudfront:UpdateDistribution")
                    .hasMessageContaining(id);
        }
        assertThat(cloud.cloudFront().getDistributionConfig(id).enabled()).as("nothing changed").isTrue();
        assertThat(cloud.cloudFront().getDistributionConfig(id).etag()).isEqualTo(config.etag());
        assertThat(cloud.calls(SimOperation.UPDATE_DISTRIBUTION)).as("refused calls are counted").isEqualTo(3);

        cloud.allowPermission(SimOperation.UPDATE_DISTRIBUTION);
        cloud.cloudFront().setEnabled(id, false, config.etag());
        assertThat(cloud.cloudFront().getDistributionConfig(id).enabled()).isFalse();
    }

    @Test
    void anIamActionName_isDeniedCaseInsensitively_andOnlyThatAction() {
        String vpc = cloud.createVpc();
        String instance = cloud.launchInstance("t3.medium", "ami-1", cloud.createSubnet(vpc), cloud.createSecurityGroup(vpc));
        cloud.denyPermission("EC2:terminateinstances");

        assertThatThrownBy(() -> cloud.compute().terminateInstance(instance)).isInstanceOf(CloudOperationException.class)
                .hasMessageContaining("AccessDenied").hasMessageContaining("HTTP 403");
        assertThat(cloud.compute().describeInstance(instance).state().name()).isEqualTo("RUNNING");
        assertThat(cloud.deniedPermissions()).containsExactly("ec2:terminateinstances");
        assertThatThrownBy(() -> cloud.inRegion("eu-west-1").compute().terminateInstance(instance))
                .as("a session shares the caller's permissions").hasMessageContaining("AccessDenied");
        assertThatThrownBy(() -> cloud.denyPermission("TerminateInstances")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("service:Action");
    }

    @Test
    void deniedPermissions_areSavedWithTheWorld(@TempDir Path dir) {
        Path file = dir.resolve("sim-cloud.json");
        SimulatedCloud persisted = SimulatedCloud.builder().startingAt(SimWorlds.START).persistTo(file).build();
        persisted.denyPermission(SimOperation.DELETE_DISTRIBUTION);

        SimulatedCloud loaded = SimulatedCloud.loadFrom(file);

        assertThat(loaded.deniedPermissions()).containsExactly("cloudfront:deletedistribution");
        assertThatThrownBy(() -> loaded.cloudFront().deleteDistribution("E0", "etag")).hasMessageContaining("AccessDenied");
    }
}
