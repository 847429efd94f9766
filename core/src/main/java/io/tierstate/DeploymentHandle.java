package io.tierstate;

import io.tierstate.error.CloudException;
import io.tierstate.error.CloudTargetMismatchException;
import io.tierstate.drift.DriftCheck;
import io.tierstate.drift.DriftReport;
import io.tierstate.drift.Live;
import io.tierstate.drift.LiveResources;
import io.tierstate.error.CorruptStateException;
import io.tierstate.error.DeploymentExistsException;
import io.tierstate.error.DeploymentNotFoundException;
import io.tierstate.error.InvalidInputException;
import io.tierstate.error.ResourceNotFoundException;
import io.tierstate.error.StateConflictException;
import io.tierstate.error.TierStateException;
import io.tierstate.cost.CostEstimate;
import io.tierstate.cost.CostToDate;
import io.tierstate.view.CostToDates;
import io.tierstate.cost.UsageProfile;
import io.tierstate.destroy.Destroy;
import io.tierstate.destroy.DeploymentTarget;
import io.tierstate.destroy.Verification;
import io.tierstate.destroy.Waiter;
import io.tierstate.model.CostSubjects;
import io.tierstate.model.Tier;
import io.tierstate.port.LoadBalancingPort;
import io.tierstate.destroy.ProgressEvent;
import io.tierstate.model.CloudFrontStatus;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.HealthStatus;
import io.tierstate.model.Provenance;
import io.tierstate.port.Cloud;
import io.tierstate.port.Distribution;
import io.tierstate.port.GpuSpec;
import io.tierstate.port.InstanceDescription;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import io.tierstate.model.StackName;
import io.tierstate.port.StateBackup;
import io.tierstate.port.StateStore;
import io.tierstate.view.Inspection;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One deployment, by name: read its state, change it atomically, delete it. A handle is cheap,
 * immutable and holds no state of its own; every call goes to the store.
 *
 * <pre>{@code
 * DeploymentHandle d = client.deployment("gpu-global");
 * d.update(s -> s.withStatus(Status.RUNNING));
 * String url = d.state().cloudFrontDomainName().map(domain -> "https://" + domain).orElse("no CloudFront yet");
 * }</pre>
 */
public final class DeploymentHandle {

    private final String name;
    private final DeploymentClient client;
    private final StateStore store;

    DeploymentHandle(String name, DeploymentClient client) {
        this.name = StackName.validate(name);
        this.client = client;
        this.store = client.stateStore();
    }

    /** @return the stack name */
    public String name() {
        return name;
    }

    /**
     * Reads the state (migrated to schema v3 in memory; nothing is written).
     *
     * @return the state
     * @throws DeploymentNotFoundException when nothing is stored under this name
     * @throws CorruptStateException when the stored document cannot be read
     */
    public DeploymentState state() {
        return store.find(name).orElseThrow(() -> new DeploymentNotFoundException(name, store.describe()));
    }

    /** @return the state, or empty when nothing is stored under this name */
    public Optional<DeploymentState> find() {
        return store.find(name);
    }

    /** @return whether state is stored under this name */
    public boolean exists() {
        return store.find(name).isPresent();
    }

    /**
     * Stores a new deployment under this name.
     *
     * @param initial the first state; its stack name must be this handle's
     * @return the stored state
     * @throws DeploymentExistsException when the name is taken
     */
    public DeploymentState create(DeploymentState initial) {
        requireOwn(initial);
        return store.create(initial);
    }

    /**
     * Atomically reads, changes and writes the state; concurrent updates, from threads or processes,
     * are applied one after another and none is lost.
     *
     * @param change the change, e.g. {@code s -> s.withStatus(Status.RUNNING)}; keep it free of side effects
     * @return the stored state
     * @throws DeploymentNotFoundException when nothing is stored under this name
     */
    public DeploymentState update(UnaryOperator<DeploymentState> change) {
        return store.update(name, change);
    }

    /**
     * Stores a state read earlier, refusing it when someone else wrote in between.
     *
     * @param state the changed state
     * @return the stored state
     * @throws StateConflictException when the stored state changed since {@code state} was read
     */
    public DeploymentState save(DeploymentState state) {
        requireOwn(state);
        return store.save(state);
    }

    /**
     * Deletes the live state, keeping a backup. This forgets the deployment; it does not touch the
     * cloud.
     *
     * @return whether there was state to delete
     */
    public boolean delete() {
        return store.delete(name);
    }

    /** @return the kept backups, newest first */
    public List<StateBackup> backups() {
        return store.backups(name);
    }

