package io.tierstate.migration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Random GeuseMaker-like v1 and v2 documents, each from a fixed seed (printed on failure), checked
 * for the properties every migration must have.
 */
class MigrationPropertyTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long BASE_SEED = 0x7135_7A7EL;

    /** Instance types with the GPU answer known independently of the family pattern. */
    private static final Map<String, Boolean> INSTANCE_TYPES = Map.of(
            "g4dn.xlarge", true, "g5.2xlarge", true, "gr6.4xlarge", true, "p4d.24xlarge", true,
            "t3.medium", false, "m5.large", false, "inf2.xlarge", false, "trn1.2xlarge", false);
    private static final List<String> TYPE_NAMES = List.copyOf(new java.util.TreeSet<>(INSTANCE_TYPES.keySet()));

    private final StateMigrator migrator = StateMigrator.standard();

    /** A generated document and the unknown fields planted in it, by JSON pointer. */
    private static final class Generated {
        final ObjectNode document = NODES.objectNode();
        final Map<String, JsonNode> unknown = new LinkedHashMap<>();
        boolean expectedGpu;
    }

    @RepeatedTest(value = 300, name = "seed #{currentRepetition}")
    void migrate_randomV1AndV2Documents_keepsEveryPromise(RepetitionInfo repetition) {
        long seed = BASE_SEED + repetition.getCurrentRepetition();
        Random random = new Random(seed);
        Generated generated = generate(random);
        ObjectNode input = generated.document;
        ObjectNode pristine = input.deepCopy();

        MigrationResult once = migrator.migrate(input);
        MigrationResult twice = migrator.migrate(once.document());
        ObjectNode v3 = once.document();

        String context = "seed " + seed + ", input " + pristine;
        assertThat(input).as("input untouched; " + context).isEqualTo(pristine);
        assertThat(twice.document()).as("idempotent; " + context).isEqualTo(v3);
        assertThat(twice.changed()).as(context).isFalse();
        assertThat(v3.get("schema_version")).as(context).isEqualTo(NODES.numberNode(3));
        List<String> history = new ArrayList<>();
        v3.get("migration_history").forEach(entry -> history.add(entry.textValue()));
        assertThat(history).as(context).endsWith(V2ToV3Upgrader.NAME).containsOnlyOnce(V2ToV3Upgrader.NAME);
        assertThat(history.stream().filter(V1ToV2Upgrader.NAME::equals).count()).as(context)
                .isEqualTo(once.fromVersion() == 1 || pristine.has("migration_history") ? 1 : 0);
        generated.unknown.forEach((pointer, value) ->
                assertThat(v3.at(JsonPointer.compile(pointer))).as(pointer + "; " + context).isEqualTo(value));
        for (String key : List.of("config", "cost", "rollback_history", "stack_name", "status")) {
            assertThat(v3.get(key)).as(key + "; " + context).isEqualTo(pristine.get(key));
        }
        assertThat(v3.get("gpu_enabled").booleanValue()).as("gpu_enabled; " + context)
                .isEqualTo(generated.expectedGpu);
        assertThat(v3.has("cloudfront_id") || v3.has("cloudfront_domain")).as(context).isFalse();
        assertThat(v3.has("cloudfront_status") || v3.has("gpu_health_status")).as(context).isFalse();
        assertThat(migrator.validate(v3).problems()).as(context).isEmpty();
    }

    private static Generated generate(Random random) {
        Generated g = new Generated();
        ObjectNode doc = g.document;
        List<Runnable> fields = new ArrayList<>();
        boolean v2 = random.nextBoolean();
        if (v2) {
            fields.add(() -> doc.set("schema_version", pick(random, NODES.numberNode(2), NODES.textNode("2"),
                    NODES.textNode(" 2 "))));
        }
        fields.add(() -> doc.put("stack_name", "stack-" + random.nextInt(1000)));
        fields.add(() -> doc.put("status", pick(random, StateRules.STATUSES.toArray(new String[0]))));
        fields.add(() -> doc.set("config", config(random, g)));
        if (random.nextBoolean()) {
            fields.add(() -> doc.set("cost", cost(random, g)));
        }
        if (random.nextBoolean()) {
            String id = "E" + random.nextInt(1_000_000);
            fields.add(() -> doc.put("cloudfront_id", id));
            if (random.nextInt(3) == 0) {
                fields.add(() -> doc.put("cloudfront_distribution_id", id));
            }
        } else if (random.nextInt(4) == 0) {
            fields.add(() -> doc.putNull("cloudfront_id"));
        }
        if (random.nextBoolean()) {
            fields.add(() -> doc.put("cloudfront_domain", "d" + random.nextInt(1_000_000) + ".cloudfront.net"));
        }
        if (v2 && random.nextBoolean()) {
            fields.add(() -> doc.putArray("migration_history").add(V1ToV2Upgrader.NAME));
        }
        if (random.nextBoolean()) {
            fields.add(() -> doc.putObject("resource_provenance").put("vpc", pick(random, "created", "reused")));
        }
        if (random.nextBoolean()) {
            fields.add(() -> {
                ArrayNode history = doc.putArray("rollback_history");
                for (int i = random.nextInt(3); i > 0; i--) {
                    ObjectNode entry = history.addObject().put("trigger", "health_check_failed");
                    plantUnknown(random, g, entry, "/rollback_history/" + (history.size() - 1), 1);
                }
            });
        }
        java.util.Collections.shuffle(fields, random);
        fields.forEach(Runnable::run);
        plantUnknown(random, g, doc, "", 4);
        g.expectedGpu = expectedGpu(doc);
        return g;
    }

    /** The SPEC rule, with the GPU answer for each type taken from the table rather than the family pattern. */
    private static boolean expectedGpu(ObjectNode doc) {
        JsonNode config = doc.get("config");
        JsonNode type = config.has("instance_type") ? config.get("instance_type") : doc.path("cost").get("instance_type");
        if (type != null) {
            return INSTANCE_TYPES.get(type.textValue());
        }
        JsonNode workload = config.get("workload");
        return workload != null && !workload.isNull() ? workload.textValue().equals("gpu")
                : config.get("tier").textValue().equals("gpu");
    }

    private static ObjectNode config(Random random, Generated g) {
        ObjectNode config = NODES.objectNode();
        String tier = pick(random, "dev", "automation", "gpu");
        config.put("tier", tier);
        int workloadChoice = random.nextInt(4);
        if (workloadChoice == 1) {
            config.putNull("workload");
        } else if (workloadChoice >= 2) {
            config.put("workload", workloadChoice == 2 ? "cpu" : "gpu");
        }
        if (random.nextBoolean()) {
            String type = pick(random, TYPE_NAMES.toArray(new String[0]));
            config.put("instance_type", type);
        }
        if (random.nextBoolean()) {
            config.put("ami_id", "ami-" + Integer.toHexString(random.nextInt()));
        }
        plantUnknown(random, g, config, "/config", 3);
        return config;
    }

    private static ObjectNode cost(Random random, Generated g) {
        ObjectNode cost = NODES.objectNode();
        if (random.nextBoolean()) {
            String type = pick(random, TYPE_NAMES.toArray(new String[0]));
            cost.put("instance_type", type);
        }
        cost.put("estimated_monthly_cost", new BigDecimal(random.nextInt(100_000)).movePointLeft(2).toPlainString());
        plantUnknown(random, g, cost, "/cost", 3);
        return cost;
    }

    private static void plantUnknown(Random random, Generated g, ObjectNode parent, String pointer, int max) {
        for (int i = random.nextInt(max + 1); i > 0; i--) {
            String key = "x_" + Integer.toString(random.nextInt(Integer.MAX_VALUE), 36);
            JsonNode value = randomValue(random, 3);
            parent.set(key, value);
            g.unknown.put(pointer + "/" + key, value.deepCopy());
        }
    }

    private static JsonNode randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 9 : 7);
        switch (kind) {
            case 0:
                return NODES.nullNode();
            case 1:
                return NODES.booleanNode(random.nextBoolean());
            case 2:
                return NODES.numberNode(random.nextInt());
            case 3:
                return NODES.numberNode(random.nextDouble() * 1000);
            case 4:
                return NODES.numberNode(new BigDecimal(random.nextInt(100_000)).movePointLeft(random.nextInt(4)));
            case 5:
                return NODES.numberNode(random.nextLong());
            case 6:
                return NODES.textNode(randomText(random));
            case 7: {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomValue(random, depth - 1));
                }
                return array;
            }
            default: {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(randomText(random), randomValue(random, depth - 1));
                }
                return object;
            }
        }
    }

    private static final String[] SYMBOLS = {"a", "b", "X", "0", "9", " ", "_", "-", ".", "/", "~", "\"", "\\", "é", "€",
        "\uD83D\uDE00", "\n"};

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(8); i > 0; i--) {
            text.append(SYMBOLS[random.nextInt(SYMBOLS.length)]);
        }
        return text.toString();
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
