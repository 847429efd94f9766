package io.tierstate.store.engine;

import io.tierstate.error.InvalidInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tierstate.error.CorruptStateException;
import io.tierstate.error.DeploymentExistsException;
import io.tierstate.error.DeploymentNotFoundException;
import io.tierstate.error.LeaseHeldException;
import io.tierstate.error.StateConflictException;
import io.tierstate.error.StateStoreException;
import io.tierstate.error.TierStateException;
import io.tierstate.internal.StateCodec;
import io.tierstate.migration.MigrationResult;
import io.tierstate.migration.SharedHomeForm;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.StackName;
import io.tierstate.port.MigrationOutcome;
import io.tierstate.port.StateBackup;
import io.tierstate.port.StateLease;
import io.tierstate.port.StateListing;
import io.tierstate.port.StateProblem;
import io.tierstate.port.StateStore;
import io.tierstate.store.spi.BackupRequest;
import io.tierstate.store.spi.Document;
import io.tierstate.store.spi.DocumentForm;
import io.tierstate.store.spi.Listed;
import io.tierstate.store.spi.Stored;
import io.tierstate.store.spi.StoreBackend;
import io.tierstate.store.spi.WriteResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link StateStore} over any {@link StoreBackend}: every rule of the port, once. Serials start at
 * 1 and grow by one per write ({@code Long.MAX_VALUE} is refused, not wrapped); {@code updated_at} is
 * set at microseconds; names are checked before the backend sees them; every write is conditional on
 * the version read, and {@code update(fn)} reads again and retries a conflict (within
 * {@link StoreBackend#exclusive} a locking backend has none, so {@code fn} runs once); the previous
 * document is backed up before every overwrite, labelled {@code schema-vN} when it was older than the
 * current schema, {@code deleted} before a delete and {@code pre-restore} before a restore, routine
 * ones pruned to {@link Settings#backupsKept()}; a restore writes {@code max(stored serial, backup's
 * serial) + 1}; leases carry a random token and are taken over only conditionally.
 *
 * <pre>{@code
 * StateStore store = VersionedStateStore.over(new MyDynamoDbBackend(table));
 * }</pre>
 *
 * <p>Listing decodes in parallel (a small pool, the caller included) and {@link #migrateAll} migrates
 * with bounded parallelism in batches, each deployment still under its own exclusion, each batch
 * durable before the call returns. Thread-safe when the backend is.
 */
public class VersionedStateStore implements StateStore {

    private static final Logger LOG = LoggerFactory.getLogger(VersionedStateStore.class);

    /** Below this many documents a listing or migration works one by one: threads would cost more than they save. */
    private static final int PARALLEL_FROM = 64;
    /** The most threads a listing or migration uses, the caller included. */
    private static final int MAX_THREADS = 4;
    /** Documents a thread claims at a time; one claim of a migration is one backend batch. */
    private static final int CHUNK = 32;
    private static final ThreadFactory THREADS = new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "tierstate-store-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    };

    private final StoreBackend backend;
    private final Settings settings;
    private final DocumentForm form;

    /**
     * Builds the engine over a backend; for the facades ({@code FileStateStore} ...) that add their own methods.
     *
     * @param backend where the bytes go
     * @param settings clock, retention, retries
     */
    protected VersionedStateStore(StoreBackend backend, Settings settings) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.form = backend.form();
    }

    /**
     * Opens a store over a backend with the defaults (system clock, ten routine backups, 50 attempts).
     *
     * @param backend the backend
     * @return the store; closing it closes the backend
     */
    public static VersionedStateStore over(StoreBackend backend) {
        return over(backend, Settings.defaults());
    }

    /**
     * Opens a store over a backend.
     *
     * @param backend the backend
     * @param settings the settings
     * @return the store; closing it closes the backend
     */
    public static VersionedStateStore over(StoreBackend backend, Settings settings) {
        return new VersionedStateStore(backend, settings);
    }

    /**
     * What the engine needs besides a backend.
     *
     * @param clock for {@code updated_at}, backup times and lease expiry judged by the client
     * @param backupsKept routine backups kept per deployment, at least 1 (default 10)
     * @param maxAttempts tries of {@code update(fn)} against conflicting writers, at least 1 (default 50)
     */
    public record Settings(Clock clock, int backupsKept, int maxAttempts) {

        /** The routine backups kept per deployment by default. */
        public static final int DEFAULT_BACKUPS_KEPT = 10;
        /** The tries of {@code update(fn)} by default. */
        public static final int DEFAULT_MAX_ATTEMPTS = 50;

        /** Checks the values. */
        public Settings {
            Objects.requireNonNull(clock, "clock");
            if (backupsKept < 1) {
                throw new InvalidInputException("backupsKept must be at least 1, was " + backupsKept);
            }
            if (maxAttempts < 1) {
                throw new InvalidInputException("maxAttempts must be at least 1, was " + maxAttempts);
            }
        }

        /** @return the system UTC clock, ten routine backups, 50 attempts */
        public static Settings defaults() {
            return new Settings(Clock.systemUTC(), DEFAULT_BACKUPS_KEPT, DEFAULT_MAX_ATTEMPTS);
        }
    }

    /** @return the backend this store writes through */
    protected final StoreBackend backend() {
        return backend;
    }

    @Override
    public String describe() {
        return backend.describe();
    }

    @Override
    public String toString() {
        return describe();
    }

    @Override
    public Optional<DeploymentState> find(String name) {
        StackName.validate(name);
        return backend.read(name).map(s -> decodeLive(name, s));
    }

    @Override
    public DeploymentState create(DeploymentState state) {
        String name = StackName.validate(state.stackName());
        Instant now = now();
        return createAs(state.withSerial(1).withCreatedAt(state.createdAt().orElse(now)).withUpdatedAt(now),
                () -> new DeploymentExistsException(name, backend.location()));
    }

    /** Writes the state as given, serial and timestamps included, unless the name is taken. */
    @Override
    public DeploymentState createCopy(DeploymentState state) {
        String name = StackName.validate(state.stackName());
        return createAs(state, () -> new DeploymentExistsException(name, backend.location()));
    }

    /**
     * Writes many copied states at once where the backend can (PostgreSQL: one transaction), each as
     * {@link #createCopy} would: a name already taken is left as it is and reported {@code false}.
     *
     * @param states states read from another store
     * @return for each state, in order, the state as stored, or empty when its name was taken
     */
    public List<Optional<DeploymentState>> createCopies(List<DeploymentState> states) {
        List<Document> documents = new ArrayList<>(states.size());
        List<DeploymentState> written = new ArrayList<>(states.size());
        for (DeploymentState s : states) {
            StackName.validate(s.stackName());
            Encoded e = encode(s);
            documents.add(e.document());
            written.add(e.readBack());
        }
        List<Boolean> created = backend.createAll(documents);
        List<Optional<DeploymentState>> result = new ArrayList<>(states.size());
        for (int i = 0; i < states.size(); i++) {
            boolean ok = created.get(i);
            if (ok) {
                DeploymentState w = written.get(i);
                form.afterWrite(w.stackName(), () -> w);
            }
            result.add(ok ? Optional.of(written.get(i)) : Optional.empty());
        }
        return result;
    }

    private DeploymentState createAs(DeploymentState state, java.util.function.Supplier<TierStateException> taken) {
        return backend.exclusive(state.stackName(), () -> createNow(state, taken));
    }

    private DeploymentState createNow(DeploymentState state, java.util.function.Supplier<TierStateException> taken) {
        Encoded e = encode(state);
        if (!backend.create(e.document())) {
            throw taken.get();
        }
        form.afterWrite(e.document().name(), e::readBack);
        LOG.debug("created state of {} (serial {})", state.stackName(), state.serial());
        return e.readBack();
    }

    @Override
    public DeploymentState save(DeploymentState state) {
        String name = StackName.validate(state.stackName());
        return backend.exclusive(name, () -> {
            Optional<Stored> current = backend.read(name);
            if (current.isEmpty()) {
                if (state.serial() != 0) {
                    throw new StateConflictException(name, String.valueOf(state.serial()), "none (it was deleted)");
                }
                Instant now = now();
                return createNow(state.withSerial(1).withCreatedAt(state.createdAt().orElse(now)).withUpdatedAt(now),
                        () -> new StateConflictException(name, "0", storedSerial(name) + " (created meanwhile)"));
            }
            DeploymentState stored = decodeLive(name, current.get());
            if (stored.serial() != state.serial()) {
                throw new StateConflictException(name, String.valueOf(state.serial()), String.valueOf(stored.serial()));
            }
            return replace(current.get(), stored, state.withSerial(Rules.nextSerial(name, current.get().source(), stored.serial()))
                    .withUpdatedAt(now()), true);
        });
    }

    @Override
    public DeploymentState update(String name, UnaryOperator<DeploymentState> change) {
        return update(name, change, true);
    }

    @Override
    public DeploymentState updateProgress(String name, UnaryOperator<DeploymentState> change) {
        return update(name, change, false);
    }

    private DeploymentState update(String name, UnaryOperator<DeploymentState> change, boolean routineBackup) {
        StackName.validate(name);
        Objects.requireNonNull(change, "change");
        return Rules.retryConflicts(settings.maxAttempts(), () -> backend.exclusive(name, () -> {
            Stored current = backend.read(name).orElseThrow(() -> notFound(name));
            DeploymentState stored = decodeLive(name, current);
            DeploymentState changed = Rules.checkChange(name, change.apply(stored));
            if (changed.equals(stored)) {
                return stored;
            }
            return replace(current, stored, changed.withSerial(Rules.nextSerial(name, current.source(), stored.serial()))
                    .withUpdatedAt(now()), routineBackup);
        }));
    }

    /** Backs up {@code current} as the rules say and writes {@code next} over it if it is still the version read. */
    private DeploymentState replace(Stored current, DeploymentState stored, DeploymentState next, boolean routineBackup) {
        Optional<String> label = Rules.overwriteLabel(current.bytes());
        Optional<BackupRequest> keep = label.isPresent() || routineBackup ? Optional.of(backup(current, label)) : Optional.empty();
        Encoded e = encode(next);
        if (!backend.replace(e.document(), current.version(), keep).written()) {
            throw new StateConflictException(next.stackName(), String.valueOf(stored.serial()), storedSerial(next.stackName()));
        }
        form.afterWrite(e.document().name(), e::readBack);
        return e.readBack();
    }

    @Override
    public Optional<StateBackup> keepBackup(String name, String label) {
        StackName.validate(name);
        Rules.checkLabel(label);
        return backend.exclusive(name, () -> {
            Stored current = backend.read(name).orElseThrow(() -> notFound(name));
            return Optional.of(backend.putBackup(name, backup(current, Optional.of(label))));
        });
    }

    @Override
    public Optional<DeploymentState> latestArchive(String name) {
        StackName.validate(name);
        return backend.latestArchive(name).map(s -> decode(name, s));
    }

    @Override
    public boolean delete(String name) {
        StackName.validate(name);
        return Rules.retryConflicts(settings.maxAttempts(), () -> backend.exclusive(name, () -> {
            Optional<Stored> current = backend.read(name);
            if (current.isEmpty()) {
                return false;
            }
            if (!backend.remove(name, current.get().version(), backup(current.get(), Optional.of("deleted"))).written()) {
                throw new StateConflictException(name, "the version read", storedSerial(name));
            }
            form.afterRemove(name);
            LOG.debug("deleted state of {} (backup kept)", name);
            return true;
        }));
    }

    @Override
    public String archive(String name) {
        StackName.validate(name);
        return Rules.retryConflicts(settings.maxAttempts(), () -> backend.exclusive(name, () -> {
            Stored current = backend.read(name).orElseThrow(() -> notFound(name));
            String where = backend.archive(name, current.version(), current.bytes(), now())
                    .orElseThrow(() -> new StateConflictException(name, "the version read", storedSerial(name)));
            form.afterRemove(name);
            LOG.debug("archived state of {} to {}", name, where);
            return where;
        }));
    }

    /**
     * Reads every deployment; one that cannot be read becomes a {@link StateProblem} and never hides
     * the others. Many are read and decoded by a small pool (at most {@value #MAX_THREADS} threads,
     * the caller one of them, never more than the processors); the result is in the backend's order.
     */
    @Override
    public StateListing list() {
        StateListing.Mapped<DeploymentState> all = list(s -> s);
        return new StateListing(all.values(), all.problems());
    }

    /**
     * Reads every deployment as {@link #list()} does, mapping each state on the thread that decoded
     * it, so only what the mapping keeps outlives its document.
     */
    @Override
    public <T> StateListing.Mapped<T> list(java.util.function.Function<? super DeploymentState, ? extends T> map) {
        java.util.Objects.requireNonNull(map, "map");
        List<Listed> entries = backend.list();
        Object[] read = new Object[entries.size()];
        parallel(entries.size(), i -> read[i] = kept(readListed(entries.get(i)), map), null);
        List<T> values = new ArrayList<>(entries.size());
        List<StateProblem> problems = new ArrayList<>();
        for (Object r : read) {
            if (r instanceof Kept<?> k) {
                @SuppressWarnings("unchecked")
                T value = (T) k.value();
                values.add(value);
            } else if (r instanceof StateProblem problem) {
                problems.add(problem);
            } else if (r instanceof RuntimeException e) {
                throw e; // as a one-by-one loop would: the first unexpected failure, in order
            } else if (r instanceof Error e) {
                throw e;
            }
        }
        return new StateListing.Mapped<>(values, problems);
    }

    /** What a mapping kept of one state (wrapped: a kept value may be of any type, a problem too). */
    private record Kept<T>(T value) {}

    /** @return the kept value, null when the mapping kept nothing, or what {@link #readListed} answered otherwise */
    private static Object kept(Object read, java.util.function.Function<? super DeploymentState, ?> map) {
        if (!(read instanceof DeploymentState state)) {
            return read;
        }
        try {
            Object value = map.apply(state);
            return value == null ? null : new Kept<>(value);
        } catch (RuntimeException | Error e) {
            return e;
        }
    }

    /** @return the state, a problem, null when it vanished, or the unexpected throwable */
    private Object readListed(Listed entry) {
        String name = entry.name();
        try {
            if (!StackName.isValid(name)) {
                throw new CorruptStateException(entry.source(), 0, 0,
                        "the " + backend.kind() + " name is not a valid stack name, so TierState cannot address it; rename the "
                        + backend.kind(), null);
            }
            return entry.read().map(s -> decodeLive(name, s)).orElse(null);
        } catch (TierStateException e) {
            return new StateProblem(name, entry.source(), e);
        } catch (RuntimeException | Error e) {
            return e;
        }
    }

    @Override
    public MigrationOutcome migrate(String name, boolean dryRun) {
        StackName.validate(name);
        return migrateOne(name, dryRun);
    }

    /**
     * Migrates every stored document: one that fails is reported and left untouched, and the rest are
     * still migrated. Names the backend lists are used as found, so a document whose name TierState
     * could not address is upgraded too. Many documents are migrated by a small pool in batches of
     * {@value #CHUNK}; each document is still written under its own exclusion, and every batch is
     * durable before this returns.
     */
    @Override
    public List<MigrationOutcome> migrateAll(boolean dryRun) {
        List<Listed> entries = backend.list();
        MigrationOutcome[] outcomes = new MigrationOutcome[entries.size()];
        parallel(entries.size(), i -> {
            Listed entry = entries.get(i);
            try {
                outcomes[i] = migrateOne(entry.name(), dryRun);
            } catch (TierStateException e) {
                outcomes[i] = MigrationOutcome.failed(entry.name(), entry.source(), e.getMessage());
            } catch (RuntimeException e) {
                // one document's unexpected failure is that document's problem: the rest are still migrated
                outcomes[i] = MigrationOutcome.failed(entry.name(), entry.source(), entry.source() + ": " + e);
            }
        }, dryRun ? null : backend);
        return List.of(outcomes);
    }

    private MigrationOutcome migrateOne(String name, boolean dryRun) {
        if (dryRun) {
            Stored current = backend.read(name).orElseThrow(() -> notFound(name));
            MigrationResult result = StateCodec.migrate(StateCodec.parseTree(current.bytes(), current.source()), current.source());
            StateCodec.fromTree(result.document(), current.source()); // would it map? then nothing is written when it would not
            return Rules.outcome(name, current.source(), result, true, Optional.empty());
        }
        return backend.exclusive(name, () -> {
            Stored current = backend.read(name).orElseThrow(() -> notFound(name));
            String source = current.source();
            ObjectNode tree = StateCodec.parseTree(current.bytes(), source); // the one parse of this document
            boolean sharedForm = SharedHomeForm.isSharedHomeForm(tree);
            MigrationResult result = StateCodec.migrate(tree, source);
            DeploymentState upgraded = StateCodec.fromTree(result.document(), source);
            if (!result.changed() && sharedForm == form.sharedHomeForm()) {
                return Rules.outcome(name, source, result, false, Optional.empty());
            }
            if (current.serial().isPresent()) {
                upgraded = upgraded.withSerial(current.serial().getAsLong());
            }
            if (StackName.isValid(name) && upgraded.stackName().equals(name)) {
                upgraded = form.afterRead(name, current.bytes(), upgraded);
            }
            DeploymentState next = upgraded.withSerial(Rules.nextSerial(name, source, upgraded.serial()));
            Encoded e = encode(next);
            WriteResult written = backend.replace(e.document(), current.version(),
                    Optional.of(backup(current, Optional.of("schema-v" + (sharedForm ? 2 : result.fromVersion())))));
            if (!written.written()) {
                throw new StateConflictException(name, String.valueOf(upgraded.serial()), storedSerial(name));
            }
            if (StackName.isValid(name)) {
                form.afterWrite(e.document().name(), e::readBack);
            }
            LOG.debug("migrated {} from schema v{} to v{}", source, result.fromVersion(), result.toVersion());
            return Rules.outcome(name, source, result, false, written.backup().map(StateBackup::location));
        });
    }

    @Override
    public List<StateBackup> backups(String name) {
        return backend.backups(StackName.validate(name));
    }

    @Override
    public DeploymentState restore(String name, StateBackup backup) {
        StackName.validate(name);
        Objects.requireNonNull(backup, "backup");
        Stored saved = backend.readBackup(name, backup);
        DeploymentState state = decode(name, saved);
        return Rules.retryConflicts(settings.maxAttempts(), () -> backend.exclusive(name, () -> {
            Optional<Stored> current = backend.read(name);
            if (current.isEmpty()) {
                DeploymentState stored = state.withSerial(state.serial() + 1).withUpdatedAt(now());
                Encoded e = encode(stored);
                if (!backend.create(e.document())) {
                    throw new StateConflictException(name, "none", storedSerial(name) + " (created meanwhile)");
                }
                form.afterWrite(e.document().name(), e::readBack);
                return e.readBack();
            }
            long serial = serialOf(current.get());
            DeploymentState stored = state.withSerial(Math.max(serial, state.serial()) + 1).withUpdatedAt(now());
            Encoded e = encode(stored);
            if (!backend.replace(e.document(), current.get().version(),
                    Optional.of(backup(current.get(), Optional.of("pre-restore")))).written()) {
                throw new StateConflictException(name, String.valueOf(serial), storedSerial(name));
            }
            form.afterWrite(e.document().name(), e::readBack);
            return e.readBack();
        }));
    }

    @Override
    public StateLease acquireLease(String name, String owner, Duration ttl) {
        return acquireLease(name, owner, ttl, holder -> false);
    }

    /**
     * Takes the lease when none is live; a live one only when {@code isDead} says its owner is gone,
     * and then only conditionally on the token read, so two takers cannot both win.
     */
    @Override
    public StateLease acquireLease(String name, String owner, Duration ttl, Predicate<String> isDead) {
        Rules.checkLease(name, owner, ttl);
        Objects.requireNonNull(isDead, "isDead");
        String token = UUID.randomUUID().toString();
        Optional<Instant> taken = backend.takeLease(name, owner, token, ttl, now(), Optional.empty());
        if (taken.isEmpty()) {
            Optional<io.tierstate.store.spi.LeaseRecord> held = backend.readLease(name);
            if (held.isPresent() && isDead.test(held.get().owner())) {
                taken = backend.takeLease(name, owner, token, ttl, now(), Optional.of(held.get().token()));
                taken.ifPresent(t -> LOG.debug("took over the lease of '{}' from {}, which is gone", name, held.get().owner()));
            }
            if (taken.isEmpty()) {
                throw held.filter(r -> !r.token().isEmpty())
                        .map(r -> new LeaseHeldException(name, r.owner(), r.expiresAt()))
                        .orElseGet(() -> Rules.held(backend, name, now()));
            }
        }
        LOG.debug("lease on {} taken by {} until {}", name, owner, taken.get());
        return new EngineLease(backend, this::now, name, owner, token, taken.get());
    }

    /** Closes the backend. */
    @Override
    public void close() {
        backend.close();
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * A state encoded for the backend, and the state as it reads back (what the codec keeps of it),
     * mapped from the tree only when asked for: a migration writes thousands and returns none.
     */
    private static final class Encoded {
        private final Document document;
        private final ObjectNode tree;
        private DeploymentState readBack;

        Encoded(Document document, ObjectNode tree) {
            this.document = document;
            this.tree = tree;
        }

        Document document() {
            return document;
        }

        DeploymentState readBack() {
            if (readBack == null) {
                readBack = StateCodec.fromTree(tree, "<written>");
            }
            return readBack;
        }
    }

    private Encoded encode(DeploymentState state) {
        ObjectNode tree = StateCodec.toTree(state);
        // fromV3 copies: the tree itself stays the v3 the state reads back as
        byte[] bytes = StateCodec.writeTree(form.sharedHomeForm() ? SharedHomeForm.fromV3(tree) : tree);
        return new Encoded(new Document(state.stackName(), bytes, state.serial(),
                state.updatedAt().orElseGet(this::now)), tree);
    }

    private BackupRequest backup(Stored current, Optional<String> label) {
        return new BackupRequest(current.bytes(), label, now(), settings.backupsKept());
    }

    /** Decodes a document (a backup, an archive) and checks that it is {@code name}'s. */
    private DeploymentState decode(String name, Stored stored) {
        byte[] bytes = stored.bytes();
        DeploymentState state = CurrentSchemaReader.read(bytes).orElseGet(() -> StateCodec.read(bytes, stored.source()));
        if (!state.stackName().equals(name)) {
            throw new CorruptStateException(stored.source(), 0, 0, "holds stack_name '" + state.stackName()
                    + "' but is stored as '" + name + "'; rename the " + backend.kind() + " to " + state.stackName()
                    + ", or correct stack_name", null);
        }
        if (stored.serial().isPresent() && stored.serial().getAsLong() != state.serial()) {
            state = state.withSerial(stored.serial().getAsLong());
        }
        return state;
    }

    /** Decodes a live document, completed by the backend's form. */
    private DeploymentState decodeLive(String name, Stored stored) {
        return form.afterRead(name, stored.bytes(), decode(name, stored));
    }

    private long serialOf(Stored stored) {
        if (stored.serial().isPresent()) {
            return stored.serial().getAsLong();
        }
        try {
            return StateCodec.parseTree(stored.bytes(), stored.source()).path("serial").asLong(0);
        } catch (TierStateException e) {
            return 0; // restoring over an unreadable document is what restore is for
        }
    }

    private String storedSerial(String name) {
        try {
            return backend.read(name).map(s -> String.valueOf(serialOf(s))).orElse("none (it was deleted)");
        } catch (TierStateException e) {
            return "unknown";
        }
    }

    private DeploymentNotFoundException notFound(String name) {
        return new DeploymentNotFoundException(name, backend.location());
    }

    /** Now, at the precision the state format keeps (microseconds), so what is returned is what is read back. */
    private Instant now() {
        return settings.clock().instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Runs {@code work} for 0..count-1, in parallel when there are many, chunk by chunk; with a
     * backend, each chunk is one {@link StoreBackend#inBatch} of the thread that runs it.
     */
    private void parallel(int count, java.util.function.IntConsumer work, StoreBackend batches) {
        int threads = Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors());
        IntFunction<Void> chunk = start -> {
            Runnable body = () -> {
                for (int i = start; i < Math.min(start + CHUNK, count); i++) {
                    work.accept(i);
                }
            };
            if (batches == null) {
                body.run();
            } else {
                batches.inBatch(() -> {
                    body.run();
                    return null;
                });
            }
            return null;
        };
        if (count < PARALLEL_FROM || threads < 2) {
            for (int start = 0; start < count; start += CHUNK) {
                chunk.apply(start);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable share = () -> {
            for (int start = next.getAndAdd(CHUNK); start < count; start = next.getAndAdd(CHUNK)) {
                chunk.apply(start);
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(threads - 1, THREADS);
        try {
            List<Future<?>> helpers = new ArrayList<>();
            for (int t = 1; t < threads; t++) {
                helpers.add(pool.submit(share));
            }
            share.run();
            for (Future<?> helper : helpers) {
                helper.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateStoreException("interrupted while working through " + backend.location() + "; run it again", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new StateStoreException("failed working through " + backend.location() + ": " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