    /**
     * Makes a backup the live state again; the current state is backed up first.
     *
     * @param backup one of {@link #backups()}
     * @return the restored state
     */
    public DeploymentState restore(StateBackup backup) {
        return store.restore(name, backup);
    }

    /**
     * Estimates the monthly cost of what the state holds, with the default usage profile
     * (1,000,000 HTTPS requests, 100 GB out, 1 LCU, 100 GB on EFS).
     *
     * @return the estimate with its line items
     * @throws io.tierstate.cost.UnknownPriceException when the catalog lacks a price the deployment needs in its region
     *     ({@link io.tierstate.cost.UnknownRegionException} when it has no prices for the region)
     */
    public CostEstimate estimateCost() {
        return estimateCost(UsageProfile.defaults());
    }

    /**
     * Estimates the monthly cost of what the state holds: EC2 (on demand, or the recorded spot
     * price), EFS, the ALB when present, CloudFront when present. Reads local state only; no cloud
     * call is made.
     *
     * @param usage the expected usage
     * @return the estimate with its line items
     * @throws io.tierstate.cost.UnknownPriceException when the catalog lacks a price the deployment needs in its region
     *     ({@link io.tierstate.cost.UnknownRegionException} when it has no prices for the region)
     */
    public CostEstimate estimateCost(UsageProfile usage) {
        return client.estimator().estimate(CostSubjects.of(state()), usage);
    }

    /**
     * What the deployment has cost from its start ({@code cost.instance_start_time}, else
     * {@code created_at}) to now on the client's clock, or to {@code terminated_at}: instance hours at
     * the recorded spot price or the on-demand price, ALB hours, EFS GB-months, and CloudFront (or
     * data transfer out) as the default usage profile's month pro rata. Reads local state only.
     *
     * @return the cost to date with its line items and period
     * @throws io.tierstate.cost.UnknownPriceException when the catalog lacks a price the deployment needs in its region
     *     ({@link io.tierstate.cost.UnknownRegionException} when it has no prices for the region)
     * @throws InvalidInputException when the state records no start time
     */
    public CostToDate costToDate() {
        return costToDate(UsageProfile.defaults());
    }

    /**
     * What the deployment has cost from its start to now, with the given usage for what is not
     * metered hourly (EFS size, CloudFront traffic); see {@link #costToDate()}.
     *
     * @param usage the usage to assume
     * @return the cost to date
     */
    public CostToDate costToDate(UsageProfile usage) {
        return CostToDates.of(state(), client.estimator(), usage, client.clock().instant());
    }

    /**
     * Computes the cost to date and records it in the state as GeuseMaker does: a snapshot appended
     * to {@code cost.cost_history}, and {@code cost.estimated_cost_to_date} and
     * {@code cost.total_runtime_hours} updated. Written through {@link #update}, so concurrent
     * changes are kept, and so are fields TierState does not model.
     *
     * @param usage the usage to assume
     * @return the cost to date that was recorded
     */
    public CostToDate recordCostToDate(UsageProfile usage) {
        Instant now = client.clock().instant();
        CostToDate[] recorded = new CostToDate[1];
        update(s -> {
            recorded[0] = CostToDates.of(s, client.estimator(), usage, now);
            return CostToDates.recorded(s, recorded[0]);
        });
        return recorded[0];
    }

    /**
     * {@link #recordCostToDate(UsageProfile)} with the default usage profile.
     *
     * @return the cost to date that was recorded
     */
    public CostToDate recordCostToDate() {
        return recordCostToDate(UsageProfile.defaults());
    }

    /**
     * Measures what the deployment used over the last {@code days} (ending now on the client's
     * clock, starting no earlier than the deployment did) through the cloud's metrics in the
     * deployment's region: CloudFront requests and bytes out, ALB LCUs and processed bytes, EFS
     * storage. Nothing is written.
     *
     * <pre>{@code
     * MeasuredUsage m = client.deployment("gpu-global").measureUsage(Duration.ofDays(30));
     * }</pre>
     *
     * @param days the window, at most 455 days (CloudWatch's retention of hourly datapoints)
     * @return what was measured; lines without metrics are missing, with the reason
     * @throws InvalidInputException when the window is not between one minute and 455 days
     */
    public io.tierstate.cost.MeasuredUsage measureUsage(Duration days) {
        Objects.requireNonNull(days, "days");
        if (days.compareTo(Duration.ofMinutes(1)) < 0 || days.compareTo(io.tierstate.view.UsageMetrics.MAX_WINDOW) > 0) {
            throw new InvalidInputException("a metrics window of " + days + " is not between 1 minute and 455 days (CloudWatch"
                    + " keeps hourly datapoints for 455 days); measure e.g. Duration.ofDays(30)");
        }
        DeploymentState s = state();
        Instant now = client.clock().instant();
        return io.tierstate.view.UsageMetrics.measure(s, session(s).metrics(),
                io.tierstate.port.MetricWindow.endingAt(now, days));
    }

