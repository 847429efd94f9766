package io.tierstate.view;

import static io.tierstate.view.Inspection.NOT_RECORDED;
import static io.tierstate.view.Inspection.NOT_RECORDED_REFRESH;
import static io.tierstate.view.Inspection.UNKNOWN;

import io.tierstate.cost.CostEstimate;
import io.tierstate.cost.CostLineItem;
import io.tierstate.cost.UsageProfile;
import io.tierstate.model.CacheBehavior;
import io.tierstate.model.CloudFrontOrigin;
import io.tierstate.model.CostTracking;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.DestroyJournal;
import io.tierstate.model.DestroyStepRecord;
import io.tierstate.model.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The text of an {@link Inspection}: a banner for Tier 3, then one section per part of the deployment. */
final class InspectionText {

    /** AWS managed CloudFront policies, by id, so the table names them instead of showing a UUID. */
    private static final Map<String, String> MANAGED_POLICIES = Map.of(
            "658327ea-f89d-4fab-a63d-7e88639e58f6", "CachingOptimized",
            "4135ea2d-6df8-44a3-9df3-4b5a84be39ad", "CachingDisabled",
            "216adef6-5c7f-47e4-b989-5492eafa07d3", "AllViewer",
            "b689b0a8-53d0-40ab-baf2-68738e2966ac", "AllViewerExceptHostHeader");

    private static final int LABEL_WIDTH = 18;

    private final Inspection inspection;
    private final DeploymentState state;
    private final DestroyProgress destroy;
    private final Instant now;
    private final StringBuilder out = new StringBuilder();

    InspectionText(Inspection inspection, Instant now) {
        this.inspection = inspection;
        this.state = inspection.state();
        this.destroy = new DestroyProgress(state);
        this.now = now;
    }

    String render() {
        inspection.cloudFrontUrl().ifPresent(this::banner);
        if (state.tier() == Tier.GPU && inspection.cloudFrontUrl().isEmpty()) {
            out.append("No CloudFront distribution is recorded yet: record one (tierstate record-cloudfront ")
                    .append(state.stackName()).append(" ID) or provision it (tierstate provision-cloudfront ")
                    .append(state.stackName()).append(").\n\n");
        }
        overview();
        destroy();
        cloudFront();
        gpu();
        loadBalancer();
        instance();
        efs();
        iam();
        network();
        cost();
        notes();
        return out.toString();
    }

    /** What the store noticed on reading (a GeuseMaker rewrite, say), last, so it is what the reader sees at the end. */
    private void notes() {
        if (state.notes().isEmpty()) {
            return;
        }
        out.append("\nNotes\n");
        state.notes().forEach(n -> out.append("  ").append(TextTable.clean(n)).append('\n'));
    }

    private void banner(String url) {
        String line = "+" + "-".repeat(url.length() + 6) + "+\n";
        out.append(line).append("|   ").append(TextTable.clean(url)).append("   |\n").append(line).append('\n');
    }

    private void overview() {
        out.append(TextTable.clean(state.stackName())).append('\n');
        field("tier", state.tier().number() + " (" + state.tier().wireName() + ")");
        field("status", state.status().wireName());
        field("region", state.region());
        field("endpoint", DeploymentSummary.endpoint(state).orElse(NOT_RECORDED));
        state.n8nUrl().ifPresent(u -> field("application URL", u));
        state.httpsEndpoint().filter(h -> !h.equals(state.n8nUrl().orElse(""))).ifPresent(h -> field("HTTPS endpoint", h));
        field("created", state.createdAt().map(t -> Formats.agoAndUtc(t, now)).orElse(NOT_RECORDED));
        state.updatedAt().ifPresent(t -> field("updated", Formats.agoAndUtc(t, now)));
        state.terminatedAt().ifPresent(t -> field("terminated", Formats.agoAndUtc(t, now)));
    }

