package io.tierstate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.error.ResourceInUseException;
import io.tierstate.port.LoadBalancerDescription;
import io.tierstate.port.NetworkPort;
import io.tierstate.port.NetworkPort.InterfaceFilter;
import io.tierstate.port.NetworkPort.NetworkInterface;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Network interfaces AWS makes for instances, load balancers, mount targets and endpoints, and how long they linger. */
class NetworkInterfacesTest {

    private final SimulatedCloud cloud = SimWorlds.cloud();
    private final NetworkPort net = cloud.network();
    private String vpc;
    private String a;
    private String b;
    private String sg;

    @BeforeEach
    void setUp() {
        vpc = cloud.createVpc();
        a = cloud.createSubnet(vpc);
        b = cloud.createSubnet(vpc);
        sg = cloud.createSecurityGroup(vpc);
    }

    @Test
    void anAlb_hasOneInterfacePerSubnet_thatOutlivesItByMinutes() {
        LoadBalancerDescription alb = cloud.createLoadBalancer("gpu-alb", List.of(a, b), List.of(sg));
        String lbId = alb.arn().substring(alb.arn().lastIndexOf('/') + 1);

        List<NetworkInterface> enis = net.networkInterfaces(InterfaceFilter.VPC, vpc);
        assertThat(enis).hasSize(2).allSatisfy(eni -> {
            assertThat(eni.id()).matches("eni-[0-9a-f]{17}");
            assertThat(eni.description()).isEqualTo("ELB app/gpu-alb/" + lbId);
            assertThat(eni.status()).isEqualTo("in-use");
            assertThat(eni.attachedInstanceId()).isEmpty();
        });
        assertThat(net.networkInterfaces(InterfaceFilter.SUBNET, a)).hasSize(1);
        assertThat(net.networkInterfaces(InterfaceFilter.SECURITY_GROUP, sg)).hasSize(2);

        cloud.loadBalancing().deleteLoadBalancer(alb.arn());
        cloud.clock().advance(Duration.ofSeconds(30));
        assertThat(cloud.exists(alb.arn())).isFalse();
        assertThat(net.networkInterfaces(InterfaceFilter.VPC, vpc)).as("gone ALB, interfaces still there").hasSize(2);
        assertThatThrownBy(() -> net.deleteSecurityGroup(sg)).isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("DependencyViolation").hasMessageContaining("ELB app/gpu-alb/" + lbId);
        assertThatThrownBy(() -> net.deleteSubnet(a)).isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("DependencyViolation").hasMessageContaining(enis.get(0).id());
        cloud.clock().advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(net.networkInterfaces(InterfaceFilter.VPC, vpc)).hasSize(2);
        cloud.clock().advance(Duration.ofSeconds(1));

        assertThat(net.networkInterfaces(InterfaceFilter.VPC, vpc)).isEmpty();
        net.deleteSecurityGroup(sg);
        net.deleteSubnet(a);
        assertThat(cloud.calls(SimOperation.DESCRIBE_NETWORK_INTERFACES)).isEqualTo(6);
    }

    @Test
    void aMountTarget_hasAnEfsInterface_thatLingersAboutAMinute() {
        String fs = cloud.createFileSystem();
        String mt = cloud.createMountTarget(fs, a, sg);

        NetworkInterface eni = net.networkInterfaces(InterfaceFilter.SUBNET, a).get(0);
        assertThat(eni.interfaceType()).isEqualTo("efs");
        assertThat(eni.description()).isEqualTo("EFS mount target for " + fs + " (" + mt + ")");
        assertThat(cloud.fileSystems().mountTargets(fs).get(0).networkInterfaceId()).contains(eni.id());

        cloud.fileSystems().deleteMountTarget(mt);
        cloud.clock().advance(Duration.ofMinutes(1));
        assertThat(cloud.fileSystems().mountTargets(fs)).isEmpty();
        assertThat(net.networkInterfaces(InterfaceFilter.SUBNET, a)).extracting(NetworkInterface::id).containsExactly(eni.id());
        cloud.clock().advance(Duration.ofMinutes(1));
        assertThat(net.networkInterfaces(InterfaceFilter.SUBNET, a)).isEmpty();
    }

    @Test
    void anInstance_hasItsPrimaryInterface_untilItIsTerminated() {
        String instance = cloud.launchInstance("g4dn.xlarge", "ami-1", a, sg);

        assertThat(net.networkInterfaces(InterfaceFilter.SECURITY_GROUP, sg)).singleElement().satisfies(eni -> {
            assertThat(eni.interfaceType()).isEqualTo("interface");
            assertThat(eni.attachedInstanceId()).contains(instance);
        });
        cloud.compute().terminateInstance(instance);
        cloud.clock().advance(Duration.ofMinutes(1));

        assertThat(net.networkInterfaces(InterfaceFilter.SECURITY_GROUP, sg)).isEmpty();
        net.deleteSecurityGroup(sg);
    }

    @Test
    void anInterfaceEndpoint_hasOneInterfacePerSubnet_thatOutlivesIt() {
        String endpoint = cloud.createVpcEndpoint(vpc, "Interface", List.of(a, b), List.of(sg));

        assertThat(net.networkInterfaces(InterfaceFilter.VPC, vpc)).hasSize(2).allSatisfy(eni -> {
            assertThat(eni.interfaceType()).isEqualTo("vpc_endpoint");
            assertThat(eni.description()).isEqualTo("VPC Endpoint Interface " + endpoint);
        });
        assertThatThrownBy(() -> net.deleteSubnet(a)).isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("VPC Endpoint Interface " + endpoint);

        net.deleteVpcEndpoint(endpoint);
        cloud.clock().advance(Duration.ofMinutes(1));
        assertThat(cloud.exists(endpoint)).isFalse();
        assertThat(net.networkInterfaces(InterfaceFilter.VPC, vpc)).hasSize(2);
        cloud.clock().advance(Duration.ofMinutes(2));
        assertThat(net.networkInterfaces(InterfaceFilter.VPC, vpc)).isEmpty();
        net.deleteSubnet(a);
    }

    @Test
    void retentions_areLatencies() {
        SimulatedCloud quick = SimulatedCloud.builder().startingAt(SimWorlds.START)
                .latencies(Latencies.builder().loadBalancerInterfaceRetention(Duration.ZERO).build()).build();
        String v = quick.createVpc();
        String s = quick.createSubnet(v);
        LoadBalancerDescription alb = quick.createLoadBalancer("alb", List.of(s));
        quick.loadBalancing().deleteLoadBalancer(alb.arn());
        quick.clock().advance(Duration.ofSeconds(30));

        assertThat(quick.network().networkInterfaces(InterfaceFilter.VPC, v)).isEmpty();
        assertThat(Latencies.defaults().loadBalancerInterfaceRetention()).isEqualTo(Duration.ofMinutes(5));
        assertThat(Latencies.defaults().mountTargetInterfaceRetention()).isEqualTo(Duration.ofMinutes(1));
        assertThat(Latencies.defaults().endpointInterfaceRetention()).isEqualTo(Duration.ofMinutes(2));
    }
}