    /**
     * A monthly usage profile from the deployment's own metrics over the last {@code days}, each
     * line that has no metrics taken from {@code fallback}; {@code UsageProfile.fromMetrics(handle,
     * days)} in other words (the cost module does not know clouds, so the call lives here).
     *
     * <pre>{@code
     * UsageFromMetrics u = d.usageFromMetrics(Duration.ofDays(30), UsageProfile.defaults());
     * CostEstimate e = d.estimateCost(u.profile());
     * }</pre>
     *
     * @param days the window, at most 455 days
     * @param fallback the profile for lines without metrics
     * @return the profile with the source of every line
     */
    public io.tierstate.cost.UsageFromMetrics usageFromMetrics(Duration days, UsageProfile fallback) {
        return UsageProfile.fromMetrics(measureUsage(days), fallback);
    }

    /**
     * {@link #usageFromMetrics(Duration, UsageProfile)} with the default profile as the fallback.
     *
     * @param days the window, at most 455 days
     * @return the profile with the source of every line
     */
    public io.tierstate.cost.UsageFromMetrics usageFromMetrics(Duration days) {
        return usageFromMetrics(days, UsageProfile.defaults());
    }

    /**
     * What the deployment has cost from its start to now, with CloudFront traffic, EFS size and LCU
     * measured by the cloud's metrics over that whole period (the last 455 days of it at most),
     * and {@code fallback} for what has no metrics.
     *
     * @param fallback the profile for lines without metrics
     * @return the cost to date
     */
    public CostToDate costToDateFromMetrics(UsageProfile fallback) {
        DeploymentState s = state();
        Instant now = client.clock().instant();
        return CostToDates.of(s, client.estimator(), fallback, now, lifeUsage(s, fallback, now));
    }

    /**
     * {@link #costToDateFromMetrics(UsageProfile)}, recorded as {@link #recordCostToDate(UsageProfile)} records.
     *
     * @param fallback the profile for lines without metrics
     * @return the cost to date that was recorded
     */
    public CostToDate recordCostToDateFromMetrics(UsageProfile fallback) {
        DeploymentState s = state();
        Instant now = client.clock().instant();
        io.tierstate.cost.UsageFromMetrics usage = lifeUsage(s, fallback, now);
        CostToDate[] recorded = new CostToDate[1];
        update(x -> {
            recorded[0] = CostToDates.of(x, client.estimator(), fallback, now, usage);
            return CostToDates.recorded(x, recorded[0]);
        });
        return recorded[0];
    }

    private io.tierstate.cost.UsageFromMetrics lifeUsage(DeploymentState s, UsageProfile fallback, Instant now) {
        Instant end = s.terminatedAt().filter(t -> t.isBefore(now)).orElse(now);
        Instant start = CostToDates.start(s);
        Instant earliest = end.minus(io.tierstate.view.UsageMetrics.MAX_WINDOW);
        if (!end.isAfter(start)) {
            throw new InvalidInputException("deployment '" + name + "' has not run yet (it starts at " + start
                    + "), so there is no usage to measure; leave out --usage-from-metrics");
        }
        io.tierstate.port.MetricWindow window = new io.tierstate.port.MetricWindow(start.isBefore(earliest) ? earliest : start, end);
        return UsageProfile.fromMetrics(io.tierstate.view.UsageMetrics.measure(s, session(s).metrics(), window), fallback);
    }

    /**
     * A destroy of this deployment, to configure and then {@code plan()}, {@code run()} or {@code start()}.
     *
     * <p>It runs on the client's cloud: the one given to the builder, else the one the AWS adapter
     * makes from your credentials, that is, <b>the real AWS account</b>. Look first with
     * {@code destroy().planLive()} (describes, deletes nothing) and give {@code SimulatedCloud.create()}
     * to the builder to try it out.
     *
     * <pre>{@code
     * String plan = client.deployment("gpu-global").destroy().planLive().render();   // what it would delete, checked live
     * client.deployment("gpu-global").destroy().strategy(Strategy.OVERLAPPED).onProgress(System.out::println).run();
     * }</pre>
     *
     * @return the destroy, with the defaults (sequential, 90 minute timeout)
     */
    public Destroy destroy() {
        return Destroy.of(name, store, client::cloud);
    }

