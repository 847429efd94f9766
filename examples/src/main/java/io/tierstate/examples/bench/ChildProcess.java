package io.tierstate.examples.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** Runs a whole process the way a user does, timing its wall clock and, where it can, its CPU. */
final class ChildProcess {

    /** GNU time, which reports a child's user and system CPU; absent on some machines. */
    static final File TIME = new File("/usr/bin/time");

    private ChildProcess() {}

    /** @return whether {@link #run} measures CPU time too */
    static boolean measuresCpu() {
        return TIME.canExecute();
    }

    /**
     * Runs a command with its stdout discarded and its stderr shown.
     *
     * @param command the command and its arguments
     * @return its wall time and, through /usr/bin/time when there is one (else 0), its CPU time, in ns
     * @throws IOException when it cannot be started
     * @throws InterruptedException when interrupted while it runs
     * @throws IllegalStateException when it exits with another status than 0
     */
    static long[] run(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        File cpuFile = null;
        if (measuresCpu()) {
            cpuFile = File.createTempFile("tierstate-bench-", ".time");
            full.addAll(List.of(TIME.getPath(), "-f", "%U %S", "-o", cpuFile.getPath()));
        }
        full.addAll(command);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(full).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int status = p.waitFor();
        long elapsed = System.nanoTime() - t0;
        if (status != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + status);
        }
        long cpu = 0;
        if (cpuFile != null) {
            String[] userSys = Files.readString(cpuFile.toPath()).trim().split("\\s+");
            cpu = (long) ((Double.parseDouble(userSys[userSys.length - 2])
                    + Double.parseDouble(userSys[userSys.length - 1])) * 1e9);
            Files.deleteIfExists(cpuFile.toPath());
        }
        return new long[] {elapsed, cpu};
    }
}
