package io.tierstate;

import io.tierstate.cost.CostEstimate;
import io.tierstate.cost.UsageProfile;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.StackName;
import io.tierstate.port.StateBackup;
import io.tierstate.port.StateStore;
import io.tierstate.view.Inspection;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One deployment, by name: read its state, change it atomically, delete it. A handle is cheap,
 * immutable and holds no state of its own; every call goes to the store.
 *
 * <pre>{@code
 * DeploymentHandle d = client.deployment("gpu-global");
 * d.update(s -> s.withStatus(Status.RUNNING));
 * System.out.println(d.state().cloudFrontDomainName().orElse("no CloudFront yet"));
 * }</pre>
 */
public final class DeploymentHandle {

    private final String name;
    private final DeploymentClient client;
    private final StateStore store;

    DeploymentHandle(String name, DeploymentClient client) {
        this.name = StackName.validate(name);
        this.client = client;
        this.store = client.stateStore();
    }

    /** @return the stack name */
    public String name() {
        return name;
    }

    /**
     * Reads the state (migrated to schema v3 in memory; nothing is written).
     *
     * @return the state
     * @throws DeploymentNotFoundException when nothing is stored under this name
     * @throws CorruptStateException when the stored document cannot be read
     */
    public DeploymentState state() {
        return store.find(name).orElseThrow(() -> new DeploymentNotFoundException(name, store.describe()));
    }

    /** @return the state, or empty when nothing is stored under this name */
    public Optional<DeploymentState> find() {
        return store.find(name);
    }

    /** @return whether state is stored under this name */
    public boolean exists() {
        return store.find(name).isPresent();
    }

    /**
     * Stores a new deployment under this name.
     *
     * @param initial the first state; its stack name must be this handle's
     * @return the stored state
     * @throws DeploymentExistsException when the name is taken
     */
    public DeploymentState create(DeploymentState initial) {
        requireOwn(initial);
        return store.create(initial);
    }

    /**
     * Atomically reads, changes and writes the state; concurrent updates, from threads or processes,
     * are applied one after another and none is lost.
     *
     * @param change the change, e.g. {@code s -> s.withStatus(Status.RUNNING)}; keep it free of side effects
     * @return the stored state
     * @throws DeploymentNotFoundException when nothing is stored under this name
     */
    public DeploymentState update(UnaryOperator<DeploymentState> change) {
        return store.update(name, change);
    }

    /**
     * Stores a state read earlier, refusing it when someone else wrote in between.
     *
     * @param state the changed state
     * @return the stored state
     * @throws StateConflictException when the stored state changed since {@code state} was read
     */
    public DeploymentState save(DeploymentState state) {
        requireOwn(state);
        return store.save(state);
    }

    /**
     * Deletes the live state, keeping a backup. This forgets the deployment; it does not touch the
     * cloud.
     *
     * @return whether there was state to delete
     */
    public boolean delete() {
        return store.delete(name);
    }

    /** @return the kept backups, newest first */
    public List<StateBackup> backups() {
        return store.backups(name);
    }

    /**
     * Makes a backup the live state again; the current state is backed up first.
     *
     * @param backup one of {@link #backups()}
     * @return the restored state
     */
    public DeploymentState restore(StateBackup backup) {
        return store.restore(name, backup);
    }

    /**
     * Estimates the monthly cost of what the state holds, with the default usage profile
     * (1,000,000 HTTPS requests, 100 GB out, 1 LCU, 100 GB on EFS).
     *
     * @return the estimate with its line items
     * @throws io.tierstate.cost.UnknownPriceException when the catalog has no price for the instance type
     */
    public CostEstimate estimateCost() {
        return estimateCost(UsageProfile.defaults());
    }

    /**
     * Estimates the monthly cost of what the state holds: EC2 (on demand, or the recorded spot
     * price), EFS, the ALB when present, CloudFront when present. Reads local state only; no cloud
     * call is made.
     *
     * @param usage the expected usage
     * @return the estimate with its line items
     * @throws io.tierstate.cost.UnknownPriceException when the catalog has no price for the instance type
     */
    public CostEstimate estimateCost(UsageProfile usage) {
        return client.estimator().estimate(CostSubjects.of(state()), usage);
    }

    /**
     * Inspects the deployment for people ({@code render()}, also its {@code toString()}) and
     * pipelines ({@code toJson()}), priced with the default usage profile. Reads local state only.
     *
     * @return the inspection; an unknown instance price makes its cost unknown, not the call fail
     * @throws DeploymentNotFoundException when nothing is stored under this name
     */
    public Inspection inspect() {
        return inspect(UsageProfile.defaults());
    }

    /**
     * Inspects the deployment, pricing it with the given usage.
     *
     * @param usage the expected usage
     * @return the inspection
     * @throws DeploymentNotFoundException when nothing is stored under this name
     */
    public Inspection inspect(UsageProfile usage) {
        return Inspection.of(state(), client.estimator(), usage);
    }

    private void requireOwn(DeploymentState state) {
        if (!state.stackName().equals(name)) {
            throw new IllegalArgumentException("state of '" + state.stackName() + "' given to the handle of '" + name
                    + "'; use client.deployment(\"" + state.stackName() + "\")");
        }
    }

    @Override
    public String toString() {
        return "deployment '" + name + "' in " + store.describe();
    }
}
