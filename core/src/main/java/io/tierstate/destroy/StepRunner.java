package io.tierstate.destroy;

import java.time.Duration;
import java.time.Instant;
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

    /** Makes one cloud call (or a few for one resource) and sets what happens next. */
    abstract void act(DestroyRun.Context ctx);
}
