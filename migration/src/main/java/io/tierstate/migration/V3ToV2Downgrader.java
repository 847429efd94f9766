package io.tierstate.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings a v3 document back to v2, the schema GeuseMaker reads: the reverse of
 * {@link V2ToV3Upgrader}, as GeuseMaker's own migration runner has {@code downgrade}.
 *
 * <ol>
 *   <li>Renames {@code cloudfront_distribution_id} back to {@code cloudfront_id} and
 *       {@code cloudfront_domain_name} to {@code cloudfront_domain}.</li>
 *   <li>Leaves out the fields v2 has no place for ({@link #V3_ONLY_FIELDS}: CloudFront status,
 *       origins, behaviours and aliases, the GPU details, what a refresh last saw
 *       of the instance, load balancer and file system, the destroy journal, TierState's {@code serial})
 *       and reports each one it left out with its value, so nothing disappears unsaid. Everything
 *       GeuseMaker models is kept, and so are fields neither tool models.</li>
 *   <li>Removes {@value V2ToV3Upgrader#NAME} from {@code migration_history} and sets
 *       {@code schema_version} to 2.</li>
 * </ol>
 *
 * <p>Up then down gives back the v2 document as it was (as JSON values). Stateless and thread-safe.
 */
public final class V3ToV2Downgrader {

    /** The v3 fields that have no v2 counterpart, in the order the schema lists them. */
    public static final List<String> V3_ONLY_FIELDS = List.of(
            "cloudfront_status", "cloudfront_enabled", "cloudfront_arn", "cloudfront_price_class",
            "cloudfront_caller_reference", "cloudfront_last_checked_at", "cloudfront_gone_at", "cloudfront_origins",
            "cloudfront_cache_behaviors", "cloudfront_aliases", V2ToV3Upgrader.GPU_ENABLED, V2ToV3Upgrader.GPU_INSTANCE_TYPE,
            V2ToV3Upgrader.GPU_AMI_ID, "gpu_health_status", "gpu_model", "gpu_manufacturer", "gpu_count",
            "gpu_memory_mib", "gpu_last_checked_at", "instance_state", "instance_gone_at", "alb_gone_at", "efs_size_bytes",
            "efs_gone_at", "destroy_progress", "serial");

    private V3ToV2Downgrader() {}

    /**
     * Downgrades a v3 document in place.
     *
     * @param document a document at schema v3 (the caller's own copy)
     * @return one line per field left out, e.g. {@code cloudfront_status = "Deployed"}; empty when nothing was
     */
    static List<String> downgrade(ObjectNode document) {
        List<String> leftOut = new ArrayList<>();
        V2ToV3Upgrader.RENAMED_FIELDS.forEach((oldKey, newKey) -> {
            JsonNode value = document.remove(newKey);
            if (value != null && Json.isAbsent(document.get(oldKey))) {
                document.set(oldKey, value);
            }
        });
        for (String field : V3_ONLY_FIELDS) {
            JsonNode value = document.remove(field);
            if (value != null) {
                leftOut.add(field + " = " + Json.show(value));
            }
        }
        JsonNode history = document.get(MigrationHistory.FIELD);
        if (history instanceof ArrayNode list) {
            for (int i = list.size() - 1; i >= 0; i--) {
                if (V2ToV3Upgrader.NAME.equals(list.get(i).asText(null))) {
                    list.remove(i);
                    break;
                }
            }
        }
        document.put(SchemaVersion.FIELD, 2);
        return leftOut;
    }
}
