package io.tierstate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.error.CloudOperationException;
import io.tierstate.error.ResourceNotFoundException;
import io.tierstate.model.HealthStatus;
import io.tierstate.port.ComputePort;
import io.tierstate.port.GpuSpec;
import io.tierstate.port.InstanceDescription;
import io.tierstate.port.InstanceDescription.State;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComputeRulesTest {

    private final SimulatedCloud cloud = SimWorlds.cloud();
    private final ComputePort ec2 = cloud.compute();
    private String instance;

    @BeforeEach
    void launch() {
        String vpc = cloud.createVpc();
        String subnet = cloud.createSubnet(vpc);
        instance = cloud.launchInstance("g5.xlarge", "ami-0123456789abcdef0", subnet, cloud.createSecurityGroup(vpc));
    }

    @Test
    void launchedInstance_isRunningWithItsTypeAmiAndAddresses() {
        InstanceDescription d = ec2.describeInstance(instance);

        assertThat(d.instanceId()).isEqualTo(instance).matches("i-[0-9a-f]{17}");
        assertThat(d.instanceType()).isEqualTo("g5.xlarge");
        assertThat(d.imageId()).isEqualTo("ami-0123456789abcdef0");
        assertThat(d.state()).isEqualTo(State.RUNNING);
        assertThat(d.publicIp()).hasValueSatisfying(ip -> assertThat(ip).matches("\\d+\\.\\d+\\.\\d+\\.\\d+"));
        assertThat(d.privateIp()).hasValueSatisfying(ip -> assertThat(ip).startsWith("10.0."));
    }

    @Test
    void health_isInitializingForTwoMinutes_thenOk() {
        assertThat(ec2.instanceHealth(instance)).contains(HealthStatus.INITIALIZING);
        cloud.clock().advance(Duration.ofMinutes(2).minusSeconds(1));
        assertThat(ec2.instanceHealth(instance)).contains(HealthStatus.INITIALIZING);
        cloud.clock().advance(Duration.ofSeconds(1));
        assertThat(ec2.instanceHealth(instance)).contains(HealthStatus.OK);
    }

    @Test
    void health_ofAnImpairedInstance_isImpairedOnceInitialized_andOkAgainWhenRepaired() {
        cloud.setInstanceImpaired(instance, true);
        assertThat(ec2.instanceHealth(instance)).contains(HealthStatus.INITIALIZING);
        cloud.clock().advance(Duration.ofMinutes(2));
        assertThat(ec2.instanceHealth(instance)).contains(HealthStatus.IMPAIRED);

        cloud.setInstanceImpaired(instance, false);

        assertThat(ec2.instanceHealth(instance)).contains(HealthStatus.OK);
    }

    @Test
    void terminate_shutsDownForAMinute_thenIsTerminatedForAnHour_thenNotFound() {
        ec2.terminateInstance(instance);

        assertThat(ec2.describeInstance(instance).state()).isEqualTo(State.SHUTTING_DOWN);
        assertThat(ec2.instanceHealth(instance)).isEmpty();
        assertThat(ec2.describeInstance(instance).publicIp()).isEmpty();
        cloud.clock().advance(Duration.ofSeconds(59));
        assertThat(ec2.describeInstance(instance).state()).isEqualTo(State.SHUTTING_DOWN);
        assertThat(cloud.exists(instance)).isTrue();
        cloud.clock().advance(Duration.ofSeconds(1));
        assertThat(ec2.describeInstance(instance).state()).isEqualTo(State.TERMINATED);
        assertThat(ec2.describeInstance(instance).privateIp()).isEmpty();
        assertThat(ec2.instanceHealth(instance)).isEmpty();
        assertThat(cloud.exists(instance)).isFalse();
        cloud.clock().advance(Duration.ofMinutes(59));
        assertThat(ec2.describeInstance(instance).state()).isEqualTo(State.TERMINATED);
        cloud.clock().advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> ec2.describeInstance(instance)).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("InvalidInstanceID.NotFound").hasMessageContaining(instance);
    }

    @Test
    void terminate_again_succeedsAndKeepsTheFirstShutdownTime() {
        ec2.terminateInstance(instance);
        cloud.clock().advance(Duration.ofSeconds(40));

        ec2.terminateInstance(instance);
        cloud.clock().advance(Duration.ofSeconds(20));

        assertThat(ec2.describeInstance(instance).state()).isEqualTo(State.TERMINATED);
    }

    @Test
    void everyOperation_onAnUnknownInstance_isInvalidInstanceIdNotFound() {
        for (Runnable call : new Runnable[] {() -> ec2.describeInstance("i-0"), () -> ec2.instanceHealth("i-0"),
                () -> ec2.terminateInstance("i-0")}) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(ResourceNotFoundException.class,
                    e -> assertThat(e.errorCode()).contains("InvalidInstanceID.NotFound")).hasMessageContaining("i-0");
        }
    }

    @ParameterizedTest
    @CsvSource({
        "g4dn.xlarge, T4, NVIDIA, 1, 16384",
        "g4dn.12xlarge, T4, NVIDIA, 4, 65536",
        "g5.xlarge, A10G, NVIDIA, 1, 24576",
        "g5.48xlarge, A10G, NVIDIA, 8, 196608",
        "g6.xlarge, L4, NVIDIA, 1, 22888",
        "p3.2xlarge, V100, NVIDIA, 1, 16384",
        "p3.8xlarge, V100, NVIDIA, 4, 65536",
        "p4d.24xlarge, A100, NVIDIA, 8, 327680",
        "p5.48xlarge, H100, NVIDIA, 8, 655360",
        "g4ad.xlarge, Radeon Pro V520, AMD, 1, 8192"
    })
    void gpuSpec_ofAGpuType_reportsModelCountAndTotalMemory(String type, String model, String maker, int count, long mib) {
        assertThat(ec2.gpuSpec(type)).contains(new GpuSpec(model, maker, count, mib));
    }

    @Test
    void gpuSpec_ofACpuType_isEmpty() {
        assertThat(ec2.gpuSpec("t3.medium")).isEmpty();
        assertThat(ec2.gpuSpec("inf2.xlarge")).isEmpty();
    }

    @Test
    void gpuSpec_ofAMalformedTypeOrUnknownGpuSize_isInvalidInstanceType() {
        assertThatThrownBy(() -> ec2.gpuSpec("g4dn")).isInstanceOfSatisfying(CloudOperationException.class, e -> {
            assertThat(e.errorCode()).contains("InvalidInstanceType");
            assertThat(e.retryable()).isFalse();
        }).hasMessageContaining("family.size");
        assertThatThrownBy(() -> ec2.gpuSpec("g5.huge")).isInstanceOf(CloudOperationException.class)
                .hasMessageContaining("not a size of g5");
    }

    @Test
    void launch_intoAnUnknownSubnetOrWithAMalformedType_isRefused() {
        String vpc = cloud.createVpc();
        String sg = cloud.createSecurityGroup(vpc);

        assertThatThrownBy(() -> cloud.launchInstance("t3.medium", "ami-1", "subnet-0", sg))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("InvalidSubnetID.NotFound")
                .hasMessageContaining("ec2:RunInstances");
        assertThatThrownBy(() -> cloud.launchInstance("medium", "ami-1", cloud.createSubnet(vpc), sg))
                .isInstanceOf(CloudOperationException.class).hasMessageContaining("InvalidInstanceType");
        assertThatThrownBy(() -> cloud.launchInstance("t3.medium", " ", cloud.createSubnet(vpc), sg))
                .isInstanceOf(CloudOperationException.class).hasMessageContaining("AMI id must not be blank");
    }
}
