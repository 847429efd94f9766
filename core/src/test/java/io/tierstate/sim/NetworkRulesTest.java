package io.tierstate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.error.ResourceInUseException;
import io.tierstate.error.ResourceNotFoundException;
import io.tierstate.port.NetworkPort;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NetworkRulesTest {

    private final SimulatedCloud cloud = SimWorlds.cloud();
    private final NetworkPort net = cloud.network();
    private String vpc;
    private String subnet;
    private String sg;

    @BeforeEach
    void setUp() {
        vpc = cloud.createVpc();
        subnet = cloud.createSubnet(vpc);
        sg = cloud.createSecurityGroup(vpc);
    }

    @Test
    void securityGroup_usedByAnInstanceNotYetTerminated_isADependencyViolation() {
        String instance = cloud.launchInstance("t3.medium", "ami-1", subnet, sg);
        assertThatThrownBy(() -> net.deleteSecurityGroup(sg)).isInstanceOfSatisfying(ResourceInUseException.class,
                e -> assertThat(e.errorCode()).contains("DependencyViolation"))
                .hasMessageContaining(instance).hasMessageContaining("RUNNING");

        cloud.compute().terminateInstance(instance);
        assertThatThrownBy(() -> net.deleteSecurityGroup(sg)).isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("SHUTTING_DOWN");
        cloud.clock().advance(Duration.ofMinutes(1));

        net.deleteSecurityGroup(sg);
        assertThat(cloud.exists(sg)).isFalse();
    }

    @Test
    void securityGroup_usedByAMountTarget_isADependencyViolationUntilTheMountTargetIsGone() {
        String fs = cloud.createFileSystem();
        String mt = cloud.createMountTarget(fs, subnet, sg);
        cloud.fileSystems().deleteMountTarget(mt);

        assertThatThrownBy(() -> net.deleteSecurityGroup(sg)).isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("DependencyViolation").hasMessageContaining(mt + " (deleting)");
        cloud.clock().advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> net.deleteSecurityGroup(sg)).as("its network interface outlives it by about a minute")
                .isInstanceOf(ResourceInUseException.class).hasMessageContaining("DependencyViolation")
                .hasMessageContaining("network interface eni-").hasMessageContaining("(EFS mount target for " + fs + " (" + mt + "))");
        cloud.clock().advance(Duration.ofMinutes(1));

        net.deleteSecurityGroup(sg);
    }

    @Test
    void subnet_withAnInstanceMountTargetOrLoadBalancer_isADependencyViolation() {
        String instance = cloud.launchInstance("t3.medium", "ami-1", subnet, sg);
        String mt = cloud.createMountTarget(cloud.createFileSystem(), subnet, sg);
        String alb = cloud.createLoadBalancer("alb", List.of(subnet)).arn();

        assertThatThrownBy(() -> net.deleteSubnet(subnet)).isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("DependencyViolation").hasMessageContaining(instance).hasMessageContaining(mt)
                .hasMessageContaining("load balancer alb");

        cloud.compute().terminateInstance(instance);
        cloud.fileSystems().deleteMountTarget(mt);
        cloud.loadBalancing().deleteLoadBalancer(alb);
        assertThatThrownBy(() -> net.deleteSubnet(subnet)).isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("(deleting)");
        cloud.clock().advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> net.deleteSubnet(subnet)).as("the ALB's and the mount target's interfaces linger")
                .isInstanceOf(ResourceInUseException.class).hasMessageContaining("DependencyViolation")
                .hasMessageContaining("(ELB app/alb/").hasMessageContaining("(EFS mount target for ");
        cloud.clock().advance(Duration.ofMinutes(2));
        assertThatThrownBy(() -> net.deleteSubnet(subnet)).isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("(ELB app/alb/").hasMessageNotContaining("EFS mount target");
        cloud.clock().advance(Duration.ofMinutes(3));

        net.deleteSubnet(subnet);
        assertThat(cloud.exists(subnet)).isFalse();
    }

    @Test
    void vpc_withSubnetsOrSecurityGroups_isADependencyViolation_thenDeletes() {
        assertThatThrownBy(() -> net.deleteVpc(vpc)).isInstanceOfSatisfying(ResourceInUseException.class,
                e -> assertThat(e.errorCode()).contains("DependencyViolation"))
                .hasMessageContaining("subnet " + subnet).hasMessageContaining("security group " + sg);

        net.deleteSubnet(subnet);
        assertThatThrownBy(() -> net.deleteVpc(vpc)).isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("security group " + sg);
        net.deleteSecurityGroup(sg);
        net.deleteVpc(vpc);

        assertThat(cloud.liveResources()).isEmpty();
    }

    @Test
    void unknownIds_areNotFoundWithEc2Codes() {
        assertThatThrownBy(() -> net.deleteSecurityGroup("sg-0")).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("InvalidGroup.NotFound").hasMessageContaining("sg-0");
        assertThatThrownBy(() -> net.deleteSubnet("subnet-0")).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("InvalidSubnetID.NotFound");
        assertThatThrownBy(() -> net.deleteVpc("vpc-0")).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("InvalidVpcID.NotFound");
        assertThatThrownBy(() -> cloud.createSubnet("vpc-0")).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("InvalidVpcID.NotFound").hasMessageContaining("ec2:CreateSubnet");
    }

    @Test
    void idsHaveTheirAwsPrefixes() {
        assertThat(vpc).matches("vpc-[0-9a-f]{17}");
        assertThat(subnet).matches("subnet-[0-9a-f]{17}");
        assertThat(sg).matches("sg-[0-9a-f]{17}");
    }
}
