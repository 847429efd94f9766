package io.tierstate.store;

import io.tierstate.store.spi.StoreBackend;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

/** The file backend keeps the SPI's primitives. */
class FileBackendContractTest extends StoreBackendContract {

    @TempDir
    Path home;

    @Override
    protected StoreBackend openBackend() {
        return new FileBackend(home, home.resolve("deployments"), Duration.ofSeconds(5), false);
    }
}
