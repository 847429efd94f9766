package io.tierstate.sim;

import io.tierstate.CloudOperationException;
import io.tierstate.DistributionNotDisabledException;
import io.tierstate.PreconditionFailedException;
import io.tierstate.ResourceInUseException;
import io.tierstate.ResourceNotFoundException;
import io.tierstate.model.CacheBehavior;
import io.tierstate.model.CloudFrontOrigin;
import io.tierstate.model.CloudFrontStatus;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.HealthStatus;
import io.tierstate.model.Status;
import io.tierstate.model.Tier;
import io.tierstate.port.Distribution;
import io.tierstate.port.DistributionConfig;
import io.tierstate.port.DistributionSpec;
import io.tierstate.port.FileSystemPort;
import io.tierstate.port.GpuSpec;
import io.tierstate.port.InstanceDescription;
import io.tierstate.port.LoadBalancerDescription;
import io.tierstate.sim.SimResource.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated world: every resource, the rules AWS enforces between them, and the transitions
 * computed from the time each call brings. Every method runs under the world's monitor; callers
 * (the call pipeline in {@link SimulatedCloud}) hold it across fault injection and the operation.
 */
final class World {

    /** What one call brings: its operation name for errors, the virtual time and the request id. */
    record Ctx(String operation, Instant now, String requestId) {}

    record Vpc(String id) {}

    record Subnet(String id, String vpcId) {}

    record SecurityGroup(String id, String vpcId) {}

    record FileSystem(String id) {}

    record MountTarget(String id, String fileSystemId, String subnetId, String securityGroupId, String ipAddress) {}

    record Role(String name, String arn) {}

    record InstanceProfile(String name, String arn, List<String> roles) {
        InstanceProfile {
            roles = List.copyOf(roles);
        }
    }

    record Instance(String id, String type, String imageId, String subnetId, String securityGroupId, String publicIp,
            String privateIp, Instant launchedAt, Instant terminatingAt, Instant terminatedAt, boolean impaired) {

        InstanceDescription.State state(Instant now) {
            if (terminatingAt == null) {
                return InstanceDescription.State.RUNNING;
            }
            return now.isBefore(terminatedAt) ? InstanceDescription.State.SHUTTING_DOWN : InstanceDescription.State.TERMINATED;
        }

        Instance terminating(Instant at, Instant done) {
            return new Instance(id, type, imageId, subnetId, securityGroupId, publicIp, privateIp, launchedAt, at, done, impaired);
        }

        Instance withImpaired(boolean value) {
            return new Instance(id, type, imageId, subnetId, securityGroupId, publicIp, privateIp, launchedAt, terminatingAt,
                    terminatedAt, value);
        }
    }

    record LoadBalancer(String arn, String name, String dnsName, List<String> subnetIds, List<String> targetGroupArns) {
        LoadBalancer {
            subnetIds = List.copyOf(subnetIds);
            targetGroupArns = List.copyOf(targetGroupArns);
        }
    }

    record TargetGroup(String arn, String name, String vpcId) {}

    record Dist(String id, String arn, String domainName, String etag, boolean enabled, Instant deployedAt,
            String callerReference, String comment, String priceClass, String httpVersion, List<CloudFrontOrigin> origins,
            List<CacheBehavior> cacheBehaviors, Map<String, String> tags) {

        Dist {
            origins = List.copyOf(origins);
            cacheBehaviors = List.copyOf(cacheBehaviors);
            tags = Map.copyOf(tags);
        }

        CloudFrontStatus status(Instant now) {
            return now.isBefore(deployedAt) ? CloudFrontStatus.IN_PROGRESS : CloudFrontStatus.DEPLOYED;
        }

        Dist changed(String newEtag, boolean newEnabled, Instant newDeployedAt) {
            return new Dist(id, arn, domainName, newEtag, newEnabled, newDeployedAt, callerReference, comment, priceClass,
                    httpVersion, origins, cacheBehaviors, tags);
        }
    }

    private static final Pattern ALB_ARN = Pattern.compile(":loadbalancer/app/([^/]+)/");
    private static final Pattern TG_ARN = Pattern.compile(":targetgroup/([^/]+)/");
    private static final Pattern LB_NAME = Pattern.compile("^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?$");
    private static final List<String> ALL_METHODS = List.of("GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE");
    private static final List<String> CACHED_METHODS = List.of("GET", "HEAD");
    static final String DEFAULT_ORIGIN_ID = "alb-origin";

    final String accountId;
    final String region;
    final SimRandom ids;
    final Latencies latencies;

    /** Every resource that exists, by kind, in creation order. */
    final Map<Kind, Map<String, Object>> resources = new EnumMap<>(Kind.class);
    /** Where each existing id lives. */
    final Map<String, Kind> kinds = new LinkedHashMap<>();
    /** Resources being deleted: when they stop existing. */
    final Map<String, Instant> goneAt = new LinkedHashMap<>();
    /** Every id the world has ever had, so that adopting a state never brings a deleted resource back. */
    final Set<String> known = new LinkedHashSet<>();

