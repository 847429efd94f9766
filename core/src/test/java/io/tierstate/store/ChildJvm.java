package io.tierstate.store;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Starts a test main class ({@link StoreWriterMain} by default) in a fresh JVM with the test class
 * path, tuned to start fast and without the JaCoCo agent (which would make every start slower and
 * write coverage files from processes that are killed). Shared by the process-level tests.
 */
public final class ChildJvm {

    private ChildJvm() {}

    /** The test class path: Surefire and Failsafe put it in {@code surefire.test.class.path}; a plain JVM in {@code java.class.path}. */
    static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path");
        }
        return cp;
    }

    /**
     * Starts the writer; stderr goes to {@code stderrFile}, stdin and stdout stay pipes.
     *
     * @param args the writer's arguments (mode first)
     */
    static Process start(Path stderrFile, String... args) throws IOException {
        return startMain(StoreWriterMain.class, stderrFile, args);
    }

    /**
     * Starts any main class of the test class path.
     *
     * @param main the class with the main method
     * @param stderrFile where its stderr goes
     * @param args its arguments
     * @return the process; stdin and stdout are pipes
     * @throws IOException when it cannot be started
     */
    public static Process startMain(Class<?> main, Path stderrFile, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m",
                "-cp", classPath(),
                main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(stderrFile.toFile());
        Map<String, String> env = pb.environment();
        // an agent given through the environment would be inherited; the test JVM's own -javaagent is not
        env.remove("JAVA_TOOL_OPTIONS");
        env.remove("JDK_JAVA_OPTIONS");
        env.remove("_JAVA_OPTIONS");
        return pb.start();
    }

    /** Waits for a process to end, killing it and failing when it takes longer than {@code seconds}. */
    public static int awaitExit(Process p, long seconds, Path stderrFile) throws InterruptedException {
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("child JVM " + p.pid() + " did not end within " + seconds + " s; stderr:\n"
                    + stderr(stderrFile));
        }
        return p.exitValue();
    }

    /** Reads a process's stdout lines on a daemon thread, so a test can wait for one with a timeout. */
    public static BlockingQueue<String> stdoutLines(Process p) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process was killed mid-line: the lines read so far are what counts
            }
            lines.add(EOF);
        }, "stdout of child " + p.pid());
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    /** Marks the end of a child's stdout in {@link #stdoutLines(Process)}. */
    public static final String EOF = "\u0000EOF";

    /** Waits for the line {@code expected}, failing on any other line, on end of output, or after {@code seconds}. */
    public static void expectLine(BlockingQueue<String> lines, String expected, long seconds, Path stderrFile)
            throws InterruptedException {
        String line = lines.poll(seconds, TimeUnit.SECONDS);
        if (!expected.equals(line)) {
            throw new AssertionError("expected the child to print '" + expected + "' within " + seconds + " s but got "
                    + (line == null ? "nothing" : EOF.equals(line) ? "end of output" : "'" + line + "'")
                    + "; class path " + describeClassPath() + "; stderr:\n" + stderr(stderrFile));
        }
    }

    public static String stderr(Path stderrFile) {
        try {
            return Files.exists(stderrFile) ? Files.readString(stderrFile) : "(none)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** @return the class path entries, for messages */
    static String describeClassPath() {
        String cp = classPath();
        return cp.split(File.pathSeparator).length + " entries, first " + cp.split(File.pathSeparator)[0];
    }
}
