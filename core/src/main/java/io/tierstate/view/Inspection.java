package io.tierstate.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tierstate.CostSubjects;
import io.tierstate.cost.CostEstimate;
import io.tierstate.cost.CostEstimator;
import io.tierstate.cost.CostLineItem;
import io.tierstate.cost.UnknownPriceException;
import io.tierstate.cost.UsageProfile;
import io.tierstate.internal.StateCodec;
import io.tierstate.internal.Timestamps;
import io.tierstate.model.CacheBehavior;
import io.tierstate.model.CloudFrontOrigin;
import io.tierstate.model.CostTracking;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.DestroyJournal;
import io.tierstate.model.DestroyStepRecord;
import io.tierstate.model.Provenance;
import io.tierstate.model.Status;
import io.tierstate.model.Tier;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One deployment, for a person ({@link #render()}, also {@link #toString()} so it reads well in
 * JShell) or a pipeline ({@link #toJson()}, shape in {@code docs/views.md}).
 *
 * <pre>{@code
 * System.out.println(client.deployment("gpu-global").inspect());
 * String json = client.deployment("gpu-global").inspect().toJson();
 * }</pre>
 *
 * <p>For Tier 3 the CloudFront URL comes first, in a banner. Then the distribution (status, enabled,
 * when last checked, price class, origins and cache behaviours), the GPU, the load balancer, the EC2
 * instance, EFS, IAM and the network with their provenance, the monthly cost with its largest items,
 * and any destroy in progress or CloudFront deletion pending, with the command that finishes it.
 * A value that only a refresh can tell (distribution status, GPU health ...) reads
 * {@value #UNKNOWN}; a value that was never recorded reads {@value #NOT_RECORDED}.
 *
 * <p>An inspection is immutable and made of local state only; it makes no cloud call. Ages ("3 min
 * ago") are computed when rendered, against the system clock unless {@link #withClock(Clock)} gives
 * another.
 */
public final class Inspection {

    /** What an unknown value (until a refresh) reads. */
    public static final String UNKNOWN = "unknown — run refresh";
    /** What a value that was never recorded reads. */
    public static final String NOT_RECORDED = "not recorded";
    /** What a value that describing the resource records reads while it is missing. */
    static final String NOT_RECORDED_REFRESH = "not recorded — run refresh";

    /** Destroy step ids in teardown order, as {@code destroy_progress.steps[].step} names them. */
    static final List<String> STEP_ORDER = List.of("cloudfront", "alb", "target_group", "instance", "iam", "efs",
            "security_group", "subnets", "vpc");

    /** Provenance keys per resource, first recorded wins; none recorded means created. */
    private static final Map<String, List<String>> PROVENANCE_KEYS = Map.of(
            "cloudfront", List.of("cloudfront"),
            "alb", List.of("alb"),
            "target_group", List.of("target_group"),
            "instance", List.of("instance", "ec2"),
            "iam", List.of("iam", "iam_role", "iam_instance_profile"),
            "efs", List.of("efs"),
            "security_group", List.of("security_group", "sg"),
            "subnets", List.of("subnets", "subnet"),
            "vpc", List.of("vpc"));

    /** AWS managed CloudFront policies, by id, so the table names them instead of showing a UUID. */
    private static final Map<String, String> MANAGED_POLICIES = Map.of(
            "658327ea-f89d-4fab-a63d-7e88639e58f6", "CachingOptimized",
            "4135ea2d-6df8-44a3-9df3-4b5a84be39ad", "CachingDisabled",
            "216adef6-5c7f-47e4-b989-5492eafa07d3", "AllViewer",
            "b689b0a8-53d0-40ab-baf2-68738e2966ac", "AllViewerExceptHostHeader");

    private static final int LABEL_WIDTH = 18;
    private static final int LARGEST_ITEMS = 3;

    private final DeploymentState state;
    private final Optional<CostEstimate> estimate;
    private final Optional<String> costUnknownReason;
    private final Clock clock;

    private Inspection(DeploymentState state, Optional<CostEstimate> estimate, Optional<String> costUnknownReason,
            Clock clock) {
        this.state = state;
        this.estimate = estimate;
        this.costUnknownReason = costUnknownReason;
        this.clock = clock;
    }

    /**
     * Inspects a state, pricing it with an estimator; an unknown price makes the cost unknown rather
     * than failing the inspection.
     *
     * @param state the deployment's state
     * @param estimator the estimator, e.g. {@code PriceCatalog.defaults().estimator()}
     * @param usage the usage to price, e.g. {@link UsageProfile#defaults()}
     * @return the inspection, rendering ages against the system clock
     */
    public static Inspection of(DeploymentState state, CostEstimator estimator, UsageProfile usage) {
        Objects.requireNonNull(state, "state");
        try {
            return new Inspection(state, Optional.of(estimator.estimate(CostSubjects.of(state), usage)), Optional.empty(),
                    Clock.systemUTC());
        } catch (UnknownPriceException e) {
            return new Inspection(state, Optional.empty(), Optional.of(e.getMessage()), Clock.systemUTC());
        }
    }

    /**
     * The same inspection rendering ages ("3 min ago") against another clock, e.g. a fixed one in tests.
     *
     * @param clock the clock
     * @return a copy using it
     */
    public Inspection withClock(Clock clock) {
        return new Inspection(state, estimate, costUnknownReason, Objects.requireNonNull(clock, "clock"));
    }

    /** @return the state inspected */
    public DeploymentState state() {
        return state;
    }

    /** @return the monthly cost estimate, or empty when the catalog has no price for the instance type */
    public Optional<CostEstimate> estimate() {
        return estimate;
    }

    /** @return why the cost is unknown (the {@code UnknownPriceException} message), when it is */
    public Optional<String> costUnknownReason() {
        return costUnknownReason;
    }

    /**
     * The URL users reach the deployment at: {@code https://} and the CloudFront domain for Tier 3.
     *
     * @return the URL, or empty when no distribution domain is recorded or the deployment is not Tier 3
     */
    public Optional<String> cloudFrontUrl() {
        return state.cloudFrontDomainName().filter(d -> state.tier() == Tier.GPU || state.cloudFrontDistributionId()
                .isPresent()).map(d -> "https://" + d);
    }

    /** @return the destroy steps journaled as done or skipped, in journal order */
    public List<String> stepsDone() {
        return journalSteps(Inspection::isDone);
    }

    /** @return the destroy steps journaled as failed, in journal order */
    public List<String> stepsFailed() {
        return journalSteps(s -> "failed".equals(s.status()));
    }

    /**
     * The destroy steps still to run: those of {@link #STEP_ORDER} whose resource is recorded, was
     * created (not reused) and is not kept by {@code preserve_efs}, and that are not journaled as done,
     * skipped or failed.
     *
     * @return the pending step ids, in teardown order; empty when no destroy was started
     */
    public List<String> stepsPending() {
        if (!destroyStarted()) {
            return List.of();
        }
        Optional<DestroyJournal> journal = state.destroyProgress();
        List<String> pending = new ArrayList<>();
        for (String step : STEP_ORDER) {
            boolean finishedOrFailed = journal.flatMap(j -> j.step(step))
                    .filter(r -> isDone(r) || "failed".equals(r.status())).isPresent();
            if (!finishedOrFailed && recorded(step) && provenance(step) != Provenance.REUSED
                    && !(step.equals("efs") && journal.map(DestroyJournal::preserveEfs).orElse(false))) {
                pending.add(step);
            }
        }
        return pending;
    }

    // ---------------------------------------------------------------- text

    /** @return the inspection as text for people, lines separated by {@code \n} */
    public String render() {
        Instant now = clock.instant();
        StringBuilder out = new StringBuilder();
        cloudFrontUrl().ifPresent(url -> banner(out, url));
        if (state.tier() == Tier.GPU && cloudFrontUrl().isEmpty()) {
            out.append("No CloudFront distribution is recorded yet: record one (tierstate record-cloudfront ")
                    .append(state.stackName()).append(" ID) or provision it (tierstate provision-cloudfront ")
                    .append(state.stackName()).append(").\n\n");
        }
        overview(out, now);
        destroy(out);
        cloudFront(out, now);
        gpu(out, now);
        loadBalancer(out);
        instance(out);
        efs(out);
        iam(out);
        network(out);
        cost(out);
        return out.toString();
    }

    private static void banner(StringBuilder out, String url) {
        String line = "+" + "-".repeat(url.length() + 6) + "+\n";
        out.append(line).append("|   ").append(TextTable.clean(url)).append("   |\n").append(line).append('\n');
    }

    private void overview(StringBuilder out, Instant now) {
        out.append(TextTable.clean(state.stackName())).append('\n');
        field(out, "tier", state.tier().number() + " (" + state.tier().wireName() + ")");
        field(out, "status", state.status().wireName());
        field(out, "region", state.region());
        field(out, "endpoint", DeploymentSummary.endpoint(state).orElse(NOT_RECORDED));
        state.n8nUrl().ifPresent(u -> field(out, "application URL", u));
        state.httpsEndpoint().filter(h -> !h.equals(state.n8nUrl().orElse(""))).ifPresent(h -> field(out, "HTTPS endpoint", h));
        field(out, "created", state.createdAt().map(t -> Formats.agoAndUtc(t, now)).orElse(NOT_RECORDED));
        state.updatedAt().ifPresent(t -> field(out, "updated", Formats.agoAndUtc(t, now)));
        state.terminatedAt().ifPresent(t -> field(out, "terminated", Formats.agoAndUtc(t, now)));
    }

    private void destroy(StringBuilder out) {
        Optional<DestroyJournal> journal = state.destroyProgress();
        boolean pendingDeletion = journal.map(DestroyJournal::pendingCloudFrontDeletion).orElse(false);
        if (destroyStarted() && !onlyDeletionPending()) {
            out.append('\n').append("DESTROY IN PROGRESS");
            journal.flatMap(DestroyJournal::startedAt).ifPresent(t -> out.append(" — started ").append(Formats.utc(t)));
            journal.flatMap(DestroyJournal::strategy).ifPresent(s -> out.append(" (").append(TextTable.clean(s)).append(')'));
            out.append('\n');
            List<String> done = stepsDone();
            List<String> inProgress = journalSteps(s -> !isDone(s) && !"failed".equals(s.status()));
            field(out, "done", done.isEmpty() ? "none yet" : String.join(", ", done));
            for (DestroyStepRecord r : journal.map(DestroyJournal::steps).orElse(List.of())) {
                if ("failed".equals(r.status())) {
                    field(out, "failed", r.step() + r.error().map(e -> ": " + e).orElse("")
                            + (r.attempts() > 1 ? " (" + r.attempts() + " attempts)" : ""));
                }
            }
            for (String step : inProgress) {
                field(out, "in progress", step + " (" + journal.flatMap(j -> j.step(step)).map(DestroyStepRecord::status)
                        .orElse("") + ")");
            }
            List<String> pending = stepsPending().stream().filter(p -> !inProgress.contains(p)).toList();
            field(out, "pending", pending.isEmpty() ? "none" : String.join(", ", pending));
            if (journal.map(DestroyJournal::preserveEfs).orElse(false)) {
                field(out, "kept", "EFS (preserve_efs)");
            }
            field(out, "resume with", resumeCommand() + "   (Java: client.deployment(\"" + state.stackName()
                    + "\").destroy().run())");
        }
        if (pendingDeletion) {
            out.append('\n').append("CLOUDFRONT DELETION PENDING\n");
            field(out, "distribution", state.cloudFrontDistributionId().orElse(NOT_RECORDED)
                    + " was disabled; deleting it was deferred until the disable has propagated");
            field(out, "complete with", "tierstate complete-pending   (Java: client.completePendingDestroys())");
        }
    }

    private void cloudFront(StringBuilder out, Instant now) {
        boolean recorded = state.cloudFrontDistributionId().isPresent() || state.cloudFrontDomainName().isPresent();
        if (!recorded && state.tier() != Tier.GPU) {
            return;
        }
        section(out, "CloudFront", recorded ? Optional.of("cloudfront") : Optional.empty());
        if (!recorded) {
            field(out, "distribution", NOT_RECORDED);
            return;
        }
        field(out, "distribution", state.cloudFrontDistributionId().orElse(NOT_RECORDED));
        field(out, "domain", state.cloudFrontDomainName().orElse(NOT_RECORDED));
        field(out, "status", state.cloudFrontStatus().map(s -> switch (s) {
            case DEPLOYED -> "Deployed";
            case IN_PROGRESS -> "InProgress (a change is still propagating to the edge locations)";
        }).orElse(UNKNOWN));
        field(out, "enabled", state.cloudFrontEnabled().map(e -> e ? "yes" : "no (disabled)").orElse(UNKNOWN));
        field(out, "last checked", state.cloudFrontLastCheckedAt().map(t -> Formats.agoAndUtc(t, now))
                .orElse("never — run refresh"));
        field(out, "price class", state.cloudFrontPriceClass().orElse(NOT_RECORDED_REFRESH));
        field(out, "ARN", state.cloudFrontArn().orElse(NOT_RECORDED_REFRESH));
        if (state.cloudFrontOrigins().isEmpty()) {
            field(out, "origins", NOT_RECORDED_REFRESH);
        } else {
            out.append("  origins\n");
            TextTable t = new TextTable(56, "ID", "DOMAIN", "PATH", "PROTOCOL", "HTTP", "HTTPS").indent("    ");
            for (CloudFrontOrigin o : state.cloudFrontOrigins()) {
                t.row(o.id(), o.domainName(), o.originPath().filter(p -> !p.isEmpty()).orElse("-"),
                        o.protocolPolicy().orElse("-"), o.httpPort().map(String::valueOf).orElse("-"),
                        o.httpsPort().map(String::valueOf).orElse("-"));
            }
            out.append(t.render());
        }
        if (state.cloudFrontCacheBehaviors().isEmpty()) {
            field(out, "cache behaviours", NOT_RECORDED_REFRESH);
        } else {
            out.append("  cache behaviours\n");
            TextTable t = new TextTable(40, "PATH", "ORIGIN", "VIEWER", "METHODS", "CACHED", "COMPRESS", "TTL MIN/DEF/MAX",
                    "CACHE POLICY", "REQUEST POLICY").indent("    ");
            List<CacheBehavior> ordered = new ArrayList<>(state.cloudFrontCacheBehaviors());
            ordered.sort(Comparator.comparing((CacheBehavior b) -> !b.isDefault()));
            for (CacheBehavior b : ordered) {
                t.row(b.isDefault() ? "* (default)" : b.pathPattern(), b.targetOriginId(),
                        b.viewerProtocolPolicy().orElse("-"), methods(b.allowedMethods()), methods(b.cachedMethods()),
                        b.compress().map(c -> c ? "yes" : "no").orElse("-"),
                        ttl(b.minTtl()) + "/" + ttl(b.defaultTtl()) + "/" + ttl(b.maxTtl()),
                        policy(b.cachePolicyId()), policy(b.originRequestPolicyId()));
            }
            out.append(t.render());
        }
    }

    private void gpu(StringBuilder out, Instant now) {
        if (!state.gpuEnabled()) {
            return;
        }
        section(out, "GPU", Optional.empty());
        field(out, "instance type", state.gpuInstanceType().or(state::instanceType).orElse(NOT_RECORDED));
        field(out, "AMI", state.gpuAmiId().orElse(NOT_RECORDED));
        field(out, "health", state.gpuHealthStatus().map(h -> h.wireName() + state.gpuLastCheckedAt()
                .map(t -> ", checked " + Formats.agoAndUtc(t, now)).orElse("")).orElse(UNKNOWN));
        String model = state.gpuModel().map(m -> state.gpuManufacturer().map(f -> f + " ").orElse("") + m).orElse(null);
        if (model == null && state.gpuCount().isEmpty()) {
            field(out, "GPUs", UNKNOWN);
        } else {
            field(out, "GPUs", (model != null ? model : "unknown model") + " × "
                    + state.gpuCount().map(String::valueOf).orElse("?"));
        }
        field(out, "GPU memory", state.gpuMemoryMib().map(m -> Formats.gib(m) + " GiB total (" + m + " MiB)")
                .orElse(UNKNOWN));
    }

    private void loadBalancer(StringBuilder out) {
        boolean recorded = state.albArn().isPresent() || state.albDns().isPresent();
        if (!recorded && state.tier() == Tier.DEV) {
            return;
        }
        section(out, "Load balancer", recorded ? Optional.of("alb") : Optional.empty());
        field(out, "DNS name", state.albDns().orElse(NOT_RECORDED));
        field(out, "ARN", state.albArn().orElse(NOT_RECORDED));
        field(out, "target group", state.targetGroupArn()
                .map(t -> t + " (" + provenanceText("target_group") + ")").orElse(NOT_RECORDED));
        state.certificateArn().ifPresent(c -> field(out, "certificate", c));
    }

    private void instance(StringBuilder out) {
        section(out, "EC2 instance", state.instanceId().map(i -> "instance"));
        field(out, "id", state.instanceId().orElse(NOT_RECORDED));
        Optional<CostTracking> cost = state.cost();
        boolean spot = cost.flatMap(CostTracking::isSpot).or(() -> state.config().useSpot()).orElse(false);
        String market = spot ? ", spot" + cost.flatMap(CostTracking::spotPricePerHour)
                .map(p -> " at $" + p.toPlainString() + "/h") .orElse("") : "";
        field(out, "type", state.instanceType().map(t -> t + market).orElse(NOT_RECORDED));
        field(out, "public IP", state.publicIp().orElse(NOT_RECORDED));
        field(out, "private IP", state.privateIp().orElse(NOT_RECORDED));
        state.keypairName().ifPresent(k -> field(out, "key pair", k));
        state.config().amiId().filter(a -> !state.gpuEnabled()).ifPresent(a -> field(out, "AMI", a));
    }

    private void efs(StringBuilder out) {
        section(out, "EFS", state.efsId().map(i -> "efs"));
        field(out, "file system", state.efsId().orElse(NOT_RECORDED));
        List<String> targets = mountTargets();
        field(out, "mount targets", targets.isEmpty() ? NOT_RECORDED : String.join(", ", targets));
        state.efsMountTargetIp().ifPresent(ip -> field(out, "mount target IP", ip));
    }

    private void iam(StringBuilder out) {
        boolean recorded = state.iamRoleName().isPresent() || state.iamRoleArn().isPresent()
                || state.iamInstanceProfileName().isPresent() || state.iamInstanceProfileArn().isPresent();
        section(out, "IAM", recorded ? Optional.of("iam") : Optional.empty());
        field(out, "role", state.iamRoleName().or(state::iamRoleArn).orElse(NOT_RECORDED));
        field(out, "instance profile", state.iamInstanceProfileName().or(state::iamInstanceProfileArn).orElse(NOT_RECORDED));
    }

    private void network(StringBuilder out) {
        section(out, "Network", Optional.empty());
        field(out, "VPC", state.vpcId().map(v -> v + " (" + provenanceText("vpc") + ")").orElse(NOT_RECORDED));
        field(out, "subnets", state.subnetIds().isEmpty() ? NOT_RECORDED
                : String.join(", ", state.subnetIds()) + " (" + provenanceText("subnets") + ")");
        state.storageSubnetId().ifPresent(s -> field(out, "storage subnet", s));
        field(out, "security group", state.securityGroupId()
                .map(g -> g + " (" + provenanceText("security_group") + ")").orElse(NOT_RECORDED));
    }

    private void cost(StringBuilder out) {
        section(out, "Monthly cost", Optional.empty());
        if (estimate.isEmpty()) {
            String reason = costUnknownReason.orElse("not estimated");
            int list = reason.indexOf(" Types with a price:");
            field(out, "estimate", "unknown — " + (list > 0 ? reason.substring(0, list) : reason));
            return;
        }
        CostEstimate e = estimate.get();
        field(out, "estimate", Formats.money(e.monthlyTotal(), e.currency()) + " a month (prices of " + e.catalogAsOf()
                + ", " + e.catalogRegion() + "; " + (e.usage().equals(UsageProfile.defaults()) ? "default" : "given")
                + " usage profile)");
        List<CostLineItem> largest = largestItems(e);
        if (!largest.isEmpty()) {
            out.append("  largest items\n");
            TextTable t = new TextTable(56, "RESOURCE", "ITEM", "MONTHLY").indent("    ").alignRight(2);
            for (CostLineItem item : largest) {
                t.row(item.resource().displayName(), item.description(), Formats.money(item.monthlyCost(), e.currency()));
            }
            out.append(t.render());
        }
        for (String note : e.notes()) {
            field(out, "note", note);
        }
        if (destroyStarted()) {
            field(out, "note", "priced from what the state records, including resources the destroy has already deleted");
        }
    }

    /** A section title, with the resource's provenance and what a destroy did to it, e.g. {@code EFS (created, deleted)}. */
    private void section(StringBuilder out, String title, Optional<String> resource) {
        out.append('\n').append(title);
        resource.ifPresent(r -> out.append(" (").append(provenanceText(r)).append(')'));
        out.append('\n');
    }

    /** @return e.g. {@code created}, {@code reused}, {@code created, deleted} or {@code created, being deleted: disabled} */
    private String provenanceText(String resource) {
        String p = provenance(resource).wireName();
        return p + state.destroyProgress().flatMap(j -> j.step(resource)).map(r -> switch (r.status()) {
            case "done" -> ", deleted";
            case "failed" -> ", deletion failed";
            case "skipped" -> ", kept by the destroy";
            default -> ", being deleted: " + r.status();
        }).orElse("");
    }

    private static void field(StringBuilder out, String label, String value) {
        out.append("  ").append(label);
        for (int i = label.length(); i < LABEL_WIDTH; i++) {
            out.append(' ');
        }
        out.append(TextTable.clean(value)).append('\n');
    }

    private static String methods(List<String> methods) {
        if (methods.isEmpty()) {
            return "-";
        }
        return methods.size() == 7 ? "all 7" : String.join(",", methods);
    }

    private static String ttl(Optional<Long> seconds) {
        return seconds.map(String::valueOf).orElse("-");
    }

    private static String policy(Optional<String> id) {
        return id.map(i -> MANAGED_POLICIES.getOrDefault(i, i)).orElse("-");
    }

    // ---------------------------------------------------------------- JSON

    /**
     * The inspection as JSON with snake_case fields, documented field by field in
     * {@code docs/views.md}. Absent and unknown values are omitted; pipelines read a missing
     * {@code cloudfront.status} as "unknown until refreshed".
     *
     * @return the JSON text, pretty-printed, ending with a newline
     */
    public String toJson() {
        ObjectNode root = StateCodec.mapper().createObjectNode();
        root.put("name", state.stackName());
        root.put("status", state.status().wireName());
        root.put("tier", state.tier().wireName());
        root.put("tier_number", state.tier().number());
        root.put("region", state.region());
        cloudFrontUrl().ifPresent(u -> root.put("url", u));
        DeploymentSummary.endpoint(state).ifPresent(e -> root.put("endpoint", e));
        state.n8nUrl().ifPresent(u -> root.put("application_url", u));
        state.createdAt().ifPresent(t -> root.put("created_at", Timestamps.format(t)));
        state.updatedAt().ifPresent(t -> root.put("updated_at", Timestamps.format(t)));
        state.terminatedAt().ifPresent(t -> root.put("terminated_at", Timestamps.format(t)));
        root.put("gpu_enabled", state.gpuEnabled());
        if (state.cloudFrontDistributionId().isPresent() || state.cloudFrontDomainName().isPresent()) {
            cloudFrontJson(root.putObject("cloudfront"));
        }
        if (state.gpuEnabled()) {
            gpuJson(root.putObject("gpu"));
        }
        if (state.albArn().isPresent() || state.albDns().isPresent()) {
            ObjectNode alb = root.putObject("load_balancer");
            state.albDns().ifPresent(v -> alb.put("dns_name", v));
            state.albArn().ifPresent(v -> alb.put("arn", v));
            alb.put("provenance", provenance("alb").wireName());
            state.targetGroupArn().ifPresent(v -> alb.put("target_group_arn", v)
                    .put("target_group_provenance", provenance("target_group").wireName()));
            state.certificateArn().ifPresent(v -> alb.put("certificate_arn", v));
        }
        instanceJson(root.putObject("instance"));
        ObjectNode efs = root.putObject("efs");
        state.efsId().ifPresent(v -> efs.put("id", v).put("provenance", provenance("efs").wireName()));
        strings(efs.putArray("mount_target_ids"), mountTargets());
        state.efsMountTargetIp().ifPresent(v -> efs.put("mount_target_ip", v));
        ObjectNode iam = root.putObject("iam");
        state.iamRoleName().ifPresent(v -> iam.put("role_name", v));
        state.iamRoleArn().ifPresent(v -> iam.put("role_arn", v));
        state.iamInstanceProfileName().ifPresent(v -> iam.put("instance_profile_name", v));
        state.iamInstanceProfileArn().ifPresent(v -> iam.put("instance_profile_arn", v));
        if (iam.size() > 0) {
            iam.put("provenance", provenance("iam").wireName());
        }
        ObjectNode net = root.putObject("network");
        state.vpcId().ifPresent(v -> net.put("vpc_id", v).put("vpc_provenance", provenance("vpc").wireName()));
        strings(net.putArray("subnet_ids"), state.subnetIds());
        if (!state.subnetIds().isEmpty()) {
            net.put("subnet_provenance", provenance("subnets").wireName());
        }
        state.storageSubnetId().ifPresent(v -> net.put("storage_subnet_id", v));
        state.securityGroupId().ifPresent(v -> net.put("security_group_id", v)
                .put("security_group_provenance", provenance("security_group").wireName()));
        costJson(root.putObject("cost"));
        if (destroyStarted()) {
            destroyJson(root.putObject("destroy"));
        }
        return new String(StateCodec.writeTree(root), StandardCharsets.UTF_8);
    }

    private void cloudFrontJson(ObjectNode cf) {
        cloudFrontUrl().ifPresent(u -> cf.put("url", u));
        state.cloudFrontDistributionId().ifPresent(v -> cf.put("distribution_id", v));
        state.cloudFrontDomainName().ifPresent(v -> cf.put("domain_name", v));
        state.cloudFrontArn().ifPresent(v -> cf.put("arn", v));
        state.cloudFrontStatus().ifPresent(v -> cf.put("status", v.wireName()));
        state.cloudFrontEnabled().ifPresent(v -> cf.put("enabled", v));
        state.cloudFrontLastCheckedAt().ifPresent(v -> cf.put("last_checked_at", Timestamps.format(v)));
        state.cloudFrontPriceClass().ifPresent(v -> cf.put("price_class", v));
        cf.put("provenance", provenance("cloudfront").wireName());
        ArrayNode origins = cf.putArray("origins");
        for (CloudFrontOrigin o : state.cloudFrontOrigins()) {
            ObjectNode n = origins.addObject().put("id", o.id()).put("domain_name", o.domainName());
            o.originPath().ifPresent(v -> n.put("origin_path", v));
            o.protocolPolicy().ifPresent(v -> n.put("protocol_policy", v));
            o.httpPort().ifPresent(v -> n.put("http_port", v));
            o.httpsPort().ifPresent(v -> n.put("https_port", v));
        }
        ArrayNode behaviors = cf.putArray("cache_behaviors");
        for (CacheBehavior b : state.cloudFrontCacheBehaviors()) {
            ObjectNode n = behaviors.addObject().put("path_pattern", b.pathPattern()).put("default", b.isDefault())
                    .put("target_origin_id", b.targetOriginId());
            b.viewerProtocolPolicy().ifPresent(v -> n.put("viewer_protocol_policy", v));
            strings(n.putArray("allowed_methods"), b.allowedMethods());
            strings(n.putArray("cached_methods"), b.cachedMethods());
            b.cachePolicyId().ifPresent(v -> n.put("cache_policy_id", v));
            b.originRequestPolicyId().ifPresent(v -> n.put("origin_request_policy_id", v));
            b.compress().ifPresent(v -> n.put("compress", v));
            b.minTtl().ifPresent(v -> n.put("min_ttl", v));
            b.defaultTtl().ifPresent(v -> n.put("default_ttl", v));
            b.maxTtl().ifPresent(v -> n.put("max_ttl", v));
        }
    }

    private void gpuJson(ObjectNode gpu) {
        state.gpuInstanceType().or(state::instanceType).ifPresent(v -> gpu.put("instance_type", v));
        state.gpuAmiId().ifPresent(v -> gpu.put("ami_id", v));
        state.gpuHealthStatus().ifPresent(v -> gpu.put("health_status", v.wireName()));
        state.gpuManufacturer().ifPresent(v -> gpu.put("manufacturer", v));
        state.gpuModel().ifPresent(v -> gpu.put("model", v));
        state.gpuCount().ifPresent(v -> gpu.put("count", v));
        state.gpuMemoryMib().ifPresent(v -> gpu.put("memory_mib", v).put("memory_gib", new BigDecimal(Formats.gib(v))));
        state.gpuLastCheckedAt().ifPresent(v -> gpu.put("last_checked_at", Timestamps.format(v)));
    }

    private void instanceJson(ObjectNode ec2) {
        state.instanceId().ifPresent(v -> ec2.put("id", v).put("provenance", provenance("instance").wireName()));
        state.instanceType().ifPresent(v -> ec2.put("type", v));
        Optional<CostTracking> cost = state.cost();
        cost.flatMap(CostTracking::isSpot).or(() -> state.config().useSpot()).ifPresent(v -> ec2.put("spot", v));
        cost.flatMap(CostTracking::spotPricePerHour).ifPresent(v -> ec2.put("spot_price_per_hour", v.toPlainString()));
        state.publicIp().ifPresent(v -> ec2.put("public_ip", v));
        state.privateIp().ifPresent(v -> ec2.put("private_ip", v));
        state.keypairName().ifPresent(v -> ec2.put("keypair_name", v));
        state.config().amiId().ifPresent(v -> ec2.put("ami_id", v));
    }

    private void costJson(ObjectNode cost) {
        if (estimate.isEmpty()) {
            cost.put("unknown_reason", costUnknownReason.orElse("not estimated"));
            return;
        }
        CostEstimate e = estimate.get();
        cost.put("monthly_total", e.monthlyTotalRounded().toPlainString());
        cost.put("monthly_total_exact", e.monthlyTotal().toPlainString());
        cost.put("currency", e.currency());
        cost.put("catalog_as_of", e.catalogAsOf().toString());
        cost.put("catalog_region", e.catalogRegion());
        cost.put("default_usage", e.usage().equals(UsageProfile.defaults()));
        ArrayNode items = cost.putArray("largest_items");
        for (CostLineItem item : largestItems(e)) {
            items.addObject().put("resource", item.resource().wireName()).put("description", item.description())
                    .put("monthly_cost", item.monthlyCost().toPlainString());
        }
        strings(cost.putArray("notes"), e.notes());
    }

    private void destroyJson(ObjectNode d) {
        Optional<DestroyJournal> journal = state.destroyProgress();
        d.put("in_progress", state.status() == Status.DESTROYING);
        journal.flatMap(DestroyJournal::startedAt).ifPresent(v -> d.put("started_at", Timestamps.format(v)));
        journal.flatMap(DestroyJournal::strategy).ifPresent(v -> d.put("strategy", v));
        d.put("preserve_efs", journal.map(DestroyJournal::preserveEfs).orElse(false));
        boolean pendingDeletion = journal.map(DestroyJournal::pendingCloudFrontDeletion).orElse(false);
        d.put("pending_cloudfront_deletion", pendingDeletion);
        ArrayNode steps = d.putArray("steps");
        for (DestroyStepRecord r : journal.map(DestroyJournal::steps).orElse(List.of())) {
            ObjectNode n = steps.addObject().put("step", r.step()).put("status", r.status());
            if (r.attempts() > 0) {
                n.put("attempts", r.attempts());
            }
            r.startedAt().ifPresent(v -> n.put("started_at", Timestamps.format(v)));
            r.finishedAt().ifPresent(v -> n.put("finished_at", Timestamps.format(v)));
            r.error().ifPresent(v -> n.put("error", v));
        }
        strings(d.putArray("done"), stepsDone());
        strings(d.putArray("failed"), stepsFailed());
        strings(d.putArray("pending"), stepsPending());
        if (!onlyDeletionPending()) {
            d.put("resume_command", resumeCommand());
        }
        if (pendingDeletion) {
            d.put("complete_command", "tierstate complete-pending");
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    // ---------------------------------------------------------------- shared

    private boolean destroyStarted() {
        return state.status() == Status.DESTROYING || state.destroyProgress().isPresent();
    }

    /** A deferred CloudFront deletion is all that is left: nothing failed, nothing pending but CloudFront. */
    private boolean onlyDeletionPending() {
        boolean pendingDeletion = state.destroyProgress().map(DestroyJournal::pendingCloudFrontDeletion).orElse(false);
        return pendingDeletion && stepsFailed().isEmpty()
                && stepsPending().stream().allMatch("cloudfront"::equals);
    }

    private String resumeCommand() {
        return "tierstate destroy " + state.stackName();
    }

    private static boolean isDone(DestroyStepRecord r) {
        return "done".equals(r.status()) || "skipped".equals(r.status());
    }

    private List<String> journalSteps(Predicate<DestroyStepRecord> which) {
        return state.destroyProgress().map(DestroyJournal::steps).orElse(List.of()).stream().filter(which)
                .map(DestroyStepRecord::step).toList();
    }

    private boolean recorded(String step) {
        return switch (step) {
            case "cloudfront" -> state.cloudFrontDistributionId().isPresent();
            case "alb" -> state.albArn().isPresent() || state.albDns().isPresent();
            case "target_group" -> state.targetGroupArn().isPresent();
            case "instance" -> state.instanceId().isPresent();
            case "iam" -> state.iamRoleName().isPresent() || state.iamInstanceProfileName().isPresent()
                    || state.iamRoleArn().isPresent() || state.iamInstanceProfileArn().isPresent();
            case "efs" -> state.efsId().isPresent();
            case "security_group" -> state.securityGroupId().isPresent();
            case "subnets" -> !state.subnetIds().isEmpty();
            case "vpc" -> state.vpcId().isPresent();
            default -> false;
        };
    }

    private Provenance provenance(String resource) {
        for (String key : PROVENANCE_KEYS.getOrDefault(resource, List.of(resource))) {
            Provenance p = state.resourceProvenance().get(key);
            if (p != null) {
                return p;
            }
        }
        return Provenance.CREATED;
    }

    private List<String> mountTargets() {
        List<String> targets = new ArrayList<>(state.efsMountTargetIds());
        state.efsMountTargetId().filter(t -> !targets.contains(t)).ifPresent(t -> targets.add(0, t));
        return targets;
    }

    private static List<CostLineItem> largestItems(CostEstimate e) {
        return e.lineItems().stream().filter(i -> i.monthlyCost().signum() > 0)
                .sorted(Comparator.comparing(CostLineItem::monthlyCost).reversed()).limit(LARGEST_ITEMS).toList();
    }

    /** @return {@link #render()} */
    @Override
    public String toString() {
        return render();
    }
}
