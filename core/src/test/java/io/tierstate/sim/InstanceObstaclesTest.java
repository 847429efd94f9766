package io.tierstate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.error.InvalidInputException;
import io.tierstate.error.CloudOperationException;
import io.tierstate.error.ResourceInUseException;
import io.tierstate.error.ResourceNotFoundException;
import io.tierstate.port.ComputePort;
import io.tierstate.port.ComputePort.SpotRequest;
import io.tierstate.port.InstanceDescription.State;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Termination protection, spot requests and EC2's eventual consistency. */
class InstanceObstaclesTest {

    private final SimulatedCloud cloud = SimWorlds.cloud();
    private final ComputePort ec2 = cloud.compute();
    private String subnet;
    private String sg;

    @BeforeEach
    void network() {
        String vpc = cloud.createVpc();
        subnet = cloud.createSubnet(vpc);
        sg = cloud.createSecurityGroup(vpc);
    }

    @Test
    void terminationProtection_refusesTerminateInstances_operationNotPermitted_untilTurnedOff() {
        String instance = cloud.launchInstance("g4dn.xlarge", "ami-1", subnet, sg);
        cloud.setTerminationProtection(instance, true);

        assertThat(ec2.terminationProtection(instance)).isTrue();
        assertThatThrownBy(() -> ec2.terminateInstance(instance)).isInstanceOfSatisfying(CloudOperationException.class, e -> {
            assertThat(e).isNotInstanceOf(ResourceInUseException.class);
            assertThat(e.errorCode()).contains("OperationNotPermitted");
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.retryable()).isFalse();
        }).hasMessageContaining("may not be terminated").hasMessageContaining("disableApiTermination")
                .hasMessageContaining(instance);
        assertThat(ec2.describeInstance(instance).state()).isEqualTo(State.RUNNING);