    private void destroy() {
        Optional<DestroyJournal> journal = state.destroyProgress();
        boolean completed = state.status() == io.tierstate.model.Status.TERMINATED;
        if (destroy.started() && !destroy.onlyCloudFrontDeletionLeft()) {
            out.append('\n').append(completed ? "DESTROY COMPLETED" : "DESTROY IN PROGRESS");
            journal.flatMap(DestroyJournal::startedAt).ifPresent(t -> out.append(" — started ").append(Formats.utc(t)));
            journal.flatMap(DestroyJournal::strategy).ifPresent(s -> out.append(" (").append(TextTable.clean(s)).append(')'));
            out.append('\n');
            List<String> done = destroy.done();
            field("done", done.isEmpty() ? "none yet" : String.join(", ", done));
            for (DestroyStepRecord r : destroy.records()) {
                if ("failed".equals(r.status())) {
                    field("failed", r.step() + r.error().map(e -> ": " + e).orElse("")
                            + (r.attempts() > 1 ? " (" + r.attempts() + " attempts)" : ""));
                }
            }
            List<String> inProgress = destroy.inProgress();
            for (String step : inProgress) {
                field("in progress", step + " (" + journal.flatMap(j -> j.step(step)).map(DestroyStepRecord::status)
                        .orElse("") + ")");
            }
            List<String> pending = destroy.pending().stream().filter(p -> !inProgress.contains(p)).toList();
            if (!completed) {
                field("pending", pending.isEmpty() ? "none" : String.join(", ", pending));
            }
            if (destroy.preserveEfs()) {
                field("kept", "EFS (preserve_efs)");
            }
            if (completed) {
                return;
            }
            field("resume with", destroy.resumeCommand() + "   (Java: client.deployment(\"" + state.stackName()
                    + "\").destroy().run())");
        }
        if (destroy.cloudFrontDeletionPending()) {
            out.append('\n').append("CLOUDFRONT DELETION PENDING\n");
            field("distribution", state.cloudFrontDistributionId().orElse(NOT_RECORDED)
                    + " was disabled; deleting it was deferred until the disable has propagated");
            field("complete with", "tierstate complete-pending   (Java: client.completePendingDestroys())");
        }
    }

