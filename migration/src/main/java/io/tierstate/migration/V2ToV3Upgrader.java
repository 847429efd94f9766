package io.tierstate.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Upgrades a v2 document to v3, the CloudFront + GPU schema, and records {@value #NAME} in
 * {@code migration_history}.
 *
 * <ol>
 *   <li>Renames {@code cloudfront_id} to {@code cloudfront_distribution_id} and
 *       {@code cloudfront_domain} to {@code cloudfront_domain_name}. When both names hold different
 *       values it throws {@link ConflictingFieldsException}; equal values are merged. A JSON
 *       {@code null} counts as absent: a null old key is dropped, a null new key is filled.</li>
 *   <li>Sets {@code gpu_enabled}: from the instance type ({@code config.instance_type}, else
 *       {@code cost.instance_type}) when one is known (see {@link GpuInstanceTypes}); otherwise from
 *       {@code config.workload == "gpu"}, or {@code config.tier == "gpu"} when there is no workload.</li>
 *   <li>When GPU is enabled, sets {@code gpu_instance_type} (when the type is known) and
 *       {@code gpu_ami_id} from {@code config.ami_id} (when present).</li>
 * </ol>
 *
 * <p>Existing {@code gpu_*} values are never overwritten; {@code cloudfront_status},
 * {@code cloudfront_enabled} and {@code gpu_health_status} are not added (unknown until a refresh
 * reads them from AWS). New fields go at the end; every other field keeps its value and position.
 * Stateless and thread-safe.
 */
public final class V2ToV3Upgrader implements Upgrader {

    /** The name recorded in {@code migration_history}. */
    public static final String NAME = "v2_to_v3_cloudfront_gpu";

    /** v2 field name → v3 field name, in the order they are checked. */
    static final Map<String, String> RENAMED_FIELDS;

    static {
        Map<String, String> renamed = new LinkedHashMap<>();
        renamed.put("cloudfront_id", "cloudfront_distribution_id");
        renamed.put("cloudfront_domain", "cloudfront_domain_name");
        RENAMED_FIELDS = java.util.Collections.unmodifiableMap(renamed);
    }

    static final String GPU_ENABLED = "gpu_enabled";
    static final String GPU_INSTANCE_TYPE = "gpu_instance_type";
    static final String GPU_AMI_ID = "gpu_ami_id";

    /** Creates the upgrader; it holds no state, so one instance can serve every chain. */
    public V2ToV3Upgrader() {
        // stateless
    }

    /**
     * Returns 2.
     *
     * @return 2
     */
    @Override
    public int fromVersion() {
        return 2;
    }

    /**
     * Returns {@value #NAME}.
     *
     * @return {@value #NAME}
     */
    @Override
    public String name() {
        return NAME;
    }

    /**
     * Renames the CloudFront fields, derives the GPU fields and records the step.
     *
     * @param document the migrator's copy of a v2 document
     * @throws ConflictingFieldsException when an old and a new CloudFront field disagree
     * @throws InvalidStateDocumentException when {@code migration_history} is not a list
     */
    @Override
    public void upgrade(ObjectNode document) {
        RENAMED_FIELDS.forEach((oldKey, newKey) -> checkNoConflict(document, oldKey, newKey));
        RENAMED_FIELDS.forEach((oldKey, newKey) -> rename(document, oldKey, newKey));
        deriveGpuFields(document);
        markApplied(document);
    }

    /** Whether the old and new names both hold a value (JSON null counts as none) and the values differ. */
    static boolean conflicts(JsonNode document, String oldKey, String newKey) {
        JsonNode oldValue = document.get(oldKey);
        JsonNode newValue = document.get(newKey);
        return !Json.isAbsent(oldValue) && !Json.isAbsent(newValue) && !oldValue.equals(newValue);
    }

    private static void checkNoConflict(ObjectNode document, String oldKey, String newKey) {
        if (conflicts(document, oldKey, newKey)) {
            throw new ConflictingFieldsException(oldKey, document.get(oldKey), newKey, document.get(newKey));
        }
    }

    private static void rename(ObjectNode document, String oldKey, String newKey) {
        JsonNode oldValue = document.remove(oldKey);
        if (!Json.isAbsent(oldValue) && Json.isAbsent(document.get(newKey))) {
            document.set(newKey, oldValue);
        }
    }

    private static void deriveGpuFields(ObjectNode document) {
        JsonNode config = document.get("config");
        Optional<String> instanceType = Json.text(config, "instance_type")
                .or(() -> Json.text(document.get("cost"), "instance_type"));
        boolean derived = instanceType.map(GpuInstanceTypes::isGpu).orElseGet(() -> gpuByWorkload(config));

        JsonNode existing = document.get(GPU_ENABLED);
        boolean gpuEnabled;
        if (Json.isAbsent(existing)) {
            document.put(GPU_ENABLED, derived);
            gpuEnabled = derived;
        } else {
            // a kept value decides the GPU fields; a malformed one is left for validate() to report
            gpuEnabled = existing.isBoolean() ? existing.booleanValue() : derived;
        }
        if (gpuEnabled) {
            instanceType.ifPresent(type -> putIfAbsent(document, GPU_INSTANCE_TYPE, type));
            Json.text(config, "ami_id").ifPresent(ami -> putIfAbsent(document, GPU_AMI_ID, ami));
        }
    }

    private static boolean gpuByWorkload(JsonNode config) {
        if (config == null || !config.isObject()) {
            return false;
        }
        JsonNode workload = config.get("workload");
        JsonNode decider = Json.isAbsent(workload) ? config.get("tier") : workload;
        return decider != null && decider.isTextual() && "gpu".equals(decider.textValue());
    }

    private static void putIfAbsent(ObjectNode document, String field, String value) {
        if (Json.isAbsent(document.get(field))) {
            document.put(field, value);
        }
    }

    @Override
    public String toString() {
        return NAME + " (v2 -> v3)";
    }
}
