package io.tierstate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.error.InvalidInputException;
import io.tierstate.port.StateBackup;
import io.tierstate.store.spi.BackupRequest;
import io.tierstate.store.spi.Document;
import io.tierstate.store.spi.Listed;
import io.tierstate.store.spi.StoreBackend;
import io.tierstate.store.spi.Stored;
import io.tierstate.store.spi.WriteResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The primitives of the {@link StoreBackend} SPI, which every backend keeps: conditional writes that
 * refuse a stale version and keep no backup then, version tokens that change with every write,
 * listing, backups kept, listed, read and pruned, lease records taken, renewed, taken over and
 * released only on their token, and removing what is not there. Extend it with a backend on empty
 * storage; {@code StateStoreContract} then checks the rules the engine builds on these.
 *
 * <p>The documents here are opaque bytes: a backend never parses them.
 */
public abstract class StoreBackendContract {

    /** The backend under test, opened before each case and closed after it. */
    protected StoreBackend backend;

    private static final Instant T0 = Instant.parse("2026-03-04T05:06:07.123Z");

    /**
     * Opens the backend under test on empty storage.
     *
     * @return the backend
     * @throws Exception when the storage cannot be prepared
     */
    protected abstract StoreBackend openBackend() throws Exception;

    @BeforeEach
    void open() throws Exception {
        backend = openBackend();
    }

    @AfterEach
    void closeBackend() {
        if (backend != null) { // null when openBackend's assumption skipped the case
            backend.close();
        }
    }

    private static Document doc(String name, String body, long serial) {
        return new Document(name, ("{\"stack_name\": \"" + name + "\", \"body\": \"" + body + "\"}")
                .getBytes(StandardCharsets.UTF_8), serial, T0.plusSeconds(serial));
    }

    private static String text(Stored s) {
        return new String(s.bytes(), StandardCharsets.UTF_8);
    }

    private static BackupRequest routine(byte[] bytes, int at, int kept) {
        return new BackupRequest(bytes, Optional.empty(), T0.plus(at, ChronoUnit.MILLIS), kept);
    }

    @Test
    void create_whereNothingIsStored_writesIt_andOnATakenNameIsRefusedAndChangesNothing() {
        assertThat(backend.read("web")).isEmpty();
        assertThat(backend.create(doc("web", "one", 1))).isTrue();

        assertThat(backend.create(doc("web", "two", 1))).isFalse();
        assertThat(text(backend.read("web").orElseThrow())).contains("one");
    }

    @Test
    void replace_withTheVersionRead_writesAndChangesTheToken_andWithAStaleOneIsRefusedKeepingNoBackup() {
        backend.create(doc("web", "one", 1));
        Stored first = backend.read("web").orElseThrow();

        WriteResult written = backend.replace(doc("web", "two", 2), first.version(),
                Optional.of(routine(first.bytes(), 1, 10)));
        Stored second = backend.read("web").orElseThrow();

        assertThat(written.written()).isTrue();
        assertThat(written.backup()).isPresent();
        assertThat(second.version()).isNotEqualTo(first.version());
        assertThat(text(second)).contains("two");

        WriteResult stale = backend.replace(doc("web", "three", 3), first.version(),
                Optional.of(routine(second.bytes(), 2, 10)));
        assertThat(stale.written()).isFalse();
        assertThat(stale.backup()).isEmpty();
        assertThat(text(backend.read("web").orElseThrow())).contains("two");
        assertThat(backend.backups("web")).hasSize(1);
    }

    @Test
    void replace_ofANameWithNothingStored_isRefused() {
        assertThat(backend.replace(doc("web", "one", 1), "no-such-version", Optional.empty()).written()).isFalse();
        assertThat(backend.read("web")).isEmpty();
    }

    @Test
    void list_returnsEveryLiveDocumentSortedByName_eachReadable() {
        for (String name : List.of("zeta", "alpha", "mid")) {
            backend.create(doc(name, name + "-body", 1));
        }

        List<Listed> listed = backend.list();

        assertThat(listed).extracting(Listed::name).containsExactly("alpha", "mid", "zeta");
        assertThat(text(listed.get(1).read().orElseThrow())).contains("mid-body");
        assertThat(listed.get(1).source()).isEqualTo(backend.source("mid"));
    }

    @Test
    void backups_arePutListedNewestFirstReadBackAndRoutineOnesPrunedWhileLabelledOnesStay() {
        byte[] labelled = "labelled".getBytes(StandardCharsets.UTF_8);
        StateBackup kept = backend.putBackup("web", new BackupRequest(labelled, Optional.of("pre-destroy"), T0, 2));
        for (int i = 1; i <= 4; i++) {
            backend.putBackup("web", routine(("routine-" + i).getBytes(StandardCharsets.UTF_8), i, 2));
        }

        List<StateBackup> backups = backend.backups("web");

        assertThat(backups).hasSize(3);
        assertThat(backups).filteredOn(b -> b.label().isEmpty()).hasSize(2);
        assertThat(text(backend.readBackup("web", backups.get(0)))).isEqualTo("routine-4");
        assertThat(text(backend.readBackup("web", backups.get(1)))).isEqualTo("routine-3");
        assertThat(backups.get(2).label()).contains("pre-destroy");
        assertThat(text(backend.readBackup("web", kept))).isEqualTo("labelled");
        assertThat(backend.backups("other")).isEmpty();
    }