    /**
     * Checks through the cloud that every resource this deployment created is gone and every one it
     * kept is still there, from the live state or, after a destroy, the archived one. Changes nothing.
     *
     * @return one check per resource; {@code clean()} when nothing is left
     * @throws DeploymentNotFoundException when there is neither a live nor an archived state
     */
    public Verification verify() {
        return destroy().verify();
    }

    /**
     * Describes a CloudFront distribution through the cloud and records it: id, domain, ARN, status,
     * enabled, price class, caller reference, origins, cache behaviours, when it was checked.
     *
     * @param distributionId e.g. {@code E2QWRUHAPOMQZL}
     * @return the stored state
     * @throws ResourceNotFoundException when the distribution does not exist
     */
    public DeploymentState recordCloudFront(String distributionId) {
        requireText(distributionId, "distribution id", "E2QWRUHAPOMQZL");
        Cloud cloud = session(state()); // fail on a missing deployment before any cloud call
        Distribution d = cloud.cloudFront().getDistribution(distributionId);
        Instant at = micros(Instant.now());
        return update(s -> withDistribution(s, d, at));
    }

    /**
     * Describes a GPU instance through the cloud and records it: instance type, AMI, EC2 status-check
     * health, GPU model, manufacturer, count and total memory.
     *
     * @param instanceId e.g. {@code i-0abc123}
     * @return the stored state
     * @throws ResourceNotFoundException when the instance does not exist
     * @throws InvalidInputException when the instance's type has no GPU
     */
    public DeploymentState recordGpuInstance(String instanceId) {
        requireText(instanceId, "instance id", "i-0abc123");
        Cloud cloud = session(state()); // fail on a missing deployment before any cloud call
        InstanceDescription i = believingNotFoundLate(cloud, () -> cloud.compute().describeInstance(instanceId));
        GpuSpec gpu = cloud.compute().gpuSpec(i.instanceType()).orElseThrow(() -> new InvalidInputException(
                "instance " + instanceId + " is a " + i.instanceType() + ", which has no GPU; record a GPU instance"
                        + " (g4dn, g5, g6, p3 ...) or leave gpu_enabled false"));
        Optional<HealthStatus> health = cloud.compute().instanceHealth(instanceId);
        Instant at = micros(Instant.now());
        return update(s -> {
            DeploymentState x = s.withGpuEnabled(true).withGpuInstanceType(i.instanceType()).withGpuAmiId(i.imageId())
                    .withGpuHealthStatus(health).withGpuModel(gpu.model()).withGpuManufacturer(gpu.manufacturer())
                    .withGpuCount(gpu.count()).withGpuMemoryMib(gpu.totalMemoryMib()).withGpuLastCheckedAt(at);
            if (x.instanceId().isEmpty()) {
                x = x.withInstanceId(instanceId);
            }
            if (x.publicIp().isEmpty() && i.publicIp().isPresent()) {
                x = x.withPublicIp(i.publicIp());
            }
            if (x.privateIp().isEmpty() && i.privateIp().isPresent()) {
                x = x.withPrivateIp(i.privateIp());
            }
            return x;
        });
    }

    /**
     * Creates a CloudFront distribution in front of the recorded ALB and records it; a Tier 2
     * ({@code automation}) stack becomes Tier 3 ({@code gpu}) in state. The origin protocol follows
     * the ALB's listeners (HTTPS only when a listener's certificate covers the origin's domain name),
     * unless the options name one. The caller reference is written to state before the create call
     * and the id and domain right after it, so a crash at any point neither leaks a distribution nor
     * creates two: calling this again finds the recorded distribution, or re-sends the recorded
     * reference, which CloudFront answers with the distribution it already made.
     *
     * @param options what to create and whether to wait for {@code Deployed}
     * @return the stored state
     * @throws InvalidInputException when no ALB is recorded yet, or it has no listener CloudFront can use
     * @throws CloudTargetMismatchException when the state names another account or region than the cloud
     */
    public DeploymentState provisionCloudFront(CloudFrontOptions options) {
        Objects.requireNonNull(options, "options");
        DeploymentState s = state();
        DeploymentTarget target = DeploymentTarget.of(s, client.cloud());
        Cloud cloud = target.session(client.cloud());
        cloud.verifyAccess(); // no credentials: fail before the caller reference is written
        target.check(cloud);
        if (s.cloudFrontDistributionId().isEmpty()) {
            String alb = s.albDns().filter(v -> !v.isBlank()).orElseThrow(() -> new InvalidInputException("deployment '" + name
                    + "' has no ALB recorded (alb_dns): CloudFront needs the ALB as its origin; record it first, e.g."
                    + " update(s -> s.withAlbArn(arn).withAlbDns(dns))"));
            String origin = options.originDomainName().orElse(alb);
            DeploymentState recorded = s;
            String protocol = options.originProtocolPolicy().orElseGet(() -> originProtocol(cloud, recorded, origin));
            String reference = s.cloudFrontCallerReference().orElse("tierstate-" + name + "-" + UUID.randomUUID());
            if (s.cloudFrontCallerReference().isEmpty()) {
                update(x -> x.withCloudFrontCallerReference(reference));
            }
            Distribution d = cloud.cloudFront().createDistribution(options.toSpec(name, reference, origin, protocol));
            Instant at = micros(Instant.now());
            s = update(x -> {
                Map<String, Provenance> provenance = new LinkedHashMap<>(x.resourceProvenance());
                provenance.putIfAbsent("cloudfront", Provenance.CREATED);
                DeploymentState y = withDistribution(x, d, at).withResourceProvenance(provenance);
                return y.config().tier() == Tier.AUTOMATION ? y.withConfig(y.config().withTier(Tier.GPU)) : y;
            });
        }
        if (options.waitForDeployed()) {
            s = waitForDeployed(cloud, s.cloudFrontDistributionId().orElseThrow(), options);
        }
        return s;
    }

