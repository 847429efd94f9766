package io.tierstate.destroy;

import io.tierstate.error.CloudOperationException;
import io.tierstate.error.DeploymentNotFoundException;
import io.tierstate.error.DestroyBlockedException;
import io.tierstate.error.DestroyOptionsChangedException;
import io.tierstate.error.LeaseHeldException;
import io.tierstate.error.LeaseLostException;
import io.tierstate.error.ResourceInUseException;
import io.tierstate.error.ResourcesMissingException;
import io.tierstate.error.TierStateException;
import io.tierstate.model.CloudFrontStatus;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.DestroyJournal;
import io.tierstate.model.DestroyStepRecord;
import io.tierstate.model.Status;
import io.tierstate.port.Cloud;
import io.tierstate.port.CloudClock;
import io.tierstate.port.Distribution;
import io.tierstate.port.StateLease;
import io.tierstate.port.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a destroy: a single-threaded scheduler that advances step state machines one cloud
 * call at a time and sleeps on the cloud's clock until the next one is due. SEQUENTIAL runs one
 * step at a time in plan order; OVERLAPPED runs every step whose dependencies are finished.
 *
 * <p>Before any write it finds the deployment's region and account, checks them against the cloud,
 * describes every resource to delete ({@link Survey}) and stops when nothing recorded exists or a
 * protected resource is in the way. Its options are journaled with the first run and honoured by
 * every resume; it keeps one {@code pre-destroy} backup, and its journal writes take no routine one.
 */
final class DestroyRun {

    private static final Logger LOG = LoggerFactory.getLogger(DestroyRun.class);

    /** Retries of a throttled or failed (5xx) call before the step fails, for a cloud that does not retry itself. */
    static final int MAX_TRANSIENT_RETRIES = 10;

    /** How long a delete that is refused because something still uses the resource is retried. */
    static final Duration IN_USE_LIMIT = Duration.ofMinutes(20);

    /** Short, and renewed while the destroy runs, so a crashed destroy on another host blocks a resume for minutes, not hours. */
    static final Duration LEASE_TTL = Duration.ofMinutes(5);

    /** The label of the backup kept before the first write of a destroy. */
    static final String PRE_DESTROY = "pre-destroy";

    private final String name;
    private final StateStore store;
    private final Cloud root;
    private final Destroy.Settings settings;
    private final Cancellation cancelled;
    private final Map<StepKind, DestroyReport.StepResult> results = new EnumMap<>(StepKind.class);
    private Cloud cloud;
    private CloudClock clock;
    private DeploymentState state;
    private StateLease lease;
    private Options options;
    private List<Finding> findings = List.of();
    private int cloudCalls;
    /** When this run started, on the cloud's clock: the timeline's zero. */
    private Instant runStart;
    private int pollCalls;

    /** The options that change what is deleted, as this run applies them. */
    record Options(boolean preserveEfs, boolean deferCloudFront, boolean disableProtection, Set<String> includedProvenances) {}

    DestroyRun(String name, StateStore store, Cloud cloud, Destroy.Settings settings, Cancellation cancelled) {
        this.name = name;
        this.store = store;
        this.root = cloud;
        this.settings = settings;
        this.cancelled = cancelled;
    }

    DestroyReport run() {
        lease = store.acquireLease(name, owner(), LEASE_TTL, DestroyRun::isDeadLocalDestroy);
        try {
            return runLeased();
        } finally {
            lease.close();
        }
    }

