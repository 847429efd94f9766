package io.tierstate.view;

import io.tierstate.destroy.DestroyTimeline;
import io.tierstate.error.StateStoreException;
import io.tierstate.svg.Xml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One deployment as one self-contained HTML file, fit to attach to a CI run: the inspection with
 * the CloudFront URL first, the cost breakdown as a picture, and the last destroy's timeline when
 * the state has a destroy journal. Styles and pictures are inline; the page loads nothing from
 * elsewhere and runs no script, so it reads the same without a network.
 *
 * <pre>{@code
 * client.deployment("web").report().write(Path.of("web-report.html"));
 * }</pre>
 */
public final class HtmlReport {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}");
    private static final String STYLE = """
            body { font-family: 'DejaVu Sans', Verdana, sans-serif; color: #1f2328; margin: 24px auto; max-width: 1000px; \
            padding: 0 16px; background: #ffffff; }
            h1 { font-size: 24px; margin: 0 0 4px 0; }
            h2 { font-size: 18px; margin: 28px 0 8px 0; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
            .url { font-size: 18px; margin: 4px 0; }
            .url a { color: #0969da; }
            .url.gone { color: #57606a; }
            .meta { color: #57606a; font-size: 13px; margin: 4px 0 0 0; }
            pre { font-family: 'DejaVu Sans Mono', monospace; font-size: 12px; background: #f6f8fa; padding: 12px; \
            border-radius: 6px; overflow-x: auto; white-space: pre; }
            svg { display: block; max-width: 100%; height: auto; }
            .none { color: #57606a; }
            """;

    private final Inspection inspection;
    private final Optional<DestroyTimeline> timeline;
    private final Instant generatedAt;
    private final boolean archived;

    private HtmlReport(Inspection inspection, Optional<DestroyTimeline> timeline, Instant generatedAt, boolean archived) {
        this.inspection = inspection;
        this.timeline = timeline;
        this.generatedAt = generatedAt;
        this.archived = archived;
    }

    /**
     * @param inspection the deployment's inspection (its state, cost and clock)
     * @param generatedAt when the report is made, written in its footer
     * @param archived whether the state is an archived one (the deployment was destroyed)
     * @return the report, with the timeline of the state's destroy journal when it has one
     */
    public static HtmlReport of(Inspection inspection, Instant generatedAt, boolean archived) {
        return new HtmlReport(inspection, DestroyTimeline.fromJournal(inspection.state()), generatedAt, archived);
    }

    /** @return the inspection it shows */
    public Inspection inspection() {
        return inspection;
    }

    /** @return the destroy timeline it shows, when the state has a destroy journal */
    public Optional<DestroyTimeline> timeline() {
        return timeline;
    }

    /** @return the page */
    public String toHtml() {
        String name = inspection.state().stackName();
        StringBuilder out = new StringBuilder(64 * 1024);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>TierState report: ").append(Xml.escape(name)).append("</title>\n<style>\n").append(STYLE)
                .append("</style>\n</head>\n<body>\n<header>\n<h1 id=\"name\">").append(Xml.escape(name)).append("</h1>\n");
        Optional<String> url = inspection.cloudFrontUrl();
        if (url.isPresent()) {
            String u = url.get();
            String host = u.startsWith("https://") ? u.substring("https://".length()) : "";
            if (archived) {
                out.append("<p class=\"url gone\" id=\"url\"><s>").append(Xml.escape(u))
                        .append("</s> (deleted with the deployment)</p>\n");
            } else if (HOST.matcher(host).matches()) {
                out.append("<p class=\"url\" id=\"url\"><a href=\"https://").append(host).append("\">https://").append(host)
                        .append("</a></p>\n");
            } else {
                out.append("<p class=\"url\" id=\"url\">").append(Xml.escape(u)).append("</p>\n");
            }
        }
        var s = inspection.state();
        out.append("<p class=\"meta\">Tier ").append(s.tier().number()).append(" · ").append(Xml.escape(s.status().wireName()))
                .append(" · ").append(Xml.escape(s.config().region().orElse("us-east-1"))).append(archived ? " · archived state (destroyed)" : "")
                .append("</p>\n</header>\n");
        out.append("<section id=\"inspection\">\n<h2>Inspection</h2>\n<pre>").append(Xml.escape(inspection.render()))
                .append("</pre>\n</section>\n");
        out.append("<section id=\"cost\">\n<h2>Monthly cost</h2>\n");
        if (inspection.estimate().isPresent()) {
            out.append(inspection.estimate().get().toSvgElement());
        } else {
            out.append("<p class=\"none\">Unknown: ").append(Xml.escape(inspection.costUnknownReason().orElse("no price")))
                    .append("</p>\n");
        }
        out.append("</section>\n");
        out.append("<section id=\"destroy\">\n<h2>Last destroy</h2>\n");
        if (timeline.isPresent()) {
            out.append(timeline.get().toSvgElement());
        } else {
            out.append("<p class=\"none\">No destroy recorded.</p>\n");
        }
        out.append("</section>\n<footer class=\"meta\">Made by TierState at ").append(Formats.utc(generatedAt))
                .append(" from the state of ").append(Xml.escape(name))
                .append(s.serial() > 0 ? " (version " + s.serial() + ")" : " (as GeuseMaker wrote it)")
                .append(".</footer>\n</body>\n</html>\n");
        return out.toString();
    }

    /**
     * Writes the page, atomically: a reader never sees half a file.
     *
     * @param file where
     * @return the file
     * @throws StateStoreException when it cannot be written (the message names the file and the fix)
     */
    public Path write(Path file) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        // said before any IOException, whose message is a bare path and whose type is a Java name
        if (dir == null || !Files.isDirectory(dir)) {
            throw new StateStoreException("could not write the report to " + target + ": no such directory " + dir
                    + "; create it or write the report elsewhere", null);
        }
        if (Files.isDirectory(target)) {
            throw new StateStoreException("could not write the report to " + target + ": it is a directory; give a file name"
                    + " such as " + target.resolve("report.html"), null);
        }
        try {
            Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, toHtml(), StandardCharsets.UTF_8);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return target;
        } catch (java.nio.file.AccessDeniedException e) {
            throw new StateStoreException("could not write the report to " + target + ": permission denied; check that "
                    + dir + " is writable, or write the report elsewhere", e);
        } catch (IOException e) {
            throw new StateStoreException("could not write the report to " + target + (e.getMessage() == null ? ""
                    : ": " + e.getMessage()) + "; check the disk and that " + dir + " is writable", e);
        }
    }

    @Override
    public String toString() {
        return "HTML report of '" + inspection.state().stackName() + "'" + (timeline.isPresent() ? " with its last destroy" : "");
    }
}