    /** HTTPS only when the ALB really serves it for the origin's name; an ALB's own DNS name is never on a certificate. */
    private String originProtocol(Cloud cloud, DeploymentState s, String origin) {
        if (s.albArn().filter(a -> !a.isBlank()).isEmpty()) {
            return "http-only"; // no ARN to read the listeners by; HTTP is what an ALB's own name can serve
        }
        List<LoadBalancingPort.Listener> listeners = cloud.loadBalancing().listeners(s.albArn().get());
        if (listeners.stream().anyMatch(l -> l.https() && l.covers(origin))) {
            return "https-only";
        }
        if (listeners.stream().anyMatch(l -> !l.https())) {
            return "http-only";
        }
        throw new InvalidInputException("the ALB of '" + name + "' has " + (listeners.isEmpty() ? "no listener"
                : "only HTTPS listeners, whose certificates do not cover " + origin) + ": CloudFront could not reach it;"
                + " add an HTTP listener, or an HTTPS one with a certificate for the origin's domain and name it with"
                + " CloudFrontOptions.withOriginDomainName(...)");
    }

    private DeploymentState waitForDeployed(Cloud cloud, String id, CloudFrontOptions options) {
        Waiter.Result<Distribution> r;
        try {
            r = Waiter.polling("distribution " + id + " to be Deployed", () -> cloud.cloudFront().getDistribution(id))
                    .until(d -> d.status() == CloudFrontStatus.DEPLOYED).status(d -> String.valueOf(d.status()))
                    .policy(options.pollPolicy()).timeout(options.timeout())
                    .await(cloud.clock(), p -> emit(options, new ProgressEvent(name, "cloudfront", ProgressEvent.Phase.WAITING,
                            "waiting for Deployed (" + p.status() + ")", p.elapsed(), p.attempt(), cloud.clock().now())));
        } catch (io.tierstate.destroy.WaitTimeoutException e) {
            throw new TierStateException("distribution " + id + " still InProgress after " + options.timeout().toMinutes()
                    + " min; it keeps deploying on its own: run refresh() later, or wait longer with withTimeout(...)", e);
        }
        Distribution d = r.value().orElseThrow();
        emit(options, new ProgressEvent(name, "cloudfront", ProgressEvent.Phase.DONE, "distribution " + id + " is Deployed",
                r.elapsed(), Math.max(1, r.attempts()), cloud.clock().now()));
        Instant at = micros(Instant.now());
        return update(s -> withDistribution(s, d, at));
    }

    private static void emit(CloudFrontOptions options, ProgressEvent event) {
        options.progress().forEach(l -> l.onProgress(event));
    }

    /**
     * Re-reads live status into state: the CloudFront distribution's status and enabled flag, and
     * the instance's EC2 status-check health (and GPU details when missing), in the deployment's
     * region. A distribution that is gone is recorded as gone ({@code cloudfront_gone_at}), its
     * status and enabled flag cleared; one found again clears the mark. Timestamps are the wall
     * clock's, never the cloud's (a simulated cloud's clock may run ahead).
     *
     * @return the stored state
     */
    public DeploymentState refresh() {
        DeploymentState s = state();
        Cloud cloud = session(s);
        Optional<Distribution> distribution = s.cloudFrontDistributionId().flatMap(id -> describeOrEmpty(
                () -> cloud.cloudFront().getDistribution(id)));
        Observed observed = observe(s, cloud);
        Instant at = micros(Instant.now());
        return update(x -> {
            DeploymentState y = x;
            if (x.cloudFrontDistributionId().isPresent()) {
                y = distribution.map(d -> withDistribution(x, d, at)).orElseGet(() -> withDistributionGone(x, at));
            }
            return observed.applyTo(y, at);
        });
    }

