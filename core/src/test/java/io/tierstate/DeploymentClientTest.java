package io.tierstate;

import io.tierstate.error.CorruptStateException;
import io.tierstate.error.DeploymentExistsException;
import io.tierstate.error.DeploymentNotFoundException;
import io.tierstate.error.InvalidInputException;
import io.tierstate.error.InvalidStackNameException;
import io.tierstate.error.StateConflictException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.migration.fixtures.Fixtures;
import io.tierstate.model.DeploymentConfig;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.Status;
import io.tierstate.model.Tier;
import io.tierstate.port.MigrationOutcome;
import io.tierstate.port.StateBackup;
import io.tierstate.store.FileStateStore;
import io.tierstate.view.DeploymentList;
import io.tierstate.view.DeploymentSummary;
import io.tierstate.view.MigrationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentClientTest {

    @TempDir
    Path home;

    private DeploymentClient client;

    @BeforeEach
    void setUp() {
        client = DeploymentClient.builder().home(home).build();
    }

    /** Places the GeuseMaker fixtures as GeuseMaker would: deployments/STACK.json. */
    private void geuseMakerHome() throws IOException {
        Path deployments = Files.createDirectories(home.resolve("deployments"));
        Files.write(deployments.resolve("dev-sandbox.json"), Fixtures.bytes("v1-dev-tier1.json"));
        Files.write(deployments.resolve("team-automation.json"), Fixtures.bytes("v2-automation-tier2.json"));
        Files.write(deployments.resolve("gpu-global.json"), Fixtures.bytes("v2-gpu-tier3.json"));
    }

    private static DeploymentState state(String name, Tier tier, String region, Status status, String created) {
        return DeploymentState.builder().stackName(name).status(status).createdAt(Instant.parse(created))
                .config(DeploymentConfig.builder().stackName(name).tier(tier).region(region).build()).build();
    }

    @Test
    void deployments_onGeuseMakerHome_listsEveryFixtureWithItsEndpoint() throws IOException {
        geuseMakerHome();

        List<DeploymentSummary> rows = client.deployments().list();

        assertThat(rows).extracting(DeploymentSummary::name).containsExactly("dev-sandbox", "gpu-global", "team-automation");
        assertThat(rows).extracting(r -> r.endpoint().orElse("")).containsExactly("54.210.11.23",
                "d111111abcdef8.cloudfront.net", "team-automation-alb-1234567890.us-east-1.elb.amazonaws.com");
        assertThat(rows.get(1).gpu()).isTrue();
        assertThat(rows.get(1).cdnStatus()).isEmpty();
    }

    @Test
    void deployments_filtersByStatusTierAndRegion_andSorts() {
        client.deployment("b").create(state("b", Tier.GPU, "eu-west-1", Status.RUNNING, "2025-01-02T00:00:00Z"));
        client.deployment("a").create(state("a", Tier.DEV, "us-east-1", Status.FAILED, "2025-01-03T00:00:00Z"));
        client.deployment("c").create(state("c", Tier.GPU, "us-east-1", Status.RUNNING, "2025-01-01T00:00:00Z"));

        assertThat(names(client.deployments())).containsExactly("a", "b", "c");
        assertThat(names(client.deployments().tier(Tier.GPU))).containsExactly("b", "c");
        assertThat(names(client.deployments().status(Status.FAILED, Status.CREATING))).containsExactly("a");
        assertThat(names(client.deployments().region("EU-WEST-1"))).containsExactly("b");
        assertThat(names(client.deployments().tier(Tier.GPU).region("us-east-1").status(Status.RUNNING))).containsExactly("c");
        assertThat(names(client.deployments().sortBy(SortKey.CREATED))).containsExactly("c", "b", "a");
        assertThat(names(client.deployments().sortBy(SortKey.CREATED).descending())).containsExactly("a", "b", "c");
        assertThat(client.deployments().tier(Tier.AUTOMATION).list()).isEmpty();
        assertThat(client.deployments().states()).extracting(DeploymentState::stackName).containsExactly("a", "b", "c");
    }

    private static List<String> names(DeploymentQuery q) {
        return q.list().stream().map(DeploymentSummary::name).toList();
    }

    @Test
    void deployments_withACorruptFile_listsTheOthersAndReportsTheProblem() throws IOException {
        geuseMakerHome();
        Files.writeString(home.resolve("deployments/broken.json"), "{\"stack_name\": ");

        DeploymentList list = client.deployments().fetch();

        assertThat(list.deployments()).hasSize(3);
        assertThat(list.problems()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("broken");
            assertThat(p.error()).isInstanceOf(CorruptStateException.class);
        });
        assertThat(list.render()).contains("1 file could not be read").contains("broken");
        assertThat(client.deployments().render()).isEqualTo(list.render());
        assertThat(client.deployments().toJson()).contains("\"problems\"").contains("CorruptStateException");
    }

    @Test
    void migrate_geuseMakerHome_upgradesEveryFileWithABackupAndAgainIsUpToDate() throws IOException {
        geuseMakerHome();
        byte[] original = Files.readAllBytes(home.resolve("deployments/gpu-global.json"));

        MigrationReport dry = client.migrateDryRun();
        assertThat(dry.count(MigrationOutcome.Result.WOULD_MIGRATE)).isEqualTo(3);
        assertThat(Files.readAllBytes(home.resolve("deployments/gpu-global.json"))).isEqualTo(original);
        assertThat(home.resolve("backups")).doesNotExist();

        MigrationReport report = client.migrate();

        assertThat(report.count(MigrationOutcome.Result.MIGRATED)).isEqualTo(3);
        assertThat(report.hasFailures()).isFalse();
        assertThat(report.outcomes()).allSatisfy(o -> assertThat(o.backup()).isPresent());
        assertThat(Files.readString(home.resolve("deployments/gpu-global.json"))).contains("\"schema_version\": 3")
                .contains("\"cloudfront_distribution_id\": \"E2QWRUHAPOMQZL\"").doesNotContain("\"cloudfront_id\"");
        StateBackup backup = client.deployment("gpu-global").backups().get(0);
        assertThat(backup.label()).contains("schema-v2");
        assertThat(client.migrate().count(MigrationOutcome.Result.UP_TO_DATE)).isEqualTo(3);
        assertThat(report.render()).contains("3 migrated").contains("backup:");
        assertThat(report.toJson()).contains("\"result\": \"migrated\"").contains("\"from_version\": 2");
        assertThat(dry.render()).contains("dry run: nothing was written");
    }

    @Test
    void migrate_withABadFile_reportsItAndMigratesTheRest() throws IOException {
        geuseMakerHome();
        Files.writeString(home.resolve("deployments/future.json"),
                "{\"schema_version\": 9, \"stack_name\": \"future\", \"status\": \"running\", \"config\": {\"tier\": \"dev\"}}");

        MigrationReport report = client.migrate();

        assertThat(report.hasFailures()).isTrue();
        assertThat(report.count(MigrationOutcome.Result.MIGRATED)).isEqualTo(3);
        assertThat(report.outcomes()).filteredOn(o -> o.name().equals("future")).singleElement()
                .satisfies(o -> assertThat(o.error()).hasValueSatisfying(e -> assertThat(e).contains("has schema_version 9")));
        assertThat(report.render()).contains("FAILED").contains("1 failed");
        assertThat(report.toJson()).contains("\"error\"");
    }

    @Test
    void handle_createUpdateSaveDelete_keepSerialAndBackups() {
        DeploymentHandle d = client.deployment("life");
        assertThat(d.exists()).isFalse();
        assertThat(d.find()).isEmpty();

        DeploymentState created = d.create(state("life", Tier.AUTOMATION, "us-east-1", Status.CREATING, "2025-01-01T00:00:00Z"));
        DeploymentState updated = d.update(s -> s.withStatus(Status.RUNNING).withAlbDns("life.elb.amazonaws.com"));
        DeploymentState saved = d.save(updated.withInstanceId("i-1"));

        assertThat(created.serial()).isEqualTo(1);
        assertThat(updated.serial()).isEqualTo(2);
        assertThat(saved.serial()).isEqualTo(3);
        assertThat(d.state()).isEqualTo(saved);
        assertThat(d.backups()).hasSize(2);
        assertThatThrownBy(() -> d.save(updated)).isInstanceOf(StateConflictException.class)
                .hasMessageContaining("read version 2").hasMessageContaining("stored version 3");
        assertThat(d.update(s -> s)).isEqualTo(saved);

        assertThat(d.delete()).isTrue();
        assertThat(d.exists()).isFalse();
        assertThat(d.delete()).isFalse();
        assertThatThrownBy(d::state).isInstanceOf(DeploymentNotFoundException.class).hasMessageContaining("'life' not found");
        assertThat(d.backups()).anySatisfy(b -> assertThat(b.label()).contains("deleted"));
        assertThat(d).hasToString("deployment 'life' in file store at " + home.toAbsolutePath().normalize());
    }

    @Test
    void handle_restore_bringsBackAnEarlierState() {
        DeploymentHandle d = client.deployment("undo");
        d.create(state("undo", Tier.DEV, "us-east-1", Status.RUNNING, "2025-01-01T00:00:00Z"));
        d.update(s -> s.withStatus(Status.FAILED));

        DeploymentState restored = d.restore(d.backups().get(0));

        assertThat(restored.status()).isEqualTo(Status.RUNNING);
        assertThat(restored.serial()).isEqualTo(3);
        assertThat(d.backups()).anySatisfy(b -> assertThat(b.label()).contains("pre-restore"));
    }

    @Test
    void handle_refusesAStateOfAnotherDeployment() {
        DeploymentHandle d = client.deployment("one");
        DeploymentState other = state("two", Tier.DEV, "us-east-1", Status.RUNNING, "2025-01-01T00:00:00Z");

        assertThatThrownBy(() -> d.create(other)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("client.deployment(\"two\")");
        assertThatThrownBy(() -> d.save(other)).isInstanceOf(InvalidInputException.class);
        d.create(state("one", Tier.DEV, "x", Status.RUNNING, "2025-01-01T00:00:00Z"));
        assertThatThrownBy(() -> d.create(state("one", Tier.DEV, "x", Status.RUNNING, "2025-01-01T00:00:00Z")))
                .isInstanceOf(DeploymentExistsException.class).hasMessageContaining("already exists");
    }

    @Test
    void deployment_invalidName_isRefusedBeforeAnyFileIsTouched() throws IOException {
        assertThatThrownBy(() -> client.deployment("../etc/passwd")).isInstanceOf(InvalidStackNameException.class)
                .hasMessageContaining("'../etc/passwd'");
        try (Stream<Path> files = Files.list(home)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void builder_withAStore_usesItAndDoesNotCloseIt() {
        FileStateStore store = FileStateStore.open(home);
        try (DeploymentClient c = DeploymentClient.builder().stateStore(store).build()) {
            assertThat(c.stateStore()).isSameAs(store);
            assertThat(c).hasToString("DeploymentClient[" + store.describe() + "]");
        }
        assertThatThrownBy(() -> DeploymentClient.builder().home(home).stateStore(store).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("choose one");
        assertThatThrownBy(() -> client.deployments().region(" ")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void create_usesTheDefaultHomeFromTheEnvironmentOrUserHome() {
        try (DeploymentClient c = DeploymentClient.create()) {
            assertThat(c.stateStore().describe()).startsWith("file store at ");
        }
    }

    @Test
    void migrateAll_defaultImplementation_worksThroughTheNamedOperations() throws IOException {
        geuseMakerHome();
        FileStateStore file = FileStateStore.open(home);
        // a store that only implements the per-name operations, like a remote store would
        io.tierstate.port.StateStore minimal = new DelegatingStore(file);

        List<MigrationOutcome> outcomes = minimal.migrateAll(false);

        Map<String, MigrationOutcome.Result> results = new TreeMap<>();
        outcomes.forEach(o -> results.put(o.name(), o.result()));
        assertThat(results).containsOnly(Map.entry("dev-sandbox", MigrationOutcome.Result.MIGRATED),
                Map.entry("gpu-global", MigrationOutcome.Result.MIGRATED),
                Map.entry("team-automation", MigrationOutcome.Result.MIGRATED));
    }

    /** Forwards the per-name operations only, so the port's default methods are exercised. */
    private record DelegatingStore(FileStateStore d) implements io.tierstate.port.StateStore {
        public String describe() { return d.describe(); }
        public java.util.Optional<DeploymentState> find(String n) { return d.find(n); }
        public DeploymentState create(DeploymentState s) { return d.create(s); }
        public DeploymentState save(DeploymentState s) { return d.save(s); }
        public DeploymentState update(String n, java.util.function.UnaryOperator<DeploymentState> f) { return d.update(n, f); }
        public boolean delete(String n) { return d.delete(n); }
        public String archive(String n) { return d.archive(n); }
        public io.tierstate.port.StateListing list() { return d.list(); }
        public MigrationOutcome migrate(String n, boolean dry) { return d.migrate(n, dry); }
        public List<StateBackup> backups(String n) { return d.backups(n); }
        public DeploymentState restore(String n, StateBackup b) { return d.restore(n, b); }
        public io.tierstate.port.StateLease acquireLease(String n, String o, java.time.Duration t) { return d.acquireLease(n, o, t); }
    }
}
