package io.tierstate.examples.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.OperatingSystemMXBean;
import io.tierstate.DeploymentClient;
import io.tierstate.view.DeploymentList;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;

/**
 * Lists 10,000 deployments from the file store and, in the same run, parses the same files with
 * plain Jackson, then does the same as whole processes ({@code tierstate list} against
 * {@link RawParse}). Prints medians, spread and the ratios.
 *
 * <pre>
 * mvn -B -q -o -pl core,examples -am package -DskipTests
 * java -cp examples/target/tierstate.jar io.tierstate.examples.bench.ListBenchmark [--count N] [--reps R]
 *      [--warmup W] [--processes P] [--home DIR] [--keep] [--jvm-arg OPTION]...
 * </pre>
 *
 * <p>In process, (a) is {@code client.deployments().fetch()} plus {@code render()}: list the
 * directory, read and decode every file (the file store uses up to 4 threads, never more than the
 * processors), estimate the cost of every row, sort and render the table. (b) is listing the same
 * directory, reading every file's bytes and {@code ObjectMapper.readTree(bytes)} with one shared
 * plain mapper, on one thread. (c), for context only, is (b) spread over as many threads as the file
 * store uses, so the ratio a/c shows what is left once both sides use the same parallelism. They
 * alternate, so drift in machine load hits all alike. {@code --jvm-arg} passes an option to both
 * child JVMs of the whole-process part (e.g. {@code -XX:TieredStopAtLevel=1}).
 */
public final class ListBenchmark {

    private static volatile long sink;

    private ListBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param args the options above
     * @throws Exception when the home cannot be written or a process cannot be started
     */
    public static void main(String[] args) throws Exception {
        int count = 10_000;
        int reps = 10;
        int warmup = 5;
        int processes = 5;
        Path home = null;
        boolean keep = false;
        List<String> jvmArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--count" -> count = Integer.parseInt(args[++i]);
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--processes" -> processes = Integer.parseInt(args[++i]);
                case "--home" -> home = Path.of(args[++i]);
                case "--keep" -> keep = true;
                case "--jvm-arg" -> jvmArgs.add(args[++i]);
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        boolean generated = home == null || !Files.isDirectory(home.resolve("deployments"));
        if (home == null) {
            home = Files.createTempDirectory("tierstate-bench-");
        }
        try {
            if (generated) {
                long t0 = System.nanoTime();
                long bytes = new BenchHome().write(home, count, 42);
                System.out.printf(Locale.ROOT, "wrote %,d documents, %.1f MB (%.1f KB each) into %s in %.1f s%n", count,
                        bytes / 1e6, bytes / 1e3 / count, home, (System.nanoTime() - t0) / 1e9);
            } else {
                System.out.println("using the documents in " + home);
            }
            System.out.printf(Locale.ROOT, "JVM: %s %s, %d processors, max heap %d MB%n", System.getProperty("java.vm.name"),
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20);
            inProcess(home, reps, warmup);
            if (processes > 0) {
                wholeProcess(home, processes, jvmArgs);
            }
        } finally {
            if (generated && !keep) {
                BenchFiles.delete(home);
            } else {
                System.out.println("kept " + home);
            }
        }
    }

