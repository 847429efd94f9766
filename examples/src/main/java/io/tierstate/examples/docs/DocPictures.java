package io.tierstate.examples.docs;

import io.tierstate.DeploymentClient;
import io.tierstate.destroy.DestroyReport;
import io.tierstate.destroy.DestroyTimeline;
import io.tierstate.destroy.Strategy;
import io.tierstate.examples.pipeline.DeployPipeline;
import io.tierstate.sim.SimulatedCloud;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes the pictures in {@code docs/pictures} from the demo stack ({@code edge-gpu}, as
 * {@code tierstate demo} deploys it) on a simulated cloud with a fixed seed, so the same code makes
 * the same bytes: the destroy timeline of a SEQUENTIAL and an OVERLAPPED destroy of that stack, one
 * below the other, its cost breakdown, and an example HTML report. With {@code --screenshots} it
 * also renders each in headless Chromium into a PNG beside it.
 *
 * <pre>
 * mvn -B -q -DskipTests package
 * java -cp examples/target/tierstate.jar io.tierstate.examples.docs.DocPictures docs/pictures --screenshots
 * </pre>
 */
public final class DocPictures {

    /** The timeline picture, SEQUENTIAL above OVERLAPPED. */
    public static final String TIMELINE = "destroy-timeline.svg";
    /** The cost picture. */
    public static final String COST = "cost-breakdown.svg";
    /** The example report (its timestamps are the run's, so it is not compared byte for byte). */
    public static final String REPORT = "report-example.html";
    /** The stack the pictures show. */
    public static final String STACK = "edge-gpu";
    static final long SEED = 20261101L;
    static final Instant START = Instant.parse("2026-11-02T09:00:00Z");

    private DocPictures() {}

    /**
     * @param args the directory to write into (default {@code docs/pictures}), and {@code --screenshots}
     *     to render PNGs with Chromium as well
     * @throws IOException when a file cannot be written or Chromium fails
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of("docs/pictures");
        boolean screenshots = false;
        for (String a : args) {
            if (a.equals("--screenshots")) {
                screenshots = true;
            } else {
                dir = Path.of(a);
            }
        }
        Files.createDirectories(dir);
        Map<String, String> files = make();
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
            System.out.println("wrote " + dir.resolve(f.getKey()));
        }
        if (screenshots) {
            Chromium chromium = Chromium.find().orElseThrow(() -> new IOException("no Chromium found: install Debian's "
                    + "chromium package (apt-get install chromium fonts-dejavu-core) or set TIERSTATE_CHROMIUM"));
            for (String name : files.keySet()) {
                Path png = dir.resolve(name.replaceFirst("\\.(svg|html)$", ".png"));
                int[] size = size(files.get(name));
                chromium.screenshot(dir.resolve(name).toAbsolutePath(), size[0], size[1], png);
                System.out.println("wrote " + png);
            }
        }
    }

    /**
     * Makes the pictures.
     *
     * @return file name to content, in the order above
     * @throws IOException when a temporary home cannot be made
     */
    public static Map<String, String> make() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        List<DestroyTimeline> timelines = new ArrayList<>();
        String cost = null;
        String report = null;
        for (Strategy strategy : List.of(Strategy.SEQUENTIAL, Strategy.OVERLAPPED)) {
            Path home = Files.createTempDirectory("tierstate-pictures-");
            try {
                SimulatedCloud sim = SimulatedCloud.builder().seed(SEED).startingAt(START).build();
                try (DeploymentClient client = DeploymentClient.builder().home(home).cloud(sim)
                        .clock(Clock.fixed(START.plusSeconds(3600), ZoneOffset.UTC)).build()) {
                    new DeployPipeline(client, sim, new PrintWriter(Writer.nullWriter()), Optional.empty()).deploy(STACK);
                    if (cost == null) {
                        cost = client.deployment(STACK).estimateCost().toSvg();
                    }
                    DestroyReport r = client.deployment(STACK).destroy().strategy(strategy).run();
                    if (!r.succeeded()) {
                        throw new IllegalStateException("the demo stack's " + strategy + " destroy did not complete:\n" + r.render());
                    }
                    timelines.add(r.timeline());
                    if (strategy == Strategy.OVERLAPPED) {
                        report = client.deployment(STACK).report().toHtml();
                    }
                }
            } finally {
                TempTrees.deleteQuietly(home);
            }
        }
        out.put(TIMELINE, DestroyTimeline.toSvg(timelines));
        out.put(COST, cost);
        out.put(REPORT, report);
        return out;
    }

    /** The window for a screenshot: an SVG's own size, a report's page width and a height that holds it. */
    static int[] size(String content) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<svg [^>]*width=\"([0-9.]+)\" height=\"([0-9.]+)\"")
                .matcher(content);
        if (content.startsWith("<?xml") && m.find()) {
            return new int[] {(int) Math.ceil(Double.parseDouble(m.group(1))), (int) Math.ceil(Double.parseDouble(m.group(2)))};
        }
        return new int[] {1040, 2300};
    }

}
