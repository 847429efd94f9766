package io.tierstate.destroy;

import io.tierstate.CloudOperationException;
import io.tierstate.DeploymentNotFoundException;
import io.tierstate.ResourceInUseException;
import io.tierstate.TierStateException;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a destroy: a single-threaded scheduler that advances step state machines one cloud
 * call at a time and sleeps on the cloud's clock until the next one is due. SEQUENTIAL runs one
 * step at a time in plan order; OVERLAPPED runs every step whose dependencies are satisfied.
 */
final class DestroyRun {

    private static final Logger LOG = LoggerFactory.getLogger(DestroyRun.class);

    /** Retries of a throttled or failed (5xx) call before the step fails. */
    static final int MAX_TRANSIENT_RETRIES = 10;

    /** How long a delete that is refused because something still uses the resource is retried. */
    static final Duration IN_USE_LIMIT = Duration.ofMinutes(20);

    /** Short, and renewed while the destroy runs, so a crashed destroy on another host blocks a resume for minutes, not hours. */
    private static final Duration LEASE_TTL = Duration.ofMinutes(5);

    private final String name;
    private final StateStore store;
    private final Cloud cloud;
    private final CloudClock clock;
    private final Destroy.Settings settings;
    private final Cancellation cancelled;
    private final Map<String, DestroyReport.StepResult> results = new HashMap<>();
    private DeploymentState state;
    private StateLease lease;
    private int cloudCalls;
    private int pollCalls;

    DestroyRun(String name, StateStore store, Cloud cloud, Destroy.Settings settings, Cancellation cancelled) {
        this.name = name;
        this.store = store;
        this.cloud = cloud;
        this.clock = cloud.clock();
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
        cloud.verifyAccess(); // no credentials: fail before the state says destroying
        DestroyPlan plan = Planner.plan(state, settings.strategy(), settings.preserveEfs(), settings.deferCloudFront(),
                settings.includedProvenances());
        Instant start = clock.now();
        state = store.update(name, s -> s.withStatus(Status.DESTROYING).withDestroyProgress(
                s.destroyProgress().orElseGet(() -> DestroyJournal.builder()
                        .startedAt(start.truncatedTo(ChronoUnit.MICROS))
                        .strategy(settings.strategy().name().toLowerCase(Locale.ROOT))
                        .preserveEfs(settings.preserveEfs()).build())));
        List<StepRunner> runners = new ArrayList<>();
        Map<String, StepRunner> byId = new HashMap<>();
        for (DestroyStep step : plan.steps()) {
            if (step.deletes()) {
                StepRunner r = Steps.runnerFor(step, settings.deferCloudFront());
                runners.add(r);
                byId.put(step.id(), r);
            } else {
                results.put(step.id(), new DestroyReport.StepResult(step.id(), DestroyReport.Result.SKIPPED, step.reason(),
                        Duration.ZERO, 0));
                emit(new ProgressEvent(name, step.id(), ProgressEvent.Phase.SKIPPED, step.reason(), Duration.ZERO, 1, start));
            }
        }
        boolean timedOut = schedule(runners, byId, start.plus(settings.timeout()));
        return finish(plan, runners, start, timedOut);
    }

