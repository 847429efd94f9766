package io.tierstate.destroy;

import java.time.Duration;
import java.time.Instant;

/**
 * One step of progress of a destroy (or of a CloudFront provisioning wait).
 *
 * @param deployment the stack name
 * @param step the step id, e.g. {@code cloudfront}
 * @param phase what happened
 * @param message a sentence for people, e.g. {@code waiting for the disable to propagate (InProgress)}
 * @param elapsed time since the step started, on the cloud's clock
 * @param attempt the poll or retry number within the phase, from 1
 * @param at when, on the cloud's clock
 */
public record ProgressEvent(String deployment, String step, Phase phase, String message, Duration elapsed, int attempt,
        Instant at) {

    /** What happened. */
    public enum Phase {
        /** The step started. */
        STARTED,
        /** The step asked the cloud for something (a delete, a disable). */
        REQUESTED,
        /** The step polled and is still waiting. */
        WAITING,
        /** A call failed in a way that may pass; it will be retried. */
        RETRYING,
        /** The step finished: its resource is gone. */
        DONE,
        /** The step was not run (reused, preserved, already done, or a dependency failed). */
        SKIPPED,
        /** The step failed; its dependants will be skipped. */
        FAILED,
        /** The step was left for later ({@code deferCloudFrontDeletion()}). */
        PENDING
    }

    @Override
    public String toString() {
        long s = elapsed.toSeconds();
        return String.format("[%s %2d:%02d] %-20s %-9s %s", deployment, s / 60, s % 60, step, phase, message);
    }
}
