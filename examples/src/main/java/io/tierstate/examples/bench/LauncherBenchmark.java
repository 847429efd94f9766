package io.tierstate.examples.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Whole processes as an operator starts them: {@code bin/tierstate list} against
 * {@code java -jar tierstate.jar list} on a home of one file (what the launcher's start-up settings
 * and class-data-sharing archive buy), and {@code bin/tierstate list} on 10,000 GeuseMaker-written
 * v2 files against a plain Jackson {@code readTree} of the same files in a fresh JVM
 * ({@link RawParse}). The two sides of each pair alternate, so drift in machine load hits both
 * alike; prints medians, spread and the ratios of this run.
 *
 * <pre>
 * mvn -B -q -DskipTests package
 * java -cp examples/target/tierstate.jar io.tierstate.examples.bench.LauncherBenchmark [--runs N] [--count N]
 *      [--fixture FILE] [--launcher bin/tierstate]
 * </pre>
 *
 * <p>The fixture defaults to {@code ../shared/fixtures/geusemaker-real/gpu-head-full.json}, copied
 * under {@code --count} names ({@code stack-00000.json} ...), each copy's {@code "stack_name"} made
 * its file's name so that every file lists as a row. Targets: a/b at most 0.6, c/d at most
 * 1.5.
 */
public final class LauncherBenchmark {

    private LauncherBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param args the options above
     * @throws Exception when a home cannot be written or a process fails
     */
    public static void main(String[] args) throws Exception {
        int runs = 10;
        int count = 10_000;
        Path fixture = Path.of("../shared/fixtures/geusemaker-real/gpu-head-full.json");
        String jar = new File(LauncherBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        Path launcher = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--count" -> count = Integer.parseInt(args[++i]);
                case "--fixture" -> fixture = Path.of(args[++i]);
                case "--launcher" -> launcher = Path.of(args[++i]);
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (!jar.endsWith(".jar")) {
            System.err.println("run it from the shaded jar: java -cp examples/target/tierstate.jar " + LauncherBenchmark.class.getName());
            System.exit(2);
        }
        if (launcher == null) {
            // examples/target/tierstate.jar -> bin/tierstate
            launcher = Path.of(jar).toAbsolutePath().getParent().getParent().getParent().resolve("bin/tierstate");
        }
        if (!Files.isRegularFile(fixture) || !Files.isRegularFile(launcher)) {
            System.err.println("need " + fixture + " and " + launcher + " (run from the project root)");
            System.exit(2);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path archive = Path.of(jar).resolveSibling("tierstate.jsa");
        System.out.printf(Locale.ROOT, "JVM: %s %s, %d processors; CDS archive %s%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Files.isRegularFile(archive) ? archive + " (" + Files.size(archive) / 1024 + " KB)" : "missing");
        Path one = Files.createTempDirectory("tierstate-bench-one-");
        Path many = Files.createTempDirectory("tierstate-bench-many-");
        try {
            Files.createDirectories(one.resolve("deployments"));
            Files.copy(fixture, one.resolve("deployments").resolve(fixture.getFileName()));
            Path dir = Files.createDirectories(many.resolve("deployments"));
            // each copy names its own stack, as the file store requires of NAME.json: else every file
            // is a problem row and list measures its error path; the rest of the bytes stay GeuseMaker's
            String original = Files.readString(fixture);
            String stack = new com.fasterxml.jackson.databind.ObjectMapper().readTree(original).path("stack_name").asText();
            for (int i = 0; i < count; i++) {
                String name = String.format(Locale.ROOT, "stack-%05d", i);
                Files.writeString(dir.resolve(name + ".json"), original.replace("\"" + stack + "\"", "\"" + name + "\""));
            }
            System.out.printf(Locale.ROOT, "homes: %s (1 file), %s (%,d copies of %s, %,d bytes each)%n", one, many, count,
                    fixture.getFileName(), Files.size(fixture));

            pair(runs, "one file",
                    "(a) bin/tierstate --home H list", List.of("sh", launcher.toString(), "--home", one.toString(), "list"),
                    "(b) java -jar tierstate.jar --home H list", List.of(java, "-jar", jar, "--home", one.toString(), "list"),
                    0.6);
            pair(runs, String.format(Locale.ROOT, "%,d files", count),
                    "(c) bin/tierstate --home H list", List.of("sh", launcher.toString(), "--home", many.toString(), "list"),
                    "(d) java -cp tierstate.jar ...RawParse H", List.of(java, "-cp", jar, RawParse.class.getName(), many.toString()),
                    1.5);
        } finally {
            BenchFiles.delete(one);
            BenchFiles.delete(many);
        }
    }

    private static void pair(int runs, String what, String nameA, List<String> a, String nameB, List<String> b, double target)
            throws IOException, InterruptedException {
        ChildProcess.run(a);
        ChildProcess.run(b);
        long[][] sa = new long[2][runs];
        long[][] sb = new long[2][runs];
        for (int i = 0; i < runs; i++) {
            long[] ra = ChildProcess.run(a);
            long[] rb = ChildProcess.run(b);
            sa[0][i] = ra[0];
            sa[1][i] = ra[1];
            sb[0][i] = rb[0];
            sb[1][i] = rb[1];
        }
        System.out.println(what + ", " + runs + " runs each after one warm-up, alternating, stdout to /dev/null"
                + (ChildProcess.measuresCpu() ? " (CPU = user + sys from /usr/bin/time):" : ":"));
        report(nameA, sa);
        report(nameB, sb);
        double ratio = (double) Stats.median(sa[0]) / Stats.median(sb[0]);
        System.out.printf(Locale.ROOT, "    ratio wall (medians) %.2f (target <= %.1f: %s)", ratio, target,
                ratio <= target ? "met" : "not met");
        System.out.printf(Locale.ROOT, ChildProcess.measuresCpu() ? ", CPU %.2f%n" : "%n", (double) Stats.median(sa[1]) / Stats.median(sb[1]));
    }

    private static void report(String what, long[][] s) {
        System.out.printf(Locale.ROOT, "    %-42s wall median %7.1f ms (min %7.1f, max %7.1f)   CPU median %7.1f ms%n",
                what, Stats.median(s[0]) / 1e6, Arrays.stream(s[0]).min().orElse(0) / 1e6, Arrays.stream(s[0]).max().orElse(0) / 1e6,
                Stats.median(s[1]) / 1e6);
    }

}
