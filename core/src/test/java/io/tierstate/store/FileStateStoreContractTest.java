package io.tierstate.store;

import io.tierstate.port.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/** The file store keeps every promise of the state store port. */
class FileStateStoreContractTest extends StateStoreContract {

    @TempDir
    Path home;

    @Override
    protected StateStore openStore() {
        return FileStateStore.open(home);
    }

    @Override
    protected StateStore openSecondClient() {
        return FileStateStore.open(home);
    }

    @Override
    protected void plantDocument(String name, byte[] document) {
        StoreFiles.write(home.resolve("deployments").resolve(name + ".json"), document);
    }

    @Override
    protected Optional<byte[]> storedDocument(String name) {
        Path file = home.resolve("deployments").resolve(name + ".json");
        return Files.exists(file) ? Optional.of(StoreFiles.read(file)) : Optional.empty();
    }

    @Override
    protected Object storageFingerprint() {
        return StoreFiles.snapshot(home);
    }

    @Override
    protected boolean writersTakeALock() {
        return true;
    }
}
