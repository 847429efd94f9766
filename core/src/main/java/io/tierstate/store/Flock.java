package io.tierstate.store;

import io.tierstate.error.StateLockException;
import java.nio.file.Path;

/**
 * An exclusive BSD {@code flock(2)} lock on a file, the lock GeuseMaker's {@code filelock} takes on
 * {@code deployments/STACK.json.lock}. Java's {@link java.nio.channels.FileLock} is a POSIX record
 * lock ({@code fcntl}), which on Linux never conflicts with {@code flock}, so this goes to the C
 * library through JNA.
 *
 * <p>JNA is an optional dependency of tierstate-core, loaded only when a store in a home shared
 * with GeuseMaker first writes; without it (or on a system without {@code flock}) that write fails
 * with a {@link StateLockException} saying what to add.
 */
final class Flock implements AutoCloseable {

    private final int fd;

    private Flock(int fd) {
        this.fd = fd;
    }

    /**
     * Takes the lock, polling until the deadline.
     *
     * @param file the lock file, created (0644, as filelock does) when missing
     * @param deadlineNanos {@link System#nanoTime()} after which to give up
     * @param onTimeout the exception for a lock still held at the deadline
     * @return the held lock; close it to release
     */
    static Flock acquire(Path file, long deadlineNanos, java.util.function.Supplier<StateLockException> onTimeout) {
        Native lib = Native.get();
        int fd = lib.open(file.toString());
        try {
            long backoffMillis = 1;
            while (!lib.tryLock(fd)) {
                if (System.nanoTime() > deadlineNanos) {
                    throw onTimeout.get();
                }
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StateLockException("interrupted while waiting for GeuseMaker's lock " + file, e);
                }
                backoffMillis = Math.min(backoffMillis * 2, 5);
            }
            int held = fd;
            fd = -1;
            return new Flock(held);
        } finally {
            if (fd >= 0) {
                lib.close(fd);
            }
        }
    }

    /** @return whether flock(2) can be used here: JNA is on the class path and the C library has it */
    static boolean available() {
        try {
            Native.get();
            return true;
        } catch (StateLockException e) {
            return false;
        }
    }

    /** Releases the lock (closing the descriptor releases it too, even if unlock failed). */
    @Override
    public void close() {
        Native lib = Native.get();
        try {
            lib.unlock(fd);
        } finally {
            lib.close(fd);
        }
    }

    /** The C library calls; a separate class so that JNA is loaded only when a lock is first taken. */
    private static final class Native {
        private static final int LOCK_EX = 2;
        private static final int LOCK_NB = 4;
        private static final int LOCK_UN = 8;
        private static final int EWOULDBLOCK = 11;
        private static final int EWOULDBLOCK_BSD = 35;
        private static final int EINTR = 4;

        private static volatile Native instance;

        private final CLib c;
        private final int openFlags;

        private Native(CLib c, int openFlags) {
            this.c = c;
            this.openFlags = openFlags;
        }

        static Native get() {
            Native n = instance;
            if (n == null) {
                synchronized (Native.class) {
                    n = instance;
                    if (n == null) {
                        n = load();
                        instance = n;
                    }
                }
            }
            return n;
        }

        private static Native load() {
            try {
                Class.forName("com.sun.jna.Native", false, Flock.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new StateLockException("this home is shared with GeuseMaker, whose lock is flock(2), and taking it needs"
                        + " JNA on the class path: add the dependency net.java.dev.jna:jna (5.19.1 or later), or open the"
                        + " store with geusemakerCompat(GeuseMakerCompat.OFF) if GeuseMaker never writes this home", e);
            }
            try {
                if (!com.sun.jna.Platform.isLinux() && !com.sun.jna.Platform.isMac()) {
                    throw new UnsatisfiedLinkError("open(2) flags are known for Linux and macOS only");
                }
                CLib c = com.sun.jna.Native.load(com.sun.jna.Platform.C_LIBRARY_NAME, CLib.class);
                // O_RDWR | O_CREAT | O_CLOEXEC: the values differ between Linux and macOS
                int flags = com.sun.jna.Platform.isMac() ? 0x0002 | 0x0200 | 0x01000000 : 0x0002 | 0x0040 | 0x80000;
                return new Native(c, flags);
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                throw new StateLockException("cannot load flock(2) from the C library through JNA (" + e.getMessage()
                        + "); GeuseMaker's lock cannot be taken on this system: open the store with"
                        + " geusemakerCompat(GeuseMakerCompat.OFF) and make sure GeuseMaker does not write meanwhile", e);
            }
        }

        int open(String path) {
            try {
                return c.open(path, openFlags, 0644);
            } catch (com.sun.jna.LastErrorException e) {
                throw new StateLockException("cannot open GeuseMaker's lock file " + path + ": errno " + e.getErrorCode()
                        + "; check the permissions of the deployments directory", e);
            }
        }

        boolean tryLock(int fd) {
            try {
                c.flock(fd, LOCK_EX | LOCK_NB);
                return true;
            } catch (com.sun.jna.LastErrorException e) {
                int errno = e.getErrorCode();
                if (errno == EWOULDBLOCK || errno == EWOULDBLOCK_BSD || errno == EINTR) {
                    return false;
                }
                throw new StateLockException("flock(2) failed with errno " + errno + " on GeuseMaker's lock file;"
                        + " check that the home is on a local file system", e);
            }
        }

        void unlock(int fd) {
            try {
                c.flock(fd, LOCK_UN);
            } catch (com.sun.jna.LastErrorException e) {
                // close() below releases it anyway
            }
        }

        void close(int fd) {
            try {
                c.close(fd);
            } catch (com.sun.jna.LastErrorException e) {
                // nothing left to release
            }
        }
    }

    /** The three libc functions, mapped by JNA; errors arrive as {@link com.sun.jna.LastErrorException}. */
    interface CLib extends com.sun.jna.Library {
        int open(String path, int flags, int mode) throws com.sun.jna.LastErrorException;

        int flock(int fd, int operation) throws com.sun.jna.LastErrorException;

        int close(int fd) throws com.sun.jna.LastErrorException;
    }
}
