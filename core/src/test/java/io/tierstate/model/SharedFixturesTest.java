package io.tierstate.model;

import io.tierstate.StateJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tierstate.internal.StateCodec;
import io.tierstate.migration.fixtures.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The project keeps a copy of the shared GeuseMaker fixtures in the migration test-jar; when the
 * shared folder is beside the checkout (as in CI), every file there must load, migrate and
 * round-trip too, so fixtures added there are covered without copying them by hand.
 */
class SharedFixturesTest {

    private static Path sharedFixtures() {
        for (Path candidate : List.of(Path.of("..", "..", "shared", "fixtures", "geusemaker"),
                Path.of("..", "shared", "fixtures", "geusemaker"))) {
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @Test
    void everySharedFixture_loadsMigratesAndRoundTrips() throws IOException {
        Path dir = sharedFixtures();
        Assumptions.assumeTrue(dir != null, "../shared/fixtures/geusemaker is not beside this checkout; the copies in the"
                + " migration test-jar are tested instead");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            DeploymentState state = StateJson.read(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            String written = StateJson.write(state);
            assertThat(StateJson.read(written)).as(file.toString()).isEqualTo(state);
            JsonNode migrated = StateCodec.migrate(StateCodec.parseTree(bytes, file.toString()), file.toString()).document();
            assertThat(StateJsonTest.normalized(StateCodec.mapper().readTree(written))).as(file.toString())
                    .isEqualTo(StateJsonTest.normalized(migrated));
            String name = file.getFileName().toString();
            if (Fixtures.all().contains(name)) {
                assertThat(Fixtures.bytes(name)).as("the test-jar copy of " + name + " is current").isEqualTo(bytes);
            }
        }
    }
}