    /**
     * Compares the live resources with the state and reports what changed outside TierState,
     * writing nothing: CloudFront enabled, price class, aliases, origins and cache behaviours; the
     * instance's type, AMI and state; the ALB's DNS name; the file system's size; and which of them
     * are gone. Values the state never recorded are listed apart, as not drift.
     *
     * <pre>{@code
     * DriftReport report = client.deployment("gpu-global").drift();
     * if (!report.isEmpty()) System.out.print(report.render());
     * }</pre>
     *
     * @return the report
     * @throws DeploymentNotFoundException when nothing is stored under this name
     */
    public DriftReport drift() {
        return drift(List.of());
    }

    /**
     * {@link #drift()}, leaving out some fields: the size of an EFS file system, for one, changes
     * with every file written ({@code efs.size_bytes}).
     *
     * @param ignore field paths of {@link DriftCheck#FIELDS} or whole resources of {@link DriftCheck#RESOURCES}
     * @return the report
     * @throws InvalidInputException for a name that is not a compared field or resource
     */
    public DriftReport drift(java.util.Collection<String> ignore) {
        java.util.Set<String> ignored = DriftCheck.checkIgnored(ignore); // a typo fails before any cloud call
        DeploymentState s = state();
        Cloud cloud = session(s);
        cloud.verifyAccess();
        LiveResources live = readLive(s, cloud);
        return DriftCheck.compare(s, live, ignored, micros(Instant.now()));
    }

    /**
     * {@link #drift(java.util.Collection)}, then writes the live values into the state, as
     * {@link #refresh()} does and beyond it: what it compares (ignored fields too: ignoring is
     * about the report), a resource found gone as gone ({@code cloudfront_gone_at},
     * {@code instance_gone_at}, {@code alb_gone_at}, {@code efs_gone_at}), one found again
     * without the mark. Written through {@link #update}, so the serial moves on and concurrent
     * changes are kept. The report compares with the state as it was just before the write.
     *
     * @param ignore field paths or resources to leave out of the report
     * @return the report, with the serial of the write
     */
    public DriftReport recordDrift(java.util.Collection<String> ignore) {
        java.util.Set<String> ignored = DriftCheck.checkIgnored(ignore);
        DeploymentState s = state();
        Cloud cloud = session(s);
        cloud.verifyAccess();
        LiveResources live = readLive(s, cloud);
        Observed observed = observe(s, cloud);
        Instant at = micros(Instant.now());
        DriftReport[] report = new DriftReport[1];
        DeploymentState stored = update(x -> {
            report[0] = DriftCheck.compare(x, live, ignored, at);
            return observed.applyTo(withLive(x, live, at), at);
        });
        return report[0].recordedAs(stored.serial());
    }

    /** @return {@link #recordDrift(java.util.Collection)} with nothing ignored */
    public DriftReport recordDrift() {
        return recordDrift(List.of());
    }

    /** Health and GPU details as refresh reads them. */
    private record Observed(Optional<String> instance, Optional<HealthStatus> health, Optional<GpuSpec> gpu) {

        DeploymentState applyTo(DeploymentState x, Instant at) {
            DeploymentState y = x;
            if (instance.isPresent()) {
                y = y.withGpuHealthStatus(health);
                if (y.gpuEnabled()) {
                    y = y.withGpuLastCheckedAt(at);
                }
            }
            if (gpu.isPresent()) {
                y = y.withGpuModel(gpu.get().model()).withGpuManufacturer(gpu.get().manufacturer())
                        .withGpuCount(gpu.get().count()).withGpuMemoryMib(gpu.get().totalMemoryMib());
            }
            return y;
        }
    }

    private static Observed observe(DeploymentState s, Cloud cloud) {
        Optional<String> instance = s.instanceId();
        Optional<HealthStatus> health = instance.flatMap(id -> describeOrEmpty(() -> cloud.compute().instanceHealth(id))
                .flatMap(h -> h));
        Optional<GpuSpec> gpu = s.gpuEnabled() && s.gpuModel().isEmpty()
                ? s.gpuInstanceType().or(s::instanceType).flatMap(t -> cloud.compute().gpuSpec(t)) : Optional.empty();
        return new Observed(instance, health, gpu);
    }

