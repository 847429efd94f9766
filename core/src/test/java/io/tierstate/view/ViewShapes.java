package io.tierstate.view;

import static io.tierstate.view.JsonShape.Kind.BOOLEAN;
import static io.tierstate.view.JsonShape.Kind.INTEGER;
import static io.tierstate.view.JsonShape.Kind.NUMBER;
import static io.tierstate.view.JsonShape.Kind.OBJECT;
import static io.tierstate.view.JsonShape.Kind.STRING;

import java.util.List;

/** The JSON shapes of the views, as {@code docs/views.md} documents them. */
final class ViewShapes {

    private ViewShapes() {}

    static final JsonShape LIST_ROW = JsonShape.object()
            .required("name", STRING).required("status", STRING).required("tier", STRING)
            .required("tier_number", INTEGER).required("region", STRING).optional("endpoint", STRING)
            .required("gpu", BOOLEAN).optional("instance_type", STRING).optional("cdn_status", STRING)
            .optional("cdn_enabled", BOOLEAN).optional("monthly_cost", STRING).optional("created_at", STRING)
            .optional("budget_limit", STRING).optional("budget_used_percent", STRING).optional("budget_status", STRING)
            .optional("over_budget", BOOLEAN).optional("near_budget", BOOLEAN).optional("over_budget_by", STRING);

    static final JsonShape LIST_PROBLEM = JsonShape.object()
            .required("name", STRING).required("source", STRING).required("error", STRING).required("message", STRING);

    static final JsonShape LIST = JsonShape.object()
            .required("currency", STRING)
            .requiredArray("deployments", LIST_ROW)
            .requiredArray("problems", LIST_PROBLEM);

    static final JsonShape ORIGIN = JsonShape.object()
            .required("id", STRING).required("domain_name", STRING).optional("origin_path", STRING)
            .optional("protocol_policy", STRING).optional("http_port", INTEGER).optional("https_port", INTEGER);

    static final JsonShape BEHAVIOR = JsonShape.object()
            .required("path_pattern", STRING).required("default", BOOLEAN).required("target_origin_id", STRING)
            .optional("viewer_protocol_policy", STRING).requiredArray("allowed_methods", STRING)
            .requiredArray("cached_methods", STRING).optional("cache_policy_id", STRING)
            .optional("origin_request_policy_id", STRING).optional("compress", BOOLEAN)
            .optional("min_ttl", INTEGER).optional("default_ttl", INTEGER).optional("max_ttl", INTEGER);

    static final JsonShape CLOUDFRONT = JsonShape.object()
            .optional("url", STRING).optional("distribution_id", STRING).optional("domain_name", STRING)
            .optional("arn", STRING).optional("status", STRING).optional("enabled", BOOLEAN)
            .optional("last_checked_at", STRING).optional("price_class", STRING).required("provenance", STRING)
            .requiredArray("origins", ORIGIN).requiredArray("cache_behaviors", BEHAVIOR);

    static final JsonShape GPU = JsonShape.object()
            .optional("instance_type", STRING).optional("ami_id", STRING).optional("health_status", STRING)
            .optional("manufacturer", STRING).optional("model", STRING).optional("count", INTEGER)
            .optional("memory_mib", INTEGER).optional("memory_gib", NUMBER).optional("last_checked_at", STRING);

    static final JsonShape LOAD_BALANCER = JsonShape.object()
            .optional("dns_name", STRING).optional("arn", STRING).required("provenance", STRING)
            .optional("target_group_arn", STRING).optional("target_group_provenance", STRING)
            .optional("certificate_arn", STRING).optional("gone_at", STRING);

    static final JsonShape INSTANCE = JsonShape.object()
            .optional("id", STRING).optional("provenance", STRING).optional("type", STRING).optional("spot", BOOLEAN)
            .optional("spot_price_per_hour", STRING).optional("public_ip", STRING).optional("private_ip", STRING)
            .optional("keypair_name", STRING).optional("ami_id", STRING)
            .optional("state", STRING).optional("gone_at", STRING);

