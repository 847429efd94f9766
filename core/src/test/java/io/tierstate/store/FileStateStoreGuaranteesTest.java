package io.tierstate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.error.InvalidInputException;
import io.tierstate.error.DeploymentExistsException;
import io.tierstate.error.DeploymentNotFoundException;
import io.tierstate.error.StateConflictException;
import io.tierstate.migration.fixtures.Fixtures;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.Status;
import io.tierstate.port.MigrationOutcome;
import io.tierstate.port.StateBackup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The file store's guarantees from SPEC section 4 that the concurrency, crash and garbage tests do
 * not cover: permissions, reading never writes, backups (gzip of the original bytes, schema labels,
 * pruning), restore, delete, archive and stale temp files.
 */
class FileStateStoreGuaranteesTest {

    private static final String NAME = "web";

    @TempDir
    Path temp;

    private Path home() {
        return temp.resolve("home");
    }

    @Test
    void everyWrite_leavesFilesOwnerOnly0600AndDirectoriesOwnerOnly0700() throws IOException {
        Path home = home();
        FileStateStore store = FileStateStore.open(home);
        store.create(StoreFiles.minimal(NAME));
        store.update(NAME, s -> s.withStatus(Status.RUNNING));
        store.create(StoreFiles.minimal("gone"));
        store.delete("gone");
        store.create(StoreFiles.minimal("done"));
        store.archive("done");
        String v2 = StoreFiles.placeFixture(home, "v2-automation-tier2.json"); // written 0644 by the test, as a user's file may be
        store.migrate(v2, false);
        store.restore(NAME, store.backups(NAME).get(0));

        List<String> wrong = new ArrayList<>();
        try (Stream<Path> all = Files.walk(home)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                String expected = Files.isDirectory(p) ? "rwx------" : "rw-------";
                if (!mode.equals(expected)) {
                    wrong.add(home.relativize(p) + " is " + mode);
                }
            }
        }
        assertThat(wrong).as("files and directories that are not owner-only").isEmpty();
        assertThat(home.resolve("locks").resolve(NAME + ".lock")).exists();
        assertThat(home.resolve("archive")).isDirectory();
        assertThat(home.resolve("backups").resolve("gone")).isDirectory();
    }

    @Test
    void reading_geuseMakerHome_writesNothing() {
        Path home = home();
        List<String> names = new ArrayList<>();
        for (String fixture : Fixtures.inputs()) {
            names.add(StoreFiles.placeFixture(home, fixture));
        }
        FileStateStore.open(home).create(StoreFiles.minimal(NAME));
        names.add(NAME);
        Map<String, String> before = StoreFiles.snapshot(home);
        FileStateStore store = FileStateStore.open(home);

        assertThat(store.list().states()).hasSize(names.size());
        assertThat(store.list().problems()).isEmpty();
        for (String name : names) {
            assertThat(store.find(name)).isPresent();
            assertThat(store.backups(name)).isEmpty();
            MigrationOutcome dryRun = store.migrate(name, true);
            assertThat(dryRun.result()).isIn(MigrationOutcome.Result.WOULD_MIGRATE, MigrationOutcome.Result.UP_TO_DATE);
            assertThat(dryRun.backup()).isEmpty();
        }
        assertThat(store.names()).containsExactlyInAnyOrderElementsOf(names);

        assertThat(StoreFiles.snapshot(home)).as("the home after reading").isEqualTo(before);
    }

    @Test
    void reading_missingHome_createsNothing() {
        Path home = home();
        FileStateStore store = FileStateStore.open(home);

        assertThat(store.find(NAME)).isEmpty();
        assertThat(store.list().states()).isEmpty();
        assertThat(store.list().problems()).isEmpty();
        assertThat(store.names()).isEmpty();
        assertThat(store.backups(NAME)).isEmpty();
        assertThatThrownBy(() -> store.migrate(NAME, true))
                .isInstanceOf(DeploymentNotFoundException.class)
                .hasMessageContaining("deployment '" + NAME + "' not found in");

        assertThat(home).doesNotExist();
    }

    @Test
    void reading_emptyHome_createsNoDirectory() throws IOException {
        Path home = Files.createDirectory(home());
        FileStateStore store = FileStateStore.open(home);

        store.find(NAME);
        store.list();
        store.backups(NAME);

        try (Stream<Path> entries = Files.list(home)) {
            assertThat(entries).isEmpty();
        }
    }

    @Test
    void update_keepsAGzipOfTheOriginalBytes() {
        FileStateStore store = FileStateStore.open(home());
        store.create(StoreFiles.minimal(NAME));
        byte[] original = StoreFiles.read(store.file(NAME));

        store.update(NAME, s -> s.withStatus(Status.RUNNING));

        List<StateBackup> backups = store.backups(NAME);
        assertThat(backups).singleElement().satisfies(b -> {
            assertThat(b.label()).isEmpty();
            assertThat(b.name()).isEqualTo(NAME);
            assertThat(Path.of(b.location()).getFileName().toString()).matches(NAME + "-\\d{8}T\\d{9}\\.json\\.gz");
            assertThat(StoreFiles.gunzip(Path.of(b.location()))).isEqualTo(original);
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"v1-dev-tier1.json", "v2-automation-tier2.json", "v2-gpu-tier3.json"})
    void update_ofAGeuseMakerFile_keepsASchemaLabelledBackupThatIsNeverPruned(String fixture) {
        Path home = home();
        String name = StoreFiles.placeFixture(home, fixture);
        int version = Fixtures.load(fixture).path("schema_version").asInt(1);
        FileStateStore store = FileStateStore.builder().home(home).backupsKept(3).build();

        for (int i = 0; i < 6; i++) {
            int n = i;
            store.update(name, s -> s.withKeypairName("key-" + n));
        }

        List<StateBackup> backups = store.backups(name);
        assertThat(backups).filteredOn(b -> b.label().isPresent()).singleElement().satisfies(b -> {
            assertThat(b.label()).hasValue("schema-v" + version);
            assertThat(Path.of(b.location()).getFileName().toString()).startsWith(name + "-schema-v" + version + "-");
            assertThat(StoreFiles.gunzip(Path.of(b.location()))).isEqualTo(Fixtures.bytes(fixture));
        });
        assertThat(backups).filteredOn(b -> b.label().isEmpty()).hasSize(3);
        assertThat(StoreFiles.read(store.file(name))).asString().contains("\"schema_version\": 3");
    }

    @Test
    void backups_routineOnes_arePrunedToTheNewestTenByDefault() {
        FileStateStore store = FileStateStore.open(home());
        store.create(StoreFiles.minimal(NAME));
        for (int i = 0; i < 14; i++) {
            store.update(NAME, s -> s.withKeypairName("k" + s.serial()));
        }

        List<StateBackup> backups = store.backups(NAME);

        List<Long> serials = backups.stream()
                .map(b -> StoreFiles.parse(StoreFiles.gunzip(Path.of(b.location())), Path.of(b.location())).serial())
                .toList();
        assertThat(serials).as("serials kept in the backups, newest first")
                .containsExactly(14L, 13L, 12L, 11L, 10L, 9L, 8L, 7L, 6L, 5L);
        assertThat(backups).extracting(StateBackup::takenAt).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void backups_withAFixedClock_stayDistinctInOrderAndQuick() {
        Clock fixed = Clock.fixed(Instant.parse("2025-10-01T12:00:00Z"), ZoneOffset.UTC);
        FileStateStore store = FileStateStore.builder().home(home()).clock(fixed).backupsKept(3).build();
        store.create(StoreFiles.minimal(NAME));
        long started = System.nanoTime();

        for (int i = 0; i < 5; i++) {
            store.update(NAME, s -> s.withKeypairName("k" + s.serial()));
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("five updates with a fixed clock")
                .isLessThan(Duration.ofSeconds(3));
        List<StateBackup> backups = store.backups(NAME);
        assertThat(backups).extracting(b -> StoreFiles.parse(StoreFiles.gunzip(Path.of(b.location())),
                Path.of(b.location())).serial()).as("serials kept, newest first").containsExactly(5L, 4L, 3L);
        assertThat(backups).extracting(StateBackup::takenAt).containsOnly(fixed.instant());
    }

    @Test
    void migrate_v2File_keepsTheOriginalAsSchemaBackupAndIsThenUpToDate() {
        Path home = home();
        String name = StoreFiles.placeFixture(home, "v2-gpu-tier3.json");
        FileStateStore store = FileStateStore.open(home);

        MigrationOutcome first = store.migrate(name, false);
        MigrationOutcome second = store.migrate(name, false);

        assertThat(first.result()).isEqualTo(MigrationOutcome.Result.MIGRATED);
        assertThat(first.fromVersion()).isEqualTo(2);
        assertThat(first.steps()).containsExactly("v2_to_v3_cloudfront_gpu");
        StateBackup kept = store.backups(name).get(0);
        assertThat(first.backup()).hasValue(kept.location());
        assertThat(kept.label()).hasValue("schema-v2");
        assertThat(StoreFiles.gunzip(Path.of(kept.location()))).isEqualTo(Fixtures.bytes("v2-gpu-tier3.json"));
        assertThat(second.result()).isEqualTo(MigrationOutcome.Result.UP_TO_DATE);
        assertThat(second.backup()).isEmpty();
        assertThat(store.backups(name)).hasSize(1);
        assertThat(store.find(name).orElseThrow().cloudFrontDistributionId()).hasValue("E2QWRUHAPOMQZL");
    }

    @Test
    void restore_bringsBackTheBackupAndKeepsTheCurrentAsPreRestore() {
        FileStateStore store = FileStateStore.open(home());
        store.create(StoreFiles.minimal(NAME).withKeypairName("first"));
        store.update(NAME, s -> s.withKeypairName("second"));
        DeploymentState third = store.update(NAME, s -> s.withKeypairName("third"));
        byte[] current = StoreFiles.read(store.file(NAME));
        StateBackup ofFirst = store.backups(NAME).get(1);

        DeploymentState restored = store.restore(NAME, ofFirst);

        assertThat(restored.keypairName()).hasValue("first");
        assertThat(restored.serial()).as("serial keeps growing").isEqualTo(third.serial() + 1);
        assertThat(store.find(NAME)).hasValue(restored);
        assertThat(store.backups(NAME)).filteredOn(b -> b.label().equals(Optional.of("pre-restore")))
                .singleElement()
                .satisfies(b -> assertThat(StoreFiles.gunzip(Path.of(b.location()))).isEqualTo(current));
        assertThat(ofFirst.location()).as("the restored backup is kept").satisfies(l -> assertThat(Path.of(l)).exists());
    }

    @Test
    void restore_aFileOutsideTheDeploymentsBackups_isRefused() {
        FileStateStore store = FileStateStore.open(home());
        store.create(StoreFiles.minimal(NAME));
        store.create(StoreFiles.minimal("other"));
        store.update("other", s -> s.withStatus(Status.RUNNING));
        StateBackup ofOther = store.backups("other").get(0);
        byte[] before = StoreFiles.read(store.file(NAME));

        assertThatThrownBy(() -> store.restore(NAME, ofOther))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is not a backup of '" + NAME + "'")
                .hasMessageContaining("backups(\"" + NAME + "\")");
        assertThat(StoreFiles.read(store.file(NAME))).isEqualTo(before);
    }

    @Test
    void delete_removesTheLiveFileAndKeepsADeletedBackup() {
        FileStateStore store = FileStateStore.open(home());
        store.create(StoreFiles.minimal(NAME));
        byte[] bytes = StoreFiles.read(store.file(NAME));

        assertThat(store.delete(NAME)).isTrue();

        assertThat(store.file(NAME)).doesNotExist();
        assertThat(store.find(NAME)).isEmpty();
        assertThat(store.backups(NAME)).singleElement().satisfies(b -> {
            assertThat(b.label()).hasValue("deleted");
            assertThat(StoreFiles.gunzip(Path.of(b.location()))).isEqualTo(bytes);
        });
        assertThat(store.delete(NAME)).as("deleting again").isFalse();
    }

    @Test
    void archive_movesTheDocumentToArchiveAndRemovesTheLiveFile() {
        FileStateStore store = FileStateStore.open(home());
        store.create(StoreFiles.minimal(NAME));
        store.update(NAME, s -> s.withStatus(Status.TERMINATED));
        byte[] bytes = StoreFiles.read(store.file(NAME));

        Path archived = Path.of(store.archive(NAME));

        assertThat(archived.getParent()).isEqualTo(home().resolve("archive"));
        assertThat(archived.getFileName().toString()).matches(NAME + "-\\d{8}T\\d{9}\\.json");
        assertThat(StoreFiles.read(archived)).isEqualTo(bytes);
        assertThat(store.file(NAME)).doesNotExist();
        assertThat(store.list().states()).isEmpty();
        assertThatThrownBy(() -> store.archive(NAME))
                .isInstanceOf(DeploymentNotFoundException.class)
                .hasMessageContaining("deployment '" + NAME + "' not found");
    }

    @Test
    void write_removesStaleTempFilesOfThatDocumentAndListIgnoresThem() {
        FileStateStore store = FileStateStore.open(home());
        store.create(StoreFiles.minimal(NAME));
        Path deployments = store.file(NAME).getParent();
        // a writer process killed mid-write: its temp file, and its id in the deployment's lock file
        Path stale = deployments.resolve("." + NAME + ".json.tmp-1f2e3d4c5b6a7988");
        StoreFiles.write(stale, "{\"stack_name\": \"web\", \"sta".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        StoreFiles.write(home().resolve("locks").resolve(NAME + ".lock"),
                "1f2e3d4c5b6a7988".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        assertThat(store.list().states()).extracting(DeploymentState::stackName).containsExactly(NAME);
        assertThat(store.list().problems()).isEmpty();
        assertThat(store.names()).containsExactly(NAME);

        store.update(NAME, s -> s.withStatus(Status.RUNNING));

        assertThat(stale).doesNotExist();
        try (Stream<Path> left = Files.list(deployments)) {
            assertThat(left).containsExactly(store.file(NAME));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void backup_removesTempFilesAWriterKilledMidBackupLeftBehind() {
        FileStateStore store = FileStateStore.open(home());
        store.create(StoreFiles.minimal(NAME));
        Path backupDir = home().resolve("backups").resolve(NAME);
        Path stale = backupDir.resolve("." + NAME + "-20260101T000000000.json.gz.tmp-0123456789abcdef");
        StoreFiles.write(stale, new byte[] {31, -117, 8});

        store.update(NAME, s -> s.withStatus(Status.RUNNING));

        assertThat(stale).doesNotExist();
        assertThat(store.backups(NAME)).hasSize(1);
    }

    @Test
    void update_returningAnEqualState_writesNothing() {
        FileStateStore store = FileStateStore.open(home());
        DeploymentState created = store.create(StoreFiles.minimal(NAME));
        Map<String, String> before = StoreFiles.snapshot(home());

        DeploymentState result = store.update(NAME, s -> s.withStatus(created.status()));

        assertThat(result).isEqualTo(created);
        assertThat(StoreFiles.snapshot(home())).isEqualTo(before);
    }

    @Test
    void update_renamingOrReturningNull_isRefusedAndWritesNothing() {
        FileStateStore store = FileStateStore.open(home());
        store.create(StoreFiles.minimal(NAME));
        Map<String, String> before = StoreFiles.snapshot(home());

        assertThatThrownBy(() -> store.update(NAME, s -> s.withStackName("renamed")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("renamed '" + NAME + "' to 'renamed'");
        assertThatThrownBy(() -> store.update(NAME, s -> null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("returned null");
        assertThat(StoreFiles.snapshot(home())).isEqualTo(before);
    }

    @Test
    void createAndSave_keepTheSerialContract() {
        FileStateStore store = FileStateStore.open(home());
        DeploymentState created = store.create(StoreFiles.minimal(NAME).withSerial(41));
        assertThat(created.serial()).as("create ignores the given serial").isEqualTo(1);
        assertThat(created.createdAt()).isPresent();
        assertThat(store.find(NAME)).hasValue(created);

        assertThatThrownBy(() -> store.create(StoreFiles.minimal(NAME)))
                .isInstanceOf(DeploymentExistsException.class)
                .hasMessageContaining("deployment '" + NAME + "' already exists");

        DeploymentState saved = store.save(created.withStatus(Status.RUNNING));
        assertThat(saved.serial()).isEqualTo(2);
        assertThat(store.find(NAME)).hasValue(saved);

        store.delete(NAME);
        assertThatThrownBy(() -> store.save(saved))
                .isInstanceOf(StateConflictException.class)
                .hasMessageContaining("read version 2, stored version none (it was deleted)");
        assertThat(store.save(StoreFiles.minimal(NAME)).serial()).as("saving serial 0 creates").isEqualTo(1);
    }

    @Test
    void update_missingDeployment_throwsNotFoundAndCreatesNoState() {
        FileStateStore store = FileStateStore.open(home());

        assertThatThrownBy(() -> store.update(NAME, s -> s.withStatus(Status.RUNNING)))
                .isInstanceOf(DeploymentNotFoundException.class)
                .hasMessageContaining("deployment '" + NAME + "' not found in");
        assertThat(home().resolve("deployments")).doesNotExist();
    }
}