    private static void inProcess(Path home, int reps, int warmup) throws Exception {
        ObjectMapper plain = new ObjectMapper();
        Path dir = home.resolve("deployments");
        try (DeploymentClient client = DeploymentClient.builder().home(home).build()) {
            Callable<Integer> list = () -> {
                DeploymentList l = client.deployments().fetch();
                sink += l.render().length();
                return l.deployments().size() + l.problems().size();
            };
            Callable<Integer> raw = () -> {
                int n = 0;
                for (Path f : RawParse.files(dir)) {
                    JsonNode tree = plain.readTree(Files.readAllBytes(f));
                    sink += tree.size();
                    n++;
                }
                return n;
            };
            int threads = Math.min(4, Runtime.getRuntime().availableProcessors());
            ForkJoinPool pool = new ForkJoinPool(threads);
            Callable<Integer> rawParallel = () -> pool.submit(() -> RawParse.files(dir).parallelStream().mapToInt(f -> {
                try {
                    return plain.readTree(Files.readAllBytes(f)).size() > 0 ? 1 : 0;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum()).get();
            System.out.printf(Locale.ROOT, "list rows: %d, raw documents: %d%n", list.call(), raw.call());
            for (int i = 0; i < warmup; i++) {
                list.call();
                raw.call();
                rawParallel.call();
            }
            Sample a = new Sample(reps);
            Sample b = new Sample(reps);
            Sample c = new Sample(reps);
            for (int i = 0; i < reps; i++) {
                a.time(i, list);
                b.time(i, raw);
                c.time(i, rawParallel);
            }
            pool.shutdown();
            System.out.println("in process, " + reps + " repetitions after " + warmup + " warm-up rounds"
                    + " (wall clock; CPU = all threads of this JVM, JIT and GC included; GC = collection time):");
            a.report("(a) client.deployments().fetch() + render()");
            b.report("(b) read + ObjectMapper.readTree, each file");
            c.report("(c) (b) on " + threads + " threads, for context");
            System.out.printf(Locale.ROOT, "    ratio a/b (medians): wall %.2f, CPU %.2f   (a/c wall %.2f)%n",
                    (double) Stats.median(a.wall) / Stats.median(b.wall), (double) Stats.median(a.cpu) / Stats.median(b.cpu),
                    (double) Stats.median(a.wall) / Stats.median(c.wall));
        }
    }

    private static void wholeProcess(Path home, int runs, List<String> jvmArgs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = new File(ListBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        if (!jar.endsWith(".jar")) {
            System.out.println("whole process: skipped (run from the shaded jar, examples/target/tierstate.jar)");
            return;
        }
        List<String> list = new ArrayList<>(List.of(java));
        list.addAll(jvmArgs);
        list.addAll(List.of("-jar", jar, "--home", home.toString(), "list"));
        List<String> raw = new ArrayList<>(List.of(java));
        raw.addAll(jvmArgs);
        raw.addAll(List.of("-cp", jar, RawParse.class.getName(), home.toString()));
        ChildProcess.run(list);
        ChildProcess.run(raw);
        Sample a = new Sample(runs);
        Sample b = new Sample(runs);
        for (int i = 0; i < runs; i++) {
            a.record(i, ChildProcess.run(list));
            b.record(i, ChildProcess.run(raw));
        }
        System.out.println("whole process, " + runs + " runs each, stdout to /dev/null"
                + (jvmArgs.isEmpty() ? "" : ", JVM options " + String.join(" ", jvmArgs))
                + (ChildProcess.measuresCpu() ? " (CPU = user + sys from /usr/bin/time):" : ":"));
        a.report("(a) java -jar tierstate.jar --home H list");
        b.report("(b) java -cp tierstate.jar ...RawParse H");
        System.out.printf(Locale.ROOT, "    ratio a/b (medians): wall %.2f", (double) Stats.median(a.wall) / Stats.median(b.wall));
        System.out.printf(Locale.ROOT, ChildProcess.measuresCpu() ? ", CPU %.2f%n" : "%n", (double) Stats.median(a.cpu) / Stats.median(b.cpu));
    }

    /** Wall and CPU times of repeated runs. */
    private static final class Sample {
        private static final OperatingSystemMXBean OS =
                (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        final long[] wall;
        final long[] cpu;
        final long[] gc;

        Sample(int n) {
            wall = new long[n];
            cpu = new long[n];
            gc = new long[n];
        }

        void time(int i, Callable<Integer> task) throws Exception {
            long g0 = gcMillis();
            long c0 = OS.getProcessCpuTime();
            long t0 = System.nanoTime();
            task.call();
            wall[i] = System.nanoTime() - t0;
            cpu[i] = OS.getProcessCpuTime() - c0;
            gc[i] = (gcMillis() - g0) * 1_000_000;
        }

        private static long gcMillis() {
            long sum = 0;
            for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
                sum += Math.max(0, b.getCollectionTime());
            }
            return sum;
        }

        void record(int i, long[] wallAndCpu) {
            wall[i] = wallAndCpu[0];
            cpu[i] = wallAndCpu[1];
        }

        void report(String what) {
            System.out.printf(Locale.ROOT, "    %-46s wall median %7.1f ms (min %7.1f, max %7.1f)   CPU median %7.1f ms",
                    what, Stats.median(wall) / 1e6, Stats.min(wall) / 1e6, Stats.max(wall) / 1e6, Stats.median(cpu) / 1e6);
            // collections come every few repetitions, so the median says nothing: give the mean
            System.out.printf(Locale.ROOT, "   GC mean %5.1f ms%n", Arrays.stream(gc).average().orElse(0) / 1e6);
        }
    }

}
