package io.tierstate.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tierstate.cost.CostEstimate;
import io.tierstate.cost.CostLineItem;
import io.tierstate.cost.UsageProfile;
import io.tierstate.internal.StateCodec;
import io.tierstate.internal.Timestamps;
import io.tierstate.model.CacheBehavior;
import io.tierstate.model.CloudFrontOrigin;
import io.tierstate.model.CostTracking;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.DestroyJournal;
import io.tierstate.model.DestroyStepRecord;
import io.tierstate.model.Status;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** The JSON of an {@link Inspection}, field by field as {@code docs/views.md} documents it. */
final class InspectionJson {

    private final Inspection inspection;
    private final DeploymentState state;
    private final DestroyProgress destroy;

    private InspectionJson(Inspection inspection) {
        this.inspection = inspection;
        this.state = inspection.state();
        this.destroy = new DestroyProgress(state);
    }

    static String write(Inspection inspection) {
        return new InspectionJson(inspection).write();
    }

    private String write() {
        ObjectNode root = StateCodec.mapper().createObjectNode();
        root.put("name", state.stackName());
        root.put("status", state.status().wireName());
        root.put("tier", state.tier().wireName());
        root.put("tier_number", state.tier().number());
        root.put("region", state.region());
        inspection.cloudFrontUrl().ifPresent(u -> root.put("url", u));
        DeploymentSummary.endpoint(state).ifPresent(e -> root.put("endpoint", e));
        state.n8nUrl().ifPresent(u -> root.put("application_url", u));
        state.createdAt().ifPresent(t -> root.put("created_at", Timestamps.format(t)));
        state.updatedAt().ifPresent(t -> root.put("updated_at", Timestamps.format(t)));
        if (!state.notes().isEmpty()) {
            state.notes().forEach(root.putArray("notes")::add);
        }
        state.terminatedAt().ifPresent(t -> root.put("terminated_at", Timestamps.format(t)));
        root.put("gpu_enabled", state.gpuEnabled());
        if (state.cloudFrontDistributionId().isPresent() || state.cloudFrontDomainName().isPresent()) {
            cloudFront(root.putObject("cloudfront"));
        }
        if (state.gpuEnabled()) {
            gpu(root.putObject("gpu"));
        }
        if (state.albArn().isPresent() || state.albDns().isPresent()) {
            ObjectNode alb = root.putObject("load_balancer");
            state.albDns().ifPresent(v -> alb.put("dns_name", v));
            state.albArn().ifPresent(v -> alb.put("arn", v));
            alb.put("provenance", destroy.provenance("alb").wireName());
            state.targetGroupArn().ifPresent(v -> alb.put("target_group_arn", v)
                    .put("target_group_provenance", destroy.provenance("target_group").wireName()));
            state.certificateArn().ifPresent(v -> alb.put("certificate_arn", v));
            state.albGoneAt().ifPresent(v -> alb.put("gone_at", Timestamps.format(v)));
        }
        instance(root.putObject("instance"));
        ObjectNode efs = root.putObject("efs");
        state.efsId().ifPresent(v -> efs.put("id", v).put("provenance", destroy.provenance("efs").wireName()));
        strings(efs.putArray("mount_target_ids"), Inspection.mountTargets(state));
        state.efsMountTargetIp().ifPresent(v -> efs.put("mount_target_ip", v));
        state.efsSizeBytes().ifPresent(v -> efs.put("size_bytes", v));
        state.efsGoneAt().ifPresent(v -> efs.put("gone_at", Timestamps.format(v)));
        ObjectNode iam = root.putObject("iam");
        state.iamRoleName().ifPresent(v -> iam.put("role_name", v));
        state.iamRoleArn().ifPresent(v -> iam.put("role_arn", v));
        state.iamInstanceProfileName().ifPresent(v -> iam.put("instance_profile_name", v));
        state.iamInstanceProfileArn().ifPresent(v -> iam.put("instance_profile_arn", v));
        if (iam.size() > 0) {
            iam.put("provenance", destroy.provenance("iam").wireName());
        }
        ObjectNode net = root.putObject("network");
        state.vpcId().ifPresent(v -> net.put("vpc_id", v).put("vpc_provenance", destroy.provenance("vpc").wireName()));
        strings(net.putArray("subnet_ids"), state.subnetIds());
        if (!state.subnetIds().isEmpty()) {
            net.put("subnet_provenance", destroy.provenance("subnets").wireName());
        }
        state.storageSubnetId().ifPresent(v -> net.put("storage_subnet_id", v));
        state.securityGroupId().ifPresent(v -> net.put("security_group_id", v)
                .put("security_group_provenance", destroy.provenance("security_group").wireName()));
        cost(root.putObject("cost"));
        if (destroy.started()) {
            destroy(root.putObject("destroy"));
        }
        return new String(StateCodec.writeTree(root), StandardCharsets.UTF_8);
    }