    private DestroyReport runLeased() {
        state = store.find(name).orElseThrow(() -> new DeploymentNotFoundException(name, store.describe()));
        DeploymentTarget target = DeploymentTarget.of(state, root);
        cloud = target.session(root);
        clock = cloud.clock();
        cloud.verifyAccess(); // no credentials: fail before the state says destroying
        target.check(cloud);
        options = resolveOptions(state.destroyProgress(), settings);
        String where = cloud.describe();
        DestroyPlan plan = Planner.plan(state, settings.strategy(), options.preserveEfs(), options.deferCloudFront(),
                options.includedProvenances());
        Instant start = clock.now();
        runStart = start;
        Survey survey = new Survey(cloud, state, settings.pollPolicy(), cancelled);
        findings = survey.run(plan);
        cloudCalls += survey.calls;
        pollCalls += survey.polls;
        boolean allMissing = refuseWhatBlocks(name, plan.withFindings(findings, where), options, settings.assumeGone());
        if (state.destroyProgress().isEmpty()) {
            store.keepBackup(name, PRE_DESTROY); // the state from before the destroy, never pruned
        }
        Optional<String> account = cloud.callerAccountId();
        String region = target.region();
        write(s -> s.withStatus(Status.DESTROYING).withDestroyProgress(journalWithOptions(s.destroyProgress(), start, region,
                account)));
        List<StepRunner> runners = new ArrayList<>();
        Map<StepKind, StepRunner> byKind = new EnumMap<>(StepKind.class);
        Context ctx = new Context();
        for (DestroyStep step : plan.steps()) {
            if (step.deletes()) {
                StepRunner r = Steps.runnerFor(step, options.deferCloudFront());
                r.countFrom(start);
                runners.add(r);
                byKind.put(step.kind(), r);
            } else {
                DestroyReport.SkipReason why = switch (step.action()) {
                    case SKIP_REUSED -> DestroyReport.SkipReason.REUSED;
                    case SKIP_PRESERVED -> DestroyReport.SkipReason.PRESERVED;
                    default -> DestroyReport.SkipReason.ALREADY_DONE;
                };
                results.put(step.kind(), new DestroyReport.StepResult(step.kind(), DestroyReport.Result.SKIPPED, Optional.of(why),
                        Optional.empty(), step.resourceIds(), step.reason(), Duration.ZERO, 0));
                emit(new ProgressEvent(name, step.id(), ProgressEvent.Phase.SKIPPED, step.reason(), Duration.ZERO, 1, start));
            }
        }
        for (StepRunner r : runners) {
            List<String> gone = r.step.resourceIds().stream().filter(id -> found(r.kind(), id, Finding.Kind.GONE)).toList();
            boolean vpcGone = r.kind() == StepKind.VPC_DEPENDENTS && found(StepKind.VPC, r.step.resourceIds().get(0), Finding.Kind.GONE);
            if (vpcGone || !gone.isEmpty() && gone.size() == r.step.resourceIds().size()) {
                r.startedAt = start;
                if (allMissing) {
                    ctx.assumedGone(r, "every describe in " + where + " found nothing");
                } else {
                    ctx.gone(r, "a describe found nothing in " + where);
                }
            } else if (r instanceof Steps.PerResource p) {
                p.remaining.removeAll(gone);
            }
        }
        boolean timedOut = schedule(runners, byKind, start.plus(settings.timeout()), ctx);
        return finish(plan, runners, start, timedOut, where);
    }

    private boolean found(StepKind step, String id, Finding.Kind kind) {
        return findings.stream().anyMatch(f -> f.step() == step && f.resourceId().equals(id) && f.kind() == kind);
    }

    /**
     * Stops a destroy, before anything is written, that nothing recorded exists for or that a protected
     * resource stands in the way of.
     *
     * @param plan the plan with the survey's findings
     * @return whether every recorded resource is missing (so {@code assumeGone} applies)
     * @throws ResourcesMissingException when none of the recorded resources exists and assumeGone was not given
     * @throws DestroyBlockedException when a resource is protected and protection may not be disabled
     */
    static boolean refuseWhatBlocks(String name, DestroyPlan plan, Options options, boolean assumeGone) {
        List<DestroyStep> deleting = plan.deletions().stream().filter(s -> s.kind() != StepKind.VPC_DEPENDENTS).toList();
        List<String> toDelete = deleting.stream().flatMap(s -> s.resourceIds().stream()).toList();
        boolean earlierRunDidSomething = plan.steps().stream().anyMatch(s -> s.action() == DestroyStep.Action.ALREADY_DONE);
        boolean allMissing = !toDelete.isEmpty() && !earlierRunDidSomething && deleting.stream()
                .allMatch(s -> s.resourceIds().stream().allMatch(id -> plan.findings().stream()
                        .anyMatch(f -> f.step() == s.kind() && f.resourceId().equals(id) && f.kind() == Finding.Kind.GONE)));
        if (allMissing && !assumeGone) {
            throw new ResourcesMissingException(name, plan.checkedIn().orElse("the cloud"), toDelete,
                    "forget the state with destroy().assumeGone() (tierstate destroy " + name + " --assume-gone)");
        }
        List<String> blockers = plan.blockers().stream().map(Finding::toString).toList();
        if (!blockers.isEmpty() && !options.disableProtection()) {
            throw new DestroyBlockedException(name, blockers, "turn the protection off, or let destroy do it first with"
                    + " destroy().disableProtection() (tierstate destroy " + name + " --disable-protection)");
        }
        return allMissing;
    }