    World(String accountId, String region, SimRandom ids, Latencies latencies) {
        this.accountId = accountId;
        this.region = region;
        this.ids = ids;
        this.latencies = latencies;
        for (Kind k : Kind.values()) {
            resources.put(k, new LinkedHashMap<>());
        }
    }

    // ---------------------------------------------------------------- time

    /** Removes what finished being deleted by {@code now}. */
    synchronized void settle(Instant now) {
        for (Iterator<Map.Entry<String, Instant>> it = goneAt.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Instant> e = it.next();
            if (!e.getValue().isAfter(now)) {
                it.remove();
                Kind k = kinds.remove(e.getKey());
                if (k != null) {
                    resources.get(k).remove(e.getKey());
                }
            }
        }
    }

    /** Deletes a resource now, or schedules its end after {@code latency}; either way its dependants are judged by it until then. */
    private void scheduleRemoval(String id, Instant now, Duration latency) {
        if (latency.isZero()) {
            remove(id);
        } else {
            goneAt.put(id, now.plus(latency));
        }
    }

    private boolean deleting(String id) {
        return goneAt.containsKey(id);
    }

    // ---------------------------------------------------------------- CloudFront

    synchronized Distribution getDistribution(Ctx ctx, String id) {
        return describe(dist(ctx, id), ctx.now());
    }

    synchronized DistributionConfig getDistributionConfig(Ctx ctx, String id) {
        Dist d = dist(ctx, id);
        return new DistributionConfig(d.id(), d.etag(), d.enabled(), d.callerReference());
    }

    synchronized Distribution createDistribution(Ctx ctx, DistributionSpec spec) {
        for (Object o : resources.get(Kind.DISTRIBUTION).values()) {
            Dist d = (Dist) o;
            if (spec.callerReference().equals(d.callerReference())) {
                return describe(d, ctx.now());
            }
        }
        if (spec.comment() != null && spec.comment().length() > 128) {
            throw invalid(ctx, "InvalidArgument", "the comment has " + spec.comment().length()
                    + " characters; CloudFront allows at most 128");
        }
        if (spec.callerReference().isBlank()) {
            throw invalid(ctx, "InvalidArgument", "the caller reference is blank; use a unique value per create request");
        }
        String id = unused("E", () -> ids.upper(13));
        CloudFrontOrigin origin = CloudFrontOrigin.builder().id(spec.originId()).domainName(spec.originDomainName())
                .protocolPolicy(Optional.ofNullable(spec.originProtocolPolicy())).httpPort(80).httpsPort(443).build();
        CacheBehavior behavior = CacheBehavior.builder().pathPattern(CacheBehavior.DEFAULT_PATH_PATTERN)
                .targetOriginId(spec.originId()).viewerProtocolPolicy(Optional.ofNullable(spec.viewerProtocolPolicy()))
                .allowedMethods(ALL_METHODS).cachedMethods(CACHED_METHODS)
                .cachePolicyId(Optional.ofNullable(spec.cachePolicyId()))
                .originRequestPolicyId(Optional.ofNullable(spec.originRequestPolicyId())).compress(true).build();
        Dist d = new Dist(id, distributionArn(id), "d" + ids.hex(13) + ".cloudfront.net", newEtag(), true,
                ctx.now().plus(latencies.applied(SimOperation.CREATE_DISTRIBUTION, ids)), spec.callerReference(),
                spec.comment(), spec.priceClass(), spec.httpVersion(), List.of(origin), List.of(behavior), spec.tags());
        put(Kind.DISTRIBUTION, id, d);
        return describe(d, ctx.now());
    }

    synchronized String setEnabled(Ctx ctx, String id, boolean enabled, String ifMatch) {
        Dist d = dist(ctx, id);
        checkIfMatch(ctx, d, ifMatch);
        Dist changed = d.changed(newEtag(), enabled, ctx.now().plus(latencies.applied(SimOperation.UPDATE_DISTRIBUTION, ids)));
        resources.get(Kind.DISTRIBUTION).put(id, changed);
        return changed.etag();
    }

    synchronized void deleteDistribution(Ctx ctx, String id, String ifMatch) {
        Dist d = dist(ctx, id);
        checkIfMatch(ctx, d, ifMatch);
        if (d.enabled() || d.status(ctx.now()) != CloudFrontStatus.DEPLOYED) {
            throw new DistributionNotDisabledException(ctx.operation(), id, ctx.requestId(), null);
        }
        remove(id);
    }

    /** Another writer changes the distribution: its ETag moves on, nothing else does. */
    synchronized boolean bumpEtag(String id) {
        Object o = resources.get(Kind.DISTRIBUTION).get(id);
        if (o instanceof Dist d) {
            resources.get(Kind.DISTRIBUTION).put(id, d.changed(newEtag(), d.enabled(), d.deployedAt()));
            return true;
        }
        return false;
    }