    private void cloudFront() {
        boolean recorded = state.cloudFrontDistributionId().isPresent() || state.cloudFrontDomainName().isPresent();
        if (!recorded && state.tier() != Tier.GPU) {
            return;
        }
        section("CloudFront", recorded ? Optional.of("cloudfront") : Optional.empty());
        if (!recorded) {
            field("distribution", NOT_RECORDED);
            return;
        }
        field("distribution", state.cloudFrontDistributionId().orElse(NOT_RECORDED));
        field("domain", state.cloudFrontDomainName().orElse(NOT_RECORDED));
        Optional<java.time.Instant> gone = state.cloudFrontGoneAt();
        String missing = gone.isPresent() ? "none (the distribution is gone)"
                : state.cloudFrontLastCheckedAt().isPresent() ? "not given by CloudFront when last checked"
                : NOT_RECORDED_REFRESH;
        field("status", gone.map(t -> "gone (CloudFront has no such distribution; found " + Formats.agoAndUtc(t, now) + ")")
                .orElseGet(() -> state.cloudFrontStatus().map(s -> switch (s) {
                    case DEPLOYED -> "Deployed";
                    case IN_PROGRESS -> "InProgress (a change is still propagating to the edge locations)";
                }).orElse(state.cloudFrontLastCheckedAt().isPresent() ? "unknown (not found when last checked)" : UNKNOWN)));
        field("enabled", gone.isPresent() ? "no (gone)" : state.cloudFrontEnabled().map(e -> e ? "yes" : "no (disabled)")
                .orElse(state.cloudFrontLastCheckedAt().isPresent() ? "unknown (not found when last checked)" : UNKNOWN));
        field("last checked", state.cloudFrontLastCheckedAt().map(t -> Formats.agoAndUtc(t, now))
                .orElse("never — run refresh"));
        field("price class", state.cloudFrontPriceClass().orElse(missing));
        field("ARN", state.cloudFrontArn().orElse(missing));
        if (state.cloudFrontOrigins().isEmpty()) {
            field("origins", missing);
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
            field("cache behaviours", missing);
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

    private void gpu() {
        if (!state.gpuEnabled()) {
            return;
        }
        section("GPU", Optional.empty());
        field("instance type", state.gpuInstanceType().or(state::instanceType).orElse(NOT_RECORDED));
        field("AMI", state.gpuAmiId().orElse(NOT_RECORDED));
        field("health", state.gpuHealthStatus().map(h -> h.wireName() + state.gpuLastCheckedAt()
                .map(t -> ", checked " + Formats.agoAndUtc(t, now)).orElse("")).orElse(UNKNOWN));
        String model = state.gpuModel().map(m -> state.gpuManufacturer().map(f -> f + " ").orElse("") + m).orElse(null);
        if (model == null && state.gpuCount().isEmpty()) {
            field("GPUs", UNKNOWN);
        } else {
            field("GPUs", (model != null ? model : "unknown model") + " × " + state.gpuCount().map(String::valueOf).orElse("?"));
        }
        field("GPU memory", state.gpuMemoryMib().map(m -> Formats.gib(m) + " GiB total (" + m + " MiB)").orElse(UNKNOWN));
    }

    private void loadBalancer() {
        boolean recorded = state.albArn().isPresent() || state.albDns().isPresent();
        if (!recorded && state.tier() == Tier.DEV) {
            return;
        }
        section("Load balancer", recorded ? Optional.of("alb") : Optional.empty());
        state.albGoneAt().ifPresent(t -> field("status", "gone (no such load balancer; found " + Formats.agoAndUtc(t, now) + ")"));
        field("DNS name", state.albDns().orElse(NOT_RECORDED));
        field("ARN", state.albArn().orElse(NOT_RECORDED));
        field("target group", state.targetGroupArn()
                .map(t -> t + " (" + destroy.provenanceText("target_group") + ")").orElse(NOT_RECORDED));
        state.certificateArn().ifPresent(c -> field("certificate", c));
    }

    private void instance() {
        section("EC2 instance", state.instanceId().map(i -> "instance"));
        field("id", state.instanceId().orElse(NOT_RECORDED));
        if (state.instanceGoneAt().isPresent()) {
            field("state", "gone (no such instance; found " + Formats.agoAndUtc(state.instanceGoneAt().get(), now) + ")");
        } else {
            state.instanceState().ifPresent(v -> field("state", v));
        }
        Optional<CostTracking> cost = state.cost();
        boolean spot = cost.flatMap(CostTracking::isSpot).or(() -> state.config().useSpot()).orElse(false);
        String market = spot ? ", spot" + cost.flatMap(CostTracking::spotPricePerHour)
                .map(p -> " at $" + p.toPlainString() + "/h").orElse("") : "";
        field("type", state.instanceType().map(t -> t + market).orElse(NOT_RECORDED));
        field("public IP", state.publicIp().orElse(NOT_RECORDED));
        field("private IP", state.privateIp().orElse(NOT_RECORDED));
        state.keypairName().ifPresent(k -> field("key pair", k));
        state.config().amiId().filter(a -> !state.gpuEnabled()).ifPresent(a -> field("AMI", a));
    }

    private void efs() {
        section("EFS", state.efsId().map(i -> "efs"));
        field("file system", state.efsId().orElse(NOT_RECORDED));
        if (state.efsGoneAt().isPresent()) {
            field("status", "gone (no such file system; found " + Formats.agoAndUtc(state.efsGoneAt().get(), now) + ")");
        } else {
            state.efsSizeBytes().ifPresent(b -> field("size", b + " bytes metered, as last described"));
        }
        List<String> targets = Inspection.mountTargets(state);
        field("mount targets", targets.isEmpty() ? NOT_RECORDED : String.join(", ", targets));
        state.efsMountTargetIp().ifPresent(ip -> field("mount target IP", ip));
    }

    private void iam() {
        boolean recorded = state.iamRoleName().isPresent() || state.iamRoleArn().isPresent()
                || state.iamInstanceProfileName().isPresent() || state.iamInstanceProfileArn().isPresent();
        section("IAM", recorded ? Optional.of("iam") : Optional.empty());
        field("role", state.iamRoleName().or(state::iamRoleArn).orElse(NOT_RECORDED));
        field("instance profile", state.iamInstanceProfileName().or(state::iamInstanceProfileArn).orElse(NOT_RECORDED));
    }

    private void network() {
        section("Network", Optional.empty());
        field("VPC", state.vpcId().map(v -> v + " (" + destroy.provenanceText("vpc") + ")").orElse(NOT_RECORDED));
        field("subnets", state.subnetIds().isEmpty() ? NOT_RECORDED
                : String.join(", ", state.subnetIds()) + " (" + destroy.provenanceText("subnets") + ")");
        state.storageSubnetId().ifPresent(s -> field("storage subnet", s));
        field("security group", state.securityGroupId()
                .map(g -> g + " (" + destroy.provenanceText("security_group") + ")").orElse(NOT_RECORDED));
    }

    private void cost() {
        section("Monthly cost", Optional.empty());
        if (inspection.estimate().isEmpty()) {
            String reason = inspection.costUnknownReason().orElse("not estimated");
            // the exception lists every priced type; the JSON keeps that, the text keeps the advice
            int list = reason.indexOf(" Types with a price:");
            field("estimate", "unknown — " + (list > 0 ? reason.substring(0, list) : reason));
            return;
        }
        CostEstimate e = inspection.estimate().get();
        field("estimate", Formats.money(e.monthlyTotal(), e.currency()) + " a month (prices of " + e.catalogAsOf()
                + ", " + e.catalogRegion() + "; " + (e.usage().equals(UsageProfile.defaults()) ? "default" : "given")
                + " usage profile)");
        inspection.costToDate().ifPresent(c -> field("cost to date", Formats.money(c.total(), c.currency()) + " over "
                + c.hours().setScale(1, java.math.RoundingMode.HALF_UP).toPlainString() + " hours since "
                + Formats.utcMinutes(c.periodStart()) + " (CloudFront and data transfer pro rata from the usage profile)"));
        inspection.budget().ifPresent(b -> field("budget", Formats.money(b.limit(), e.currency()) + " a month; the monthly"
                + " estimate is " + b.percentUsed().toPlainString() + " % of it" + (b.over() ? ", OVER by "
                + Formats.money(b.overBy(), e.currency()) : b.near() ? ", within 10 % of it" : "")));
        List<CostLineItem> largest = Inspection.largestItems(e);
        if (!largest.isEmpty()) {
            out.append("  largest items\n");
            TextTable t = new TextTable(56, "RESOURCE", "ITEM", "MONTHLY").indent("    ").alignRight(2);
            for (CostLineItem item : largest) {
                t.row(item.resource().displayName(), item.description(), Formats.money(item.monthlyCost(), e.currency()));
            }
            out.append(t.render());
        }
        for (String note : e.notes()) {
            field("note", note);
        }
        if (destroy.started()) {
            field("note", "priced from what the state records, including resources the destroy has already deleted");
        }
    }

    /** A section title, with the resource's provenance and what a destroy did to it, e.g. {@code EFS (created, deleted)}. */
    private void section(String title, Optional<String> resource) {
        out.append('\n').append(title);
        resource.ifPresent(r -> out.append(" (").append(destroy.provenanceText(r)).append(')'));
        out.append('\n');
    }

    private void field(String label, String value) {
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
}
