package io.tierstate.store;

import io.tierstate.error.InvalidInputException;
import io.tierstate.error.CorruptStateException;
import io.tierstate.error.DeploymentExistsException;
import io.tierstate.error.DeploymentNotFoundException;
import io.tierstate.error.LeaseHeldException;
import io.tierstate.error.StateConflictException;
import io.tierstate.error.StateLockException;
import io.tierstate.error.StateStoreException;
import io.tierstate.error.TierStateException;
import io.tierstate.internal.StateCodec;
import io.tierstate.internal.TokenLease;
import io.tierstate.internal.StoreSupport;
import io.tierstate.migration.MigrationResult;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.StackName;
import io.tierstate.port.MigrationOutcome;
import io.tierstate.port.StateBackup;
import io.tierstate.port.StateListing;
import io.tierstate.port.StateLease;
import io.tierstate.port.StateProblem;
import io.tierstate.port.StateStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default {@link StateStore}: one JSON file per deployment under a home directory,
 * in GeuseMaker's layout, so pointing it at {@code ~/.geusemaker} just works.
 *
 * <pre>
 * HOME/deployments/STACK.json                          the live state (0600)
 * HOME/backups/STACK/STACK[-LABEL]-yyyyMMddTHHmmssSSS.json.gz   earlier versions, gzip
 * HOME/archive/STACK-yyyyMMddTHHmmssSSS.json            the state of a completed destroy
 * HOME/locks/STACK.lock                                 the per-deployment lock file
 * </pre>
 *
 * <p>A home that has no {@code deployments/} directory but holds {@code *.json} files is taken to be
 * a deployments directory itself, so {@code --home ~/.geusemaker/deployments} works too.
 *
 * <p>Writes go to a temp file, are fsynced, renamed over the target and the directory is fsynced,
 * so a crash leaves the old document or the new one. Writers take the deployment's lock (a
 * {@link FileLock} on its lock file, shared by threads and processes) and bump {@code serial}.
 * Before every overwrite the old bytes are kept as a gzip backup; routine backups are pruned to the
 * newest {@link Builder#backupsKept(int) ten}; backups taken before a schema upgrade, a delete or a
 * restore are labelled and never pruned. Reading never writes, not even a directory.
 *
 * <pre>{@code
 * try (FileStateStore store = FileStateStore.open(Path.of(System.getProperty("user.home"), ".geusemaker"))) {
 *     List<String> names = store.list().states().stream().map(DeploymentState::stackName).toList();
 * }
 * }</pre>
 */
public final class FileStateStore implements StateStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileStateStore.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS");
    private static final String JSON = ".json";
    private static final String GZ = ".json.gz";

    /**
     * The in-JVM side of every lock file, shared by all stores in this JVM. A {@link FileLock} belongs
     * to the process, and on POSIX closing <em>any</em> channel of a file drops every lock the process
     * holds on it; so while one store holds a lock file, no other store in this JVM may even open it,
     * or another process could slip in. Keyed by the lock file's absolute path.
     */
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    /** Below this many files a listing reads them one by one: threads would cost more than they save. */
    private static final int PARALLEL_LIST_FROM = 64;
    /** The most threads a listing uses, the caller included. */
    private static final int MAX_LIST_THREADS = 4;
    /** Files a listing thread claims at a time. */
    private static final int LIST_CHUNK = 32;
    private static final ThreadFactory LIST_THREAD_FACTORY = new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "tierstate-list-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    };

    private final Path home;
    private final Path deployments;
    private final Path backups;
    private final Path archive;
    private final Path locks;
    private final Clock clock;
    private final Duration lockTimeout;
    private final int backupsKept;
    /** Whether this home is shared with GeuseMaker (see {@link GeuseMakerCompat}). */
    private final boolean shared;
    /** Where TierState keeps what GeuseMaker must never see or rewrite: its backups and its last-written copies. */
    private final Path side;

    private FileStateStore(Builder b) {
        this.home = b.home.toAbsolutePath().normalize();
        this.deployments = isFlat(home) ? home : home.resolve("deployments");
        this.backups = home.resolve("backups");
        this.archive = home.resolve("archive");
        this.locks = home.resolve("locks");
        this.clock = b.clock;
        this.lockTimeout = b.lockTimeout;
        this.backupsKept = b.backupsKept;
        this.shared = b.compat == GeuseMakerCompat.ON || (b.compat == GeuseMakerCompat.AUTO && isGeuseMakerHome(home));
        this.side = home.resolve("tierstate");
    }

    /**
     * Tells whether a directory looks like a GeuseMaker home: it is named {@code .geusemaker}, or it
     * has GeuseMaker's {@code config/} and {@code cache/} directories, or its {@code deployments/}
     * holds GeuseMaker's lock files ({@code *.json.lock}) or its {@code backups/} GeuseMaker's backup
     * names. A flat deployments directory is judged by its parent.
     *
     * @param home a home directory (need not exist)
     * @return whether a store opened there with {@link GeuseMakerCompat#AUTO} shares it with GeuseMaker
     */
    public static boolean isGeuseMakerHome(Path home) {
        Path h = home.toAbsolutePath().normalize();
        if (isFlat(h) && h.getParent() != null && h.getFileName().toString().equals("deployments")) {
            h = h.getParent();
        }
        if (h.getFileName() != null && h.getFileName().toString().equals(".geusemaker")) {
            return true;
        }
        if (Files.isDirectory(h.resolve("config")) && Files.isDirectory(h.resolve("cache"))) {
            return true;
        }
        try (var locksFound = Files.newDirectoryStream(h.resolve("deployments"), "*.json.lock")) {
            if (locksFound.iterator().hasNext()) {
                return true;
            }
        } catch (IOException e) {
            // no deployments directory: look at the backups
        }
        try (var stacks = Files.newDirectoryStream(h.resolve("backups"), Files::isDirectory)) {
            for (Path stack : stacks) {
                try (var gm = Files.newDirectoryStream(stack, "*Z.json.gz")) {
                    if (gm.iterator().hasNext()) {
                        return true;
                    }
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** @return whether this store shares its home with GeuseMaker (compatibility mode) */
    public boolean sharesHomeWithGeuseMaker() {
        return shared;
    }

    /**
     * A home without a {@code deployments/} directory but with state files in it (JSON naming a
     * {@code stack_name}) is a deployments directory itself (someone pointed at {@code ~/.geusemaker/deployments}, or at a folder of
     * copied state files): it is used as is, backups and archive still going under it.
     */
    private static boolean isFlat(Path home) {
        if (Files.isDirectory(home.resolve("deployments")) || !Files.isDirectory(home)) {
            return false;
        }
        try (var entries = Files.newDirectoryStream(home, p -> p.getFileName().toString().endsWith(JSON)
                && !p.getFileName().toString().startsWith(".") && Files.isRegularFile(p))) {
            for (Path candidate : entries) {
                if (looksLikeState(candidate)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** A state document names its stack near the top; TierState's own files (sim-cloud.json) do not. */
    private static boolean looksLikeState(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(64 * 1024), java.nio.charset.StandardCharsets.UTF_8);
            return head.contains("\"stack_name\"");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Opens the store rooted at a home directory with the defaults (lock timeout 30 s, ten routine
     * backups kept). Nothing is created until the first write.
     *
     * @param home e.g. {@code ~/.tierstate} or a GeuseMaker home such as {@code ~/.geusemaker}
     * @return the store
     */
    public static FileStateStore open(Path home) {
        return builder().home(home).build();
    }

    /** @return a builder to change the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the home directory */
    public Path home() {
        return home;
    }

    /**
     * The file of one deployment's live state (whether or not it exists).
     *
     * @param name the stack name, validated first
     * @return {@code HOME/deployments/NAME.json}
     */
    public Path file(String name) {
        return deployments.resolve(StackName.validate(name) + JSON);
    }

    /** @return the directory holding the live {@code NAME.json} files */
    public Path deploymentsDirectory() {
        return deployments;
    }

    @Override
    public String describe() {
        return "file store at " + home + (deployments.equals(home) ? " (state files directly in it)" : "")
                + (shared ? " (shared with GeuseMaker)" : "");
    }

    @Override
    public Optional<DeploymentState> find(String name) {
        Path file = file(name);
        Optional<byte[]> bytes = readIfExists(file);
        return bytes.map(b -> decode(name, b, file));
    }

    @Override
    public DeploymentState create(DeploymentState state) {
        String name = state.stackName();
        Path file = file(name);
        return locked(name, () -> {
            if (Files.exists(file)) {
                throw new DeploymentExistsException(name, deployments.toString());
            }
            Instant now = now();
            DeploymentState stored = state.withSerial(1)
                    .withCreatedAt(state.createdAt().orElse(now))
                    .withUpdatedAt(now);
            return writeLive(file, stored);
        });
    }

    /** Writes the state as given, serial and timestamps included, unless the name is taken. */
    @Override
    public DeploymentState createCopy(DeploymentState state) {
        String name = state.stackName();
        Path file = file(name);
        return locked(name, () -> {
            if (Files.exists(file)) {
                throw new DeploymentExistsException(name, deployments.toString());
            }
            return writeLive(file, state);
        });
    }

    @Override
    public DeploymentState save(DeploymentState state) {
        String name = state.stackName();
        Path file = file(name);
        return locked(name, () -> {
            Optional<byte[]> current = readIfExists(file);
            if (current.isEmpty()) {
                if (state.serial() != 0) {
                    throw new StateConflictException(name, String.valueOf(state.serial()), "none (it was deleted)");
                }
                Instant now = now();
                DeploymentState stored = state.withSerial(1).withCreatedAt(state.createdAt().orElse(now)).withUpdatedAt(now);
                return writeLive(file, stored);
            }
            DeploymentState stored = decode(name, current.get(), file);
            if (stored.serial() != state.serial()) {
                throw new StateConflictException(name, String.valueOf(state.serial()), String.valueOf(stored.serial()));
            }
            return replace(file, current.get(), state.withSerial(StoreSupport.nextSerial(name, file.toString(), stored.serial())).withUpdatedAt(now()));
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

    @Override
    public Optional<StateBackup> keepBackup(String name, String label) {
        StoreSupport.checkLabel(label);
        Path file = file(name);
        return locked(name, () -> {
            byte[] current = readIfExists(file).orElseThrow(() -> new DeploymentNotFoundException(name, deployments.toString()));
            Path kept = backup(name, current, label);
            return StoreSupport.parseBackupFileName(name, kept.getFileName().toString(), kept.toString());
        });
    }

    @Override
    public Optional<DeploymentState> latestArchive(String name) {
        StackName.validate(name);
        if (!Files.isDirectory(archive)) {
            return Optional.empty();
        }
        Path newest = null;
        try (var files = Files.list(archive)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String n = f.getFileName().toString();
                if (StoreSupport.isArchiveOf(name, n) && (newest == null || StoreSupport.archiveOrderKey(name, n)
                        .compareTo(StoreSupport.archiveOrderKey(name, newest.getFileName().toString())) > 0)) {
                    newest = f;
                }
            }
        } catch (IOException e) {
            throw new StateStoreException("cannot list the archive " + archive + ": " + e.getMessage(), e);
        }
        if (newest == null) {
            return Optional.empty();
        }
        Path found = newest;
        return readIfExists(found).map(b -> decode(name, b, found));
    }

    private DeploymentState update(String name, UnaryOperator<DeploymentState> change, boolean routineBackup) {
        Objects.requireNonNull(change, "change");
        Path file = file(name);
        return locked(name, () -> {
            byte[] current = readIfExists(file).orElseThrow(() -> new DeploymentNotFoundException(name, deployments.toString()));
            DeploymentState stored = decode(name, current, file);
            DeploymentState changed = StoreSupport.checkChange(name, change.apply(stored));
            if (changed.equals(stored)) {
                return stored;
            }
            return replace(file, current, changed.withSerial(StoreSupport.nextSerial(name, file.toString(), stored.serial()))
                    .withUpdatedAt(now()), routineBackup);
        });
    }

    @Override
    public boolean delete(String name) {
        Path file = file(name);
        return locked(name, () -> {
            Optional<byte[]> current = readIfExists(file);
            if (current.isEmpty()) {
                return false;
            }
            backup(name, current.get(), "deleted");
            io(() -> AtomicFiles.delete(file), "delete " + file);
            if (shared) {
                dropSideCopy(name);
            }
            LOG.debug("deleted state of {} (backup kept)", name);
            return true;
        });
    }

    @Override
    public String archive(String name) {
        Path file = file(name);
        return locked(name, () -> {
            byte[] current = readIfExists(file).orElseThrow(() -> new DeploymentNotFoundException(name, deployments.toString()));
            Path target = uniqueStamped(archive, name + "-", JSON);
            io(() -> {
                AtomicFiles.writeNew(target, current);
                AtomicFiles.delete(file);
                return null;
            }, "archive " + file);
            if (shared) {
                dropSideCopy(name);
            }
            LOG.debug("archived state of {} to {}", name, target);
            return target.toString();
        });
    }

    /**
     * Reads every deployment file; one that cannot be read becomes a {@link StateProblem} and never
     * hides the others. A large home is read by a small pool (at most {@value #MAX_LIST_THREADS}
     * threads, the caller being one of them, never more than the processors), each file still read
     * and decoded exactly as {@link #find} does; the result is the same, in file-name order.
     */
    @Override
    public StateListing list() {
        List<Path> files = deploymentFiles();
        Object[] read = new Object[files.size()];
        readAll(files, read);
        List<DeploymentState> states = new ArrayList<>(files.size());
        List<StateProblem> problems = new ArrayList<>();
        for (Object r : read) {
            if (r instanceof DeploymentState state) {
                states.add(state);
            } else if (r instanceof StateProblem problem) {
                problems.add(problem);
            } else if (r instanceof RuntimeException e) {
                throw e; // as the one-by-one loop would: the first unexpected failure, in file order
            } else if (r instanceof Error e) {
                throw e;
            }
        }
        return new StateListing(states, problems);
    }

    /** @return the state, a problem, null when the file vanished, or the unexpected throwable */
    private Object readListed(Path file) {
        String name = stem(file);
        try {
            if (!StackName.isValid(name)) {
                throw new CorruptStateException(file.toString(), 0, 0,
                        "the file name is not a valid stack name, so TierState cannot address it; rename the file", null);
            }
            return readIfExists(file).map(b -> decode(name, b, file)).orElse(null);
        } catch (TierStateException e) {
            return new StateProblem(name, file.toString(), e);
        } catch (RuntimeException | Error e) {
            return e;
        }
    }

    private void readAll(List<Path> files, Object[] into) {
        int threads = Math.min(MAX_LIST_THREADS, Runtime.getRuntime().availableProcessors());
        if (files.size() < PARALLEL_LIST_FROM || threads < 2) {
            for (int i = 0; i < into.length; i++) {
                into[i] = readListed(files.get(i));
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable share = () -> {
            for (int start = next.getAndAdd(LIST_CHUNK); start < into.length; start = next.getAndAdd(LIST_CHUNK)) {
                for (int i = start; i < Math.min(start + LIST_CHUNK, into.length); i++) {
                    into[i] = readListed(files.get(i));
                }
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(threads - 1, LIST_THREAD_FACTORY);
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
            throw new StateStoreException("interrupted while listing " + deployments + "; list again", e);
        } catch (ExecutionException e) {
            // readListed catches everything per file, so this is a failure of the pool itself
            throw new StateStoreException("cannot list " + deployments + ": " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public MigrationOutcome migrate(String name, boolean dryRun) {
        Path file = file(name);
        if (!Files.exists(file)) {
            throw new DeploymentNotFoundException(name, deployments.toString());
        }
        return migrateFile(file, dryRun);
    }

    /**
     * Migrates every {@code *.json} file in the deployments directory, file by file: a file that
     * fails is reported and left untouched, and the rest are still migrated. Unlike the other
     * operations this works on any file, even one whose name or {@code stack_name} would not let
     * TierState address it, since upgrading the format does not depend on the name.
     */
    @Override
    public List<MigrationOutcome> migrateAll(boolean dryRun) {
        List<MigrationOutcome> outcomes = new ArrayList<>();
        for (Path file : deploymentFiles()) {
            try {
                outcomes.add(migrateFile(file, dryRun));
            } catch (TierStateException e) {
                outcomes.add(MigrationOutcome.failed(stem(file), file.toString(), e.getMessage()));
            } catch (RuntimeException e) {
                // one file's unexpected failure is that file's problem: the files after it are still migrated
                outcomes.add(MigrationOutcome.failed(stem(file), file.toString(), file + ": " + e));
            }
        }
        return outcomes;
    }

    private MigrationOutcome migrateFile(Path file, boolean dryRun) {
        String key = stem(file);
        if (dryRun) {
            byte[] current = readIfExists(file).orElseThrow(() -> new DeploymentNotFoundException(key, deployments.toString()));
            return StoreSupport.outcome(key, file.toString(), StoreSupport.migrated(current, file.toString()), true, Optional.empty());
        }
        return locked(key, () -> {
            byte[] current = readIfExists(file).orElseThrow(() -> new DeploymentNotFoundException(key, deployments.toString()));
            MigrationResult result = StoreSupport.migrated(current, file.toString());
            boolean inSharedForm = io.tierstate.migration.SharedHomeForm.isSharedHomeForm(StateCodec.parseTree(current, file.toString()));
            if (!result.changed() && inSharedForm == shared) {
                return StoreSupport.outcome(key, file.toString(), result, false, Optional.empty());
            }
            DeploymentState upgraded = StateCodec.fromTree(result.document(), file.toString());
            if (shared && StackName.isValid(key) && upgraded.stackName().equals(key)) {
                upgraded = reconcile(key, current, upgraded, file);
            }
            Path kept = backup(key, current, "schema-v" + (inSharedForm ? 2 : result.fromVersion()));
            DeploymentState next = upgraded.withSerial(StoreSupport.nextSerial(key, file.toString(), upgraded.serial()));
            byte[] bytes = StateCodec.writeTree(encode(next));
            io(() -> {
                AtomicFiles.removeStaleTemps(file);
                AtomicFiles.write(file, bytes);
                return null;
            }, "write " + file);
            if (shared && StackName.isValid(key)) {
                keepSideCopy(key, next);
            }
            LOG.debug("migrated {} from schema v{} to v{}", file, result.fromVersion(), result.toVersion());
            return StoreSupport.outcome(key, file.toString(), result, false, Optional.of(kept.toString()));
        });
    }

    /** @return the names of every stored deployment file, valid or not, sorted */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (Path file : deploymentFiles()) {
            names.add(stem(file));
        }
        return names;
    }

    /**
     * Lists the backups of a deployment, newest first: TierState's own (labelled or routine) and
     * GeuseMaker's ({@code backups/NAME/NAME[-LABEL]-yyyyMMddTHHmmssffffffZ.json.gz},
     * {@link StateBackup#isGeuseMakers()}), which TierState lists and restores but never prunes.
     */
    @Override
    public List<StateBackup> backups(String name) {
        Path own = ownBackups(StackName.validate(name));
        Path geuseMakers = backups.resolve(name);
        List<StateBackup> found = new ArrayList<>();
        scanBackups(own, p -> StoreSupport.parseBackupFileName(name, p.getFileName().toString(), p.toString()), found);
        scanBackups(geuseMakers, p -> StoreSupport.parseGeuseMakerBackupFileName(name, p.getFileName().toString(), p.toString()), found);
        found.sort(Comparator.comparing(StateBackup::takenAt).reversed().thenComparing(StoreSupport.newestFirst()));
        return found;
    }

    private static void scanBackups(Path dir, java.util.function.Function<Path, Optional<StateBackup>> parse, List<StateBackup> into) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var entries = Files.newDirectoryStream(dir, p -> p.getFileName().toString().endsWith(GZ))) {
            for (Path p : entries) {
                parse.apply(p).ifPresent(into::add);
            }
        } catch (IOException e) {
            throw new StateStoreException("cannot list backups in " + dir + ": " + e.getMessage()
                    + "; check that the directory is readable", e);
        }
    }

    /** TierState's own backups of a deployment: beside GeuseMaker's in a home of its own, under {@code tierstate/} in a shared one. */
    private Path ownBackups(String name) {
        return (shared ? side.resolve("backups") : backups).resolve(name);
    }

    @Override
    public DeploymentState restore(String name, StateBackup backup) {
        Path file = file(name);
        Path source = Path.of(backup.location()).toAbsolutePath().normalize();
        if (!(source.startsWith(backups.resolve(name)) || source.startsWith(ownBackups(name))) || !Files.isRegularFile(source)) {
            throw new IllegalArgumentException("backup " + backup.location() + " is not a backup of '" + name
                    + "' in " + backups.resolve(name) + (shared ? " or " + ownBackups(name) : "")
                    + "; pick one from backups(\"" + name + "\")");
        }
        return locked(name, () -> {
            byte[] restored = StoreSupport.gunzip(io(() -> Files.readAllBytes(source), "read backup " + source), source.toString());
            DeploymentState state = decode(name, restored, source);
            Optional<byte[]> current = readIfExists(file);
            long serial = 0;
            if (current.isPresent()) {
                backup(name, current.get(), "pre-restore");
                serial = decodeSerial(current.get());
            }
            DeploymentState stored = state.withSerial(Math.max(serial, state.serial()) + 1).withUpdatedAt(now());
            return writeLive(file, stored);
        });
    }

    /**
     * Takes the lease through a small JSON file, {@code locks/NAME.lease}, written atomically under
     * the deployment's lock: {@code {"owner", "token", "expires_at"}}.
     */
    @Override
    public StateLease acquireLease(String name, String owner, Duration ttl) {
        return acquireLease(name, owner, ttl, holder -> false);
    }

    @Override
    public StateLease acquireLease(String name, String owner, Duration ttl, java.util.function.Predicate<String> isDead) {
        StoreSupport.checkLease(name, owner, ttl);
        String token = java.util.UUID.randomUUID().toString();
        Path leaseFile = locks.resolve(name + ".lease");
        Instant expires = locked(name, () -> {
            Optional<LeaseRecord> held = readLease(leaseFile);
            if (held.isPresent() && held.get().expiresAt().isAfter(now()) && !isDead.test(held.get().owner())) {
                throw new LeaseHeldException(name, held.get().owner(), held.get().expiresAt());
            }
            if (held.isPresent() && held.get().expiresAt().isAfter(now())) {
                LOG.debug("taking over the lease of '{}' from {}, which is gone", name, held.get().owner());
            }
            return writeLease(leaseFile, owner, token, now().plus(ttl));
        });
        return new FileLease(name, owner, token, leaseFile, expires);
    }

    private record LeaseRecord(String owner, String token, Instant expiresAt) {}

    private Optional<LeaseRecord> readLease(Path leaseFile) throws IOException {
        if (!Files.exists(leaseFile)) {
            return Optional.empty();
        }
        try {
            var tree = StateCodec.mapper().readTree(Files.readAllBytes(leaseFile));
            return Optional.of(new LeaseRecord(tree.path("owner").asText("unknown"), tree.path("token").asText(""),
                    io.tierstate.internal.Timestamps.parse(tree.path("expires_at").asText())));
        } catch (IOException | IllegalArgumentException | InvalidInputException e) {
            // an unreadable lease file protects nothing: treat it as expired
            return Optional.empty();
        }
    }

    private Instant writeLease(Path leaseFile, String owner, String token, Instant expires) throws IOException {
        var tree = StateCodec.mapper().createObjectNode()
                .put("owner", owner).put("token", token)
                .put("expires_at", io.tierstate.internal.Timestamps.format(expires));
        AtomicFiles.write(leaseFile, StateCodec.writeTree(tree));
        return expires;
    }

    private final class FileLease extends TokenLease {
        private final Path file;

        FileLease(String name, String owner, String token, Path file, Instant expiresAt) {
            super(name, owner, token, expiresAt);
            this.file = file;
        }

        @Override
        protected Instant extend(Duration ttl) {
            return locked(name(), () -> {
                Optional<LeaseRecord> held = readLease(file);
                if (isReleased() || held.isEmpty() || !held.get().token().equals(token())) {
                    LeaseRecord other = held.orElse(new LeaseRecord("nobody (it lapsed)", "", now()));
                    throw new LeaseHeldException(name(), other.owner(), other.expiresAt());
                }
                return writeLease(file, owner(), token(), now().plus(ttl));
            });
        }

        @Override
        protected void release() {
            locked(name(), () -> {
                Optional<LeaseRecord> held = readLease(file);
                if (held.isPresent() && held.get().token().equals(token())) {
                    AtomicFiles.delete(file);
                }
                return null;
            });
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** Now, at the precision the file format keeps (microseconds), so what is returned is what is read back. */
    private Instant now() {
        return StoreSupport.now(clock);
    }

    private static String stem(Path file) {
        String f = file.getFileName().toString();
        return f.substring(0, f.length() - JSON.length());
    }

    private DeploymentState replace(Path file, byte[] current, DeploymentState next) {
        return replace(file, current, next, true);
    }

    private DeploymentState replace(Path file, byte[] current, DeploymentState next, boolean routineBackup) {
        String name = next.stackName();
        String label = StoreSupport.overwriteLabel(current);
        if (label != null || routineBackup) {
            backup(name, current, label);
        }
        return writeLive(file, next);
    }

    /** Writes the live file; returns the state as it will be read back (timestamps at microseconds). */
    private DeploymentState writeLive(Path file, DeploymentState state) {
        var tree = StateCodec.toTree(state);
        byte[] bytes = StateCodec.writeTree(shared ? io.tierstate.migration.SharedHomeForm.fromV3(tree) : tree);
        io(() -> {
            AtomicFiles.removeStaleTemps(file);
            AtomicFiles.write(file, bytes);
            return null;
        }, "write " + file);
        DeploymentState written = StateCodec.fromTree(tree, file.toString());
        if (shared) {
            keepSideCopy(state.stackName(), written);
        }
        return written;
    }

    /** The document to write: v3, or in a shared home the shared-home form GeuseMaker loads as its v2. */
    private com.fasterxml.jackson.databind.node.ObjectNode encode(DeploymentState state) {
        var tree = StateCodec.toTree(state);
        return shared ? io.tierstate.migration.SharedHomeForm.fromV3(tree) : tree;
    }

    /** {@code HOME/tierstate/state/NAME.json}: what TierState last wrote, v3, journal included; GeuseMaker never writes there. */
    private Path sideCopy(String name) {
        return side.resolve("state").resolve(name + JSON);
    }

    private void keepSideCopy(String name, DeploymentState written) {
        Path copy = sideCopy(name);
        io(() -> {
            AtomicFiles.ensureDirectory(side);
            AtomicFiles.ensureDirectory(copy.getParent());
            AtomicFiles.removeStaleTemps(copy);
            AtomicFiles.write(copy, StateCodec.write(written));
            return null;
        }, "keep a copy of " + name + " in " + copy.getParent());
    }

    private void dropSideCopy(String name) {
        io(() -> Files.deleteIfExists(sideCopy(name)), "remove " + sideCopy(name));
    }

    /**
     * In a shared home, a live file without the shared-home marker that TierState has a copy of was
     * rewritten by GeuseMaker since TierState's last write, and GeuseMaker's models drop every field
     * they do not know. This puts back what was dropped from the copy: the destroy journal and the
     * serial always, the CloudFront details while the file still names the same distribution, the
     * GPU details while it names the same instance; and says so in {@link DeploymentState#notes()}.
     */
    private DeploymentState reconcile(String name, byte[] liveBytes, DeploymentState live, Path file) {
        Path copy = sideCopy(name);
        if (!Files.isRegularFile(copy)) {
            return live;
        }
        var liveTree = StateCodec.parseTree(liveBytes, file.toString());
        if (io.tierstate.migration.SharedHomeForm.isSharedHomeForm(liveTree)) {
            return live;
        }
        DeploymentState kept;
        try {
            kept = StateCodec.read(io(() -> Files.readAllBytes(copy), "read " + copy), copy.toString());
        } catch (TierStateException e) {
            LOG.warn("cannot read TierState's copy {} ({}); reading {} as GeuseMaker left it", copy, e.getMessage(), file);
            return live;
        }
        var tree = StateCodec.toTree(live);
        var keptTree = StateCodec.toTree(kept);
        List<String> restored = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        boolean sameDistribution = kept.cloudFrontDistributionId().equals(live.cloudFrontDistributionId());
        boolean sameInstance = kept.instanceId().equals(live.instanceId());
        for (String field : io.tierstate.migration.V3ToV2Downgrader.V3_ONLY_FIELDS) {
            if (field.equals("serial") || !keptTree.has(field) || (tree.has(field) && !field.equals("gpu_enabled"))) {
                continue;
            }
            if (field.equals("gpu_enabled") && tree.path(field).equals(keptTree.get(field))) {
                continue;
            }
            boolean allowed = field.equals("destroy_progress")
                    || (field.startsWith("cloudfront_") && sameDistribution)
                    || (field.startsWith("gpu_") && sameInstance);
            if (allowed) {
                tree.set(field, keptTree.get(field));
                restored.add(field);
            } else {
                dropped.add(field);
            }
        }
        tree.put("serial", Math.max(kept.serial(), live.serial()));
        if (restored.isEmpty() && dropped.isEmpty()) {
            return StateCodec.fromTree(tree, file.toString());
        }
        String note = "GeuseMaker rewrote " + file + " after TierState's last write (serial " + kept.serial()
                + ") and dropped the fields it does not model"
                + (restored.isEmpty() ? "" : "; restored from " + copy + ": " + String.join(", ", restored))
                + (dropped.isEmpty() ? "" : "; not restored because the file now names another "
                        + (sameDistribution ? "instance" : sameInstance ? "distribution" : "distribution and instance")
                        + ": " + String.join(", ", dropped) + " (run inspect --refresh to read them again)");
        LOG.warn(note);
        DeploymentState merged = StateCodec.fromTree(tree, file.toString());
        List<String> notes = new ArrayList<>(merged.notes());
        notes.add(note);
        return merged.withNotes(notes);
    }

    private Path backup(String name, byte[] original, String label) {
        Path dir = ownBackups(name);
        String prefix = name + "-" + (label == null ? "" : label + "-");
        return io(() -> {
            AtomicFiles.ensureDirectory(dir);
            AtomicFiles.removeStaleTemps(dir, name + "-"); // left by a writer killed mid-backup; we hold the lock
            Path target = uniqueStamped(dir, prefix, GZ);
            AtomicFiles.writeNew(target, StoreSupport.gzip(original));
            if (label == null) {
                pruneRoutineBackups(name);
            }
            return target;
        }, "back up " + name + " to " + dir);
    }

    private void pruneRoutineBackups(String name) {
        // only TierState's own routine backups: one GeuseMaker wrote is never TierState's to delete
        List<StateBackup> routine = backups(name).stream()
                .filter(b -> !b.isGeuseMakers() && b.label().isEmpty() && Path.of(b.location()).startsWith(ownBackups(name)))
                .toList();
        for (int i = backupsKept; i < routine.size(); i++) {
            Path old = Path.of(routine.get(i).location());
            io(() -> Files.deleteIfExists(old), "prune backup " + old);
        }
    }

    private Path uniqueStamped(Path dir, String prefix, String suffix) throws IOException {
        AtomicFiles.ensureDirectory(dir);
        String stamp = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            String previous = stamp;
            stamp = STAMP.format(LocalDateTime.ofInstant(now(), ZoneOffset.UTC));
            if (stamp.equals(previous)) {
                break; // the clock did not move in a millisecond: a fixed test clock, so waiting will not help
            }
            if (highestCounter(dir, prefix + stamp, suffix) < 0) {
                return dir.resolve(prefix + stamp + suffix);
            }
            sleepQuietly(1);
        }
        // Disambiguate with a counter above every one used with this stamp, never reusing the name of a
        // pruned backup (it would sort as older than the rest and be pruned at once). Four digits from
        // 1001 keep the names in time order when sorted as text.
        return dir.resolve(prefix + stamp + "-" + Math.max(1001, highestCounter(dir, prefix + stamp, suffix) + 1) + suffix);
    }

    /** @return the highest counter used after {@code base}: 0 for the plain name, -1 when the stamp is unused */
    private static int highestCounter(Path dir, String base, String suffix) throws IOException {
        int highest = Files.exists(dir.resolve(base + suffix)) ? 0 : -1;
        try (var entries = Files.newDirectoryStream(dir, base + "-*" + suffix)) {
            for (Path p : entries) {
                String f = p.getFileName().toString();
                String counter = f.substring(base.length() + 1, f.length() - suffix.length());
                if (counter.matches("[0-9]{1,9}")) {
                    highest = Math.max(highest, Integer.parseInt(counter));
                }
            }
        }
        return highest;
    }

    private List<Path> deploymentFiles() {
        if (!Files.isDirectory(deployments)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (var entries = Files.newDirectoryStream(deployments, p -> {
            String f = p.getFileName().toString();
            return f.endsWith(JSON) && !f.startsWith(".") && Files.isRegularFile(p);
        })) {
            entries.forEach(files::add);
        } catch (IOException e) {
            throw new StateStoreException("cannot list " + deployments + ": " + e.getMessage()
                    + "; check that the directory is readable", e);
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return files;
    }

    private DeploymentState decode(String name, byte[] bytes, Path file) {
        DeploymentState state = CurrentSchemaReader.read(bytes).orElseGet(() -> StateCodec.read(bytes, file.toString()));
        checkName(name, state, file);
        return shared && deployments.equals(file.getParent()) ? reconcile(name, bytes, state, file) : state;
    }

    private static void checkName(String name, DeploymentState state, Path file) {
        if (!state.stackName().equals(name)) {
            throw new CorruptStateException(file.toString(), 0, 0, "holds stack_name '" + state.stackName()
                    + "' but is the file of '" + name + "'; rename the file to " + state.stackName() + JSON
                    + " or correct stack_name", null);
        }
    }

    private static long decodeSerial(byte[] bytes) {
        try {
            return StateCodec.parseTree(bytes, "<current>").path("serial").asLong(0);
        } catch (TierStateException e) {
            return 0;
        }
    }

    private Optional<byte[]> readIfExists(Path file) {
        try {
            java.nio.file.attribute.BasicFileAttributes attrs = Files.readAttributes(file,
                    java.nio.file.attribute.BasicFileAttributes.class);
            if (!attrs.isRegularFile()) {
                // opening a FIFO would block until a writer appears, and a device may never end
                throw new CorruptStateException(file.toString(), 0, 0, "is not a regular file (it is "
                        + (attrs.isDirectory() ? "a directory" : "a FIFO, socket or device")
                        + "), so it is not read as state; remove it or replace it with the state file", null);
            }
            long size = attrs.size();
            if (size > StateCodec.MAX_DOCUMENT_BYTES) {
                throw new CorruptStateException(file.toString(), 0, 0, "is " + size + " bytes; state documents over "
                        + StateCodec.MAX_DOCUMENT_BYTES + " bytes are refused (a real one is a few kilobytes)", null);
            }
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (java.nio.file.AccessDeniedException e) {
            throw new StateStoreException("cannot read " + file + ": permission denied"
                    + "; check the file's permissions (TierState writes 0600 files owned by you)", e);
        } catch (IOException e) {
            throw new StateStoreException("cannot read " + file + ": " + e.getMessage()
                    + "; check the file's permissions (TierState writes 0600 files owned by you)", e);
        }
    }

    private <T> T locked(String name, IoAction<T> body) {
        Path lockFile = locks.resolve(name + ".lock");
        ReentrantLock threadLock = JVM_LOCKS.computeIfAbsent(lockFile, f -> new ReentrantLock());
        if (threadLock.isHeldByCurrentThread()) {
            // waiting would wait for ourselves until the timeout, and then drop the outer write's process lock
            throw new IllegalStateException("a write of '" + name + "' was started from inside another write of '" + name
                    + "' on the same thread (e.g. update(...) called from an update function);"
                    + " return the change from the function instead of writing from it");
        }
        long deadline = System.nanoTime() + lockTimeout.toNanos();
        try {
            if (!threadLock.tryLock(lockTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw lockTimeout(name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateLockException("interrupted while waiting for the lock of '" + name + "'", e);
        }
        try {
            AtomicFiles.ensureDirectory(locks);
            // In a shared home GeuseMaker's flock comes first, so a GeuseMaker save waits for this write and
            // this write for a GeuseMaker save; TierState's own lock still excludes other TierState writers.
            try (Flock geuseMakers = shared ? geuseMakerLock(name, deadline) : null;
                    FileChannel channel = AtomicFiles.openLockFile(lockFile)) {
                FileLock lock = acquire(channel, name, deadline);
                try {
                    return body.run();
                } finally {
                    lock.release();
                }
            }
        } catch (IOException e) {
            throw new StateStoreException("state store I/O failed for '" + name + "' in " + home + ": " + e.getMessage()
                    + "; check free space and permissions", e);
        } finally {
            threadLock.unlock();
        }
    }

    private FileLock acquire(FileChannel channel, String name, long deadline) throws IOException {
        long backoffMillis = 1;
        while (true) {
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return lock;
                }
            } catch (OverlappingFileLockException e) {
                // other code in this JVM locked the file (stores share JVM_LOCKS): wait like for a process
            }
            if (System.nanoTime() > deadline) {
                throw lockTimeout(name);
            }
            sleepQuietly(backoffMillis);
            // poll often: a busy writer frees the lock only for microseconds between its writes, and a
            // waiter that sleeps long misses every gap (measured: another process starved for 500 writes)
            backoffMillis = Math.min(backoffMillis * 2, 2);
        }
    }

    /** GeuseMaker's lock: {@code deployments/NAME.json.lock}, flock(2), as its {@code filelock.FileLock} takes it. */
    private Flock geuseMakerLock(String name, long deadline) throws IOException {
        AtomicFiles.ensureDirectory(deployments);
        Path gmLock = deployments.resolve(name + JSON + ".lock");
        return Flock.acquire(gmLock, deadline, () -> new StateLockException("could not lock '" + name + "' within "
                + lockTimeout.toSeconds() + " s: GeuseMaker holds " + gmLock + "; wait for its command to finish"
                + " (a crashed process releases its lock automatically)"));
    }

    private StateLockException lockTimeout(String name) {
        return new StateLockException("could not lock '" + name + "' within " + lockTimeout.toSeconds()
                + " s: another writer holds " + locks.resolve(name + ".lock")
                + "; wait for it to finish (a crashed process releases its lock automatically)");
    }

    private static <T> T io(IoAction<T> action, String what) {
        try {
            return action.run();
        } catch (IOException e) {
            throw new StateStoreException("could not " + what + ": " + e.getMessage()
                    + "; check free space and permissions", e);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateLockException("interrupted while waiting for a state file lock", e);
        }
    }

    @FunctionalInterface
    private interface IoAction<T> {
        T run() throws IOException;
    }

    /** Builds a {@link FileStateStore}; only the home is required. */
    public static final class Builder {
        private Path home;
        private Clock clock = Clock.systemUTC();
        private Duration lockTimeout = Duration.ofSeconds(30);
        private int backupsKept = 10;
        private GeuseMakerCompat compat = GeuseMakerCompat.AUTO;

        private Builder() {}

        /**
         * Sets whether the store writes so that GeuseMaker can keep using the home (see
         * {@link GeuseMakerCompat}).
         *
         * @param value {@link GeuseMakerCompat#AUTO} (default: on for a GeuseMaker home), {@code ON} or {@code OFF}
         * @return this builder
         */
        public Builder geusemakerCompat(GeuseMakerCompat value) {
            this.compat = Objects.requireNonNull(value, "geusemakerCompat");
            return this;
        }

        /**
         * Sets the home directory.
         *
         * @param home e.g. {@code ~/.tierstate}
         * @return this builder
         */
        public Builder home(Path home) {
            this.home = Objects.requireNonNull(home, "home");
            return this;
        }

        /**
         * Sets the clock for {@code updated_at} and backup names; tests use a fixed one.
         *
         * @param clock the clock (default: system UTC)
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets how long a writer waits for a deployment's lock before failing.
         *
         * @param timeout positive (default 30 s); raise it if writers hold locks across slow work
         * @return this builder
         */
        public Builder lockTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("lock timeout must be positive, was " + timeout);
            }
            this.lockTimeout = timeout;
            return this;
        }

        /**
         * Sets how many routine backups to keep per deployment.
         *
         * @param count 1 or more (default 10)
         * @return this builder
         */
        public Builder backupsKept(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("backupsKept must be at least 1, was " + count);
            }
            this.backupsKept = count;
            return this;
        }

        /** @return the store */
        public FileStateStore build() {
            if (home == null) {
                throw new IllegalStateException("home is not set: call home(Path.of(\"...\")) first");
            }
            return new FileStateStore(this);
        }
    }
}