    /** Describes every resource the state records; NotFound is gone, another cloud error makes it unchecked. */
    private static LiveResources readLive(DeploymentState s, Cloud cloud) {
        return new LiveResources(
                s.cloudFrontDistributionId().map(id -> live(() -> cloud.cloudFront().getDistribution(id)))
                        .orElse(Live.notRecorded()),
                s.instanceId().map(id -> live(() -> cloud.compute().describeInstance(id))).orElse(Live.notRecorded()),
                s.albArn().map(arn -> live(() -> cloud.loadBalancing().describeLoadBalancer(arn))).orElse(Live.notRecorded()),
                s.efsId().map(id -> live(() -> cloud.fileSystems().describeFileSystem(id))).orElse(Live.notRecorded()));
    }

    private static <T> Live<T> live(java.util.function.Supplier<T> describe) {
        try {
            return Live.of(describe.get());
        } catch (ResourceNotFoundException gone) {
            return Live.gone();
        } catch (CloudException e) {
            return Live.unchecked(e.getMessage());
        }
    }

    /** The state with every live value written in; resources found gone are marked gone, found ones unmarked. */
    private static DeploymentState withLive(DeploymentState s, LiveResources live, Instant at) {
        DeploymentState x = s;
        if (live.cloudFront().value().isPresent()) {
            x = withDistribution(x, live.cloudFront().value().get(), at);
        } else if (live.cloudFront().isGone()) {
            x = withDistributionGone(x, at);
        }
        if (live.instance().value().isPresent()) {
            InstanceDescription i = live.instance().value().get();
            x = x.withInstanceState(Optional.of(DriftCheck.stateName(i.state()))).withInstanceGoneAt(Optional.empty());
            if (i.instanceType() != null && !DriftCheck.recordedInstanceType(x).equals(Optional.of(i.instanceType()))) {
                x = x.gpuEnabled() ? x.withGpuInstanceType(i.instanceType()) : x;
                if (!x.gpuEnabled() || x.config().instanceType().isPresent()) {
                    x = x.withConfig(x.config().withInstanceType(i.instanceType()));
                }
            }
            if (i.imageId() != null && !DriftCheck.recordedAmi(x).equals(Optional.of(i.imageId()))) {
                x = x.gpuEnabled() ? x.withGpuAmiId(i.imageId()) : x;
                if (!x.gpuEnabled() || x.config().amiId().isPresent()) {
                    x = x.withConfig(x.config().withAmiId(i.imageId()));
                }
            }
        } else if (live.instance().isGone()) {
            x = x.withInstanceState(Optional.empty()).withInstanceGoneAt(x.instanceGoneAt().or(() -> Optional.of(at)));
        }
        if (live.loadBalancer().value().isPresent()) {
            x = x.withAlbDns(live.loadBalancer().value().get().dnsName()).withAlbGoneAt(Optional.empty());
        } else if (live.loadBalancer().isGone()) {
            x = x.withAlbGoneAt(x.albGoneAt().or(() -> Optional.of(at)));
        }
        if (live.fileSystem().value().isPresent()) {
            x = x.withEfsSizeBytes(Optional.of(live.fileSystem().value().get().sizeBytes())).withEfsGoneAt(Optional.empty());
        } else if (live.fileSystem().isGone()) {
            x = x.withEfsGoneAt(x.efsGoneAt().or(() -> Optional.of(at)));
        }
        return x;
    }

    private static DeploymentState withDistributionGone(DeploymentState x, Instant at) {
        return x.withCloudFrontStatus(Optional.empty()).withCloudFrontEnabled(Optional.empty())
                .withCloudFrontLastCheckedAt(at).withCloudFrontGoneAt(at);
    }

    /** How long a NotFound right after a launch may be EC2's eventual consistency rather than a fact. */
    private static final Duration NOT_FOUND_PATIENCE = Duration.ofSeconds(60);

