package io.tierstate.store;

import static io.tierstate.testing.Concurrently.runTogether;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.tierstate.error.InvalidInputException;
import io.tierstate.error.CorruptStateException;
import io.tierstate.error.DeploymentExistsException;
import io.tierstate.error.DeploymentNotFoundException;
import io.tierstate.error.InvalidStackNameException;
import io.tierstate.error.LeaseHeldException;
import io.tierstate.error.StateConflictException;
import io.tierstate.internal.StateCodec;
import io.tierstate.migration.fixtures.Fixtures;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.Status;
import io.tierstate.port.MigrationOutcome;
import io.tierstate.port.StateBackup;
import io.tierstate.port.StateLease;
import io.tierstate.port.StateListing;
import io.tierstate.port.StateStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The promises of the {@link StateStore} port, which every store keeps: the file store, PostgreSQL,
 * S3 and yours. Extend it, open a store on empty storage in {@link #openStore()}, give the hooks
 * that reach beneath the port (plant a raw document, read one, fingerprint the storage), and every
 * case here runs against your store.
 *
 * <p>The case with racing threads proves true concurrency; a store whose test double cannot race
 * (S3Proxy is not atomic under racing writers) overrides it with {@code @Disabled("why")}, so the
 * reason shows in the report, and relies on the step-by-step interleavings here.
 */
public abstract class StateStoreContract {

    protected static final String NAME = "web";

    /** The store under test, opened before each case and closed after it. */
    protected StateStore store;

    /** Scratch space for a case, e.g. the file store a copy reads from. */
    @TempDir
    protected Path scratch;

    /**
     * Opens the store under test on empty storage; called before each case.
     *
     * @return the store
     * @throws Exception when the storage cannot be prepared
     */
    protected abstract StateStore openStore() throws Exception;

    /**
     * Opens a second client on the storage of the last {@link #openStore()}, as another process would.
     *
     * @return another store on the same storage; the contract closes it
     * @throws Exception when it cannot be opened
     */
    protected abstract StateStore openSecondClient() throws Exception;

    /**
     * Stores bytes as a deployment's live document, bypassing the store's codec (an old or a broken
     * document, as another tool or a person would leave it).
     *
     * @param name the deployment
     * @param document the bytes
     * @throws Exception when they cannot be stored
     */
    protected abstract void plantDocument(String name, byte[] document) throws Exception;

    /**
     * Reads a deployment's live document as stored, bypassing the store's codec.
     *
     * @param name the deployment
     * @return the bytes, or empty when there is none
     * @throws Exception when it cannot be read
     */
    protected abstract Optional<byte[]> storedDocument(String name) throws Exception;

    /**
     * A fingerprint of everything stored and, where the store can count it, of the I/O done, to prove
     * that an operation touched nothing.
     *
     * @return a value that is equal before and after an operation that did no I/O
     * @throws Exception when the storage cannot be read
     */
    protected abstract Object storageFingerprint() throws Exception;

    /**
     * @return whether writers of one deployment wait for each other (a lock, as in the file store)
     *     rather than meeting optimistic conflicts; such a store cannot let another writer commit
     *     inside an update
     */
    protected boolean writersTakeALock() {
        return false;
    }

    private final List<StateStore> opened = new ArrayList<>();

    @BeforeEach
    void openStoreUnderTest() throws Exception {
        store = openStore();
        opened.add(store);
    }

    @AfterEach
    void closeStores() throws Exception {
        for (StateStore s : opened) {
            s.close();
        }
    }

    /** @return a second client, closed after the case */
    protected final StateStore secondClient() throws Exception {
        StateStore other = openSecondClient();
        opened.add(other);
        return other;
    }

    // ---------------------------------------------------------------------------------------------
    // create, read, update, save

    @Test
    void create_newName_storesSerialOneWithTimestamps() {
        Instant before = Instant.now().minusSeconds(1);

        DeploymentState created = store.create(StoreFiles.minimal(NAME));

        assertThat(created.serial()).isEqualTo(1);
        assertThat(created.createdAt()).hasValueSatisfying(t -> assertThat(t).isAfter(before));
        assertThat(created.updatedAt()).isPresent();
        assertThat(store.find(NAME)).contains(created);
    }

    @Test
    void create_takenName_throwsDeploymentExistsAndKeepsTheStoredState() throws Exception {
        store.create(StoreFiles.minimal(NAME).withKeypairName("first"));
        byte[] stored = storedDocument(NAME).orElseThrow();

        assertThatThrownBy(() -> store.create(StoreFiles.minimal(NAME).withKeypairName("second")))
                .isInstanceOf(DeploymentExistsException.class)
                .hasMessageContaining("'" + NAME + "' already exists");
        assertThat(storedDocument(NAME)).hasValue(stored);
    }

    @Test
    void find_unknownName_isEmpty() {
        assertThat(store.find("nobody-here")).isEmpty();
        assertThat(store.list().states()).isEmpty();
    }

    @Test
    void update_appliesTheChangeAndIncrementsTheSerial() throws Exception {
        DeploymentState created = store.create(StoreFiles.minimal(NAME));

        DeploymentState updated = store.update(NAME, s -> s.withStatus(Status.RUNNING).withInstanceId("i-0abc"));

        assertThat(updated.serial()).isEqualTo(created.serial() + 1);
        assertThat(updated.status()).isEqualTo(Status.RUNNING);
        assertThat(store.find(NAME)).contains(updated);
        assertThat(StateCodec.read(storedDocument(NAME).orElseThrow(), "stored")).isEqualTo(updated);
    }

    @Test
    void update_returningAnEqualState_writesNothing() throws Exception {
        store.create(StoreFiles.minimal(NAME));
        byte[] stored = storedDocument(NAME).orElseThrow();

        DeploymentState same = store.update(NAME, s -> s);

        assertThat(same.serial()).isEqualTo(1);
        assertThat(storedDocument(NAME)).hasValue(stored);
        assertThat(store.backups(NAME)).isEmpty();
    }

    @Test
    void update_unknownName_throwsDeploymentNotFound() {
        assertThatThrownBy(() -> store.update("nobody-here", s -> s))
                .isInstanceOf(DeploymentNotFoundException.class)
                .hasMessageContaining("'nobody-here' not found");
    }

    @Test
    void update_thatRenamesOrReturnsNull_isRefusedAndWritesNothing() throws Exception {
        store.create(StoreFiles.minimal(NAME));
        byte[] stored = storedDocument(NAME).orElseThrow();

        assertThatThrownBy(() -> store.update(NAME, s -> StoreFiles.minimal("other")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("renamed '" + NAME + "' to 'other'");
        assertThatThrownBy(() -> store.update(NAME, s -> null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("returned null");
        assertThat(storedDocument(NAME)).hasValue(stored);
    }

    @Test
    void save_withStaleSerial_throwsStateConflictAndKeepsTheStoredState() throws Exception {
        DeploymentState readByA = store.create(StoreFiles.minimal(NAME));
        DeploymentState readByB = secondClient().find(NAME).orElseThrow();
        DeploymentState savedByA = store.save(readByA.withStatus(Status.RUNNING));
        byte[] stored = storedDocument(NAME).orElseThrow();

        assertThatThrownBy(() -> store.save(readByB.withStatus(Status.FAILED)))
                .isInstanceOf(StateConflictException.class)
                .hasMessageContaining("'" + NAME + "'")
                .hasMessageContaining("read version " + readByB.serial() + ", stored version " + savedByA.serial());
        assertThat(storedDocument(NAME)).hasValue(stored);
        assertThat(store.find(NAME).orElseThrow().status()).isEqualTo(Status.RUNNING);
    }

    @Test
    void save_serialZeroOfANewName_createsIt_andOfADeletedOne_conflicts() {
        DeploymentState saved = store.save(StoreFiles.minimal(NAME));
        assertThat(saved.serial()).isEqualTo(1);
        assertThat(store.delete(NAME)).isTrue();

        assertThatThrownBy(() -> store.save(saved.withStatus(Status.RUNNING)))
                .isInstanceOf(StateConflictException.class)
                .hasMessageContaining("stored version none (it was deleted)");
        assertThat(store.find(NAME)).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------
    // concurrency

    /** Four threads on two clients each add 1 to a counter 25 times: every increment must survive. */
    @Test
    protected void update_fromSeveralThreadsOnTwoClients_losesNothing() throws Exception {
        StateStore other = secondClient();
        store.create(StoreFiles.minimal(NAME).withKeypairName("0"));

        runTogether(4, java.time.Duration.ofSeconds(90), worker -> () -> {
            StateStore client = worker % 2 == 0 ? store : other;
            for (int i = 0; i < 25; i++) {
                client.update(NAME, StateStoreContract::increment);
            }
            return null;
        });

        DeploymentState now = store.find(NAME).orElseThrow();
        assertThat(now.keypairName()).as("the counter").hasValue("100");
        assertThat(now.serial()).isEqualTo(101);
        assertThat(other.find(NAME)).contains(now);
    }

    /** Step by step: B commits while A's change function runs; A's write conflicts, and A applies its change again. */
    @Test
    void update_whenAnotherClientCommitsDuringTheChange_retriesAndLosesNothing() throws Exception {
        assumeThat(writersTakeALock()).as("this store serialises writers with a lock, so no writer can commit"
                + " inside another's update; the threaded case covers it").isFalse();
        StateStore other = secondClient();
        store.create(StoreFiles.minimal(NAME).withKeypairName("0"));
        AtomicInteger calls = new AtomicInteger();

        DeploymentState result = store.update(NAME, s -> {
            if (calls.incrementAndGet() == 1) {
                other.update(NAME, StateStoreContract::increment);
            }
            return increment(s);
        });

        assertThat(calls).as("the change ran again on the newer state").hasValue(2);
        assertThat(result.keypairName()).hasValue("2");
        assertThat(result.serial()).isEqualTo(3);
        assertThat(store.find(NAME)).contains(result);
    }

    // ---------------------------------------------------------------------------------------------
    // leases

    @Test
    void acquireLease_whileAnotherHoldsIt_isRefusedNamingTheOwner() throws Exception {
        store.create(StoreFiles.minimal(NAME));
        try (StateLease held = store.acquireLease(NAME, "destroy@host-a:101", Duration.ofMinutes(5))) {
            assertThat(held.owner()).isEqualTo("destroy@host-a:101");
            assertThat(held.name()).isEqualTo(NAME);
            assertThat(held.expiresAt()).isAfter(Instant.now().plusSeconds(200));

            assertThatThrownBy(() -> secondClient().acquireLease(NAME, "destroy@host-b:202", Duration.ofMinutes(5)))
                    .isInstanceOf(LeaseHeldException.class)
                    .hasMessageContaining("'" + NAME + "' is leased by destroy@host-a:101")
                    .satisfies(e -> assertThat(((LeaseHeldException) e).owner()).isEqualTo("destroy@host-a:101"));
            assertThatThrownBy(() -> store.acquireLease(NAME, "destroy@host-a:101", Duration.ofMinutes(5)))
                    .as("the lease is exclusive even for the same owner").isInstanceOf(LeaseHeldException.class);
        }
    }

    @Test
    void lease_thatExpired_canBeTakenByAnother_andTheLoserCannotRenewIt() throws Exception {
        StateLease lapsed = store.acquireLease(NAME, "destroy@crashed", Duration.ofMillis(200));
        Thread.sleep(450);

        try (StateLease taken = secondClient().acquireLease(NAME, "destroy@successor", Duration.ofMinutes(5))) {
            assertThat(taken.owner()).isEqualTo("destroy@successor");
            assertThatThrownBy(() -> lapsed.renew(Duration.ofMinutes(5)))
                    .isInstanceOf(LeaseHeldException.class)
                    .hasMessageContaining("destroy@successor");
            lapsed.close(); // must not release the successor's lease
            assertThatThrownBy(() -> store.acquireLease(NAME, "destroy@third", Duration.ofMinutes(1)))
                    .isInstanceOf(LeaseHeldException.class).hasMessageContaining("destroy@successor");
        }
    }

    @Test
    void lease_renewed_lastsLonger_andClosed_isReleasedOnce() throws Exception {
        StateLease lease = store.acquireLease(NAME, "destroy@a", Duration.ofSeconds(30));
        Instant first = lease.expiresAt();

        lease.renew(Duration.ofMinutes(10));
        assertThat(lease.expiresAt()).isAfter(first);
        lease.close();
        lease.close();

        try (StateLease next = secondClient().acquireLease(NAME, "destroy@b", Duration.ofMinutes(1))) {
            assertThat(next.owner()).isEqualTo("destroy@b");
            assertThatThrownBy(() -> lease.renew(Duration.ofMinutes(1))).as("a released lease cannot be renewed")
                    .isInstanceOf(LeaseHeldException.class).hasMessageContaining("destroy@b");
        }
    }

    @Test
    void acquireLease_heldByAnOwnerKnownToBeDead_isTakenOver_andALiveOneIsNot() throws Exception {
        StateLease crashed = store.acquireLease(NAME, "destroy@host:101", Duration.ofMinutes(5));
        StateStore other = secondClient();

        assertThatThrownBy(() -> other.acquireLease(NAME, "destroy@host:202", Duration.ofMinutes(5), owner -> false))
                .isInstanceOf(LeaseHeldException.class).hasMessageContaining("destroy@host:101");
        try (StateLease resumed = other.acquireLease(NAME, "destroy@host:202", Duration.ofMinutes(5),
                owner -> owner.equals("destroy@host:101"))) {
            assertThat(resumed.owner()).isEqualTo("destroy@host:202");
            assertThatThrownBy(() -> crashed.renew(Duration.ofMinutes(5)))
                    .isInstanceOf(LeaseHeldException.class).hasMessageContaining("destroy@host:202");
            assertThatThrownBy(() -> store.acquireLease(NAME, "destroy@host:303", Duration.ofMinutes(5), owner -> false))
                    .isInstanceOf(LeaseHeldException.class).hasMessageContaining("destroy@host:202");
        }
    }

    @Test
    void acquireLease_withoutPositiveTtlOrOwner_isRefused() {
        assertThatThrownBy(() -> store.acquireLease(NAME, "x", Duration.ZERO))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("ttl must be positive");
        assertThatThrownBy(() -> store.acquireLease(NAME, null, Duration.ofMinutes(1)))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("owner");
    }

    // ---------------------------------------------------------------------------------------------
    // unreadable documents, listing

    @Test
    void corruptDocument_isATypedErrorLeftUntouched_andListContinues() throws Exception {
        store.create(StoreFiles.minimal("good"));
        byte[] broken = "{\n  \"stack_name\": \"broken\",\n  \"status\": \n".getBytes(StandardCharsets.UTF_8);
        plantDocument("broken", broken);

        assertThatThrownBy(() -> store.find("broken"))
                .isInstanceOf(CorruptStateException.class)
                .hasMessageContaining("broken")
                .hasMessageContaining("restore a backup");
        assertThatThrownBy(() -> store.update("broken", s -> s.withStatus(Status.RUNNING)))
                .isInstanceOf(CorruptStateException.class);
        StateListing listing = store.list();

        assertThat(listing.states()).extracting(DeploymentState::stackName).containsExactly("good");
        assertThat(listing.problems()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("broken");
            assertThat(p.error()).isInstanceOf(CorruptStateException.class);
            assertThat(p.message()).contains("not valid JSON");
        });
        assertThat(storedDocument("broken")).hasValue(broken);
    }

    @Test
    void documentOfAnotherStack_isReportedAsCorrupt() throws Exception {
        plantDocument("mislabelled", StateCodec.write(StoreFiles.minimal("someone-else")));

        assertThatThrownBy(() -> store.find("mislabelled"))
                .isInstanceOf(CorruptStateException.class)
                .hasMessageContaining("stack_name 'someone-else'");
        assertThat(store.list().problems()).extracting(p -> p.name()).containsExactly("mislabelled");
    }

    @Test
    void list_twoHundredDeployments_returnsEveryOneSortedByName() {
        List<String> names = IntStream.range(0, 200).mapToObj(i -> String.format("stack-%03d", 199 - i)).toList();
        for (String name : names) {
            store.create(StoreFiles.minimal(name));
        }

        StateListing listing = store.list();

        assertThat(listing.problems()).isEmpty();
        assertThat(listing.states()).extracting(DeploymentState::stackName)
                .containsExactlyElementsOf(names.stream().sorted().toList());
    }

    // ---------------------------------------------------------------------------------------------
    // old documents and migration

    @Test
    void reading_aV2Document_migratesInMemoryAndWritesNothing() throws Exception {
        String name = plantFixture("v2-gpu-tier3.json");
        Object before = storageFingerprintWithoutIo();

        DeploymentState read = store.find(name).orElseThrow();
        store.list();
        store.backups(name);

        assertThat(read.schemaVersion()).isEqualTo(3);
        assertThat(read.cloudFrontDistributionId()).isPresent();
        assertThat(storageFingerprintWithoutIo()).as("storage after reading").isEqualTo(before);
        assertThat(storedDocument(name)).hasValue(Fixtures.bytes("v2-gpu-tier3.json"));
    }

    @Test
    void migrate_aV2Document_upgradesItAndKeepsALabelledBackupOfTheOriginal() throws Exception {
        String name = plantFixture("v2-gpu-tier3.json");

        MigrationOutcome dry = store.migrate(name, true);
        assertThat(dry.result()).isEqualTo(MigrationOutcome.Result.WOULD_MIGRATE);
        assertThat(storedDocument(name)).as("a dry run writes nothing").hasValue(Fixtures.bytes("v2-gpu-tier3.json"));

        MigrationOutcome done = store.migrate(name, false);

        assertThat(done.result()).isEqualTo(MigrationOutcome.Result.MIGRATED);
        assertThat(done.fromVersion()).isEqualTo(2);
        assertThat(done.toVersion()).isEqualTo(3);
        assertThat(done.steps()).contains("v2_to_v3_cloudfront_gpu");
        List<StateBackup> backups = store.backups(name);
        assertThat(backups).singleElement().satisfies(b -> {
            assertThat(b.label()).hasValue("schema-v2");
            assertThat(done.backup()).hasValue(b.location());
        });
        assertThat(StateCodec.parseTree(storedDocument(name).orElseThrow(), "stored").get("schema_version").asInt()).isEqualTo(3);
        assertThat(store.migrate(name, false).result()).isEqualTo(MigrationOutcome.Result.UP_TO_DATE);

        DeploymentState original = store.restore(name, backups.get(0));
        assertThat(original.cloudFrontDistributionId()).as("the original, migrated in memory again").isPresent();
    }

    @Test
    void migrateAll_reportsAnUnreadableDocumentAndMigratesTheRest() throws Exception {
        String name = plantFixture("v2-automation-tier2.json");
        plantDocument("broken", "not json".getBytes(StandardCharsets.UTF_8));
        store.create(StoreFiles.minimal("current"));

        List<MigrationOutcome> outcomes = store.migrateAll(false);

        assertThat(outcomes).extracting(MigrationOutcome::name, MigrationOutcome::result).contains(
                org.assertj.core.groups.Tuple.tuple(name, MigrationOutcome.Result.MIGRATED),
                org.assertj.core.groups.Tuple.tuple("broken", MigrationOutcome.Result.FAILED),
                org.assertj.core.groups.Tuple.tuple("current", MigrationOutcome.Result.UP_TO_DATE));
        assertThat(storedDocument("broken")).hasValue("not json".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void update_ofAV2Document_writesV3AndKeepsASchemaBackup() throws Exception {
        String name = plantFixture("v2-automation-tier2.json");

        DeploymentState updated = store.update(name, s -> s.withStatus(Status.DESTROYING));

        assertThat(updated.status()).isEqualTo(Status.DESTROYING);
        assertThat(store.backups(name)).extracting(b -> b.label().orElse("")).containsExactly("schema-v2");
        assertThat(StateCodec.parseTree(storedDocument(name).orElseThrow(), "stored").get("schema_version").asInt()).isEqualTo(3);
    }

    // ---------------------------------------------------------------------------------------------
    // backups, restore, delete, archive, copies

    @Test
    void backups_routineOnesArePrunedToTheNewestTen_andRestoreBringsOneBack() {
        store.create(StoreFiles.minimal(NAME).withKeypairName("0"));
        for (int i = 0; i < 12; i++) {
            store.update(NAME, StateStoreContract::increment);
        }

        List<StateBackup> backups = store.backups(NAME);
        assertThat(backups).hasSize(10).allSatisfy(b -> assertThat(b.label()).isEmpty());
        assertThat(backups).extracting(StateBackup::takenAt).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        StateBackup oldestKept = backups.get(9);

        DeploymentState restored = store.restore(NAME, oldestKept);

        assertThat(restored.keypairName()).as("the 12 updates kept backups of counter 0..11; the oldest kept is 2").hasValue("2");
        assertThat(restored.serial()).isEqualTo(14);
        assertThat(store.find(NAME)).contains(restored);
        assertThat(store.backups(NAME)).filteredOn(b -> b.label().isPresent())
                .extracting(b -> b.label().get()).containsExactly("pre-restore");
    }

    @Test
    void restore_ofABackupThatIsNotTheDeployments_isRefused() {
        store.create(StoreFiles.minimal(NAME));
        store.create(StoreFiles.minimal("other"));
        store.update("other", s -> s.withStatus(Status.RUNNING));
        StateBackup othersBackup = store.backups("other").get(0);

        assertThatThrownBy(() -> store.restore(NAME, othersBackup))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a backup of '" + NAME + "'");
        assertThatThrownBy(() -> store.restore(NAME, new StateBackup(NAME, "elsewhere/" + NAME + "-x.json.gz",
                Instant.now(), Optional.empty()))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void delete_keepsADeletedBackup_andReportsWhetherThereWasState() {
        store.create(StoreFiles.minimal(NAME));

        assertThat(store.delete(NAME)).isTrue();
        assertThat(store.delete(NAME)).isFalse();

        assertThat(store.find(NAME)).isEmpty();
        assertThat(store.backups(NAME)).extracting(b -> b.label().orElse("")).containsExactly("deleted");
        DeploymentState back = store.restore(NAME, store.backups(NAME).get(0));
        assertThat(back.serial()).isEqualTo(2);
    }

    @Test
    void archive_movesTheStateOutOfTheLiveSet_andAnUnknownNameIsNotFound() {
        store.create(StoreFiles.minimal(NAME));
        store.create(StoreFiles.minimal("stays"));

        String where = store.archive(NAME);

        assertThat(where).contains(NAME);
        assertThat(store.find(NAME)).isEmpty();
        assertThat(store.list().states()).extracting(DeploymentState::stackName).containsExactly("stays");
        assertThatThrownBy(() -> store.archive(NAME)).isInstanceOf(DeploymentNotFoundException.class);
        assertThat(store.create(StoreFiles.minimal(NAME)).serial()).as("the name is free again").isEqualTo(1);
    }

    @Test
    void keepBackup_isLabelledAndNeverPruned_andUpdateProgressTakesNoRoutineBackup() {
        store.create(StoreFiles.minimal(NAME).withKeypairName("0"));

        Optional<StateBackup> kept = store.keepBackup(NAME, "pre-destroy");
        for (int i = 0; i < 15; i++) {
            store.updateProgress(NAME, StateStoreContract::increment);
        }
        for (int i = 0; i < 12; i++) {
            store.update(NAME, StateStoreContract::increment);
        }

        assertThat(kept).hasValueSatisfying(b -> assertThat(b.label()).hasValue("pre-destroy"));
        List<StateBackup> backups = store.backups(NAME);
        assertThat(backups).filteredOn(b -> b.label().isPresent()).extracting(b -> b.label().get())
                .containsExactly("pre-destroy");
        assertThat(backups).filteredOn(b -> b.label().isEmpty()).as("only the 12 plain updates took routine backups,"
                + " pruned to 10").hasSize(10);
        StateBackup preDestroy = backups.stream().filter(b -> b.label().isPresent()).findFirst().orElseThrow();
        assertThat(store.restore(NAME, preDestroy).keypairName()).as("as it was before the 27 writes").hasValue("0");
        assertThat(store.find(NAME).orElseThrow().serial()).as("1 + 15 progress + 12 updates + restore").isEqualTo(29);
    }

    @Test
    void keepBackup_withABadLabelOrAnUnknownName_isRefused() {
        store.create(StoreFiles.minimal(NAME));

        assertThatThrownBy(() -> store.keepBackup(NAME, "../x")).isInstanceOf(io.tierstate.error.InvalidInputException.class)
                .hasMessageContaining("pre-destroy");
        assertThatThrownBy(() -> store.keepBackup("missing", "pre-destroy")).isInstanceOf(DeploymentNotFoundException.class);
    }

    @Test
    void latestArchive_readsTheNewestArchivedState_andNothingForAnotherName() {
        store.create(StoreFiles.minimal(NAME).withKeypairName("first"));
        store.archive(NAME);
        store.create(StoreFiles.minimal(NAME).withKeypairName("second"));
        store.archive(NAME);
        store.create(StoreFiles.minimal(NAME + "-2").withKeypairName("other"));
        store.archive(NAME + "-2");

        assertThat(store.latestArchive(NAME)).hasValueSatisfying(s -> assertThat(s.keypairName()).hasValue("second"));
        assertThat(store.latestArchive("nothing")).isEmpty();
    }

    @Test
    void createCopy_keepsSerialAndTimestamps_andRefusesATakenName() {
        DeploymentState elsewhere = StoreFiles.minimal(NAME).withSerial(41)
                .withCreatedAt(Instant.parse("2025-01-02T03:04:05.123456Z"))
                .withUpdatedAt(Instant.parse("2025-02-03T04:05:06.654321Z"));

        DeploymentState copied = store.createCopy(elsewhere);

        assertThat(copied).isEqualTo(elsewhere);
        assertThat(store.find(NAME)).contains(elsewhere);
        assertThatThrownBy(() -> store.createCopy(elsewhere)).isInstanceOf(DeploymentExistsException.class);
        assertThat(store.update(NAME, s -> s.withStatus(Status.RUNNING)).serial()).isEqualTo(42);
    }

    @Test
    void copy_fromAFileStore_copiesAndVerifies_skipsWhatDiffers_andLeavesTheSourceUntouched() {
        Path home = scratch.resolve("geusemaker");
        FileStateStore source = FileStateStore.open(home);
        source.create(StoreFiles.minimal("alpha"));
        source.update("alpha", s -> s.withStatus(Status.RUNNING));
        source.create(StoreFiles.minimal("taken"));
        source.update("taken", s -> s.withStatus(Status.RUNNING));
        String fixture = StoreFiles.placeFixture(home, "v2-gpu-tier3.json");
        StoreFiles.write(home.resolve("deployments/broken.json"), "{".getBytes(StandardCharsets.UTF_8));
        store.create(StoreFiles.minimal("taken"));
        Map<String, String> before = StoreFiles.snapshot(home);

        CopyReport report = StateStores.copy(source, store);

        assertThat(report.items()).extracting(CopyReport.Item::name, CopyReport.Item::result).containsExactly(
                org.assertj.core.groups.Tuple.tuple("alpha", CopyReport.Result.COPIED),
                org.assertj.core.groups.Tuple.tuple("broken", CopyReport.Result.FAILED),
                org.assertj.core.groups.Tuple.tuple(fixture, CopyReport.Result.COPIED),
                org.assertj.core.groups.Tuple.tuple("taken", CopyReport.Result.SKIPPED));
        assertThat(report.hasFailures()).isTrue();
        assertThat(report.with(CopyReport.Result.SKIPPED).get(0).detail()).contains("serial 1", "serial 2");
        assertThat(store.find("alpha")).isEqualTo(source.find("alpha"));
        assertThat(store.find(fixture)).isEqualTo(source.find(fixture));
        StoreFiles.assertUnchangedExceptLocks(home, before);

        CopyReport again = StateStores.copy(source, store);
        assertThat(again.with(CopyReport.Result.UP_TO_DATE)).extracting(CopyReport.Item::name).containsExactly("alpha", fixture);
        assertThat(again.render()).contains("0 copied, 2 up to date, 1 skipped, 1 failed");
    }

    // ---------------------------------------------------------------------------------------------
    // names

    @ParameterizedTest
    @ValueSource(strings = {"../escape", "a/b", "", "1starts-with-digit", "has space", "dot.json",
        "x12345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678"})
    void invalidNames_areRefusedBeforeAnyIo(String bad) throws Exception {
        Object before = storageFingerprint();
        StateBackup backup = new StateBackup(bad, "somewhere", Instant.now(), Optional.empty());
        List<Consumer<StateStore>> operations = List.of(
                s -> s.find(bad), s -> s.update(bad, x -> x), s -> s.delete(bad), s -> s.archive(bad),
                s -> s.migrate(bad, false), s -> s.migrate(bad, true), s -> s.backups(bad), s -> s.restore(bad, backup),
                s -> s.acquireLease(bad, "me", Duration.ofMinutes(1)));

        for (Consumer<StateStore> operation : operations) {
            assertThatThrownBy(() -> operation.accept(store))
                    .isInstanceOf(InvalidStackNameException.class)
                    .hasMessageContaining("is not valid");
        }
        assertThat(storageFingerprint()).as("storage and I/O after refusing '%s'", bad).isEqualTo(before);
    }

    // ---------------------------------------------------------------------------------------------

    /** Adds 1 to the counter kept in {@code keypair_name}. */
    protected static DeploymentState increment(DeploymentState s) {
        return StoreWriterMain.increment(s);
    }

    /** Plants a GeuseMaker fixture as a deployment's live document; returns its stack name. */
    protected String plantFixture(String fixture) throws Exception {
        String name = Fixtures.load(fixture).get("stack_name").asText();
        plantDocument(name, Fixtures.bytes(fixture));
        return name;
    }

    /**
     * The fingerprint of what is stored, for checks after operations that do read: stores that count
     * their I/O in {@link #storageFingerprint()} override this to leave the count out.
     *
     * @return a value equal before and after an operation that wrote nothing
     * @throws Exception when the storage cannot be read
     */
    protected Object storageFingerprintWithoutIo() throws Exception {
        return storageFingerprint();
    }



    // ------------------------------------------------------------------ hostile documents, seeded

    private static final List<String> VALID_MONEY = List.of("0.30", "0.2104", "0", "1E+39", "0.0000000000000000000000000000000000000001",
            "9999999999999999999999999999999999999999", "1e-40", "123456789012345678901234567890.1234567890");
    private static final List<String> INVALID_MONEY = List.of("1e-999999999", "5e9000000", "1e99999999999", "1e-41", "1E+40",
            "12345678901234567890123456789012345678901", "cheap");
    private static final List<String> VALID_TIMES = List.of("2025-09-30T08:45:12.000001+00:00", "2025-09-30T08:45:12Z",
            "1970-01-01T00:00:00Z", "9998-12-31T23:59:59.999999Z", "2025-09-30T08:45:12", "2025-09-30 08:45:12.5-12:00",
            "2000-02-29T23:59:59+14:00");

    /**
     * Random documents with extreme numbers, timestamps and strings, planted and then written
     * through every write path (update, save, migrate, createCopy): a document the store reads is
     * written back readable, equal, with its unknown fields equal as JSON values and its money
     * equal as numbers, and bounded in size; one it refuses is refused by every write and left as
     * it was. Odd repetitions hold only values the format accepts, so they must all be read.
     */
    @org.junit.jupiter.api.RepeatedTest(24)
    void randomHostileDocument_everyWriteIsReadableEqualAndBounded(org.junit.jupiter.api.RepetitionInfo info) throws Exception {
        java.util.Random r = new java.util.Random(0x7e57 + info.getCurrentRepetition());
        boolean onlyValid = info.getCurrentRepetition() % 2 == 1;
        String name = "hostile-" + info.getCurrentRepetition();
        com.fasterxml.jackson.databind.node.ObjectNode doc = (com.fasterxml.jackson.databind.node.ObjectNode)
                StateCodec.mapper().readTree(Fixtures.text("v2-gpu-tier3.json").replace("gpu-global", name));
        com.fasterxml.jackson.databind.node.ObjectNode cost = (com.fasterxml.jackson.databind.node.ObjectNode) doc.get("cost");
        List<String> money = List.of("spot_price_per_hour", "on_demand_price_per_hour", "efs_gb_month_price",
                "estimated_monthly_cost", "budget_limit");
        int invalidAt = onlyValid ? -1 : r.nextInt(money.size() + 2);
        for (int i = 0; i < money.size(); i++) {
            String value = i == invalidAt ? INVALID_MONEY.get(r.nextInt(INVALID_MONEY.size()))
                    : VALID_MONEY.get(r.nextInt(VALID_MONEY.size()));
            boolean asNumber = r.nextBoolean() && !value.equals("cheap") && !value.equals("1e99999999999");
            if (asNumber) {
                cost.put(money.get(i), new java.math.BigDecimal(value));
            } else {
                cost.put(money.get(i), value);
            }
        }
        doc.put("created_at", invalidAt == money.size() ? (r.nextBoolean() ? "1e999999" : "yesterday")
                : VALID_TIMES.get(r.nextInt(VALID_TIMES.size())));
        if (invalidAt == money.size() + 1) {
            doc.put("updated_at", 1759221912L);
        } else {
            doc.put("updated_at", VALID_TIMES.get(r.nextInt(VALID_TIMES.size())));
        }
        doc.put("keypair_name", randomText(r, 1 + r.nextInt(2000)));
        Map<String, com.fasterxml.jackson.databind.JsonNode> unknown = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            unknown.put("x_hostile_" + i, randomValue(r));
        }
        unknown.forEach(doc::set);
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("config")).set("x_nested", randomValue(r));
        byte[] planted = StateCodec.mapper().writeValueAsBytes(doc);
        plantDocument(name, planted);

        DeploymentState read;
        try {
            read = store.find(name).orElseThrow();
        } catch (io.tierstate.error.TierStateException refused) {
            assertThat(onlyValid).as("a document of valid values was refused: %s", refused.getMessage()).isFalse();
            assertThat(refused.getMessage()).as("the message names the document").contains(name);
            assertThatThrownBy(() -> store.update(name, st -> st.withStatus(Status.FAILED)))
                    .isInstanceOf(io.tierstate.error.TierStateException.class);
            assertThatThrownBy(() -> store.migrate(name, false)).isInstanceOf(io.tierstate.error.TierStateException.class);
            assertThat(storedDocument(name).orElseThrow()).as("the refused document").isEqualTo(planted);
            return;
        }

        MigrationOutcome migrated = store.migrate(name, false);
        assertThat(migrated.result()).isEqualTo(MigrationOutcome.Result.MIGRATED);
        assertWrittenWell(name, planted, unknown, store.find(name).orElseThrow());
        DeploymentState updated = store.update(name, st -> st.withStatus(Status.UPDATING));
        assertWrittenWell(name, planted, unknown, updated);
        DeploymentState saved = store.save(updated.withStatus(Status.RUNNING));
        assertWrittenWell(name, planted, unknown, saved);
        String copyName = name + "-copy";
        DeploymentState copy = store.createCopy(saved.withStackName(copyName));
        assertThat(store.find(copyName)).hasValue(copy);
        assertThat(read.cost().orElseThrow().spotPricePerHour()).isEqualTo(saved.cost().orElseThrow().spotPricePerHour());
    }

    private void assertWrittenWell(String name, byte[] planted, Map<String, com.fasterxml.jackson.databind.JsonNode> unknown,
            DeploymentState written) throws Exception {
        byte[] stored = storedDocument(name).orElseThrow();
        assertThat(stored.length).as("bytes written for a %s-byte document", planted.length)
                .isLessThanOrEqualTo(2 * planted.length + 16 * 1024).isLessThan(StateCodec.MAX_DOCUMENT_BYTES);
        DeploymentState back = StateCodec.read(stored, name);
        assertThat(back).as("what the store wrote, read back").isEqualTo(written);
        assertThat(store.find(name)).hasValue(written);
        com.fasterxml.jackson.databind.JsonNode storedTree = StateCodec.mapper().readTree(stored);
        com.fasterxml.jackson.databind.JsonNode plantedTree = StateCodec.mapper().readTree(planted);
        unknown.forEach((key, value) -> assertThat(storedTree.get(key)).as("unknown field %s", key).isEqualTo(value));
        assertThat(storedTree.at("/config/x_nested")).isEqualTo(plantedTree.at("/config/x_nested"));
        for (String field : List.of("spot_price_per_hour", "on_demand_price_per_hour", "efs_gb_month_price",
                "estimated_monthly_cost", "budget_limit")) {
            java.math.BigDecimal before = plantedTree.get("cost").get(field).decimalValue();
            if (plantedTree.get("cost").get(field).isTextual()) {
                before = new java.math.BigDecimal(plantedTree.get("cost").get(field).textValue());
            }
            assertThat(new java.math.BigDecimal(storedTree.get("cost").get(field).textValue()))
                    .as("money %s", field).isEqualByComparingTo(before);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode randomValue(java.util.Random r) {
        var f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        return switch (r.nextInt(9)) {
            case 0 -> f.numberNode(new java.math.BigDecimal("1e-999999999"));
            case 1 -> f.numberNode(new java.math.BigDecimal("-5e9000000"));
            case 2 -> f.numberNode(new java.math.BigInteger("9".repeat(900)));
            case 3 -> f.numberNode(Long.MIN_VALUE);
            case 4 -> f.textNode(randomText(r, r.nextInt(5000)));
            case 5 -> f.numberNode(new java.math.BigDecimal("0." + "0".repeat(200) + "1"));
            case 6 -> f.arrayNode().add(randomValue(r)).addNull().add(true);
            case 7 -> f.objectNode().set("deep", f.objectNode().set("deeper", randomValue(r)));
            default -> f.textNode("");
        };
    }

    private static String randomText(java.util.Random r, int length) {
        int[] specials = {0, 1, 0x1f, '"', '\\', '\n', 0x7f, 0xe9, 0x2028, 0xfeff, 0x1f600, 0x10ffff};
        StringBuilder b = new StringBuilder();
        while (b.length() < length) {
            int cp = r.nextInt(4) == 0 ? specials[r.nextInt(specials.length)] : 0x20 + r.nextInt(0x5e);
            b.appendCodePoint(cp);
        }
        return b.toString();
    }
}