    /** The journaled options win on a resume; a different explicit value is refused unless changing them was asked for. */
    static Options resolveOptions(Optional<DestroyJournal> journal, Destroy.Settings settings) {
        if (journal.isEmpty()) {
            return new Options(settings.preserveEfs().orElse(false), settings.deferCloudFront().orElse(false) && !settings.completePending(),
                    settings.disableProtection().orElse(false), settings.includedProvenances());
        }
        DestroyJournal j = journal.get();
        String name = settings.deployment();
        boolean preserve = resolve(name, "preserve EFS (--preserve-efs)", j.preserveEfs(), settings.preserveEfs(), settings);
        boolean defer = settings.completePending() ? false
                : resolve(name, "defer CloudFront deletion (--defer-cloudfront)", j.deferCloudFront(), settings.deferCloudFront(), settings);
        boolean unprotect = resolve(name, "disable protection (--disable-protection)", j.disableProtection(),
                settings.disableProtection(), settings);
        Set<String> journaledIncluded = Set.copyOf(j.includeProvenance());
        Set<String> included = journaledIncluded;
        if (!settings.includedProvenances().isEmpty() && !settings.includedProvenances().equals(journaledIncluded)) {
            if (!settings.changeOptions()) {
                throw new DestroyOptionsChangedException(name, "included provenances (--include-provenance)",
                        journaledIncluded.toString(), settings.includedProvenances().toString(), "change them on purpose with"
                                + " destroy().changeOptions() (tierstate destroy " + name + " --change-options)");
            }
            included = settings.includedProvenances();
        }
        return new Options(preserve, defer, unprotect, included);
    }

    private static boolean resolve(String name, String option, boolean journaled, Optional<Boolean> given, Destroy.Settings settings) {
        if (given.isEmpty() || given.get() == journaled) {
            return journaled;
        }
        if (!settings.changeOptions()) {
            throw new DestroyOptionsChangedException(name, option, String.valueOf(journaled), String.valueOf(given.get()),
                    "change it on purpose with destroy().changeOptions() (tierstate destroy " + name + " --change-options)");
        }
        return given.get();
    }

    private DestroyJournal journalWithOptions(Optional<DestroyJournal> existing, Instant start, String region, Optional<String> account) {
        DestroyJournal j = existing.orElseGet(() -> DestroyJournal.builder()
                .startedAt(start.truncatedTo(ChronoUnit.MICROS))
                .strategy(settings.strategy().name().toLowerCase(Locale.ROOT)).build());
        DestroyJournal.Builder b = DestroyJournal.builder().from(j).preserveEfs(options.preserveEfs())
                .deferCloudFront(options.deferCloudFront()).disableProtection(options.disableProtection())
                .includeProvenance(new java.util.TreeSet<>(options.includedProvenances())).region(region);
        account.ifPresent(b::account);
        return b.build();
    }

