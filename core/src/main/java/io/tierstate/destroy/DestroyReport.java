package io.tierstate.destroy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tierstate.internal.StateCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a destroy did: per step, deleted, skipped (and why), failed (and why) or pending, with
 * timings on the cloud's clock and the number of cloud calls. {@link #toString()} is the text form.
 *
 * @param deployment the stack name
 * @param strategy the strategy used
 * @param outcome how it ended
 * @param steps one result per planned step
 * @param duration the wall time on the cloud's clock
 * @param cloudCalls every cloud call made, polls included
 * @param pollCalls the calls spent waiting (polls)
 * @param archive where the final state was archived, when the destroy completed
 */
public record DestroyReport(String deployment, Strategy strategy, Outcome outcome, List<StepResult> steps,
        Duration duration, int cloudCalls, int pollCalls, Optional<String> archive) {

    /** How a destroy ended. */
    public enum Outcome {
        /** Everything is gone (or kept on purpose); the state was archived. */
        COMPLETED,
        /** Everything is gone but the CloudFront distribution, whose disable is propagating; finish with completePendingDestroys(). */
        PENDING_CLOUDFRONT,
        /** At least one step failed; run destroy again to resume. */
        FAILED,
        /** Cancelled; run destroy again to resume. */
        CANCELLED
    }

    /**
     * The result of one step.
     *
     * @param step the step id
     * @param result what happened
     * @param detail the resources deleted, or why it was skipped or failed
     * @param duration how long it took on the cloud's clock
     * @param attempts cloud calls the step made
     */
    public record StepResult(String step, Result result, String detail, Duration duration, int attempts) {}

    /** What happened to one step. */
    public enum Result {
        /** Its resources are gone (or were already). */
        DELETED,
        /** Not run: reused, preserved, already done, or a dependency failed. */
        SKIPPED,
        /** Failed; see the detail. */
        FAILED,
        /** Left for later. */
        PENDING
    }

    /** Copies the steps. */
    public DestroyReport {
        steps = List.copyOf(steps);
    }

    /** @return the steps whose resources are gone */
    public List<StepResult> deleted() {
        return with(Result.DELETED);
    }

    /** @return the steps that were not run, with why */
    public List<StepResult> skipped() {
        return with(Result.SKIPPED);
    }

    /** @return the steps that failed, with why */
    public List<StepResult> failed() {
        return with(Result.FAILED);
    }

    /** @return whether everything that should go is gone */
    public boolean succeeded() {
        return outcome == Outcome.COMPLETED;
    }

    private List<StepResult> with(Result r) {
        return steps.stream().filter(s -> s.result() == r).toList();
    }

    /** @return a table of the steps and a summary */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("Destroy of '").append(deployment).append("' ").append(switch (outcome) {
            case COMPLETED -> "completed";
            case PENDING_CLOUDFRONT -> "done except CloudFront (disable propagating; run complete-pending later)";
            case FAILED -> "FAILED (run destroy again to resume)";
            case CANCELLED -> "cancelled (run destroy again to resume)";
        }).append(" in ").append(format(duration)).append(" (").append(strategy.name().toLowerCase(Locale.ROOT))
                .append(", ").append(cloudCalls).append(" cloud calls, ").append(pollCalls).append(" of them polls)\n");
        for (StepResult s : steps) {
            out.append(String.format("  %-20s %-8s %7s  %s%n", s.step(), s.result().name().toLowerCase(Locale.ROOT),
                    format(s.duration()), s.detail()));
        }
        archive.ifPresent(a -> out.append("  state archived to ").append(a).append('\n'));
        return out.toString();
    }

    /**
     * The report as JSON: {@code {deployment, strategy, outcome, duration_seconds, cloud_calls,
     * poll_calls, archive, steps: [{step, result, detail, duration_seconds, attempts}]}}.
     *
     * @return the JSON text
     */
    public String toJson() {
        ObjectNode root = StateCodec.mapper().createObjectNode();
        root.put("deployment", deployment);
        root.put("strategy", strategy.name().toLowerCase(Locale.ROOT));
        root.put("outcome", outcome.name().toLowerCase(Locale.ROOT));
        root.put("duration_seconds", duration.toMillis() / 1000.0);
        root.put("cloud_calls", cloudCalls);
        root.put("poll_calls", pollCalls);
        archive.ifPresent(a -> root.put("archive", a));
        ArrayNode arr = root.putArray("steps");
        for (StepResult s : steps) {
            arr.addObject().put("step", s.step()).put("result", s.result().name().toLowerCase(Locale.ROOT))
                    .put("detail", s.detail()).put("duration_seconds", s.duration().toMillis() / 1000.0)
                    .put("attempts", s.attempts());
        }
        return new String(StateCodec.writeTree(root), StandardCharsets.UTF_8);
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }

    @Override
    public String toString() {
        return render();
    }
}
