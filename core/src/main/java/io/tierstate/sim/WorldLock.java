package io.tierstate.sim;

import io.tierstate.error.StateLockException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The lock a persisted simulated world is held under from load to last save: an OS lock on
 * {@code .NAME.lock} beside the world file for other processes, and a semaphore per file for other
 * clouds in this JVM (an OS lock cannot tell two channels of one process apart).
 */
final class WorldLock {

    private static final ConcurrentHashMap<Path, Semaphore> IN_JVM = new ConcurrentHashMap<>();
    private static final FileAttribute<?>[] FILE_ATTRS =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                    : new FileAttribute<?>[0];

    private final Semaphore jvm;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean released;

    private WorldLock(Semaphore jvm, FileChannel channel, FileLock lock) {
        this.jvm = jvm;
        this.channel = channel;
        this.lock = lock;
    }

    static WorldLock acquire(Path worldFile, Duration timeout) {
        Path file = worldFile.toAbsolutePath().normalize();
        Path lockFile = file.resolveSibling("." + file.getFileName() + ".lock");
        long deadline = System.nanoTime() + timeout.toNanos();
        Semaphore jvm = IN_JVM.computeIfAbsent(file, f -> new Semaphore(1));
        try {
            if (!jvm.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy(file, lockFile, timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateLockException("interrupted while waiting for the simulated world " + file, e);
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            if (Files.isSymbolicLink(lockFile)) {
                throw new FileSystemException(lockFile.toString(), null, "is a symbolic link, and TierState never follows"
                        + " one where it creates its own files; remove the link");
            }
            channel = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS), FILE_ATTRS);
            long pause = 1;
            while (true) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock != null) {
                    return new WorldLock(jvm, channel, lock);
                }
                if (System.nanoTime() > deadline) {
                    throw busy(file, lockFile, timeout);
                }
                Thread.sleep(pause);
                pause = Math.min(pause * 2, 50);
            }
        } catch (IOException e) {
            closeQuietly(channel);
            jvm.release();
            throw new UncheckedIOException("could not lock the simulated world " + file + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            closeQuietly(channel);
            jvm.release();
            Thread.currentThread().interrupt();
            throw new StateLockException("interrupted while waiting for the simulated world " + file, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            jvm.release();
            throw e;
        }
    }

    synchronized void release() {
        if (released) {
            return;
        }
        released = true;
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel below releases it too
        }
        closeQuietly(channel);
        jvm.release();
    }

    private static StateLockException busy(Path file, Path lockFile, Duration timeout) {
        return new StateLockException("the simulated world " + file + " is in use by another command (lock " + lockFile
                + ") and was not free within " + timeout.toSeconds() + " s; wait for that command to finish and try again");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing to do: the lock goes with the process anyway
            }
        }
    }
}
