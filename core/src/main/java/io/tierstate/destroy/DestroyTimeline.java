package io.tierstate.destroy;

import io.tierstate.model.DeploymentState;
import io.tierstate.model.DestroyJournal;
import io.tierstate.model.DestroyPhaseRecord;
import io.tierstate.model.DestroyStepRecord;
import io.tierstate.model.Status;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * When each step of a destroy ran and in which phases: the data of the destroy timeline picture.
 * A {@link DestroyReport} carries the timeline of its run ({@link DestroyReport#timeline()}); the
 * journal of a destroy in progress, failed, or archived gives one too ({@link #fromJournal}).
 *
 * <pre>{@code
 * DestroyTimeline t = DestroyTimeline.fromJournal(client.deployment("web").state()).orElseThrow();
 * Files.writeString(Path.of("destroy.svg"), t.toSvg());
 * Files.writeString(Path.of("both.svg"), DestroyTimeline.toSvg(List.of(sequential, overlapped)));
 * }</pre>
 *
 * @param deployment the stack name
 * @param strategy the strategy of the run
 * @param outcome how it ended, in words: {@code completed}, {@code failed}, {@code in progress}, ...
 * @param total from the run's start to its end (or to the last thing the journal recorded), on the cloud's clock
 * @param rows one per step of the plan, in plan order, then {@code verify} when the run verified its end
 */
public record DestroyTimeline(String deployment, Strategy strategy, String outcome, Duration total, List<Row> rows) {

    /** What a step was doing. */
    public enum Phase {
        /** Making the calls that ask the cloud for something: a disable, a protection turned off, a describe. */
        REQUESTED,
        /** Waiting for something else: a change to propagate, what uses the resource to go. */
        WAITING,
        /** From the delete call until the resource is gone. */
        DELETING;

        /** @return the lower-case name used in the journal and the picture */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One phase of a step.
     *
     * @param phase which
     * @param from when it began, since the run started
     * @param to when it ended, since the run started
     */
    public record Span(Phase phase, Duration from, Duration to) {

        /** @return how long it lasted */
        public Duration duration() {
            return to.minus(from);
        }
    }

    /**
     * One step.
     *
     * @param step the step id, e.g. {@code cloudfront}
     * @param result what happened, in words: {@code deleted}, {@code gone before}, {@code kept: reused}, {@code failed}, ...
     * @param spans its phases in this run, in order; empty when it did not run in this run
     * @param dependsOn the steps it waited for
     * @param critical whether it is on the critical path: the chain of steps, each waiting for the
     *     previous one, that ends last and so sets the total
     */
    public record Row(String step, String result, List<Span> spans, List<String> dependsOn, boolean critical) {

        /** Copies the lists. */
        public Row {
            spans = List.copyOf(spans);
            dependsOn = List.copyOf(dependsOn);
        }

        /** @return when it started, when it ran in this run */
        public Optional<Duration> start() {
            return spans.isEmpty() ? Optional.empty() : Optional.of(spans.get(0).from());
        }

        /** @return when it ended, when it ran in this run */
        public Optional<Duration> end() {
            return spans.isEmpty() ? Optional.empty() : Optional.of(spans.get(spans.size() - 1).to());
        }

        /** @return from its start to its end, zero when it did not run */
        public Duration duration() {
            return spans.isEmpty() ? Duration.ZERO : end().get().minus(start().get());
        }

        Row critical(boolean on) {
            return new Row(step, result, spans, dependsOn, on);
        }
    }

    /** Copies the rows. */
    public DestroyTimeline {
        rows = List.copyOf(rows);
    }

    /** @return the rows on the critical path, in the order they ran */
    public List<Row> criticalPath() {
        return rows.stream().filter(Row::critical).sorted(Comparator.comparing(r -> r.start().orElse(Duration.ZERO))).toList();
    }

    /**
     * Looks up a step's row.
     *
     * @param step the step id
     * @return its row, when the timeline has it
     */
    public Optional<Row> row(String step) {
        return rows.stream().filter(r -> r.step().equals(step)).findFirst();
    }

    /**
     * The timeline as a picture: a Gantt chart, one row per step, bars for its phases (requested,
     * waiting, deleting), the critical path outlined, the strategy, the outcome and the total in the
     * title. The text is measured in DejaVu Sans and every string from state is escaped.
     *
     * @return a standalone SVG document
     */
    public String toSvg() {
        return TimelinePicture.of(List.of(this)).toDocument();
    }

    /**
     * Several timelines one below the other on the same time scale, e.g. the SEQUENTIAL and the
     * OVERLAPPED destroy of the same stack, so the difference shows at a glance.
     *
     * @param timelines the timelines, at least one
     * @return a standalone SVG document
     */
    public static String toSvg(List<DestroyTimeline> timelines) {
        if (timelines.isEmpty()) {
            throw new IllegalArgumentException("no timeline to draw: give at least one");
        }
        return TimelinePicture.of(timelines).toDocument();
    }

    /** @return the {@code <svg>} element alone, for an HTML page */
    public String toSvgElement() {
        return TimelinePicture.of(List.of(this)).toElement();
    }

    /** @return a table: step, start, end, result and phases */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("Destroy of '").append(deployment).append("': ").append(strategy.name().toLowerCase(Locale.ROOT))
                .append(", ").append(outcome).append(" in ").append(DestroyReport.format(total)).append('\n');
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, "  %s %-16s %7s %7s  %-24s %s%n", r.critical() ? "*" : " ", r.step(),
                    r.start().map(DestroyReport::format).orElse("-"), r.end().map(DestroyReport::format).orElse("-"),
                    r.result(), String.join(", ", r.spans().stream().map(sp -> sp.phase().id() + " "
                            + DestroyReport.format(sp.duration())).toList())));
        }
        out.append("  * critical path\n");
        return out.toString();
    }

    /**
     * The timeline as JSON: {@code {total_seconds, critical_path: [step], rows: [{step, result,
     * critical, phases: [{phase, from_seconds, to_seconds}]}]}}, seconds since the run started.
     *
     * @return the tree, as {@code destroy --json} prints it under {@code timeline}
     */
    public com.fasterxml.jackson.databind.node.ObjectNode toTree() {
        var root = io.tierstate.internal.StateCodec.mapper().createObjectNode();
        root.put("total_seconds", total.toMillis() / 1000.0);
        var path = root.putArray("critical_path");
        criticalPath().forEach(r -> path.add(r.step()));
        var list = root.putArray("rows");
        for (Row r : rows) {
            var o = list.addObject().put("step", r.step()).put("result", r.result()).put("critical", r.critical());
            var phases = o.putArray("phases");
            for (Span sp : r.spans()) {
                phases.addObject().put("phase", sp.phase().id()).put("from_seconds", sp.from().toMillis() / 1000.0)
                        .put("to_seconds", sp.to().toMillis() / 1000.0);
            }
        }
        return root;
    }

    @Override
    public String toString() {
        return render();
    }

    /**
     * The timeline of the last run recorded in a state's destroy journal ({@code destroy_progress}):
     * a destroy in progress, one that failed or was cancelled, or, in an archived state, one that
     * completed. Steps finished by an earlier run are shown as such, without bars.
     *
     * @param state the state, live or archived
     * @return the timeline, or empty when the state has no destroy journal
     */
    public static Optional<DestroyTimeline> fromJournal(DeploymentState state) {
        Optional<DestroyJournal> journal = state.destroyProgress();
        if (journal.isEmpty()) {
            return Optional.empty();
        }
        DestroyJournal j = journal.get();
        Strategy strategy = j.strategy().map(x -> {
            try {
                return Strategy.valueOf(x.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return Strategy.OVERLAPPED;
            }
        }).orElse(Strategy.OVERLAPPED);
        DestroyPlan plan = Planner.plan(state.withDestroyProgress(Optional.empty()), strategy, j.preserveEfs(), j.deferCloudFront(),
                Set.copyOf(j.includeProvenance()));
        Map<String, DestroyStepRecord> records = new HashMap<>();
        j.steps().forEach(r -> records.put(r.step(), r));
        Optional<Instant> lastRun = j.steps().stream().flatMap(r -> r.runStartedAt().stream()).max(Comparator.naturalOrder());
        List<Row> rows = new ArrayList<>();
        Duration total = Duration.ZERO;
        boolean failed = false;
        boolean running = false;
        for (DestroyStep step : plan.steps()) {
            DestroyStepRecord rec = records.get(step.id());
            List<Span> spans = new ArrayList<>();
            String result;
            if (rec == null) {
                result = step.keeps() ? "kept: " + (step.action() == DestroyStep.Action.SKIP_PRESERVED ? "preserved" : "reused")
                        : "not started";
                running |= !step.keeps();
            } else {
                boolean thisRun = lastRun.isPresent() && rec.runStartedAt().equals(lastRun);
                if (thisRun) {
                    for (DestroyPhaseRecord p : rec.phases()) {
                        spans.add(span(p));
                    }
                }
                result = switch (rec.status()) {
                    case Planner.DONE -> !thisRun ? "done by an earlier run"
                            : rec.detail().filter(Planner::goneBefore).isPresent() ? "gone before" : "deleted";
                    case "failed" -> "failed";
                    default -> "in progress: " + rec.status();
                };
                failed |= rec.status().equals("failed");
                running |= !rec.status().equals(Planner.DONE) && !rec.status().equals("failed");
            }
            for (Span sp : spans) {
                total = total.compareTo(sp.to()) < 0 ? sp.to() : total;
            }
            rows.add(new Row(step.id(), result, spans, step.dependsOn().stream().map(StepKind::id).toList(), false));
        }
        String outcome = state.status() == Status.TERMINATED ? "completed"
                : failed ? "failed"
                : j.pendingCloudFrontDeletion() ? "done except CloudFront"
                : running ? "in progress" : "stopped";
        return Optional.of(withCriticalPath(new DestroyTimeline(state.stackName(), strategy, outcome, total, rows)));
    }

    static DestroyTimeline of(String deployment, Strategy strategy, DestroyReport.Outcome outcome, DestroyPlan plan,
            List<DestroyReport.StepResult> results, Map<StepKind, List<Span>> spans, Optional<Span> verify, boolean clean,
            Duration total) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < plan.steps().size(); i++) {
            DestroyStep step = plan.steps().get(i);
            DestroyReport.StepResult r = results.get(i);
            rows.add(new Row(step.id(), words(r), spans.getOrDefault(step.kind(), List.of()),
                    step.dependsOn().stream().map(StepKind::id).toList(), false));
        }
        verify.ifPresent(v -> rows.add(new Row("verify", clean ? "nothing left" : "found what is left", List.of(v),
                plan.steps().stream().map(DestroyStep::id).toList(), false)));
        String how = switch (outcome) {
            case COMPLETED -> "completed";
            case PENDING_CLOUDFRONT -> "done except CloudFront";
            case FAILED -> "failed";
            case CANCELLED -> "cancelled";
        };
        return withCriticalPath(new DestroyTimeline(deployment, strategy, how, total, rows));
    }

    private static String words(DestroyReport.StepResult r) {
        return switch (r.result()) {
            case DELETED -> "deleted";
            case ALREADY_GONE -> "gone before";
            case FAILED -> "failed";
            case PENDING -> "pending: complete-pending";
            case SKIPPED -> switch (r.skipReason().orElse(DestroyReport.SkipReason.CANCELLED)) {
                case REUSED -> "kept: reused";
                case PRESERVED -> "kept: preserved";
                case ALREADY_DONE -> "done by an earlier run";
                case DEPENDENCY_FAILED -> "skipped: " + r.blockedBy().map(StepKind::id).orElse("a dependency") + " failed";
                case CANCELLED -> "cancelled";
                case TIMED_OUT -> "timed out";
            };
        };
    }

    /**
     * Marks the critical path: from the row that ended last, back through the row that ended last
     * before it started (the one it waited for; when several ended together, the one before it in
     * plan order for SEQUENTIAL, a dependency first for OVERLAPPED), until nothing ended before it.
     */
    static DestroyTimeline withCriticalPath(DestroyTimeline t) {
        List<Row> rows = t.rows();
        Set<String> path = new LinkedHashSet<>();
        Row cur = null;
        for (Row r : rows) {
            if (r.end().isPresent() && (cur == null || r.end().get().compareTo(cur.end().get()) >= 0)) {
                cur = r;
            }
        }
        while (cur != null && path.add(cur.step())) {
            Duration start = cur.start().orElseThrow();
            Row at = cur;
            Row best = null;
            for (Row r : rows) {
                if (r == at || path.contains(r.step()) || r.end().isEmpty() || r.end().get().compareTo(start) > 0) {
                    continue;
                }
                int c = best == null ? 1 : r.end().get().compareTo(best.end().get());
                if (c == 0 && t.strategy() == Strategy.SEQUENTIAL) {
                    c = 1; // one step after the other: the one before it in plan order
                } else if (c == 0) {
                    boolean dep = at.dependsOn().contains(r.step());
                    boolean bestDep = at.dependsOn().contains(best.step());
                    c = dep == bestDep ? 1 : dep ? 1 : -1; // equal ends: a dependency first, then the later in plan order
                }
                if (c > 0) {
                    best = r;
                }
            }
            cur = best;
        }
        List<Row> marked = rows.stream().map(r -> r.critical(path.contains(r.step()))).toList();
        return new DestroyTimeline(t.deployment(), t.strategy(), t.outcome(), t.total(), marked);
    }

    static DestroyPhaseRecord record(Span s) {
        return new DestroyPhaseRecord(s.phase().id(), seconds(s.from()), seconds(s.to()));
    }

    private static Span span(DestroyPhaseRecord p) {
        Phase phase;
        try {
            phase = Phase.valueOf(p.phase().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            phase = Phase.REQUESTED;
        }
        Duration from = duration(p.from());
        Duration to = duration(p.to());
        return new Span(phase, from, to.compareTo(from) < 0 ? from : to);
    }

    private static BigDecimal seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis()).movePointLeft(3).setScale(3, RoundingMode.HALF_UP);
    }

    private static Duration duration(BigDecimal seconds) {
        BigDecimal capped = seconds.max(BigDecimal.ZERO).min(BigDecimal.valueOf(10L * 365 * 24 * 3600)); // a hostile journal stays drawable
        return Duration.ofMillis(capped.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact());
    }
}