    /** @return whether the destroy timed out */
    private boolean schedule(List<StepRunner> runners, Map<StepKind, StepRunner> byKind, Instant deadline, Context ctx) {
        while (true) {
            if (cancelled.isCancelled()) {
                return false;
            }
            boolean progressed = false;
            Instant nextDue = null;
            for (StepRunner r : runners) {
                if (r.finished()) {
                    continue;
                }
                Optional<StepRunner> blocker = blockingDependency(r, byKind);
                if (blocker.isPresent()) {
                    StepRunner b = blocker.get();
                    StepKind rootCause = b.blockedBy.orElse(b.kind());
                    if (b.result == DestroyReport.Result.PENDING) {
                        r.blockedBy = Optional.of(rootCause);
                        ctx.pending(r, "waits for the " + rootCause.noun() + "'s deletion, which is deferred");
                    } else {
                        skip(r, DestroyReport.SkipReason.DEPENDENCY_FAILED, rootCause, "not deleted: it waits for "
                                + b.kind().id() + (b.kind() == rootCause ? ", which failed" : ", which waits for " + rootCause.id()
                                + ", which failed"));
                    }
                    progressed = true;
                    continue;
                }
                if (!dependenciesDone(r, byKind)) {
                    if (settings.strategy() == Strategy.SEQUENTIAL) {
                        break;
                    }
                    continue;
                }
                if (r.due.isAfter(clock.now())) {
                    nextDue = nextDue == null || r.due.isBefore(nextDue) ? r.due : nextDue;
                } else {
                    advance(r, ctx);
                    progressed = true;
                }
                if (settings.strategy() == Strategy.SEQUENTIAL && !r.finished()) {
                    break; // one step at a time, in plan order
                }
            }
            if (runners.stream().allMatch(StepRunner::finished)) {
                return false;
            }
            if (clock.now().isAfter(deadline)) {
                for (StepRunner r : runners) {
                    if (!r.finished() && r.startedAt != null) {
                        ctx.fail(r, new DestroyTimeoutException(r.id(), r.waitingFor.isEmpty() ? "its next call" : r.waitingFor,
                                settings.timeout()));
                    } else if (!r.finished()) {
                        skip(r, DestroyReport.SkipReason.TIMED_OUT, null, "not started before the destroy timed out");
                    }
                }
                return true;
            }
            if (!progressed && nextDue != null) {
                renewLease();
                Duration sleep = Duration.between(clock.now(), nextDue.isAfter(deadline) ? deadline.plusMillis(1) : nextDue);
                cancelled.sleep(clock, sleep);
            } else if (!progressed) {
                for (StepRunner r : runners) {
                    if (!r.finished()) { // cannot happen with an acyclic graph; never loop forever
                        skip(r, DestroyReport.SkipReason.DEPENDENCY_FAILED, null, "its dependencies did not finish");
                    }
                }
                return false;
            }
        }
    }

    private void advance(StepRunner r, Context ctx) {
        if (r.startedAt == null) {
            r.startedAt = clock.now();
            r.enter(DestroyTimeline.Phase.REQUESTED, r.startedAt);
            emit(new ProgressEvent(name, r.id(), ProgressEvent.Phase.STARTED, "deleting " + String.join(", ",
                    r.step.resourceIds()), Duration.ZERO, 1, r.startedAt));
        }
        try {
            r.act(ctx);
        } catch (ResourceInUseException inUse) {
            if (r.inUseSince == null) {
                r.inUseSince = clock.now();
            }
            if (Duration.between(r.inUseSince, clock.now()).compareTo(IN_USE_LIMIT) > 0) {
                ctx.fail(r, inUse);
            } else {
                ctx.waitFor(r, "what still uses it to go (" + inUse.errorCode().orElse("in use") + ")");
            }
        } catch (CloudOperationException e) {
            // the AWS SDK retries throttling and 5xx itself: retrying here too would multiply its attempts
            if (e.retryable() && !cloud.retriesTransientErrors() && ++r.retries <= MAX_TRANSIENT_RETRIES) {
                Duration backoff = Duration.ofMillis(Math.min(30_000L, 1000L << Math.min(r.retries - 1, 5)));
                r.due = clock.now().plus(backoff);
                emit(new ProgressEvent(name, r.id(), ProgressEvent.Phase.RETRYING, e.errorCode().orElse("transient error")
                        + "; retrying in " + backoff.toSeconds() + " s", r.elapsed(clock.now()), r.retries, clock.now()));
            } else {
                ctx.fail(r, e);
            }
        } catch (TierStateException e) {
            throw e; // the state store failed, or the lease was lost: stop here, the journal has what is done
        } catch (RuntimeException e) {
            ctx.fail(r, e);
        }
    }

    private void skip(StepRunner r, DestroyReport.SkipReason why, StepKind blockedBy, String detail) {
        r.result = DestroyReport.Result.SKIPPED;
        r.skipReason = Optional.of(why);
        r.blockedBy = Optional.ofNullable(blockedBy);
        r.detail = detail;
        r.finishedAt = clock.now();
        r.closePhase(r.finishedAt);
        emit(new ProgressEvent(name, r.id(), ProgressEvent.Phase.SKIPPED, detail, r.elapsed(clock.now()), 1, clock.now()));
    }

