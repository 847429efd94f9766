package io.tierstate.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierstate.error.CorruptStateException;
import io.tierstate.error.TierStateException;
import io.tierstate.internal.StateCodec;
import io.tierstate.store.engine.CurrentSchemaReaderTest;
import io.tierstate.migration.UnsupportedSchemaVersionException;
import io.tierstate.migration.fixtures.Fixtures;
import io.tierstate.model.DeploymentState;
import io.tierstate.port.StateListing;
import io.tierstate.port.StateProblem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listing a large home (read by a small pool of threads) gives what reading each file alone gives:
 * the same states, the same problems, in file-name order, and writes nothing.
 */
class FileStateStoreListTest {

    @TempDir
    Path home;

    @Test
    void list_largeMixedHome_equalsReadingEachFileAlone() {
        Random random = new Random(11);
        Path dir = home.resolve("deployments");
        String v2 = Fixtures.text("v2-gpu-tier3.json");
        String v1 = Fixtures.text("v1-dev-tier1.json");
        for (int i = 0; i < 500; i++) {
            String name = String.format("d%04d", i);
            String text = switch (i % 10) {
                case 0 -> v2.replace("gpu-global", name);                           // v2: the full path
                case 1 -> v1.replace("dev-sandbox", name);                          // v1: the full path
                case 2 -> "{\"schema_version\": 3, \"stack_name\": \"" + name + "\", \"status\": ";   // corrupt
                case 3 -> "{\"schema_version\": 9, \"stack_name\": \"" + name + "\", \"status\": \"running\","
                        + " \"config\": {\"tier\": \"dev\"}}";                     // too new
                default -> new String(StateCodec.write(CurrentSchemaReaderTest.randomState(random).withStackName(name)
                        .withConfig(StoreFiles.minimal(name).config())), StandardCharsets.UTF_8);  // v3: the fast path
            };
            StoreFiles.write(dir.resolve(name + ".json"), text.getBytes(StandardCharsets.UTF_8));
        }
        StoreFiles.write(dir.resolve("Not_A_Name.json"), "{}".getBytes(StandardCharsets.UTF_8));
        var before = StoreFiles.snapshot(home);
        FileStateStore store = FileStateStore.open(home);

        StateListing listing = store.list();

        List<DeploymentState> expectedStates = new ArrayList<>();
        List<String> expectedProblems = new ArrayList<>();
        for (String name : store.names()) {
            try {
                Optional<DeploymentState> s = store.find(name);
                s.ifPresent(expectedStates::add);
            } catch (TierStateException | IllegalArgumentException e) {
                expectedProblems.add(name);
            }
        }
        assertThat(listing.states()).hasSize(400).containsExactlyElementsOf(expectedStates);
        assertThat(listing.problems()).extracting(StateProblem::name).containsExactlyElementsOf(expectedProblems);
        assertThat(listing.problems()).filteredOn(p -> p.name().equals("d0002")).singleElement()
                .satisfies(p -> assertThat(p.error()).isInstanceOf(CorruptStateException.class)
                        .hasMessageContaining("d0002.json").hasMessageContaining("line 1"));
        assertThat(listing.problems()).filteredOn(p -> p.name().equals("d0003")).singleElement()
                .satisfies(p -> assertThat(p.error()).isInstanceOf(UnsupportedSchemaVersionException.class));
        assertThat(listing.problems()).filteredOn(p -> p.name().equals("Not_A_Name")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("not a valid stack name"));
        assertThat(StoreFiles.snapshot(home)).isEqualTo(before);
    }

    @Test
    void list_repeated_givesTheSameListing() {
        Random random = new Random(5);
        for (int i = 0; i < 200; i++) {
            String name = "r" + i;
            StoreFiles.write(home.resolve("deployments").resolve(name + ".json"),
                    StateCodec.write(CurrentSchemaReaderTest.randomState(random).withStackName(name)
                            .withConfig(StoreFiles.minimal(name).config())));
        }
        FileStateStore store = FileStateStore.open(home);

        StateListing first = store.list();

        for (int i = 0; i < 5; i++) {
            assertThat(store.list()).isEqualTo(first);
        }
    }
}
