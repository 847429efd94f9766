package io.tierstate.examples.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;

/**
 * Writes a home full of schema v3 state documents shaped like the ones GeuseMaker and TierState
 * leave behind: a mix of tiers, statuses and regions, with the unmodelled GeuseMaker fields
 * ({@code container_images}, {@code rollback_history}, {@code previous_states}, cost history ...)
 * that make a real document a few kilobytes. Deterministic for a given seed.
 */
final class BenchHome {

    private static final String[] DEV_TYPES = {"t3.medium", "t3.large", "m5.large", "m5.xlarge"};
    private static final String[] AUTOMATION_TYPES = {"t3.large", "m5.large", "m5.xlarge", "c5.xlarge"};
    /** g6.12xlarge has no price in the default catalog: those rows show an unknown cost. */
    private static final String[] GPU_TYPES = {"g4dn.xlarge", "g4dn.2xlarge", "g5.xlarge", "g5.2xlarge", "g6.xlarge",
        "p3.2xlarge", "g6.12xlarge"};
    private static final String[] REGIONS = {"us-east-1", "us-east-1", "us-east-1", "eu-west-1", "us-west-2"};
    private static final String[] STATUSES = {"running", "running", "running", "running", "running", "running",
        "creating", "updating", "failed", "destroying"};

    private final ObjectMapper mapper = new ObjectMapper();
    private final ObjectWriter pretty = mapper.writerWithDefaultPrettyPrinter();

