package io.tierstate.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierstate.migration.fixtures.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlatHomeTest {

    @TempDir
    Path home;

    @Test
    void open_folderOfStateFiles_usesItAsTheDeploymentsDirectory() throws Exception {
        Files.write(home.resolve("gpu-global.json"), Fixtures.bytes("v2-gpu-tier3.json"));

        FileStateStore store = FileStateStore.open(home);

        assertThat(store.deploymentsDirectory()).isEqualTo(home.toAbsolutePath().normalize());
        assertThat(store.describe()).contains("state files directly in it");
        assertThat(store.find("gpu-global")).isPresent();
    }

    @Test
    void open_homeWithOnlyTierStatesOwnJsonFiles_keepsTheGeuseMakerLayout() throws Exception {
        Files.writeString(home.resolve("sim-cloud.json"), "{\"format\": \"tierstate-simulated-cloud\"}");

        FileStateStore store = FileStateStore.open(home);

        assertThat(store.deploymentsDirectory()).isEqualTo(home.toAbsolutePath().normalize().resolve("deployments"));
        assertThat(store.list().problems()).isEmpty();
    }
}
