package io.tierstate.migration;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules a state document must follow, in one place: the allowed values of the enumerated
 * fields, the stack name pattern, and the checks behind {@link StateMigrator#validate}.
 *
 * <p>Only {@code stack_name}, {@code status} and {@code config.tier} are required; every other known
 * field is checked only when present, and an explicit JSON {@code null} counts as absent. Unknown
 * fields are never a problem: they are carried through unchanged.
 */
public final class StateRules {

    /** What a stack name looks like: a letter, then letters, digits and {@code -}. */
    public static final Pattern STACK_NAME_PATTERN = Pattern.compile("^[a-zA-Z][a-zA-Z0-9-]*$");

    /** The longest stack name allowed (CloudFormation's limit). */
    public static final int STACK_NAME_MAX_LENGTH = 128;

    /**
     * The well-known values of {@code status}. The vocabulary is open: any other string is kept
     * verbatim (GeuseMaker's state recovery writes {@code discovered}, for one).
     */
    public static final List<String> STATUSES =
            List.of("creating", "running", "updating", "rolling_back", "destroying", "failed", "terminated", "discovered");

    /** The values of {@code config.tier}. */
    public static final List<String> TIERS = List.of("dev", "automation", "gpu");

    /** The values of {@code config.workload} besides null. */
    public static final List<String> WORKLOADS = List.of("cpu", "gpu");

    /**
     * The well-known values in {@code resource_provenance}, as GeuseMaker writes them. The vocabulary
     * is open: any other string is kept verbatim (and never deleted by destroy unless included).
     */
    public static final List<String> PROVENANCES = List.of("created", "reused", "pending", "discovered", "auto_discovered", "none");

    /** The values of {@code cloudfront_status}, as AWS reports {@code Distribution.Status}. */
    public static final List<String> CLOUDFRONT_STATUSES = List.of("InProgress", "Deployed");

    /** The values of {@code gpu_health_status}, as EC2 status checks report them. */
    public static final List<String> GPU_HEALTH_STATUSES =
            List.of("ok", "impaired", "initializing", "insufficient-data", "not-applicable");

    private static final List<String> STRING_LISTS = List.of("subnet_ids", "efs_mount_target_ids", MigrationHistory.FIELD);
    private static final List<String> OBJECT_LISTS = List.of("cloudfront_origins", "cloudfront_cache_behaviors");
    private static final List<String> BOOLEANS = List.of("https_enabled", "cloudfront_enabled", V2ToV3Upgrader.GPU_ENABLED);

    private StateRules() {
    }

    /**
     * Tells whether a stack name is valid: it matches {@link #STACK_NAME_PATTERN} and is at most
     * {@value #STACK_NAME_MAX_LENGTH} characters long. Check it before building a path from it.
     *
     * @param name a stack name, may be {@code null}
     * @return whether it is a valid stack name
     */
    public static boolean isValidStackName(String name) {
        return name != null && name.length() <= STACK_NAME_MAX_LENGTH && STACK_NAME_PATTERN.matcher(name).matches();
    }

    /** Every problem found in {@code document}, which the migrator will bring to {@code targetVersion}. */
    static List<ValidationProblem> check(JsonNode document, int targetVersion) {
        Checker checker = new Checker();
        if (document == null || !document.isObject()) {
            checker.problem("", SchemaVersion.notAnObject(document));
            return checker.problems;
        }
        checker.schemaVersion(document.get(SchemaVersion.FIELD), targetVersion);
        checker.stackName(document.get("stack_name"));
        checker.requiredString(document, "", "status", STATUSES);
        checker.config(document.get("config"));
        V2ToV3Upgrader.RENAMED_FIELDS.forEach((oldKey, newKey) -> {
            if (V2ToV3Upgrader.conflicts(document, oldKey, newKey)) {
                checker.problem("/" + oldKey, ConflictingFieldsException.describe(
                        oldKey, document.get(oldKey), newKey, document.get(newKey)));
            }
        });
        STRING_LISTS.forEach(field -> checker.stringList(document, field));
        checker.provenance(document.get(V1ToV2Upgrader.RESOURCE_PROVENANCE));
        checker.cost(document.get("cost"));
        BOOLEANS.forEach(field -> checker.optionalBoolean(document, field));
        checker.optionalChoice(document, "", "cloudfront_status", CLOUDFRONT_STATUSES,
                "remove it; the next refresh reads it from CloudFront again");
        checker.optionalChoice(document, "", "gpu_health_status", GPU_HEALTH_STATUSES,
                "remove it; the next refresh reads it from EC2 again");
        OBJECT_LISTS.forEach(field -> checker.objectList(document, field));
        return checker.problems;
    }

    /** Collects problems; one method per kind of check so that each message is written once. */
    private static final class Checker {

        private final List<ValidationProblem> problems = new ArrayList<>();

        void problem(String pointer, String message) {
            problems.add(new ValidationProblem(pointer, message));
        }

        void schemaVersion(JsonNode value, int targetVersion) {
            int version = SchemaVersion.parseOrInvalid(value);
            if (version == 0) {
                problem("/" + SchemaVersion.FIELD, SchemaVersion.invalidValue(value));
            } else if (version > targetVersion) {
                problem("/" + SchemaVersion.FIELD, SchemaVersion.FIELD + " " + version
                        + " is newer than this library reads (up to " + targetVersion
                        + "); upgrade TierState or restore an older backup");
            }
        }

        void stackName(JsonNode value) {
            String pointer = "/stack_name";
            if (Json.isAbsent(value)) {
                problem(pointer, "stack_name is missing; add the deployment's name, e.g. \"stack_name\": \"my-stack\"");
            } else if (!value.isTextual()) {
                problem(pointer, "stack_name must be a string but is " + Json.showTyped(value)
                        + "; write the deployment's name in quotes");
            } else if (value.textValue().length() > STACK_NAME_MAX_LENGTH) {
                problem(pointer, "stack_name is " + value.textValue().length() + " characters long, more than the "
                        + STACK_NAME_MAX_LENGTH + " allowed; correct it to the deployment's real name");
            } else if (!STACK_NAME_PATTERN.matcher(value.textValue()).matches()) {
                problem(pointer, "stack_name " + Json.show(value) + " is not a valid stack name; use letters, digits"
                        + " and '-', starting with a letter (" + STACK_NAME_PATTERN.pattern() + ")");
            }
        }

        void config(JsonNode config) {
            if (Json.isAbsent(config)) {
                problem("/config", "config is missing; add \"config\": {\"tier\": \"dev\"} with the deployment's"
                        + " tier (" + String.join(", ", TIERS) + ")");
                return;
            }
            if (!config.isObject()) {
                problem("/config", "config must be an object but is " + Json.showTyped(config)
                        + "; write it as {\"tier\": \"dev\", ...}");
                return;
            }
            requiredChoice(config, "/config", "tier", TIERS, "set the deployment's tier");
            optionalChoice(config, "/config", "workload", WORKLOADS, "use one of them or null (decided by the tier)");
            optionalString(config, "/config", "instance_type");
        }

        void cost(JsonNode cost) {
            if (Json.isAbsent(cost)) {
                return;
            }
            if (!cost.isObject()) {
                problem("/cost", "cost must be an object but is " + Json.showTyped(cost)
                        + "; write it as {\"instance_type\": \"t3.medium\", ...} or remove it");
                return;
            }
            optionalString(cost, "/cost", "instance_type");
        }

        void provenance(JsonNode provenance) {
            String field = V1ToV2Upgrader.RESOURCE_PROVENANCE;
            if (Json.isAbsent(provenance)) {
                return;
            }
            if (!provenance.isObject()) {
                problem("/" + field, field + " must be an object mapping each resource to created or reused but is "
                        + Json.showTyped(provenance) + "; write it as {\"vpc\": \"reused\", ...} or remove it");
                return;
            }
            for (Map.Entry<String, JsonNode> entry : provenance.properties()) {
                JsonNode value = entry.getValue();
                if (!value.isTextual()) {
                    problem(Json.pointer("/" + field, entry.getKey()), field + "." + entry.getKey() + " is "
                            + Json.showTyped(value) + ", not a string such as \"created\" or \"reused\"; use \"reused\""
                            + " for a resource that must never be deleted, \"created\" otherwise");
                }
            }
        }

        /** A required field of an open vocabulary: any string is kept, only its type is checked. */
        void requiredString(JsonNode parent, String parentPointer, String field, List<String> wellKnown) {
            String pointer = Json.pointer(parentPointer, field);
            JsonNode value = parent.get(field);
            if (Json.isAbsent(value)) {
                problem(pointer, name(parentPointer, field) + " is missing; add one of " + String.join(", ", wellKnown));
            } else if (!value.isTextual()) {
                problem(pointer, name(parentPointer, field) + " " + Json.showTyped(value) + " is not a string; write one of "
                        + String.join(", ", wellKnown) + " in quotes");
            }
        }

        void requiredChoice(JsonNode parent, String parentPointer, String field, List<String> allowed, String fix) {
            String pointer = Json.pointer(parentPointer, field);
            if (Json.isAbsent(parent.get(field))) {
                problem(pointer, name(parentPointer, field) + " is missing; add one of " + String.join(", ", allowed));
            } else {
                optionalChoice(parent, parentPointer, field, allowed, fix);
            }
        }

        void optionalChoice(JsonNode parent, String parentPointer, String field, List<String> allowed, String fix) {
            JsonNode value = parent.get(field);
            if (!Json.isAbsent(value) && !(value.isTextual() && allowed.contains(value.textValue()))) {
                problem(Json.pointer(parentPointer, field), name(parentPointer, field) + " " + Json.showTyped(value)
                        + " is not one of " + String.join(", ", allowed) + "; " + fix);
            }
        }

        void optionalString(JsonNode parent, String parentPointer, String field) {
            JsonNode value = parent.get(field);
            if (!Json.isAbsent(value) && !value.isTextual()) {
                problem(Json.pointer(parentPointer, field), name(parentPointer, field) + " must be a string but is "
                        + Json.showTyped(value) + "; write it in quotes, e.g. \"g5.xlarge\"");
            }
        }

        void optionalBoolean(JsonNode parent, String field) {
            JsonNode value = parent.get(field);
            if (!Json.isAbsent(value) && !value.isBoolean()) {
                problem(Json.pointer("", field), field + " must be true or false but is " + Json.showTyped(value)
                        + "; write true or false without quotes");
            }
        }

        void stringList(JsonNode parent, String field) {
            list(parent, field, "a string", "strings", JsonNode::isTextual, "[\"...\", \"...\"]");
        }

        void objectList(JsonNode parent, String field) {
            list(parent, field, "an object", "objects", JsonNode::isObject, "[{...}, {...}]");
        }

        private void list(JsonNode parent, String field, String element, String elements,
                java.util.function.Predicate<JsonNode> isElement, String example) {
            JsonNode value = parent.get(field);
            String pointer = Json.pointer("", field);
            if (Json.isAbsent(value)) {
                return;
            }
            if (!value.isArray()) {
                problem(pointer, field + " must be a list of " + elements + " but is " + Json.showTyped(value)
                        + "; write it as " + example + " or remove it");
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                if (!isElement.test(value.get(i))) {
                    problem(Json.pointer(pointer, i), field + "[" + i + "] is " + Json.showTyped(value.get(i))
                            + " but every element of " + field + " must be " + element
                            + "; correct or remove it");
                }
            }
        }

        private static String name(String parentPointer, String field) {
            return parentPointer.isEmpty() ? field : parentPointer.substring(1).replace('/', '.') + "." + field;
        }
    }
}
