package io.tierstate.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierstate.internal.StateCodec;
import io.tierstate.migration.fixtures.Fixtures;
import io.tierstate.model.DeploymentConfig;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.Status;
import io.tierstate.model.Tier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Test helpers for the file store: small states, fixtures placed in a home, and snapshots of a home's bytes. */
final class StoreFiles {

    private StoreFiles() {}

    /** @return a valid v3 state with only the required fields, the given name and serial 0 */
    static DeploymentState minimal(String name) {
        return DeploymentState.builder()
                .stackName(name)
                .status(Status.CREATING)
                .config(DeploymentConfig.builder().stackName(name).tier(Tier.DEV).build())
                .build();
    }

    /**
     * Copies a GeuseMaker fixture into {@code home/deployments/} under its stack name, as GeuseMaker
     * would have named it.
     *
     * @return the stack name
     */
    static String placeFixture(Path home, String fixture) {
        String name = Fixtures.load(fixture).get("stack_name").asText();
        write(home.resolve("deployments").resolve(name + ".json"), Fixtures.bytes(fixture));
        return name;
    }

    static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gunzip(Path file) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot gunzip " + file, e);
        }
    }

    /** Parses a document the way every store reader does; throws when it is torn or otherwise unreadable. */
    static DeploymentState parse(byte[] bytes, Path source) {
        return StateCodec.read(bytes, source.toString());
    }

    /**
     * Every directory and file under {@code home}, by relative path: {@code "dir"} for a directory,
     * the SHA-256 of the content for a file. Streams files, so a 50 MB file is cheap to snapshot.
     */
    static Map<String, String> snapshot(Path home) {
        Map<String, String> entries = new TreeMap<>();
        if (!Files.exists(home)) {
            return entries;
        }
        try (Stream<Path> walk = Files.walk(home)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String key = home.relativize(p).toString();
                entries.put(key, Files.isDirectory(p) ? "dir" : sha256(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** Asserts that nothing under {@code home} changed, except for files and directories added under {@code locks/}. */
    static void assertUnchangedExceptLocks(Path home, Map<String, String> before) {
        Map<String, String> after = snapshot(home);
        after.keySet().removeIf(k -> (k.equals("locks") || k.startsWith("locks/")) && !before.containsKey(k));
        assertThat(after).as("every file and directory under %s", home).isEqualTo(before);
    }

    private static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    digest.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
