package io.tierstate.migration;

import io.tierstate.error.InvalidInputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Brings state documents to the current schema version through an ordered chain of
 * {@link Upgrader}s, like Flyway does for databases: look with {@link #info}, check with
 * {@link #validate}, then {@link #migrate}.
 *
 * <pre>{@code
 * ObjectMapper mapper = new ObjectMapper();
 * JsonNode v2 = mapper.readTree(Path.of("deployments/gpu-global.json").toFile());
 *
 * StateMigrator migrator = StateMigrator.standard();            // v1 -> v2 -> v3
 * MigrationInfo info = migrator.info(v2);                        // v2 -> v3: 1 pending step [...]
 * ValidationReport report = migrator.validate(v2);
 * if (!report.isValid()) {
 *     report.problems().forEach(System.err::println);            // /config/tier: config.tier is missing; ...
 * }
 * MigrationResult result = migrator.migrate(v2, "gpu-global.json");
 * if (result.changed()) {
 *     mapper.writerWithDefaultPrettyPrinter().writeValue(System.out, result.document());
 * }
 * }</pre>
 *
 * <p>Migration never touches the caller's document: upgraders work on a deep copy, and a document
 * already at the target version comes back as an equal copy with no steps applied. A document newer
 * than the target is refused with {@link UnsupportedSchemaVersionException}.
 *
 * <p>Instances are immutable and thread-safe; share one. The chain is checked when it is built (see
 * {@link Builder#build()}), so a migrator that exists can migrate every version from 1 to its target.
 */
public final class StateMigrator {

    private static final StateMigrator STANDARD =
            builder().add(new V1ToV2Upgrader(), new V2ToV3Upgrader()).targetVersion(SchemaVersion.CURRENT).build();

    /** Ordered so that the upgrader at index {@code i} reads version {@code i + 1}. */
    private final List<Upgrader> upgraders;
    private final int targetVersion;

    private StateMigrator(List<Upgrader> upgraders, int targetVersion) {
        this.upgraders = List.copyOf(upgraders);
        this.targetVersion = targetVersion;
    }

    /**
     * Returns the standard chain: {@link V1ToV2Upgrader} then {@link V2ToV3Upgrader}, target
     * {@link SchemaVersion#CURRENT}. Use it unless you add upgraders of your own.
     *
     * @return a shared, thread-safe migrator
     */
    public static StateMigrator standard() {
        return STANDARD;
    }

    /**
     * Starts a custom chain. To extend the standard one:
     * {@code StateMigrator.builder().add(StateMigrator.standard().upgraders()).add(new MyV3ToV4()).targetVersion(4).build()}.
     *
     * @return a new builder with no upgraders and target {@link SchemaVersion#CURRENT}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the version this migrator upgrades to, which is also the highest it reads.
     *
     * @return {@link SchemaVersion#CURRENT} for the standard chain
     */
    public int targetVersion() {
        return targetVersion;
    }

    /**
     * Returns the chain, ordered by the version each upgrader reads.
     *
     * @return an unmodifiable list; its element {@code i} upgrades version {@code i + 1}
     */
    public List<Upgrader> upgraders() {
        return upgraders;
    }

    /**
     * Tells what migrating the document would do, without running anything.
     *
     * @param document a state document
     * @return its version, the target version and the pending step names
     * @throws InvalidStateDocumentException when the document is not an object or its
     *     {@code schema_version} is unreadable
     */
    public MigrationInfo info(JsonNode document) {
        int current = SchemaVersion.read(document);
        return new MigrationInfo(current, targetVersion, names(pendingFrom(current)));
    }

    /**
     * Checks a document and lists every problem found, without throwing for document problems and
     * without changing anything. A document older than the target is fine (it will be migrated);
     * one newer than the target is a problem.
     *
     * @param document a state document, in any version up to the target
     * @return the problems, each with a JSON pointer and a message saying what to do
     */
    public ValidationReport validate(JsonNode document) {
        return new ValidationReport(StateRules.check(document, targetVersion));
    }

    /**
     * Migrates a document to the target version.
     *
     * @param document a state document; never modified
     * @return a new document at the target version and the steps applied
     * @throws InvalidStateDocumentException when the document is not an object, its
     *     {@code schema_version} is unreadable, or an upgrader cannot handle its content (for
     *     example {@link ConflictingFieldsException})
     * @throws UnsupportedSchemaVersionException when the document is newer than the target version
     */
    public MigrationResult migrate(JsonNode document) {
        return migrate(document, null);
    }

    /**
     * Migrates a document read from {@code source}, naming the source in every error message.
     *
     * @param document a state document; never modified
     * @param source where the document came from, e.g. {@code "gpu-global.json"}; {@code null} when unknown
     * @return a new document at the target version and the steps applied
     * @throws InvalidStateDocumentException when the document is not an object, its
     *     {@code schema_version} is unreadable, or an upgrader cannot handle its content (for
     *     example {@link ConflictingFieldsException})
     * @throws UnsupportedSchemaVersionException when the document is newer than the target version
     */
    public MigrationResult migrate(JsonNode document, String source) {
        int from = SchemaVersion.read(document, source);
        if (from > targetVersion) {
            throw new UnsupportedSchemaVersionException(source, from, targetVersion);
        }
        ObjectNode copy = ((ObjectNode) document).deepCopy();
        List<String> applied = new ArrayList<>();
        for (Upgrader step : pendingFrom(from)) {
            try {
                step.upgrade(copy);
            } catch (InvalidStateDocumentException e) {
                throw e.withSource(source);
            }
            checkRecorded(step, copy);
            applied.add(step.name());
        }
        return new MigrationResult(copy, from, targetVersion, applied);
    }

    /**
     * Brings a document down to an older schema version, as GeuseMaker's runner does with
     * {@code downgrade}: the document is first migrated up to the current version, then taken down
     * by {@link V3ToV2Downgrader}. Used to hand a deployment back to GeuseMaker.
     *
     * @param document a state document of any supported version (a shared-home form too); never modified
     * @param targetVersion 2, or the current version (then it is only migrated up)
     * @param source where the document came from, for messages; {@code null} when unknown
     * @return the document at {@code targetVersion} and what was left out
     * @throws IllegalArgumentException for a target other than 2 or the current version
     * @throws UnsupportedSchemaVersionException when the document is newer than this library reads
     */
    public DowngradeResult downgrade(JsonNode document, int targetVersion, String source) {
        if (targetVersion != 2 && targetVersion != SchemaVersion.CURRENT) {
            throw new InvalidInputException("cannot write schema v" + targetVersion + ": this library writes v2 (what"
                    + " GeuseMaker reads) and v" + SchemaVersion.CURRENT + "; use 2 or " + SchemaVersion.CURRENT);
        }
        JsonNode input = document instanceof ObjectNode o ? SharedHomeForm.toV3(o) : document;
        ObjectNode current = migrate(input, source).document();
        if (targetVersion == SchemaVersion.CURRENT) {
            return new DowngradeResult(current, targetVersion, List.of());
        }
        return new DowngradeResult(current, 2, V3ToV2Downgrader.downgrade(current));
    }

    private List<Upgrader> pendingFrom(int version) {
        return version >= targetVersion ? List.of() : upgraders.subList(version - 1, targetVersion - 1);
    }

    private static void checkRecorded(Upgrader step, ObjectNode document) {
        int version = SchemaVersion.parseOrInvalid(document.get(SchemaVersion.FIELD));
        JsonNode history = document.get(MigrationHistory.FIELD);
        if (version != step.toVersion() || !MigrationHistory.contains(history, step.name())) {
            throw new MigrationChainException("upgrader " + step.name() + " (v" + step.fromVersion() + " -> v"
                    + step.toVersion() + ") did not record itself: schema_version is "
                    + Json.show(document.get(SchemaVersion.FIELD)) + " and migration_history is " + Json.show(history)
                    + "; call markApplied(document) at the end of its upgrade method");
        }
    }

    private static List<String> names(List<Upgrader> steps) {
        return steps.stream().map(Upgrader::name).collect(Collectors.toList());
    }

    /**
     * Describes the chain, e.g. {@code "StateMigrator[target v3: v1_to_v2_add_schema_version, ...]"}.
     *
     * @return the target and the step names
     */
    @Override
    public String toString() {
        return "StateMigrator[target v" + targetVersion + ": " + String.join(", ", names(upgraders)) + "]";
    }

    /**
     * Collects upgraders and a target version, and checks the chain when it is built. Not
     * thread-safe; the migrator it builds is.
     */
    public static final class Builder {

        private final List<Upgrader> upgraders = new ArrayList<>();
        private int targetVersion = SchemaVersion.CURRENT;

        private Builder() {
        }

        /**
         * Adds upgraders to the chain, in any order.
         *
         * @param upgraders the steps to add
         * @return this builder
         * @throws NullPointerException when an upgrader is null
         */
        public Builder add(Upgrader... upgraders) {
            return add(java.util.Arrays.asList(upgraders));
        }

        /**
         * Adds upgraders to the chain, in any order; e.g. {@code StateMigrator.standard().upgraders()}.
         *
         * @param upgraders the steps to add
         * @return this builder
         * @throws NullPointerException when the collection or an upgrader in it is null
         */
        public Builder add(Collection<? extends Upgrader> upgraders) {
            for (Upgrader upgrader : upgraders) {
                this.upgraders.add(Objects.requireNonNull(upgrader, "upgrader"));
            }
            return this;
        }

        /**
         * Sets the version the migrator upgrades to and the highest it reads; change it only together
         * with upgraders that reach it.
         *
         * @param targetVersion at least 1; default {@link SchemaVersion#CURRENT}
         * @return this builder
         * @throws IllegalArgumentException when the version is below 1
         */
        public Builder targetVersion(int targetVersion) {
            if (targetVersion < 1) {
                throw new InvalidInputException("targetVersion must be at least 1 but is " + targetVersion
                        + "; schema versions start at 1");
            }
            this.targetVersion = targetVersion;
            return this;
        }

        /**
         * Checks the chain and builds the migrator. The chain must hold exactly one upgrader from each
         * version 1 to {@code targetVersion - 1}, each going up one version, none past the target,
         * with unique non-blank names.
         *
         * @return an immutable, thread-safe migrator
         * @throws MigrationChainException listing every gap, duplicate and misplaced upgrader
         */
        public StateMigrator build() {
            List<String> problems = new ArrayList<>();
            Map<Integer, List<Upgrader>> byVersion = new TreeMap<>();
            List<String> misplaced = new ArrayList<>();
            for (Upgrader upgrader : upgraders) {
                int from = upgrader.fromVersion();
                int to = upgrader.toVersion();
                String name = label(upgrader);
                if (from < 1) {
                    misplaced.add(name + " starts at v" + from + " but versions start at v1");
                } else if (to != from + 1) {
                    misplaced.add(name + " goes from v" + from + " to v" + to + " but an upgrader must go up exactly"
                            + " one version");
                } else if (from >= targetVersion) {
                    misplaced.add(name + " upgrades v" + from + " to v" + to + ", past the target v" + targetVersion
                            + " (raise targetVersion(" + to + ") or leave it out)");
                } else {
                    byVersion.computeIfAbsent(from, v -> new ArrayList<>()).add(upgrader);
                }
            }
            for (int version = 1; version < targetVersion; version++) {
                List<Upgrader> steps = byVersion.get(version);
                if (steps == null) {
                    problems.add("gap: nothing upgrades v" + version + " to v" + (version + 1));
                } else if (steps.size() > 1) {
                    problems.add("duplicate upgraders from v" + version + ": "
                            + steps.stream().map(Builder::label).collect(Collectors.joining(", ")));
                }
            }
            problems.addAll(misplaced);
            problems.addAll(nameProblems());
            if (!problems.isEmpty()) {
                throw MigrationChainException.invalidChain(targetVersion, problems);
            }
            List<Upgrader> chain = new ArrayList<>();
            byVersion.values().forEach(steps -> chain.add(steps.get(0)));
            return new StateMigrator(chain, targetVersion);
        }

        /** Blank names, and one name used by upgraders of different versions (same-version pairs are duplicates already). */
        private List<String> nameProblems() {
            List<String> problems = new ArrayList<>();
            Map<String, List<Upgrader>> byName = new LinkedHashMap<>();
            for (Upgrader upgrader : upgraders) {
                String name = upgrader.name();
                if (name == null || name.isBlank()) {
                    problems.add("upgrader " + upgrader.getClass().getName() + " (from v" + upgrader.fromVersion()
                            + ") has no name; return a unique name from name()");
                } else {
                    byName.computeIfAbsent(name, n -> new ArrayList<>()).add(upgrader);
                }
            }
            byName.forEach((name, named) -> {
                List<Integer> versions = named.stream().map(Upgrader::fromVersion).distinct().sorted()
                        .collect(Collectors.toList());
                if (versions.size() > 1) {
                    problems.add("name " + name + " is used by the upgraders from "
                            + versions.stream().map(v -> "v" + v).collect(Collectors.joining(" and "))
                            + "; give each upgrader its own name, since migration_history records it");
                }
            });
            return problems;
        }

        private static String label(Upgrader upgrader) {
            String name = upgrader.name();
            return name == null || name.isBlank() ? upgrader.getClass().getName() : name;
        }
    }
}