    /** A dependency that finished without its resources gone: failed, skipped for a failure, or pending. */
    private Optional<StepRunner> blockingDependency(StepRunner r, Map<StepKind, StepRunner> byKind) {
        for (StepKind dep : r.step.dependsOn()) {
            StepRunner d = byKind.get(dep);
            if (d != null && d.finished() && d.result != DestroyReport.Result.DELETED && d.result != DestroyReport.Result.ALREADY_GONE) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    private boolean dependenciesDone(StepRunner r, Map<StepKind, StepRunner> byKind) {
        for (StepKind dep : r.step.dependsOn()) {
            StepRunner d = byKind.get(dep);
            if (d != null && !d.finished()) {
                return false;
            }
        }
        return true;
    }

    private DestroyReport finish(DestroyPlan plan, List<StepRunner> runners, Instant start, boolean timedOut, String where) {
        Instant end = clock.now();
        boolean wasCancelled = cancelled.isCancelled() && runners.stream().anyMatch(r -> !r.finished());
        for (StepRunner r : runners) {
            if (!r.finished()) {
                r.result = DestroyReport.Result.SKIPPED;
                r.skipReason = Optional.of(DestroyReport.SkipReason.CANCELLED);
                r.detail = "cancelled before it finished";
                r.closePhase(end);
            }
            results.put(r.kind(), new DestroyReport.StepResult(r.kind(), r.result, r.skipReason, r.blockedBy,
                    r.step.resourceIds(), r.detail, r.elapsed(end), r.calls));
        }
        List<DestroyReport.StepResult> ordered = plan.steps().stream().map(s -> results.get(s.kind())).toList();
        boolean failed = ordered.stream().anyMatch(DestroyReport.StepResult::leftBehind);
        boolean pending = ordered.stream().anyMatch(s -> s.result() == DestroyReport.Result.PENDING);
        DestroyReport.Outcome outcome = wasCancelled ? DestroyReport.Outcome.CANCELLED
                : failed || timedOut ? DestroyReport.Outcome.FAILED
                : pending ? DestroyReport.Outcome.PENDING_CLOUDFRONT
                : DestroyReport.Outcome.COMPLETED;
        Optional<String> archived = Optional.empty();
        Optional<Verification> verification = Optional.empty();
        if (outcome == DestroyReport.Outcome.COMPLETED) {
            Verifier verifier = new Verifier(cloud, state, where, false);
            Verification v = verifier.verify(Planner.plan(state, settings.strategy(), options.preserveEfs(), false,
                    options.includedProvenances()));
            cloudCalls += verifier.calls;
            verification = Optional.of(v);
            emit(new ProgressEvent(name, "verify", v.clean() ? ProgressEvent.Phase.DONE : ProgressEvent.Phase.FAILED, v.summary(),
                    Duration.between(start, clock.now()), 1, clock.now()));
            if (v.clean()) {
                Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
                write(s -> s.withStatus(Status.TERMINATED).withTerminatedAt(at)
                        .withDestroyProgress(s.destroyProgress().map(j -> j.withPendingCloudFrontDeletion(false))));
                archived = Optional.of(store.archive(name));
                LOG.debug("destroyed {}; verified and archived to {}", name, archived.get());
            } else {
                outcome = DestroyReport.Outcome.FAILED;
            }
        } else if (pending) {
            write(s -> s.withDestroyProgress(s.destroyProgress().map(j -> j.withPendingCloudFrontDeletion(true))));
        }
        Duration total = Duration.between(start, clock.now());
        Map<StepKind, List<DestroyTimeline.Span>> spans = new EnumMap<>(StepKind.class);
        runners.forEach(r -> spans.put(r.kind(), List.copyOf(r.spans)));
        DestroyTimeline timeline = DestroyTimeline.of(name, settings.strategy(), outcome, plan, ordered, spans,
                verification.map(v -> new DestroyTimeline.Span(DestroyTimeline.Phase.REQUESTED, Duration.between(start, end),
                        total)), verification.map(Verification::clean).orElse(false), total);
        return new DestroyReport(name, settings.strategy(), outcome, ordered, total, cloudCalls,
                pollCalls, archived, Optional.of(where), verification, timeline);
    }

    /** Every state write of the destroy: only while the lease is held, and without a routine backup. */
    private void write(UnaryOperator<DeploymentState> change) {
        ensureLease();
        state = store.updateProgress(name, change);
    }

    /** Before a write: a lease that lapsed (the process was paused) is renewed, and a lost one stops the destroy. */
    private void ensureLease() {
        if (Instant.now().isAfter(lease.expiresAt().minus(LEASE_TTL.dividedBy(3)))) {
            renewOrStop();
        }
    }

    /** During waits and back-off: renew when less than a third of the lease is left (on the store's wall clock). */
    private void renewLease() {
        if (Duration.between(Instant.now(), lease.expiresAt()).compareTo(LEASE_TTL.dividedBy(3)) < 0) {
            renewOrStop();
        }
    }

    private void renewOrStop() {
        try {
            lease.renew(LEASE_TTL);
        } catch (LeaseLostException e) {
            throw e;
        } catch (LeaseHeldException e) {
            throw new LeaseLostException(name, e.owner(), e.expiresAt());
        }
    }

    private void emit(ProgressEvent event) {
        for (DestroyListener l : settings.listeners()) {
            try {
                l.onProgress(event);
            } catch (RuntimeException e) {
                LOG.warn("a destroy progress listener failed; ignoring it", e);
            }
        }
    }

    private static String owner() {
        return "destroy@" + host() + ":" + ProcessHandle.current().pid();
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    /** A lease held by a destroy process on this host that no longer runs (killed, crashed) is stale. */
    static boolean isDeadLocalDestroy(String holder) {
        String prefix = "destroy@" + host() + ":";
        if (!holder.startsWith(prefix)) {
            return false;
        }
        try {
            long pid = Long.parseLong(holder.substring(prefix.length()));
            return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** What a step runner may do: call the cloud, wait, journal, report. */
    final class Context {

        Cloud cloud() {
            return cloud;
        }

        DeploymentState state() {
            return state;
        }

        Instant now() {
            return clock.now();
        }

        boolean isProtected(StepKind kind, String id) {
            return options.disableProtection() && findings.stream()
                    .anyMatch(f -> f.step() == kind && f.resourceId().equals(id) && f.kind() == Finding.Kind.PROTECTED);
        }

        <T> T call(StepRunner r, boolean poll, Supplier<T> call) {
            cloudCalls++;
            r.calls++;
            if (poll) {
                pollCalls++;
            }
            T result = call.get();
            r.retries = 0;
            return result;
        }

        /** Makes one cloud call that answers nothing, such as a delete. */
        void run(StepRunner r, Runnable call) {
            call(r, false, () -> {
                call.run();
                return null;
            });
        }

        /**
         * Takes one attempt of a wait: the answer when it is over; else null, with the next poll
         * scheduled by the waiter's policy, or the step failed (the waiter's timeout, or its failure condition).
         */
        <T> Waiter.Done<T> await(StepRunner r, Waiter<T> w) {
            if (!w.what().equals(r.waitKey)) {
                r.waitKey = w.what();
                r.waitStarted = clock.now();
                r.polls = 0;
            }
            Waiter.Attempt<T> a = call(r, r.polls > 0, w::attempt);
            if (a instanceof Waiter.Done<T> d) {
                r.waitKey = null;
                return d;
            }
            if (a instanceof Waiter.Failed<T> f) {
                fail(r, f.error());
                return null;
            }
            String status = ((Waiter.Again<T>) a).status();
            if (Duration.between(r.waitStarted, clock.now()).compareTo(w.timeout()) >= 0) {
                fail(r, new WaitTimeoutException(w.what(), status, w.timeout(), r.polls + 1));
                return null;
            }
            r.polls++;
            r.enter(DestroyTimeline.Phase.WAITING, clock.now());
            r.waitingFor = w.what() + (status.isEmpty() ? "" : " (" + status + ")");
            r.due = clock.now().plus(w.policy().interval(r.polls));
            emit(new ProgressEvent(name, r.id(), ProgressEvent.Phase.WAITING, "waiting for " + r.waitingFor,
                    r.elapsed(clock.now()), r.polls, clock.now()));
            return null;
        }

        void event(StepRunner r, ProgressEvent.Phase phase, String message) {
            if (phase == ProgressEvent.Phase.REQUESTED) {
                r.requested(clock.now());
            }
            emit(new ProgressEvent(name, r.id(), phase, message, r.elapsed(clock.now()), Math.max(1, r.polls), clock.now()));
        }

        /** The step is about to make its delete call: from here until its resources are gone it is deleting. */
        void deleting(StepRunner r) {
            r.enter(DestroyTimeline.Phase.DELETING, clock.now());
        }

        /** The step asks for something again (e.g. CloudFront re-enabled meanwhile): it is no longer deleting. */
        void requesting(StepRunner r) {
            r.enter(DestroyTimeline.Phase.REQUESTED, clock.now());
        }

        void waitFor(StepRunner r, String what) {
            r.polls++;
            r.enter(DestroyTimeline.Phase.WAITING, clock.now());
            r.waitingFor = what;
            r.due = clock.now().plus(settings.pollPolicy().interval(r.polls));
            emit(new ProgressEvent(name, r.id(), ProgressEvent.Phase.WAITING, "waiting for " + what,
                    r.elapsed(clock.now()), r.polls, clock.now()));
        }

        void done(StepRunner r, String detail) {
            end(r, DestroyReport.Result.DELETED, detail);
        }

        /** The step's resources were gone before it acted, as a describe confirmed. */
        void gone(StepRunner r, String how) {
            end(r, DestroyReport.Result.ALREADY_GONE, Planner.ALREADY_GONE + how);
        }

        /** The step's resources are taken for gone on request (assumeGone), every describe having found nothing. */
        void assumedGone(StepRunner r, String how) {
            end(r, DestroyReport.Result.ALREADY_GONE, Planner.ASSUMED_GONE + how);
        }

        private void end(StepRunner r, DestroyReport.Result result, String detail) {
            r.result = result;
            r.detail = detail;
            r.finishedAt = clock.now();
            r.closePhase(r.finishedAt);
            journal(r, Planner.DONE, null, List.of(), detail);
            emit(new ProgressEvent(name, r.id(), ProgressEvent.Phase.DONE, "gone: " + String.join(", ", r.step.resourceIds())
                    + " (" + detail + ")", r.elapsed(clock.now()), Math.max(1, r.polls), clock.now()));
        }

        void pending(StepRunner r, String detail) {
            r.result = DestroyReport.Result.PENDING;
            r.detail = detail;
            r.finishedAt = clock.now();
            r.closePhase(r.finishedAt);
            emit(new ProgressEvent(name, r.id(), ProgressEvent.Phase.PENDING, detail, r.elapsed(clock.now()), 1, clock.now()));
        }

        void fail(StepRunner r, RuntimeException e) {
            r.result = DestroyReport.Result.FAILED;
            r.detail = e.getMessage() == null ? e.toString() : e.getMessage();
            r.finishedAt = clock.now();
            r.closePhase(r.finishedAt);
            journal(r, "failed", r.detail, List.of(), null);
            emit(new ProgressEvent(name, r.id(), ProgressEvent.Phase.FAILED, r.detail, r.elapsed(clock.now()), 1, clock.now()));
        }

        void journal(StepRunner r, String status, String error, List<String> resources) {
            journal(r, status, error, resources, null);
        }

        /** Records the step's status in destroy_progress, replacing its earlier record. */
        void journal(StepRunner r, String status, String error, List<String> resources, String detail) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            DestroyStepRecord.Builder rec = DestroyStepRecord.builder().step(r.id()).status(status)
                    .attempts(r.calls).finishedAt(now).resources(resources);
            if (r.startedAt != null) {
                rec.startedAt(now.minus(r.elapsed(clock.now())).truncatedTo(ChronoUnit.MICROS));
                rec.runStartedAt(runStart.truncatedTo(ChronoUnit.MICROS));
                r.spansUntil(clock.now()).forEach(sp -> rec.addPhases(DestroyTimeline.record(sp)));
            }
            if (error != null) {
                rec.error(error.length() > 500 ? error.substring(0, 500) + "..." : error);
            }
            if (detail != null) {
                rec.detail(detail.length() > 500 ? detail.substring(0, 500) + "..." : detail);
            }
            DestroyStepRecord record = rec.build();
            write(s -> {
                DestroyJournal j = s.destroyProgress().orElseGet(() -> DestroyJournal.builder().build());
                List<DestroyStepRecord> steps = new ArrayList<>();
                j.steps().stream().filter(x -> !x.step().equals(r.id())).forEach(steps::add);
                steps.add(record);
                return s.withDestroyProgress(j.withSteps(steps));
            });
        }

        /** Keeps the state's CloudFront status current while waiting, writing only when it changes. */
        void recordCloudFront(Distribution d) {
            recordCloudFront(d.status(), d.enabled());
        }

        void recordCloudFront(CloudFrontStatus status, boolean enabled) {
            if (!Optional.of(status).equals(state.cloudFrontStatus()) || !Optional.of(enabled).equals(state.cloudFrontEnabled())) {
                Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
                write(s -> s.withCloudFrontStatus(status).withCloudFrontEnabled(enabled).withCloudFrontLastCheckedAt(at));
            }
        }
    }
}
