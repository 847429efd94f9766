package io.tierstate.examples.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Removing the temporary homes and profiles the pictures are made and rendered in. */
final class TempTrees {

    private TempTrees() {}

    /** Deletes a directory tree; a leftover temporary file is harmless, so what cannot be deleted stays. */
    static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }
}