    static final JsonShape EFS = JsonShape.object()
            .optional("id", STRING).optional("provenance", STRING).requiredArray("mount_target_ids", STRING)
            .optional("mount_target_ip", STRING).optional("size_bytes", INTEGER).optional("gone_at", STRING);

    static final JsonShape IAM = JsonShape.object()
            .optional("role_name", STRING).optional("role_arn", STRING).optional("instance_profile_name", STRING)
            .optional("instance_profile_arn", STRING).optional("provenance", STRING);

    static final JsonShape NETWORK = JsonShape.object()
            .optional("vpc_id", STRING).optional("vpc_provenance", STRING).requiredArray("subnet_ids", STRING)
            .optional("subnet_provenance", STRING).optional("storage_subnet_id", STRING)
            .optional("security_group_id", STRING).optional("security_group_provenance", STRING);

    static final JsonShape COST_ITEM = JsonShape.object()
            .required("resource", STRING).required("description", STRING).required("monthly_cost", STRING);

    static final JsonShape COST_TO_DATE = JsonShape.object()
            .required("total", STRING).required("total_exact", STRING).required("hours", STRING)
            .required("period_start", STRING).required("period_end", STRING);

    static final JsonShape BUDGET = JsonShape.object()
            .required("limit", STRING).required("compared", STRING).required("used_percent", STRING)
            .required("status", STRING).required("over_by", STRING);

    /** The cost of a deployment whose price is known. */
    static final JsonShape COST_KNOWN = JsonShape.object()
            .required("monthly_total", STRING).required("monthly_total_exact", STRING).required("currency", STRING)
            .required("catalog_as_of", STRING).required("catalog_region", STRING).required("default_usage", BOOLEAN)
            .optional("cost_to_date", COST_TO_DATE).optional("budget", BUDGET)
            .requiredArray("largest_items", COST_ITEM).requiredArray("notes", STRING);

    /** The cost of a deployment whose instance type has no price. */
    static final JsonShape COST_UNKNOWN = JsonShape.object().required("unknown_reason", STRING);

    static final JsonShape DESTROY_STEP = JsonShape.object()
            .required("step", STRING).required("status", STRING).optional("attempts", INTEGER)
            .optional("started_at", STRING).optional("finished_at", STRING).optional("error", STRING);

    static final JsonShape DESTROY = JsonShape.object()
            .required("in_progress", BOOLEAN).optional("started_at", STRING).optional("strategy", STRING)
            .required("preserve_efs", BOOLEAN).required("pending_cloudfront_deletion", BOOLEAN)
            .requiredArray("steps", DESTROY_STEP).requiredArray("done", STRING).requiredArray("failed", STRING)
            .requiredArray("pending", STRING).optional("resume_command", STRING).optional("complete_command", STRING);

    /** The inspection; {@code cost} is one of {@link #COST_KNOWN} and {@link #COST_UNKNOWN}, checked on its own. */
    static final JsonShape INSPECTION = JsonShape.object()
            .required("name", STRING).required("status", STRING).required("tier", STRING)
            .required("tier_number", INTEGER).required("region", STRING).optional("url", STRING)
            .optional("endpoint", STRING).optional("application_url", STRING).optional("created_at", STRING)
            .optional("updated_at", STRING).optional("terminated_at", STRING).required("gpu_enabled", BOOLEAN)
            .optional("cloudfront", CLOUDFRONT).optional("gpu", GPU).optional("load_balancer", LOAD_BALANCER)
            .required("instance", INSTANCE).required("efs", EFS).required("iam", IAM).required("network", NETWORK)
            .required("cost", OBJECT).optional("destroy", DESTROY);

    /** Every shape, for the check that docs/views.md names each of their fields. */
    static final List<JsonShape> ALL = List.of(LIST, LIST_ROW, LIST_PROBLEM, INSPECTION, CLOUDFRONT, ORIGIN, BEHAVIOR,
            GPU, LOAD_BALANCER, INSTANCE, EFS, IAM, NETWORK, COST_KNOWN, COST_UNKNOWN, COST_ITEM, DESTROY, DESTROY_STEP);
}
