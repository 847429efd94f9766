package io.tierstate;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierstate.migration.fixtures.Fixtures;
import io.tierstate.store.CopyReport;
import io.tierstate.store.FileStateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyToTest {

    @TempDir
    Path tmp;

    @Test
    void copyTo_movesEveryDeploymentIntoAnotherStoreAndReportsIt() throws Exception {
        Path home = tmp.resolve("from");
        Files.createDirectories(home.resolve("deployments"));
        Files.write(home.resolve("deployments/gpu-global.json"), Fixtures.bytes("v2-gpu-tier3.json"));
        FileStateStore target = FileStateStore.open(tmp.resolve("to"));
        try (DeploymentClient client = DeploymentClient.builder().home(home).build()) {

            CopyReport report = client.copyTo(target);

            assertThat(report.with(CopyReport.Result.COPIED)).extracting(CopyReport.Item::name).containsExactly("gpu-global");
            assertThat(target.find("gpu-global")).isPresent();
            assertThat(report.toJson()).contains("\"result\": \"copied\"");
            assertThat(report.toString()).contains("1 copied");
            assertThat(Files.readAllBytes(home.resolve("deployments/gpu-global.json"))).isEqualTo(Fixtures.bytes("v2-gpu-tier3.json"));
        }
    }
}
