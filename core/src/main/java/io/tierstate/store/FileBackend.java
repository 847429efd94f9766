package io.tierstate.store;

import io.tierstate.error.InvalidInputException;
import io.tierstate.error.CorruptStateException;
import io.tierstate.error.StateLockException;
import io.tierstate.error.StateStoreException;
import io.tierstate.error.TierStateException;
import io.tierstate.internal.StateCodec;
import io.tierstate.migration.SharedHomeForm;
import io.tierstate.model.DeploymentState;
import io.tierstate.port.StateBackup;
import io.tierstate.store.spi.BackupNames;
import io.tierstate.store.spi.BackupRequest;
import io.tierstate.store.spi.Document;
import io.tierstate.store.spi.DocumentForm;
import io.tierstate.store.spi.Gzip;
import io.tierstate.store.spi.LeaseRecord;
import io.tierstate.store.spi.Listed;
import io.tierstate.store.spi.StoreBackend;
import io.tierstate.store.spi.Stored;
import io.tierstate.store.spi.WriteResult;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file store's I/O: GeuseMaker's layout under a home, durable atomic writes ({@link AtomicFiles}),
 * the per-deployment lock (in-JVM lock plus a {@link FileLock} on {@code locks/NAME.lock}, and in a
 * shared home GeuseMaker's {@link Flock} first), regular files only, symlinks refused where the store
 * creates files, and in a home shared with GeuseMaker the side copies of {@link SharedHome}.
 *
 * <p>A document's version token is its length and CRC-32: every write the engine makes changes the
 * serial, so it changes the token; checking it costs one read of a small file, never a listing.
 */
final class FileBackend implements StoreBackend {

    private static final Logger LOG = LoggerFactory.getLogger(FileBackend.class);
    private static final String JSON = ".json";
    private static final String GZ = ".json.gz";

    /**
     * The in-JVM side of every lock file, shared by all stores in this JVM. A {@link FileLock} belongs
     * to the process, and on POSIX closing <em>any</em> channel of a file drops every lock the process
     * holds on it; so while one store holds a lock file, no other store in this JVM may even open it,
     * or another process could slip in. Keyed by the lock file's absolute path.
     */
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    /**
     * The version tokens this thread read while holding a deployment's lock, for as long as it holds
     * it: no other TierState writer (nor, in a shared home, GeuseMaker) can change the file meanwhile,
     * so a conditional write right after the read needs no second read to check its condition.
     */
    private final ThreadLocal<java.util.Map<String, String>> readUnderLock =
            ThreadLocal.withInitial(java.util.HashMap::new);

    /** The directories whose fsync this thread's batch owes (see {@link #inBatch}); null outside a batch. */
    private final ThreadLocal<Set<Path>> batch = new ThreadLocal<>();

    final Path home;
    final Path deployments;
    private final Path backups;
    private final Path archive;
    private final Path locks;
    private final Duration lockTimeout;
    final boolean shared;
    private final Path side;
    private final DocumentForm form;

    FileBackend(Path home, Path deployments, Duration lockTimeout, boolean shared) {
        this.home = home;
        this.deployments = deployments;
        this.backups = home.resolve("backups");
        this.archive = home.resolve("archive");
        this.locks = home.resolve("locks");
        this.lockTimeout = lockTimeout;
        this.shared = shared;
        this.side = home.resolve("tierstate");
        this.form = shared ? new SharedHome() : DocumentForm.PLAIN;
    }

    @Override
    public String describe() {
        return "file store at " + home + (deployments.equals(home) ? " (state files directly in it)" : "")
                + (shared ? " (shared with GeuseMaker)" : "");
    }

    @Override
    public String kind() {
        return "file";
    }

    @Override
    public String location() {
        return deployments.toString();
    }

    @Override
    public String source(String name) {
        return file(name).toString();
    }

    @Override
    public DocumentForm form() {
        return form;
    }

    Path file(String name) {
        return deployments.resolve(name + JSON);
    }

    // ---------------------------------------------------------------------------------------------
    // live documents

    @Override
    public Optional<Stored> read(String name) {
        Path file = file(name);
        Optional<Stored> read = readIfExists(file).map(b -> Stored.of(b, token(b), file.toString()));
        if (holdsLock(name)) {
            read.ifPresentOrElse(r -> readUnderLock.get().put(name, r.version()), () -> readUnderLock.get().remove(name));
        }
        return read;
    }

    @Override
    public List<Listed> list() {
        List<Listed> entries = new ArrayList<>();
        for (Path file : deploymentFiles()) {
            entries.add(new Listed(stem(file), file.toString(),
                    () -> readIfExists(file).map(b -> Stored.of(b, token(b), file.toString()))));
        }
        return entries;
    }

    /** @return the names of every deployment file, valid or not, sorted */
    List<String> names() {
        List<String> names = new ArrayList<>();
        for (Path file : deploymentFiles()) {
            names.add(stem(file));
        }
        return names;
    }

    @Override
    public boolean create(Document document) {
        String name = document.name();
        Path file = file(name);
        return underLock(name, () -> {
            if (Files.exists(file)) {
                return false;
            }
            writeLive(file, document.bytes());
            return true;
        });
    }

    @Override
    public WriteResult replace(Document document, String expectedVersion, Optional<BackupRequest> backup) {
        String name = document.name();
        Path file = file(name);
        return underLock(name, () -> {
            if (!isVersion(file, expectedVersion)) {
                return WriteResult.conflict();
            }
            Optional<StateBackup> kept = backup.map(b -> backupFile(name, b));
            writeLive(file, document.bytes());
            return WriteResult.written(kept);
        });
    }

    @Override
    public WriteResult remove(String name, String expectedVersion, BackupRequest backup) {
        Path file = file(name);
        return underLock(name, () -> {
            if (!isVersion(file, expectedVersion)) {
                return WriteResult.conflict();
            }
            StateBackup kept = backupFile(name, backup);
            readUnderLock.get().remove(name);
            io(() -> AtomicFiles.delete(file, batch.get()), "delete " + file);
            return WriteResult.written(Optional.of(kept));
        });
    }

    @Override
    public Optional<String> archive(String name, String expectedVersion, byte[] document, Instant at) {
        Path file = file(name);
        return underLock(name, () -> {
            if (!isVersion(file, expectedVersion)) {
                return Optional.empty();
            }
            Path target = io(() -> {
                Path t = uniqueStamped(archive, name + "-", JSON, at);
                readUnderLock.get().remove(name);
                // one rename: a process killed here leaves the document live or archived, never both (a
                // resumed destroy would then archive it a second time)
                AtomicFiles.moveNew(file, t, document, batch.get());
                return t;
            }, "archive " + file);
            return Optional.of(target.toString());
        });
    }

    @Override
    public Optional<Stored> latestArchive(String name) {
        if (!Files.isDirectory(archive)) {
            return Optional.empty();
        }
        Path newest = null;
        try (var files = Files.list(archive)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String n = f.getFileName().toString();
                if (BackupNames.isArchiveOf(name, n) && (newest == null || BackupNames.archiveOrderKey(name, n)
                        .compareTo(BackupNames.archiveOrderKey(name, newest.getFileName().toString())) > 0)) {
                    newest = f;
                }
            }
        } catch (IOException e) {
            throw new StateStoreException("cannot list the archive " + archive + ": " + e.getMessage(), e);
        }
        Path found = newest;
        return found == null ? Optional.empty() : readIfExists(found).map(b -> Stored.of(b, token(b), found.toString()));
    }

    private boolean isVersion(Path file, String expected) {
        String name = stem(file);
        if (expected.equals(readUnderLock.get().get(name))) {
            return true; // read under the lock this thread still holds
        }
        return readIfExists(file).map(b -> token(b).equals(expected)).orElse(false);
    }

    private boolean holdsLock(String name) {
        ReentrantLock lock = JVM_LOCKS.get(lockFile(name));
        return lock != null && lock.isHeldByCurrentThread();
    }

    private static String token(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return bytes.length + ":" + Long.toHexString(crc.getValue());
    }

    private void writeLive(Path file, byte[] bytes) {
        readUnderLock.get().remove(stem(file));
        io(() -> {
            AtomicFiles.replaceLocked(file, bytes, batch.get());
            return null;
        }, "write " + file);
    }

    // ---------------------------------------------------------------------------------------------
    // backups

    @Override
    public StateBackup putBackup(String name, BackupRequest backup) {
        return underLock(name, () -> backupFile(name, backup));
    }

    /** Keeps a gzip backup, durably (its directory fsynced before the write it protects), then prunes routine ones. */
    private StateBackup backupFile(String name, BackupRequest request) {
        Path dir = ownBackups(name);
        String label = request.label().orElse(null);
        String prefix = name + "-" + (label == null ? "" : label + "-");
        Path target = io(() -> {
            // a directory just created is empty: no killed writer's temp file to remove, no name taken
            boolean fresh = AtomicFiles.ensureDirectory(dir);
            if (!fresh) {
                AtomicFiles.removeStaleTemps(dir, name + "-"); // left by a writer killed mid-backup; we hold the lock
            }
            Path t = fresh ? dir.resolve(prefix + BackupNames.stamp(request.takenAt(), 0) + GZ)
                    : uniqueStamped(dir, prefix, GZ, request.takenAt());
            AtomicFiles.writeNew(t, Gzip.gzip(request.document()));
            return t;
        }, "back up " + name + " to " + dir);
        if (request.routine()) {
            pruneRoutineBackups(name, request.routineKept());
        }
        return BackupNames.parseBackupFileName(name, target.getFileName().toString(), target.toString())
                .orElseThrow(() -> new IllegalStateException("unparseable backup name " + target));
    }

    /** Only TierState's own routine backups of this deployment, found in its own small directory. */
    private void pruneRoutineBackups(String name, int kept) {
        List<StateBackup> routine = new ArrayList<>();
        Path own = ownBackups(name);
        scanBackups(own, p -> BackupNames.parseBackupFileName(name, p.getFileName().toString(), p.toString()), routine);
        routine.removeIf(b -> b.label().isPresent());
        routine.sort(Comparator.comparing(StateBackup::takenAt).reversed().thenComparing(BackupNames.newestFirst()));
        for (int i = kept; i < routine.size(); i++) {
            Path old = Path.of(routine.get(i).location());
            io(() -> Files.deleteIfExists(old), "prune backup " + old);
        }
    }

    /**
     * Lists the backups of a deployment, newest first: TierState's own (labelled or routine) and
     * GeuseMaker's ({@code backups/NAME/NAME[-LABEL]-yyyyMMddTHHmmssffffffZ.json.gz},
     * {@link StateBackup#isGeuseMakers()}), which TierState lists and restores but never prunes.
     */
    @Override
    public List<StateBackup> backups(String name) {
        Path own = ownBackups(name);
        Path geuseMakers = backups.resolve(name);
        List<StateBackup> found = new ArrayList<>();
        scanBackups(own, p -> BackupNames.parseBackupFileName(name, p.getFileName().toString(), p.toString()), found);
        scanBackups(geuseMakers, p -> BackupNames.parseGeuseMakerBackupFileName(name, p.getFileName().toString(), p.toString()), found);
        found.sort(Comparator.comparing(StateBackup::takenAt).reversed().thenComparing(BackupNames.newestFirst()));
        return found;
    }

    @Override
    public Stored readBackup(String name, StateBackup backup) {
        Path source = Path.of(backup.location()).toAbsolutePath().normalize();
        if (!(source.startsWith(backups.resolve(name)) || source.startsWith(ownBackups(name))) || !Files.isRegularFile(source)) {
            throw new InvalidInputException("backup " + backup.location() + " is not a backup of '" + name
                    + "' in " + backups.resolve(name) + (shared ? " or " + ownBackups(name) : "")
                    + "; pick one from backups(\"" + name + "\")");
        }
        byte[] bytes = Gzip.gunzip(io(() -> Files.readAllBytes(source), "read backup " + source), source.toString());
        return Stored.of(bytes, token(bytes), source.toString());
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

    /**
     * A new name {@code PREFIX STAMP SUFFIX} in {@code dir}; when the stamp is taken, a counter above
     * every one used with it, never the name of a pruned backup (it would sort as older than the rest
     * and be pruned at once). Four digits from 1001 keep the names in time order when sorted as text.
     */
    private static Path uniqueStamped(Path dir, String prefix, String suffix, Instant at) throws IOException {
        AtomicFiles.ensureDirectory(dir);
        String stamp = BackupNames.stamp(at, 0);
        int highest = highestCounter(dir, prefix + stamp, suffix);
        return highest < 0 ? dir.resolve(prefix + stamp + suffix)
                : dir.resolve(prefix + stamp + "-" + Math.max(1001, highest + 1) + suffix);
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

    private static Optional<byte[]> readIfExists(Path file) {
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

    // ---------------------------------------------------------------------------------------------
    // leases: locks/NAME.lease, written atomically under the deployment's lock

    @Override
    public Optional<LeaseRecord> readLease(String name) {
        Path leaseFile = leaseFile(name);
        try {
            return LeaseRecord.parse(Files.readAllBytes(leaseFile));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // an unreadable lease file protects nothing: treated as none
        }
    }

    @Override
    public Optional<Instant> takeLease(String name, String owner, String token, Duration ttl, Instant now,
            Optional<String> replacing) {
        return underLock(name, () -> {
            Optional<LeaseRecord> held = readLease(name);
            if (held.isPresent() && held.get().liveAt(now) && !replacing.equals(Optional.of(held.get().token()))) {
                return Optional.empty();
            }
            return Optional.of(writeLease(name, new LeaseRecord(owner, token, now.plus(ttl))));
        });
    }

    @Override
    public Optional<Instant> renewLease(String name, String token, Duration ttl, Instant now) {
        return underLock(name, () -> {
            Optional<LeaseRecord> held = readLease(name);
            if (held.isEmpty() || !held.get().token().equals(token)) {
                return Optional.empty();
            }
            return Optional.of(writeLease(name, new LeaseRecord(held.get().owner(), token, now.plus(ttl))));
        });
    }

    @Override
    public void releaseLease(String name, String token) {
        underLock(name, () -> {
            Optional<LeaseRecord> held = readLease(name);
            if (held.isPresent() && held.get().token().equals(token)) {
                io(() -> AtomicFiles.delete(leaseFile(name)), "release the lease " + leaseFile(name));
            }
            return null;
        });
    }

    private Path leaseFile(String name) {
        return locks.resolve(name + ".lease");
    }

    private Instant writeLease(String name, LeaseRecord record) {
        io(() -> {
            AtomicFiles.replaceLocked(leaseFile(name), record.toJson(), null);
            return null;
        }, "write the lease " + leaseFile(name));
        return record.expiresAt();
    }

    // ---------------------------------------------------------------------------------------------
    // locks and batches

    /**
     * Runs a read-modify-write under the deployment's lock. A write started from inside another write
     * of the same deployment on the same thread is refused: waiting would wait for itself until the
     * timeout, and then drop the outer write's process lock.
     */
    @Override
    public <T> T exclusive(String name, Supplier<T> work) {
        ReentrantLock threadLock = JVM_LOCKS.computeIfAbsent(lockFile(name), f -> new ReentrantLock());
        if (threadLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("a write of '" + name + "' was started from inside another write of '" + name
                    + "' on the same thread (e.g. update(...) called from an update function);"
                    + " return the change from the function instead of writing from it");
        }
        return locked(name, threadLock, work);
    }

    /** Runs a primitive under the lock, which the engine's {@link #exclusive} usually holds already. */
    private <T> T underLock(String name, Supplier<T> work) {
        ReentrantLock threadLock = JVM_LOCKS.computeIfAbsent(lockFile(name), f -> new ReentrantLock());
        return threadLock.isHeldByCurrentThread() ? work.get() : locked(name, threadLock, work);
    }

    /**
     * Runs writes whose directory fsyncs are done together at the end: a live file's rename is made
     * durable by the one fsync of its directory after the batch, before this returns. Backups are
     * still made durable one by one, before the write they protect.
     */
    @Override
    public <T> T inBatch(Supplier<T> work) {
        if (batch.get() != null) {
            return work.get();
        }
        Set<Path> dirs = new HashSet<>();
        batch.set(dirs);
        try {
            return work.get();
        } finally {
            batch.remove();
            dirs.forEach(AtomicFiles::syncDirectory);
        }
    }

    private Path lockFile(String name) {
        return locks.resolve(name + ".lock");
    }

    /**
     * The lock file holds the id of the last process that wrote under it. When it is another
     * process's, that process may have been killed mid-write: its temp files of this deployment
     * (live file, side copy, lease) are removed, by name, and this process's id is written instead.
     * In the usual case (the same process writes again) this is one read of a few bytes.
     */
    private void claimTemps(FileChannel channel, String name) throws IOException {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(40);
        int n = channel.read(buf, 0);
        String last = n <= 0 ? "" : new String(buf.array(), 0, n, java.nio.charset.StandardCharsets.US_ASCII).trim();
        if (last.equals(AtomicFiles.PROCESS_TEMP_ID)) {
            return;
        }
        if (last.matches("[0-9a-f]{1,16}")) {
            for (Path target : List.of(file(name), sideCopy(name), leaseFile(name))) {
                Path stale = AtomicFiles.lockedTemp(target, last);
                AtomicFiles.refuseSymlink(stale);
                Files.deleteIfExists(stale);
            }
        }
        channel.truncate(0);
        channel.write(java.nio.ByteBuffer.wrap(AtomicFiles.PROCESS_TEMP_ID.getBytes(java.nio.charset.StandardCharsets.US_ASCII)), 0);
    }

    private <T> T locked(String name, ReentrantLock threadLock, Supplier<T> body) {
        Path lockFile = lockFile(name);
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
                    claimTemps(channel, name);
                    return body.get();
                } finally {
                    lock.release();
                }
            }
        } catch (IOException e) {
            throw new StateStoreException("state store I/O failed for '" + name + "' in " + home + ": " + e.getMessage()
                    + "; check free space and permissions", e);
        } finally {
            readUnderLock.get().remove(name);
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

    static <T> T io(IoAction<T> action, String what) {
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

    private static String stem(Path file) {
        String f = file.getFileName().toString();
        return f.substring(0, f.length() - JSON.length());
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * The shared-home form: documents GeuseMaker loads as its v2, and beside each TierState's copy of
     * what it last wrote ({@code HOME/tierstate/state/NAME.json}, v3, destroy journal included;
     * GeuseMaker never writes there), from which a read puts back what a GeuseMaker save dropped.
     */
    private final class SharedHome implements DocumentForm {

        @Override
        public boolean sharedHomeForm() {
            return true;
        }

        @Override
        public DeploymentState afterRead(String name, byte[] bytes, DeploymentState state) {
            return reconcile(name, bytes, state, file(name));
        }

        @Override
        public void afterWrite(String name, Supplier<DeploymentState> written) {
            Path copy = sideCopy(name);
            io(() -> {
                AtomicFiles.ensureDirectory(side);
                AtomicFiles.replaceLocked(copy, StateCodec.write(written.get()), batch.get());
                return null;
            }, "keep a copy of " + name + " in " + copy.getParent());
        }

        @Override
        public void afterRemove(String name) {
            io(() -> Files.deleteIfExists(sideCopy(name)), "remove " + sideCopy(name));
        }
    }

    private Path sideCopy(String name) {
        return side.resolve("state").resolve(name + JSON);
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
        if (SharedHomeForm.isSharedHomeForm(liveTree)) {
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
                    || ((field.startsWith("gpu_") || field.startsWith("instance_")) && sameInstance)
                    || (field.startsWith("alb_") && kept.albArn().equals(live.albArn()))
                    || (field.startsWith("efs_") && kept.efsId().equals(live.efsId()));
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

}
