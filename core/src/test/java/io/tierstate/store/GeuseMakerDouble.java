package io.tierstate.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A stand-in for GeuseMaker's {@code StateManager} file protocol, written from reading its source
 * ({@code geusemaker/infra/state.py}, {@code models/deployment.py}): it does to a home what
 * GeuseMaker does, so tests can run both tools on one home without Python.
 *
 * <ul>
 *   <li>every read and write holds {@code deployments/STACK.json.lock} with flock(2) ({@code filelock});</li>
 *   <li>a write first backs the live file up to {@code backups/STACK/STACK[-label]-%Y%m%dT%H%M%S%fZ[-n].json.gz},
 *       then keeps the newest 10 {@code *.json.gz} of that directory by mtime, whoever wrote them;</li>
 *   <li>a file with {@code schema_version} above 2, or one its models refuse, is "recovered": the newest
 *       backup by mtime is restored over it;</li>
 *   <li>its models keep only the fields they declare (pydantic {@code extra="ignore"}), so a write drops
 *       every other field; a v1 file is upgraded to v2 and written back on load.</li>
 * </ul>
 */
final class GeuseMakerDouble {

    /** The top-level fields of GeuseMaker's {@code DeploymentState}. */
    static final Set<String> STATE_FIELDS = Set.of("schema_version", "stack_name", "created_at", "updated_at", "status",
            "vpc_id", "subnet_ids", "security_group_id", "efs_id", "efs_mount_target_id", "efs_mount_target_ids",
            "efs_mount_target_ip", "instance_id", "keypair_name", "iam_role_name", "iam_role_arn",
            "iam_instance_profile_name", "iam_instance_profile_arn", "alb_arn", "alb_dns", "target_group_arn",
            "launch_template_id", "auto_scaling_group_name", "spot_event_log_group", "spot_event_rule_names",
            "spot_lease_table_name", "spot_lifecycle_hook_names", "spot_coordinator_function_name",
            "spot_coordinator_role_name", "cloudfront_id", "cloudfront_domain", "storage_subnet_id", "public_ip",
            "private_ip", "n8n_url", "https_enabled", "https_endpoint", "certificate_arn", "nginx_proxy_enabled",
            "rollback_history", "last_healthy_state", "previous_states", "container_images", "resource_provenance",
            "migration_history", "terminated_at", "cost", "config");
    static final Set<String> CONFIG_FIELDS = Set.of("stack_name", "tier", "workload", "instance_preference", "region",
            "instance_type", "use_spot", "budget_limit", "os_type", "architecture", "ami_type", "ami_id", "vpc_id",
            "subnet_id", "public_subnet_ids", "private_subnet_ids", "storage_subnet_id", "security_group_id", "efs_id",
            "keypair_name", "attach_internet_gateway", "use_runtime_bundle", "runtime_bundle_path", "enable_alb",
            "enable_cdn", "enable_https", "tier1_use_self_signed", "alb_certificate_arn", "cloudfront_certificate_arn",
            "alb_domain_name", "alb_hosted_zone_id", "force_https_redirect", "auto_rollback_on_failure",
            "rollback_timeout_minutes");
    static final Set<String> COST_FIELDS = Set.of("instance_type", "is_spot", "spot_price_per_hour",
            "on_demand_price_per_hour", "efs_gb_month_price", "estimated_monthly_cost", "budget_limit", "cost_history",
            "instance_start_time", "total_runtime_hours", "estimated_cost_to_date");
    private static final Set<String> REQUIRED = Set.of("stack_name", "status", "vpc_id", "subnet_ids", "security_group_id",
            "efs_id", "efs_mount_target_id", "instance_id", "keypair_name", "private_ip", "n8n_url", "cost", "config");
    private static final Set<String> STATUSES = Set.of("creating", "running", "updating", "rolling_back", "destroying",
            "failed", "terminated");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSSSSS");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path home;
    private final List<String> recoveries = new ArrayList<>();

