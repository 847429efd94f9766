package io.tierstate.examples.bench;

import com.sun.management.OperatingSystemMXBean;
import io.tierstate.model.DeploymentState;
import io.tierstate.port.MigrationOutcome;
import io.tierstate.port.StateStore;
import io.tierstate.store.CopyReport;
import io.tierstate.store.JdbcStateStore;
import io.tierstate.store.StateStores;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The write path of the file store, in one run: {@code migrateAll} on a home of GeuseMaker v2 files
 * against the floor program ({@link DurableFloor}: the same durable writes with no TierState code),
 * at two home sizes; {@code update} on a home of current documents; {@code StateStores.copy} from a
 * file store into another and into PostgreSQL. Prints medians, spread and the ratios.
 *
 * <pre>
 * mvn -B -o -q -pl examples -am package -DskipTests
 * TIERSTATE_PG_URL=jdbc:postgresql://127.0.0.1:5432/DB TIERSTATE_PG_USER=... TIERSTATE_PG_PASSWORD=... \
 * java -cp examples/target/tierstate.jar io.tierstate.examples.bench.StoreBenchmark [--count N] [--also-count S]
 *      [--updates M] [--reps R] [--warmup-count W] [--fixture PATH] [--home DIR] [--keep] [--skip-pg]
 *      [--pg-schema NAME]
 * </pre>
 *
 * <p>Defaults: N = 10,000 copies of {@code ../shared/fixtures/geusemaker-real/gpu-head-full.json}
 * (run from the repository's directory), S = 2,000 (0 to leave it out), M = 1,000 updates, 3
 * repetitions after one untimed round of every case on W = 300 files (JIT warm-up). Every
 * repetition builds each home afresh (plain writes, then {@code sync(1)}, untimed) in a temp
 * directory, or under {@code --home DIR}, and removes it afterwards unless {@code --keep}.
 * migrate and the floor of the same size run back to back, in the other order every second
 * repetition, so drift in the machine's load hits both alike; the ratio migrate/floor is given
 * from the medians and as the range of the per-repetition ratios.
 *
 * <p>Wall time is {@code System.nanoTime} around the call alone; CPU is this process's, all
 * threads (the store's list threads, JIT and GC included; the PostgreSQL server's own work is not
 * in it). The PostgreSQL copy runs when {@code TIERSTATE_PG_URL} is set, into the schema
 * {@code --pg-schema} (default {@code tierstate_bench}), which is dropped and created again before
 * every repetition: give it a database, or a schema, nothing else uses. The target store is opened
 * with the URL, as {@code tierstate copy --to} opens it, so every operation opens its own connection.
 */
public final class StoreBenchmark {

    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final String DEFAULT_FIXTURE = "../shared/fixtures/geusemaker-real/gpu-head-full.json";

    private StoreBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param args the options above
     * @throws Exception when a home cannot be written or a part fails
     */
    public static void main(String[] args) throws Exception {
        int count = 10_000;
        int alsoCount = 2_000;
        int updates = 1_000;
        int reps = 3;
        int warmupCount = 300;
        Path fixture = Path.of(DEFAULT_FIXTURE);
        Path root = null;
        boolean keep = false;
        boolean skipPg = false;
        String pgSchema = "tierstate_bench";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--count" -> count = Integer.parseInt(args[++i]);
                case "--also-count" -> alsoCount = Integer.parseInt(args[++i]);
                case "--updates" -> updates = Integer.parseInt(args[++i]);
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--warmup-count" -> warmupCount = Integer.parseInt(args[++i]);
                case "--fixture" -> fixture = Path.of(args[++i]);
                case "--home" -> root = Path.of(args[++i]);
                case "--keep" -> keep = true;
                case "--skip-pg" -> skipPg = true;
                case "--pg-schema" -> pgSchema = args[++i];
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        FixtureHomes homes;
        try {
            homes = FixtureHomes.of(fixture);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        // the same variables the JDBC store's tests read (.ci/run sets them)
        Optional<String> pgUrl = env("TIERSTATE_PG_URL");
        Optional<Postgres> pg = Optional.empty();
        String pgNote;
        if (skipPg) {
            pgNote = "skipped: --skip-pg";
        } else if (pgUrl.isEmpty()) {
            pgNote = "skipped: TIERSTATE_PG_URL not set";
        } else {
            pg = Optional.of(new Postgres(pgUrl.get(), env("TIERSTATE_PG_USER").orElse(null),
                    env("TIERSTATE_PG_PASSWORD").orElse(null), pgSchema));
            pgNote = null;
        }
        boolean madeRoot = root == null;
        root = madeRoot ? Files.createTempDirectory("tierstate-store-bench-") : Files.createDirectories(root);

        System.out.printf(Locale.ROOT, "fixture %s: %,d bytes as GeuseMaker wrote it, %,d bytes once migrated%n",
                fixture, Files.size(fixture), homes.migratedBytes().length);
        System.out.printf(Locale.ROOT, "JVM: %s %s, %d processors, max heap %d MB; homes under %s; load average %.2f%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, root,
                OS.getSystemLoadAverage());
        Bench bench = new Bench(homes, root, keep, pg);
        try {
            long t0 = System.nanoTime();
            bench.round(0, warmupCount, warmupCount, Math.min(updates, warmupCount), null);
            System.out.printf(Locale.ROOT, "warm-up round on %d files: %.1f s%n", warmupCount, (System.nanoTime() - t0) / 1e9);
            Map<String, Sample> samples = new LinkedHashMap<>();
            for (int rep = 1; rep <= reps; rep++) {
                long r0 = System.nanoTime();
                bench.round(rep, count, alsoCount, updates, samples);
                System.out.printf(Locale.ROOT, "repetition %d of %d: %.1f s (setup included), load average %.2f%n", rep, reps,
                        (System.nanoTime() - r0) / 1e9, OS.getSystemLoadAverage());
            }
            report(samples, count, alsoCount, reps, pgNote);
        } finally {
            if (keep) {
                System.out.println("kept " + root);
            } else if (madeRoot) {
                BenchFiles.delete(root);
            }
        }
    }

    private static void report(Map<String, Sample> samples, int count, int alsoCount, int reps, String pgNote) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%d repetitions; wall = the call alone, CPU = this process, all threads%n", reps);
        System.out.printf(Locale.ROOT, "%-30s %7s %10s %21s %10s %12s%n", "case", "files", "wall med", "(min .. max)",
                "files/s", "CPU ms/file");
        for (Sample s : samples.values()) {
            System.out.printf(Locale.ROOT, "%-30s %7d %8.2f s %8.2f .. %8.2f s %10.0f %12.3f%n", s.label, s.items,
                    Stats.median(s.wall) / 1e9, Stats.min(s.wall) / 1e9, Stats.max(s.wall) / 1e9, s.items / (Stats.median(s.wall) / 1e9),
                    Stats.median(s.cpu) / 1e6 / s.items);
        }
        if (pgNote != null) {
            System.out.printf(Locale.ROOT, "%-30s %s%n", "copy file -> PostgreSQL", pgNote);
        }
        System.out.println();
        for (int n : alsoCount > 0 ? new int[] {count, alsoCount} : new int[] {count}) {
            Sample m = samples.get("migrate " + n);
            Sample f = samples.get("floor " + n);
            double[] perRep = new double[m.wall.length];
            for (int i = 0; i < perRep.length; i++) {
                perRep[i] = (double) f.wall[i] / m.wall[i];
            }
            Arrays.sort(perRep);
            System.out.printf(Locale.ROOT, "migrate / floor, %,d files (throughput): %.2f of the floor's (per repetition"
                    + " %.2f .. %.2f; the issue's target is >= 0.70); CPU per file %.1f times the floor's%n", n,
                    (double) Stats.median(f.wall) / Stats.median(m.wall), perRep[0], perRep[perRep.length - 1],
                    (double) Stats.median(m.cpu) / Stats.median(f.cpu));
        }
        if (alsoCount > 0) {
            Sample big = samples.get("migrate " + count);
            Sample small = samples.get("migrate " + alsoCount);
            Sample bigFloor = samples.get("floor " + count);
            Sample smallFloor = samples.get("floor " + alsoCount);
            System.out.printf(Locale.ROOT, "wall per file, %,d against %,d files: migrate %.2f times, floor %.2f times%n",
                    count, alsoCount, (Stats.median(big.wall) / (double) count) / (Stats.median(small.wall) / (double) alsoCount),
                    (Stats.median(bigFloor.wall) / (double) count) / (Stats.median(smallFloor.wall) / (double) alsoCount));
        }
    }

    /** The cases of one run, and the homes they work on. */
    static final class Bench {
        private final FixtureHomes homes;
        private final Path root;
        private final boolean keep;
        private final Optional<Postgres> pg;
        private Path copySource;
        private int copySourceCount;

        Bench(FixtureHomes homes, Path root, boolean keep, Optional<Postgres> pg) {
            this.homes = homes;
            this.root = root;
            this.keep = keep;
            this.pg = pg;
        }

        /** One repetition of every case; {@code into} null for an untimed warm-up round. */
        void round(int rep, int count, int alsoCount, int updates, Map<String, Sample> into) throws Exception {
            for (int n : alsoCount > 0 && alsoCount != count ? new int[] {count, alsoCount} : new int[] {count}) {
                boolean floorFirst = rep % 2 == 0;
                for (int k = 0; k < 2; k++) {
                    if ((k == 0) == floorFirst) {
                        record(into, "floor " + n, n, floor(home(rep, "floor-" + n), n));
                    } else {
                        record(into, "migrate " + n, n, migrate(home(rep, "migrate-" + n), n));
                    }
                }
            }
            record(into, "update, home of " + count, updates, update(home(rep, "update-" + count), count, updates));
            Path source = copySource(count);
            record(into, "copy file -> file", count, copyToFiles(source, home(rep, "copy-" + count), count));
            if (pg.isPresent()) {
                record(into, "copy file -> PostgreSQL", count, copyToPostgres(source, pg.get(), count));
            }
        }

        private Path home(int rep, String what) {
            return root.resolve((rep == 0 ? "warmup" : "rep" + rep) + "-" + what);
        }

        private void done(Path home) throws IOException {
            if (!keep) {
                BenchFiles.delete(home);
            }
        }

        private static void record(Map<String, Sample> into, String label, int items, Timing t) {
            if (into != null) {
                into.computeIfAbsent(label, l -> new Sample(l, items)).add(t);
            }
        }

        Timing migrate(Path home, int count) throws Exception {
            Timing t = timeMigrate(homes, home, count);
            done(home);
            return t;
        }

        Timing floor(Path home, int count) throws Exception {
            Timing t = timeFloor(homes, home, count);
            done(home);
            return t;
        }

        Timing update(Path home, int count, int updates) throws Exception {
            Timing t = timeUpdate(homes, home, count, updates);
            done(home);
            return t;
        }

        Timing copyToFiles(Path source, Path target, int count) throws Exception {
            Timing t = timeCopy(source, count, () -> FixtureHomes.store(target));
            done(target);
            return t;
        }

        Timing copyToPostgres(Path source, Postgres pg, int count) throws Exception {
            pg.reset();
            return timeCopy(source, count, pg::store);
        }

        /** The copies' source: v2 files as GeuseMaker wrote them, made once (a copy only reads it). */
        private Path copySource(int count) throws Exception {
            if (copySource == null || copySourceCount != count) {
                if (copySource != null) {
                    done(copySource);
                }
                copySource = root.resolve("copy-source-" + count);
                BenchFiles.delete(copySource);
                homes.writeOld(copySource, count);
                BenchFiles.sync();
                copySourceCount = count;
            }
            return copySource;
        }
    }

    /**
     * Writes {@code count} v2 copies into {@code home}, then times {@code migrateAll(false)} on them.
     *
     * @throws IllegalStateException when not every file was migrated
     */
    static Timing timeMigrate(FixtureHomes homes, Path home, int count) throws Exception {
        homes.writeOld(home, count);
        BenchFiles.sync();
        try (StateStore store = FixtureHomes.store(home)) {
            List<MigrationOutcome> outcomes = new ArrayList<>();
            Timing t = Timing.of(() -> outcomes.addAll(store.migrateAll(false)));
            long migrated = outcomes.stream().filter(o -> o.result() == MigrationOutcome.Result.MIGRATED).count();
            if (migrated != count || outcomes.size() != count) {
                throw new IllegalStateException("migrateAll migrated " + migrated + " of " + count + " files: "
                        + outcomes.stream().filter(o -> o.result() != MigrationOutcome.Result.MIGRATED).limit(3).toList());
            }
            return t;
        }
    }

    /** Writes {@code count} v2 copies into {@code home}, then times {@link DurableFloor#run} on them. */
    static Timing timeFloor(FixtureHomes homes, Path home, int count) throws Exception {
        homes.writeOld(home, count);
        BenchFiles.sync();
        List<String> names = FixtureHomes.names(count);
        byte[] next = homes.migratedBytes();
        return Timing.of(() -> DurableFloor.run(home, names, next));
    }

    /**
     * Writes {@code count} migrated copies into {@code home}, then times {@code updates} calls of
     * {@code update(name, s -> s.withPublicIp(...))}, spread evenly over the names (each name once
     * while {@code updates <= count}).
     *
     * @throws IllegalStateException when an update did not write
     */
    static Timing timeUpdate(FixtureHomes homes, Path home, int count, int updates) throws Exception {
        homes.writeMigrated(home, count);
        BenchFiles.sync();
        List<String> names = FixtureHomes.names(count);
        try (StateStore store = FixtureHomes.store(home)) {
            long[] serials = new long[1];
            Timing t = Timing.of(() -> {
                for (int i = 0; i < updates; i++) {
                    String ip = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
                    DeploymentState s = store.update(updateTarget(names, i, updates), st -> st.withPublicIp(ip));
                    serials[0] += s.serial();
                }
                return null;
            });
            if (serials[0] <= updates) {
                throw new IllegalStateException("the updates did not advance the serials (sum " + serials[0] + ")");
            }
            return t;
        }
    }

    /** The name the {@code i}-th of {@code updates} updates changes. */
    static String updateTarget(List<String> names, int i, int updates) {
        return updates <= names.size() ? names.get((int) ((long) i * names.size() / updates)) : names.get(i % names.size());
    }

    /**
     * Times {@code StateStores.copy} from the file store at {@code source} into a new store.
     *
     * @throws IllegalStateException when not every deployment was copied
     */
    static Timing timeCopy(Path source, int count, Callable<StateStore> target) throws Exception {
        try (StateStore from = FixtureHomes.store(source); StateStore to = target.call()) {
            CopyReport[] report = new CopyReport[1];
            Timing t = Timing.of(() -> report[0] = StateStores.copy(from, to));
            int copied = report[0].with(CopyReport.Result.COPIED).size();
            if (copied != count) {
                throw new IllegalStateException("copied " + copied + " of " + count + " into " + to.describe() + ": "
                        + report[0].items().stream().filter(i -> i.result() != CopyReport.Result.COPIED).limit(3).toList());
            }
            return t;
        }
    }

    /** A PostgreSQL target: a schema of its own, emptied before every copy. */
    static final class Postgres {
        private final String url;
        private final String user;
        private final String password;
        private final String schema;

        Postgres(String url, String user, String password, String schema) {
            if (!schema.matches("[a-z_][a-z0-9_]{0,40}")) {
                throw new IllegalArgumentException("--pg-schema must be a lower-case SQL identifier, not " + schema);
            }
            this.url = url;
            this.user = user;
            this.password = password;
            this.schema = schema;
        }

        /** Drops the schema with everything in it and creates it empty; the store's tables are made before timing. */
        void reset() throws SQLException {
            try (Connection c = user == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, password);
                    Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                s.execute("CREATE SCHEMA " + schema);
            }
            try (JdbcStateStore store = store()) {
                store.createTables();
            }
        }

        JdbcStateStore store() {
            JdbcStateStore.Builder b = JdbcStateStore.builder().url(url).schema(schema);
            if (user != null) {
                b.user(user);
            }
            if (password != null) {
                b.password(password);
            }
            return b.build();
        }
    }

    /** Wall and CPU time of one timed call, in ns. */
    record Timing(long wall, long cpu) {
        static Timing of(Callable<?> task) throws Exception {
            long c0 = OS.getProcessCpuTime();
            long t0 = System.nanoTime();
            task.call();
            long wall = System.nanoTime() - t0;
            return new Timing(wall, OS.getProcessCpuTime() - c0);
        }
    }

    /** The timings of one case over the repetitions. */
    static final class Sample {
        final String label;
        final int items;
        long[] wall = new long[0];
        long[] cpu = new long[0];

        Sample(String label, int items) {
            this.label = label;
            this.items = items;
        }

        void add(Timing t) {
            wall = Arrays.copyOf(wall, wall.length + 1);
            cpu = Arrays.copyOf(cpu, cpu.length + 1);
            wall[wall.length - 1] = t.wall();
            cpu[cpu.length - 1] = t.cpu();
        }
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }
}
