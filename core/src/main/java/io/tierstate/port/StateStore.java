package io.tierstate.port;

import io.tierstate.model.DeploymentState;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where deployment state lives: the file store by default, or any store with the same guarantees.
 *
 * <p>Every implementation promises: a write is atomic (a reader sees the old or the new document,
 * never a torn one); no update is lost between concurrent writers (threads and processes), through
 * a per-deployment lock or optimistic concurrency on {@link DeploymentState#serial()}; reading never
 * writes; a document that cannot be read raises {@link io.tierstate.error.CorruptStateException} and is
 * left exactly as it was; names are checked with {@link io.tierstate.model.StackName} before use;
 * the previous document is kept as a backup before it is overwritten.
 */
public interface StateStore extends AutoCloseable {

    /** @return where this store keeps state, for messages, e.g. {@code file store at /home/me/.tierstate} */
    String describe();

    /**
     * Reads one deployment, migrated to the current schema in memory (nothing is written).
     *
     * @param name the stack name
     * @return the state, or empty when none is stored
     */
    Optional<DeploymentState> find(String name);

    /**
     * Stores a new deployment.
     *
     * @param state the state; its serial is ignored
     * @return the stored state (serial 1, {@code updated_at} set, {@code created_at} set when absent)
     * @throws io.tierstate.error.DeploymentExistsException when the name is taken
     */
    DeploymentState create(DeploymentState state);

    /**
     * Stores a deployment copied from another store as it is there: its serial, {@code created_at}
     * and {@code updated_at} are kept, so a later copy can tell an unchanged deployment from one that
     * moved on. {@code StateStores.copy} uses it. The default creates the state instead (serial 1,
     * {@code updated_at} now), for stores that cannot keep a given serial.
     *
     * @param state the state as read from the other store
     * @return the stored state
     * @throws io.tierstate.error.DeploymentExistsException when the name is taken
     */
    default DeploymentState createCopy(DeploymentState state) {
        return create(state);
    }

    /**
     * Stores a state that was read earlier, refusing it if someone else wrote since (its serial is
     * not the stored one). A state with serial 0 whose name is not stored yet is created.
     *
     * @param state the changed state
     * @return the stored state, serial incremented
     * @throws io.tierstate.error.StateConflictException when the stored state changed since it was read
     */
    DeploymentState save(DeploymentState state);

    /**
     * Atomically reads, changes and writes one deployment; concurrent updates are applied one after
     * the other and none is lost. When the function returns an equal state nothing is written.
     *
     * @param name the stack name
     * @param change the change; it may run more than once on stores that retry conflicts, so keep it free of side effects
     * @return the stored state
     * @throws io.tierstate.error.DeploymentNotFoundException when nothing is stored under the name
     */
    DeploymentState update(String name, UnaryOperator<DeploymentState> change);

    /**
     * Changes a deployment like {@link #update(String, UnaryOperator)}, without keeping a routine
     * backup of the document it replaces: for the many progress writes of a long operation that
     * kept a labelled backup first ({@link #keepBackup(String, String)}), so they do not push the
     * document from before the operation out of the routine backups. A document older than the
     * current schema is still backed up ({@code schema-vN}). The default is a plain update.
     *
     * @param name the stack name
     * @param change the change
     * @return the stored state
     * @throws io.tierstate.error.DeploymentNotFoundException when nothing is stored under the name
     */
    default DeploymentState updateProgress(String name, UnaryOperator<DeploymentState> change) {
        return update(name, change);
    }

    /**
     * Keeps a labelled backup of the stored document as it is now; labelled backups are never pruned.
     * Destroy keeps one labelled {@code pre-destroy} before its first write.
     *
     * @param name the stack name
     * @param label e.g. {@code pre-destroy}: lower-case letters, digits and dashes
     * @return the backup, or empty when the store keeps no labelled backups (the default)
     * @throws io.tierstate.error.DeploymentNotFoundException when nothing is stored under the name
     */
    default Optional<StateBackup> keepBackup(String name, String label) {
        return Optional.empty();
    }

    /**
     * Reads the newest archived state of a deployment (archived when a destroy completed), so what
     * it created can still be verified gone.
     *
     * @param name the stack name
     * @return the archived state, or empty when none is archived or the store keeps no archive (the default)
     */
    default Optional<DeploymentState> latestArchive(String name) {
        return Optional.empty();
    }

    /**
     * Removes a deployment's live state, keeping a backup of it.
     *
     * @param name the stack name
     * @return whether there was state to remove
     */
    boolean delete(String name);

    /**
     * Moves a deployment's state to the archive (after a completed destroy) and removes the live state.
     *
     * @param name the stack name
     * @return where the archived document is
     */
    String archive(String name);

    /**
     * Reads every deployment; a document that cannot be read is reported, not thrown.
     *
     * @return the readable states, by name, and the problems
     */
    StateListing list();

    /**
     * Reads every deployment like {@link #list()}, handing each readable state to {@code map} as soon
     * as it is read and keeping only what {@code map} returns, so a listing of many documents never
     * holds every full state at once (listing summaries of 10,000 deployments keeps 10,000 small rows,
     * not 10,000 states). {@code map} may run on several threads at once, so it must be safe to share;
     * what it throws is thrown from here, as from a one-by-one loop. The default lists, then maps.
     *
     * <pre>{@code
     * StateListing.Mapped<String> names = store.list(s -> s.gpuEnabled() ? s.stackName() : null);
     * }</pre>
     *
     * @param map what to keep of a state, or null to keep nothing of it
     * @param <T> what is kept
     * @return what was kept, in the order of {@link #list()}, and the problems
     */
    default <T> StateListing.Mapped<T> list(java.util.function.Function<? super DeploymentState, ? extends T> map) {
        StateListing all = list();
        List<T> kept = new java.util.ArrayList<>(all.states().size());
        for (DeploymentState s : all.states()) {
            T t = map.apply(s);
            if (t != null) {
                kept.add(t);
            }
        }
        return new StateListing.Mapped<>(kept, all.problems());
    }

    /**
     * Upgrades one stored document to the current schema, keeping a backup of the original bytes.
     *
     * @param name the stack name
     * @param dryRun when true, only report what would be done
     * @return what was (or would be) done
     */
    MigrationOutcome migrate(String name, boolean dryRun);

    /**
     * Upgrades every stored document, one by one; one that fails is reported as
     * {@link MigrationOutcome.Result#FAILED} and left untouched, and the others are still migrated.
     *
     * @param dryRun when true, only report what would be done
     * @return one outcome per document, by name
     */
    default List<MigrationOutcome> migrateAll(boolean dryRun) {
        StateListing listing = list();
        java.util.TreeMap<String, String> names = new java.util.TreeMap<>();
        listing.states().forEach(s -> names.put(s.stackName(), s.stackName()));
        listing.problems().forEach(p -> names.put(p.name(), p.source()));
        List<MigrationOutcome> outcomes = new java.util.ArrayList<>();
        names.forEach((name, source) -> {
            try {
                outcomes.add(migrate(name, dryRun));
            } catch (io.tierstate.error.TierStateException e) {
                outcomes.add(MigrationOutcome.failed(name, source, e.getMessage()));
            }
        });
        return outcomes;
    }

    /**
     * Lists the backups of one deployment, newest first.
     *
     * @param name the stack name
     * @return the backups
     */
    List<StateBackup> backups(String name);

    /**
     * Makes a backup the live state again (the current state is backed up first).
     *
     * @param name the stack name
     * @param backup one of {@link #backups(String)}
     * @return the restored state as now stored
     */
    DeploymentState restore(String name, StateBackup backup);

    /**
     * Takes the exclusive lease on a deployment for a long operation (destroy). Leases are
     * advisory between long operations; ordinary updates do not need one.
     *
     * @param name the stack name
     * @param owner who takes it, shown to whoever is refused, e.g. {@code destroy@host:pid}
     * @param ttl how long it lasts unless renewed
     * @return the lease; close it to release it
     * @throws io.tierstate.error.LeaseHeldException when another owner holds an unexpired lease
     */
    StateLease acquireLease(String name, String owner, java.time.Duration ttl);

    /**
     * Takes the lease like {@link #acquireLease(String, String, java.time.Duration)}, and also takes
     * over an unexpired lease whose owner the caller knows to be dead (a destroy process on this
     * host that was killed), so a crashed destroy can be resumed at once instead of after the lease
     * lapses. Stores that cannot take a lease over atomically keep the plain behaviour (the default).
     *
     * @param name the stack name
     * @param owner who takes it
     * @param ttl how long it lasts unless renewed
     * @param isDead tells whether the current holder is known to be gone
     * @return the lease
     * @throws io.tierstate.error.LeaseHeldException when a live owner holds an unexpired lease
     */
    default StateLease acquireLease(String name, String owner, java.time.Duration ttl,
            java.util.function.Predicate<String> isDead) {
        return acquireLease(name, owner, ttl);
    }

    /** Releases what the store holds; the default does nothing. */
    @Override
    default void close() {}
}
