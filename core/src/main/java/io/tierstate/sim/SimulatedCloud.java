package io.tierstate.sim;

import io.tierstate.error.InvalidInputException;
import io.tierstate.model.DeploymentState;
import io.tierstate.port.Cloud;
import io.tierstate.port.CloudFrontPort;
import io.tierstate.port.ComputePort;
import io.tierstate.port.FileSystemPort;
import io.tierstate.port.IdentityPort;
import io.tierstate.port.LoadBalancerDescription;
import io.tierstate.port.LoadBalancingPort;
import io.tierstate.port.MetricsPort;
import io.tierstate.port.NetworkPort;
import io.tierstate.sim.World.Ctx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * An in-memory cloud that implements every port and enforces AWS's rules, so that code which passes
 * against it is right about ordering: a distribution is deleted only once disabled, deployed and
 * with its current ETag; a target group only once its load balancer is gone; a file system only
 * once its mount targets, access points and replication are; a subnet or security group only once
 * the network interfaces that outlive a load balancer or mount target are gone; a VPC only once its
 * subnets, security groups, gateways, endpoints, route tables and ACLs are. Several regions share one
 * world ({@link #inRegion(String)}). Time runs on a
 * {@link VirtualClock}: every transition (CloudFront propagation, EC2 shutdown, deletions) is
 * computed from the clock at each call, so a 15-minute wait costs microseconds and no background
 * thread runs. Thread-safe.
 *
 * <pre>{@code
 * SimulatedCloud cloud = SimulatedCloud.create();
 * String vpc = cloud.createVpc();
 * String subnet = cloud.createSubnet(vpc);
 * LoadBalancerDescription alb = cloud.createLoadBalancer("shop-alb", List.of(subnet));
 *
 * Distribution d = cloud.cloudFront().createDistribution(new DistributionSpec("shop-1", "shop", "alb",
 *         alb.dnsName(), "http-only", "redirect-to-https", DistributionSpec.CACHING_DISABLED,
 *         DistributionSpec.ALL_VIEWER, "PriceClass_100", "http2and3", Map.of("stack", "shop"), 60));
 * String etag = cloud.cloudFront().setEnabled(d.id(), false, cloud.cloudFront().getDistributionConfig(d.id()).etag());
 * cloud.cloudFront().deleteDistribution(d.id(), etag);     // DistributionNotDisabledException: still InProgress
 * cloud.clock().sleep(Duration.ofMinutes(15));             // returns at once; the disable has propagated
 * cloud.cloudFront().deleteDistribution(d.id(), etag);     // deleted
 * }</pre>
 *
 * <p>Everything can be tuned through {@link #builder()}: the start and speed of the clock, the
 * {@link Latencies} (defaults close to AWS), random {@link Faults} drawn from a seed, the account and
 * region. Tests script faults with {@link #failNext(SimOperation, SimFault)}, deny permissions with
 * {@link #denyPermission(SimOperation)}, inspect the world
 * with {@link #liveResources()} and count calls with {@link #calls(SimOperation)} or
 * {@link #onCall(Consumer)}. The {@code tierstate} program keeps one world across commands with
 * {@link Builder#persistTo(Path)}; {@link #adopt(DeploymentState)} makes a recorded deployment
 * exist.
 */
public final class SimulatedCloud implements Cloud {

    /** The account id of a simulated cloud unless one is set. */
    public static final String DEFAULT_ACCOUNT_ID = "000000000000";
    /** The region of a simulated cloud unless one is set. */
    public static final String DEFAULT_REGION = "us-east-1";
    /** The seed unless one is set: runs are reproducible by default. */
    public static final long DEFAULT_SEED = 20250930L;

    private static final Pattern ACCOUNT = Pattern.compile("^[0-9]{12}$");
    private static final Pattern REGION = Pattern.compile("^[a-z]{2}(-[a-z]+)+-[0-9]+$");
    private static final String SETUP_REQUEST_ID = "sim-setup";

    private final String region;
    private final long seed;
    private final VirtualClock clock;
    private final Latencies latencies;

    private final SimRandom faultDraws;
    private final World world;
    private final Calls calls;
    private final Path persistFile;
    private final Object saveLock;
    /** The cloud the builder made; a session ({@link #inRegion(String)}) shares its world and saves through it. */
    private final SimulatedCloud root;
    /** The root's sessions by region, made lazily; empty in a session. */
    private final java.util.concurrent.ConcurrentMap<String, SimulatedCloud> sessions = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * The world as last written or read, to skip a save that would write the same. Its virtual
     * time counts once the file exists (a later command must resume at it), not before: a new
     * world whose clock merely moved is not worth creating a file for.
     */
    private String persisted;
    private boolean fileWritten;
    /** Held from build to close when the world persists, so two processes never interleave their saves. */
    private WorldLock worldLock;
    private final CloudFrontPort cloudFront;
    private final ComputePort compute;
    private final LoadBalancingPort loadBalancing;
    private final FileSystemPort fileSystems;
    private final IdentityPort identity;
    private final NetworkPort network;
    private final MetricsPort metrics;

    private SimulatedCloud(String accountId, String region, long seed, VirtualClock clock, Latencies latencies, Faults faults,
            long idDraws, long faultDrawCount, Path persistFile) {
        this.region = region;
        this.seed = seed;
        this.clock = clock;
        this.latencies = latencies;
        this.faultDraws = new SimRandom(faultSeed(seed), faultDrawCount);
        this.world = new World(accountId, region, new SimRandom(seed, idDraws), latencies);
        this.persistFile = persistFile;
        this.saveLock = new Object();
        this.root = this;
        this.calls = new Calls(world, clock, faults, faultDraws, this::autoSave);
        this.cloudFront = new SimCloudFront(world, calls);
        this.compute = new SimCompute(world, calls, region);
        this.loadBalancing = new SimLoadBalancing(world, calls, region);
        this.fileSystems = new SimFileSystems(world, calls, region);
        this.identity = new SimIdentity(world, calls);
        this.network = new SimNetwork(world, calls, region);
        this.metrics = new SimMetrics(world, calls, region, seed);
    }

    /** A session of {@code root} in another region: same world, clock, faults, call counts, listeners and file. */
    private SimulatedCloud(SimulatedCloud root, String region) {
        this.region = region;
        this.seed = root.seed;
        this.clock = root.clock;
        this.latencies = root.latencies;
        this.faultDraws = root.faultDraws;
        this.world = root.world;
        this.persistFile = root.persistFile;
        this.saveLock = root.saveLock;
        this.root = root;
        this.calls = root.calls;
        this.cloudFront = root.cloudFront;
        this.identity = root.identity;
        this.compute = new SimCompute(world, calls, region);
        this.loadBalancing = new SimLoadBalancing(world, calls, region);
        this.fileSystems = new SimFileSystems(world, calls, region);
        this.network = new SimNetwork(world, calls, region);
        this.metrics = new SimMetrics(world, calls, region, seed);
    }

    /** @return a cloud with the defaults: clock at the current time in instant mode, AWS-like latencies, no faults */
    public static SimulatedCloud create() {
        return builder().build();
    }

    /** @return a builder; every setting has a default */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads a world saved with {@link #saveTo(Path)}. Its virtual clock resumes where it was saved,
     * in instant mode: time does not pass between commands, only waits move it.
     *
     * @param file the saved world
     * @return the cloud, with the saved resources, ETags, clock, latencies, faults and seed
     * @throws io.tierstate.error.TierStateException when the file is missing or not a simulated cloud
     */
    public static SimulatedCloud loadFrom(Path file) {
        return restore(WorldCodec.read(file), Double.POSITIVE_INFINITY, InstantSource.system(), null);
    }

    /**
     * Loads a world saved with {@link #saveTo(Path)}, with a clock running at {@code speed}: the
     * virtual time moves on by the real time elapsed since the save times the speed, as if the
     * world had kept running.
     *
     * @param file the saved world
     * @param speed simulated seconds per real second
     * @return the cloud
     * @throws io.tierstate.error.TierStateException when the file is missing or not a simulated cloud
     */
    public static SimulatedCloud loadFrom(Path file, double speed) {
        return loadFrom(file, speed, InstantSource.system());
    }

    static SimulatedCloud loadFrom(Path file, double speed, InstantSource realTime) {
        return restore(WorldCodec.read(file), speed, realTime, null);
    }

    // ------------------------------------------------------------------ Cloud

    /** @return e.g. {@code simulated cloud (account 000000000000, us-east-1)} */
    @Override
    public String describe() {
        return "simulated cloud (account " + world.accountId + ", " + region + ")";
    }

    /** @return the region this session's EC2, ELB and EFS calls see: the builder's region for the cloud it built */
    @Override
    public java.util.Optional<String> sessionRegion() {
        return java.util.Optional.of(region);
    }

    /**
     * A session of the same account in another region: it shares this cloud's world, clock, faults,
     * denied permissions, call counts, listeners and persistence; its compute, load balancing, file
     * system and network ports see only that region's resources (a resource of another region is
     * not found, with AWS's code), and its world-building methods create resources there.
     * CloudFront and IAM are global. Sessions are made once per region and shared.
     *
     * @param region e.g. {@code eu-west-1}
     * @return the session (this cloud's root for its own region)
     * @throws IllegalArgumentException when {@code region} is not a region name
     */
    @Override
    public SimulatedCloud inRegion(String region) {
        if (region == null || !REGION.matcher(region).matches()) {
            throw new InvalidInputException("'" + region + "' is not a region name such as us-east-1");
        }
        if (region.equals(root.region)) {
            return root;
        }
        return root.sessions.computeIfAbsent(region, r -> new SimulatedCloud(root, r));
    }

    /** @return the simulated account id, as STS {@code GetCallerIdentity} would tell it */
    @Override
    public java.util.Optional<String> callerAccountId() {
        return java.util.Optional.of(world.accountId);
    }

    /** @return CloudFront distributions */
    @Override
    public CloudFrontPort cloudFront() {
        return cloudFront;
    }

    /** @return EC2 instances, their health and GPU details */
    @Override
    public ComputePort compute() {
        return compute;
    }

    /** @return load balancers and target groups */
    @Override
    public LoadBalancingPort loadBalancing() {
        return loadBalancing;
    }

    /** @return EFS file systems and mount targets */
    @Override
    public FileSystemPort fileSystems() {
        return fileSystems;
    }

    /** @return IAM roles and instance profiles */
    @Override
    public IdentityPort identity() {
        return identity;
    }

    /** @return VPCs, subnets and security groups */
    @Override
    public NetworkPort network() {
        return network;
    }

    /**
     * Plausible, deterministic metric series of the resources the world holds (CloudFront requests
     * and bytes, ALB LCUs and processed bytes, EFS storage), read as one
     * {@link SimOperation#GET_METRIC_DATA} call; see {@code docs/simulated-cloud.md}.
     *
     * @return the metrics of this session's region (CloudFront's are global)
     */
    @Override
    public MetricsPort metrics() {
        return metrics;
    }

    /** @return the virtual clock every transition is computed from; wait on it to let simulated time pass */
    @Override
    public VirtualClock clock() {
        return clock;
    }

    /** Saves the world one last time when it persists ({@link Builder#persistTo(Path)}); otherwise does nothing. */
    @Override
    public void close() {
        if (root != this) {
            return; // a session is closed with its root
        }
        try {
            autoSave();
        } finally {
            if (worldLock != null) {
                worldLock.release();
                worldLock = null;
            }
        }
    }

    /** @return the simulated account id, e.g. {@code 000000000000} */
    public String accountId() {
        return world.accountId;
    }

    /** @return the region of this session, e.g. {@code us-east-1} (see {@link #sessionRegion()}) */
    public String region() {
        return region;
    }

    /** @return the seed of every random choice: ids, ETags, jitter and faults */
    public long seed() {
        return seed;
    }

    /** @return the latencies in force */
    public Latencies latencies() {
        return latencies;
    }

    /** @return the random faults in force */
    public Faults faults() {
        return calls.faults();
    }

    /**
     * Changes the random faults from the next call on, e.g. to build a world without faults and
     * then destroy it under throttling. Saved with the world.
     *
     * @param faults the faults ({@link Faults#none()} to stop them)
     */
    public void setFaults(Faults faults) {
        calls.faults(faults);
        autoSave();
    }

    // ------------------------------------------------------------------ world building

    /**
     * Creates a VPC, as a deploy pipeline would.
     *
     * @return its id, {@code vpc-} and 17 hex digits
     */
    public String createVpc() {
        return setUp("ec2:CreateVpc", ctx -> world.createVpc(ctx, false));
    }

    /**
     * Creates the region's default VPC ({@link NetworkPort#describeVpc(String)} says {@code isDefault}).
     *
     * @return its id
     */
    public String createDefaultVpc() {
        return setUp("ec2:CreateDefaultVpc", ctx -> world.createVpc(ctx, true));
    }

    /**
     * Creates a subnet.
     *
     * @param vpcId an existing VPC
     * @return its id, {@code subnet-...}
     * @throws io.tierstate.error.ResourceNotFoundException ({@code InvalidVpcID.NotFound}) when the VPC does not exist
     */
    public String createSubnet(String vpcId) {
        return setUp("ec2:CreateSubnet", ctx -> world.createSubnet(ctx, vpcId));
    }

    /**
     * Creates a security group.
     *
     * @param vpcId an existing VPC
     * @return its id, {@code sg-...}
     * @throws io.tierstate.error.ResourceNotFoundException ({@code InvalidVpcID.NotFound}) when the VPC does not exist
     */
    public String createSecurityGroup(String vpcId) {
        return setUp("ec2:CreateSecurityGroup", ctx -> world.createSecurityGroup(ctx, vpcId, null));
    }

    /**
     * Creates a named security group.
     *
     * @param vpcId an existing VPC
     * @param name unique in the VPC
     * @return its id
     * @throws io.tierstate.error.CloudOperationException ({@code InvalidGroup.Duplicate}) when the name is taken
     */
    public String createSecurityGroup(String vpcId, String name) {
        Objects.requireNonNull(name, "name");
        return setUp("ec2:CreateSecurityGroup", ctx -> world.createSecurityGroup(ctx, vpcId, name));
    }

    /**
     * Adds a rule to a security group that names another group (as a source for {@code ingress},
     * a destination for {@code egress}); the referenced group cannot be deleted while the rule
     * exists, and {@link NetworkPort#securityGroupReferences(String)} lists it.
     *
     * @param groupId the group that gets the rule
     * @param referencedGroupId the group the rule names
     * @param direction {@code ingress} or {@code egress}
     * @param rule e.g. {@code tcp 5432}
     */
    public void addSecurityGroupReference(String groupId, String referencedGroupId, String direction, String rule) {
        setUp("ec2:AuthorizeSecurityGroupIngress", ctx -> {
            world.addSecurityGroupReference(ctx, groupId, referencedGroupId, direction, rule);
            return null;
        });
    }

    /**
     * Creates an internet gateway attached to a VPC.
     *
     * @param vpcId an existing VPC without one
     * @return its id, {@code igw-...}
     */
    public String createInternetGateway(String vpcId) {
        Objects.requireNonNull(vpcId, "vpcId");
        return setUp("ec2:CreateInternetGateway", ctx -> world.createInternetGateway(ctx, vpcId, Map.of()));
    }

    /**
     * Creates an internet gateway with tags, attached to a VPC or (with {@code vpcId} null) detached,
     * as a crash between detach and delete leaves one: {@link NetworkPort#vpcDependents(String, Map)}
     * lists a detached one when it carries the stack's tags.
     *
     * @param vpcId an existing VPC, or null for a detached gateway
     * @param tags e.g. {@code Map.of("Stack", "gpu-global")}
     * @return its id
     */
    public String createInternetGateway(String vpcId, Map<String, String> tags) {
        Map<String, String> copy = Map.copyOf(tags);
        return setUp("ec2:CreateInternetGateway", ctx -> world.createInternetGateway(ctx, vpcId, copy));
    }

    /**
     * Detaches an internet gateway from its VPC (without deleting it).
     *
     * @param gatewayId the gateway
     * @param vpcId the VPC it is attached to
     */
    public void detachInternetGateway(String gatewayId, String vpcId) {
        setUp("ec2:DetachInternetGateway", ctx -> {
            world.detachInternetGateway(ctx, gatewayId, vpcId);
            return null;
        });
    }

    /**
     * @param vpcId an existing VPC
     * @return the id of a new egress-only internet gateway in it, {@code eigw-...}
     */
    public String createEgressOnlyInternetGateway(String vpcId) {
        return setUp("ec2:CreateEgressOnlyInternetGateway", ctx -> world.createEgressOnlyInternetGateway(ctx, vpcId));
    }

    /** @return the allocation id of a new Elastic IP, {@code eipalloc-...} */
    public String allocateAddress() {
        return setUp("ec2:AllocateAddress", world::allocateAddress);
    }

    /**
     * Creates a NAT gateway using an Elastic IP; it has a network interface in its subnet until it is
     * deleted, and the address cannot be released until then.
     *
     * @param subnetId an existing subnet
     * @param allocationId an Elastic IP not in use ({@link #allocateAddress()})
     * @return its id, {@code nat-...}
     */
    public String createNatGateway(String subnetId, String allocationId) {
        return setUp("ec2:CreateNatGateway", ctx -> world.createNatGateway(ctx, subnetId, allocationId));
    }

    /**
     * Creates a VPC endpoint; an {@code Interface} (or {@code GatewayLoadBalancer}) endpoint makes one
     * network interface per subnet, which lingers for {@link Latencies#endpointInterfaceRetention()}
     * after the endpoint is gone.
     *
     * @param vpcId an existing VPC
     * @param type {@code Interface}, {@code Gateway} or {@code GatewayLoadBalancer}
     * @param subnetIds its subnets (ignored for {@code Gateway})
     * @param securityGroupIds its security groups (ignored for {@code Gateway})
     * @return its id, {@code vpce-...}
     */
    public String createVpcEndpoint(String vpcId, String type, List<String> subnetIds, List<String> securityGroupIds) {
        List<String> subnets = List.copyOf(subnetIds);
        List<String> groups = List.copyOf(securityGroupIds);
        return setUp("ec2:CreateVpcEndpoint", ctx -> world.createVpcEndpoint(ctx, vpcId, type, subnets, groups));
    }

    /**
     * @param vpcId an existing VPC
     * @return the id of a new (non-main) route table in it, {@code rtb-...}
     */
    public String createRouteTable(String vpcId) {
        return setUp("ec2:CreateRouteTable", ctx -> world.createRouteTable(ctx, vpcId));
    }

    /**
     * @param vpcId an existing VPC
     * @return the id of a new (non-default) network ACL in it, {@code acl-...}
     */
    public String createNetworkAcl(String vpcId) {
        return setUp("ec2:CreateNetworkAcl", ctx -> world.createNetworkAcl(ctx, vpcId));
    }

    /**
     * The VPC's main route table and default network ACL: never listed as dependents, refused by
     * {@code DeleteRouteTable} / {@code DeleteNetworkAcl}, gone with the VPC.
     *
     * @param vpcId an existing VPC
     * @return the main route table id, then the default network ACL id
     */
    public List<String> vpcDefaults(String vpcId) {
        return setUp("ec2:DescribeRouteTables", ctx -> world.vpcDefaults(ctx, vpcId));
    }

    /** @return the id of a new EFS file system, {@code fs-...} */
    public String createFileSystem() {
        return setUp("elasticfilesystem:CreateFileSystem", world::createFileSystem);
    }

    /**
     * Creates an access point; the file system cannot be deleted until it is gone.
     *
     * @param fileSystemId an existing file system
     * @return its id, {@code fsap-...}
     */
    public String createAccessPoint(String fileSystemId) {
        return setUp("elasticfilesystem:CreateAccessPoint", ctx -> world.createAccessPoint(ctx, fileSystemId));
    }

    /**
     * Replicates a file system to a new one in another region (or the same); neither can be deleted
     * until the replication configuration is.
     *
     * @param fileSystemId an existing file system without replication
     * @param destinationRegion e.g. {@code eu-west-1}
     * @return the destination file system's id
     */
    public String createReplication(String fileSystemId, String destinationRegion) {
        if (destinationRegion == null || !REGION.matcher(destinationRegion).matches()) {
            throw new InvalidInputException("'" + destinationRegion + "' is not a region name such as us-east-1");
        }
        return setUp("elasticfilesystem:CreateReplicationConfiguration",
                ctx -> world.createReplication(ctx, fileSystemId, destinationRegion));
    }

    /**
     * Creates a mount target; it uses the subnet and security group until it is gone.
     *
     * @param fileSystemId an existing file system
     * @param subnetId an existing subnet
     * @param securityGroupId an existing security group
     * @return its id, {@code fsmt-...}
     * @throws io.tierstate.error.ResourceNotFoundException when one of them does not exist
     */
    public String createMountTarget(String fileSystemId, String subnetId, String securityGroupId) {
        return setUp("elasticfilesystem:CreateMountTarget",
                ctx -> world.createMountTarget(ctx, fileSystemId, subnetId, securityGroupId));
    }

    /**
     * Creates an IAM role.
     *
     * @param name a name not yet used by a role or instance profile
     * @return its ARN, {@code arn:aws:iam::<account>:role/<name>}
     * @throws io.tierstate.error.CloudOperationException ({@code EntityAlreadyExists}) when the name is taken
     */
    public String createRole(String name) {
        return setUp("iam:CreateRole", ctx -> world.createRole(ctx, name));
    }

    /**
     * Creates an instance profile holding a role; the role cannot be deleted while it holds it.
     *
     * @param name a name not yet used
     * @param roleName an existing role
     * @return its ARN, {@code arn:aws:iam::<account>:instance-profile/<name>}
     * @throws io.tierstate.error.ResourceNotFoundException ({@code NoSuchEntity}) when the role does not exist
     */
    public String createInstanceProfile(String name, String roleName) {
        return setUp("iam:CreateInstanceProfile", ctx -> world.createInstanceProfile(ctx, name, roleName));
    }

    /**
     * Puts a role into an instance profile that holds none (a profile holds at most one role; a role
     * may be in several profiles).
     *
     * @param profileName an existing instance profile without a role
     * @param roleName an existing role
     * @throws io.tierstate.error.CloudOperationException ({@code LimitExceeded}) when the profile already holds a role
     */
    public void addRoleToInstanceProfile(String profileName, String roleName) {
        setUp("iam:AddRoleToInstanceProfile", ctx -> {
            world.addRoleToInstanceProfile(ctx, profileName, roleName);
            return null;
        });
    }

    /**
     * Attaches a managed policy to a role; {@code DeleteRole} is refused until it is detached.
     *
     * @param roleName an existing role
     * @param policyArn e.g. {@code arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore}
     */
    public void attachRolePolicy(String roleName, String policyArn) {
        setUp("iam:AttachRolePolicy", ctx -> {
            world.attachRolePolicy(ctx, roleName, policyArn);
            return null;
        });
    }

    /**
     * Adds an inline policy to a role; {@code DeleteRole} is refused until it is deleted.
     *
     * @param roleName an existing role
     * @param policyName e.g. {@code efs-access}
     */
    public void putRolePolicy(String roleName, String policyName) {
        setUp("iam:PutRolePolicy", ctx -> {
            world.putRolePolicy(ctx, roleName, policyName);
            return null;
        });
    }

    /**
     * Launches an instance, {@code RUNNING} at once; its health is {@code initializing} for
     * {@link Latencies#instanceInitialization()}, then {@code ok}.
     *
     * @param instanceType e.g. {@code g4dn.xlarge}; GPU types report their GPUs through {@link ComputePort#gpuSpec(String)}
     * @param amiId e.g. {@code ami-0123456789abcdef0}
     * @param subnetId an existing subnet
     * @param securityGroupId an existing security group
     * @return its id, {@code i-...}
     * @throws io.tierstate.error.CloudOperationException ({@code InvalidInstanceType}) for a malformed type
     * @throws io.tierstate.error.ResourceNotFoundException when the subnet or security group does not exist
     */
    public String launchInstance(String instanceType, String amiId, String subnetId, String securityGroupId) {
        return setUp("ec2:RunInstances", ctx -> world.launchInstance(ctx, instanceType, amiId, subnetId, securityGroupId));
    }

    /**
     * Launches a spot instance through a spot request ({@link ComputePort#spotRequest(String)}). A
     * persistent request that is not cancelled launches a replacement {@link Latencies#spotRelaunch()}
     * after its instance terminates; a one-time request closes.
     *
     * @param instanceType e.g. {@code g4dn.xlarge}
     * @param amiId the AMI
     * @param subnetId an existing subnet
     * @param securityGroupId an existing security group
     * @param persistent whether the request is {@code persistent} (else {@code one-time})
     * @return the instance id; its request id is {@code sir-...}
     */
    public String launchSpotInstance(String instanceType, String amiId, String subnetId, String securityGroupId,
            boolean persistent) {
        return setUp("ec2:RequestSpotInstances",
                ctx -> world.launchSpotInstance(ctx, instanceType, amiId, subnetId, securityGroupId, persistent));
    }

    /**
     * Turns termination protection ({@code disableApiTermination}) on or off, as a console user would;
     * a protected instance refuses {@code TerminateInstances} with {@code OperationNotPermitted}.
     *
     * @param instanceId an existing instance (visible or not yet)
     * @param enabled whether it is protected
     */
    public void setTerminationProtection(String instanceId, boolean enabled) {
        setUp("ec2:ModifyInstanceAttribute", ctx -> {
            world.protectInstance(ctx, instanceId, enabled);
            return null;
        });
    }

    /**
     * Creates an Application Load Balancer; it uses its subnets until it is gone.
     *
     * @param name 1 to 32 letters, digits or hyphens, unique among load balancers
     * @param subnetIds existing subnets, at least one
     * @return its ARN, DNS name and state {@code active}
     * @throws io.tierstate.error.ResourceNotFoundException when a subnet does not exist
     */
    public LoadBalancerDescription createLoadBalancer(String name, List<String> subnetIds) {
        return createLoadBalancer(name, subnetIds, List.of());
    }

    /**
     * Creates an Application Load Balancer with security groups. Like every ALB here it has an
     * {@code HTTP:80} listener and one network interface per subnet (description
     * {@code ELB app/<name>/<id>}), which linger for {@link Latencies#loadBalancerInterfaceRetention()}
     * after it is gone.
     *
     * @param name 1 to 32 letters, digits or hyphens, unique among the region's load balancers
     * @param subnetIds existing subnets, at least one
     * @param securityGroupIds existing security groups, used until it and its interfaces are gone
     * @return its ARN, DNS name and state {@code active}
     */
    public LoadBalancerDescription createLoadBalancer(String name, List<String> subnetIds, List<String> securityGroupIds) {
        List<String> subnets = List.copyOf(subnetIds);
        List<String> groups = List.copyOf(securityGroupIds);
        return setUp("elasticloadbalancing:CreateLoadBalancer", ctx -> world.createLoadBalancer(ctx, name, subnets, groups));
    }

    /**
     * Adds an {@code HTTPS:443} listener whose certificate covers these domain names.
     *
     * @param loadBalancerArn an existing load balancer
     * @param certificateDomains e.g. {@code List.of("app.example.com", "*.example.com")}, at least one
     * @return the listener's ARN
     */
    public String addHttpsListener(String loadBalancerArn, List<String> certificateDomains) {
        List<String> domains = List.copyOf(certificateDomains);
        return setUp("elasticloadbalancing:CreateListener", ctx -> world.addHttpsListener(ctx, loadBalancerArn, domains));
    }

    /**
     * Turns a load balancer's deletion protection on or off; a protected one refuses
     * {@code DeleteLoadBalancer} with {@code OperationNotPermitted}.
     *
     * @param loadBalancerArn an existing load balancer
     * @param enabled whether it is protected
     */
    public void setDeletionProtection(String loadBalancerArn, boolean enabled) {
        setUp("elasticloadbalancing:ModifyLoadBalancerAttributes", ctx -> {
            world.protectLoadBalancer(ctx, loadBalancerArn, enabled);
            return null;
        });
    }

    /**
     * Creates a target group.
     *
     * @param name 1 to 32 letters, digits or hyphens
     * @param vpcId an existing VPC
     * @return its ARN
     */
    public String createTargetGroup(String name, String vpcId) {
        return setUp("elasticloadbalancing:CreateTargetGroup", ctx -> world.createTargetGroup(ctx, name, vpcId));
    }

    /**
     * Adds a listener to a load balancer that forwards to a target group; the target group is then
     * in use until the load balancer is gone.
     *
     * @param loadBalancerArn an existing load balancer
     * @param targetGroupArn an existing target group
     */
    public void attachTargetGroup(String loadBalancerArn, String targetGroupArn) {
        setUp("elasticloadbalancing:CreateListener", ctx -> {
            world.attachTargetGroup(ctx, loadBalancerArn, targetGroupArn);
            return null;
        });
    }

    /**
     * Makes an instance fail (or pass again) its status checks, as a hardware fault would: once
     * initialized, its health is {@code impaired}.
     *
     * @param instanceId an existing instance
     * @param impaired whether it fails its checks
     */
    public void setInstanceImpaired(String instanceId, boolean impaired) {
        setUp("ec2:ReportInstanceStatus", ctx -> {
            world.setImpaired(ctx, instanceId, impaired);
            return null;
        });
    }

    // ------------------------------------------------------------------ changes made outside TierState

    /**
     * Stops an instance, as a console user would ({@code StopInstances}); here it is {@code stopped}
     * at once. Stopping a stopped instance changes nothing.
     *
     * @param instanceId an existing instance
     * @throws io.tierstate.error.CloudOperationException ({@code IncorrectInstanceState}) when it is terminating or terminated
     */
    public void stopInstance(String instanceId) {
        setUp("ec2:StopInstances", ctx -> {
            world.stopInstance(ctx, instanceId);
            return null;
        });
    }

    /**
     * Starts a stopped instance again ({@code StartInstances}).
     *
     * @param instanceId an existing instance
     * @throws io.tierstate.error.CloudOperationException ({@code IncorrectInstanceState}) when it is terminating or terminated
     */
    public void startInstance(String instanceId) {
        setUp("ec2:StartInstances", ctx -> {
            world.startInstance(ctx, instanceId);
            return null;
        });
    }

    /**
     * Changes an instance's type ({@code ModifyInstanceAttribute instanceType}); as on EC2 the
     * instance must be stopped first ({@link #stopInstance(String)}).
     *
     * <pre>{@code
     * cloud.stopInstance(id);
     * cloud.modifyInstanceType(id, "g5.xlarge");
     * cloud.startInstance(id);
     * }</pre>
     *
     * @param instanceId an existing, stopped instance
     * @param instanceType the new type, e.g. {@code g5.xlarge}
     * @throws io.tierstate.error.CloudOperationException {@code IncorrectInstanceState} when it is not stopped,
     *     {@code InvalidInstanceType} for a malformed type
     */
    public void modifyInstanceType(String instanceId, String instanceType) {
        setUp("ec2:ModifyInstanceAttribute", ctx -> {
            world.modifyInstanceType(ctx, instanceId, instanceType);
            return null;
        });
    }

    /**
     * Changes a distribution's price class from outside ({@code UpdateDistribution}): its ETag
     * moves on and it is {@code InProgress} while the change propagates.
     *
     * @param distributionId an existing distribution
     * @param priceClass {@code PriceClass_100}, {@code PriceClass_200} or {@code PriceClass_All}
     * @throws io.tierstate.error.CloudOperationException ({@code InvalidArgument}) for another value
     */
    public void setPriceClass(String distributionId, String priceClass) {
        reconfigure(distributionId, d -> d.reconfigured(d.etag(), d.deployedAt(), priceClass, d.origins(), d.cacheBehaviors(),
                d.aliases()));
    }

    /**
     * Enables or disables a distribution from outside, without an ETag (as the console does it).
     *
     * @param distributionId an existing distribution
     * @param enabled the new value
     */
    public void setDistributionEnabled(String distributionId, boolean enabled) {
        setUp("cloudfront:UpdateDistribution", ctx -> {
            world.setEnabled(ctx, distributionId, enabled, world.getDistributionConfig(ctx, distributionId).etag());
            return null;
        });
    }

    /**
     * Adds an alternate domain name (CNAME) to a distribution from outside.
     *
     * @param distributionId an existing distribution
     * @param alias e.g. {@code cdn.example.com}
     * @throws io.tierstate.error.CloudOperationException ({@code CNAMEAlreadyExists}) when another distribution has it
     */
    public void addAlias(String distributionId, String alias) {
        reconfigure(distributionId, d -> {
            List<String> aliases = new java.util.ArrayList<>(d.aliases());
            if (!aliases.contains(alias)) {
                aliases.add(alias);
            }
            return d.reconfigured(d.etag(), d.deployedAt(), d.priceClass(), d.origins(), d.cacheBehaviors(), aliases);
        });
    }

    /**
     * Adds a custom origin (HTTPS only, ports 80 and 443) to a distribution from outside.
     *
     * @param distributionId an existing distribution
     * @param originId unique within the distribution
     * @param domainName e.g. {@code assets.example.com}
     */
    public void addOrigin(String distributionId, String originId, String domainName) {
        reconfigure(distributionId, d -> {
            List<io.tierstate.model.CloudFrontOrigin> origins = new java.util.ArrayList<>(d.origins());
            origins.add(io.tierstate.model.CloudFrontOrigin.builder().id(originId).domainName(domainName)
                    .protocolPolicy("https-only").httpPort(80).httpsPort(443).build());
            return d.reconfigured(d.etag(), d.deployedAt(), d.priceClass(), origins, d.cacheBehaviors(), d.aliases());
        });
    }

    /**
     * Adds a cache behaviour to a distribution from outside.
     *
     * @param distributionId an existing distribution
     * @param pathPattern e.g. {@code /static/*}; unique within the distribution
     * @param targetOriginId one of its origins
     * @throws io.tierstate.error.CloudOperationException ({@code NoSuchOrigin}) when the origin does not exist
     */
    public void addCacheBehavior(String distributionId, String pathPattern, String targetOriginId) {
        reconfigure(distributionId, d -> {
            List<io.tierstate.model.CacheBehavior> behaviors = new java.util.ArrayList<>(d.cacheBehaviors());
            behaviors.add(io.tierstate.model.CacheBehavior.builder().pathPattern(pathPattern).targetOriginId(targetOriginId)
                    .viewerProtocolPolicy("redirect-to-https").allowedMethods(List.of("GET", "HEAD"))
                    .cachedMethods(List.of("GET", "HEAD")).compress(true).build());
            return d.reconfigured(d.etag(), d.deployedAt(), d.priceClass(), d.origins(), behaviors, d.aliases());
        });
    }

    private void reconfigure(String distributionId, java.util.function.UnaryOperator<World.Dist> change) {
        setUp("cloudfront:UpdateDistribution", ctx -> {
            world.reconfigureDistribution(ctx, distributionId, change);
            return null;
        });
    }

    /**
     * Writes files to a file system, as its users do: its metered size grows by {@code bytes}
     * (a negative number deletes files; the size never drops below an empty file system's 6 KiB).
     *
     * @param fileSystemId an existing file system
     * @param bytes how many bytes were written
     */
    public void growFileSystem(String fileSystemId, long bytes) {
        setUp("elasticfilesystem:ClientWrite", ctx -> {
            world.growFileSystem(ctx, fileSystemId, bytes);
            return null;
        });
    }

    /**
     * Takes a deployment to exist as its state records it: every resource it names that this cloud
     * has never had is created, with the dependencies between them (subnets and security group in
     * the VPC, mount targets of the file system in the subnets, the instance {@code RUNNING} and
     * healthy in the first subnet, the role in the instance profile, the target group behind the
     * load balancer, the distribution {@code Deployed} and enabled unless {@code cloudfront_enabled}
     * is false, with the ALB as origin when no origins are recorded). Resources recorded as reused
     * exist too: they are in the account, just not the deployment's to delete.
     *
     * <p>Adopting is idempotent per id: an id this cloud has seen, even one deleted since, is never
     * created again, so adopting a state after a partial destroy does not bring anything back. A
     * {@code terminated} deployment adopts nothing.
     *
     * @param state the deployment's state
     * @return what was created, in creation order; empty when every id was already known
     */
    public List<SimResource> adopt(DeploymentState state) {
        Objects.requireNonNull(state, "state");
        boolean unchanged = persistFile != null && isSaved();
        List<SimResource> adopted = setUp("tierstate:Adopt", ctx -> world.adopt(state, ctx.now()), !unchanged);
        if (unchanged) {
            // adopting is derived from the state files and redone the same way by the next process:
            // alone it is no change worth writing (a dry run leaves no sim-cloud.json behind)
            markSaved();
        }
        return adopted;
    }

    // ------------------------------------------------------------------ permissions

    /**
     * Denies the caller an operation's IAM action, from the next call on: every call of it (and of
     * any operation with the same action) fails with {@code AccessDenied}, HTTP 403, not retryable,
     * before it does anything, as when a distribution has a WAF web ACL or Lambda@Edge association
     * the caller cannot read. Saved with the world.
     *
     * @param operation e.g. {@link SimOperation#UPDATE_DISTRIBUTION}
     */
    public void denyPermission(SimOperation operation) {
        denyPermission(Objects.requireNonNull(operation, "operation").awsName());
    }

    /**
     * Denies an IAM action by name (case-insensitive).
     *
     * @param iamAction e.g. {@code cloudfront:UpdateDistribution}
     * @throws IllegalArgumentException when it is not {@code service:Action}
     */
    public void denyPermission(String iamAction) {
        calls.deny(checkAction(iamAction));
        autoSave();
    }

    /**
     * Grants a denied operation's action again.
     *
     * @param operation the operation
     */
    public void allowPermission(SimOperation operation) {
        allowPermission(Objects.requireNonNull(operation, "operation").awsName());
    }

    /**
     * Grants a denied IAM action again.
     *
     * @param iamAction e.g. {@code cloudfront:UpdateDistribution}
     */
    public void allowPermission(String iamAction) {
        calls.allow(checkAction(iamAction));
        autoSave();
    }

    /** @return the denied IAM actions, lower case, sorted */
    public java.util.Set<String> deniedPermissions() {
        return calls.denied();
    }

    private static String checkAction(String iamAction) {
        if (iamAction == null || !iamAction.matches("^[a-zA-Z0-9-]+:[a-zA-Z0-9]+$")) {
            throw new InvalidInputException("an IAM action is service:Action, e.g. cloudfront:UpdateDistribution, not '"
                    + iamAction + "'");
        }
        return iamAction;
    }

    // ------------------------------------------------------------------ faults

    /**
     * Makes the next call of an operation throw this exception, before it does anything.
     *
     * @param operation the operation
     * @param failure what to throw
     */
    public void failNext(SimOperation operation, RuntimeException failure) {
        failNext(operation, 1, failure);
    }

    /**
     * Makes the next {@code times} calls of an operation throw this exception, before they do anything.
     *
     * @param operation the operation
     * @param times how many calls, one or more
     * @param failure what to throw (the same instance each time)
     */
    public void failNext(SimOperation operation, int times, RuntimeException failure) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(failure, "failure");
        calls.script(operation, checkTimes(times), null, failure);
    }

    /**
     * Injects one fault into the next call of an operation.
     *
     * @param operation the operation
     * @param fault the fault; {@link SimFault#ETAG_RACE} only for conditional writes,
     *     {@link SimFault#VANISH} only for operations that name a resource
     * @throws IllegalArgumentException when the fault cannot hit that operation
     */
    public void failNext(SimOperation operation, SimFault fault) {
        failNext(operation, 1, fault);
    }

    /**
     * Injects a fault into each of the next {@code times} calls of an operation.
     *
     * @param operation the operation
     * @param times how many calls, one or more
     * @param fault the fault (see {@link #failNext(SimOperation, SimFault)})
     */
    public void failNext(SimOperation operation, int times, SimFault fault) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(fault, "fault");
        if (fault == SimFault.ETAG_RACE && !operation.isConditionalWrite()) {
            throw new InvalidInputException("an ETag race hits conditional writes only (UPDATE_DISTRIBUTION, "
                    + "DELETE_DISTRIBUTION), not " + operation);
        }
        if (fault == SimFault.VANISH && !operation.targetsResource()) {
            throw new InvalidInputException(operation + " names no resource that could vanish");
        }
        calls.script(operation, checkTimes(times), fault, null);
    }

    /** Forgets every scripted fault not yet injected. */
    public void clearScriptedFaults() {
        calls.clearScripts();
    }

    // ------------------------------------------------------------------ inspection

    /**
     * Lists every resource that still exists, including ones being deleted (a load balancer in its
     * last 30 s, a mount target {@code deleting}, an instance {@code SHUTTING_DOWN}); a
     * {@code TERMINATED} instance no longer counts, though it is still described.
     *
     * @return the resources, by kind in {@link SimResource.Kind} order, then in creation order
     */
    public List<SimResource> liveResources() {
        synchronized (world) {
            Instant now = clock.now();
            world.settle(now);
            return world.live(now);
        }
    }

    /**
     * @param id an id, ARN or IAM name
     * @return whether that resource is among the {@link #liveResources()}
     */
    public boolean exists(String id) {
        synchronized (world) {
            Instant now = clock.now();
            world.settle(now);
            return world.exists(id, now);
        }
    }

    /**
     * @param id an id or ARN of a regional resource
     * @return the region it lives in, or empty for a global resource or one that does not exist
     */
    public java.util.Optional<String> regionOf(String id) {
        synchronized (world) {
            world.settle(clock.now());
            SimResource.Kind kind = world.kinds.get(id);
            return kind == null || kind.global() ? java.util.Optional.empty() : java.util.Optional.of(world.regionOf(id));
        }
    }

    /**
     * @param distributionId an existing distribution
     * @return the origin read timeout it was created with ({@link io.tierstate.port.DistributionSpec#originReadTimeoutSeconds()};
     *     CloudFront's 30 s for an adopted one)
     * @throws io.tierstate.error.ResourceNotFoundException ({@code NoSuchDistribution}) when it does not exist
     */
    public int originReadTimeoutSeconds(String distributionId) {
        return setUp("cloudfront:GetDistributionConfig", ctx -> world.originReadTimeoutSeconds(ctx, distributionId));
    }

    /** @return how many port calls this cloud has answered, failed ones included (world building not counted) */
    public long calls() {
        return calls.count();
    }

    /**
     * @param operation an operation
     * @return how many calls of it this cloud has answered, failed ones included
     */
    public long calls(SimOperation operation) {
        return calls.count(Objects.requireNonNull(operation, "operation"));
    }

    /**
     * Reports every port call, after it is answered, on the calling thread. A benchmark counts the
     * calls made while waiting with it; a test records the order of calls. A listener that throws
     * is logged and ignored.
     *
     * @param listener receives each call
     * @return closing it stops the reports
     */
    public Registration onCall(Consumer<SimCall> listener) {
        Runnable remove = calls.listen(Objects.requireNonNull(listener, "listener"));
        return remove::run;
    }

    /** Stops what {@link #onCall(Consumer)} started when closed. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        /** Stops the reports; closing twice does nothing more. */
        @Override
        void close();
    }

    // ------------------------------------------------------------------ persistence

    /**
     * Writes the world to a file atomically (a temporary file then a move): every resource, the
     * ETags, the deletions in progress, the virtual time with the real time of the save, the
     * latencies, the faults and the seed with how far its draws have gone. Scripted faults and
     * listeners are not saved.
     *
     * @param file where to write, e.g. {@code ~/.tierstate/sim-cloud.json}
     * @throws java.io.UncheckedIOException when it cannot be written
     */
    public void saveTo(Path file) {
        Objects.requireNonNull(file, "file");
        if (root != this) {
            root.saveTo(file);
            return;
        }
        synchronized (saveLock) {
            WorldCodec.Snapshot snapshot = snapshot();
            WorldCodec.write(snapshot, file);
            if (file.equals(persistFile)) {
                fileWritten = true;
                persisted = comparable(snapshot);
            }
        }
    }

    /** Saves to the persist file when something in the world changed since it was last written or read. */
    private void autoSave() {
        if (root != this) {
            root.autoSave();
            return;
        }
        if (persistFile != null) {
            synchronized (saveLock) {
                WorldCodec.Snapshot snapshot = snapshot();
                if (!comparable(snapshot).equals(persisted)) {
                    WorldCodec.write(snapshot, persistFile);
                    fileWritten = true;
                    persisted = comparable(snapshot);
                }
            }
        }
    }

    private String comparable(WorldCodec.Snapshot snapshot) {
        return WorldCodec.comparable(snapshot, fileWritten);
    }

    private boolean isSaved() {
        if (root != this) {
            return root.isSaved();
        }
        synchronized (saveLock) {
            return comparable(snapshot()).equals(persisted);
        }
    }

    private void markSaved() {
        if (root != this) {
            root.markSaved();
            return;
        }
        synchronized (saveLock) {
            persisted = comparable(snapshot());
        }
    }

    private WorldCodec.Snapshot snapshot() {
        synchronized (world) {
            Instant now = clock.now();
            world.settle(now);
            return new WorldCodec.Snapshot(WorldCodec.FORMAT, WorldCodec.VERSION, world.accountId, root.region, now,
                    clock.realTime().instant(), seed, world.ids.draws(), faultDraws.draws(),
                    WorldCodec.LatenciesDoc.of(latencies), WorldCodec.FaultsDoc.of(calls.faults()),
                    all(SimResource.Kind.VPC, World.Vpc.class), all(SimResource.Kind.SUBNET, World.Subnet.class),
                    all(SimResource.Kind.SECURITY_GROUP, World.SecurityGroup.class),
                    all(SimResource.Kind.FILE_SYSTEM, World.FileSystem.class),
                    all(SimResource.Kind.MOUNT_TARGET, World.MountTarget.class),
                    all(SimResource.Kind.IAM_ROLE, World.Role.class),
                    all(SimResource.Kind.INSTANCE_PROFILE, World.InstanceProfile.class),
                    all(SimResource.Kind.INSTANCE, World.Instance.class),
                    all(SimResource.Kind.LOAD_BALANCER, World.LoadBalancer.class),
                    all(SimResource.Kind.TARGET_GROUP, World.TargetGroup.class),
                    all(SimResource.Kind.DISTRIBUTION, World.Dist.class),
                    new java.util.LinkedHashMap<>(world.goneAt), List.copyOf(world.known), additions());
        }
    }

    /** What the world file gained with regions: additive, so files without it still load. */
    private WorldCodec.Additions additions() {
        return new WorldCodec.Additions(new java.util.LinkedHashMap<>(world.regions), List.copyOf(calls.denied()),
                all(SimResource.Kind.NETWORK_INTERFACE, World.Eni.class),
                all(SimResource.Kind.INTERNET_GATEWAY, World.InternetGateway.class),
                all(SimResource.Kind.EGRESS_ONLY_INTERNET_GATEWAY, World.EgressOnlyGateway.class),
                all(SimResource.Kind.NAT_GATEWAY, World.NatGateway.class),
                all(SimResource.Kind.ELASTIC_IP, World.ElasticIp.class),
                all(SimResource.Kind.VPC_ENDPOINT, World.Endpoint.class),
                all(SimResource.Kind.ROUTE_TABLE, World.RouteTable.class),
                all(SimResource.Kind.NETWORK_ACL, World.NetworkAcl.class),
                all(SimResource.Kind.SPOT_REQUEST, World.Spot.class),
                all(SimResource.Kind.ACCESS_POINT, World.AccessPoint.class));
    }

    private static void restoreAdditions(SimulatedCloud cloud, WorldCodec.Additions a) {
        if (a == null) {
            return;
        }
        World w = cloud.world;
        restoreAll(w, SimResource.Kind.NETWORK_INTERFACE, a.networkInterfaces(), World.Eni::id);
        restoreAll(w, SimResource.Kind.INTERNET_GATEWAY, a.internetGateways(), World.InternetGateway::id);
        restoreAll(w, SimResource.Kind.EGRESS_ONLY_INTERNET_GATEWAY, a.egressOnlyInternetGateways(), World.EgressOnlyGateway::id);
        restoreAll(w, SimResource.Kind.NAT_GATEWAY, a.natGateways(), World.NatGateway::id);
        restoreAll(w, SimResource.Kind.ELASTIC_IP, a.elasticIps(), World.ElasticIp::allocationId);
        restoreAll(w, SimResource.Kind.VPC_ENDPOINT, a.vpcEndpoints(), World.Endpoint::id);
        restoreAll(w, SimResource.Kind.ROUTE_TABLE, a.routeTables(), World.RouteTable::id);
        restoreAll(w, SimResource.Kind.NETWORK_ACL, a.networkAcls(), World.NetworkAcl::id);
        restoreAll(w, SimResource.Kind.SPOT_REQUEST, a.spotRequests(), World.Spot::id);
        restoreAll(w, SimResource.Kind.ACCESS_POINT, a.accessPoints(), World.AccessPoint::id);
        if (a.regions() != null) {
            w.regions.putAll(a.regions());
        }
        if (a.deniedActions() != null) {
            a.deniedActions().forEach(cloud.calls::deny);
        }
    }

    private <T> List<T> all(SimResource.Kind kind, Class<T> type) {
        return world.resources.get(kind).values().stream().map(type::cast).toList();
    }

    private static SimulatedCloud restore(WorldCodec.Snapshot s, double speed, InstantSource realTime, Path persistFile) {
        Instant now = s.virtualNow();
        if (!Double.isInfinite(speed) && s.savedAt() != null) {
            Duration elapsed = Duration.between(s.savedAt(), realTime.instant());
            if (!elapsed.isNegative()) {
                now = now.plusNanos(Math.round((elapsed.getSeconds() * 1e9 + elapsed.getNano()) * speed));
            }
        }
        SimulatedCloud cloud = new SimulatedCloud(s.accountId(), s.region(), s.seed(), new VirtualClock(now, speed, realTime),
                s.latencies() == null ? Latencies.defaults() : s.latencies().toLatencies(),
                s.faults() == null ? Faults.none() : s.faults().toFaults(), s.idDraws(), s.faultDraws(), persistFile);
        World w = cloud.world;
        synchronized (w) {
            restoreAll(w, SimResource.Kind.VPC, s.vpcs(), World.Vpc::id);
            restoreAll(w, SimResource.Kind.SUBNET, s.subnets(), World.Subnet::id);
            restoreAll(w, SimResource.Kind.SECURITY_GROUP, s.securityGroups(), World.SecurityGroup::id);
            restoreAll(w, SimResource.Kind.FILE_SYSTEM, s.fileSystems(), World.FileSystem::id);
            restoreAll(w, SimResource.Kind.MOUNT_TARGET, s.mountTargets(), World.MountTarget::id);
            restoreAll(w, SimResource.Kind.IAM_ROLE, s.roles(), World.Role::name);
            restoreAll(w, SimResource.Kind.INSTANCE_PROFILE, s.instanceProfiles(), World.InstanceProfile::name);
            restoreAll(w, SimResource.Kind.INSTANCE, s.instances(), World.Instance::id);
            restoreAll(w, SimResource.Kind.LOAD_BALANCER, s.loadBalancers(), World.LoadBalancer::arn);
            restoreAll(w, SimResource.Kind.TARGET_GROUP, s.targetGroups(), World.TargetGroup::arn);
            restoreAll(w, SimResource.Kind.DISTRIBUTION, s.distributions(), World.Dist::id);
            if (s.goneAt() != null) {
                w.goneAt.putAll(s.goneAt());
            }
            if (s.known() != null) {
                w.known.addAll(s.known());
            }
            restoreAdditions(cloud, s.additions());
        }
        return cloud;
    }

    private static <T> void restoreAll(World w, SimResource.Kind kind, List<T> items, Function<T, String> id) {
        if (items != null) {
            items.forEach(item -> w.put(kind, id.apply(item), item));
        }
    }

    // ------------------------------------------------------------------ plumbing

    private <T> T setUp(String operation, Function<Ctx, T> body) {
        return setUp(operation, body, true);
    }

    private <T> T setUp(String operation, Function<Ctx, T> body, boolean save) {
        T result;
        synchronized (world) {
            Instant now = clock.now();
            world.settle(now);
            result = body.apply(new Ctx(operation, now, SETUP_REQUEST_ID, region));
        }
        if (save) {
            autoSave();
        }
        return result;
    }

    private static int checkTimes(int times) {
        if (times < 1) {
            throw new InvalidInputException("times must be at least 1, was " + times);
        }
        return times;
    }

    private static long faultSeed(long seed) {
        return Long.rotateLeft(seed, 32) ^ 0x9E3779B97F4A7C15L; // a stream apart from the ids', from the same seed
    }

    @Override
    public String toString() {
        return describe();
    }

    /**
     * Builds a {@link SimulatedCloud}. Every setting has a default; values are checked as they are set.
     *
     * <pre>{@code
     * SimulatedCloud cloud = SimulatedCloud.builder()
     *     .startingAt(Instant.parse("2025-01-01T00:00:00Z"))
     *     .latency(SimOperation.UPDATE_DISTRIBUTION, Duration.ofMinutes(20))
     *     .faults(Faults.builder().throttling(0.2).build())
     *     .seed(7)
     *     .build();
     * }</pre>
     */
    public static final class Builder {

        private VirtualClock clock;
        private Instant start;
        private double speed = Double.POSITIVE_INFINITY;
        private boolean speedSet;
        private Latencies.Builder latencies = Latencies.builder();
        private Faults faults = Faults.none();
        private long seed = DEFAULT_SEED;
        private String accountId = DEFAULT_ACCOUNT_ID;
        private boolean accountChosen;
        private String region = DEFAULT_REGION;
        private Path persistFile;
        private Duration eventualConsistency;
        private Duration lockTimeout = Duration.ofMinutes(10);
        private InstantSource realTime = InstantSource.system();

        private Builder() {}

        /**
         * Uses this clock; share one between clouds, or keep a handle on it for tests. Excludes
         * {@link #startingAt(Instant)} and {@link #speed(double)}, which configure a clock of the cloud's own.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(VirtualClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Starts the cloud's clock at this time.
         *
         * @param start the virtual time of creation (default: the current time, to the second)
         * @return this builder
         */
        public Builder startingAt(Instant start) {
            this.start = Objects.requireNonNull(start, "start");
            return this;
        }

        /**
         * Runs the cloud's clock {@code speed} times faster than real time instead of moving it at once
         * on each wait (see {@link VirtualClock}).
         *
         * @param speed simulated seconds per real second, positive
         * @return this builder
         */
        public Builder speed(double speed) {
            if (!(speed > 0)) {
                throw new InvalidInputException("speed is simulated seconds per real second and must be positive, was " + speed);
            }
            this.speed = speed;
            this.speedSet = true;
            return this;
        }

        /**
         * Uses these latencies (default {@link Latencies#defaults()}).
         *
         * @param latencies the latencies
         * @return this builder
         */
        public Builder latencies(Latencies latencies) {
            this.latencies = Objects.requireNonNull(latencies, "latencies").toBuilder();
            return this;
        }

        /**
         * How long a launched instance reads {@code InvalidInstanceID.NotFound}, as EC2's eventual
         * consistency makes it (default {@link Latencies#eventualConsistency()}, 5 s); wins over
         * {@link #latencies(Latencies)} whatever the order. Tests that describe an instance right
         * after launching it set zero.
         *
         * @param window zero or more
         * @return this builder
         */
        public Builder eventualConsistency(Duration window) {
            Objects.requireNonNull(window, "window");
            if (window.isNegative()) {
                throw new InvalidInputException("eventualConsistency must not be negative, was " + window);
            }
            this.eventualConsistency = window;
            return this;
        }

        /**
         * Sets one latency, keeping the others.
         *
         * @param operation an operation with a latency ({@link SimOperation#hasLatency()})
         * @param latency zero or more
         * @return this builder
         */
        public Builder latency(SimOperation operation, Duration latency) {
            latencies.latency(operation, latency);
            return this;
        }

        /**
         * Injects these random faults (default {@link Faults#none()}).
         *
         * @param faults the probabilities
         * @return this builder
         */
        public Builder faults(Faults faults) {
            this.faults = Objects.requireNonNull(faults, "faults");
            return this;
        }

        /**
         * Seeds every random choice: ids, ETags, jitter and faults; the same seed and calls give the same run.
         *
         * @param seed the seed (default {@value SimulatedCloud#DEFAULT_SEED})
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param accountId twelve digits (default {@value SimulatedCloud#DEFAULT_ACCOUNT_ID}), used in ARNs
         * @return this builder
         */
        public Builder accountId(String accountId) {
            if (accountId == null || !ACCOUNT.matcher(accountId).matches()) {
                throw new InvalidInputException("an account id is twelve digits, e.g. 123456789012, not '" + accountId + "'");
            }
            this.accountId = accountId;
            this.accountChosen = true;
            return this;
        }

        /**
         * @param region e.g. {@code eu-west-1} (default {@value SimulatedCloud#DEFAULT_REGION}), used in ARNs and DNS names
         * @return this builder
         */
        public Builder region(String region) {
            if (region == null || !REGION.matcher(region).matches()) {
                throw new InvalidInputException("'" + region + "' is not a region name such as us-east-1");
            }
            this.region = region;
            return this;
        }

        /**
         * Keeps the world in a file, so that separate processes (the {@code tierstate} program's
         * commands) see one world: when the file exists, the world is loaded from it and what it
         * stores wins over this builder's settings, except {@link #speed(double)}, which applies to
         * this run; otherwise a new world is created and written there. Either way the world is
         * saved atomically and durably ({@code 0600}) after every call that changed it (a new world
         * is written at its first change, and adopting recorded deployments alone is no change), so
         * a process killed at any point leaves the world as of its last answered call. One process
         * at a time: the cloud holds a lock ({@code .NAME.lock} beside the file) from build to
         * {@link SimulatedCloud#close()}, and a second one waits for it (see
         * {@link #persistLockTimeout(Duration)}), so two commands never lose each other's changes.
         *
         * @param file e.g. {@code ~/.tierstate/sim-cloud.json}
         * @return this builder
         */
        public Builder persistTo(Path file) {
            this.persistFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * How long {@link #build()} waits for another process (or another open cloud in this JVM)
         * that holds the persisted world; default 10 minutes, as long as a simulated destroy may take.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder persistLockTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new InvalidInputException("persistLockTimeout must be positive, was " + timeout);
            }
            this.lockTimeout = timeout;
            return this;
        }

        Builder realTime(InstantSource realTime) {
            this.realTime = Objects.requireNonNull(realTime, "realTime");
            return this;
        }

        /**
         * @return the cloud
         * @throws IllegalStateException when both a clock and a start or speed are set
         */
        public SimulatedCloud build() {
            if (clock != null && (start != null || speedSet)) {
                throw new InvalidInputException("clock(..) brings its own start and speed; drop startingAt(..)/speed(..), "
                        + "or make the clock with VirtualClock.startingAt(start, speed)");
            }
            if (eventualConsistency != null) {
                latencies.eventualConsistency(eventualConsistency);
            }
            WorldLock held = persistFile == null ? null : WorldLock.acquire(persistFile, lockTimeout);
            try {
                SimulatedCloud cloud;
                if (persistFile != null && Files.exists(persistFile)) {
                    cloud = restore(WorldCodec.read(persistFile), speed, realTime, persistFile);
                    cloud.fileWritten = true;
                    cloud.markSaved();
                } else {
                    VirtualClock c = clock != null ? clock
                            : new VirtualClock(start != null ? start
                                    : Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), speed, realTime);
                    cloud = new SimulatedCloud(accountId, region, seed, c, latencies.build(), faults, 0, 0, persistFile);
                    cloud.world.accountOpen = !accountChosen;
                    if (persistFile != null) {
                        cloud.markSaved(); // a new empty world is written at its first change, not before
                    }
                }
                cloud.worldLock = held;
                return cloud;
            } catch (RuntimeException | Error e) {
                if (held != null) {
                    held.release();
                }
                throw e;
            }
        }
    }
}
