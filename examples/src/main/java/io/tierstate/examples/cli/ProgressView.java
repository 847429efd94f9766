package io.tierstate.examples.cli;

import io.tierstate.destroy.ProgressEvent;
import io.tierstate.destroy.ProgressEvent.Phase;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Destroy and provisioning progress for people, from the library's {@link ProgressEvent}s. Two
 * forms: on a terminal, one status line per running step (what, phase, elapsed, expected duration,
 * "n of m") and a total, redrawn in place; in a pipe or a CI log, a line when a step starts or ends
 * and at most one "still waiting" line per step every {@link #WAITING_LINE_EVERY} of waiting. Time
 * is the events' own (the cloud's clock), so a simulated run reads as the real one would. Between
 * two events the live form keeps its clocks running: {@link #startTicking} redraws the block every
 * second, the elapsed times advanced by the wall time since the last event.
 */
final class ProgressView implements io.tierstate.destroy.DestroyListener {

    /** How often the log form says a step is still waiting. */
    static final Duration WAITING_LINE_EVERY = Duration.ofSeconds(30);

    /** Widest live line: a wrapped line would break the cursor-up redraw. */
    private static final int WIDTH = 110;

    /** Where the expected duration comes from, said once when the step starts. */
    static final String SOURCE = "AWS's figure for a CloudFront change to reach every edge location";

    private static final String ESC = "\u001b[";

    private final PrintWriter out;
    private final boolean live;
    private final List<String> stepIds;
    private final Map<String, Running> running = new LinkedHashMap<>();
    private Instant firstAt;
    private Instant lastAt;
    private int finished;
    private int drawnLines;

    private final Duration waitingLineEvery;
    private final java.util.function.LongSupplier nanoTime;
    private Instant lastEventAt;
    private long lastEventNanos;

    private ProgressView(PrintWriter out, boolean live, List<String> stepIds, Duration waitingLineEvery) {
        this(out, live, stepIds, waitingLineEvery, System::nanoTime);
    }

    private ProgressView(PrintWriter out, boolean live, List<String> stepIds, Duration waitingLineEvery,
            java.util.function.LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.out = out;
        this.live = live;
        this.waitingLineEvery = waitingLineEvery;
        this.stepIds = List.copyOf(stepIds);
    }

    /**
     * @param out where to draw (stderr)
     * @param stepIds the run's steps in plan order, for "n of m"
     * @return the form that redraws live lines with ANSI sequences
     */
    static ProgressView terminal(PrintWriter out, List<String> stepIds) {
        return new ProgressView(out, true, stepIds, WAITING_LINE_EVERY);
    }

    /**
     * @param out where to draw
     * @param stepIds the run's steps in plan order
     * @param nanoTime the wall clock the ticks advance by (a fake one in tests)
     * @return the live form on that clock
     */
    static ProgressView terminal(PrintWriter out, List<String> stepIds, java.util.function.LongSupplier nanoTime) {
        return new ProgressView(out, true, stepIds, WAITING_LINE_EVERY, nanoTime);
    }

    /**
     * @param out where to write (stderr, a file, a CI log)
     * @param stepIds the run's steps in plan order, for "n of m"
     * @return the form that writes whole lines only, throttling the waits
     */
    static ProgressView log(PrintWriter out, List<String> stepIds) {
        return log(out, stepIds, WAITING_LINE_EVERY);
    }

    /**
     * @param out where to write
     * @param stepIds the run's steps in plan order
     * @param waitingLineEvery the least waiting time between two "still waiting" lines of a step
     * @return the log form with a chosen throttle (the demo's is longer, to stay short)
     */
    static ProgressView log(PrintWriter out, List<String> stepIds, Duration waitingLineEvery) {
        return new ProgressView(out, false, stepIds, waitingLineEvery);
    }

    /** The state of a step that started and has not ended. */
    private static final class Running {
        final Instant startedAt;
        Phase phase;
        String message;
        Duration lastWaitingLine = Duration.ZERO;

        Running(Instant startedAt, Phase phase, String message) {
            this.startedAt = startedAt;
            this.phase = phase;
            this.message = message;
        }
    }

    @Override
    public synchronized void onProgress(ProgressEvent e) {
        if (firstAt == null) {
            firstAt = e.at().minus(e.elapsed());
        }
        lastAt = lastAt == null || e.at().isAfter(lastAt) ? e.at() : lastAt;
        lastEventAt = e.at();
        lastEventNanos = nanoTime.getAsLong();
        List<String> lines = new ArrayList<>();
        Running r = running.get(e.step());
        switch (e.phase()) {
            case STARTED -> {
                running.put(e.step(), new Running(e.at().minus(e.elapsed()), e.phase(), e.message()));
                if (!live) {
                    lines.add(e.step() + position(e.step()) + " started: " + e.message() + expected(e.step()).map(x -> " (typically "
                            + x + ", " + SOURCE + ")").orElse(""));
                }
            }
            case REQUESTED, WAITING, RETRYING -> {
                if (r == null) {
                    r = new Running(e.at().minus(e.elapsed()), e.phase(), e.message());
                    running.put(e.step(), r);
                }
                r.phase = e.phase();
                r.message = e.message();
                if (!live && e.phase() == Phase.RETRYING) {
                    lines.add(e.step() + position(e.step()) + " retrying: " + e.message());
                } else if (!live && e.phase() == Phase.WAITING
                        && e.elapsed().minus(r.lastWaitingLine).compareTo(waitingLineEvery) >= 0) {
                    r.lastWaitingLine = e.elapsed();
                    lines.add(e.step() + " still " + e.message() + " [" + clock(e.elapsed()) + " elapsed"
                            + expected(e.step()).map(x -> ", typically " + x).orElse("") + "]");
                }
            }
            case DONE, SKIPPED, FAILED, PENDING -> {
                running.remove(e.step());
                if (stepIds.contains(e.step())) {
                    finished++;
                }
                lines.add(e.step() + position(e.step()) + " " + ended(e.phase()) + " after " + clock(e.elapsed()) + ": "
                        + e.message() + " [total " + clock(total()) + "]");
            }
            default -> throw new IllegalStateException("unknown phase " + e.phase());
        }
        if (live) {
            redraw(lines);
        } else {
            lines.forEach(out::println);
        }
        out.flush();
    }

    /** Moves up over the last drawing, writes the lines that stay, then the live block, clearing what is left. */
    private void redraw(List<String> permanent) {
        StringBuilder b = new StringBuilder("\r");
        if (drawnLines > 0) {
            b.append(ESC).append(drawnLines).append('A');
        }
        for (String line : permanent) {
            b.append(line).append(ESC).append("K\n");
        }
        List<String> block = new ArrayList<>();
        running.forEach((step, r) -> block.add(fit("  " + step + position(step) + "  " + word(r.phase) + "  "
                + clock(Duration.between(r.startedAt, lastAt)) + expected(step).map(x -> " of " + x).orElse("") + "  "
                + r.message)));
        if (!block.isEmpty()) {
            block.add(fit("  total " + clock(total()) + ", " + finished + " of " + stepIds.size() + " steps done"));
        }
        for (String line : block) {
            b.append(line).append(ESC).append("K\n");
        }
        b.append(ESC).append('J');
        drawnLines = block.size();
        out.print(b);
    }

    /**
     * Redraws the live block with its clocks advanced by the wall time since the last event, so a
     * 15-minute wait shows its seconds passing; does nothing in the log form or with no step running.
     */
    synchronized void tick() {
        if (!live || running.isEmpty() || lastEventAt == null) {
            return;
        }
        Instant now = lastEventAt.plusNanos(Math.max(0, nanoTime.getAsLong() - lastEventNanos));
        if (now.isAfter(lastAt)) {
            lastAt = now;
        }
        redraw(List.of());
        out.flush();
    }

    /**
     * Starts redrawing the live block every {@code every} on a daemon thread, until closed.
     *
     * @param every how often
     * @return closes the ticker (idempotent); does nothing for the log form
     */
    Ticking startTicking(Duration every) {
        if (!live) {
            return () -> { };
        }
        java.util.concurrent.ScheduledExecutorService ticker = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tierstate-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::tick, every.toMillis(), every.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        return ticker::shutdownNow;
    }

    /** A running ticker; closing it stops the redraws. */
    interface Ticking extends AutoCloseable {
        @Override
        void close();
    }

    /** Clears the live block, e.g. before the report or an interruption message is printed. */
    synchronized void clear() {
        if (live && drawnLines > 0) {
            out.print("\r" + ESC + drawnLines + "A" + ESC + "J");
            drawnLines = 0;
            out.flush();
        }
    }

    private Duration total() {
        return firstAt == null ? Duration.ZERO : Duration.between(firstAt, lastAt);
    }

    private String position(String step) {
        int i = stepIds.indexOf(step);
        return i < 0 ? "" : " (" + (i + 1) + " of " + stepIds.size() + ")";
    }

    private static String fit(String line) {
        return line.length() <= WIDTH ? line : line.substring(0, WIDTH - 1) + "…";
    }

    private static String word(Phase p) {
        return switch (p) {
            case STARTED -> "starting";
            case REQUESTED -> "requested";
            case WAITING -> "waiting";
            case RETRYING -> "retrying";
            default -> p.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String ended(Phase p) {
        return switch (p) {
            case DONE -> "done";
            case SKIPPED -> "skipped";
            case FAILED -> "FAILED";
            default -> "left pending";
        };
    }

    /**
     * How long a step usually takes, when that is known. CloudFront: AWS documents that a change to
     * a distribution (enabling, disabling) propagates to every edge location before its status is
     * {@code Deployed}, typically in about 15 minutes (the CloudFront Developer Guide, "Updating a
     * distribution"); a disable must be deployed before the delete is accepted.
     */
    static Optional<String> expected(String step) {
        return step.equals("cloudfront") ? Optional.of("~15m") : Optional.empty();
    }

    /** @return e.g. {@code 45s}, {@code 5m0s}, {@code 1h2m3s} */
    static String clock(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m" + s % 60 + "s";
        }
        return s / 3600 + "h" + s % 3600 / 60 + "m" + s % 60 + "s";
    }
}