    /**
     * Describes, retrying a NotFound for {@link #NOT_FOUND_PATIENCE}: a pipeline records an
     * instance seconds after launching it, and EC2 may not know it yet.
     */
    private static <T> T believingNotFoundLate(Cloud cloud, java.util.function.Supplier<T> describe) {
        Instant start = cloud.clock().now();
        for (int attempt = 1; ; attempt++) {
            try {
                return describe.get();
            } catch (ResourceNotFoundException notYet) {
                if (Duration.between(start, cloud.clock().now()).compareTo(NOT_FOUND_PATIENCE) >= 0) {
                    throw notYet;
                }
                try {
                    cloud.clock().sleep(Duration.ofSeconds(Math.min(10, 2L * attempt)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw notYet;
                }
            }
        }
    }

    /** The cloud session of the deployment's region. */
    private Cloud session(DeploymentState s) {
        return DeploymentTarget.of(s, client.cloud()).session(client.cloud());
    }

    private static <T> Optional<T> describeOrEmpty(java.util.function.Supplier<T> call) {
        try {
            return Optional.of(call.get());
        } catch (ResourceNotFoundException gone) {
            return Optional.empty();
        }
    }

    private static DeploymentState withDistribution(DeploymentState s, Distribution d, Instant at) {
        DeploymentState x = s.withCloudFrontDistributionId(d.id()).withCloudFrontDomainName(d.domainName())
                .withCloudFrontArn(d.arn()).withCloudFrontStatus(d.status()).withCloudFrontEnabled(d.enabled())
                .withCloudFrontOrigins(d.origins()).withCloudFrontCacheBehaviors(d.cacheBehaviors())
                .withCloudFrontAliases(d.aliases()).withCloudFrontLastCheckedAt(at).withCloudFrontGoneAt(Optional.empty());
        if (d.priceClass().isPresent()) {
            x = x.withCloudFrontPriceClass(d.priceClass());
        }
        if (d.callerReference().isPresent()) {
            x = x.withCloudFrontCallerReference(d.callerReference());
        }
        return x;
    }

    private static Instant micros(Instant i) {
        return i.truncatedTo(ChronoUnit.MICROS);
    }

    private static void requireText(String value, String what, String example) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(what + " must not be blank, e.g. \"" + example + "\"");
        }
    }

    /**
     * Inspects the deployment for people ({@code render()}, also its {@code toString()}) and
     * pipelines ({@code toJson()}), priced with the default usage profile. Reads local state only.
     *
     * @return the inspection; an unknown instance price makes its cost unknown, not the call fail
     * @throws DeploymentNotFoundException when nothing is stored under this name
     */
    public Inspection inspect() {
        return inspect(UsageProfile.defaults());
    }

    /**
     * Inspects the deployment, pricing it with the given usage.
     *
     * @param usage the expected usage
     * @return the inspection
     * @throws DeploymentNotFoundException when nothing is stored under this name
     */
    public Inspection inspect(UsageProfile usage) {
        return Inspection.of(state(), client.estimator(), usage).withClock(client.clock());
    }

    /**
     * The deployment as one self-contained HTML file (the inspection with the CloudFront URL first,
     * the cost breakdown, the last destroy's timeline); for a deployment already destroyed, from its
     * archived state. Reads local state only.
     *
     * <pre>{@code
     * client.deployment("web").report().write(Path.of("web-report.html"));
     * }</pre>
     *
     * @return the report
     * @throws DeploymentNotFoundException when neither a live nor an archived state exists under this name
     */
    public io.tierstate.view.HtmlReport report() {
        Optional<DeploymentState> live = store.find(name);
        DeploymentState s = live.isPresent() ? live.get() : archived();
        Inspection i = Inspection.of(s, client.estimator(), UsageProfile.defaults()).withClock(client.clock());
        return io.tierstate.view.HtmlReport.of(i, client.clock().instant(), live.isEmpty());
    }

    /**
     * The timeline of the last destroy recorded in the deployment's journal: one in progress, failed
     * or cancelled, or, once the deployment is destroyed, the one that completed (from its archived
     * state). {@code timeline().toSvg()} draws it.
     *
     * @return the timeline, or empty when no destroy was ever run
     * @throws DeploymentNotFoundException when neither a live nor an archived state exists under this name
     */
    public Optional<io.tierstate.destroy.DestroyTimeline> lastDestroy() {
        return io.tierstate.destroy.DestroyTimeline.fromJournal(store.find(name).orElseGet(this::archived));
    }

    /** The newest archived state, for a deployment whose live state is gone (destroyed). */
    private DeploymentState archived() {
        return store.latestArchive(name).orElseThrow(() -> new DeploymentNotFoundException(name, store.describe()
                + " (nor in its archive)"));
    }

    private void requireOwn(DeploymentState state) {
        if (!state.stackName().equals(name)) {
            throw new InvalidInputException("state of '" + state.stackName() + "' given to the handle of '" + name
                    + "'; use client.deployment(\"" + state.stackName() + "\")");
        }
    }

    @Override
    public String toString() {
        return "deployment '" + name + "' in " + store.describe();
    }
}
