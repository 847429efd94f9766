package io.tierstate.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Crash-safe file writes: temp file in the same directory, fsync, atomic rename, fsync of the
 * directory. After a crash at any instant the target holds the old bytes or the new ones.
 */
final class AtomicFiles {

    static final String TEMP_MARKER = ".tmp-";

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final FileAttribute<?>[] FILE_ATTRS = POSIX
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
            : new FileAttribute<?>[0];
    private static final FileAttribute<?>[] DIR_ATTRS = POSIX
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
            : new FileAttribute<?>[0];

    private AtomicFiles() {}

    /**
     * Creates a directory and its missing parents, the created ones {@code 0700}.
     *
     * @return whether it had to be created (so it is empty)
     */
    static boolean ensureDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, DIR_ATTRS);
            return true;
        }
        return false;
    }

    /** Opens a lock file for writing, creating it {@code 0600} when missing, like every file the store writes. */
    static FileChannel openLockFile(Path file) throws IOException {
        refuseSymlink(file);
        // NOFOLLOW_LINKS: a symlink planted between the check and the open must not make us create its target
        return FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), FILE_ATTRS);
    }

    /**
     * Refuses a symbolic link where the store creates its own files (locks, temp files, backups,
     * archives): following it would create or overwrite a file outside the home.
     */
    static void refuseSymlink(Path file) throws IOException {
        if (Files.isSymbolicLink(file)) {
            throw new FileSystemException(file.toString(), null, "is a symbolic link, and TierState never follows one"
                    + " where it creates its own files; remove the link");
        }
    }

    /** Replaces {@code target} with {@code bytes} atomically and durably; the file is {@code 0600}. */
    static void write(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        ensureDirectory(dir);
        Path temp = dir.resolve("." + target.getFileName() + TEMP_MARKER
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            try (FileChannel ch = FileChannel.open(temp, new java.util.HashSet<>(java.util.List.of(
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)), FILE_ATTRS)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Replaces {@code target} with {@code bytes} atomically, through the temp file {@code
     * .NAME.tmp-ID} where {@code ID} is this process's ({@link #PROCESS_TEMP_ID}), for targets written
     * only under their deployment's lock: a temp file a killed writer left is then found by its name
     * (this process's by the name, another process's by the id it left in the lock file; see
     * {@code FileBackend}), without listing the directory, which would make every write cost as much
     * as the directory is large. The directory's fsync is done here, or, when {@code deferredSyncs}
     * is given, left to whoever holds that set, who must fsync each directory in it before reporting
     * any of those writes done.
     */
    static void replaceLocked(Path target, byte[] bytes, java.util.Set<Path> deferredSyncs) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        ensureDirectory(dir);
        Path temp = lockedTemp(target, PROCESS_TEMP_ID);
        refuseSymlink(temp);
        Files.deleteIfExists(temp); // a killed writer's of this process; we hold the lock, so no live writer's
        try {
            try (FileChannel ch = FileChannel.open(temp, new java.util.HashSet<>(java.util.List.of(
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)), FILE_ATTRS)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (deferredSyncs == null) {
                syncDirectory(dir);
            } else {
                deferredSyncs.add(dir);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** This process's part of the names of {@link #replaceLocked}'s temp files. */
    static final String PROCESS_TEMP_ID = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);

    /** A temp file of {@link #replaceLocked} of the process {@code id}: a dot file, so readers and listings skip it. */
    static Path lockedTemp(Path target, String id) {
        return target.toAbsolutePath().getParent().resolve("." + target.getFileName() + TEMP_MARKER + id);
    }

    /** Deletes a file and leaves the directory's fsync to the holder of {@code deferredSyncs}, as {@link #replaceLocked} does. */
    static boolean delete(Path target, java.util.Set<Path> deferredSyncs) throws IOException {
        if (deferredSyncs == null) {
            return delete(target);
        }
        boolean deleted = Files.deleteIfExists(target);
        if (deleted) {
            deferredSyncs.add(target.toAbsolutePath().getParent());
        }
        return deleted;
    }

    /** Creates {@code target} with {@code bytes} durably; fails if it exists. */
    static void writeNew(Path target, byte[] bytes) throws IOException {
        refuseSymlink(target);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        write(target, bytes);
    }

    /**
     * Moves {@code source} to the new name {@code target} in one rename, so that a crash leaves the
     * document at exactly one of the two names, never at both; where the two directories are on
     * different file systems (no atomic rename), it writes {@code target} durably and then deletes
     * {@code source}. The source directory's fsync is left to the holder of {@code deferredSyncs}
     * when there is one, as {@link #delete(Path, java.util.Set)} does.
     *
     * @param source the file to move
     * @param target the new name; fails if it exists
     * @param bytes the source's bytes, for the copy when no atomic rename is possible
     * @param deferredSyncs where to leave the source directory's fsync, or null to do it now
     */
    static void moveNew(Path source, Path target, byte[] bytes, java.util.Set<Path> deferredSyncs) throws IOException {
        refuseSymlink(target);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        try {
            Files.move(source, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            write(target, bytes);
            delete(source, deferredSyncs);
            return;
        }
        syncDirectory(target.toAbsolutePath().getParent());
        if (deferredSyncs == null) {
            syncDirectory(source.toAbsolutePath().getParent());
        } else {
            deferredSyncs.add(source.toAbsolutePath().getParent());
        }
    }

    /** Deletes a file and makes the deletion durable. */
    static boolean delete(Path target) throws IOException {
        boolean deleted = Files.deleteIfExists(target);
        if (deleted) {
            syncDirectory(target.toAbsolutePath().getParent());
        }
        return deleted;
    }

    /** Makes a directory's entries (renames, deletions) durable; a no-op where the OS cannot. */
    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open directories; its rename is durable enough for our purpose
        }
    }

    /** Removes temp files a killed writer left behind for one target; call under its lock. */
    static void removeStaleTemps(Path target) {
        removeStaleTemps(target.toAbsolutePath().getParent(), target.getFileName().toString());
    }

    /**
     * Removes temp files a killed writer left in {@code dir} for targets whose names start with
     * {@code namePrefix}; call under the lock that guards every write of those targets.
     */
    static void removeStaleTemps(Path dir, String namePrefix) {
        String prefix = "." + namePrefix;
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var entries = Files.newDirectoryStream(dir, p -> {
            String f = p.getFileName().toString();
            return f.startsWith(prefix) && f.contains(TEMP_MARKER);
        })) {
            for (Path stale : entries) {
                Files.deleteIfExists(stale);
            }
        } catch (IOException e) {
            // best effort: a stale temp file is ignored by every reader
        }
    }
}
