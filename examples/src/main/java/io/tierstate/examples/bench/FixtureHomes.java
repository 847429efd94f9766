package io.tierstate.examples.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tierstate.port.MigrationOutcome;
import io.tierstate.store.FileStateStore;
import io.tierstate.store.GeuseMakerCompat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Homes for the write-path benchmark, made from one state file copied under many names: the file's
 * bytes as they are (GeuseMaker's formatting kept), with every JSON string that equals its
 * {@code stack_name} (the top-level field, {@code config.stack_name}, the embedded earlier states)
 * replaced by the copy's name, so each file is the file of the name it holds, as the store checks.
 * Names have a fixed width, so every copy, and every document the store writes for it, has the same
 * size.
 */
final class FixtureHomes {

    private final String fixtureName;
    private final String v2;
    private final String v3;

    private FixtureHomes(String fixtureName, String v2, String v3) {
        this.fixtureName = fixtureName;
        this.v2 = v2;
        this.v3 = v3;
    }

    /**
     * Reads the fixture and works out, once, the bytes the file store writes when it migrates it
     * (by migrating one copy in a scratch home), for the floor program and for homes of current
     * documents.
     *
     * @param fixture the state file, e.g. {@code ../shared/fixtures/geusemaker-real/gpu-head-full.json}
     * @return the homes maker
     * @throws IllegalArgumentException when the file is absent or names no {@code stack_name}
     * @throws IOException when it cannot be read or the scratch home cannot be written
     */
    static FixtureHomes of(Path fixture) throws IOException {
        if (!Files.isRegularFile(fixture)) {
            throw new IllegalArgumentException("the fixture " + fixture.toAbsolutePath().normalize() + " does not exist;"
                    + " run from the repository's directory with ../shared/fixtures beside it, or give --fixture PATH");
        }
        byte[] bytes = Files.readAllBytes(fixture);
        JsonNode name = new ObjectMapper().readTree(bytes).path("stack_name");
        if (!name.isTextual() || name.asText().isEmpty()) {
            throw new IllegalArgumentException("the fixture " + fixture + " has no top-level \"stack_name\"; give a"
                    + " deployment state file with --fixture PATH");
        }
        String v2 = new String(bytes, StandardCharsets.UTF_8);
        Path scratch = Files.createTempDirectory("tierstate-bench-fixture-");
        try {
            FixtureHomes partial = new FixtureHomes(name.asText(), v2, null);
            partial.writeOld(scratch, 1);
            try (FileStateStore store = store(scratch)) {
                List<MigrationOutcome> outcomes = store.migrateAll(false);
                if (outcomes.size() != 1 || outcomes.get(0).result() != MigrationOutcome.Result.MIGRATED) {
                    throw new IllegalArgumentException("the fixture " + fixture + " does not migrate: " + outcomes
                            + "; give a schema v1 or v2 file with --fixture PATH");
                }
            }
            String v3 = Files.readString(scratch.resolve("deployments").resolve(name(0) + ".json"));
            return new FixtureHomes(name(0), v2.replace(quoted(name.asText()), quoted(name(0))), v3);
        } finally {
            BenchFiles.delete(scratch);
        }
    }

    /**
     * The store every part of the benchmark uses: a home of its own (compatibility mode off, so
     * migrate writes plain v3 whatever the home's name), the defaults otherwise.
     *
     * @param home the home
     * @return the store
     */
    static FileStateStore store(Path home) {
        return FileStateStore.builder().home(home).geusemakerCompat(GeuseMakerCompat.OFF).build();
    }

    /**
     * The name of the {@code i}-th copy.
     *
     * @param i from 0
     * @return e.g. {@code bench-000042}
     */
    static String name(int i) {
        return String.format(Locale.ROOT, "bench-%06d", i);
    }

    /**
     * The names of the first {@code count} copies.
     *
     * @param count how many
     * @return the names, sorted
     */
    static List<String> names(int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(name(i));
        }
        return names;
    }

    /** @return the bytes the store writes when it migrates a copy (every copy's are this size) */
    byte[] migratedBytes() {
        return v3.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes {@code count} copies of the fixture as it is (GeuseMaker's v2) into {@code home/deployments}.
     *
     * @param home the home (created when missing)
     * @param count how many
     * @return the bytes written
     * @throws IOException when a file cannot be written
     */
    long writeOld(Path home, int count) throws IOException {
        return write(home, count, v2);
    }

    /**
     * Writes {@code count} copies of the fixture as the store leaves it after a migration (v3).
     *
     * @param home the home (created when missing)
     * @param count how many
     * @return the bytes written
     * @throws IOException when a file cannot be written
     */
    long writeMigrated(Path home, int count) throws IOException {
        return write(home, count, v3);
    }

    private long write(Path home, int count, String template) throws IOException {
        Path dir = Files.createDirectories(home.resolve("deployments"));
        String from = quoted(fixtureName);
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            String name = name(i);
            byte[] doc = template.replace(from, quoted(name)).getBytes(StandardCharsets.UTF_8);
            Files.write(dir.resolve(name + ".json"), doc);
            bytes += doc.length;
        }
        return bytes;
    }

    private static String quoted(String s) {
        return '"' + s + '"';
    }
}
