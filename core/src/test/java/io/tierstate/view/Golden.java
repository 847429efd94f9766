package io.tierstate.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares rendered text with a golden file under {@code src/test/resources/golden/}, exactly.
 * Run with {@code -Dtierstate.golden.update=true} to rewrite the files after an intended change,
 * then review the diff before committing it.
 */
final class Golden {

    private static final boolean UPDATE = Boolean.getBoolean("tierstate.golden.update");

    private Golden() {}

    static void assertMatches(String name, String actual) {
        String resource = "golden/" + name + ".txt";
        if (UPDATE) {
            try {
                Path file = Path.of("src/test/resources", resource);
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        try (InputStream in = Golden.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as("golden file %s is missing; create it with -Dtierstate.golden.update=true", resource)
                    .isNotNull();
            String expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(actual).as("rendered text differs from %s", resource).isEqualTo(expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