    /** @return whether the destroy timed out */
    private boolean schedule(List<StepRunner> runners, Map<String, StepRunner> byId, Instant deadline) {
        Context ctx = new Context();
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
                Optional<String> failedDep = failedDependency(r, byId);
                if (failedDep.isPresent()) {
                    skip(r, "skipped: depends on " + failedDep.get() + ", which failed");
                    progressed = true;
                    continue;
                }
                if (!dependenciesReady(r, byId)) {
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
                        skip(r, "skipped: not started before the destroy timed out");
                    }
                }
                return true;
            }
            if (!progressed && nextDue != null) {
                Duration sleep = Duration.between(clock.now(), nextDue.isAfter(deadline) ? deadline.plusMillis(1) : nextDue);
                cancelled.sleep(clock, sleep);
            } else if (!progressed) {
                // nothing can move: every open step waits on a dependency that will never finish
                for (StepRunner r : runners) {
                    if (!r.finished()) {
                        skip(r, "skipped: its dependencies did not finish");
                    }
                }
                return false;
            }
        }
    }

    private void advance(StepRunner r, Context ctx) {
        if (r.startedAt == null) {
            r.startedAt = clock.now();
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
            if (e.retryable() && ++r.retries <= MAX_TRANSIENT_RETRIES) {
                Duration backoff = Duration.ofMillis(Math.min(30_000L, 1000L << Math.min(r.retries - 1, 5)));
                r.due = clock.now().plus(backoff);
                emit(new ProgressEvent(name, r.id(), ProgressEvent.Phase.RETRYING, e.errorCode().orElse("transient error")
                        + "; retrying in " + backoff.toSeconds() + " s", r.elapsed(clock.now()), r.retries, clock.now()));
            } else {
                ctx.fail(r, e);
            }
        } catch (TierStateException e) {
            throw e; // the state store failed: stop here, the journal has what is done
        } catch (RuntimeException e) {
            ctx.fail(r, e);
        }
    }

    private void skip(StepRunner r, String why) {
        r.result = DestroyReport.Result.SKIPPED;
        r.detail = why;
        r.finishedAt = clock.now();
        emit(new ProgressEvent(name, r.id(), ProgressEvent.Phase.SKIPPED, why, r.elapsed(clock.now()), 1, clock.now()));
    }

    private Optional<String> failedDependency(StepRunner r, Map<String, StepRunner> byId) {
        for (String dep : r.step.dependsOn()) {
            StepRunner d = byId.get(dep);
            if (d != null && d.finished() && d.result != DestroyReport.Result.DELETED
                    && d.result != DestroyReport.Result.PENDING && !d.readyForDependants) {
                return Optional.of(dep);
            }
        }
        return Optional.empty();
    }

    private boolean dependenciesReady(StepRunner r, Map<String, StepRunner> byId) {
        for (String dep : r.step.dependsOn()) {
            StepRunner d = byId.get(dep);
            if (d != null && !(settings.strategy() == Strategy.OVERLAPPED ? d.unblocksDependants() : d.finished())) {
                return false;
            }
        }
        return true;
    }

    private DestroyReport finish(DestroyPlan plan, List<StepRunner> runners, Instant start, boolean timedOut) {
        Instant end = clock.now();
        boolean wasCancelled = cancelled.isCancelled() && runners.stream().anyMatch(r -> !r.finished());
        for (StepRunner r : runners) {
            if (!r.finished()) {
                r.result = DestroyReport.Result.SKIPPED;
                r.detail = "cancelled before it finished";
            }
            results.put(r.id(), new DestroyReport.StepResult(r.id(), r.result, r.detail, r.elapsed(end), r.calls));
        }
        List<DestroyReport.StepResult> ordered = plan.steps().stream().map(s -> results.get(s.id())).toList();
        boolean failed = ordered.stream().anyMatch(s -> s.result() == DestroyReport.Result.FAILED
                || s.detail().startsWith("skipped: ") || s.detail().startsWith("cancelled"));
        boolean pending = ordered.stream().anyMatch(s -> s.result() == DestroyReport.Result.PENDING);
        DestroyReport.Outcome outcome = wasCancelled ? DestroyReport.Outcome.CANCELLED
                : failed || timedOut ? DestroyReport.Outcome.FAILED
                : pending ? DestroyReport.Outcome.PENDING_CLOUDFRONT
                : DestroyReport.Outcome.COMPLETED;
        Optional<String> archived = Optional.empty();
        if (outcome == DestroyReport.Outcome.COMPLETED) {
            Instant at = end.truncatedTo(ChronoUnit.MICROS);
            store.update(name, s -> s.withStatus(Status.TERMINATED).withTerminatedAt(at)
                    .withDestroyProgress(s.destroyProgress().map(j -> j.withPendingCloudFrontDeletion(false))));
            archived = Optional.of(store.archive(name));
            LOG.debug("destroyed {}; state archived to {}", name, archived.get());
        } else if (pending) {
            store.update(name, s -> s.withDestroyProgress(s.destroyProgress().map(j -> j.withPendingCloudFrontDeletion(true))));
        }
        return new DestroyReport(name, settings.strategy(), outcome, ordered, Duration.between(start, end), cloudCalls,
                pollCalls, archived);
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

        void event(StepRunner r, ProgressEvent.Phase phase, String message) {
            emit(new ProgressEvent(name, r.id(), phase, message, r.elapsed(clock.now()), Math.max(1, r.polls), clock.now()));
        }

        void waitFor(StepRunner r, String what) {
            r.polls++;
            r.waitingFor = what;
            Duration interval = settings.pollPolicy().interval(r.polls);
            r.due = clock.now().plus(interval);
            emit(new ProgressEvent(name, r.id(), ProgressEvent.Phase.WAITING, "waiting for " + what,
                    r.elapsed(clock.now()), r.polls, clock.now()));
            renewLeaseIfNeeded();
        }

        void done(StepRunner r, String detail) {
            r.result = DestroyReport.Result.DELETED;
            r.detail = detail;
            r.finishedAt = clock.now();
            journal(r, Planner.DONE, null);
            emit(new ProgressEvent(name, r.id(), ProgressEvent.Phase.DONE, "gone: " + detail, r.elapsed(clock.now()),
                    Math.max(1, r.polls), clock.now()));
        }

        void pending(StepRunner r, String detail) {
            r.result = DestroyReport.Result.PENDING;
            r.detail = detail;
            r.finishedAt = clock.now();
            emit(new ProgressEvent(name, r.id(), ProgressEvent.Phase.PENDING, detail, r.elapsed(clock.now()), 1, clock.now()));
        }

        void fail(StepRunner r, RuntimeException e) {
            r.result = DestroyReport.Result.FAILED;
            r.detail = e.getMessage() == null ? e.toString() : e.getMessage();
            r.finishedAt = clock.now();
            journal(r, "failed", r.detail);
            emit(new ProgressEvent(name, r.id(), ProgressEvent.Phase.FAILED, r.detail, r.elapsed(clock.now()), 1, clock.now()));
        }

        /** Records the step's status in destroy_progress, replacing its earlier record. */
        void journal(StepRunner r, String status, String error) {
            Instant now = clock.now().truncatedTo(ChronoUnit.MICROS);
            DestroyStepRecord.Builder rec = DestroyStepRecord.builder().step(r.id()).status(status)
                    .attempts(r.calls).finishedAt(now);
            if (r.startedAt != null) {
                rec.startedAt(r.startedAt.truncatedTo(ChronoUnit.MICROS));
            }
            if (error != null) {
                rec.error(error.length() > 500 ? error.substring(0, 500) + "..." : error);
            }
            DestroyStepRecord record = rec.build();
            state = store.update(name, s -> {
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
                Instant at = clock.now().truncatedTo(ChronoUnit.MICROS);
                state = store.update(name, s -> s.withCloudFrontStatus(status).withCloudFrontEnabled(enabled)
                        .withCloudFrontLastCheckedAt(at));
            }
        }

        private void renewLeaseIfNeeded() {
            // the lease is on the store's wall clock, not the cloud's: renew when less than a third is left
            if (Duration.between(Instant.now(), lease.expiresAt()).compareTo(LEASE_TTL.dividedBy(3)) < 0) {
                lease.renew(LEASE_TTL);
            }
        }
    }
}
