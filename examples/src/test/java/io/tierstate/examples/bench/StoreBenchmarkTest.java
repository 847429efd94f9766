package io.tierstate.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tierstate.migration.fixtures.Fixtures;
import io.tierstate.migration.fixtures.RealFixtures;
import io.tierstate.store.FileStateStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write-path benchmark's loops on 20 files do the work they are timed for (the timings are not checked). */
class StoreBenchmarkTest {

    private static final int COUNT = 20;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path tmp;

    private FixtureHomes homes;
    private final List<String> names = FixtureHomes.names(COUNT);

    /** GeuseMaker's real file when the shared fixtures are beside the checkout, else the project's own v2 fixture. */
    @BeforeEach
    void fixture() throws IOException {
        Path real = RealFixtures.directory().map(d -> d.resolve("gpu-head-full.json")).orElse(null);
        if (real == null || !Files.isRegularFile(real)) {
            real = Files.write(tmp.resolve("fixture.json"), Fixtures.bytes("v2-gpu-tier3.json"));
        }
        homes = FixtureHomes.of(real);
    }

    @Test
    void migrate_leavesEveryCopyAV3DocumentOfItsNameWithTheOldBytesBackedUp() throws Exception {
        Path original = tmp.resolve("original");
        homes.writeOld(original, COUNT);
        Path home = tmp.resolve("migrate");

        StoreBenchmark.timeMigrate(homes, home, COUNT);

        for (String name : names) {
            Path file = home.resolve("deployments").resolve(name + ".json");
            JsonNode doc = MAPPER.readTree(file.toFile());
            assertThat(doc.path("schema_version").asInt()).as(name).isEqualTo(3);
            assertThat(doc.path("stack_name").asText()).isEqualTo(name);
            // the floor writes homes.migratedBytes() for every name: the same size as what migrate writes
            assertThat(Files.size(file)).isEqualTo(homes.migratedBytes().length);
            List<Path> backups = files(home.resolve("backups").resolve(name));
            assertThat(backups).singleElement().satisfies(b -> assertThat(b.getFileName().toString())
                    .startsWith(name + "-schema-v2-").endsWith(".json.gz"));
            assertThat(gunzip(backups.get(0))).isEqualTo(Files.readAllBytes(original.resolve("deployments").resolve(name + ".json")));
        }
    }

    @Test
    void floor_writesEveryBackupAndStateFileAndLeavesNoTempFile() throws Exception {
        Path original = tmp.resolve("original");
        homes.writeOld(original, COUNT);
        Path home = tmp.resolve("floor");

        StoreBenchmark.timeFloor(homes, home, COUNT);

        for (String name : names) {
            assertThat(home.resolve("deployments").resolve(name + ".json")).hasBinaryContent(homes.migratedBytes());
            List<Path> backups = files(home.resolve("backups").resolve(name));
            assertThat(backups).hasSize(1);
            assertThat(gunzip(backups.get(0))).isEqualTo(Files.readAllBytes(original.resolve("deployments").resolve(name + ".json")));
        }
        try (Stream<Path> all = Files.walk(home)) {
            assertThat(all.map(p -> p.getFileName().toString())).noneMatch(f -> f.contains(".tmp-"));
        }
    }

    @Test
    void update_changesEachTargetOnceAndNoOtherDeployment() throws Exception {
        Path home = tmp.resolve("update");

        StoreBenchmark.timeUpdate(homes, home, COUNT, 5);

        try (FileStateStore store = FixtureHomes.store(home)) {
            List<String> targets = Stream.of(0, 1, 2, 3, 4).map(i -> StoreBenchmark.updateTarget(names, i, 5)).toList();
            assertThat(targets).containsExactly(names.get(0), names.get(4), names.get(8), names.get(12), names.get(16));
            long before = MAPPER.readTree(homes.migratedBytes()).path("serial").asLong();
            for (String name : names) {
                var state = store.find(name).orElseThrow();
                int i = targets.indexOf(name);
                if (i >= 0) {
                    assertThat(state.publicIp()).as(name).contains("10.0.0." + i);
                    assertThat(state.serial()).isEqualTo(before + 1);
                    assertThat(store.backups(name)).hasSize(1);
                } else {
                    assertThat(state.serial()).as(name).isEqualTo(before);
                    assertThat(store.backups(name)).isEmpty();
                }
            }
        }
    }

    @Test
    void copy_intoAnotherFileStore_holdsEveryNameAndLeavesTheSourceAsItWas() throws Exception {
        Path source = tmp.resolve("source");
        homes.writeOld(source, COUNT);
        byte[] first = Files.readAllBytes(source.resolve("deployments").resolve(names.get(0) + ".json"));
        Path target = tmp.resolve("target");

        StoreBenchmark.timeCopy(source, COUNT, () -> FixtureHomes.store(target));

        try (FileStateStore to = FixtureHomes.store(target)) {
            assertThat(to.names()).containsExactlyElementsOf(names);
            assertThat(to.list().problems()).isEmpty();
        }
        assertThat(source.resolve("deployments").resolve(names.get(0) + ".json")).hasBinaryContent(first);
    }

    @Test
    void copy_intoAStoreThatAlreadyHoldsThem_failsSayingHowManyWereCopied() throws Exception {
        Path source = tmp.resolve("source");
        homes.writeOld(source, COUNT);
        Path target = tmp.resolve("target");
        StoreBenchmark.timeCopy(source, COUNT, () -> FixtureHomes.store(target));

        assertThatThrownBy(() -> StoreBenchmark.timeCopy(source, COUNT, () -> FixtureHomes.store(target)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("copied 0 of 20");
    }

    @Test
    void fixture_whenAbsent_isRefusedNamingTheOption() {
        Path missing = tmp.resolve("nowhere/gpu-head-full.json");

        assertThatThrownBy(() -> FixtureHomes.of(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist").hasMessageContaining("--fixture PATH");
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private static byte[] gunzip(Path gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Files.readAllBytes(gz)))) {
            return in.readAllBytes();
        }
    }
}
