package io.tierstate.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierstate.error.StateStoreException;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.Status;
import io.tierstate.port.MigrationOutcome;
import io.tierstate.port.StateBackup;
import io.tierstate.port.StateLease;
import io.tierstate.port.StateListing;
import io.tierstate.port.StateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StateStores#copy} with targets that do not behave: the contract covers the ones that do. */
class StateStoresTest {

    @TempDir
    Path from;

    @TempDir
    Path to;

    @Test
    void copy_toAStoreThatCannotKeepSerials_comparesEverythingElse() {
        FileStateStore source = FileStateStore.open(from);
        source.create(StoreFiles.minimal("web"));
        source.update("web", s -> s.withStatus(Status.RUNNING));
        StateStore target = new Forwarding(FileStateStore.open(to)); // createCopy falls back to create

        CopyReport report = StateStores.copy(source, target);

        assertThat(report.items()).singleElement().satisfies(i -> {
            assertThat(i.result()).isEqualTo(CopyReport.Result.COPIED);
            assertThat(i.serial()).isEqualTo(2);
        });
        assertThat(target.find("web").orElseThrow().serial()).as("the target's own counter").isEqualTo(1);
        assertThat(StateStores.copy(source, target).items().get(0).result()).isEqualTo(CopyReport.Result.SKIPPED);
    }

    @Test
    void copy_whoseReadBackDiffers_fails() {
        FileStateStore source = FileStateStore.open(from);
        source.create(StoreFiles.minimal("web"));
        FileStateStore real = FileStateStore.open(to);
        StateStore lossy = new Forwarding(real) {
            @Override
            public DeploymentState createCopy(DeploymentState state) {
                return real.createCopy(state.withInstanceId("i-0wrong"));
            }
        };

        CopyReport report = StateStores.copy(source, lossy);

        assertThat(report.items()).singleElement().satisfies(i -> {
            assertThat(i.result()).isEqualTo(CopyReport.Result.FAILED);
            assertThat(i.detail()).contains("differs from the source in /instance_id");
        });
        assertThat(report.render()).contains("failed     web (serial 1): the copy read back differs");
    }

    @Test
    void copy_toAFailingStore_reportsEachDeploymentAndGoesOn() {
        FileStateStore source = FileStateStore.open(from);
        source.create(StoreFiles.minimal("one"));
        source.create(StoreFiles.minimal("two"));
        StateStore broken = new Forwarding(FileStateStore.open(to)) {
            @Override
            public Optional<DeploymentState> find(String name) {
                throw new StateStoreException("disk on fire", null);
            }
        };

        CopyReport report = StateStores.copy(source, broken);

        assertThat(report.with(CopyReport.Result.FAILED)).extracting(CopyReport.Item::name).containsExactly("one", "two");
        assertThat(report.items().get(0).detail()).isEqualTo("disk on fire");
    }

    @Test
    void copy_sameContentWithAnotherSerial_isSkipped_andSameSerialWithOtherContent_too() {
        FileStateStore source = FileStateStore.open(from);
        FileStateStore target = FileStateStore.open(to);
        source.createCopy(StoreFiles.minimal("web").withSerial(5).withInstanceId("i-1"));
        target.createCopy(StoreFiles.minimal("web").withSerial(5).withInstanceId("i-2"));

        CopyReport report = StateStores.copy(source, target);

        assertThat(report.items().get(0).result()).isEqualTo(CopyReport.Result.SKIPPED);
        assertThat(report.items().get(0).detail()).contains("same serial with other content (/instance_id)");
    }

    /** Forwards everything but {@code createCopy}, which keeps the port's default. */
    private static class Forwarding extends ForwardingStateStore {
        Forwarding(StateStore inner) {
            super(inner);
        }
    }
}
