package io.tierstate.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File chores of the benchmarks that are not measured: removing a home, flushing setup writes. */
final class BenchFiles {

    private BenchFiles() {}

    /**
     * Deletes a directory tree; nothing happens when it does not exist.
     *
     * @param dir the directory
     * @throws IOException when something cannot be deleted
     */
    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Runs {@code sync(1)}, so the dirty pages a setup left (thousands of files written without
     * fsync) are not flushed by the next timed {@code fsync} and charged to it. Does nothing where
     * there is no {@code /usr/bin/sync} or {@code /bin/sync}.
     *
     * @throws IOException when it cannot be started
     * @throws InterruptedException when interrupted while it runs
     */
    static void sync() throws IOException, InterruptedException {
        for (String sync : new String[] {"/usr/bin/sync", "/bin/sync"}) {
            if (Files.isExecutable(Path.of(sync))) {
                new ProcessBuilder(sync).inheritIO().start().waitFor();
                return;
            }
        }
    }
}
