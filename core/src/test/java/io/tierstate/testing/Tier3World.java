package io.tierstate.testing;

import io.tierstate.CloudFrontOptions;
import io.tierstate.error.CloudOperationException;
import io.tierstate.DeploymentClient;
import io.tierstate.model.DeploymentConfig;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.Provenance;
import io.tierstate.model.Status;
import io.tierstate.model.Tier;
import io.tierstate.port.Distribution;
import io.tierstate.port.DistributionSpec;
import io.tierstate.port.LoadBalancerDescription;
import io.tierstate.sim.SimulatedCloud;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Tier 3 stack in a simulated cloud, built the way a deploy pipeline builds it: VPC, two subnets,
 * security group, EFS with a mount target in each subnet, IAM role and instance profile, a
 * g4dn.xlarge instance, ALB with a target group, and a CloudFront distribution in front of the ALB.
 *
 * <p>{@link #build(SimulatedCloud)} makes the resources only (the distribution through the port, as
 * the simulated cloud's own tests need it); {@link #deploy(SimulatedCloud, DeploymentClient, String)}
 * also records each resource in the client's state store and provisions CloudFront and the GPU
 * record through the client, as a caller of the library would.
 */
public final class Tier3World {

    /** The stack name of {@link #build(SimulatedCloud)}. */
    public static final String SHOP = "shop";

    private final String vpc;
    private final List<String> subnets;
    private final String securityGroup;
    private final String fileSystem;
    private final List<String> mountTargets;
    private final String role;
    private final String profile;
    private final String instance;
    private final LoadBalancerDescription loadBalancer;
    private final String targetGroup;
    private final String distribution;
    private final DeploymentState state;

    private Tier3World(Resources r, String distribution, DeploymentState state) {
        this.vpc = r.vpc;
        this.subnets = r.subnets;
        this.securityGroup = r.securityGroup;
        this.fileSystem = r.fileSystem;
        this.mountTargets = r.mountTargets;
        this.role = r.role;
        this.profile = r.profile;
        this.instance = r.instance;
        this.loadBalancer = r.loadBalancer;
        this.targetGroup = r.targetGroup;
        this.distribution = distribution;
        this.state = state;
    }

    /**
     * The resources of the stack {@value #SHOP}, nothing recorded; the distribution is created through
     * the CloudFront port, retrying retryable faults.
     *
     * @param cloud the cloud to build in
     * @return the world
     */
    public static Tier3World build(SimulatedCloud cloud) {
        Resources r = new Resources(cloud, SHOP, null, null);
        return new Tier3World(r, createDistribution(cloud, spec(SHOP + "-ref", r.loadBalancer.dnsName())).id(), null);
    }

    /**
     * Deploys the stack {@code name} and records it: every resource in state, CloudFront provisioned
     * and waited for, the GPU instance recorded.
     *
     * @param sim the cloud to build in
     * @param client a client on that cloud
     * @param name the stack name
     * @return the world
     */
    public static Tier3World deploy(SimulatedCloud sim, DeploymentClient client, String name) {
        return deploy(sim, client, name, null, null, null);
    }

    /**
     * Deploys in another region: the resources through that region's session, {@code config.region} set.
     *
     * @param sim the cloud (any region's session)
     * @param client a client on that cloud
     * @param name the stack name
     * @param region e.g. {@code eu-west-1}
     * @return the world
     */
    public static Tier3World deployIn(SimulatedCloud sim, DeploymentClient client, String name, String region) {
        return deploy(sim.inRegion(region), client, name, null, null, Objects.requireNonNull(region, "region"));
    }

    /**
     * Deploys into a VPC and subnets that someone else made; the state marks them reused.
     *
     * @param sim the cloud
     * @param client a client on that cloud
     * @param name the stack name
     * @param vpc the existing VPC
     * @param subnets two existing subnets in it
     * @return the world
     */
    public static Tier3World deployInSharedVpc(SimulatedCloud sim, DeploymentClient client, String name, String vpc,
            List<String> subnets) {
        return deploy(sim, client, name, Objects.requireNonNull(vpc, "vpc"), Objects.requireNonNull(subnets, "subnets"), null);
    }

    private static Tier3World deploy(SimulatedCloud sim, DeploymentClient client, String name, String sharedVpc,
            List<String> sharedSubnets, String region) {
        Resources r = new Resources(sim, name, sharedVpc, sharedSubnets);
        Map<String, Provenance> provenance = new LinkedHashMap<>();
        provenance.put("vpc", sharedVpc != null ? Provenance.REUSED : Provenance.CREATED);
        provenance.put("subnets", sharedSubnets != null ? Provenance.REUSED : Provenance.CREATED);
        provenance.put("efs", Provenance.CREATED);
        provenance.put("instance", Provenance.CREATED);
        provenance.put("alb", Provenance.CREATED);
        DeploymentConfig.Builder config = DeploymentConfig.builder().stackName(name).tier(Tier.GPU).instanceType("g4dn.xlarge");
        if (region != null) {
            config.region(region);
        }
        client.deployment(name).create(DeploymentState.builder()
                .stackName(name).status(Status.RUNNING).config(config.build())
                .vpcId(r.vpc).subnetIds(r.subnets).securityGroupId(r.securityGroup)
                .efsId(r.fileSystem).efsMountTargetId(r.mountTargets.get(0)).addAllEfsMountTargetIds(r.mountTargets)
                .iamRoleName(r.role).iamRoleArn(r.roleArn).iamInstanceProfileName(r.profile)
                .iamInstanceProfileArn(r.profileArn)
                .instanceId(r.instance)
                .albArn(r.loadBalancer.arn()).albDns(r.loadBalancer.dnsName()).targetGroupArn(r.targetGroup)
                .httpsEnabled(true).resourceProvenance(provenance)
                .build());
        client.deployment(name).provisionCloudFront(CloudFrontOptions.defaults().withWaitForDeployed(true));
        DeploymentState state = client.deployment(name).recordGpuInstance(r.instance);
        return new Tier3World(r, state.cloudFrontDistributionId().orElseThrow(), state);
    }

    /**
     * A distribution spec in front of an origin, as provisionCloudFront would make it for the stack
     * {@value #SHOP}.
     *
     * @param callerReference the idempotency token
     * @param originDns the origin's DNS name, e.g. an ALB's
     * @return the spec
     */
    public static DistributionSpec spec(String callerReference, String originDns) {
        return new DistributionSpec(callerReference, SHOP + " (TierState)", "alb-origin", originDns, "http-only",
                "redirect-to-https", DistributionSpec.CACHING_DISABLED, DistributionSpec.ALL_VIEWER, "PriceClass_100",
                "http2and3", Map.of("tierstate:stack", SHOP), 60);
    }

    /**
     * Creates a distribution, retrying retryable faults: safe, since the caller reference makes it idempotent.
     *
     * @param cloud the cloud
     * @param spec what to create
     * @return the distribution
     */
    public static Distribution createDistribution(SimulatedCloud cloud, DistributionSpec spec) {
        for (int attempt = 1; ; attempt++) {
            try {
                return cloud.cloudFront().createDistribution(spec);
            } catch (CloudOperationException e) {
                if (!e.retryable() || attempt == 100) {
                    throw e;
                }
            }
        }
    }

    /** @return the VPC id */
    public String vpc() {
        return vpc;
    }

    /** @return the two subnet ids; the instance and the first mount target are in the first */
    public List<String> subnets() {
        return subnets;
    }

    /** @return the security group id */
    public String securityGroup() {
        return securityGroup;
    }

    /** @return the EFS file system id */
    public String fileSystem() {
        return fileSystem;
    }

    /** @return the mount target ids, one per subnet, in the order of {@link #subnets()} */
    public List<String> mountTargets() {
        return mountTargets;
    }

    /** @return the IAM role's name */
    public String role() {
        return role;
    }

    /** @return the IAM instance profile's name */
    public String profile() {
        return profile;
    }

    /** @return the instance id */
    public String instance() {
        return instance;
    }

    /** @return the load balancer */
    public LoadBalancerDescription loadBalancer() {
        return loadBalancer;
    }

    /** @return the target group's ARN */
    public String targetGroup() {
        return targetGroup;
    }

    /** @return the distribution id */
    public String distribution() {
        return distribution;
    }

    /**
     * The state as recorded once the stack was deployed.
     *
     * @return the state
     * @throws IllegalStateException for a world from {@link #build(SimulatedCloud)}, which records nothing
     */
    public DeploymentState state() {
        if (state == null) {
            throw new IllegalStateException("Tier3World.build records nothing; use Tier3World.deploy for a recorded state");
        }
        return state;
    }

    /** @return every id this deployment created (not a shared VPC or subnets) */
    public List<String> createdIds() {
        List<String> ids = new ArrayList<>(List.of(securityGroup, fileSystem));
        ids.addAll(mountTargets);
        ids.addAll(List.of(role, profile, instance, loadBalancer.arn(), targetGroup, distribution));
        return List.copyOf(ids);
    }

    /** Everything but the distribution, made in the order a pipeline makes it. */
    private static final class Resources {
        final String vpc;
        final List<String> subnets;
        final String securityGroup;
        final String fileSystem;
        final List<String> mountTargets;
        final String role;
        final String roleArn;
        final String profile;
        final String profileArn;
        final String instance;
        final LoadBalancerDescription loadBalancer;
        final String targetGroup;

        Resources(SimulatedCloud cloud, String name, String sharedVpc, List<String> sharedSubnets) {
            vpc = sharedVpc != null ? sharedVpc : cloud.createVpc();
            subnets = sharedSubnets != null ? List.copyOf(sharedSubnets) : List.of(cloud.createSubnet(vpc), cloud.createSubnet(vpc));
            securityGroup = cloud.createSecurityGroup(vpc);
            fileSystem = cloud.createFileSystem();
            mountTargets = subnets.stream().map(s -> cloud.createMountTarget(fileSystem, s, securityGroup)).toList();
            role = name + "-role";
            profile = name + "-profile";
            roleArn = cloud.createRole(role);
            profileArn = cloud.createInstanceProfile(profile, role);
            instance = cloud.launchInstance("g4dn.xlarge", "ami-0123456789abcdef0", subnets.get(0), securityGroup);
            loadBalancer = cloud.createLoadBalancer(name + "-alb", subnets);
            targetGroup = cloud.createTargetGroup(name + "-tg", vpc);
            cloud.attachTargetGroup(loadBalancer.arn(), targetGroup);
        }
    }
}
