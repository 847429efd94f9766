package io.tierstate.store;

import io.tierstate.model.DeploymentState;
import io.tierstate.port.MigrationOutcome;
import io.tierstate.port.StateBackup;
import io.tierstate.port.StateLease;
import io.tierstate.port.StateListing;
import io.tierstate.port.StateStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A store that forwards every call to another, for tests that change one behaviour of a real store.
 * {@code createCopy} is not forwarded: it keeps the port's default (a plain create), which tests of
 * copying rely on; override it to forward.
 */
public class ForwardingStateStore implements StateStore {

    protected final StateStore inner;

    /** @param inner the store every call goes to */
    public ForwardingStateStore(StateStore inner) {
        this.inner = inner;
    }

    @Override
    public String describe() {
        return "forwarding to " + inner.describe();
    }

    @Override
    public Optional<DeploymentState> find(String name) {
        return inner.find(name);
    }

    @Override
    public DeploymentState create(DeploymentState state) {
        return inner.create(state);
    }

    @Override
    public DeploymentState save(DeploymentState state) {
        return inner.save(state);
    }

    @Override
    public DeploymentState update(String name, UnaryOperator<DeploymentState> change) {
        return inner.update(name, change);
    }

    @Override
    public DeploymentState updateProgress(String name, UnaryOperator<DeploymentState> change) {
        return inner.updateProgress(name, change);
    }

    @Override
    public Optional<StateBackup> keepBackup(String name, String label) {
        return inner.keepBackup(name, label);
    }

    @Override
    public Optional<DeploymentState> latestArchive(String name) {
        return inner.latestArchive(name);
    }

    @Override
    public boolean delete(String name) {
        return inner.delete(name);
    }

    @Override
    public String archive(String name) {
        return inner.archive(name);
    }

    @Override
    public StateListing list() {
        return inner.list();
    }

    @Override
    public MigrationOutcome migrate(String name, boolean dryRun) {
        return inner.migrate(name, dryRun);
    }

    @Override
    public List<StateBackup> backups(String name) {
        return inner.backups(name);
    }

    @Override
    public DeploymentState restore(String name, StateBackup backup) {
        return inner.restore(name, backup);
    }

    @Override
    public StateLease acquireLease(String name, String owner, Duration ttl) {
        return inner.acquireLease(name, owner, ttl);
    }

    @Override
    public StateLease acquireLease(String name, String owner, Duration ttl, Predicate<String> isDead) {
        return inner.acquireLease(name, owner, ttl, isDead);
    }
}
