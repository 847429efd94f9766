package io.tierstate.migration;

import static io.tierstate.migration.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class StateMigratorBuilderTest {

    /** An upgrader for tests: records itself unless told otherwise and can run extra work first. */
    private static final class Step implements Upgrader {
        private final int from;
        private final int to;
        private final String name;
        private final Consumer<ObjectNode> work;
        private final boolean marks;

        Step(int from, String name) {
            this(from, from + 1, name, doc -> { }, true);
        }

        Step(int from, int to, String name, Consumer<ObjectNode> work, boolean marks) {
            this.from = from;
            this.to = to;
            this.name = name;
            this.work = work;
            this.marks = marks;
        }

        @Override
        public int fromVersion() {
            return from;
        }

        @Override
        public int toVersion() {
            return to;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void upgrade(ObjectNode document) {
            work.accept(document);
            if (marks) {
                markApplied(document);
            }
        }
    }

    @Test
    void build_standardUpgradersInAnyOrder_ordersThemByVersion() {
        StateMigrator migrator = StateMigrator.builder().add(new V2ToV3Upgrader()).add(new V1ToV2Upgrader()).build();

        assertThat(migrator.targetVersion()).isEqualTo(3);
        assertThat(migrator.upgraders()).extracting(Upgrader::fromVersion).containsExactly(1, 2);
        assertThat(migrator.migrate(object("{'stack_name': 'a'}")).document())
                .isEqualTo(StateMigrator.standard().migrate(object("{'stack_name': 'a'}")).document());
    }

    @Test
    void build_gapAndDuplicate_listsEveryOffender() {
        StateMigrator.Builder builder = StateMigrator.builder()
                .add(new Step(1, "A0"), new Step(2, "A"), new Step(2, "B"))
                .targetVersion(4);

        assertThatThrownBy(builder::build)
                .isInstanceOf(MigrationChainException.class)
                .hasMessageStartingWith("invalid migration chain to v4: duplicate upgraders from v2: A, B;"
                        + " gap: nothing upgrades v3 to v4;")
                .hasMessageEndingWith("needs exactly one Upgrader from each version v1 to v3, each going up one version")
                .satisfies(e -> assertThat(((MigrationChainException) e).problems()).containsExactly(
                        "duplicate upgraders from v2: A, B", "gap: nothing upgrades v3 to v4"));
    }

    @Test
    void build_noUpgradersForTheDefaultTarget_reportsBothGaps() {
        assertThatThrownBy(() -> StateMigrator.builder().build())
                .isInstanceOf(MigrationChainException.class)
                .hasMessageContaining("gap: nothing upgrades v1 to v2; gap: nothing upgrades v2 to v3");
    }

    @Test
    void build_upgraderPastTheTarget_isReportedWithTheFix() {
        StateMigrator.Builder builder = StateMigrator.builder()
                .add(StateMigrator.standard().upgraders())
                .add(new Step(3, "v3_to_v4_owner"));

        assertThatThrownBy(builder::build)
                .isInstanceOf(MigrationChainException.class)
                .hasMessageContaining("v3_to_v4_owner upgrades v3 to v4, past the target v3 (raise targetVersion(4)"
                        + " or leave it out)");
    }

    @Test
    void build_upgraderSkippingAVersion_isReportedAndLeavesAGap() {
        StateMigrator.Builder builder = StateMigrator.builder().add(new Step(1, 3, "jump", doc -> { }, true));

        assertThatThrownBy(builder::build)
                .isInstanceOf(MigrationChainException.class)
                .satisfies(e -> assertThat(((MigrationChainException) e).problems()).containsExactly(
                        "gap: nothing upgrades v1 to v2", "gap: nothing upgrades v2 to v3",
                        "jump goes from v1 to v3 but an upgrader must go up exactly one version"));
    }

    @Test
    void build_upgraderFromVersionZero_isReported() {
        StateMigrator.Builder builder = StateMigrator.builder().add(new Step(0, "zero")).targetVersion(1);

        assertThatThrownBy(builder::build)
                .isInstanceOf(MigrationChainException.class)
                .hasMessage("invalid migration chain to v1: zero starts at v0 but versions start at v1;"
                        + " a chain with targetVersion(1) needs no upgraders");
    }

    @Test
    void build_oneNameOnTwoVersions_isReported() {
        StateMigrator.Builder builder = StateMigrator.builder().add(new Step(1, "same"), new Step(2, "same"));

        assertThatThrownBy(builder::build)
                .isInstanceOf(MigrationChainException.class)
                .hasMessageContaining("name same is used by the upgraders from v1 and v2; give each upgrader its own name");
    }

    @Test
    void build_blankName_isReportedWithTheClassName() {
        StateMigrator.Builder builder = StateMigrator.builder().add(new Step(1, " "), new Step(2, null));

        assertThatThrownBy(builder::build)
                .isInstanceOf(MigrationChainException.class)
                .satisfies(e -> assertThat(((MigrationChainException) e).problems()).containsExactly(
                        "upgrader " + Step.class.getName() + " (from v1) has no name; return a unique name from name()",
                        "upgrader " + Step.class.getName() + " (from v2) has no name; return a unique name from name()"));
    }

    @Test
    void targetVersion_belowOne_isRejectedAtOnce() {
        assertThatThrownBy(() -> StateMigrator.builder().targetVersion(0))
                .isInstanceOf(io.tierstate.error.InvalidInputException.class)
                .hasMessageContaining("targetVersion must be at least 1 but is 0");
    }

    @Test
    void add_null_isRejectedAtOnce() {
        assertThatThrownBy(() -> StateMigrator.builder().add(new V1ToV2Upgrader(), null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("upgrader");
    }

    @Test
    void build_targetOneWithoutUpgraders_readsOnlyV1() {
        StateMigrator migrator = StateMigrator.builder().targetVersion(1).build();

        MigrationResult result = migrator.migrate(object("{'stack_name': 'a'}"));
        assertThat(result.changed()).isFalse();
        assertThat(result.document()).isEqualTo(object("{'stack_name': 'a'}"));
        assertThatThrownBy(() -> migrator.migrate(object("{'schema_version': 2}")))
                .isInstanceOf(UnsupportedSchemaVersionException.class)
                .hasMessageContaining("has schema_version 2; this library reads up to 1");
    }

    @Test
    void build_standardPlusACustomStep_migratesV1ToV4() {
        StateMigrator migrator = StateMigrator.builder()
                .add(StateMigrator.standard().upgraders())
                .add(new Step(3, 4, "v3_to_v4_owner", doc -> doc.put("owner", "unknown"), true))
                .targetVersion(4)
                .build();

        MigrationResult result = migrator.migrate(object("{'stack_name': 'a'}"));

        assertThat(result.appliedSteps())
                .containsExactly("v1_to_v2_add_schema_version", "v2_to_v3_cloudfront_gpu", "v3_to_v4_owner");
        assertThat(result.document().get("schema_version").intValue()).isEqualTo(4);
        assertThat(result.document().get("owner").textValue()).isEqualTo("unknown");
        assertThat(migrator.info(object("{'schema_version': 3}")).pendingSteps()).containsExactly("v3_to_v4_owner");
    }

    @Test
    void migrate_upgraderThatDoesNotRecordItself_failsNamingIt() {
        StateMigrator migrator = StateMigrator.builder()
                .add(new V1ToV2Upgrader(), new Step(2, 3, "forgetful", doc -> doc.put("x", 1), false))
                .build();

        assertThatThrownBy(() -> migrator.migrate(object("{'schema_version': 2}")))
                .isInstanceOf(MigrationChainException.class)
                .hasMessage("upgrader forgetful (v2 -> v3) did not record itself: schema_version is 2 and"
                        + " migration_history is (absent); call markApplied(document) at the end of its upgrade method");
    }

    @Test
    void migrate_upgraderThatSetsOnlyTheVersion_failsNamingTheHistory() {
        StateMigrator migrator = StateMigrator.builder()
                .add(new V1ToV2Upgrader(), new Step(2, 3, "half", doc -> doc.put("schema_version", 3), false))
                .build();

        assertThatThrownBy(() -> migrator.migrate(object("{'schema_version': 2, 'migration_history': []}")))
                .isInstanceOf(MigrationChainException.class)
                .hasMessageContaining("upgrader half (v2 -> v3) did not record itself: schema_version is 3 and"
                        + " migration_history is []");
    }

    @Test
    void migrate_customUpgraderThrowingInvalidDocument_getsTheSourcePrefix() {
        StateMigrator migrator = StateMigrator.builder()
                .add(new V1ToV2Upgrader(), new Step(2, 3, "picky", doc -> {
                    throw new InvalidStateDocumentException("owner is missing; add \"owner\": \"team\"");
                }, true))
                .build();

        assertThatThrownBy(() -> migrator.migrate(object("{'schema_version': 2}"), "team.json"))
                .isExactlyInstanceOf(InvalidStateDocumentException.class)
                .hasMessage("team.json: owner is missing; add \"owner\": \"team\"");
    }
}
