package io.tierstate.sim;

import io.tierstate.error.CloudOperationException;
import io.tierstate.error.DistributionNotDisabledException;
import io.tierstate.error.PreconditionFailedException;
import io.tierstate.error.ResourceInUseException;
import io.tierstate.error.ResourceNotFoundException;
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
import io.tierstate.port.ComputePort;
import io.tierstate.port.IdentityPort;
import io.tierstate.port.InstanceDescription;
import io.tierstate.port.LoadBalancerDescription;
import io.tierstate.port.LoadBalancingPort;
import io.tierstate.port.NetworkPort;
import io.tierstate.port.NetworkPort.SecurityGroupReference;
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

    /**
     * What one call brings: its operation name for errors, the virtual time, the request id, and
     * the region of the session that made it (null: every region, for world building and adoption).
     */
    record Ctx(String operation, Instant now, String requestId, String region) {}

    /** A VPC, with the ids of its main route table and default network ACL, which go with it. */
    record Vpc(String id, boolean isDefault, String mainRouteTableId, String defaultNetworkAclId) {}

    record Subnet(String id, String vpcId) {}

    /** One rule of a security group that names another group as its source (ingress) or destination (egress). */
    record GroupRule(String direction, String rule, String referencedGroupId) {}

    record SecurityGroup(String id, String vpcId, String name, List<GroupRule> rules) {
        SecurityGroup {
            name = name == null ? "" : name;
            rules = rules == null ? List.of() : List.copyOf(rules);
        }
    }

    /** A file system; {@code replicaOf} names the source of a replica, {@code replicationDestinations} the replicas of a source. */
    record FileSystem(String id, long sizeBytes, List<String> replicationDestinations, String replicaOf) {
        FileSystem {
            replicationDestinations = replicationDestinations == null ? List.of() : List.copyOf(replicationDestinations);
        }
    }

    record AccessPoint(String id, String fileSystemId) {}

    record MountTarget(String id, String fileSystemId, String subnetId, String securityGroupId, String ipAddress) {}

    record Role(String name, String arn, List<String> managedPolicies, List<String> inlinePolicies) {
        Role {
            managedPolicies = managedPolicies == null ? List.of() : List.copyOf(managedPolicies);
            inlinePolicies = inlinePolicies == null ? List.of() : List.copyOf(inlinePolicies);
        }

        Role withPolicies(List<String> managed, List<String> inline) {
            return new Role(name, arn, managed, inline);
        }
    }

    /** A network interface; {@code ownerId} is the resource AWS made it for. */
    record Eni(String id, String vpcId, String subnetId, List<String> groupIds, String type, String description, String ownerId,
            String attachedInstanceId) {
        Eni {
            groupIds = groupIds == null ? List.of() : List.copyOf(groupIds);
        }
    }

    record InternetGateway(String id, String attachedVpcId, Map<String, String> tags) {
        InternetGateway {
            tags = tags == null ? Map.of() : Map.copyOf(tags);
        }
    }

    record EgressOnlyGateway(String id, String vpcId) {}

    record NatGateway(String id, String vpcId, String subnetId, List<String> allocationIds) {
        NatGateway {
            allocationIds = allocationIds == null ? List.of() : List.copyOf(allocationIds);
        }
    }

    record ElasticIp(String allocationId, String publicIp, String natGatewayId) {}

    record Endpoint(String id, String vpcId, String type, List<String> subnetIds, List<String> groupIds) {
        Endpoint {
            subnetIds = subnetIds == null ? List.of() : List.copyOf(subnetIds);
            groupIds = groupIds == null ? List.of() : List.copyOf(groupIds);
        }
    }

    record RouteTable(String id, String vpcId) {}

    record NetworkAcl(String id, String vpcId) {}

    /**
     * A spot instance request: {@code active} while its instance runs, then {@code open} until
     * {@code relaunchAt} (persistent) or {@code closed} (one-time); {@code cancelled} once cancelled.
     */
    record Spot(String id, String type, String state, String instanceId, String instanceType, String imageId, String subnetId,
            String securityGroupId, Instant relaunchAt) {

        Spot with(String newState, String newInstanceId, Instant newRelaunchAt) {
            return new Spot(id, type, newState, newInstanceId, instanceType, imageId, subnetId, securityGroupId, newRelaunchAt);
        }

        boolean live() {
            return "active".equals(state) || "open".equals(state);
        }
    }

    record InstanceProfile(String name, String arn, List<String> roles) {
        InstanceProfile {
            roles = List.copyOf(roles);
        }
    }

    /**
     * An instance; {@code visibleAt} is when EC2's eventual consistency lets it be described
     * (null: at once), {@code spotRequestId} the request that launched it (null: on demand).
     */
    record Instance(String id, String type, String imageId, String subnetId, String securityGroupId, String publicIp,
            String privateIp, Instant launchedAt, Instant terminatingAt, Instant terminatedAt, boolean impaired,
            boolean terminationProtection, String spotRequestId, Instant visibleAt, Boolean stopped) {

        InstanceDescription.State state(Instant now) {
            if (terminatingAt == null) {
                return Boolean.TRUE.equals(stopped) ? InstanceDescription.State.STOPPED : InstanceDescription.State.RUNNING;
            }
            return now.isBefore(terminatedAt) ? InstanceDescription.State.SHUTTING_DOWN : InstanceDescription.State.TERMINATED;
        }

        Instance terminating(Instant at, Instant done) {
            return new Instance(id, type, imageId, subnetId, securityGroupId, publicIp, privateIp, launchedAt, at, done, impaired,
                    terminationProtection, spotRequestId, visibleAt, stopped);
        }

        Instance withImpaired(boolean value) {
            return new Instance(id, type, imageId, subnetId, securityGroupId, publicIp, privateIp, launchedAt, terminatingAt,
                    terminatedAt, value, terminationProtection, spotRequestId, visibleAt, stopped);
        }

        Instance withTerminationProtection(boolean value) {
            return new Instance(id, type, imageId, subnetId, securityGroupId, publicIp, privateIp, launchedAt, terminatingAt,
                    terminatedAt, impaired, value, spotRequestId, visibleAt, stopped);
        }

        Instance withStopped(boolean value) {
            return new Instance(id, type, imageId, subnetId, securityGroupId, publicIp, privateIp, launchedAt, terminatingAt,
                    terminatedAt, impaired, terminationProtection, spotRequestId, visibleAt, value);
        }

        Instance withType(String value) {
            return new Instance(id, value, imageId, subnetId, securityGroupId, publicIp, privateIp, launchedAt, terminatingAt,
                    terminatedAt, impaired, terminationProtection, spotRequestId, visibleAt, stopped);
        }
    }

    record Listener(String arn, String protocol, int port, List<String> certificateDomains) {
        Listener {
            certificateDomains = certificateDomains == null ? List.of() : List.copyOf(certificateDomains);
        }
    }

    record LoadBalancer(String arn, String name, String dnsName, List<String> subnetIds, List<String> targetGroupArns,
            List<String> securityGroupIds, boolean deletionProtection, List<Listener> listeners) {
        LoadBalancer {
            subnetIds = List.copyOf(subnetIds);
            targetGroupArns = List.copyOf(targetGroupArns);
            securityGroupIds = securityGroupIds == null ? List.of() : List.copyOf(securityGroupIds);
            listeners = listeners == null ? List.of() : List.copyOf(listeners);
        }

        LoadBalancer with(List<String> tgs, boolean protection, List<Listener> newListeners) {
            return new LoadBalancer(arn, name, dnsName, subnetIds, tgs, securityGroupIds, protection, newListeners);
        }
    }

    record TargetGroup(String arn, String name, String vpcId) {}

    /** A distribution; {@code originReadTimeoutSeconds} null in files written before it was kept (CloudFront's 30 s). */
    record Dist(String id, String arn, String domainName, String etag, boolean enabled, Instant deployedAt,
            String callerReference, String comment, String priceClass, String httpVersion, List<CloudFrontOrigin> origins,
            List<CacheBehavior> cacheBehaviors, Map<String, String> tags, Integer originReadTimeoutSeconds, List<String> aliases) {

        Dist {
            aliases = aliases == null ? List.of() : List.copyOf(aliases); // absent in files written before aliases were kept
            origins = List.copyOf(origins);
            cacheBehaviors = List.copyOf(cacheBehaviors);
            tags = Map.copyOf(tags);
        }

        CloudFrontStatus status(Instant now) {
            return now.isBefore(deployedAt) ? CloudFrontStatus.IN_PROGRESS : CloudFrontStatus.DEPLOYED;
        }

        Dist changed(String newEtag, boolean newEnabled, Instant newDeployedAt) {
            return new Dist(id, arn, domainName, newEtag, newEnabled, newDeployedAt, callerReference, comment, priceClass,
                    httpVersion, origins, cacheBehaviors, tags, originReadTimeoutSeconds, aliases);
        }

        /** An outside change of the configuration: new ETag, {@code InProgress} until {@code newDeployedAt}. */
        Dist reconfigured(String newEtag, Instant newDeployedAt, String newPriceClass, List<CloudFrontOrigin> newOrigins,
                List<CacheBehavior> newBehaviors, List<String> newAliases) {
            return new Dist(id, arn, domainName, newEtag, enabled, newDeployedAt, callerReference, comment, newPriceClass,
                    httpVersion, newOrigins, newBehaviors, tags, originReadTimeoutSeconds, newAliases);
        }
    }

    private static final Pattern ALB_ARN = Pattern.compile(":loadbalancer/app/([^/]+)/");
    private static final Pattern TG_ARN = Pattern.compile(":targetgroup/([^/]+)/");
    private static final Pattern LB_NAME = Pattern.compile("^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?$");
    private static final List<String> ALL_METHODS = List.of("GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE");
    private static final List<String> CACHED_METHODS = List.of("GET", "HEAD");
    static final String DEFAULT_ORIGIN_ID = "alb-origin";
    /** The metered size EFS reports for an empty file system. */
    static final long EMPTY_FILE_SYSTEM_BYTES = 6144;

    /** The account in ARNs; while {@link #accountOpen}, the first adopted state that names one chooses it. */
    volatile String accountId;
    /** Whether nobody chose the account ({@code accountId(..)}) and the world has not been built on yet. */
    volatile boolean accountOpen;
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
    /** The region of each regional resource (absent: {@link #region}, the root cloud's). */
    final Map<String, String> regions = new LinkedHashMap<>();
    /** The region an adoption in progress creates resources in. */
    private String adoptRegion;

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

    /** Moves spot requests on, then removes what finished being deleted by {@code now}. */
    synchronized void settle(Instant now) {
        settleSpotRequests(now);
        for (Iterator<Map.Entry<String, Instant>> it = goneAt.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Instant> e = it.next();
            if (!e.getValue().isAfter(now)) {
                it.remove();
                Kind k = kinds.remove(e.getKey());
                if (k != null) {
                    resources.get(k).remove(e.getKey());
                }
                regions.remove(e.getKey());
            }
        }
    }

    /**
     * Persistent requests whose instance terminated open again and launch a replacement after
     * {@link Latencies#spotRelaunch()}; one-time requests close.
     */
    private void settleSpotRequests(Instant now) {
        for (Map.Entry<String, Object> e : new ArrayList<>(resources.get(Kind.SPOT_REQUEST).entrySet())) {
            Spot r = (Spot) e.getValue();
            if ("active".equals(r.state())) {
                Instance i = (Instance) resources.get(Kind.INSTANCE).get(r.instanceId());
                Instant ended = i == null ? now : i.terminatedAt();
                if (ended == null || ended.isAfter(now)) {
                    continue;
                }
                r = "persistent".equals(r.type()) ? r.with("open", r.instanceId(), ended.plus(latencies.vary(latencies.spotRelaunch(), ids)))
                        : r.with("closed", r.instanceId(), null);
                resources.get(Kind.SPOT_REQUEST).put(r.id(), r);
            }
            if ("open".equals(r.state()) && r.relaunchAt() != null && !r.relaunchAt().isAfter(now)) {
                String region = regionOf(r.id());
                if (!resources.get(Kind.SUBNET).containsKey(r.subnetId()) || !resources.get(Kind.SECURITY_GROUP).containsKey(r.securityGroupId())) {
                    resources.get(Kind.SPOT_REQUEST).put(r.id(), r.with("failed", r.instanceId(), null));
                    continue;
                }
                String instanceId = newInstance(region, r.instanceType(), r.imageId(), r.subnetId(), r.securityGroupId(),
                        r.relaunchAt(), r.id());
                resources.get(Kind.SPOT_REQUEST).put(r.id(), r.with("active", instanceId, null));
            }
        }
    }

    /** Deletes a resource now, or schedules its end after {@code latency}; either way its dependants are judged by it until then. */
    private void scheduleRemoval(String id, Instant now, Duration latency) {
        releaseInterfaces(id, now.plus(latency));
        if (latency.isZero()) {
            remove(id);
        } else {
            goneAt.put(id, now.plus(latency));
        }
    }

    /**
     * Schedules the end of the network interfaces AWS made for a resource that goes at
     * {@code ownerGone}: an instance's and a NAT gateway's go with it, a load balancer's, a mount
     * target's and an endpoint's linger for their retention.
     */
    private void releaseInterfaces(String ownerId, Instant ownerGone) {
        Kind owner = kinds.get(ownerId);
        if (owner == null) {
            return;
        }
        Duration keep = switch (owner) {
            case LOAD_BALANCER -> latencies.loadBalancerInterfaceRetention();
            case MOUNT_TARGET -> latencies.mountTargetInterfaceRetention();
            case VPC_ENDPOINT -> latencies.endpointInterfaceRetention();
            default -> Duration.ZERO;
        };
        for (Eni eni : interfacesOf(ownerId)) {
            Instant at = ownerGone.plus(latencies.vary(keep, ids));
            goneAt.merge(eni.id(), at, (a, b) -> a.isBefore(b) ? a : b);
        }
    }

    private List<Eni> interfacesOf(String ownerId) {
        return all(Kind.NETWORK_INTERFACE, Eni.class).stream().filter(e -> ownerId.equals(e.ownerId())).toList();
    }

    private <T> List<T> all(Kind kind, Class<T> type) {
        return resources.get(kind).values().stream().map(type::cast).toList();
    }

    String regionOf(String id) {
        return regions.getOrDefault(id, region);
    }

    /**
     * Finds a resource as a call from {@code ctx}'s region sees it: a regional resource of another
     * region does not exist there.
     */
    private Object find(Ctx ctx, Kind kind, String id) {
        if (id == null) {
            return null;
        }
        Object o = resources.get(kind).get(id);
        if (o == null || (!kind.global() && ctx.region() != null && !ctx.region().equals(regionOf(id)))) {
            return null;
        }
        return o;
    }

    private <T> T require(Ctx ctx, Kind kind, Class<T> type, String id, String code) {
        Object o = find(ctx, kind, id);
        if (o == null) {
            throw notFound(ctx, String.valueOf(id), code);
        }
        return type.cast(o);
    }

    private boolean deleting(String id) {
        return goneAt.containsKey(id);
    }

    // ---------------------------------------------------------------- metrics

    /**
     * The resource a metric's dimensions name, as a call from {@code ctx}'s region sees it, or
     * null: CloudWatch has no data for what does not exist there.
     */
    synchronized Object metricSubject(Ctx ctx, java.util.Map<String, String> dimensions) {
        if (dimensions.containsKey("DistributionId")) {
            return find(ctx, Kind.DISTRIBUTION, dimensions.get("DistributionId"));
        }
        if (dimensions.containsKey("LoadBalancer")) {
            String suffix = ":loadbalancer/" + dimensions.get("LoadBalancer");
            for (String arn : resources.get(Kind.LOAD_BALANCER).keySet()) {
                if (arn.endsWith(suffix)) {
                    return find(ctx, Kind.LOAD_BALANCER, arn);
                }
            }
            return null;
        }
        if (dimensions.containsKey("FileSystemId")) {
            return find(ctx, Kind.FILE_SYSTEM, dimensions.get("FileSystemId"));
        }
        return null;
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
                spec.comment(), spec.priceClass(), spec.httpVersion(), List.of(origin), List.of(behavior), spec.tags(),
                spec.originReadTimeoutSeconds(), List.of());
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

    /** As {@code GetDistribution} answers: without tags, which only {@code ListTagsForResource} reads. */
    private Distribution describe(Dist d, Instant now) {
        return new Distribution(d.id(), d.arn(), d.domainName(), d.status(now), d.enabled(), d.etag(),
                Optional.ofNullable(d.priceClass()), Optional.ofNullable(d.callerReference()), d.origins(), d.cacheBehaviors(),
                d.aliases(), Map.of());
    }

    synchronized Map<String, String> distributionTags(Ctx ctx, String arn) {
        for (Object o : resources.get(Kind.DISTRIBUTION).values()) {
            Dist d = (Dist) o;
            if (d.arn().equals(arn)) {
                return d.tags();
            }
        }
        throw notFound(ctx, String.valueOf(arn), "NoSuchResource");
    }

    /** The origin read timeout the distribution was created with (CloudFront's default, 30 s, when none was given). */
    synchronized int originReadTimeoutSeconds(Ctx ctx, String id) {
        Integer t = dist(ctx, id).originReadTimeoutSeconds();
        return t == null ? 30 : t;
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
        if (i.terminationProtection()) {
            throw new CloudOperationException(ctx.operation(), "OperationNotPermitted", ctx.requestId(), 400, false,
                    "The instance '" + id + "' may not be terminated. Modify its 'disableApiTermination' instance attribute "
                            + "and try again.", null);
        }
        Instant done = ctx.now().plus(latencies.applied(SimOperation.TERMINATE_INSTANCE, ids));
        resources.get(Kind.INSTANCE).put(id, i.terminating(ctx.now(), done));
        goneAt.put(id, done.plus(latencies.terminatedRetention()));
        releaseInterfaces(id, done);
    }

    synchronized boolean terminationProtection(Ctx ctx, String id) {
        return instance(ctx, id).terminationProtection();
    }

    synchronized void setTerminationProtection(Ctx ctx, String id, boolean enabled) {
        resources.get(Kind.INSTANCE).put(id, instance(ctx, id).withTerminationProtection(enabled));
    }

    /** The spot request id of an instance, as {@code DescribeInstances} reports it. */
    synchronized Optional<String> spotRequestIdOf(Ctx ctx, String instanceId) {
        return Optional.ofNullable(instance(ctx, instanceId).spotRequestId());
    }

    synchronized ComputePort.SpotRequest describeSpotRequest(Ctx ctx, String requestId) {
        Spot r = require(ctx, Kind.SPOT_REQUEST, Spot.class, requestId, "InvalidSpotInstanceRequestID.NotFound");
        return new ComputePort.SpotRequest(r.id(), r.type(), r.state());
    }

    synchronized void cancelSpotRequest(Ctx ctx, String requestId) {
        Spot r = require(ctx, Kind.SPOT_REQUEST, Spot.class, requestId, "InvalidSpotInstanceRequestID.NotFound");
        if (r.live()) {
            resources.get(Kind.SPOT_REQUEST).put(requestId, r.with("cancelled", r.instanceId(), null));
        }
    }

    // ------------------------------------------------- changes made outside TierState (console, CLI)

    /** {@code StopInstances}: a running instance stops (at once here); stopping a stopped one changes nothing. */
    synchronized void stopInstance(Ctx ctx, String id) {
        Instance i = instance(ctx, id);
        InstanceDescription.State state = i.state(ctx.now());
        if (state == InstanceDescription.State.STOPPED) {
            return;
        }
        if (state != InstanceDescription.State.RUNNING) {
            throw incorrectState(ctx, id, state, "stop");
        }
        resources.get(Kind.INSTANCE).put(id, i.withStopped(true));
    }

    /** {@code StartInstances}: a stopped instance runs again. */
    synchronized void startInstance(Ctx ctx, String id) {
        Instance i = instance(ctx, id);
        InstanceDescription.State state = i.state(ctx.now());
        if (state == InstanceDescription.State.RUNNING) {
            return;
        }
        if (state != InstanceDescription.State.STOPPED) {
            throw incorrectState(ctx, id, state, "start");
        }
        resources.get(Kind.INSTANCE).put(id, i.withStopped(false));
    }

    /** {@code ModifyInstanceAttribute instanceType}: EC2 changes the type of a stopped instance only. */
    synchronized void modifyInstanceType(Ctx ctx, String id, String type) {
        Instance i = instance(ctx, id);
        gpuSpec(ctx, type); // a malformed type is refused as EC2 refuses it
        InstanceDescription.State state = i.state(ctx.now());
        if (state != InstanceDescription.State.STOPPED) {
            throw incorrectState(ctx, id, state, "modify the instance type of");
        }
        resources.get(Kind.INSTANCE).put(id, i.withType(type));
    }

    private static CloudOperationException incorrectState(Ctx ctx, String id, InstanceDescription.State state, String what) {
        return new CloudOperationException(ctx.operation(), "IncorrectInstanceState", ctx.requestId(), 400, false,
                "The instance '" + id + "' is not in a state from which it can " + what + " (it is "
                        + state.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ")", null);
    }

    private static final List<String> PRICE_CLASSES = List.of("PriceClass_100", "PriceClass_200", "PriceClass_All");

    /**
     * {@code UpdateDistribution} from outside: the configuration changes, the ETag moves on and the
     * distribution is {@code InProgress} while the change propagates.
     */
    synchronized void reconfigureDistribution(Ctx ctx, String id, java.util.function.UnaryOperator<Dist> change) {
        Dist d = dist(ctx, id);
        Dist next = change.apply(d);
        if (next.priceClass() != null && !PRICE_CLASSES.contains(next.priceClass())) {
            throw invalid(ctx, "InvalidArgument", "PriceClass " + next.priceClass() + " is not one of " + PRICE_CLASSES);
        }
        for (String alias : next.aliases()) {
            for (Object o : resources.get(Kind.DISTRIBUTION).values()) {
                Dist other = (Dist) o;
                if (!other.id().equals(id) && other.aliases().contains(alias)) {
                    throw conflict(ctx, "CNAMEAlreadyExists", "One or more of the CNAMEs you provided are already associated"
                            + " with a different resource: " + alias + " (distribution " + other.id() + ")");
                }
            }
        }
        java.util.Set<String> originIds = new java.util.HashSet<>();
        next.origins().forEach(o -> originIds.add(o.id()));
        if (originIds.size() != next.origins().size()) {
            throw invalid(ctx, "InvalidArgument", "origin ids must be unique within a distribution");
        }
        java.util.Set<String> patterns = new java.util.HashSet<>();
        for (CacheBehavior b : next.cacheBehaviors()) {
            if (!originIds.contains(b.targetOriginId())) {
                throw invalid(ctx, "NoSuchOrigin", "One or more of your origins or origin groups do not exist: "
                        + b.targetOriginId());
            }
            if (!patterns.add(b.pathPattern())) {
                throw invalid(ctx, "InvalidArgument", "the path pattern " + b.pathPattern() + " is used by two cache behaviors");
            }
        }
        resources.get(Kind.DISTRIBUTION).put(id, next.reconfigured(newEtag(),
                ctx.now().plus(latencies.applied(SimOperation.UPDATE_DISTRIBUTION, ids)), next.priceClass(), next.origins(),
                next.cacheBehaviors(), next.aliases()));
    }

    /** Files written through a mount target: the metered size grows. */
    synchronized void growFileSystem(Ctx ctx, String id, long bytes) {
        FileSystem fs = require(ctx, Kind.FILE_SYSTEM, FileSystem.class, id, "FileSystemNotFound");
        resources.get(Kind.FILE_SYSTEM).put(id, new FileSystem(fs.id(), Math.max(EMPTY_FILE_SYSTEM_BYTES, fs.sizeBytes() + bytes),
                fs.replicationDestinations(), fs.replicaOf()));
    }

    synchronized void setImpaired(Ctx ctx, String id, boolean impaired) {
        resources.get(Kind.INSTANCE).put(id, require(ctx, Kind.INSTANCE, Instance.class, id, "InvalidInstanceID.NotFound")
                .withImpaired(impaired));
    }

    /** World building: turns termination protection on or off, visible or not yet. */
    synchronized void protectInstance(Ctx ctx, String id, boolean enabled) {
        resources.get(Kind.INSTANCE).put(id, require(ctx, Kind.INSTANCE, Instance.class, id, "InvalidInstanceID.NotFound")
                .withTerminationProtection(enabled));
    }

    /** An instance as a call sees it: not in another region, and not before EC2's eventual consistency shows it. */
    private Instance instance(Ctx ctx, String id) {
        Instance i = (Instance) find(ctx, Kind.INSTANCE, id);
        if (i == null || (i.visibleAt() != null && ctx.now().isBefore(i.visibleAt()))) {
            throw notFound(ctx, String.valueOf(id), "InvalidInstanceID.NotFound");
        }
        return i;
    }

    private String newInstance(String inRegion, String type, String imageId, String subnetId, String securityGroupId,
            Instant launchedAt, String spotRequestId) {
        String id = unused("i-", () -> ids.hex(17));
        put(Kind.INSTANCE, id, new Instance(id, type, imageId, subnetId, securityGroupId, publicIp(), privateIp(), launchedAt,
                null, null, false, false, spotRequestId, launchedAt.plus(latencies.eventualConsistency()), null), inRegion);
        newInterface(inRegion, subnetId, securityGroupId == null ? List.of() : List.of(securityGroupId), "interface", "", id, id);
        return id;
    }

    // ---------------------------------------------------------------- ELB

    synchronized LoadBalancerDescription describeLoadBalancer(Ctx ctx, String arn) {
        LoadBalancer lb = loadBalancer(ctx, arn);
        return new LoadBalancerDescription(lb.arn(), lb.dnsName(), "active"); // AWS has no "deleting" state
    }

    synchronized void deleteLoadBalancer(Ctx ctx, String arn) {
        LoadBalancer lb = loadBalancer(ctx, arn);
        if (lb.deletionProtection()) {
            throw new CloudOperationException(ctx.operation(), "OperationNotPermitted", ctx.requestId(), 400, false,
                    "Load balancer '" + arn + "' cannot be deleted because deletion protection is enabled", null);
        }
        if (!deleting(arn)) {
            scheduleRemoval(arn, ctx.now(), latencies.applied(SimOperation.DELETE_LOAD_BALANCER, ids));
        }
    }

    synchronized void deleteTargetGroup(Ctx ctx, String arn) {
        if (find(ctx, Kind.TARGET_GROUP, arn) == null) {
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

    synchronized LoadBalancingPort.TargetGroupDescription describeTargetGroup(Ctx ctx, String arn) {
        require(ctx, Kind.TARGET_GROUP, TargetGroup.class, arn, "TargetGroupNotFound");
        List<String> users = all(Kind.LOAD_BALANCER, LoadBalancer.class).stream()
                .filter(lb -> lb.targetGroupArns().contains(arn)).map(LoadBalancer::arn).toList();
        return new LoadBalancingPort.TargetGroupDescription(arn, users);
    }

    synchronized boolean deletionProtection(Ctx ctx, String arn) {
        return loadBalancer(ctx, arn).deletionProtection();
    }

    synchronized void setDeletionProtection(Ctx ctx, String arn, boolean enabled) {
        LoadBalancer lb = loadBalancer(ctx, arn);
        resources.get(Kind.LOAD_BALANCER).put(arn, lb.with(lb.targetGroupArns(), enabled, lb.listeners()));
    }

    synchronized List<LoadBalancingPort.Listener> listeners(Ctx ctx, String arn) {
        return loadBalancer(ctx, arn).listeners().stream()
                .map(l -> new LoadBalancingPort.Listener(l.arn(), l.protocol(), l.port(), l.certificateDomains())).toList();
    }

    private Optional<String> targetGroupUser(String tgArn) {
        return resources.get(Kind.LOAD_BALANCER).values().stream().map(LoadBalancer.class::cast)
                .filter(lb -> lb.targetGroupArns().contains(tgArn)).map(LoadBalancer::arn).findFirst();
    }

    private LoadBalancer loadBalancer(Ctx ctx, String arn) {
        return require(ctx, Kind.LOAD_BALANCER, LoadBalancer.class, arn, "LoadBalancerNotFound");
    }

    // ---------------------------------------------------------------- EFS

    synchronized List<FileSystemPort.MountTarget> mountTargets(Ctx ctx, String fileSystemId) {
        if (find(ctx, Kind.FILE_SYSTEM, fileSystemId) == null) {
            throw notFound(ctx, String.valueOf(fileSystemId), "FileSystemNotFound");
        }
        List<FileSystemPort.MountTarget> out = new ArrayList<>();
        for (MountTarget mt : mountTargetsOf(fileSystemId)) {
            Optional<String> eni = interfacesOf(mt.id()).stream().map(Eni::id).findFirst();
            out.add(new FileSystemPort.MountTarget(mt.id(), fileSystemId, deleting(mt.id()) ? "deleting" : "available", eni));
        }
        return out;
    }

    synchronized void deleteMountTarget(Ctx ctx, String id) {
        if (find(ctx, Kind.MOUNT_TARGET, id) == null) {
            throw notFound(ctx, String.valueOf(id), "MountTargetNotFound");
        }
        deleteWithLatency(ctx, id, SimOperation.DELETE_MOUNT_TARGET);
    }

    synchronized void deleteFileSystem(Ctx ctx, String id) {
        FileSystem fs = require(ctx, Kind.FILE_SYSTEM, FileSystem.class, id, "FileSystemNotFound");
        List<MountTarget> mts = mountTargetsOf(id);
        if (!mts.isEmpty()) {
            throw inUse(ctx, 409, "FileSystemInUse", "file system " + id + " still has " + mts.size() + " mount target(s) "
                    + mts.stream().map(MountTarget::id).toList() + ": delete them and wait until they are gone, then retry");
        }
        List<String> aps = accessPointsOf(id);
        if (!aps.isEmpty()) {
            throw inUse(ctx, 409, "FileSystemInUse", "file system " + id + " still has " + aps.size() + " access point(s) " + aps
                    + ": delete them first");
        }
        if (!fs.replicationDestinations().isEmpty() || fs.replicaOf() != null) {
            throw inUse(ctx, 409, "FileSystemInUse", "file system " + id + " is part of a replication configuration ("
                    + (fs.replicaOf() != null ? "replica of " + fs.replicaOf() : "replicates to " + fs.replicationDestinations())
                    + "): delete the replication configuration first");
        }
        deleteWithLatency(ctx, id, SimOperation.DELETE_FILE_SYSTEM);
    }

    synchronized FileSystemPort.FileSystemDescription describeFileSystem(Ctx ctx, String id) {
        FileSystem fs = require(ctx, Kind.FILE_SYSTEM, FileSystem.class, id, "FileSystemNotFound");
        return new FileSystemPort.FileSystemDescription(id, deleting(id) ? "deleting" : "available", fs.sizeBytes());
    }

    synchronized List<String> accessPoints(Ctx ctx, String fileSystemId) {
        require(ctx, Kind.FILE_SYSTEM, FileSystem.class, fileSystemId, "FileSystemNotFound");
        return accessPointsOf(fileSystemId);
    }

    synchronized void deleteAccessPoint(Ctx ctx, String id) {
        require(ctx, Kind.ACCESS_POINT, AccessPoint.class, id, "AccessPointNotFound");
        deleteWithLatency(ctx, id, SimOperation.DELETE_ACCESS_POINT);
    }

    synchronized List<String> replicationDestinations(Ctx ctx, String fileSystemId) {
        return require(ctx, Kind.FILE_SYSTEM, FileSystem.class, fileSystemId, "FileSystemNotFound").replicationDestinations();
    }

    /** Deletes the replication configuration of a source (or of a replica: then its source's); the replica is kept, writable. */
    synchronized void deleteReplicationConfiguration(Ctx ctx, String fileSystemId) {
        FileSystem fs = require(ctx, Kind.FILE_SYSTEM, FileSystem.class, fileSystemId, "FileSystemNotFound");
        FileSystem source = fs.replicaOf() != null ? (FileSystem) resources.get(Kind.FILE_SYSTEM).get(fs.replicaOf()) : fs;
        if (source == null || source.replicationDestinations().isEmpty()) {
            throw notFound(ctx, fileSystemId, "ReplicationNotFound");
        }
        for (String dest : source.replicationDestinations()) {
            Object d = resources.get(Kind.FILE_SYSTEM).get(dest);
            if (d instanceof FileSystem replica) {
                resources.get(Kind.FILE_SYSTEM).put(dest, new FileSystem(dest, replica.sizeBytes(), List.of(), null));
            }
        }
        resources.get(Kind.FILE_SYSTEM).put(source.id(), new FileSystem(source.id(), source.sizeBytes(), List.of(), null));
    }

    private List<MountTarget> mountTargetsOf(String fileSystemId) {
        return resources.get(Kind.MOUNT_TARGET).values().stream().map(MountTarget.class::cast)
                .filter(mt -> fileSystemId.equals(mt.fileSystemId())).toList();
    }

    private List<String> accessPointsOf(String fileSystemId) {
        return all(Kind.ACCESS_POINT, AccessPoint.class).stream().filter(ap -> fileSystemId.equals(ap.fileSystemId()))
                .map(AccessPoint::id).toList();
    }

    // ---------------------------------------------------------------- IAM

    synchronized void deleteInstanceProfile(Ctx ctx, String name) {
        InstanceProfile p = require(ctx, Kind.INSTANCE_PROFILE, InstanceProfile.class, name, "NoSuchEntity");
        resources.get(Kind.INSTANCE_PROFILE).put(name, new InstanceProfile(p.name(), p.arn(), List.of()));
        deleteWithLatency(ctx, name, SimOperation.DELETE_INSTANCE_PROFILE);
    }

    synchronized void deleteRole(Ctx ctx, String name) {
        Role role = require(ctx, Kind.IAM_ROLE, Role.class, name, "NoSuchEntity");
        List<String> profiles = profilesHolding(name);
        if (!profiles.isEmpty()) {
            throw inUse(ctx, 409, "DeleteConflict", "role " + name + " is still in instance profile(s) " + String.join(", ", profiles)
                    + ": remove it from every profile (or delete the profiles) first");
        }
        if (!role.managedPolicies().isEmpty() || !role.inlinePolicies().isEmpty()) {
            throw inUse(ctx, 409, "DeleteConflict", "Cannot delete entity, must detach all policies first (role " + name
                    + " has managed policies " + role.managedPolicies() + " and inline policies " + role.inlinePolicies() + ")");
        }
        deleteWithLatency(ctx, name, SimOperation.DELETE_ROLE);
    }

    synchronized String roleArn(Ctx ctx, String name) {
        return require(ctx, Kind.IAM_ROLE, Role.class, name, "NoSuchEntity").arn();
    }

    synchronized List<String> instanceProfilesForRole(Ctx ctx, String name) {
        require(ctx, Kind.IAM_ROLE, Role.class, name, "NoSuchEntity");
        return profilesHolding(name);
    }

    synchronized IdentityPort.InstanceProfileDescription describeInstanceProfile(Ctx ctx, String name) {
        InstanceProfile p = require(ctx, Kind.INSTANCE_PROFILE, InstanceProfile.class, name, "NoSuchEntity");
        return new IdentityPort.InstanceProfileDescription(p.name(), p.arn(), p.roles());
    }

    synchronized void removeRoleFromInstanceProfile(Ctx ctx, String profileName, String roleName) {
        InstanceProfile p = require(ctx, Kind.INSTANCE_PROFILE, InstanceProfile.class, profileName, "NoSuchEntity");
        if (!p.roles().contains(roleName)) {
            throw notFound(ctx, roleName + " in instance profile " + profileName, "NoSuchEntity");
        }
        List<String> roles = new ArrayList<>(p.roles());
        roles.remove(roleName);
        resources.get(Kind.INSTANCE_PROFILE).put(profileName, new InstanceProfile(p.name(), p.arn(), roles));
    }

    synchronized List<String> attachedPolicies(Ctx ctx, String roleName) {
        return require(ctx, Kind.IAM_ROLE, Role.class, roleName, "NoSuchEntity").managedPolicies();
    }

    synchronized List<String> inlinePolicies(Ctx ctx, String roleName) {
        return require(ctx, Kind.IAM_ROLE, Role.class, roleName, "NoSuchEntity").inlinePolicies();
    }

    synchronized void detachRolePolicy(Ctx ctx, String roleName, String policyArn) {
        Role role = require(ctx, Kind.IAM_ROLE, Role.class, roleName, "NoSuchEntity");
        if (!role.managedPolicies().contains(policyArn)) {
            throw notFound(ctx, policyArn + " attached to role " + roleName, "NoSuchEntity");
        }
        List<String> managed = new ArrayList<>(role.managedPolicies());
        managed.remove(policyArn);
        resources.get(Kind.IAM_ROLE).put(roleName, role.withPolicies(managed, role.inlinePolicies()));
    }

    synchronized void deleteRolePolicy(Ctx ctx, String roleName, String policyName) {
        Role role = require(ctx, Kind.IAM_ROLE, Role.class, roleName, "NoSuchEntity");
        if (!role.inlinePolicies().contains(policyName)) {
            throw notFound(ctx, "inline policy " + policyName + " of role " + roleName, "NoSuchEntity");
        }
        List<String> inline = new ArrayList<>(role.inlinePolicies());
        inline.remove(policyName);
        resources.get(Kind.IAM_ROLE).put(roleName, role.withPolicies(role.managedPolicies(), inline));
    }

    private List<String> profilesHolding(String roleName) {
        return resources.get(Kind.INSTANCE_PROFILE).values().stream().map(InstanceProfile.class::cast)
                .filter(p -> p.roles().contains(roleName)).map(InstanceProfile::name).toList();
    }

    // ---------------------------------------------------------------- network

    synchronized void deleteSecurityGroup(Ctx ctx, String id) {
        if (find(ctx, Kind.SECURITY_GROUP, id) == null) {
            throw notFound(ctx, String.valueOf(id), "InvalidGroup.NotFound");
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
        for (LoadBalancer lb : all(Kind.LOAD_BALANCER, LoadBalancer.class)) {
            if (lb.securityGroupIds().contains(id)) {
                users.add("load balancer " + lb.name() + (deleting(lb.arn()) ? " (deleting)" : ""));
            }
        }
        interfacesNotNamedByOwner(users, eni -> eni.groupIds().contains(id));
        for (SecurityGroupReference ref : referencesTo(id)) {
            users.add("the rule " + ref + " of another security group");
        }
        if (!users.isEmpty()) {
            throw inUse(ctx, "DependencyViolation", "resource " + id + " has a dependent object: " + String.join(", ", users)
                    + " still use(s) it; wait until they are terminated or gone, then retry");
        }
        deleteWithLatency(ctx, id, SimOperation.DELETE_SECURITY_GROUP);
    }

    synchronized void deleteSubnet(Ctx ctx, String id) {
        if (find(ctx, Kind.SUBNET, id) == null) {
            throw notFound(ctx, String.valueOf(id), "InvalidSubnetID.NotFound");
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
        interfacesNotNamedByOwner(users, eni -> id.equals(eni.subnetId()));
        if (!users.isEmpty()) {
            throw inUse(ctx, "DependencyViolation", "the subnet " + id + " has dependencies and cannot be deleted: "
                    + String.join(", ", users) + "; wait until they are gone, then retry");
        }
        deleteWithLatency(ctx, id, SimOperation.DELETE_SUBNET);
    }

    /**
     * Adds the network interfaces that {@code uses} selects and that no instance, mount target or
     * load balancer listed already accounts for: those left by a deleted owner, and those of
     * endpoints and NAT gateways.
     */
    private void interfacesNotNamedByOwner(List<String> users, java.util.function.Predicate<Eni> uses) {
        for (Eni eni : all(Kind.NETWORK_INTERFACE, Eni.class)) {
            if (!uses.test(eni)) {
                continue;
            }
            Kind owner = kinds.get(eni.ownerId());
            if (owner != Kind.INSTANCE && owner != Kind.MOUNT_TARGET && owner != Kind.LOAD_BALANCER) {
                users.add("network interface " + eni.id() + " (" + (eni.description().isEmpty() ? eni.type() : eni.description()) + ")");
            }
        }
    }

    synchronized void deleteVpc(Ctx ctx, String id) {
        if (find(ctx, Kind.VPC, id) == null) {
            throw notFound(ctx, String.valueOf(id), "InvalidVpcID.NotFound");
        }
        List<String> users = new ArrayList<>();
        all(Kind.SUBNET, Subnet.class).stream().filter(x -> id.equals(x.vpcId())).forEach(x -> users.add("subnet " + x.id()));
        all(Kind.SECURITY_GROUP, SecurityGroup.class).stream().filter(x -> id.equals(x.vpcId()))
                .forEach(x -> users.add("security group " + x.id()));
        all(Kind.INTERNET_GATEWAY, InternetGateway.class).stream().filter(x -> id.equals(x.attachedVpcId()))
                .forEach(x -> users.add("internet gateway " + x.id() + " (attached)"));
        all(Kind.EGRESS_ONLY_INTERNET_GATEWAY, EgressOnlyGateway.class).stream().filter(x -> id.equals(x.vpcId()))
                .forEach(x -> users.add("egress-only internet gateway " + x.id()));
        all(Kind.NAT_GATEWAY, NatGateway.class).stream().filter(x -> id.equals(x.vpcId()))
                .forEach(x -> users.add("NAT gateway " + x.id() + (deleting(x.id()) ? " (deleting)" : "")));
        all(Kind.VPC_ENDPOINT, Endpoint.class).stream().filter(x -> id.equals(x.vpcId()))
                .forEach(x -> users.add("VPC endpoint " + x.id() + (deleting(x.id()) ? " (deleting)" : "")));
        all(Kind.ROUTE_TABLE, RouteTable.class).stream().filter(x -> id.equals(x.vpcId()))
                .forEach(x -> users.add("route table " + x.id()));
        all(Kind.NETWORK_ACL, NetworkAcl.class).stream().filter(x -> id.equals(x.vpcId()))
                .forEach(x -> users.add("network ACL " + x.id()));
        if (!users.isEmpty()) {
            throw inUse(ctx, "DependencyViolation", "the vpc " + id + " has dependencies and cannot be deleted: "
                    + String.join(", ", users) + "; delete them first");
        }
        deleteWithLatency(ctx, id, SimOperation.DELETE_VPC);
    }

    synchronized NetworkPort.SecurityGroupDescription describeSecurityGroup(Ctx ctx, String id) {
        SecurityGroup g = require(ctx, Kind.SECURITY_GROUP, SecurityGroup.class, id, "InvalidGroup.NotFound");
        return new NetworkPort.SecurityGroupDescription(g.id(), g.vpcId(), g.name());
    }

    synchronized List<SecurityGroupReference> securityGroupReferences(Ctx ctx, String groupId) {
        return referencesTo(groupId).stream().filter(r -> find(ctx, Kind.SECURITY_GROUP, r.groupId()) != null).toList();
    }

    private List<SecurityGroupReference> referencesTo(String groupId) {
        List<SecurityGroupReference> out = new ArrayList<>();
        for (SecurityGroup g : all(Kind.SECURITY_GROUP, SecurityGroup.class)) {
            for (GroupRule r : g.rules()) {
                if (groupId.equals(r.referencedGroupId()) && !g.id().equals(groupId)) {
                    out.add(new SecurityGroupReference(g.id(), g.name(), r.direction(), r.rule()));
                }
            }
        }
        return out;
    }

    synchronized NetworkPort.SubnetDescription describeSubnet(Ctx ctx, String id) {
        Subnet s = require(ctx, Kind.SUBNET, Subnet.class, id, "InvalidSubnetID.NotFound");
        return new NetworkPort.SubnetDescription(s.id(), s.vpcId());
    }

    synchronized NetworkPort.VpcDescription describeVpc(Ctx ctx, String id) {
        Vpc v = require(ctx, Kind.VPC, Vpc.class, id, "InvalidVpcID.NotFound");
        return new NetworkPort.VpcDescription(v.id(), v.isDefault());
    }

    synchronized List<NetworkPort.InternetGateway> internetGateways(Ctx ctx, String vpcId, Map<String, String> stackTags) {
        require(ctx, Kind.VPC, Vpc.class, vpcId, "InvalidVpcID.NotFound");
        List<NetworkPort.InternetGateway> out = new ArrayList<>();
        for (InternetGateway g : all(Kind.INTERNET_GATEWAY, InternetGateway.class)) {
            if (find(ctx, Kind.INTERNET_GATEWAY, g.id()) == null) {
                continue;
            }
            boolean attached = vpcId.equals(g.attachedVpcId());
            boolean strayOfTheStack = g.attachedVpcId() == null && !stackTags.isEmpty()
                    && g.tags().entrySet().containsAll(stackTags.entrySet());
            if (attached || strayOfTheStack) {
                out.add(new NetworkPort.InternetGateway(g.id(), Optional.ofNullable(g.attachedVpcId())));
            }
        }
        return out;
    }

    synchronized List<String> egressOnlyInternetGateways(Ctx ctx, String vpcId) {
        require(ctx, Kind.VPC, Vpc.class, vpcId, "InvalidVpcID.NotFound");
        return all(Kind.EGRESS_ONLY_INTERNET_GATEWAY, EgressOnlyGateway.class).stream().filter(g -> vpcId.equals(g.vpcId()))
                .map(EgressOnlyGateway::id).toList();
    }

    synchronized List<NetworkPort.NatGateway> natGateways(Ctx ctx, String vpcId) {
        require(ctx, Kind.VPC, Vpc.class, vpcId, "InvalidVpcID.NotFound");
        return all(Kind.NAT_GATEWAY, NatGateway.class).stream().filter(g -> vpcId.equals(g.vpcId()))
                .map(g -> new NetworkPort.NatGateway(g.id(), deleting(g.id()) ? "deleting" : "available", g.allocationIds())).toList();
    }

    synchronized List<NetworkPort.VpcEndpoint> vpcEndpoints(Ctx ctx, String vpcId) {
        require(ctx, Kind.VPC, Vpc.class, vpcId, "InvalidVpcID.NotFound");
        return all(Kind.VPC_ENDPOINT, Endpoint.class).stream().filter(e -> vpcId.equals(e.vpcId()))
                .map(e -> new NetworkPort.VpcEndpoint(e.id(), e.type(), deleting(e.id()) ? "deleting" : "available")).toList();
    }

    synchronized List<String> routeTables(Ctx ctx, String vpcId) {
        require(ctx, Kind.VPC, Vpc.class, vpcId, "InvalidVpcID.NotFound");
        return all(Kind.ROUTE_TABLE, RouteTable.class).stream().filter(t -> vpcId.equals(t.vpcId())).map(RouteTable::id).toList();
    }

    synchronized List<String> networkAcls(Ctx ctx, String vpcId) {
        require(ctx, Kind.VPC, Vpc.class, vpcId, "InvalidVpcID.NotFound");
        return all(Kind.NETWORK_ACL, NetworkAcl.class).stream().filter(a -> vpcId.equals(a.vpcId())).map(NetworkAcl::id).toList();
    }

    synchronized List<NetworkPort.NetworkInterface> networkInterfaces(Ctx ctx, NetworkPort.InterfaceFilter filter, String value) {
        List<NetworkPort.NetworkInterface> out = new ArrayList<>();
        for (Eni eni : all(Kind.NETWORK_INTERFACE, Eni.class)) {
            boolean match = switch (filter) {
                case VPC -> value.equals(eni.vpcId());
                case SUBNET -> value.equals(eni.subnetId());
                case SECURITY_GROUP -> eni.groupIds().contains(value);
            };
            if (match && find(ctx, Kind.NETWORK_INTERFACE, eni.id()) != null) {
                Instance attached = (Instance) resources.get(Kind.INSTANCE).get(eni.attachedInstanceId());
                out.add(new NetworkPort.NetworkInterface(eni.id(), "in-use", eni.type(), eni.description(),
                        attached == null ? Optional.empty() : Optional.of(attached.id())));
            }
        }
        return out;
    }

    synchronized void detachInternetGateway(Ctx ctx, String gatewayId, String vpcId) {
        InternetGateway g = require(ctx, Kind.INTERNET_GATEWAY, InternetGateway.class, gatewayId, "InvalidInternetGatewayID.NotFound");
        if (vpcId == null || !vpcId.equals(g.attachedVpcId())) {
            throw invalid(ctx, "Gateway.NotAttached", "resource " + gatewayId + " is not attached to network " + vpcId
                    + (g.attachedVpcId() == null ? " (it is detached)" : " (it is attached to " + g.attachedVpcId() + ")"));
        }
        resources.get(Kind.INTERNET_GATEWAY).put(gatewayId, new InternetGateway(gatewayId, null, g.tags()));
    }

    synchronized void deleteInternetGateway(Ctx ctx, String gatewayId) {
        InternetGateway g = require(ctx, Kind.INTERNET_GATEWAY, InternetGateway.class, gatewayId, "InvalidInternetGatewayID.NotFound");
        if (g.attachedVpcId() != null) {
            throw inUse(ctx, "DependencyViolation", "The internetGateway '" + gatewayId + "' has dependencies and cannot be deleted: "
                    + "it is attached to " + g.attachedVpcId() + "; detach it first");
        }
        deleteWithLatency(ctx, gatewayId, SimOperation.DELETE_INTERNET_GATEWAY);
    }

    synchronized void deleteEgressOnlyInternetGateway(Ctx ctx, String gatewayId) {
        require(ctx, Kind.EGRESS_ONLY_INTERNET_GATEWAY, EgressOnlyGateway.class, gatewayId, "InvalidGatewayID.NotFound");
        deleteWithLatency(ctx, gatewayId, SimOperation.DELETE_EGRESS_ONLY_INTERNET_GATEWAY);
    }

    synchronized void deleteNatGateway(Ctx ctx, String natGatewayId) {
        require(ctx, Kind.NAT_GATEWAY, NatGateway.class, natGatewayId, "NatGatewayNotFound");
        deleteWithLatency(ctx, natGatewayId, SimOperation.DELETE_NAT_GATEWAY);
    }

    synchronized void releaseAddress(Ctx ctx, String allocationId) {
        ElasticIp ip = require(ctx, Kind.ELASTIC_IP, ElasticIp.class, allocationId, "InvalidAllocationID.NotFound");
        if (ip.natGatewayId() != null && kinds.get(ip.natGatewayId()) == Kind.NAT_GATEWAY) {
            throw inUse(ctx, "InvalidIPAddress.InUse", "Address " + ip.publicIp() + " (" + allocationId + ") is in use by NAT gateway "
                    + ip.natGatewayId() + (deleting(ip.natGatewayId()) ? " (deleting)" : "")
                    + "; release it once the NAT gateway is deleted");
        }
        deleteWithLatency(ctx, allocationId, SimOperation.RELEASE_ADDRESS);
    }

    synchronized void deleteVpcEndpoint(Ctx ctx, String endpointId) {
        require(ctx, Kind.VPC_ENDPOINT, Endpoint.class, endpointId, "InvalidVpcEndpointId.NotFound");
        deleteWithLatency(ctx, endpointId, SimOperation.DELETE_VPC_ENDPOINT);
    }

    synchronized void deleteRouteTable(Ctx ctx, String routeTableId) {
        Optional<Vpc> mainOf = all(Kind.VPC, Vpc.class).stream().filter(v -> routeTableId.equals(v.mainRouteTableId())).findFirst();
        if (mainOf.isPresent() && find(ctx, Kind.VPC, mainOf.get().id()) != null) {
            throw inUse(ctx, "DependencyViolation", "The routeTable '" + routeTableId + "' has dependencies and cannot be deleted: "
                    + "it is the main route table of " + mainOf.get().id() + ", which goes with the VPC");
        }
        require(ctx, Kind.ROUTE_TABLE, RouteTable.class, routeTableId, "InvalidRouteTableID.NotFound");
        deleteWithLatency(ctx, routeTableId, SimOperation.DELETE_ROUTE_TABLE);
    }

    synchronized void deleteNetworkAcl(Ctx ctx, String networkAclId) {
        Optional<Vpc> defaultOf = all(Kind.VPC, Vpc.class).stream().filter(v -> networkAclId.equals(v.defaultNetworkAclId())).findFirst();
        if (defaultOf.isPresent() && find(ctx, Kind.VPC, defaultOf.get().id()) != null) {
            throw invalid(ctx, "InvalidParameterValue", "cannot delete default network ACL " + networkAclId + " of "
                    + defaultOf.get().id() + "; it goes with the VPC");
        }
        require(ctx, Kind.NETWORK_ACL, NetworkAcl.class, networkAclId, "InvalidNetworkAclID.NotFound");
        deleteWithLatency(ctx, networkAclId, SimOperation.DELETE_NETWORK_ACL);
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
        Object r = resources.get(kind).get(id);
        boolean free = switch (kind) {
            case DISTRIBUTION, INSTANCE, MOUNT_TARGET, INSTANCE_PROFILE, LOAD_BALANCER, NETWORK_INTERFACE,
                    EGRESS_ONLY_INTERNET_GATEWAY, NAT_GATEWAY, VPC_ENDPOINT, ROUTE_TABLE, NETWORK_ACL, ACCESS_POINT -> true;
            case FILE_SYSTEM -> {
                FileSystem fs = (FileSystem) r;
                if (!fs.replicationDestinations().isEmpty() || fs.replicaOf() != null) {
                    yield false;
                }
                for (MountTarget mt : mountTargetsOf(id)) {
                    releaseInterfaces(mt.id(), now);
                    remove(mt.id());
                }
                accessPointsOf(id).forEach(this::remove);
                yield true;
            }
            case TARGET_GROUP -> targetGroupUser(id).isEmpty();
            case IAM_ROLE -> profilesHolding(id).isEmpty() && ((Role) r).managedPolicies().isEmpty()
                    && ((Role) r).inlinePolicies().isEmpty();
            case INTERNET_GATEWAY -> ((InternetGateway) r).attachedVpcId() == null;
            case ELASTIC_IP -> ((ElasticIp) r).natGatewayId() == null || !kinds.containsKey(((ElasticIp) r).natGatewayId());
            case SPOT_REQUEST -> false;
            case SECURITY_GROUP, SUBNET, VPC -> dependants(id, now).isEmpty();
        };
        if (free) {
            releaseInterfaces(id, now);
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
                case SECURITY_GROUP -> id.equals(((SecurityGroup) r).vpcId())
                        || (!e.getKey().equals(id) && ((SecurityGroup) r).rules().stream().anyMatch(x -> id.equals(x.referencedGroupId())));
                case MOUNT_TARGET -> id.equals(((MountTarget) r).subnetId()) || id.equals(((MountTarget) r).securityGroupId());
                case INSTANCE -> (id.equals(((Instance) r).subnetId()) || id.equals(((Instance) r).securityGroupId()))
                        && ((Instance) r).state(now) != InstanceDescription.State.TERMINATED;
                case LOAD_BALANCER -> ((LoadBalancer) r).subnetIds().contains(id) || ((LoadBalancer) r).securityGroupIds().contains(id);
                case NETWORK_INTERFACE -> id.equals(((Eni) r).subnetId()) || ((Eni) r).groupIds().contains(id);
                case INTERNET_GATEWAY -> id.equals(((InternetGateway) r).attachedVpcId());
                case EGRESS_ONLY_INTERNET_GATEWAY -> id.equals(((EgressOnlyGateway) r).vpcId());
                case NAT_GATEWAY -> id.equals(((NatGateway) r).vpcId()) || id.equals(((NatGateway) r).subnetId());
                case VPC_ENDPOINT -> id.equals(((Endpoint) r).vpcId()) || ((Endpoint) r).subnetIds().contains(id)
                        || ((Endpoint) r).groupIds().contains(id);
                case ROUTE_TABLE -> id.equals(((RouteTable) r).vpcId());
                case NETWORK_ACL -> id.equals(((NetworkAcl) r).vpcId());
                default -> false;
            };
            if (uses) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- world building

    synchronized String createVpc(Ctx ctx, boolean isDefault) {
        String id = unused("vpc-", () -> ids.hex(17));
        String mainRouteTable = unused("rtb-", () -> ids.hex(17));
        known.add(mainRouteTable);
        String defaultAcl = unused("acl-", () -> ids.hex(17));
        known.add(defaultAcl);
        put(Kind.VPC, id, new Vpc(id, isDefault, mainRouteTable, defaultAcl), ctx.region());
        return id;
    }

    synchronized String createSubnet(Ctx ctx, String vpcId) {
        requireLive(ctx, Kind.VPC, vpcId, "InvalidVpcID.NotFound");
        String id = unused("subnet-", () -> ids.hex(17));
        put(Kind.SUBNET, id, new Subnet(id, vpcId), ctx.region());
        return id;
    }

    synchronized String createSecurityGroup(Ctx ctx, String vpcId, String name) {
        requireLive(ctx, Kind.VPC, vpcId, "InvalidVpcID.NotFound");
        String id = unused("sg-", () -> ids.hex(17));
        String groupName = name != null ? name : "group-" + id.substring(3, 11);
        boolean taken = all(Kind.SECURITY_GROUP, SecurityGroup.class).stream()
                .anyMatch(g -> vpcId.equals(g.vpcId()) && g.name().equals(groupName));
        if (taken) {
            throw invalid(ctx, "InvalidGroup.Duplicate", "The security group '" + groupName + "' already exists for VPC '" + vpcId + "'");
        }
        put(Kind.SECURITY_GROUP, id, new SecurityGroup(id, vpcId, groupName, List.of()), ctx.region());
        return id;
    }

    synchronized void addSecurityGroupReference(Ctx ctx, String groupId, String referencedGroupId, String direction, String rule) {
        SecurityGroup g = require(ctx, Kind.SECURITY_GROUP, SecurityGroup.class, groupId, "InvalidGroup.NotFound");
        requireLive(ctx, Kind.SECURITY_GROUP, referencedGroupId, "InvalidGroup.NotFound");
        if (!"ingress".equals(direction) && !"egress".equals(direction)) {
            throw invalid(ctx, "InvalidParameterValue", "direction must be ingress or egress, was '" + direction + "'");
        }
        requireName(ctx, rule, "rule");
        List<GroupRule> rules = new ArrayList<>(g.rules());
        rules.add(new GroupRule(direction, rule, referencedGroupId));
        resources.get(Kind.SECURITY_GROUP).put(groupId, new SecurityGroup(g.id(), g.vpcId(), g.name(), rules));
    }

    synchronized String createFileSystem(Ctx ctx) {
        String id = unused("fs-", () -> ids.hex(17));
        put(Kind.FILE_SYSTEM, id, new FileSystem(id, EMPTY_FILE_SYSTEM_BYTES, List.of(), null), ctx.region());
        return id;
    }

    synchronized String createAccessPoint(Ctx ctx, String fileSystemId) {
        requireLive(ctx, Kind.FILE_SYSTEM, fileSystemId, "FileSystemNotFound");
        String id = unused("fsap-", () -> ids.hex(17));
        put(Kind.ACCESS_POINT, id, new AccessPoint(id, fileSystemId), ctx.region());
        return id;
    }

    synchronized String createReplication(Ctx ctx, String fileSystemId, String destinationRegion) {
        FileSystem fs = require(ctx, Kind.FILE_SYSTEM, FileSystem.class, fileSystemId, "FileSystemNotFound");
        if (!fs.replicationDestinations().isEmpty() || fs.replicaOf() != null) {
            throw conflict(ctx, "ReplicationAlreadyExists", "file system " + fileSystemId + " already has a replication configuration");
        }
        String dest = unused("fs-", () -> ids.hex(17));
        put(Kind.FILE_SYSTEM, dest, new FileSystem(dest, fs.sizeBytes(), List.of(), fileSystemId), destinationRegion);
        resources.get(Kind.FILE_SYSTEM).put(fileSystemId, new FileSystem(fs.id(), fs.sizeBytes(), List.of(dest), null));
        return dest;
    }

    synchronized String createMountTarget(Ctx ctx, String fileSystemId, String subnetId, String securityGroupId) {
        requireLive(ctx, Kind.FILE_SYSTEM, fileSystemId, "FileSystemNotFound");
        requireLive(ctx, Kind.SUBNET, subnetId, "InvalidSubnetID.NotFound");
        requireLive(ctx, Kind.SECURITY_GROUP, securityGroupId, "InvalidGroup.NotFound");
        String id = unused("fsmt-", () -> ids.hex(17));
        put(Kind.MOUNT_TARGET, id, new MountTarget(id, fileSystemId, subnetId, securityGroupId, privateIp()), ctx.region());
        newInterface(ctx.region(), subnetId, List.of(securityGroupId), "efs", mountTargetDescription(fileSystemId, id), id, null);
        return id;
    }

    synchronized String createRole(Ctx ctx, String name) {
        requireName(ctx, name, "role");
        if (kinds.containsKey(name)) {
            throw conflict(ctx, "EntityAlreadyExists", "a role or instance profile named " + name + " already exists");
        }
        String arn = "arn:aws:iam::" + accountId + ":role/" + name;
        put(Kind.IAM_ROLE, name, new Role(name, arn, List.of(), List.of()));
        return arn;
    }

    synchronized void attachRolePolicy(Ctx ctx, String roleName, String policyArn) {
        Role role = require(ctx, Kind.IAM_ROLE, Role.class, roleName, "NoSuchEntity");
        requireName(ctx, policyArn, "policy ARN");
        if (!role.managedPolicies().contains(policyArn)) {
            List<String> managed = new ArrayList<>(role.managedPolicies());
            managed.add(policyArn);
            resources.get(Kind.IAM_ROLE).put(roleName, role.withPolicies(managed, role.inlinePolicies()));
        }
    }

    synchronized void putRolePolicy(Ctx ctx, String roleName, String policyName) {
        Role role = require(ctx, Kind.IAM_ROLE, Role.class, roleName, "NoSuchEntity");
        requireName(ctx, policyName, "policy name");
        if (!role.inlinePolicies().contains(policyName)) {
            List<String> inline = new ArrayList<>(role.inlinePolicies());
            inline.add(policyName);
            resources.get(Kind.IAM_ROLE).put(roleName, role.withPolicies(role.managedPolicies(), inline));
        }
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

    synchronized void addRoleToInstanceProfile(Ctx ctx, String profileName, String roleName) {
        InstanceProfile p = require(ctx, Kind.INSTANCE_PROFILE, InstanceProfile.class, profileName, "NoSuchEntity");
        requireLive(ctx, Kind.IAM_ROLE, roleName, "NoSuchEntity");
        if (!p.roles().isEmpty()) {
            throw conflict(ctx, "LimitExceeded", "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1 (instance profile "
                    + profileName + " already holds " + p.roles() + ")");
        }
        resources.get(Kind.INSTANCE_PROFILE).put(profileName, new InstanceProfile(p.name(), p.arn(), List.of(roleName)));
    }

    synchronized String launchInstance(Ctx ctx, String type, String imageId, String subnetId, String securityGroupId) {
        checkLaunch(ctx, type, imageId, subnetId, securityGroupId);
        return newInstance(ctx.region(), type, imageId, subnetId, securityGroupId, ctx.now(), null);
    }

    synchronized String launchSpotInstance(Ctx ctx, String type, String imageId, String subnetId, String securityGroupId,
            boolean persistent) {
        checkLaunch(ctx, type, imageId, subnetId, securityGroupId);
        String requestId = unused("sir-", () -> ids.hex(8));
        String instanceId = newInstance(ctx.region(), type, imageId, subnetId, securityGroupId, ctx.now(), requestId);
        put(Kind.SPOT_REQUEST, requestId, new Spot(requestId, persistent ? "persistent" : "one-time", "active", instanceId, type,
                imageId, subnetId, securityGroupId, null), ctx.region());
        return instanceId;
    }

    private void checkLaunch(Ctx ctx, String type, String imageId, String subnetId, String securityGroupId) {
        gpuSpec(ctx, type);
        requireName(ctx, imageId, "AMI id");
        requireLive(ctx, Kind.SUBNET, subnetId, "InvalidSubnetID.NotFound");
        requireLive(ctx, Kind.SECURITY_GROUP, securityGroupId, "InvalidGroup.NotFound");
    }

    synchronized LoadBalancerDescription createLoadBalancer(Ctx ctx, String name, List<String> subnetIds, List<String> groupIds) {
        if (name == null || !LB_NAME.matcher(name).matches()) {
            throw invalid(ctx, "ValidationError", "load balancer name '" + name
                    + "' must be 1 to 32 letters, digits or hyphens, not starting or ending with a hyphen");
        }
        if (subnetIds.isEmpty()) {
            throw invalid(ctx, "ValidationError", "a load balancer needs at least one subnet");
        }
        subnetIds.forEach(s -> requireLive(ctx, Kind.SUBNET, s, "SubnetNotFound"));
        groupIds.forEach(g -> requireLive(ctx, Kind.SECURITY_GROUP, g, "SecurityGroupNotFound"));
        boolean taken = resources.get(Kind.LOAD_BALANCER).values().stream()
                .anyMatch(o -> ((LoadBalancer) o).name().equals(name) && find(ctx, Kind.LOAD_BALANCER, ((LoadBalancer) o).arn()) != null);
        if (taken) {
            throw conflict(ctx, "DuplicateLoadBalancerName", "a load balancer named " + name + " already exists");
        }
        String arn = unused("arn:aws:elasticloadbalancing:" + ctx.region() + ":" + accountId + ":loadbalancer/app/" + name + "/",
                () -> ids.hex(16));
        String dns = name + "-" + ids.digits(10) + "." + ctx.region() + ".elb.amazonaws.com";
        put(Kind.LOAD_BALANCER, arn, new LoadBalancer(arn, name, dns, subnetIds, List.of(), groupIds, false,
                List.of(new Listener(listenerArn(arn), "HTTP", 80, List.of()))), ctx.region());
        addLoadBalancerInterfaces(ctx.region(), arn, name, subnetIds, groupIds);
        return new LoadBalancerDescription(arn, dns, "active");
    }

    private void addLoadBalancerInterfaces(String inRegion, String arn, String name, List<String> subnetIds, List<String> groupIds) {
        String description = "ELB app/" + name + "/" + arn.substring(arn.lastIndexOf('/') + 1);
        for (String subnet : subnetIds) {
            newInterface(inRegion, subnet, groupIds, "interface", description, arn, null);
        }
    }

    private String listenerArn(String loadBalancerArn) {
        String arn = unused(loadBalancerArn.replace(":loadbalancer/", ":listener/") + "/", () -> ids.hex(16));
        known.add(arn);
        return arn;
    }

    synchronized String addHttpsListener(Ctx ctx, String loadBalancerArn, List<String> certificateDomains) {
        LoadBalancer lb = require(ctx, Kind.LOAD_BALANCER, LoadBalancer.class, loadBalancerArn, "LoadBalancerNotFound");
        if (certificateDomains.isEmpty()) {
            throw invalid(ctx, "CertificateNotFound", "an HTTPS listener needs a certificate: give the domain names it covers");
        }
        String arn = listenerArn(loadBalancerArn);
        List<Listener> listeners = new ArrayList<>(lb.listeners());
        listeners.add(new Listener(arn, "HTTPS", 443, certificateDomains));
        resources.get(Kind.LOAD_BALANCER).put(loadBalancerArn, lb.with(lb.targetGroupArns(), lb.deletionProtection(), listeners));
        return arn;
    }

    synchronized void protectLoadBalancer(Ctx ctx, String loadBalancerArn, boolean enabled) {
        LoadBalancer lb = require(ctx, Kind.LOAD_BALANCER, LoadBalancer.class, loadBalancerArn, "LoadBalancerNotFound");
        resources.get(Kind.LOAD_BALANCER).put(loadBalancerArn, lb.with(lb.targetGroupArns(), enabled, lb.listeners()));
    }

    synchronized String createTargetGroup(Ctx ctx, String name, String vpcId) {
        if (name == null || !LB_NAME.matcher(name).matches()) {
            throw invalid(ctx, "ValidationError", "target group name '" + name
                    + "' must be 1 to 32 letters, digits or hyphens, not starting or ending with a hyphen");
        }
        requireLive(ctx, Kind.VPC, vpcId, "InvalidVpcID.NotFound");
        String arn = unused("arn:aws:elasticloadbalancing:" + ctx.region() + ":" + accountId + ":targetgroup/" + name + "/",
                () -> ids.hex(16));
        put(Kind.TARGET_GROUP, arn, new TargetGroup(arn, name, vpcId), ctx.region());
        return arn;
    }

    synchronized void attachTargetGroup(Ctx ctx, String loadBalancerArn, String targetGroupArn) {
        requireLive(ctx, Kind.LOAD_BALANCER, loadBalancerArn, "LoadBalancerNotFound");
        requireLive(ctx, Kind.TARGET_GROUP, targetGroupArn, "TargetGroupNotFound");
        LoadBalancer lb = (LoadBalancer) resources.get(Kind.LOAD_BALANCER).get(loadBalancerArn);
        if (!lb.targetGroupArns().contains(targetGroupArn)) {
            List<String> tgs = new ArrayList<>(lb.targetGroupArns());
            tgs.add(targetGroupArn);
            resources.get(Kind.LOAD_BALANCER).put(loadBalancerArn, lb.with(tgs, lb.deletionProtection(), lb.listeners()));
        }
    }

    synchronized String createInternetGateway(Ctx ctx, String vpcId, Map<String, String> tags) {
        if (vpcId != null) {
            requireLive(ctx, Kind.VPC, vpcId, "InvalidVpcID.NotFound");
            boolean hasOne = all(Kind.INTERNET_GATEWAY, InternetGateway.class).stream().anyMatch(g -> vpcId.equals(g.attachedVpcId()));
            if (hasOne) {
                throw invalid(ctx, "Resource.AlreadyAssociated", "network " + vpcId + " already has an internet gateway attached");
            }
        }
        String id = unused("igw-", () -> ids.hex(17));
        put(Kind.INTERNET_GATEWAY, id, new InternetGateway(id, vpcId, tags), ctx.region());
        return id;
    }

    synchronized String createEgressOnlyInternetGateway(Ctx ctx, String vpcId) {
        requireLive(ctx, Kind.VPC, vpcId, "InvalidVpcID.NotFound");
        String id = unused("eigw-", () -> ids.hex(17));
        put(Kind.EGRESS_ONLY_INTERNET_GATEWAY, id, new EgressOnlyGateway(id, vpcId), ctx.region());
        return id;
    }

    synchronized String allocateAddress(Ctx ctx) {
        String id = unused("eipalloc-", () -> ids.hex(17));
        put(Kind.ELASTIC_IP, id, new ElasticIp(id, publicIp(), null), ctx.region());
        return id;
    }

    synchronized String createNatGateway(Ctx ctx, String subnetId, String allocationId) {
        Subnet subnet = require(ctx, Kind.SUBNET, Subnet.class, subnetId, "InvalidSubnetID.NotFound");
        ElasticIp ip = require(ctx, Kind.ELASTIC_IP, ElasticIp.class, allocationId, "InvalidAllocationID.NotFound");
        if (ip.natGatewayId() != null && kinds.containsKey(ip.natGatewayId())) {
            throw invalid(ctx, "Resource.AlreadyAssociated", "Elastic IP address " + allocationId + " is already associated with "
                    + ip.natGatewayId());
        }
        String id = unused("nat-", () -> ids.hex(17));
        put(Kind.NAT_GATEWAY, id, new NatGateway(id, subnet.vpcId(), subnetId, List.of(allocationId)), ctx.region());
        resources.get(Kind.ELASTIC_IP).put(allocationId, new ElasticIp(allocationId, ip.publicIp(), id));
        newInterface(ctx.region(), subnetId, List.of(), "nat_gateway", "Interface for NAT Gateway " + id, id, null);
        return id;
    }

    synchronized String createVpcEndpoint(Ctx ctx, String vpcId, String type, List<String> subnetIds, List<String> groupIds) {
        requireLive(ctx, Kind.VPC, vpcId, "InvalidVpcID.NotFound");
        if (!List.of("Interface", "Gateway", "GatewayLoadBalancer").contains(type)) {
            throw invalid(ctx, "InvalidParameter", "endpoint type must be Interface, Gateway or GatewayLoadBalancer, was '" + type + "'");
        }
        subnetIds.forEach(s -> requireLive(ctx, Kind.SUBNET, s, "InvalidSubnetID.NotFound"));
        groupIds.forEach(g -> requireLive(ctx, Kind.SECURITY_GROUP, g, "InvalidGroup.NotFound"));
        String id = unused("vpce-", () -> ids.hex(17));
        boolean withInterfaces = !"Gateway".equals(type);
        put(Kind.VPC_ENDPOINT, id, new Endpoint(id, vpcId, type, withInterfaces ? subnetIds : List.of(), withInterfaces ? groupIds : List.of()),
                ctx.region());
        if (withInterfaces) {
            for (String subnet : subnetIds) {
                newInterface(ctx.region(), subnet, groupIds, "vpc_endpoint", "VPC Endpoint Interface " + id, id, null);
            }
        }
        return id;
    }

    synchronized String createRouteTable(Ctx ctx, String vpcId) {
        requireLive(ctx, Kind.VPC, vpcId, "InvalidVpcID.NotFound");
        String id = unused("rtb-", () -> ids.hex(17));
        put(Kind.ROUTE_TABLE, id, new RouteTable(id, vpcId), ctx.region());
        return id;
    }

    synchronized String createNetworkAcl(Ctx ctx, String vpcId) {
        requireLive(ctx, Kind.VPC, vpcId, "InvalidVpcID.NotFound");
        String id = unused("acl-", () -> ids.hex(17));
        put(Kind.NETWORK_ACL, id, new NetworkAcl(id, vpcId), ctx.region());
        return id;
    }

    /** The main route table and default network ACL of a VPC, which go with it. */
    synchronized List<String> vpcDefaults(Ctx ctx, String vpcId) {
        Vpc v = require(ctx, Kind.VPC, Vpc.class, vpcId, "InvalidVpcID.NotFound");
        return java.util.stream.Stream.of(v.mainRouteTableId(), v.defaultNetworkAclId()).filter(java.util.Objects::nonNull).toList();
    }

    private String newInterface(String inRegion, String subnetId, List<String> groupIds, String type, String description,
            String ownerId, String attachedInstanceId) {
        if (subnetId == null) {
            return null;
        }
        Object subnet = resources.get(Kind.SUBNET).get(subnetId);
        String vpcId = subnet instanceof Subnet s ? s.vpcId() : null;
        String id = unused("eni-", () -> ids.hex(17));
        put(Kind.NETWORK_INTERFACE, id, new Eni(id, vpcId, subnetId, groupIds, type, description, ownerId, attachedInstanceId),
                inRegion);
        return id;
    }

    private static String mountTargetDescription(String fileSystemId, String mountTargetId) {
        return "EFS mount target for " + fileSystemId + " (" + mountTargetId + ")";
    }

    private void requireLive(Ctx ctx, Kind kind, String id, String code) {
        if (id == null || find(ctx, kind, id) == null || deleting(id)) {
            throw notFound(ctx, String.valueOf(id), code);
        }
    }

    private static void requireName(Ctx ctx, String name, String what) {
        if (name == null || name.isBlank()) {
            throw invalid(ctx, "ValidationError", "the " + what + " must not be blank");
        }
    }

    // ---------------------------------------------------------------- adoption

    private static final java.util.regex.Pattern ARN_ACCOUNT = java.util.regex.Pattern.compile("^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\\d{12}):");

    /** The account the state's ARNs name: the first of ALB, target group, CloudFront, IAM role, instance profile. */
    static java.util.Optional<String> recordedAccount(DeploymentState s) {
        return java.util.stream.Stream.of(s.albArn(), s.targetGroupArn(), s.cloudFrontArn(), s.iamRoleArn(), s.iamInstanceProfileArn())
                .flatMap(java.util.Optional::stream).map(ARN_ACCOUNT::matcher).filter(java.util.regex.Matcher::find)
                .map(m -> m.group(1)).findFirst();
    }

    /**
     * Takes a deployment to have every resource its state records that this world has never had,
     * with the dependencies between them.
     *
     * @return what was created, in creation order
     */
    synchronized List<SimResource> adopt(DeploymentState s, Instant now) {
        List<SimResource> created = new ArrayList<>();
        if (accountOpen && known.isEmpty()) {
            // one rule for the library and the CLI: a new world lives in the account the recorded ARNs name
            java.util.Optional<String> recorded = recordedAccount(s);
            if (recorded.isPresent()) {
                accountId = recorded.get();
                accountOpen = false;
            }
        }
        if (Status.TERMINATED.equals(s.status())) {
            return created;
        }
        String in = s.config().regionOrDefault();
        adoptRegion = in;
        String vpc = s.vpcId().orElse(null);
        if (vpc != null && known.add(vpc)) {
            String mainRouteTable = unused("rtb-", () -> ids.hex(17));
            known.add(mainRouteTable);
            String defaultAcl = unused("acl-", () -> ids.hex(17));
            known.add(defaultAcl);
            adoptPut(created, Kind.VPC, vpc, new Vpc(vpc, false, mainRouteTable, defaultAcl));
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
            adoptPut(created, Kind.SECURITY_GROUP, sg, new SecurityGroup(sg, vpc, s.stackName() + "-sg", List.of()));
        }
        String fs = s.efsId().orElse(null);
        if (fs != null && known.add(fs)) {
            adoptPut(created, Kind.FILE_SYSTEM, fs, new FileSystem(fs, s.efsSizeBytes().orElse(EMPTY_FILE_SYSTEM_BYTES), List.of(),
                    null));
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
                newInterface(in, subnet, sg == null ? List.of() : List.of(sg), "efs", mountTargetDescription(fs, mt), mt, null);
            }
        }
        String role = s.iamRoleName().orElse(null);
        if (role != null && known.add(role)) {
            adoptPut(created, Kind.IAM_ROLE, role,
                    new Role(role, s.iamRoleArn().orElse("arn:aws:iam::" + accountId + ":role/" + role), List.of(), List.of()));
        }
        s.iamInstanceProfileName().filter(known::add).ifPresent(profile -> adoptPut(created, Kind.INSTANCE_PROFILE, profile,
                new InstanceProfile(profile, s.iamInstanceProfileArn().orElse(
                        "arn:aws:iam::" + accountId + ":instance-profile/" + profile),
                        role == null ? List.of() : List.of(role))));
        s.instanceId().filter(known::add).ifPresent(id -> {
            String subnet = subnets.isEmpty() ? null : subnets.get(0);
            adoptPut(created, Kind.INSTANCE, id, new Instance(id,
                    s.instanceType().orElse(s.tier() == Tier.GPU ? "g4dn.xlarge" : "t3.medium"),
                    s.config().amiId().or(s::gpuAmiId).orElseGet(() -> "ami-" + ids.hex(17)),
                    subnet, sg, s.publicIp().orElse(null), s.privateIp().orElse(null),
                    now.minus(latencies.instanceInitialization()), null, null, false, false, null, null,
                    s.instanceState().filter("stopped"::equals).isPresent() ? Boolean.TRUE : null));
            newInterface(in, subnet, sg == null ? List.of() : List.of(sg), "interface", "", id, id);
        });
        String tg = s.targetGroupArn().orElse(null);
        if (tg != null && known.add(tg)) {
            adoptPut(created, Kind.TARGET_GROUP, tg, new TargetGroup(tg, nameIn(TG_ARN, tg, "tg"), vpc));
        }
        s.albArn().filter(known::add).ifPresent(arn -> {
            String name = nameIn(ALB_ARN, arn, "alb");
            adoptPut(created, Kind.LOAD_BALANCER, arn, new LoadBalancer(arn, name,
                    s.albDns().orElseGet(() -> name + "-" + ids.digits(10) + "." + in + ".elb.amazonaws.com"), subnets,
                    tg == null ? List.of() : List.of(tg), sg == null ? List.of() : List.of(sg), false,
                    List.of(new Listener(listenerArn(arn), "HTTP", 80, List.of()))));
            addLoadBalancerInterfaces(in, arn, name, subnets, sg == null ? List.of() : List.of(sg));
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
                s.cloudFrontPriceClass().orElse(null), null, origins, behaviors, Map.of(), null,
                s.cloudFrontAliases().orElse(List.of()));
    }

    private void adoptPut(List<SimResource> created, Kind kind, String id, Object resource) {
        put(kind, id, resource, kind.global() ? null : adoptRegion);
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
        if (resource instanceof Spot r) {
            return r.live();
        }
        return !(resource instanceof Instance i) || i.state(now) != InstanceDescription.State.TERMINATED;
    }

    // ---------------------------------------------------------------- plumbing

    void put(Kind kind, String id, Object resource) {
        resources.get(kind).put(id, resource);
        kinds.put(id, kind);
        known.add(id);
    }

    private void put(Kind kind, String id, Object resource, String inRegion) {
        put(kind, id, resource);
        if (inRegion != null && !kind.global()) {
            regions.put(id, inRegion);
        }
    }

    private void remove(String id) {
        Kind k = kinds.remove(id);
        if (k != null) {
            resources.get(k).remove(id);
        }
        goneAt.remove(id);
        regions.remove(id);
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

    /** A missing resource, with the HTTP status its service answers: EC2 and ELB say 400, the others 404. */
    static ResourceNotFoundException notFound(Ctx ctx, String id, String code) {
        boolean answers400 = ctx.operation().startsWith("ec2:") || ctx.operation().startsWith("elasticloadbalancing:");
        return new ResourceNotFoundException(ctx.operation(), id, code, ctx.requestId(), answers400 ? 400 : 404, null);
    }

    private static ResourceInUseException inUse(Ctx ctx, String code, String message) {
        return new ResourceInUseException(ctx.operation(), code, ctx.requestId(), message, null);
    }

    private static ResourceInUseException inUse(Ctx ctx, int statusCode, String code, String message) {
        return new ResourceInUseException(ctx.operation(), code, ctx.requestId(), statusCode, message, null);
    }

    private static CloudOperationException invalid(Ctx ctx, String code, String message) {
        return new CloudOperationException(ctx.operation(), code, ctx.requestId(), 400, false, message, null);
    }

    private static CloudOperationException conflict(Ctx ctx, String code, String message) {
        return new CloudOperationException(ctx.operation(), code, ctx.requestId(), 409, false, message, null);
    }
}