        ec2.setTerminationProtection(instance, false);
        assertThat(ec2.terminationProtection(instance)).isFalse();
        ec2.terminateInstance(instance);
        assertThat(ec2.describeInstance(instance).state()).isEqualTo(State.SHUTTING_DOWN);
        assertThat(cloud.calls(SimOperation.DESCRIBE_INSTANCE_ATTRIBUTE)).isEqualTo(2);
        assertThat(cloud.calls(SimOperation.MODIFY_INSTANCE_ATTRIBUTE)).isEqualTo(1);
        assertThatThrownBy(() -> ec2.terminationProtection("i-0")).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("InvalidInstanceID.NotFound").hasMessageContaining("ec2:DescribeInstanceAttribute");
    }

    @Test
    void onDemandInstance_hasNoSpotRequest() {
        assertThat(ec2.spotRequest(cloud.launchInstance("t3.medium", "ami-1", subnet, sg))).isEmpty();
    }

    @Test
    void persistentSpotRequest_launchesAReplacement_afterItsInstanceTerminates() {
        String first = cloud.launchSpotInstance("g5.xlarge", "ami-1", subnet, sg, true);
        SpotRequest request = ec2.spotRequest(first).orElseThrow();
        assertThat(request.id()).matches("sir-[0-9a-f]{8}");
        assertThat(request.type()).isEqualTo("persistent");
        assertThat(request.state()).isEqualTo("active");
        assertThat(request.relaunches()).isTrue();

        ec2.terminateInstance(first);
        cloud.clock().advance(Duration.ofMinutes(1));
        assertThat(ec2.describeInstance(first).state()).isEqualTo(State.TERMINATED);
        assertThat(ec2.spotRequest(first).orElseThrow().state()).as("open again, waiting to relaunch").isEqualTo("open");
        cloud.clock().advance(Duration.ofMinutes(2));

        List<SimResource> instances = cloud.liveResources().stream().filter(r -> r.kind() == SimResource.Kind.INSTANCE).toList();
        assertThat(instances).as("EC2 launched a replacement").singleElement()
                .satisfies(r -> assertThat(r.id()).isNotEqualTo(first));
        String replacement = instances.get(0).id();
        assertThat(ec2.describeInstance(replacement).state()).isEqualTo(State.RUNNING);
        assertThat(ec2.describeInstance(replacement).instanceType()).isEqualTo("g5.xlarge");
        assertThat(ec2.spotRequest(replacement).orElseThrow()).isEqualTo(new SpotRequest(request.id(), "persistent", "active"));
    }

    @Test
    void cancelledSpotRequest_launchesNothing_andItsInstanceKeepsRunning() {
        String instance = cloud.launchSpotInstance("g5.xlarge", "ami-1", subnet, sg, true);
        String request = ec2.spotRequest(instance).orElseThrow().id();

        ec2.cancelSpotRequest(request);

        assertThat(ec2.describeInstance(instance).state()).isEqualTo(State.RUNNING);
        assertThat(ec2.spotRequest(instance).orElseThrow().state()).isEqualTo("cancelled");
        assertThat(ec2.spotRequest(instance).orElseThrow().relaunches()).isFalse();
        ec2.terminateInstance(instance);
        cloud.clock().advance(Duration.ofMinutes(30));
        assertThat(cloud.liveResources()).extracting(SimResource::kind).doesNotContain(SimResource.Kind.INSTANCE,
                SimResource.Kind.SPOT_REQUEST);
        assertThat(cloud.calls(SimOperation.CANCEL_SPOT_INSTANCE_REQUESTS)).isEqualTo(1);
        assertThatThrownBy(() -> ec2.cancelSpotRequest("sir-00000000")).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("InvalidSpotInstanceRequestID.NotFound");
    }

    @Test
    void oneTimeSpotRequest_closesWhenItsInstanceTerminates() {
        String instance = cloud.launchSpotInstance("g5.xlarge", "ami-1", subnet, sg, false);
        assertThat(ec2.spotRequest(instance).orElseThrow().relaunches()).isFalse();

        ec2.terminateInstance(instance);
        cloud.clock().advance(Duration.ofMinutes(10));

        assertThat(ec2.spotRequest(instance).orElseThrow().state()).isEqualTo("closed");
        assertThat(cloud.liveResources()).extracting(SimResource::kind).doesNotContain(SimResource.Kind.INSTANCE);
    }

    @Test
    void aFreshInstance_readsNotFoundForTheConsistencyWindow_thenIsVisible() {
        SimulatedCloud real = SimulatedCloud.builder().startingAt(SimWorlds.START).build();
        assertThat(real.latencies().eventualConsistency()).isEqualTo(Duration.ofSeconds(5));
        String vpc = real.createVpc();
        String instance = real.launchInstance("t3.medium", "ami-1", real.createSubnet(vpc), real.createSecurityGroup(vpc));

        assertThatThrownBy(() -> real.compute().describeInstance(instance)).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("InvalidInstanceID.NotFound").hasMessageContaining(instance);
        assertThatThrownBy(() -> real.compute().terminateInstance(instance)).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("InvalidInstanceID.NotFound");
        assertThat(real.exists(instance)).as("it exists, EC2 just does not show it yet").isTrue();
        real.clock().advance(Duration.ofSeconds(4));
        assertThatThrownBy(() -> real.compute().describeInstance(instance)).isInstanceOf(ResourceNotFoundException.class);
        real.clock().advance(Duration.ofSeconds(1));

        assertThat(real.compute().describeInstance(instance).state()).isEqualTo(State.RUNNING);
    }

    @Test
    void theConsistencyWindow_isConfigurable() {
        SimulatedCloud slow = SimulatedCloud.builder().startingAt(SimWorlds.START).eventualConsistency(Duration.ofMinutes(1))
                .build();
        String vpc = slow.createVpc();
        String instance = slow.launchInstance("t3.medium", "ami-1", slow.createSubnet(vpc), slow.createSecurityGroup(vpc));
        slow.clock().advance(Duration.ofSeconds(59));
        assertThatThrownBy(() -> slow.compute().describeInstance(instance)).isInstanceOf(ResourceNotFoundException.class);
        slow.clock().advance(Duration.ofSeconds(1));
        assertThat(slow.compute().describeInstance(instance).state()).isEqualTo(State.RUNNING);

        assertThatThrownBy(() -> SimulatedCloud.builder().eventualConsistency(Duration.ofSeconds(-1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("must not be negative");
    }
}
