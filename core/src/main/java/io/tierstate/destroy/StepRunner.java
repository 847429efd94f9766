package io.tierstate.destroy;

import java.time.Duration;
import java.time.Instant;

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
    boolean readyForDependants;
    DestroyReport.Result result;
    String detail = "";
    String waitingFor = "";

    StepRunner(DestroyStep step) {
        this.step = step;
    }

    String id() {
        return step.id();
    }

    boolean finished() {
        return result != null;
    }

    /** Whether steps that depend on this one may start: finished, or (CloudFront) its disable is requested. */
    boolean unblocksDependants() {
        return readyForDependants || (result != null && result != DestroyReport.Result.FAILED);
    }

    Duration elapsed(Instant now) {
        return startedAt == null ? Duration.ZERO : Duration.between(startedAt, finishedAt != null ? finishedAt : now);
    }

    /** Makes one cloud call (or a few for one resource) and sets what happens next. */
    abstract void act(DestroyRun.Context ctx);
}
