package io.tierstate.destroy;

import io.tierstate.error.DeploymentNotFoundException;
import io.tierstate.model.StackName;
import io.tierstate.port.Cloud;
import io.tierstate.port.StateStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import io.tierstate.model.DeploymentState;
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
 * <p>The cloud is the client's: with the AWS adapter on the class path and no cloud given, that is
 * the real AWS account your credentials name. Every call goes to the region the state names. Before
 * it changes anything a run checks the account and region, describes every resource it is to delete
 * (stopping when none exists, see {@link #assumeGone()}, or when one is protected, see
 * {@link #disableProtection()}), and keeps a {@code pre-destroy} backup of the state. Options that
 * change what is deleted are journaled with the first run and kept by every resume.
 *
 * <p>Defaults: {@link Strategy#SEQUENTIAL}, timeout 90 minutes (on the cloud's clock), polling
 * {@link PollPolicy#defaults()}.
 */
public final class Destroy {

    private final String name;
    private final StateStore store;
    private final Supplier<Cloud> cloud;
    private Strategy strategy = Strategy.SEQUENTIAL;
    private Optional<Boolean> preserveEfs = Optional.empty();
    private Optional<Boolean> deferCloudFront = Optional.empty();
    private Optional<Boolean> disableProtection = Optional.empty();
    private boolean assumeGone;
    private boolean changeOptions;
    private boolean completePending;
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
        return preserveEfs(true);
    }

    /**
     * Says explicitly whether to keep EFS. Left unsaid, a resumed destroy keeps what its first run
     * chose; said with another value, a resume is refused unless {@link #changeOptions()}.
     *
     * @param value whether to keep the file system and its mount targets
     * @return this destroy
     */
    public Destroy preserveEfs(boolean value) {
        this.preserveEfs = Optional.of(value);
        return this;
    }

    /**
     * Returns once the CloudFront disable is requested and everything that does not wait for the
     * distribution's deletion is gone, leaving the deletion (after the ~15 minute propagation), and
     * the ALB, target group and network that wait for it, to {@code client.completePendingDestroys()}.
     *
     * @return this destroy
     */
    public Destroy deferCloudFrontDeletion() {
        this.deferCloudFront = Optional.of(true);
        return this;
    }

    /**
     * Also deletes resources whose provenance is {@code value}, a value TierState does not know (or
     * {@code none}). By default such resources are kept and the plan says so; name the value here
     * once you have checked the resources are this deployment's. {@code reused}, {@code discovered}
     * and {@code auto_discovered} cannot be included: they are never deleted. Journaled with the
     * first run, like the other options that change what is deleted.
     *
     * @param value the provenance as written in {@code resource_provenance}, e.g. {@code imported}
     * @return this destroy
     * @throws io.tierstate.error.InvalidInputException for a blank value or one that is never deleted
     */
    public Destroy includeProvenance(String value) {
        if (value == null || value.isBlank()) {
            throw new io.tierstate.error.InvalidInputException("includeProvenance needs a value as written in resource_provenance,"
                    + " e.g. includeProvenance(\"imported\")");
        }
        io.tierstate.model.Provenance p = io.tierstate.model.Provenance.of(value);
        if (p.neverDeleted()) {
            throw new io.tierstate.error.InvalidInputException("provenance '" + value + "' marks resources this deployment did not"
                    + " create; TierState never deletes them, so it cannot be included");
        }
        includedProvenances.add(value);
        return this;
    }

    /**
     * Lets destroy turn off EC2 termination protection and ALB deletion protection before deleting;
     * without it a protected resource stops the destroy before anything is deleted.
     *
     * @return this destroy
     */
    public Destroy disableProtection() {
        this.disableProtection = Optional.of(true);
        return this;
    }

    /**
     * Forgets a state none of whose resources exist: when every recorded resource reads NotFound
     * (a state from another account or region, an old copy), destroy otherwise stops and keeps the
     * state; with this it archives it.
     *
     * @return this destroy
     */
    public Destroy assumeGone() {
        this.assumeGone = true;
        return this;
    }

    /**
     * Allows a resume to change an option its first run journaled (preserve EFS, defer CloudFront,
     * disable protection); without it such a change is refused.
     *
     * @return this destroy
     */
    public Destroy changeOptions() {
        this.changeOptions = true;
        return this;
    }

    /**
     * Finishes a deferred destroy: the CloudFront deletion (and what waits for it) is done now, every
     * other journaled option kept. {@code client.completePendingDestroys()} runs this for every deferred destroy.
     *
     * @return this destroy
     */
    public Destroy completePending() {
        this.completePending = true;
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
            throw new io.tierstate.error.InvalidInputException("destroy timeout must be positive, was " + value);
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
        DeploymentState state = state();
        DestroyRun.Options o = DestroyRun.resolveOptions(state.destroyProgress(), settings());
        return Planner.plan(state, strategy, o.preserveEfs(), o.deferCloudFront(), o.includedProvenances());
    }

    /**
     * What the destroy would do, with every resource to delete described through the cloud (in the
     * deployment's region, after checking its account): what is there, what is already gone, and
     * what stands in the way. Changes nothing.
     *
     * @return the plan with its findings
     * @throws DeploymentNotFoundException when no state is stored under the name
     * @throws io.tierstate.error.CloudTargetMismatchException when the state names another account or region
     */
    public DestroyPlan planLive() {
        DeploymentState state = state();
        Cloud root = cloud.get();
        DeploymentTarget target = DeploymentTarget.of(state, root);
        Cloud session = target.session(root);
        session.verifyAccess();
        target.check(session);
        DestroyPlan plan = plan();
        return plan.withFindings(new Survey(session, state, pollPolicy, new Cancellation()).run(plan), session.describe());
    }

    /**
     * The live plan ({@link #planLive()}), refused the way {@link #run()} would refuse it, so a
     * caller can show it and ask for confirmation knowing the run will not stop at once.
     *
     * @return the plan with its findings
     * @throws ResourcesMissingException when none of the recorded resources exists (unless {@link #assumeGone()})
     * @throws DestroyBlockedException when a resource is protected (unless {@link #disableProtection()})
     */
    public DestroyPlan preflight() {
        DestroyPlan plan = planLive();
        DestroyRun.refuseWhatBlocks(name, plan, DestroyRun.resolveOptions(state().destroyProgress(), settings()), assumeGone);
        return plan;
    }

    /**
     * Checks that every resource the deployment created is gone and every one it kept is still
     * there, from its live state or, once destroyed, its archived state. Changes nothing.
     *
     * @return one check per resource; {@link Verification#clean()} when nothing is left
     * @throws DeploymentNotFoundException when neither a live nor an archived state exists
     */
    public Verification verify() {
        Optional<DeploymentState> live = store.find(name);
        DeploymentState state = live.or(() -> store.latestArchive(name))
                .orElseThrow(() -> new DeploymentNotFoundException(name, store.describe() + " (nor in its archive)"));
        Cloud root = cloud.get();
        DeploymentTarget target = DeploymentTarget.of(state, root);
        Cloud session = target.session(root);
        target.check(session);
        return new Verifier(session, state, session.describe(), live.isEmpty()).verify(DestroyPlan.of(state));
    }

    private DeploymentState state() {
        return store.find(name).orElseThrow(() -> new DeploymentNotFoundException(name, store.describe()));
    }

    /**
     * Destroys, blocking until done, failed, or timed out. On success the state is archived and the
     * live state removed.
     *
     * @return the report
     * @throws io.tierstate.error.LeaseHeldException when another destroy of this deployment is running
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
        Settings settings = settings(List.copyOf(all));
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
        return settings(List.copyOf(listeners));
    }

    private Settings settings(List<DestroyListener> to) {
        return new Settings(name, strategy, preserveEfs, deferCloudFront, disableProtection, assumeGone, changeOptions,
                completePending, timeout, pollPolicy, to, java.util.Set.copyOf(includedProvenances));
    }

    /** The settings of one run; an empty option was not given and defers to the journal. */
    record Settings(String deployment, Strategy strategy, Optional<Boolean> preserveEfs, Optional<Boolean> deferCloudFront,
            Optional<Boolean> disableProtection, boolean assumeGone, boolean changeOptions, boolean completePending,
            Duration timeout, PollPolicy pollPolicy, List<DestroyListener> listeners, java.util.Set<String> includedProvenances) {}

    @Override
    public String toString() {
        return "Destroy[" + name + ", " + strategy.name().toLowerCase(java.util.Locale.ROOT)
                + preserveEfs.map(v -> ", preserveEfs " + v).orElse("") + deferCloudFront.map(v -> ", deferCloudFront " + v).orElse("")
                + disableProtection.map(v -> ", disableProtection " + v).orElse("") + (assumeGone ? ", assumeGone" : "")
                + (changeOptions ? ", changeOptions" : "") + (includedProvenances.isEmpty() ? "" : ", include " + includedProvenances)
                + ", timeout " + (timeout.toSeconds() % 60 == 0 ? timeout.toMinutes() + " min" : timeout.toSeconds() + " s") + "]";
    }
}
