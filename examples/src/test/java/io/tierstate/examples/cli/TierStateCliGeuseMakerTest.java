package io.tierstate.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tierstate.migration.fixtures.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands for a home shared with GeuseMaker: export --schema 2, backups, restore, --geusemaker-compat. */
class TierStateCliGeuseMakerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path home;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @BeforeEach
    void aGeuseMakerHome() throws IOException {
        for (String dir : new String[] {"config", "cache", "backups/gpu-global"}) {
            Files.createDirectories(home.resolve(dir));
        }
        Path d = Files.createDirectories(home.resolve("deployments"));
        Files.write(d.resolve("gpu-global.json"), Fixtures.bytes("v2-gpu-tier3.json"));
        try (var gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(
                home.resolve("backups/gpu-global/gpu-global-20260101T101010123456Z.json.gz")))) {
            gz.write(Fixtures.bytes("v2-gpu-tier3.json"));
        }
    }

    @Test
    void export_schema2_printsWhatGeuseMakerReads_andListsWhatItLeavesOut() throws IOException {
        run("--home", home.toString(), "migrate");

        CliRun r = run("--home", home.toString(), "export", "gpu-global", "--schema", "2");

        assertThat(r.status()).as(r.err()).isZero();
        JsonNode v2 = MAPPER.readTree(r.out());
        assertThat(v2.get("schema_version").asInt()).isEqualTo(2);
        assertThat(v2.get("cloudfront_id").asText()).isEqualTo("E2QWRUHAPOMQZL");
        assertThat(v2.has("cloudfront_distribution_id")).isFalse();
        assertThat(v2.has("gpu_enabled")).isFalse();
        assertThat(r.err()).contains("leaves them out").contains("gpu_enabled = true");

        Path file = home.resolve("handed-back.json");
        CliRun toFile = run("--home", home.toString(), "export", "gpu-global", "--schema", "3", "--output", file.toString());
        assertThat(toFile.status()).isZero();
        assertThat(MAPPER.readTree(file.toFile()).get("schema_version").asInt()).isEqualTo(3);
        assertThat(run("--home", home.toString(), "export", "gpu-global", "--schema", "1").status()).isEqualTo(2);
    }

    @Test
    void aGeuseMakerHome_isWrittenInTheSharedForm_unlessCompatibilityIsOff() throws IOException {
        assertThat(run("--home", home.toString(), "migrate").status()).isZero();
        JsonNode shared = MAPPER.readTree(home.resolve("deployments/gpu-global.json").toFile());
        assertThat(shared.get("schema_version").asInt()).isEqualTo(2);
        assertThat(shared.get("tierstate_schema_version").asInt()).isEqualTo(3);

        assertThat(run("--home", home.toString(), "--geusemaker-compat", "off", "migrate").status()).isZero();
        assertThat(MAPPER.readTree(home.resolve("deployments/gpu-global.json").toFile()).get("schema_version").asInt()).isEqualTo(3);
        assertThat(run("--home", home.toString(), "--geusemaker-compat", "sideways", "list").status()).isEqualTo(2);
    }

    @Test
    void backupsAndRestore_coverGeuseMakersBackupsToo() {
        run("--home", home.toString(), "migrate");

        CliRun list = run("--home", home.toString(), "backups", "gpu-global");
        CliRun json = run("--home", home.toString(), "--json", "backups", "gpu-global");

        assertThat(list.out()).contains("geusemaker").contains("tierstate").contains("schema-v2");
        assertThat(json.out()).contains("\"written_by\": \"geusemaker\"");
        CliRun restored = run("--home", home.toString(), "restore", "gpu-global", "gpu-global-20260101T101010123456Z.json.gz");
        assertThat(restored.status()).as(restored.err()).isZero();
        assertThat(restored.out()).contains("written by geusemaker");
        assertThat(run("--home", home.toString(), "restore", "gpu-global", "nope.json.gz").err()).contains("tierstate backups gpu-global");
        assertThat(run("--home", home.toString(), "restore", "gpu-global", "latest").status()).isZero();
        assertThat(run("--home", home.toString(), "backups", "nobody").out()).contains("no backups of 'nobody'");
    }
}
