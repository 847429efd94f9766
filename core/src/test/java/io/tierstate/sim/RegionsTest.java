package io.tierstate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.error.InvalidInputException;
import io.tierstate.error.ResourceNotFoundException;
import io.tierstate.migration.fixtures.Fixtures;
import io.tierstate.model.DeploymentState;
import io.tierstate.StateJson;
import io.tierstate.port.InstanceDescription;
import io.tierstate.port.LoadBalancerDescription;
import io.tierstate.testing.Tier3World;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegionsTest {

    private final SimulatedCloud cloud = SimulatedCloud.builder().startingAt(SimWorlds.START).accountId("123456789012")
            .region("us-east-1").eventualConsistency(java.time.Duration.ZERO).build();

    @Test
    void theRootCloud_isASessionOfTheBuildersRegion_andKnowsItsAccount() {
        assertThat(cloud.sessionRegion()).contains("us-east-1");
        assertThat(cloud.callerAccountId()).contains("123456789012");
        assertThat(cloud.inRegion("us-east-1")).isSameAs(cloud);

        SimulatedCloud eu = cloud.inRegion("eu-west-1");
        assertThat(eu.sessionRegion()).contains("eu-west-1");
        assertThat(eu.callerAccountId()).contains("123456789012");
        assertThat(eu.describe()).isEqualTo("simulated cloud (account 123456789012, eu-west-1)");
        assertThat(cloud.inRegion("eu-west-1")).as("sessions are shared").isSameAs(eu);
        assertThat(eu.inRegion("us-east-1")).isSameAs(cloud);
        assertThat(eu.clock()).isSameAs(cloud.clock());
        assertThatThrownBy(() -> cloud.inRegion("Europe")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a region name");
    }

    @Test
    void aResourceOfOneRegion_isNotFoundFromAnother_withAwsCodes() {
        SimulatedCloud eu = cloud.inRegion("eu-west-1");
        String vpc = eu.createVpc();
        String subnet = eu.createSubnet(vpc);
        String sg = eu.createSecurityGroup(vpc);
        String instance = eu.launchInstance("g5.xlarge", "ami-1", subnet, sg);
        LoadBalancerDescription alb = eu.createLoadBalancer("eu-alb", List.of(subnet));
        String tg = eu.createTargetGroup("eu-tg", vpc);
        String fs = eu.createFileSystem();

        assertThat(eu.compute().describeInstance(instance).state()).isEqualTo(InstanceDescription.State.RUNNING);
        assertThat(cloud.regionOf(instance)).contains("eu-west-1");
        assertThatThrownBy(() -> cloud.compute().describeInstance(instance)).isInstanceOfSatisfying(ResourceNotFoundException.class,
                e -> {
                    assertThat(e.statusCode()).as("EC2 answers 400").isEqualTo(400);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.resourceId()).isEqualTo(instance);
                }).hasMessageContaining("InvalidInstanceID.NotFound").hasMessageContaining(instance);
        assertThatThrownBy(() -> cloud.compute().terminateInstance(instance)).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("InvalidInstanceID.NotFound");
        assertThatThrownBy(() -> cloud.loadBalancing().describeLoadBalancer(alb.arn()))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("LoadBalancerNotFound");
        assertThatThrownBy(() -> cloud.loadBalancing().deleteTargetGroup(tg)).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("TargetGroupNotFound");
        assertThatThrownBy(() -> cloud.fileSystems().describeFileSystem(fs)).isInstanceOfSatisfying(ResourceNotFoundException.class,
                e -> assertThat(e.statusCode()).as("EFS answers 404").isEqualTo(404)).hasMessageContaining("FileSystemNotFound");
        assertThatThrownBy(() -> cloud.network().describeVpc(vpc)).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("InvalidVpcID.NotFound");
        assertThatThrownBy(() -> cloud.network().deleteSubnet(subnet)).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("InvalidSubnetID.NotFound");
        assertThatThrownBy(() -> cloud.network().deleteSecurityGroup(sg)).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("InvalidGroup.NotFound");
        assertThatThrownBy(() -> cloud.createSubnet(vpc)).as("world building too sees only its region")
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("InvalidVpcID.NotFound");
        assertThat(cloud.exists(instance)).as("the world holds every region").isTrue();
    }

    @Test
    void arnsAndDnsNames_carryTheRegionAndTheAccount() {
        SimulatedCloud eu = cloud.inRegion("eu-west-1");
        String vpc = eu.createVpc();
        LoadBalancerDescription alb = eu.createLoadBalancer("eu-alb", List.of(eu.createSubnet(vpc)));

        assertThat(alb.arn()).startsWith("arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/eu-alb/");
        assertThat(alb.dnsName()).endsWith(".eu-west-1.elb.amazonaws.com");
        assertThat(eu.createTargetGroup("eu-tg", vpc)).startsWith("arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/eu-tg/");
        assertThat(eu.loadBalancing().listeners(alb.arn())).singleElement()
                .satisfies(l -> assertThat(l.arn()).startsWith("arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/eu-alb/"));
        assertThat(eu.createRole("r")).as("IAM is global").isEqualTo("arn:aws:iam::123456789012:role/r");
    }

    @Test
    void cloudFrontAndIam_areGlobal() {
        SimulatedCloud eu = cloud.inRegion("eu-west-1");
        String id = Tier3World.createDistribution(eu, Tier3World.spec("eu-1", "eu-alb.eu-west-1.elb.amazonaws.com")).id();
        eu.createRole("eu-role");
        cloud.createInstanceProfile("eu-profile", "eu-role");

        assertThat(cloud.cloudFront().getDistribution(id).arn()).isEqualTo("arn:aws:cloudfront::123456789012:distribution/" + id);
        assertThat(cloud.identity().describeRole("eu-role").instanceProfiles()).containsExactly("eu-profile");
        assertThat(cloud.regionOf(id)).isEmpty();
    }

    @Test
    void sessions_shareCallCountsAndListeners() {
        SimulatedCloud eu = cloud.inRegion("eu-west-1");
        String vpc = eu.createVpc();
        List<SimCall> seen = new ArrayList<>();
        cloud.onCall(seen::add);

        eu.network().describeVpc(vpc);
        assertThatThrownBy(() -> cloud.network().describeVpc(vpc)).isInstanceOf(ResourceNotFoundException.class);

        assertThat(cloud.calls(SimOperation.DESCRIBE_VPCS)).isEqualTo(2);
        assertThat(eu.calls(SimOperation.DESCRIBE_VPCS)).isEqualTo(2);
        assertThat(seen).extracting(SimCall::succeeded).containsExactly(true, false);
    }

    @Test
    void adopt_createsTheStatesResourcesInTheStatesRegion_defaultUsEast1() {
        DeploymentState tier3 = StateJson.read(Fixtures.text("v2-gpu-tier3.json"));
        DeploymentState inEurope = tier3.withConfig(tier3.config().withRegion("eu-west-1"));
        SimulatedCloud root = SimulatedCloud.builder().startingAt(SimWorlds.START).region("ap-south-1").build();

        root.adopt(inEurope);

        assertThat(root.regionOf("i-0bb0000000000b0c0")).contains("eu-west-1");
        assertThat(root.regionOf("vpc-0bb11bb22cc33dd44")).contains("eu-west-1");
        assertThat(root.inRegion("eu-west-1").compute().describeInstance("i-0bb0000000000b0c0").state())
                .as("adopted instances are visible at once").isEqualTo(InstanceDescription.State.RUNNING);
        assertThatThrownBy(() -> root.compute().describeInstance("i-0bb0000000000b0c0"))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("InvalidInstanceID.NotFound");

        SimulatedCloud other = SimulatedCloud.builder().startingAt(SimWorlds.START).region("ap-south-1").build();
        DeploymentState noRegion = StateJson.read("{\"stack_name\": \"dev-box\", \"status\": \"running\", "
                + "\"config\": {\"tier\": \"dev\"}, \"vpc_id\": \"vpc-0aa0000000000a001\", "
                + "\"instance_id\": \"i-0aa0000000000a0c0\"}");
        assertThat(noRegion.config().region()).isEmpty();
        other.adopt(noRegion);
        assertThat(other.regionOf("i-0aa0000000000a0c0")).contains("us-east-1");
        assertThat(other.regionOf("vpc-0aa0000000000a001")).contains("us-east-1");
    }

    @Test
    void persistedWorlds_keepTheRegions(@TempDir Path dir) {
        Path file = dir.resolve("sim-cloud.json");
        SimulatedCloud persisted = SimulatedCloud.builder().startingAt(SimWorlds.START).persistTo(file).build();
        SimulatedCloud eu = persisted.inRegion("eu-west-1");
        String vpc = eu.createVpc();
        String instance = eu.launchInstance("t3.medium", "ami-1", eu.createSubnet(vpc), eu.createSecurityGroup(vpc));
        persisted.close();

        SimulatedCloud loaded = SimulatedCloud.loadFrom(file);
        assertThat(loaded.regionOf(instance)).contains("eu-west-1");
        assertThat(loaded.regionOf(vpc)).contains("eu-west-1");
        assertThat(loaded.inRegion("eu-west-1").network().describeVpc(vpc).id()).isEqualTo(vpc);
        assertThatThrownBy(() -> loaded.network().describeVpc(vpc)).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("InvalidVpcID.NotFound");
        assertThat(loaded.sessionRegion()).contains("us-east-1");
    }
}
