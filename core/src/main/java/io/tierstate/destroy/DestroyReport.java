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
 * What a destroy did: per step, deleted, already gone, skipped (and why), failed (and why) or
 * pending, with the resources by id, timings on the cloud's clock and the number of cloud calls;
 * where it looked, and what verifying the end found. {@link #toString()} is the text form.
 *
 * @param deployment the stack name
 * @param strategy the strategy used
 * @param outcome how it ended
 * @param steps one result per planned step, kept ones included
 * @param duration the wall time on the cloud's clock
 * @param cloudCalls every cloud call made, polls included
 * @param pollCalls the calls spent waiting (polls)
 * @param archive where the final state was archived, when the destroy completed
 * @param checkedIn where the resources were looked for, e.g. {@code AWS account 123456789012 in eu-west-1}
 * @param verification what describing every resource at the end found, when the destroy completed
 * @param timeline when each step ran and in which phases, for {@link #toSvg()}
 */
public record DestroyReport(String deployment, Strategy strategy, Outcome outcome, List<StepResult> steps,
        Duration duration, int cloudCalls, int pollCalls, Optional<String> archive, Optional<String> checkedIn,
        Optional<Verification> verification, DestroyTimeline timeline) {

    /** How a destroy ended. */
    public enum Outcome {
        /** Everything is gone (or kept on purpose), verified; the state was archived. */
        COMPLETED,
        /** Everything is gone but the CloudFront distribution (and what waits for its deletion); finish with completePendingDestroys(). */
        PENDING_CLOUDFRONT,
        /** At least one step failed or was skipped because of a failure; run destroy again to resume. */
        FAILED,
        /** Cancelled; run destroy again to resume. */
        CANCELLED
    }

    /** What happened to one step. */
    public enum Result {
        /** This destroy deleted its resources. */
        DELETED,
        /** A describe confirmed its resources were gone before this destroy touched them. */
        ALREADY_GONE,
        /** Not run; {@link StepResult#skipReason()} says why. */
        SKIPPED,
        /** Failed; see the detail. */
        FAILED,
        /** Left for later ({@code completePendingDestroys()}). */
        PENDING
    }

    /** Why a step was not run. */
    public enum SkipReason {
        /** Reused (or discovered): not created by this deployment. */
        REUSED,
        /** Preserved on request, or needed by what is preserved. */
        PRESERVED,
        /** Finished by an earlier run. */
        ALREADY_DONE,
        /** A step it depends on failed (see {@link StepResult#blockedBy()}). */
        DEPENDENCY_FAILED,
        /** Cancelled before it finished. */
        CANCELLED,
        /** The destroy timed out before it started. */
        TIMED_OUT
    }

    /**
     * The result of one step.
     *
     * @param kind the step
     * @param result what happened
     * @param skipReason why it was not run, for a skipped step
     * @param blockedBy the failed step it waited for, for a step skipped or left pending because of another
     * @param resources the resources it deleted or keeps, by id
     * @param detail a sentence: what was deleted, or why it was skipped or failed
     * @param duration how long it took on the cloud's clock
     * @param attempts cloud calls the step made
     */
    public record StepResult(StepKind kind, Result result, Optional<SkipReason> skipReason, Optional<StepKind> blockedBy,
            List<String> resources, String detail, Duration duration, int attempts) {

        /** Copies the list. */
        public StepResult {
            resources = List.copyOf(resources);
        }

        /** @return the step id, e.g. {@code target_group} */
        public String step() {
            return kind.id();
        }

        /** @return whether its resources are gone, deleted now or before */
        public boolean gone() {
            return result == Result.DELETED || result == Result.ALREADY_GONE
                    || skipReason.filter(r -> r == SkipReason.ALREADY_DONE).isPresent();
        }

        /** @return whether the step leaves a resource behind that was meant to go (failed, or skipped for a failure, cancel or timeout) */
        public boolean leftBehind() {
            return result == Result.FAILED || skipReason.filter(r -> r == SkipReason.DEPENDENCY_FAILED
                    || r == SkipReason.CANCELLED || r == SkipReason.TIMED_OUT).isPresent();
        }
    }

    /** Copies the steps. */
    public DestroyReport {
        steps = List.copyOf(steps);
    }

    /** @return the steps whose resources this destroy deleted */
    public List<StepResult> deleted() {
        return with(Result.DELETED);
    }

    /** @return the steps whose resources were already gone (confirmed by a describe) */
    public List<StepResult> alreadyGone() {
        return with(Result.ALREADY_GONE);
    }

    /** @return the steps that were not run, with why */
    public List<StepResult> skipped() {
        return with(Result.SKIPPED);
    }

    /** @return the steps that failed, with why */
    public List<StepResult> failed() {
        return with(Result.FAILED);
    }

    /** @return the steps whose resources are still there though they were meant to go, with why */
    public List<StepResult> leftBehind() {
        return steps.stream().filter(StepResult::leftBehind).toList();
    }

    /**
     * Looks up a step's result.
     *
     * @param kind the step
     * @return its result, when the plan had the step
     */
    public Optional<StepResult> step(StepKind kind) {
        return steps.stream().filter(s -> s.kind() == kind).findFirst();
    }

    /** @return whether everything that should go is gone */
    public boolean succeeded() {
        return outcome == Outcome.COMPLETED;
    }

    private List<StepResult> with(Result r) {
        return steps.stream().filter(s -> s.result() == r).toList();
    }

    /** @return a table of the steps, what is left and why, and a summary */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("Destroy of '").append(deployment).append("' ").append(switch (outcome) {
            case COMPLETED -> "completed";
            case PENDING_CLOUDFRONT -> "done except CloudFront and what waits for it (disable propagating; run complete-pending later)";
            case FAILED -> "FAILED (run destroy again to resume)";
            case CANCELLED -> "cancelled (run destroy again to resume)";
        }).append(" in ").append(format(duration)).append(" (").append(strategy.name().toLowerCase(Locale.ROOT))
                .append(", ").append(cloudCalls).append(" cloud calls, ").append(pollCalls).append(" of them polls)\n");
        checkedIn.ifPresent(where -> out.append("  in ").append(where).append('\n'));
        for (StepResult s : steps) {
            String result = s.result() == Result.SKIPPED
                    ? s.skipReason().map(r -> r == SkipReason.REUSED || r == SkipReason.PRESERVED ? "kept" : "skipped").orElse("skipped")
                    : s.result() == Result.ALREADY_GONE ? "gone" : s.result().name().toLowerCase(Locale.ROOT);
            boolean plain = s.detail().isEmpty() || s.detail().equals("deleted");
            out.append(String.format("  %-20s %-8s %7s  %s%s%n", s.step(), result, format(s.duration()),
                    String.join(", ", s.resources()), plain ? "" : "  (" + s.detail() + ")"));
        }
        List<StepResult> left = leftBehind();
        if (!left.isEmpty()) {
            out.append("  left behind:\n");
            for (StepResult s : left) {
                out.append("    ").append(String.join(", ", s.resources())).append(": ").append(s.detail()).append('\n');
            }
        }
        verification.ifPresent(v -> out.append("  ").append(v.clean() ? "verified: nothing left" : v.summary()).append('\n'));
        archive.ifPresent(a -> out.append("  state archived to ").append(a).append('\n'));
        return out.toString();
    }

    /**
     * The report as JSON: {@code {deployment, strategy, outcome, duration_seconds, cloud_calls,
     * poll_calls, checked_in, archive, verified, steps: [{step, result, skip_reason, blocked_by,
     * resources, detail, duration_seconds, attempts}], verification, timeline: {total_seconds,
     * critical_path, rows: [{step, result, critical, phases: [{phase, from_seconds, to_seconds}]}]}}}.
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
        checkedIn.ifPresent(w -> root.put("checked_in", w));
        archive.ifPresent(a -> root.put("archive", a));
        verification.ifPresent(v -> root.put("verified", v.clean()));
        ArrayNode arr = root.putArray("steps");
        for (StepResult s : steps) {
            ObjectNode o = arr.addObject().put("step", s.step()).put("result", s.result().name().toLowerCase(Locale.ROOT));
            s.skipReason().ifPresent(r -> o.put("skip_reason", r.name().toLowerCase(Locale.ROOT)));
            s.blockedBy().ifPresent(b -> o.put("blocked_by", b.id()));
            ArrayNode ids = o.putArray("resources");
            s.resources().forEach(ids::add);
            o.put("detail", s.detail()).put("duration_seconds", s.duration().toMillis() / 1000.0).put("attempts", s.attempts());
        }
        verification.ifPresent(v -> root.set("verification", v.toTree()));
        root.set("timeline", timeline.toTree());
        return new String(StateCodec.writeTree(root), StandardCharsets.UTF_8);
    }

    /**
     * The destroy as a picture: a Gantt chart with one row per step, its phases as coloured bars and
     * the critical path outlined; see {@link DestroyTimeline#toSvg()}.
     *
     * <pre>{@code
     * DestroyReport report = client.deployment("web").destroy().confirm("web").execute();
     * Files.writeString(Path.of("destroy.svg"), report.toSvg());
     * }</pre>
     *
     * @return a standalone SVG document
     */
    public String toSvg() {
        return timeline.toSvg();
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }

    @Override
    public String toString() {
        return render();
    }
}
