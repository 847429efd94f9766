package io.tierstate.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierstate.migration.fixtures.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TierStateCliCopyTest {

    @TempDir
    Path tmp;

    private Path source;
    private int status;
    private String out;
    private String err;

    private void run(String... args) {
        CliRun r = CliRun.of(args);
        status = r.status();
        out = r.out();
        err = r.err();
    }

    @BeforeEach
    void geuseMakerHome() throws IOException {
        source = tmp.resolve("geusemaker");
        Path d = Files.createDirectories(source.resolve("deployments"));
        Files.write(d.resolve("gpu-global.json"), Fixtures.bytes("v2-gpu-tier3.json"));
        Files.write(d.resolve("team-automation.json"), Fixtures.bytes("v2-automation-tier2.json"));
    }

    @Test
    void copy_intoAnotherHome_verifiesEachAndLeavesTheSourceUntouched() throws IOException {
        byte[] before = Files.readAllBytes(source.resolve("deployments/gpu-global.json"));
        Path target = tmp.resolve("target");

        run("--home", source.toString(), "copy", "--to", target.toUri().toString());

        assertThat(status).as(err).isZero();
        assertThat(out).contains("2 copied");
        assertThat(Files.readAllBytes(source.resolve("deployments/gpu-global.json"))).isEqualTo(before);
        run("--store", target.toString(), "list");
        assertThat(out).contains("gpu-global").contains("team-automation");

        run("--home", source.toString(), "--json", "copy", "--to", target.toString());
        assertThat(status).isZero();
        assertThat(out).contains("\"result\": \"up_to_date\"");
    }

    @Test
    void copy_toAnUnknownScheme_isBadInput() {
        run("--home", source.toString(), "copy", "--to", "ftp://example/x");

        assertThat(status).isEqualTo(2);
        assertThat(err).contains("ftp://example/x").contains("postgresql://");
    }

    @Test
    void copy_withoutTo_isUsageError() {
        run("--home", source.toString(), "copy");

        assertThat(status).isEqualTo(2);
        assertThat(err).contains("--to");
    }
}
