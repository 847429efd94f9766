package io.tierstate.destroy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.DeploymentClient;
import io.tierstate.error.LeaseHeldException;
import io.tierstate.error.LeaseLostException;
import io.tierstate.model.DeploymentState;
import io.tierstate.port.StateLease;
import io.tierstate.port.StateStore;
import io.tierstate.sim.SimulatedCloud;
import io.tierstate.store.FileStateStore;
import io.tierstate.testing.Tier3World;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A destroy whose lease lapsed and was taken by another owner stops before its next write. */
class DestroyLeaseTest {

    @TempDir
    Path home;

    @Test
    void run_thatLostItsLeaseDuringAWait_stopsBeforeItsNextWrite_andTheJournalKeepsWhatWasDone() {
        SimulatedCloud sim = SimulatedCloud.builder().eventualConsistency(Duration.ZERO).build();
        AtomicBoolean stolen = new AtomicBoolean();
        AtomicInteger writesAfterTheft = new AtomicInteger();
        LosableLeases store = new LosableLeases(FileStateStore.open(home), stolen, writesAfterTheft);
        try (DeploymentClient client = DeploymentClient.builder().stateStore(store).cloud(sim).build()) {
            Tier3World.deploy(sim, client, "paused");
            Destroy destroy = client.deployment("paused").destroy().onProgress(e -> {
                if (e.step().equals("cloudfront") && e.phase() == ProgressEvent.Phase.WAITING && e.attempt() == 3) {
                    stolen.set(true); // the process was paused past the lease, and another destroy took it
                }
            });

            assertThatThrownBy(destroy::run).isInstanceOf(LeaseLostException.class).hasMessageContaining("thief@elsewhere");

            assertThat(stolen).isTrue();
            assertThat(writesAfterTheft).as("no write once the lease was lost").hasValue(0);
            DeploymentState kept = client.deployment("paused").state();
            assertThat(kept.destroyProgress()).hasValueSatisfying(j -> assertThat(j.step("cloudfront")).isPresent());
        }
    }

    /** A file store whose leases can be taken away, as when a paused process outlives its lease. */
    private static final class LosableLeases extends io.tierstate.store.ForwardingStateStore {
        private final AtomicBoolean stolen;
        private final AtomicInteger writesAfterTheft;

        LosableLeases(StateStore inner, AtomicBoolean stolen, AtomicInteger writesAfterTheft) {
            super(inner);
            this.stolen = stolen;
            this.writesAfterTheft = writesAfterTheft;
        }

        private void counting() {
            if (stolen.get()) {
                writesAfterTheft.incrementAndGet();
            }
        }

        @Override
        public StateLease acquireLease(String name, String owner, Duration ttl, Predicate<String> isDead) {
            StateLease real = inner.acquireLease(name, owner, ttl, isDead);
            return new StateLease() {
                @Override
                public String name() {
                    return real.name();
                }

                @Override
                public String owner() {
                    return real.owner();
                }

                @Override
                public Instant expiresAt() {
                    return stolen.get() ? Instant.now().minusSeconds(60) : real.expiresAt();
                }

                @Override
                public void renew(Duration again) {
                    if (stolen.get()) {
                        throw new LeaseHeldException(name, "thief@elsewhere:1", Instant.now().plusSeconds(300));
                    }
                    real.renew(again);
                }

                @Override
                public void close() {
                    real.close();
                }
            };
        }

        @Override
        public StateLease acquireLease(String name, String owner, Duration ttl) {
            return acquireLease(name, owner, ttl, x -> false);
        }

        @Override
        public DeploymentState update(String name, UnaryOperator<DeploymentState> change) {
            counting();
            return inner.update(name, change);
        }

        @Override
        public DeploymentState updateProgress(String name, UnaryOperator<DeploymentState> change) {
            counting();
            return inner.updateProgress(name, change);
        }

        @Override
        public DeploymentState save(DeploymentState state) {
            counting();
            return inner.save(state);
        }

        @Override
        public String archive(String name) {
            counting();
            return inner.archive(name);
        }

    }
}