    private void cloudFront(ObjectNode cf) {
        inspection.cloudFrontUrl().ifPresent(u -> cf.put("url", u));
        state.cloudFrontDistributionId().ifPresent(v -> cf.put("distribution_id", v));
        state.cloudFrontDomainName().ifPresent(v -> cf.put("domain_name", v));
        state.cloudFrontArn().ifPresent(v -> cf.put("arn", v));
        state.cloudFrontStatus().ifPresent(v -> cf.put("status", v.wireName()));
        state.cloudFrontEnabled().ifPresent(v -> cf.put("enabled", v));
        state.cloudFrontLastCheckedAt().ifPresent(v -> cf.put("last_checked_at", Timestamps.format(v)));
        state.cloudFrontGoneAt().ifPresent(v -> cf.put("gone_at", Timestamps.format(v)));
        state.cloudFrontPriceClass().ifPresent(v -> cf.put("price_class", v));
        cf.put("provenance", destroy.provenance("cloudfront").wireName());
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

    private void gpu(ObjectNode gpu) {
        state.gpuInstanceType().or(state::instanceType).ifPresent(v -> gpu.put("instance_type", v));
        state.gpuAmiId().ifPresent(v -> gpu.put("ami_id", v));
        state.gpuHealthStatus().ifPresent(v -> gpu.put("health_status", v.wireName()));
        state.gpuManufacturer().ifPresent(v -> gpu.put("manufacturer", v));
        state.gpuModel().ifPresent(v -> gpu.put("model", v));
        state.gpuCount().ifPresent(v -> gpu.put("count", v));
        state.gpuMemoryMib().ifPresent(v -> gpu.put("memory_mib", v).put("memory_gib", new BigDecimal(Formats.gib(v))));
        state.gpuLastCheckedAt().ifPresent(v -> gpu.put("last_checked_at", Timestamps.format(v)));
    }

    private void instance(ObjectNode ec2) {
        state.instanceId().ifPresent(v -> ec2.put("id", v).put("provenance", destroy.provenance("instance").wireName()));
        state.instanceType().ifPresent(v -> ec2.put("type", v));
        Optional<CostTracking> cost = state.cost();
        cost.flatMap(CostTracking::isSpot).or(() -> state.config().useSpot()).ifPresent(v -> ec2.put("spot", v));
        cost.flatMap(CostTracking::spotPricePerHour).ifPresent(v -> ec2.put("spot_price_per_hour", v.toPlainString()));
        state.publicIp().ifPresent(v -> ec2.put("public_ip", v));
        state.privateIp().ifPresent(v -> ec2.put("private_ip", v));
        state.keypairName().ifPresent(v -> ec2.put("keypair_name", v));
        state.config().amiId().ifPresent(v -> ec2.put("ami_id", v));
        state.instanceState().ifPresent(v -> ec2.put("state", v));
        state.instanceGoneAt().ifPresent(v -> ec2.put("gone_at", Timestamps.format(v)));
    }

    private void cost(ObjectNode cost) {
        if (inspection.estimate().isEmpty()) {
            cost.put("unknown_reason", inspection.costUnknownReason().orElse("not estimated"));
            return;
        }
        CostEstimate e = inspection.estimate().get();
        cost.put("monthly_total", e.monthlyTotalRounded().toPlainString());
        cost.put("monthly_total_exact", e.monthlyTotal().toPlainString());
        cost.put("currency", e.currency());
        cost.put("catalog_as_of", e.catalogAsOf().toString());
        cost.put("catalog_region", e.catalogRegion());
        cost.put("default_usage", e.usage().equals(UsageProfile.defaults()));
        inspection.costToDate().ifPresent(c -> cost.putObject("cost_to_date").put("total", c.totalRounded().toPlainString())
                .put("total_exact", c.total().toPlainString()).put("hours", c.hours().toPlainString())
                .put("period_start", Timestamps.format(c.periodStart())).put("period_end", Timestamps.format(c.periodEnd())));
        inspection.budget().ifPresent(b -> cost.putObject("budget").put("limit", b.limit().toPlainString())
                .put("compared", "monthly_total").put("used_percent", b.percentUsed().toPlainString())
                .put("status", b.level()).put("over_by", b.overBy().toPlainString()));
        ArrayNode items = cost.putArray("largest_items");
        for (CostLineItem item : Inspection.largestItems(e)) {
            items.addObject().put("resource", item.resource().wireName()).put("description", item.description())
                    .put("monthly_cost", item.monthlyCost().toPlainString());
        }
        strings(cost.putArray("notes"), e.notes());
    }

    private void destroy(ObjectNode d) {
        Optional<DestroyJournal> journal = state.destroyProgress();
        d.put("in_progress", Status.DESTROYING.equals(state.status()));
        journal.flatMap(DestroyJournal::startedAt).ifPresent(v -> d.put("started_at", Timestamps.format(v)));
        journal.flatMap(DestroyJournal::strategy).ifPresent(v -> d.put("strategy", v));
        d.put("preserve_efs", destroy.preserveEfs());
        d.put("pending_cloudfront_deletion", destroy.cloudFrontDeletionPending());
        ArrayNode steps = d.putArray("steps");
        for (DestroyStepRecord r : destroy.records()) {
            ObjectNode n = steps.addObject().put("step", r.step()).put("status", r.status());
            if (r.attempts() > 0) {
                n.put("attempts", r.attempts());
            }
            r.startedAt().ifPresent(v -> n.put("started_at", Timestamps.format(v)));
            r.finishedAt().ifPresent(v -> n.put("finished_at", Timestamps.format(v)));
            r.error().ifPresent(v -> n.put("error", v));
        }
        strings(d.putArray("done"), destroy.done());
        strings(d.putArray("failed"), destroy.failed());
        strings(d.putArray("pending"), destroy.pending());
        if (!destroy.onlyCloudFrontDeletionLeft()) {
            d.put("resume_command", destroy.resumeCommand());
        }
        if (destroy.cloudFrontDeletionPending()) {
            d.put("complete_command", "tierstate complete-pending");
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
