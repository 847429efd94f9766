package io.tierstate.store;

import io.tierstate.error.InvalidInputException;
import io.tierstate.model.StackName;
import io.tierstate.store.engine.VersionedStateStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

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
public final class FileStateStore extends VersionedStateStore {

    private static final String JSON = ".json";

    private final FileBackend files;

    private FileStateStore(Builder b, FileBackend files) {
        super(files, new Settings(b.clock, b.backupsKept, Settings.DEFAULT_MAX_ATTEMPTS));
        this.files = files;
    }

    private static FileBackend backend(Builder b) {
        Path home = b.home.toAbsolutePath().normalize();
        boolean shared = b.compat == GeuseMakerCompat.ON || (b.compat == GeuseMakerCompat.AUTO && isGeuseMakerHome(home));
        return new FileBackend(home, isFlat(home) ? home : home.resolve("deployments"), b.lockTimeout, shared);
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
        return files.shared;
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
        return files.home;
    }

    /**
     * The file of one deployment's live state (whether or not it exists).
     *
     * @param name the stack name, validated first
     * @return {@code HOME/deployments/NAME.json}
     */
    public Path file(String name) {
        return files.file(StackName.validate(name));
    }

    /** @return the directory holding the live {@code NAME.json} files */
    public Path deploymentsDirectory() {
        return files.deployments;
    }

    /** @return the names of every stored deployment file, valid or not, sorted */
    public List<String> names() {
        return files.names();
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
                throw new InvalidInputException("lock timeout must be positive, was " + timeout);
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
                throw new InvalidInputException("backupsKept must be at least 1, was " + count);
            }
            this.backupsKept = count;
            return this;
        }

        /** @return the store */
        public FileStateStore build() {
            if (home == null) {
                throw new InvalidInputException("home is not set: call home(Path.of(\"...\")) first");
            }
            return new FileStateStore(this, backend(this));
        }
    }
}
