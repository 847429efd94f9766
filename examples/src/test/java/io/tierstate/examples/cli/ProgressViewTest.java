package io.tierstate.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierstate.destroy.ProgressEvent;
import io.tierstate.destroy.ProgressEvent.Phase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The two forms of destroy progress, fed events on a fake clock. */
class ProgressViewTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final List<String> STEPS = List.of("cloudfront", "alb", "instance");

    private final StringWriter text = new StringWriter();
    private final PrintWriter out = new PrintWriter(text);

    private static ProgressEvent event(String step, Phase phase, String message, long startSecond, long atSecond) {
        return new ProgressEvent("gpu", step, phase, message, Duration.ofSeconds(atSecond - startSecond), 1,
                T0.plusSeconds(atSecond));
    }

    /** A CloudFront wait polled every 10 s for 15 minutes beside an instance that ends after 65 s. */
    private static void fifteenMinuteWait(ProgressView view) {
        view.onProgress(event("cloudfront", Phase.STARTED, "deleting E1", 0, 0));
        view.onProgress(event("instance", Phase.STARTED, "deleting i-1", 0, 0));
        view.onProgress(event("cloudfront", Phase.REQUESTED, "disable requested", 0, 0));
        for (int s = 0; s <= 900; s += 10) {
            view.onProgress(event("cloudfront", Phase.WAITING, "waiting for the disable to propagate (InProgress)", 0, s));
            if (s == 60) {
                view.onProgress(event("instance", Phase.DONE, "gone: i-1 (deleted)", 0, 65));
            }
        }
        view.onProgress(event("cloudfront", Phase.DONE, "gone: E1 (deleted)", 0, 905));
    }

    @Test
    void log_saysEachStartAndEnd_andStillWaitingAtMostEvery30SecondsOfAStep() {
        fifteenMinuteWait(ProgressView.log(out, STEPS));
        List<String> lines = text.toString().lines().toList();

        assertThat(lines.get(0)).isEqualTo("cloudfront (1 of 3) started: deleting E1 (typically ~15m, "
                + ProgressView.SOURCE + ")");
        assertThat(lines).contains("instance (3 of 3) done after 1m5s: gone: i-1 (deleted) [total 1m5s]",
                "cloudfront still waiting for the disable to propagate (InProgress) [5m0s elapsed, typically ~15m]",
                "cloudfront (1 of 3) done after 15m5s: gone: E1 (deleted) [total 15m5s]");
        // 91 polls in 900 s: a line at 30 s, 60 s ... 900 s, never two within 30 s
        assertThat(lines.stream().filter(l -> l.startsWith("cloudfront still waiting"))).hasSize(30);
        assertThat(lines).noneMatch(l -> l.contains("\u001b")).noneMatch(l -> l.contains("REQUESTED"));
        assertThat(lines).hasSize(2 + 1 + 30 + 1);
    }

    @Test
    void log_withALongerThrottle_writesFewerWaitingLines() {
        fifteenMinuteWait(ProgressView.log(out, STEPS, Duration.ofMinutes(5)));
        assertThat(text.toString().lines().filter(l -> l.contains("still waiting"))).hasSize(3);
    }

    @Test
    void terminal_redrawsOneLinePerRunningStepAndATotal_inPlace() {
        ProgressView view = ProgressView.terminal(out, STEPS);
        view.onProgress(event("cloudfront", Phase.STARTED, "deleting E1", 0, 0));
        assertThat(text.toString()).isEqualTo("\r"
                + "  cloudfront (1 of 3)  starting  0s of ~15m  deleting E1\u001b[K\n"
                + "  total 0s, 0 of 3 steps done\u001b[K\n\u001b[J");

        text.getBuffer().setLength(0);
        view.onProgress(event("instance", Phase.STARTED, "deleting i-1", 5, 5));
        assertThat(text.toString()).isEqualTo("\r\u001b[2A"
                + "  cloudfront (1 of 3)  starting  5s of ~15m  deleting E1\u001b[K\n"
                + "  instance (3 of 3)  starting  0s  deleting i-1\u001b[K\n"
                + "  total 5s, 0 of 3 steps done\u001b[K\n\u001b[J");

        text.getBuffer().setLength(0);
        view.onProgress(event("cloudfront", Phase.WAITING, "waiting for the disable to propagate (InProgress)", 0, 300));
        assertThat(text.toString()).startsWith("\r\u001b[3A")
                .contains("  cloudfront (1 of 3)  waiting  5m0s of ~15m  waiting for the disable to propagate (InProgress)\u001b[K\n")
                .contains("  instance (3 of 3)  starting  4m55s  deleting i-1\u001b[K\n")
                .contains("  total 5m0s, 0 of 3 steps done");

        // an ended step becomes a line that stays above the live block, which shrinks
        text.getBuffer().setLength(0);
        view.onProgress(event("instance", Phase.DONE, "gone: i-1 (deleted)", 5, 310));
        assertThat(text.toString()).isEqualTo("\r\u001b[3A"
                + "instance (3 of 3) done after 5m5s: gone: i-1 (deleted) [total 5m10s]\u001b[K\n"
                + "  cloudfront (1 of 3)  waiting  5m10s of ~15m  waiting for the disable to propagate (InProgress)\u001b[K\n"
                + "  total 5m10s, 1 of 3 steps done\u001b[K\n\u001b[J");

        text.getBuffer().setLength(0);
        view.clear();
        assertThat(text.toString()).isEqualTo("\r\u001b[2A\u001b[J");
    }

    @Test
    void terminal_tick_keepsTheClocksRunningBetweenEvents_byTheWallTimeSinceTheLastEvent() {
        long[] nanos = {1_000_000_000L};
        ProgressView view = ProgressView.terminal(out, STEPS, () -> nanos[0]);
        view.onProgress(event("cloudfront", Phase.WAITING, "waiting for the disable to propagate (InProgress)", 0, 300));
        text.getBuffer().setLength(0);

        nanos[0] += Duration.ofSeconds(7).toNanos(); // no event for 7 s of wall time
        view.tick();

        assertThat(text.toString()).isEqualTo("\r\u001b[2A"
                + "  cloudfront (1 of 3)  waiting  5m7s of ~15m  waiting for the disable to propagate (InProgress)\u001b[K\n"
                + "  total 5m7s, 0 of 3 steps done\u001b[K\n\u001b[J");

        // the next event (its clock behind what was shown) does not turn the clocks back
        text.getBuffer().setLength(0);
        view.onProgress(event("cloudfront", Phase.WAITING, "waiting for the disable to propagate (InProgress)", 0, 305));
        assertThat(text.toString()).contains("waiting  5m7s of ~15m").contains("total 5m7s");
    }

    @Test
    void tick_drawsNothing_inTheLogForm_orWithNothingRunning() {
        long[] nanos = {0};
        ProgressView idle = ProgressView.terminal(out, STEPS, () -> nanos[0]);
        idle.tick();
        ProgressView log = ProgressView.log(out, STEPS);
        log.onProgress(event("cloudfront", Phase.STARTED, "deleting E1", 0, 0));
        text.getBuffer().setLength(0);
        log.tick();
        log.startTicking(Duration.ofMillis(1)).close();
        assertThat(text.toString()).isEmpty();
    }

    @Test
    void startTicking_redrawsOnItsOwn_untilClosed() throws InterruptedException {
        ProgressView view = ProgressView.terminal(out, STEPS);
        view.onProgress(event("cloudfront", Phase.STARTED, "deleting E1", 0, 0));
        text.getBuffer().setLength(0);
        try (ProgressView.Ticking ticking = view.startTicking(Duration.ofMillis(10))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (text.toString().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }
        assertThat(text.toString()).startsWith("\r\u001b[2A  cloudfront (1 of 3)  starting");
    }

    @Test
    void terminal_cutsALongLineSoThatItDoesNotWrap() {
        ProgressView view = ProgressView.terminal(out, STEPS);
        view.onProgress(event("alb", Phase.WAITING, "waiting for " + "x".repeat(300), 0, 0));
        assertThat(text.toString().split("\n")[0]).hasSizeLessThan(120).contains("  alb (2 of 3)").endsWith("…\u001b[K");
    }

    @Test
    void clock_readsAsMinutesAndSeconds() {
        assertThat(ProgressView.clock(Duration.ofSeconds(59))).isEqualTo("59s");
        assertThat(ProgressView.clock(Duration.ofSeconds(300))).isEqualTo("5m0s");
        assertThat(ProgressView.clock(Duration.ofSeconds(3723))).isEqualTo("1h2m3s");
    }
}
