package io.tierstate.destroy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One step as a small state machine the scheduler advances one cloud call at a time, so that a
 * single thread can interleave many waits (OVERLAPPED) on a real or a virtual clock.
 */
abstract class StepRunner {

    final DestroyStep step;
    Instant due = Instant.MIN;
    Instant startedAt;
    Instant finishedAt;
    int calls;
    int polls;
    int retries;
    Instant inUseSince;
    DestroyReport.Result result;
    Optional<DestroyReport.SkipReason> skipReason = Optional.empty();
    Optional<StepKind> blockedBy = Optional.empty();
    String detail = "";
    String waitingFor = "";
    /** The wait in progress: what it awaits and when it began, so each wait has its own timeout and poll count. */
    String waitKey;
    Instant waitStarted;
    /** The step's phases so far, for the timeline: requested, then waiting and deleting as they came. */
    final List<DestroyTimeline.Span> spans = new ArrayList<>();
    private DestroyTimeline.Phase phase;
    private Instant phaseSince;
    private boolean deleting;
    /** When the run started, on the cloud's clock: the spans are counted from it. */
    private Instant origin;

    StepRunner(DestroyStep step) {
        this.step = step;
    }

    StepKind kind() {
        return step.kind();
    }

    String id() {
        return step.id();
    }

    boolean finished() {
        return result != null;
    }

    Duration elapsed(Instant now) {
        return startedAt == null ? Duration.ZERO : Duration.between(startedAt, finishedAt != null ? finishedAt : now);
    }

    /** Counts this step's spans from the run's start. */
    void countFrom(Instant runStart) {
        this.origin = runStart;
    }

    /** The step enters a phase at {@code at} (a no-op when it is in it already). */
    void enter(DestroyTimeline.Phase next, Instant at) {
        if (next == DestroyTimeline.Phase.DELETING) {
            deleting = true;
        } else if (next == DestroyTimeline.Phase.REQUESTED) {
            deleting = false;
        } else if (deleting) {
            next = DestroyTimeline.Phase.DELETING; // waiting for its own resources to go is part of deleting them
        }
        if (next == phase) {
            return;
        }
        closePhase(at);
        phase = next;
        phaseSince = at;
    }

    /** A request was made: a wait that was not for its own deletion is over. */
    void requested(Instant at) {
        if (phase == DestroyTimeline.Phase.WAITING) {
            enter(DestroyTimeline.Phase.REQUESTED, at);
        }
    }

    /** @return the phases so far, the open one up to {@code now} */
    List<DestroyTimeline.Span> spansUntil(Instant now) {
        List<DestroyTimeline.Span> all = new ArrayList<>(spans);
        if (phase != null && !now.isBefore(phaseSince)) {
            all.add(new DestroyTimeline.Span(phase, Duration.between(origin, phaseSince), Duration.between(origin, now)));
        }
        return all;
    }

    /** Ends the open phase at {@code at}. */
    void closePhase(Instant at) {
        if (phase != null && !at.isBefore(phaseSince)) {
            spans.add(new DestroyTimeline.Span(phase, Duration.between(origin, phaseSince), Duration.between(origin, at)));
        }
        phase = null;
    }

    /** Makes one cloud call (or a few for one resource) and sets what happens next. */
    abstract void act(DestroyRun.Context ctx);
}