    @Test
    void readBackup_ofAnotherDeploymentsBackup_isRefused() {
        StateBackup theirs = backend.putBackup("other", routine("x".getBytes(StandardCharsets.UTF_8), 1, 10));

        assertThatThrownBy(() -> backend.readBackup("web", theirs))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is not a backup of 'web'");
    }

    @Test
    void remove_keepsTheBackup_isRefusedForAStaleVersion_andOfNothingStoredRemovesNothing() {
        assertThat(backend.remove("web", "no-such-version", new BackupRequest(new byte[] {1}, Optional.of("deleted"), T0, 10))
                .written()).isFalse();
        backend.create(doc("web", "one", 1));
        Stored first = backend.read("web").orElseThrow();
        backend.replace(doc("web", "two", 2), first.version(), Optional.empty());

        assertThat(backend.remove("web", first.version(), new BackupRequest(first.bytes(), Optional.of("deleted"), T0, 10))
                .written()).as("stale").isFalse();
        assertThat(backend.read("web")).isPresent();

        Stored second = backend.read("web").orElseThrow();
        WriteResult removed = backend.remove("web", second.version(),
                new BackupRequest(second.bytes(), Optional.of("deleted"), T0, 10));
        assertThat(removed.written()).isTrue();
        assertThat(backend.read("web")).isEmpty();
        assertThat(backend.list()).isEmpty();
        assertThat(removed.backup().orElseThrow().label()).contains("deleted");
        assertThat(text(backend.readBackup("web", removed.backup().get()))).contains("two");
    }

    @Test
    void archive_movesTheDocumentOut_andTheNewestArchiveIsReadBack_butNotForAStaleVersion() {
        backend.create(doc("web", "one", 1));
        Stored first = backend.read("web").orElseThrow();
        assertThat(backend.archive("web", "no-such-version", first.bytes(), T0)).isEmpty();

        Optional<String> where = backend.archive("web", first.version(), first.bytes(), T0);

        assertThat(where).isPresent();
        assertThat(backend.read("web")).isEmpty();
        backend.create(doc("web", "two", 2));
        Stored second = backend.read("web").orElseThrow();
        backend.archive("web", second.version(), second.bytes(), T0.plusSeconds(1));
        assertThat(text(backend.latestArchive("web").orElseThrow())).contains("two");
        assertThat(backend.latestArchive("we")).isEmpty();
    }

    @Test
    void lease_isTakenOnlyWhenNoneIsLive_orOverTheTokenRead_andRenewedAndReleasedOnlyByItsToken() {
        Instant now = Instant.now();
        Duration ttl = Duration.ofMinutes(5);
        Optional<Instant> first = backend.takeLease("web", "a", "token-a", ttl, now, Optional.empty());
        assertThat(first).isPresent();
        assertThat(backend.readLease("web").orElseThrow().owner()).isEqualTo("a");

        assertThat(backend.takeLease("web", "b", "token-b", ttl, now, Optional.empty())).as("while live").isEmpty();
        assertThat(backend.takeLease("web", "b", "token-b", ttl, now, Optional.of("wrong"))).as("wrong token").isEmpty();
        assertThat(backend.renewLease("web", "token-b", ttl, now)).as("renew by another").isEmpty();
        backend.releaseLease("web", "token-b");
        assertThat(backend.readLease("web").orElseThrow().token()).as("release by another").isEqualTo("token-a");

        assertThat(backend.renewLease("web", "token-a", Duration.ofMinutes(10), now)).isPresent();
        assertThat(backend.takeLease("web", "b", "token-b", ttl, now, Optional.of("token-a"))).as("takeover").isPresent();
        assertThat(backend.readLease("web").orElseThrow().owner()).isEqualTo("b");
        assertThat(backend.renewLease("web", "token-a", ttl, now)).as("the old holder").isEmpty();

        backend.releaseLease("web", "token-b");
        assertThat(backend.takeLease("web", "c", "token-c", ttl, now, Optional.empty())).as("after release").isPresent();
    }

    @Test
    void createAll_writesWhatIsFree_andReportsTakenNames() {
        backend.create(doc("taken", "old", 1));

        List<Boolean> written = backend.createAll(List.of(doc("fresh", "new", 4), doc("taken", "new", 4)));

        assertThat(written).containsExactly(true, false);
        assertThat(text(backend.read("fresh").orElseThrow())).contains("new");
        assertThat(text(backend.read("taken").orElseThrow())).contains("old");
    }
}