    private void checkIfMatch(Ctx ctx, Dist d, String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new PreconditionFailedException(ctx.operation(), d.id(), "InvalidIfMatchVersion", ctx.requestId(), null);
        }
        if (!ifMatch.equals(d.etag())) {
            throw new PreconditionFailedException(ctx.operation(), d.id(), "PreconditionFailed", ctx.requestId(), null);
        }
    }

    private Dist dist(Ctx ctx, String id) {
        Object o = resources.get(Kind.DISTRIBUTION).get(id);
        if (o == null) {
            throw notFound(ctx, id, "NoSuchDistribution");
        }
        return (Dist) o;
    }

    private Distribution describe(Dist d, Instant now) {
        return new Distribution(d.id(), d.arn(), d.domainName(), d.status(now), d.enabled(), d.etag(),
                Optional.ofNullable(d.priceClass()), Optional.ofNullable(d.callerReference()), d.origins(), d.cacheBehaviors(),
                d.tags());
    }

    private String newEtag() {
        return "E" + ids.upper(13);
    }

    private String distributionArn(String id) {
        return "arn:aws:cloudfront::" + accountId + ":distribution/" + id;
    }

    // ---------------------------------------------------------------- EC2

    synchronized InstanceDescription describeInstance(Ctx ctx, String id) {
        Instance i = instance(ctx, id);
        InstanceDescription.State state = i.state(ctx.now());
        boolean addressed = state == InstanceDescription.State.RUNNING;
        return new InstanceDescription(i.id(), i.type(), i.imageId(), state,
                addressed ? Optional.ofNullable(i.publicIp()) : Optional.empty(),
                state == InstanceDescription.State.TERMINATED ? Optional.empty() : Optional.ofNullable(i.privateIp()));
    }

    synchronized Optional<HealthStatus> instanceHealth(Ctx ctx, String id) {
        Instance i = instance(ctx, id);
        if (i.state(ctx.now()) != InstanceDescription.State.RUNNING) {
            return Optional.empty();
        }
        if (ctx.now().isBefore(i.launchedAt().plus(latencies.instanceInitialization()))) {
            return Optional.of(HealthStatus.INITIALIZING);
        }
        return Optional.of(i.impaired() ? HealthStatus.IMPAIRED : HealthStatus.OK);
    }

    Optional<GpuSpec> gpuSpec(Ctx ctx, String instanceType) {
        try {
            return GpuCatalog.lookup(instanceType);
        } catch (IllegalArgumentException e) {
            throw invalid(ctx, "InvalidInstanceType", e.getMessage());
        }
    }

    synchronized void terminateInstance(Ctx ctx, String id) {
        Instance i = instance(ctx, id);
        if (i.terminatingAt() != null) {
            return; // terminating again succeeds and changes nothing, as on AWS
        }
        Instant done = ctx.now().plus(latencies.applied(SimOperation.TERMINATE_INSTANCE, ids));
        resources.get(Kind.INSTANCE).put(id, i.terminating(ctx.now(), done));
        goneAt.put(id, done.plus(latencies.terminatedRetention()));
    }

    synchronized void setImpaired(Ctx ctx, String id, boolean impaired) {
        resources.get(Kind.INSTANCE).put(id, instance(ctx, id).withImpaired(impaired));
    }

    private Instance instance(Ctx ctx, String id) {
        Object o = resources.get(Kind.INSTANCE).get(id);
        if (o == null) {
            throw notFound(ctx, id, "InvalidInstanceID.NotFound");
        }
        return (Instance) o;
    }

    // ---------------------------------------------------------------- ELB

    synchronized LoadBalancerDescription describeLoadBalancer(Ctx ctx, String arn) {
        LoadBalancer lb = loadBalancer(ctx, arn);
        return new LoadBalancerDescription(lb.arn(), lb.dnsName(), "active"); // AWS has no "deleting" state
    }

    synchronized void deleteLoadBalancer(Ctx ctx, String arn) {
        loadBalancer(ctx, arn);
        if (!deleting(arn)) {
            scheduleRemoval(arn, ctx.now(), latencies.applied(SimOperation.DELETE_LOAD_BALANCER, ids));
        }
    }

    synchronized void deleteTargetGroup(Ctx ctx, String arn) {
        if (!resources.get(Kind.TARGET_GROUP).containsKey(arn)) {
            throw notFound(ctx, arn, "TargetGroupNotFound");
        }
        Optional<String> user = targetGroupUser(arn);
        if (user.isPresent()) {
            throw inUse(ctx, "ResourceInUse", "target group " + arn + " is currently in use by a listener of load balancer "
                    + user.get() + " (a deleted load balancer holds it until it is gone): wait until the load balancer "
                    + "is not found, then retry");
        }
        deleteWithLatency(ctx, arn, SimOperation.DELETE_TARGET_GROUP);
    }

    private Optional<String> targetGroupUser(String tgArn) {
        return resources.get(Kind.LOAD_BALANCER).values().stream().map(LoadBalancer.class::cast)
                .filter(lb -> lb.targetGroupArns().contains(tgArn)).map(LoadBalancer::arn).findFirst();
    }

    private LoadBalancer loadBalancer(Ctx ctx, String arn) {
        Object o = resources.get(Kind.LOAD_BALANCER).get(arn);
        if (o == null) {
            throw notFound(ctx, arn, "LoadBalancerNotFound");
        }
        return (LoadBalancer) o;
    }

    // ---------------------------------------------------------------- EFS

    synchronized List<FileSystemPort.MountTarget> mountTargets(Ctx ctx, String fileSystemId) {
        if (!resources.get(Kind.FILE_SYSTEM).containsKey(fileSystemId)) {
            throw notFound(ctx, fileSystemId, "FileSystemNotFound");
        }
        List<FileSystemPort.MountTarget> out = new ArrayList<>();
        for (MountTarget mt : mountTargetsOf(fileSystemId)) {
            out.add(new FileSystemPort.MountTarget(mt.id(), fileSystemId, deleting(mt.id()) ? "deleting" : "available"));
        }
        return out;
    }

    synchronized void deleteMountTarget(Ctx ctx, String id) {
        if (!resources.get(Kind.MOUNT_TARGET).containsKey(id)) {
            throw notFound(ctx, id, "MountTargetNotFound");
        }
        deleteWithLatency(ctx, id, SimOperation.DELETE_MOUNT_TARGET);
    }

    synchronized void deleteFileSystem(Ctx ctx, String id) {
        if (!resources.get(Kind.FILE_SYSTEM).containsKey(id)) {
            throw notFound(ctx, id, "FileSystemNotFound");
        }
        List<MountTarget> mts = mountTargetsOf(id);
        if (!mts.isEmpty()) {
            throw inUse(ctx, "FileSystemInUse", "file system " + id + " still has " + mts.size() + " mount target(s) "
                    + mts.stream().map(MountTarget::id).toList() + ": delete them and wait until they are gone, then retry");
        }
        deleteWithLatency(ctx, id, SimOperation.DELETE_FILE_SYSTEM);
    }

    private List<MountTarget> mountTargetsOf(String fileSystemId) {
        return resources.get(Kind.MOUNT_TARGET).values().stream().map(MountTarget.class::cast)
                .filter(mt -> fileSystemId.equals(mt.fileSystemId())).toList();
    }

    // ---------------------------------------------------------------- IAM

    synchronized void deleteInstanceProfile(Ctx ctx, String name) {
        Object o = resources.get(Kind.INSTANCE_PROFILE).get(name);
        if (o == null) {
            throw notFound(ctx, name, "NoSuchEntity");
        }
        InstanceProfile p = (InstanceProfile) o;
        resources.get(Kind.INSTANCE_PROFILE).put(name, new InstanceProfile(p.name(), p.arn(), List.of()));
        deleteWithLatency(ctx, name, SimOperation.DELETE_INSTANCE_PROFILE);
    }

    synchronized void deleteRole(Ctx ctx, String name) {
        if (!resources.get(Kind.IAM_ROLE).containsKey(name)) {
            throw notFound(ctx, name, "NoSuchEntity");
        }
        Optional<String> profile = profileHolding(name);
        if (profile.isPresent()) {
            throw inUse(ctx, "DeleteConflict", "role " + name + " is still in instance profile " + profile.get()
                    + ": remove it from the profile (or delete the profile) first");
        }
        deleteWithLatency(ctx, name, SimOperation.DELETE_ROLE);
    }

    private Optional<String> profileHolding(String roleName) {
        return resources.get(Kind.INSTANCE_PROFILE).values().stream().map(InstanceProfile.class::cast)
                .filter(p -> p.roles().contains(roleName)).map(InstanceProfile::name).findFirst();
    }

    // ---------------------------------------------------------------- network

    synchronized void deleteSecurityGroup(Ctx ctx, String id) {
        if (!resources.get(Kind.SECURITY_GROUP).containsKey(id)) {
            throw notFound(ctx, id, "InvalidGroup.NotFound");
        }
        List<String> users = new ArrayList<>();
        for (Object o : resources.get(Kind.INSTANCE).values()) {
            Instance i = (Instance) o;
            if (id.equals(i.securityGroupId()) && i.state(ctx.now()) != InstanceDescription.State.TERMINATED) {
                users.add("instance " + i.id() + " (" + i.state(ctx.now()) + ")");
            }
        }
        for (Object o : resources.get(Kind.MOUNT_TARGET).values()) {
            MountTarget mt = (MountTarget) o;
            if (id.equals(mt.securityGroupId())) {
                users.add("mount target " + mt.id() + (deleting(mt.id()) ? " (deleting)" : ""));
            }
        }
        if (!users.isEmpty()) {
            throw inUse(ctx, "DependencyViolation", "resource " + id + " has a dependent object: " + String.join(", ", users)
                    + " still use(s) it; wait until they are terminated or gone, then retry");
        }
        deleteWithLatency(ctx, id, SimOperation.DELETE_SECURITY_GROUP);
    }

    synchronized void deleteSubnet(Ctx ctx, String id) {
        if (!resources.get(Kind.SUBNET).containsKey(id)) {
            throw notFound(ctx, id, "InvalidSubnetID.NotFound");
        }
        List<String> users = new ArrayList<>();
        for (Object o : resources.get(Kind.INSTANCE).values()) {
            Instance i = (Instance) o;
            if (id.equals(i.subnetId()) && i.state(ctx.now()) != InstanceDescription.State.TERMINATED) {
                users.add("instance " + i.id() + " (" + i.state(ctx.now()) + ")");
            }
        }
        for (Object o : resources.get(Kind.MOUNT_TARGET).values()) {
            MountTarget mt = (MountTarget) o;
            if (id.equals(mt.subnetId())) {
                users.add("mount target " + mt.id() + (deleting(mt.id()) ? " (deleting)" : ""));
            }
        }
        for (Object o : resources.get(Kind.LOAD_BALANCER).values()) {
            LoadBalancer lb = (LoadBalancer) o;
            if (lb.subnetIds().contains(id)) {
                users.add("load balancer " + lb.name() + (deleting(lb.arn()) ? " (deleting)" : ""));
            }
        }
        if (!users.isEmpty()) {
            throw inUse(ctx, "DependencyViolation", "the subnet " + id + " has dependencies and cannot be deleted: "
                    + String.join(", ", users) + "; wait until they are gone, then retry");
        }
        deleteWithLatency(ctx, id, SimOperation.DELETE_SUBNET);
    }

    synchronized void deleteVpc(Ctx ctx, String id) {
        if (!resources.get(Kind.VPC).containsKey(id)) {
            throw notFound(ctx, id, "InvalidVpcID.NotFound");
        }
        List<String> users = new ArrayList<>();
        for (Object o : resources.get(Kind.SUBNET).values()) {
            if (id.equals(((Subnet) o).vpcId())) {
                users.add("subnet " + ((Subnet) o).id());
            }
        }
        for (Object o : resources.get(Kind.SECURITY_GROUP).values()) {
            if (id.equals(((SecurityGroup) o).vpcId())) {
                users.add("security group " + ((SecurityGroup) o).id());
            }
        }
        if (!users.isEmpty()) {
            throw inUse(ctx, "DependencyViolation", "the vpc " + id + " has dependencies and cannot be deleted: "
                    + String.join(", ", users) + "; delete them first");
        }
        deleteWithLatency(ctx, id, SimOperation.DELETE_VPC);
    }

    private void deleteWithLatency(Ctx ctx, String id, SimOperation op) {
        if (!deleting(id)) {
            scheduleRemoval(id, ctx.now(), latencies.applied(op, ids));
        }
    }

    // ---------------------------------------------------------------- faults

    /**
     * Deletes a resource as someone outside TierState could have: with what AWS deletes along, and
     * only when nothing still depends on it.
     *
     * @return whether it vanished
     */
    synchronized boolean vanish(String id, Instant now) {
        Kind kind = kinds.get(id);
        if (kind == null) {
            return false;
        }
        boolean free = switch (kind) {
            case DISTRIBUTION, INSTANCE, MOUNT_TARGET, INSTANCE_PROFILE, LOAD_BALANCER -> true;
            case FILE_SYSTEM -> {
                mountTargetsOf(id).forEach(mt -> remove(mt.id()));
                yield true;
            }
            case TARGET_GROUP -> targetGroupUser(id).isEmpty();
            case IAM_ROLE -> profileHolding(id).isEmpty();
            case SECURITY_GROUP, SUBNET, VPC -> dependants(id, now).isEmpty();
        };
        if (free) {
            remove(id);
        }
        return free;
    }

    private List<String> dependants(String id, Instant now) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Kind> e : kinds.entrySet()) {
            Object r = resources.get(e.getValue()).get(e.getKey());
            boolean uses = switch (e.getValue()) {
                case SUBNET -> id.equals(((Subnet) r).vpcId());
                case SECURITY_GROUP -> id.equals(((SecurityGroup) r).vpcId());
                case MOUNT_TARGET -> id.equals(((MountTarget) r).subnetId()) || id.equals(((MountTarget) r).securityGroupId());
                case INSTANCE -> (id.equals(((Instance) r).subnetId()) || id.equals(((Instance) r).securityGroupId()))
                        && ((Instance) r).state(now) != InstanceDescription.State.TERMINATED;
                case LOAD_BALANCER -> ((LoadBalancer) r).subnetIds().contains(id);
                default -> false;
            };
            if (uses) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- world building

    synchronized String createVpc() {
        String id = unused("vpc-", () -> ids.hex(17));
        put(Kind.VPC, id, new Vpc(id));
        return id;
    }

    synchronized String createSubnet(Ctx ctx, String vpcId) {
        requireLive(ctx, Kind.VPC, vpcId, "InvalidVpcID.NotFound");
        String id = unused("subnet-", () -> ids.hex(17));
        put(Kind.SUBNET, id, new Subnet(id, vpcId));
        return id;
    }

    synchronized String createSecurityGroup(Ctx ctx, String vpcId) {
        requireLive(ctx, Kind.VPC, vpcId, "InvalidVpcID.NotFound");
        String id = unused("sg-", () -> ids.hex(17));
        put(Kind.SECURITY_GROUP, id, new SecurityGroup(id, vpcId));
        return id;
    }

    synchronized String createFileSystem() {
        String id = unused("fs-", () -> ids.hex(17));
        put(Kind.FILE_SYSTEM, id, new FileSystem(id));
        return id;
    }

    synchronized String createMountTarget(Ctx ctx, String fileSystemId, String subnetId, String securityGroupId) {
        requireLive(ctx, Kind.FILE_SYSTEM, fileSystemId, "FileSystemNotFound");
        requireLive(ctx, Kind.SUBNET, subnetId, "InvalidSubnetID.NotFound");
        requireLive(ctx, Kind.SECURITY_GROUP, securityGroupId, "InvalidGroup.NotFound");
        String id = unused("fsmt-", () -> ids.hex(17));
        put(Kind.MOUNT_TARGET, id, new MountTarget(id, fileSystemId, subnetId, securityGroupId, privateIp()));
        return id;
    }

    synchronized String createRole(Ctx ctx, String name) {
        requireName(ctx, name, "role");
        if (kinds.containsKey(name)) {
            throw conflict(ctx, "EntityAlreadyExists", "a role or instance profile named " + name + " already exists");
        }
        String arn = "arn:aws:iam::" + accountId + ":role/" + name;
        put(Kind.IAM_ROLE, name, new Role(name, arn));
        return arn;
    }

    synchronized String createInstanceProfile(Ctx ctx, String name, String roleName) {
        requireName(ctx, name, "instance profile");
        requireLive(ctx, Kind.IAM_ROLE, roleName, "NoSuchEntity");
        if (kinds.containsKey(name)) {
            throw conflict(ctx, "EntityAlreadyExists", "a role or instance profile named " + name + " already exists");
        }
        String arn = "arn:aws:iam::" + accountId + ":instance-profile/" + name;
        put(Kind.INSTANCE_PROFILE, name, new InstanceProfile(name, arn, List.of(roleName)));
        return arn;
    }

    synchronized String launchInstance(Ctx ctx, String type, String imageId, String subnetId, String securityGroupId) {
        gpuSpec(ctx, type);
        requireName(ctx, imageId, "AMI id");
        requireLive(ctx, Kind.SUBNET, subnetId, "InvalidSubnetID.NotFound");
        requireLive(ctx, Kind.SECURITY_GROUP, securityGroupId, "InvalidGroup.NotFound");
        String id = unused("i-", () -> ids.hex(17));
        put(Kind.INSTANCE, id, new Instance(id, type, imageId, subnetId, securityGroupId, publicIp(), privateIp(), ctx.now(),
                null, null, false));
        return id;
    }

    synchronized LoadBalancerDescription createLoadBalancer(Ctx ctx, String name, List<String> subnetIds) {
        if (name == null || !LB_NAME.matcher(name).matches()) {
            throw invalid(ctx, "ValidationError", "load balancer name '" + name
                    + "' must be 1 to 32 letters, digits or hyphens, not starting or ending with a hyphen");
        }
        if (subnetIds.isEmpty()) {
            throw invalid(ctx, "ValidationError", "a load balancer needs at least one subnet");
        }
        subnetIds.forEach(s -> requireLive(ctx, Kind.SUBNET, s, "SubnetNotFound"));
        boolean taken = resources.get(Kind.LOAD_BALANCER).values().stream()
                .anyMatch(o -> ((LoadBalancer) o).name().equals(name));
        if (taken) {
            throw conflict(ctx, "DuplicateLoadBalancerName", "a load balancer named " + name + " already exists");
        }
        String arn = unused("arn:aws:elasticloadbalancing:" + region + ":" + accountId + ":loadbalancer/app/" + name + "/",
                () -> ids.hex(16));
        String dns = name + "-" + ids.digits(10) + "." + region + ".elb.amazonaws.com";
        put(Kind.LOAD_BALANCER, arn, new LoadBalancer(arn, name, dns, subnetIds, List.of()));
        return new LoadBalancerDescription(arn, dns, "active");
    }

    synchronized String createTargetGroup(Ctx ctx, String name, String vpcId) {
        if (name == null || !LB_NAME.matcher(name).matches()) {
            throw invalid(ctx, "ValidationError", "target group name '" + name
                    + "' must be 1 to 32 letters, digits or hyphens, not starting or ending with a hyphen");
        }
        requireLive(ctx, Kind.VPC, vpcId, "InvalidVpcID.NotFound");
        String arn = unused("arn:aws:elasticloadbalancing:" + region + ":" + accountId + ":targetgroup/" + name + "/",
                () -> ids.hex(16));
        put(Kind.TARGET_GROUP, arn, new TargetGroup(arn, name, vpcId));
        return arn;
    }

    synchronized void attachTargetGroup(Ctx ctx, String loadBalancerArn, String targetGroupArn) {
        requireLive(ctx, Kind.LOAD_BALANCER, loadBalancerArn, "LoadBalancerNotFound");
        requireLive(ctx, Kind.TARGET_GROUP, targetGroupArn, "TargetGroupNotFound");
        LoadBalancer lb = (LoadBalancer) resources.get(Kind.LOAD_BALANCER).get(loadBalancerArn);
        if (!lb.targetGroupArns().contains(targetGroupArn)) {
            List<String> tgs = new ArrayList<>(lb.targetGroupArns());
            tgs.add(targetGroupArn);
            resources.get(Kind.LOAD_BALANCER).put(loadBalancerArn,
                    new LoadBalancer(lb.arn(), lb.name(), lb.dnsName(), lb.subnetIds(), tgs));
        }
    }

    private void requireLive(Ctx ctx, Kind kind, String id, String code) {
        if (id == null || !resources.get(kind).containsKey(id) || deleting(id)) {
            throw notFound(ctx, String.valueOf(id), code);
        }
    }

    private static void requireName(Ctx ctx, String name, String what) {
        if (name == null || name.isBlank()) {
            throw invalid(ctx, "ValidationError", "the " + what + " must not be blank");
        }
    }

    // ---------------------------------------------------------------- adoption

    /**
     * Takes a deployment to have every resource its state records that this world has never had,
     * with the dependencies between them.
     *
     * @return what was created, in creation order
     */
    synchronized List<SimResource> adopt(DeploymentState s, Instant now) {
        List<SimResource> created = new ArrayList<>();
        if (Status.TERMINATED.equals(s.status())) {
            return created;
        }
        String vpc = s.vpcId().orElse(null);
        if (vpc != null && known.add(vpc)) {
            adoptPut(created, Kind.VPC, vpc, new Vpc(vpc));
        }
        List<String> subnets = new ArrayList<>(s.subnetIds());
        s.storageSubnetId().filter(id -> !subnets.contains(id)).ifPresent(subnets::add);
        for (String subnet : subnets) {
            if (known.add(subnet)) {
                adoptPut(created, Kind.SUBNET, subnet, new Subnet(subnet, vpc));
            }
        }
        String sg = s.securityGroupId().orElse(null);
        if (sg != null && known.add(sg)) {
            adoptPut(created, Kind.SECURITY_GROUP, sg, new SecurityGroup(sg, vpc));
        }
        String fs = s.efsId().orElse(null);
        if (fs != null && known.add(fs)) {
            adoptPut(created, Kind.FILE_SYSTEM, fs, new FileSystem(fs));
        }
        List<String> mountTargets = new ArrayList<>();
        s.efsMountTargetId().ifPresent(mountTargets::add);
        s.efsMountTargetIds().stream().filter(id -> !mountTargets.contains(id)).forEach(mountTargets::add);
        for (int i = 0; i < mountTargets.size(); i++) {
            String mt = mountTargets.get(i);
            if (known.add(mt)) {
                String subnet = i == 0 && s.storageSubnetId().isPresent() ? s.storageSubnetId().get()
                        : subnets.isEmpty() ? null : subnets.get(i % subnets.size());
                String ip = i == 0 ? s.efsMountTargetIp().orElseGet(this::privateIp) : privateIp();
                adoptPut(created, Kind.MOUNT_TARGET, mt, new MountTarget(mt, fs, subnet, sg, ip));
            }
        }
        String role = s.iamRoleName().orElse(null);
        if (role != null && known.add(role)) {
            adoptPut(created, Kind.IAM_ROLE, role,
                    new Role(role, s.iamRoleArn().orElse("arn:aws:iam::" + accountId + ":role/" + role)));
        }
        s.iamInstanceProfileName().filter(known::add).ifPresent(profile -> adoptPut(created, Kind.INSTANCE_PROFILE, profile,
                new InstanceProfile(profile, s.iamInstanceProfileArn().orElse(
                        "arn:aws:iam::" + accountId + ":instance-profile/" + profile),
                        role == null ? List.of() : List.of(role))));
        s.instanceId().filter(known::add).ifPresent(id -> adoptPut(created, Kind.INSTANCE, id, new Instance(id,
                s.instanceType().orElse(s.tier() == Tier.GPU ? "g4dn.xlarge" : "t3.medium"),
                s.config().amiId().or(s::gpuAmiId).orElseGet(() -> "ami-" + ids.hex(17)),
                subnets.isEmpty() ? null : subnets.get(0), sg, s.publicIp().orElse(null), s.privateIp().orElse(null),
                now.minus(latencies.instanceInitialization()), null, null, false)));
        String tg = s.targetGroupArn().orElse(null);
        if (tg != null && known.add(tg)) {
            adoptPut(created, Kind.TARGET_GROUP, tg, new TargetGroup(tg, nameIn(TG_ARN, tg, "tg"), vpc));
        }
        s.albArn().filter(known::add).ifPresent(arn -> {
            String name = nameIn(ALB_ARN, arn, "alb");
            adoptPut(created, Kind.LOAD_BALANCER, arn, new LoadBalancer(arn, name,
                    s.albDns().orElseGet(() -> name + "-" + ids.digits(10) + "." + region + ".elb.amazonaws.com"), subnets,
                    tg == null ? List.of() : List.of(tg)));
        });
        s.cloudFrontDistributionId().filter(known::add).ifPresent(id -> adoptPut(created, Kind.DISTRIBUTION, id,
                adoptedDistribution(s, id, now)));
        return created;
    }

    private Dist adoptedDistribution(DeploymentState s, String id, Instant now) {
        List<CloudFrontOrigin> origins = s.cloudFrontOrigins();
        List<CacheBehavior> behaviors = s.cloudFrontCacheBehaviors();
        if (origins.isEmpty() && s.albDns().isPresent()) {
            origins = List.of(CloudFrontOrigin.builder().id(DEFAULT_ORIGIN_ID).domainName(s.albDns().get())
                    .protocolPolicy("http-only").httpPort(80).httpsPort(443).build());
        }
        if (behaviors.isEmpty() && !origins.isEmpty()) {
            behaviors = List.of(CacheBehavior.builder().pathPattern(CacheBehavior.DEFAULT_PATH_PATTERN)
                    .targetOriginId(origins.get(0).id()).viewerProtocolPolicy("redirect-to-https")
                    .allowedMethods(ALL_METHODS).cachedMethods(CACHED_METHODS).cachePolicyId(DistributionSpec.CACHING_DISABLED)
                    .originRequestPolicyId(DistributionSpec.ALL_VIEWER).compress(true).build());
        }
        return new Dist(id, s.cloudFrontArn().orElse(distributionArn(id)),
                s.cloudFrontDomainName().orElseGet(() -> "d" + ids.hex(13) + ".cloudfront.net"), newEtag(),
                s.cloudFrontEnabled().orElse(true), now, s.cloudFrontCallerReference().orElse("adopted-" + id), null,
                s.cloudFrontPriceClass().orElse(null), null, origins, behaviors, Map.of());
    }

    private void adoptPut(List<SimResource> created, Kind kind, String id, Object resource) {
        put(kind, id, resource);
        created.add(new SimResource(kind, id));
    }

    private static String nameIn(Pattern pattern, String arn, String fallback) {
        Matcher m = pattern.matcher(arn);
        return m.find() ? m.group(1) : fallback;
    }

    // ---------------------------------------------------------------- inspection

    synchronized List<SimResource> live(Instant now) {
        List<SimResource> out = new ArrayList<>();
        for (Kind k : Kind.values()) {
            for (Map.Entry<String, Object> e : resources.get(k).entrySet()) {
                if (isLive(e.getValue(), now)) {
                    out.add(new SimResource(k, e.getKey()));
                }
            }
        }
        return out;
    }

    synchronized boolean exists(String id, Instant now) {
        Kind k = kinds.get(id);
        return k != null && isLive(resources.get(k).get(id), now);
    }

    private static boolean isLive(Object resource, Instant now) {
        return !(resource instanceof Instance i) || i.state(now) != InstanceDescription.State.TERMINATED;
    }

    // ---------------------------------------------------------------- plumbing

    void put(Kind kind, String id, Object resource) {
        resources.get(kind).put(id, resource);
        kinds.put(id, kind);
        known.add(id);
    }

    private void remove(String id) {
        Kind k = kinds.remove(id);
        if (k != null) {
            resources.get(k).remove(id);
        }
        goneAt.remove(id);
    }

    /** A fresh id: never one the world has had, so adoption's memory of deleted ids stays exact. */
    private String unused(String prefix, java.util.function.Supplier<String> suffix) {
        String id = prefix + suffix.get();
        while (known.contains(id)) {
            id = prefix + suffix.get();
        }
        return id;
    }

    private String privateIp() {
        long bits = ids.nextLong();
        return "10.0." + ((bits >>> 8) & 0xff) + "." + (4 + Math.floorMod(bits, 250));
    }

    private String publicIp() {
        long bits = ids.nextLong();
        return "3." + ((bits >>> 16) & 0xff) + "." + ((bits >>> 8) & 0xff) + "." + (1 + Math.floorMod(bits, 254));
    }

    static ResourceNotFoundException notFound(Ctx ctx, String id, String code) {
        return new ResourceNotFoundException(ctx.operation(), id, code, ctx.requestId(), null);
    }

    private static ResourceInUseException inUse(Ctx ctx, String code, String message) {
        return new ResourceInUseException(ctx.operation(), code, ctx.requestId(), message, null);
    }

    private static CloudOperationException invalid(Ctx ctx, String code, String message) {
        return new CloudOperationException(ctx.operation(), code, ctx.requestId(), 400, false, message, null);
    }

    private static CloudOperationException conflict(Ctx ctx, String code, String message) {
        return new CloudOperationException(ctx.operation(), code, ctx.requestId(), 409, false, message, null);
    }
}
