package io.tierstate.destroy;

import io.tierstate.CloudFrontOptions;
import io.tierstate.DeploymentClient;
import io.tierstate.model.DeploymentConfig;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.Provenance;
import io.tierstate.model.Status;
import io.tierstate.model.Tier;
import io.tierstate.port.LoadBalancerDescription;
import io.tierstate.sim.SimulatedCloud;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a Tier 3 deployment in a simulated cloud the way a deploy pipeline would, recording each resource. */
final class Tier3World {

    final String vpc;
    final List<String> subnets;
    final String securityGroup;
    final String fileSystem;
    final String mountTarget;
    final String role;
    final String profile;
    final String instance;
    final LoadBalancerDescription loadBalancer;
    final String targetGroup;
    final DeploymentState state;

    private Tier3World(SimulatedCloud sim, DeploymentClient client, String name, String sharedVpc, List<String> sharedSubnets) {
        this(sim, client, name, sharedVpc, sharedSubnets, null);
    }

    private Tier3World(SimulatedCloud sim, DeploymentClient client, String name, String sharedVpc, List<String> sharedSubnets,
            String region) {
        vpc = sharedVpc != null ? sharedVpc : sim.createVpc();
        subnets = sharedSubnets != null ? sharedSubnets : List.of(sim.createSubnet(vpc), sim.createSubnet(vpc));
        securityGroup = sim.createSecurityGroup(vpc);
        fileSystem = sim.createFileSystem();
        mountTarget = sim.createMountTarget(fileSystem, subnets.get(0), securityGroup);
        role = name + "-role";
        profile = name + "-profile";
        String roleArn = sim.createRole(role);
        String profileArn = sim.createInstanceProfile(profile, role);
        instance = sim.launchInstance("g4dn.xlarge", "ami-0123456789abcdef0", subnets.get(0), securityGroup);
        loadBalancer = sim.createLoadBalancer(name + "-alb", subnets);
        targetGroup = sim.createTargetGroup(name + "-tg", vpc);
        sim.attachTargetGroup(loadBalancer.arn(), targetGroup);
        Map<String, Provenance> provenance = new LinkedHashMap<>();
        provenance.put("vpc", sharedVpc != null ? Provenance.REUSED : Provenance.CREATED);
        provenance.put("subnets", sharedSubnets != null ? Provenance.REUSED : Provenance.CREATED);
        provenance.put("efs", Provenance.CREATED);
        provenance.put("instance", Provenance.CREATED);
        provenance.put("alb", Provenance.CREATED);
        client.deployment(name).create(DeploymentState.builder()
                .stackName(name).status(Status.RUNNING)
                .config(region == null ? DeploymentConfig.builder().stackName(name).tier(Tier.GPU).instanceType("g4dn.xlarge").build()
                        : DeploymentConfig.builder().stackName(name).tier(Tier.GPU).instanceType("g4dn.xlarge").region(region).build())
                .vpcId(vpc).subnetIds(subnets).securityGroupId(securityGroup)
                .efsId(fileSystem).efsMountTargetId(mountTarget).addEfsMountTargetIds(mountTarget)
                .iamRoleName(role).iamRoleArn(roleArn).iamInstanceProfileName(profile).iamInstanceProfileArn(profileArn)
                .instanceId(instance)
                .albArn(loadBalancer.arn()).albDns(loadBalancer.dnsName()).targetGroupArn(targetGroup)
                .httpsEnabled(true).resourceProvenance(provenance)
                .build());
        client.deployment(name).provisionCloudFront(CloudFrontOptions.defaults().withWaitForDeployed(true));
        state = client.deployment(name).recordGpuInstance(instance);
    }

    static Tier3World deploy(SimulatedCloud sim, DeploymentClient client, String name) {
        return new Tier3World(sim, client, name, null, null);
    }

    /** Deploys in another region: the resources through that region's session, {@code config.region} set. */
    static Tier3World deployIn(SimulatedCloud sim, DeploymentClient client, String name, String region) {
        return new Tier3World(sim.inRegion(region), client, name, null, null, region);
    }

    static Tier3World deployInSharedVpc(SimulatedCloud sim, DeploymentClient client, String name, String vpc, List<String> subnets) {
        return new Tier3World(sim, client, name, vpc, subnets);
    }

    /** Every id this deployment created. */
    List<String> createdIds() {
        return List.of(securityGroup, fileSystem, mountTarget, role, profile, instance, loadBalancer.arn(), targetGroup,
                state.cloudFrontDistributionId().orElseThrow());
    }
}
