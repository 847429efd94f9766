package io.tierstate.sim;

import static io.tierstate.sim.SimResource.Kind.DISTRIBUTION;
import static io.tierstate.sim.SimResource.Kind.FILE_SYSTEM;
import static io.tierstate.sim.SimResource.Kind.IAM_ROLE;
import static io.tierstate.sim.SimResource.Kind.INSTANCE;
import static io.tierstate.sim.SimResource.Kind.INSTANCE_PROFILE;
import static io.tierstate.sim.SimResource.Kind.LOAD_BALANCER;
import static io.tierstate.sim.SimResource.Kind.MOUNT_TARGET;
import static io.tierstate.sim.SimResource.Kind.SECURITY_GROUP;
import static io.tierstate.sim.SimResource.Kind.SUBNET;
import static io.tierstate.sim.SimResource.Kind.TARGET_GROUP;
import static io.tierstate.sim.SimResource.Kind.VPC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.error.DistributionNotDisabledException;
import io.tierstate.error.ResourceInUseException;
import io.tierstate.migration.fixtures.Fixtures;
import io.tierstate.model.CloudFrontOrigin;
import io.tierstate.model.CloudFrontStatus;
import io.tierstate.model.DeploymentConfig;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.HealthStatus;
import io.tierstate.StateJson;
import io.tierstate.model.Status;
import io.tierstate.model.Tier;
import io.tierstate.port.Distribution;
import io.tierstate.port.FileSystemPort.MountTarget;
import io.tierstate.port.InstanceDescription;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdoptTest {

    private static final String ALB = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/gpu-global-alb/6d0ecf831eec9f09";
    private static final String TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/gpu-global-tg/9683b2d02a6cabee";

    private final SimulatedCloud cloud = SimWorlds.cloud();

    private static DeploymentState geuseMakerTier3() {
        return StateJson.read(Fixtures.text("v2-gpu-tier3.json"));
    }

    @Test
    void adopt_geuseMakerTier3_createsExactlyTheRecordedResources() {
        List<SimResource> created = cloud.adopt(geuseMakerTier3());

        List<SimResource> expected = List.of(
                new SimResource(VPC, "vpc-0bb11bb22cc33dd44"),
                new SimResource(SUBNET, "subnet-0bb0000000000b001"),
                new SimResource(SUBNET, "subnet-0bb0000000000b002"),
                new SimResource(SECURITY_GROUP, "sg-0bb0000000000b0b0"),
                new SimResource(FILE_SYSTEM, "fs-0bb0000000000b0f0"),
                new SimResource(MOUNT_TARGET, "fsmt-0bb0000000000b0b1"),
                new SimResource(IAM_ROLE, "gpu-global-efs-role"),
                new SimResource(INSTANCE_PROFILE, "gpu-global-efs-profile"),
                new SimResource(INSTANCE, "i-0bb0000000000b0c0"),
                new SimResource(TARGET_GROUP, TG),
                new SimResource(LOAD_BALANCER, ALB),
                new SimResource(DISTRIBUTION, "E2QWRUHAPOMQZL"));
        assertThat(created).containsExactlyElementsOf(expected);
        assertThat(cloud.liveResources()).filteredOn(r -> r.kind() != SimResource.Kind.NETWORK_INTERFACE)
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(cloud.liveResources()).filteredOn(r -> r.kind() == SimResource.Kind.NETWORK_INTERFACE)
                .as("AWS's interfaces for the instance, the mount target and the ALB's two subnets").hasSize(4);
    }

    @Test
    void adopt_describesTheResourcesAsTheStateRecordsThem() {
        cloud.adopt(geuseMakerTier3());

        InstanceDescription i = cloud.compute().describeInstance("i-0bb0000000000b0c0");
        assertThat(i.instanceType()).isEqualTo("g4dn.xlarge");
        assertThat(i.imageId()).isEqualTo("ami-0123456789abcdef0");
        assertThat(i.state()).isEqualTo(InstanceDescription.State.RUNNING);
        assertThat(i.publicIp()).contains("3.91.20.7");
        assertThat(i.privateIp()).contains("10.1.1.12");
        assertThat(cloud.compute().instanceHealth(i.instanceId())).contains(HealthStatus.OK);
        assertThat(cloud.loadBalancing().describeLoadBalancer(ALB).dnsName())
                .isEqualTo("gpu-global-alb-987654321.us-east-1.elb.amazonaws.com");
        assertThat(cloud.fileSystems().mountTargets("fs-0bb0000000000b0f0"))
                .extracting(MountTarget::id, MountTarget::fileSystemId, MountTarget::lifeCycleState)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("fsmt-0bb0000000000b0b1", "fs-0bb0000000000b0f0", "available"));

        Distribution d = cloud.cloudFront().getDistribution("E2QWRUHAPOMQZL");
        assertThat(d.domainName()).isEqualTo("d111111abcdef8.cloudfront.net");
        assertThat(d.status()).isEqualTo(CloudFrontStatus.DEPLOYED);
        assertThat(d.enabled()).isTrue();
        assertThat(d.origins()).extracting(CloudFrontOrigin::domainName)
                .containsExactly("gpu-global-alb-987654321.us-east-1.elb.amazonaws.com");
        assertThat(d.cacheBehaviors()).singleElement().satisfies(b -> assertThat(b.isDefault()).isTrue());
        assertThat(cloud.cloudFront().getDistributionConfig(d.id()).callerReference())
                .as("AWS always has one; an adopted distribution without a recorded one gets a made-up one")
                .isEqualTo("adopted-E2QWRUHAPOMQZL");
    }

    @Test
    void adopt_keepsTheDependenciesBetweenTheResources() {
        cloud.adopt(geuseMakerTier3());

        assertThatThrownBy(() -> cloud.network().deleteVpc("vpc-0bb11bb22cc33dd44")).isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("subnet-0bb0000000000b001").hasMessageContaining("sg-0bb0000000000b0b0");
        assertThatThrownBy(() -> cloud.network().deleteSecurityGroup("sg-0bb0000000000b0b0"))
                .isInstanceOf(ResourceInUseException.class).hasMessageContaining("i-0bb0000000000b0c0")
                .hasMessageContaining("fsmt-0bb0000000000b0b1");
        assertThatThrownBy(() -> cloud.network().deleteSubnet("subnet-0bb0000000000b002"))
                .isInstanceOf(ResourceInUseException.class).hasMessageContaining("load balancer gpu-global-alb");
        assertThatThrownBy(() -> cloud.loadBalancing().deleteTargetGroup(TG)).isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("ResourceInUse");
        assertThatThrownBy(() -> cloud.fileSystems().deleteFileSystem("fs-0bb0000000000b0f0"))
                .isInstanceOf(ResourceInUseException.class).hasMessageContaining("FileSystemInUse");
        assertThat(cloud.identity().describeRole("gpu-global-efs-role").instanceProfiles())
                .containsExactly("gpu-global-efs-profile");
        String etag = cloud.cloudFront().getDistributionConfig("E2QWRUHAPOMQZL").etag();
        assertThatThrownBy(() -> cloud.cloudFront().deleteDistribution("E2QWRUHAPOMQZL", etag))
                .isInstanceOf(DistributionNotDisabledException.class).hasMessageContaining("E2QWRUHAPOMQZL");
    }

    @Test
    void adopt_sameStateTwice_isANoOp() {
        cloud.adopt(geuseMakerTier3());
        String etag = cloud.cloudFront().getDistributionConfig("E2QWRUHAPOMQZL").etag();

        assertThat(cloud.adopt(geuseMakerTier3())).isEmpty();
        assertThat(cloud.liveResources()).hasSize(12 + 4);
        assertThat(cloud.cloudFront().getDistributionConfig("E2QWRUHAPOMQZL").etag()).isEqualTo(etag);
    }

    @Test
    void adopt_afterADeletion_neverBringsTheDeletedResourceBack() {
        DeploymentState state = geuseMakerTier3();
        cloud.adopt(state);
        cloud.compute().terminateInstance("i-0bb0000000000b0c0");
        cloud.clock().advance(Duration.ofHours(2));

        assertThat(cloud.adopt(state)).isEmpty();
        assertThat(cloud.exists("i-0bb0000000000b0c0")).isFalse();
    }

    @Test
    void adopt_aNewIdOfAKnownDeployment_createsOnlyThatResource() {
        DeploymentState state = geuseMakerTier3();
        cloud.adopt(state);

        List<SimResource> created = cloud.adopt(state.withCloudFrontDistributionId("E3NEWDISTRIB01"));

        assertThat(created).containsExactly(new SimResource(DISTRIBUTION, "E3NEWDISTRIB01"));
    }

    @Test
    void adopt_aDistributionRecordedAsDisabled_isDisabledAndDeployed_soItCanBeDeleted() {
        cloud.adopt(geuseMakerTier3().withCloudFrontEnabled(false));

        Distribution d = cloud.cloudFront().getDistribution("E2QWRUHAPOMQZL");
        assertThat(d.enabled()).isFalse();
        cloud.cloudFront().deleteDistribution(d.id(), d.etag());
        assertThat(cloud.exists(d.id())).isFalse();
    }

    @Test
    void adopt_aMinimalState_createsWhatItRecords_withDefaultsForTheRest() {
        DeploymentState s = DeploymentState.builder().stackName("tiny").status(Status.CREATING)
                .config(DeploymentConfig.builder().stackName("tiny").tier(Tier.DEV).build())
                .instanceId("i-0aaa").addEfsMountTargetIds("fsmt-1", "fsmt-2").efsId("fs-1")
                .albArn("arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/tiny/1").cloudFrontDistributionId("E1")
                .build();

        List<SimResource> created = cloud.adopt(s);

        assertThat(created).extracting(SimResource::id)
                .containsExactly("fs-1", "fsmt-1", "fsmt-2", "i-0aaa", "arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/tiny/1", "E1");
        assertThat(cloud.compute().describeInstance("i-0aaa").instanceType()).isEqualTo("t3.medium");
        assertThat(cloud.compute().describeInstance("i-0aaa").imageId()).startsWith("ami-");
        assertThat(cloud.loadBalancing().describeLoadBalancer(s.albArn().orElseThrow()).dnsName()).startsWith("tiny-");
        Distribution d = cloud.cloudFront().getDistribution("E1");
        assertThat(d.origins()).isEmpty();
        assertThat(d.arn()).isEqualTo("arn:aws:cloudfront::000000000000:distribution/E1");
        assertThat(d.domainName()).matches("d[0-9a-f]{13}\\.cloudfront\\.net");
    }

    @Test
    void adopt_aTerminatedDeployment_createsNothing() {
        assertThat(cloud.adopt(geuseMakerTier3().withStatus(Status.TERMINATED))).isEmpty();
        assertThat(cloud.liveResources()).isEmpty();
    }
}