    /**
     * Writes {@code count} documents into {@code home/deployments}.
     *
     * @param home the home directory (created when missing)
     * @param count how many documents
     * @param seed the random seed
     * @return the total bytes written
     * @throws IOException when the files cannot be written
     */
    long write(Path home, int count, long seed) throws IOException {
        Path dir = Files.createDirectories(home.resolve("deployments"));
        Random random = new Random(seed);
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            String name = String.format("stack-%05d-%s", i, pick(random, new String[] {"api", "n8n", "ollama", "qdrant",
                "workflows", "gpu-inference", "sandbox"}));
            byte[] doc = pretty.writeValueAsBytes(document(name, i, random));
            Files.write(dir.resolve(name + ".json"), doc);
            bytes += doc.length;
        }
        return bytes;
    }

    private ObjectNode document(String name, int i, Random r) {
        int tier = i % 10 < 4 ? 1 : i % 10 < 7 ? 2 : 3;
        String type = tier == 1 ? pick(r, DEV_TYPES) : tier == 2 ? pick(r, AUTOMATION_TYPES) : pick(r, GPU_TYPES);
        boolean gpu = type.startsWith("g") || type.startsWith("p");
        String region = pick(r, REGIONS);
        String status = pick(r, STATUSES);
        Instant created = Instant.parse("2025-01-01T00:00:00Z").plus(r.nextInt(300 * 24 * 60), ChronoUnit.MINUTES)
                .plusNanos(r.nextInt(1_000_000) * 1000L);
        String hex = Long.toHexString(0x1000000000000L + (r.nextLong() >>> 12)).substring(0, 13);

        ObjectNode d = mapper.createObjectNode();
        d.put("schema_version", 3);
        d.put("serial", 1 + r.nextInt(40));
        d.put("stack_name", name);
        d.put("status", status);
        d.put("created_at", created.toString());
        d.put("updated_at", created.plus(r.nextInt(5000), ChronoUnit.MINUTES).toString());
        d.put("vpc_id", "vpc-0" + hex);
        ArrayNode subnets = d.putArray("subnet_ids");
        subnets.add("subnet-0" + hex + "a").add("subnet-0" + hex + "b");
        d.put("storage_subnet_id", "subnet-0" + hex + "a");
        d.put("security_group_id", "sg-0" + hex);
        d.put("efs_id", "fs-0" + hex);
        d.put("efs_mount_target_id", "fsmt-0" + hex);
        d.putArray("efs_mount_target_ids").add("fsmt-0" + hex).add("fsmt-1" + hex);
        d.put("efs_mount_target_ip", "10.0." + r.nextInt(255) + "." + r.nextInt(255));
        d.put("instance_id", "i-0" + hex);
        d.put("keypair_name", name + "-key");
        d.put("public_ip", (3 + r.nextInt(50)) + "." + r.nextInt(255) + "." + r.nextInt(255) + "." + r.nextInt(255));
        d.put("private_ip", "10.0." + r.nextInt(255) + "." + r.nextInt(255));
        d.put("iam_role_name", name + "-efs-role");
        d.put("iam_role_arn", "arn:aws:iam::123456789012:role/" + name + "-efs-role");
        d.put("iam_instance_profile_name", name + "-efs-profile");
        d.put("iam_instance_profile_arn", "arn:aws:iam::123456789012:instance-profile/" + name + "-efs-profile");
        String domain = "d" + hex + ".cloudfront.net";
        String albDns = name + "-alb-" + (100000000 + r.nextInt(899999999)) + "." + region + ".elb.amazonaws.com";
        if (tier >= 2) {
            d.put("alb_arn", "arn:aws:elasticloadbalancing:" + region + ":123456789012:loadbalancer/app/" + name + "-alb/" + hex);
            d.put("alb_dns", albDns);
            d.put("target_group_arn", "arn:aws:elasticloadbalancing:" + region + ":123456789012:targetgroup/" + name
                    + "-tg/" + hex);
        }
        d.put("launch_template_id", "lt-0" + hex);
        d.putArray("spot_event_rule_names");
        d.putArray("spot_lifecycle_hook_names");
        d.put("n8n_url", tier == 3 ? "https://" + domain : tier == 2 ? "http://" + albDns : "http://" + d.get("public_ip").asText() + ":5678");
        d.put("https_enabled", tier == 3);
        d.put("nginx_proxy_enabled", false);
        ArrayNode rollbacks = d.putArray("rollback_history");
        rollbacks.addObject().put("timestamp", created.plus(9, ChronoUnit.MINUTES).toString())
                .put("trigger", "health_check_failed").put("success", true).put("previous_state_version", 1)
                .putArray("rolled_back_changes").add("container_images");
        ObjectNode previous = d.putArray("previous_states").addObject();
        previous.putObject("config").put("stack_name", name).put("tier", tierName(tier)).put("instance_type", type);
        previous.putObject("container_images").put("ollama", "ollama/ollama:0.5.1");
        previous.put("status", "running").put("created_at", created.toString());
        d.putObject("container_images").put("n8n", "n8nio/n8n:1.72.1").put("ollama", "ollama/ollama:0.5.4")
                .put("qdrant", "qdrant/qdrant:v1.12.5").put("crawl4ai", "unclecode/crawl4ai:0.4.24");
        ObjectNode provenance = d.putObject("resource_provenance");
        provenance.put("vpc", r.nextInt(4) == 0 ? "reused" : "created").put("efs", "created").put("instance", "created");
        if (tier >= 2) {
            provenance.put("alb", "created");
        }
        if (tier == 3) {
            provenance.put("cloudfront", "created");
        }
        d.putArray("migration_history").add("v1_to_v2_add_schema_version").add("v2_to_v3_cloudfront_gpu");
        boolean spot = r.nextInt(3) == 0;
        ObjectNode cost = d.putObject("cost");
        cost.put("instance_type", type).put("is_spot", spot);
        if (spot) {
            cost.put("spot_price_per_hour", "0." + (1000 + r.nextInt(8999)));
        }
        cost.put("efs_gb_month_price", "0.30").put("estimated_monthly_cost", (20 + r.nextInt(900)) + "." + (10 + r.nextInt(89)));
        ArrayNode history = cost.putArray("cost_history");
        for (int h = 0; h < 3; h++) {
            history.addObject().put("timestamp", created.plus(h, ChronoUnit.HOURS).toString()).put("hourly_cost", "0.2104");
        }
        cost.put("total_runtime_hours", r.nextInt(5000) / 10.0);
        ObjectNode config = d.putObject("config");
        config.put("stack_name", name).put("tier", tierName(tier)).put("workload", gpu ? "gpu" : "cpu").put("region", region)
                .put("instance_type", type).put("use_spot", spot).put("os_type", "ubuntu-22.04")
                .put("architecture", "x86_64").put("ami_type", gpu ? "pytorch" : "base").put("ami_id", "ami-0" + hex)
                .put("enable_alb", tier >= 2).put("enable_cdn", tier == 3).put("force_https_redirect", tier == 3)
                .put("rollback_timeout_minutes", 30);
        if (tier == 3) {
            d.put("cloudfront_distribution_id", "E" + hex.toUpperCase());
            d.put("cloudfront_domain_name", domain);
            d.put("cloudfront_arn", "arn:aws:cloudfront::123456789012:distribution/E" + hex.toUpperCase());
            if (r.nextInt(5) > 0) {
                d.put("cloudfront_status", r.nextInt(6) == 0 ? "InProgress" : "Deployed");
                d.put("cloudfront_enabled", true);
                d.put("cloudfront_last_checked_at", created.plus(2, ChronoUnit.DAYS).toString());
            }
            d.put("cloudfront_price_class", "PriceClass_100");
            d.put("cloudfront_caller_reference", "tierstate-" + name + "-" + hex);
            d.putArray("cloudfront_origins").addObject().put("id", "alb-origin").put("domain_name", albDns)
                    .put("protocol_policy", "http-only").put("http_port", 80).put("https_port", 443);
            ArrayNode behaviors = d.putArray("cloudfront_cache_behaviors");
            behaviors.addObject().put("path_pattern", "*").put("target_origin_id", "alb-origin")
                    .put("viewer_protocol_policy", "redirect-to-https").put("compress", true)
                    .put("cache_policy_id", "4135ea2d-6df8-44a3-9df3-4b5a84be39ad")
                    .put("origin_request_policy_id", "216adef6-5c7f-47e4-b989-5492eafa07d3")
                    .put("min_ttl", 0).put("default_ttl", 0).put("max_ttl", 0)
                    .set("allowed_methods", mapper.createArrayNode().add("GET").add("HEAD").add("OPTIONS").add("PUT")
                            .add("POST").add("PATCH").add("DELETE"));
            behaviors.addObject().put("path_pattern", "/static/*").put("target_origin_id", "alb-origin")
                    .put("viewer_protocol_policy", "redirect-to-https").put("compress", true)
                    .put("cache_policy_id", "658327ea-f89d-4fab-a63d-7e88639e58f6");
        }
        d.put("gpu_enabled", gpu);
        if (gpu) {
            d.put("gpu_instance_type", type);
            d.put("gpu_ami_id", "ami-0" + hex);
            if (r.nextBoolean()) {
                d.put("gpu_health_status", "ok");
                d.put("gpu_model", type.startsWith("g4dn") ? "T4" : type.startsWith("p3") ? "V100" : "A10G");
                d.put("gpu_manufacturer", "NVIDIA");
                d.put("gpu_count", 1);
                d.put("gpu_memory_mib", type.startsWith("g4dn") ? 15360 : 24576);
                d.put("gpu_last_checked_at", created.plus(2, ChronoUnit.DAYS).toString());
            }
        }
        if (status.equals("destroying")) {
            ObjectNode journal = d.putObject("destroy_progress");
            journal.put("started_at", created.plus(30, ChronoUnit.DAYS).toString()).put("strategy", "sequential");
            journal.putArray("steps").addObject().put("step", tier == 3 ? "cloudfront" : "instance").put("status", "done")
                    .put("attempts", 1);
        }
        return d;
    }

    private static String tierName(int tier) {
        return tier == 1 ? "dev" : tier == 2 ? "automation" : "gpu";
    }

    private static String pick(Random r, String[] values) {
        return values[r.nextInt(values.length)];
    }
}
