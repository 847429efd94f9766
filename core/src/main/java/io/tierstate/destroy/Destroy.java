package io.tierstate.destroy;

import io.tierstate.DeploymentNotFoundException;
import io.tierstate.model.StackName;
import io.tierstate.port.Cloud;
import io.tierstate.port.StateStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A destroy of one deployment, configured fluently, then planned, run or started. Only resources
 * the deployment created are deleted; every finished step is journaled in {@code destroy_progress},
 * so running destroy again after a crash, a failure or a cancel resumes and redoes nothing.
 *
 * <pre>{@code
 * DestroyReport report = client.deployment("gpu-global").destroy()
 *     .strategy(Strategy.OVERLAPPED)            // default SEQUENTIAL
 *     .preserveEfs()                             // keep the file system and its mount targets
 *     .onProgress(System.out::println)
 *     .run();                                    // blocking; start() runs it in the background
 *
 * client.deployment("gpu-global").destroy().deferCloudFrontDeletion().run();  // returns once the disable is requested
 * client.completePendingDestroys();                                          // later: delete the distributions
 * }</pre>
 *
 * <p>Defaults: {@link Strategy#SEQUENTIAL}, timeout 90 minutes (on the cloud's clock), polling
 * {@link PollPolicy#defaults()}.
 */
public final class Destroy {

    private final String name;
    private final StateStore store;
    private final Supplier<Cloud> cloud;
    private Strategy strategy = Strategy.SEQUENTIAL;
    private boolean preserveEfs;
    private boolean deferCloudFront;
    private final java.util.Set<String> includedProvenances = new java.util.LinkedHashSet<>();
    private Duration timeout = Duration.ofMinutes(90);
    private PollPolicy pollPolicy = PollPolicy.defaults();
    private final List<DestroyListener> listeners = new ArrayList<>();

    private Destroy(String name, StateStore store, Supplier<Cloud> cloud) {
        this.name = StackName.validate(name);
        this.store = Objects.requireNonNull(store, "store");
        this.cloud = Objects.requireNonNull(cloud, "cloud");
    }

    /**
     * A destroy of one deployment; usually reached through {@code client.deployment(name).destroy()}.
     *
     * @param name the stack name
     * @param store where its state is
     * @param cloud the cloud, asked for only when the destroy runs (so {@link #plan()} never starts one)
     * @return the destroy, with the defaults
     */
    public static Destroy of(String name, StateStore store, Supplier<Cloud> cloud) {
        return new Destroy(name, store, cloud);
    }

    /**
     * Chooses the order.
     *
     * @param value {@link Strategy#SEQUENTIAL} (default) or {@link Strategy#OVERLAPPED}
     * @return this destroy
     */
    public Destroy strategy(Strategy value) {
        this.strategy = Objects.requireNonNull(value, "strategy");
        return this;
    }

    /**
     * Keeps the EFS file system and its mount targets (and the network they sit in).
     *
     * @return this destroy
     */
    public Destroy preserveEfs() {
        this.preserveEfs = true;
        return this;
    }

    /**
     * Also deletes resources whose provenance is {@code value}, a value TierState does not know (or
     * {@code none}). By default such resources are kept and the plan says so; name the value here
     * once you have checked the resources are this deployment's. {@code reused}, {@code discovered}
     * and {@code auto_discovered} cannot be included: they are never deleted.
     *
     * @param value the provenance as written in {@code resource_provenance}, e.g. {@code imported}
     * @return this destroy
     * @throws IllegalArgumentException for a blank value or one that is never deleted
     */
    public Destroy includeProvenance(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("includeProvenance needs a value as written in resource_provenance, e.g."
                    + " includeProvenance(\"imported\")");
        }
        io.tierstate.model.Provenance p = io.tierstate.model.Provenance.of(value);
        if (p.neverDeleted()) {
            throw new IllegalArgumentException("provenance '" + value + "' marks resources this deployment did not create;"
                    + " TierState never deletes them, so it cannot be included");
        }
        includedProvenances.add(value);
        return this;
    }

    /**
     * Returns once the CloudFront disable is requested and everything else is gone, leaving the
     * deletion (after the ~15 minute propagation) to {@code client.completePendingDestroys()}.
     *
     * @return this destroy
     */
    public Destroy deferCloudFrontDeletion() {
        this.deferCloudFront = true;
        return this;
    }

    /**
     * Bounds the whole destroy; steps still waiting then fail and a later run resumes them.
     *
     * @param value positive (default 90 minutes)
     * @return this destroy
     */
    public Destroy timeout(Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("destroy timeout must be positive, was " + value);
        }
        this.timeout = value;
        return this;
    }

    /**
     * Sets how waits poll.
     *
     * @param value the poll policy (default 5 s, ×1.5, at most 30 s)
     * @return this destroy
     */
    public Destroy pollPolicy(PollPolicy value) {
        this.pollPolicy = Objects.requireNonNull(value, "pollPolicy");
        return this;
    }

    /**
     * Adds a progress listener (step, phase, elapsed, attempt); called on the destroying thread.
     *
     * @param listener e.g. {@code System.out::println}
     * @return this destroy
     */
    public Destroy onProgress(DestroyListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * What the destroy would do, without touching the cloud or the state.
     *
     * @return the plan
     * @throws DeploymentNotFoundException when no state is stored under the name
     */
    public DestroyPlan plan() {
        return Planner.plan(store.find(name).orElseThrow(() -> new DeploymentNotFoundException(name, store.describe())),
                strategy, preserveEfs, deferCloudFront, java.util.Set.copyOf(includedProvenances));
    }

    /**
     * Destroys, blocking until done, failed, or timed out. On success the state is archived and the
     * live state removed.
     *
     * @return the report
     * @throws io.tierstate.LeaseHeldException when another destroy of this deployment is running
     */
    public DestroyReport run() {
        return new DestroyRun(name, store, cloud.get(), settings(), new Cancellation()).run();
    }

    /**
     * Destroys on a background thread.
     *
     * @return the running operation: its future report, progress and cancel
     */
    public DestroyOperation start() {
        Cancellation cancellation = new Cancellation();
        AtomicReference<ProgressEvent> latest = new AtomicReference<>();
        List<DestroyListener> all = new ArrayList<>(listeners);
        all.add(latest::set);
        Settings settings = new Settings(strategy, preserveEfs, deferCloudFront, timeout, pollPolicy, List.copyOf(all),
                java.util.Set.copyOf(includedProvenances));
        CompletableFuture<DestroyReport> future = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                future.complete(new DestroyRun(name, store, cloud.get(), settings, cancellation).run());
            } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
            }
        }, "tierstate-destroy-" + name);
        worker.setDaemon(true);
        worker.start();
        return new DestroyOperation(future, cancellation::cancel, latest);
    }

    private Settings settings() {
        return new Settings(strategy, preserveEfs, deferCloudFront, timeout, pollPolicy, List.copyOf(listeners),
                java.util.Set.copyOf(includedProvenances));
    }

    /** The settings of one run. */
    record Settings(Strategy strategy, boolean preserveEfs, boolean deferCloudFront, Duration timeout, PollPolicy pollPolicy,
            List<DestroyListener> listeners, java.util.Set<String> includedProvenances) {
        Settings(Strategy strategy, boolean preserveEfs, boolean deferCloudFront, Duration timeout, PollPolicy pollPolicy,
                List<DestroyListener> listeners) {
            this(strategy, preserveEfs, deferCloudFront, timeout, pollPolicy, listeners, java.util.Set.of());
        }
    }
}