    GeuseMakerDouble(Path home) {
        this.home = home;
        for (String dir : List.of("deployments", "config", "cache", "archive", "backups")) {
            try {
                Files.createDirectories(home.resolve(dir));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** @return the stacks GeuseMaker restored from a backup because it could not load them, in order */
    List<String> recoveries() {
        return recoveries;
    }

    Path file(String stack) {
        return home.resolve("deployments").resolve(stack + ".json");
    }

    Path backupDir(String stack) {
        return home.resolve("backups").resolve(stack);
    }

    /** {@code load_deployment}: the document as GeuseMaker's models hold it, or empty as GeuseMaker returns None. */
    Optional<ObjectNode> load(String stack) {
        Path file = file(stack);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        ObjectNode data;
        try (Flock lock = lock(stack)) {
            data = (ObjectNode) MAPPER.readTree(Files.readAllBytes(file));
        } catch (IOException | ClassCastException e) {
            return recover(stack);
        }
        int version = data.path("schema_version").canConvertToInt() ? data.get("schema_version").asInt() : 1;
        boolean migrated = false;
        if (version > 2) {
            return recover(stack); // "State version 3 is newer than supported 2"
        }
        if (version < 2) {
            data.put("schema_version", 2);
            data.withArray("migration_history").add("v1_to_v2_add_schema_version");
            if (!data.has("resource_provenance")) {
                data.putObject("resource_provenance");
            }
            migrated = true;
        }
        if (!valid(data)) {
            return recover(stack);
        }
        ObjectNode model = model(data);
        if (migrated) {
            save(model);
        }
        return Optional.of(model);
    }

    /** {@code save_deployment}: back up, keep ten, write what the models hold (unknown fields dropped). */
    void save(ObjectNode state) {
        String stack = state.get("stack_name").asText();
        ObjectNode out = model(state);
        out.put("schema_version", 2);
        out.put("updated_at", java.time.Instant.now().toString());
        try (Flock lock = lock(stack)) {
            backupExisting(stack);
            Path tmp = home.resolve("deployments").resolve(stack + ".tmp");
            Files.write(tmp, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(out));
            Files.move(tmp, file(stack), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What pydantic keeps of a document: the declared fields, None values dropped (exclude_none). */
    static ObjectNode model(ObjectNode data) {
        ObjectNode out = keep(data, STATE_FIELDS);
        if (out.get("config") instanceof ObjectNode config) {
            out.set("config", keep(config, CONFIG_FIELDS));
        }
        if (out.get("cost") instanceof ObjectNode cost) {
            out.set("cost", keep(cost, COST_FIELDS));
        }
        return out;
    }

    private static ObjectNode keep(ObjectNode in, Set<String> fields) {
        ObjectNode out = MAPPER.createObjectNode();
        for (Iterator<String> it = in.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (fields.contains(f) && !in.get(f).isNull()) {
                out.set(f, in.get(f).deepCopy());
            }
        }
        return out;
    }

    private static boolean valid(ObjectNode data) {
        for (String f : REQUIRED) {
            if (data.get(f) == null || data.get(f).isNull()) {
                return false;
            }
        }
        if (!STATUSES.contains(data.get("status").asText()) || !data.get("subnet_ids").isArray() || data.get("subnet_ids").isEmpty()) {
            return false;
        }
        boolean pendingInstance = "creating".equals(data.get("status").asText())
                && "pending".equals(data.path("resource_provenance").path("instance").asText());
        for (String f : List.of("vpc_id", "security_group_id", "efs_id")) {
            if (data.get(f).asText().isEmpty()) {
                return false;
            }
        }
        return pendingInstance || !data.get("instance_id").asText().isEmpty();
    }

    private Optional<ObjectNode> recover(String stack) {
        recoveries.add(stack);
        List<Path> backups = backups(stack);
        if (backups.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode restored;
            try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(backups.get(0)))) {
                restored = MAPPER.readTree(in.readAllBytes());
            }
            int version = restored.path("schema_version").asInt(1);
            if (version > 2) {
                throw new IllegalStateException("GeuseMaker aborts: the newest backup " + backups.get(0) + " is v" + version);
            }
            ObjectNode model = model((ObjectNode) restored);
            save(model);
            return Optional.of(model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code list_backups}: {@code backups/STACK/*.json.gz}, newest first by mtime. */
    List<Path> backups(String stack) {
        Path dir = backupDir(stack);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.newDirectoryStream(dir, "*.json.gz")) {
            List<Path> out = new ArrayList<>();
            s.forEach(out::add);
            out.sort(Comparator.comparing(GeuseMakerDouble::mtime).reversed());
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void backupExisting(String stack) throws IOException {
        Path file = file(stack);
        if (!Files.exists(file)) {
            return;
        }
        Path dir = backupDir(stack);
        Files.createDirectories(dir);
        String stamp = STAMP.format(LocalDateTime.now(ZoneOffset.UTC)) + "Z";
        Path target = dir.resolve(stack + "-" + stamp + ".json.gz");
        for (int n = 1; Files.exists(target); n++) {
            target = dir.resolve(stack + "-" + stamp + "-" + n + ".json.gz");
        }
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
            out.write(Files.readAllBytes(file));
        }
        List<Path> all = backups(stack);
        for (Path old : all.subList(Math.min(10, all.size()), all.size())) {
            Files.deleteIfExists(old);
        }
    }

    private Flock lock(String stack) {
        return Flock.acquire(home.resolve("deployments").resolve(stack + ".json.lock"), System.nanoTime() + 10_000_000_000L,
                () -> new io.tierstate.error.StateLockException("GeuseMaker's filelock timeout (10 s) on " + stack));
    }

    private static java.nio.file.attribute.FileTime mtime(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
