package io.tierstate.destroy;

import io.tierstate.svg.Svg;
import io.tierstate.svg.TextWidth;
import java.util.List;
import java.util.Locale;

/** Draws destroy timelines as a Gantt chart; several share one time scale, one below the other. */
final class TimelinePicture {

    static final double WIDTH = 960;
    static final double MARGIN = 16;
    static final double ROW = 24;
    static final double BAR = 14;
    /** Room right of the time axis for a bar's duration and result. */
    static final double RESULT_ROOM = 170;
    static final Svg.Text LABEL = Svg.Text.plain(13).css("step-label");
    static final Svg.Text NOTE = Svg.Text.plain(11).fill("#57606a").css("note");

    private TimelinePicture() {}

    static String colour(DestroyTimeline.Phase p) {
        return switch (p) {
            case REQUESTED -> "#4e79a7";
            case WAITING -> "#e8b931";
            case DELETING -> "#e15759";
        };
    }

    static Svg of(List<DestroyTimeline> timelines) {
        double labels = 110;
        long seconds = 1;
        int rows = 0;
        for (DestroyTimeline t : timelines) {
            for (DestroyTimeline.Row r : t.rows()) {
                labels = Math.max(labels, LABEL.inBold().width(r.step()) + 20);
            }
            seconds = Math.max(seconds, (long) Math.ceil(t.total().toMillis() / 1000.0));
            rows += t.rows().size();
        }
        double x0 = MARGIN + labels;
        double x1 = WIDTH - MARGIN - RESULT_ROOM;
        double scale = (x1 - x0) / seconds;
        double height = timelines.size() * (68 + 12) + rows * ROW + 40;
        String title = timelines.size() == 1 ? heading(timelines.get(0))
                : String.join(" / ", timelines.stream().map(TimelinePicture::heading).toList());
        Svg svg = Svg.of(WIDTH, height, title);
        double y = 0;
        for (DestroyTimeline t : timelines) {
            y = block(svg, t, y, x0, x1, scale, seconds);
        }
        legend(svg, y + 22);
        return svg;
    }

    static String heading(DestroyTimeline t) {
        return "Destroy of '" + t.deployment() + "': " + t.strategy().name().toLowerCase(Locale.ROOT) + ", " + t.outcome()
                + " in " + DestroyReport.format(t.total());
    }

    private static double block(Svg svg, DestroyTimeline t, double top, double x0, double x1, double scale, long seconds) {
        Svg.Text titleText = Svg.Text.plain(16).inBold().css("title");
        svg.text(MARGIN, top + 24, TextWidth.fit(heading(t), 16, true, WIDTH - 2 * MARGIN), titleText);
        long ran = t.rows().stream().filter(r -> !r.spans().isEmpty()).count();
        svg.text(MARGIN, top + 42, ran + " of " + t.rows().size() + " steps ran in this run; the outlined ones, each waiting "
                + "for the one before, set the total", NOTE.css("subtitle"));
        double rowsTop = top + 68;
        double rowsBottom = rowsTop + t.rows().size() * ROW;
        long tick = tick(seconds);
        for (long s = 0; s <= seconds; s += tick) {
            double x = x0 + s * scale;
            svg.line(x, rowsTop - 4, x, rowsBottom, "#d0d7de", true);
            svg.text(x, rowsTop - 8, tickLabel(s, tick), Svg.Text.plain(11).fill("#57606a").middle().css("tick"));
        }
        double y = rowsTop;
        for (DestroyTimeline.Row r : t.rows()) {
            svg.text(MARGIN, y + 16, r.step(), r.critical() ? LABEL.inBold() : LABEL);
            if (r.spans().isEmpty()) {
                svg.text(x0 + 4, y + 16, TextWidth.fit(r.result(), 11, false, WIDTH - MARGIN - x0 - 4), NOTE);
            } else {
                for (DestroyTimeline.Span sp : r.spans()) {
                    double bx = x0 + sp.from().toMillis() / 1000.0 * scale;
                    double bw = Math.max(2, sp.duration().toMillis() / 1000.0 * scale);
                    svg.rect(bx, y + 5, bw, BAR, colour(sp.phase()), "", r.step() + ": " + sp.phase().id() + " "
                            + brief(sp.duration()) + " (from " + DestroyReport.format(sp.from()) + " to "
                            + DestroyReport.format(sp.to()) + ")", "bar phase-" + sp.phase().id());
                }
                double start = x0 + r.start().get().toMillis() / 1000.0 * scale;
                double end = Math.max(start + 2, x0 + r.end().get().toMillis() / 1000.0 * scale);
                if (r.critical()) {
                    svg.rect(start - 1, y + 4, end - start + 2, BAR + 2, "none", "#1f2328", "on the critical path", "critical");
                }
                String after = brief(r.duration()) + (r.result().equals("deleted") ? "" : " · " + r.result());
                double tx = end + 6;
                svg.text(tx, y + 16, TextWidth.fit(after, 11, false, WIDTH - MARGIN - tx), NOTE.css("result"));
            }
            y += ROW;
        }
        return rowsBottom + 12;
    }

    private static void legend(Svg svg, double y) {
        double x = MARGIN;
        for (DestroyTimeline.Phase p : DestroyTimeline.Phase.values()) {
            svg.rect(x, y - 10, 12, 12, colour(p), "", "", "legend-swatch");
            svg.text(x + 16, y, p.id(), Svg.Text.plain(12).css("legend"));
            x += 16 + TextWidth.of(p.id(), 12, false) + 18;
        }
        svg.rect(x, y - 10, 12, 12, "none", "#1f2328", "", "legend-swatch");
        svg.text(x + 16, y, "critical path", Svg.Text.plain(12).css("legend"));
    }

    /** A duration as the picture writes it: {@code <1s} for what took less than a second. */
    static String brief(java.time.Duration d) {
        return d.toMillis() < 1000 ? "<1s" : DestroyReport.format(d);
    }

    /** A tick interval that puts at most about eight ticks on the axis. */
    static long tick(long seconds) {
        for (long t : new long[] {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 43200, 86400}) {
            if (seconds / t <= 8) {
                return t;
            }
        }
        return 86400 * Math.max(1, seconds / 86400 / 8);
    }

    static String tickLabel(long s, long tick) {
        return tick >= 3600 && tick % 3600 == 0 ? s / 3600 + " h" : tick >= 60 ? s / 60 + " min" : s + " s";
    }
}
