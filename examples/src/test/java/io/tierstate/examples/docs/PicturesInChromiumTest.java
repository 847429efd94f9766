package io.tierstate.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tierstate.svg.TextWidth;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pictures as a person sees them: rendered by headless Chromium with the fonts a reader has,
 * measured in the browser (every label there, inside the frame, nothing overlapping, widths as
 * the layout assumed) and screenshotted (the colours show, nothing is cut off at the edge).
 * Without Chromium the test skips and says so; {@code .ci/run} installs it and sets
 * {@code TIERSTATE_REQUIRE_CHROMIUM=1}, under which a missing Chromium fails the test instead.
 */
class PicturesInChromiumTest {

    private static final List<String> STEPS = List.of("cloudfront", "alb", "target_group", "instance", "iam_instance_profile",
            "iam_role", "efs_mount_targets", "efs", "vpc_dependents", "security_group", "subnets", "vpc", "verify");
    private static final Path OUT = Path.of("target", "pictures");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Collects the boxes the browser laid out, after the page's own content. */
    private static final String MEASURE = """
            <script>
            function box(e) { const r = e.getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width, h: r.height}; }
            const result = {fonts: document.fonts.check('12px "DejaVu Sans"') && document.fonts.check('bold 12px "DejaVu Sans"'),
              page: {scrollWidth: document.documentElement.scrollWidth, innerWidth: innerWidth}, ids: {}};
            result.svgs = [...document.querySelectorAll('svg')].map(svg => ({frame: box(svg),
              texts: [...svg.querySelectorAll('text')].map(t => Object.assign({text: t.textContent, cls: t.getAttribute('class') || '',
                size: +t.getAttribute('font-size'), bold: t.getAttribute('font-weight') === 'bold',
                advance: t.getComputedTextLength()}, box(t))),
              rects: [...svg.querySelectorAll('rect')].slice(1).map(r => Object.assign({cls: r.getAttribute('class') || ''}, box(r)))}));
            for (const id of ['url', 'inspection', 'cost', 'destroy']) { const e = document.getElementById(id); if (e) result.ids[id] = box(e); }
            const pre = document.createElement('pre'); pre.id = 'tierstate-result'; pre.textContent = JSON.stringify(result);
            document.body.appendChild(pre);
            </script>
            """;

    private static Chromium chromium;
    private static Map<String, String> pictures;

    @BeforeAll
    static void chromiumAndPictures() throws Exception {
        var found = Chromium.find();
        if (found.isEmpty() && System.getenv("TIERSTATE_REQUIRE_CHROMIUM") != null) {
            throw new AssertionError("TIERSTATE_REQUIRE_CHROMIUM is set and no Chromium was found: apt-get install chromium "
                    + "fonts-dejavu-core, or set TIERSTATE_CHROMIUM to its path");
        }
        Assumptions.assumeTrue(found.isPresent(), "no Chromium on this machine: the pictures are not looked at here "
                + "(.ci/run installs it; apt-get install chromium fonts-dejavu-core to run this test)");
        chromium = found.get();
        pictures = DocPictures.make();
        Files.createDirectories(OUT);
        for (var p : pictures.entrySet()) {
            Files.writeString(OUT.resolve(p.getKey()), p.getValue(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theTimeline_showsEveryStepOfBothDestroys_insideTheFrame_withNothingOverlapping_andTheTotals() throws Exception {
        JsonNode m = measureSvg(DocPictures.TIMELINE);
        JsonNode svg = m.get("svgs").get(0);

        assertThat(m.get("fonts").asBoolean()).as("DejaVu Sans is what the layout measures with").isTrue();
        assertThat(texts(svg, "step-label")).as("every step's label, once per destroy").containsExactlyElementsOf(twice(STEPS));
        assertThat(texts(svg, "title")).hasSize(2).allSatisfy(t -> assertThat(t).matches("Destroy of 'edge-gpu': "
                + "(sequential|overlapped), completed in \\d+m\\d\\ds"));
        assertThat(String.join(" ", texts(svg, "legend"))).isEqualTo("requested waiting deleting critical path");
        assertLaidOutWell(svg);
        assertThat(rects(svg, "bar").size()).as("a bar per phase of each step that ran").isGreaterThanOrEqualTo(2 * STEPS.size());
        assertThat(rects(svg, "critical")).as("the critical path is outlined").isNotEmpty();

        assertScreenshotShowsAllOf(DocPictures.TIMELINE, "#4e79a7", "#e8b931", "#e15759", "#1f2328");
    }

    @Test
    void theCostBreakdown_showsEachResource_itsAmount_andTheTotal_insideTheFrame() throws Exception {
        JsonNode svg = measureSvg(DocPictures.COST).get("svgs").get(0);

        assertThat(texts(svg, "resource-label")).containsExactly("EC2", "EFS", "ALB", "CloudFront");
        assertThat(texts(svg, "amount")).hasSize(4).allSatisfy(a -> assertThat(a).matches("[0-9,]+\\.\\d\\d USD"));
        assertThat(texts(svg, "total")).singleElement().asString().matches("Total [0-9,]+\\.\\d\\d USD a month.*");
        assertThat(texts(svg, "subtitle")).singleElement().asString().contains("as of 2026-");
        assertLaidOutWell(svg);

        assertScreenshotShowsAllOf(DocPictures.COST, "#4e79a7", "#59a14f", "#f28e2b", "#b07aa1");
    }

    @Test
    void theHtmlReport_putsTheUrlFirst_holdsBothPictures_andFitsThePage() throws Exception {
        String html = pictures.get(DocPictures.REPORT);
        Path page = OUT.resolve("report-measured.html");
        Files.writeString(page, html.replace("</body>", MEASURE + "</body>"), StandardCharsets.UTF_8);
        JsonNode m = result(chromium.dumpDom(page.toAbsolutePath()));

        JsonNode ids = m.get("ids");
        assertThat(ids.get("url").get("y").asDouble()).isLessThan(ids.get("inspection").get("y").asDouble());
        assertThat(ids.get("inspection").get("y").asDouble()).isLessThan(ids.get("cost").get("y").asDouble());
        assertThat(ids.get("cost").get("y").asDouble()).isLessThan(ids.get("destroy").get("y").asDouble());
        assertThat(m.get("svgs")).hasSize(2);
        assertThat(m.get("page").get("scrollWidth").asInt()).as("nothing wider than the page")
                .isLessThanOrEqualTo(m.get("page").get("innerWidth").asInt());
        for (JsonNode svg : m.get("svgs")) {
            assertLaidOutWell(svg);
        }
        assertThat(texts(m.get("svgs").get(1), "step-label")).containsExactlyElementsOf(STEPS.subList(0, STEPS.size() - 1));

        BufferedImage png = screenshot(DocPictures.REPORT);
        assertThat(pixels(png, "#4e79a7")).as("the cost breakdown's EC2 bar").isGreaterThan(20);
        assertThat(pixels(png, "#e8b931")).as("the timeline's waiting bars").isGreaterThan(20);
    }

    // ---- what "laid out well" means

    private static void assertLaidOutWell(JsonNode svg) {
        JsonNode f = svg.get("frame");
        double fx = f.get("x").asDouble();
        double fy = f.get("y").asDouble();
        double fw = f.get("w").asDouble();
        double fh = f.get("h").asDouble();
        List<JsonNode> texts = list(svg.get("texts"));
        List<JsonNode> shapes = new ArrayList<>();
        for (JsonNode r : svg.get("rects")) {
            shapes.add(r);
        }
        for (JsonNode t : texts) {
            String what = "'" + t.get("text").asText() + "'";
            assertThat(t.get("x").asDouble()).as(what + " starts inside the frame").isGreaterThanOrEqualTo(fx);
            assertThat(t.get("x").asDouble() + t.get("w").asDouble()).as(what + " ends inside the frame").isLessThanOrEqualTo(fx + fw);
            assertThat(t.get("y").asDouble()).as(what + " inside the frame").isGreaterThanOrEqualTo(fy);
            assertThat(t.get("y").asDouble() + t.get("h").asDouble()).as(what + " inside the frame").isLessThanOrEqualTo(fy + fh);
            double estimate = TextWidth.of(t.get("text").asText(), t.get("size").asDouble(), t.get("bold").asBoolean());
            assertThat(t.get("advance").asDouble()).as(what + ": the browser sets it no wider than the layout measured")
                    .isLessThanOrEqualTo(estimate * 1.015 + 0.5);
            if (t.get("text").asText().chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                assertThat(t.get("advance").asDouble()).as(what + ": and as wide, in DejaVu Sans")
                        .isGreaterThanOrEqualTo(estimate * 0.985 - 0.5);
            }
        }
        for (int i = 0; i < texts.size(); i++) {
            for (int j = i + 1; j < texts.size(); j++) {
                assertThat(overlap(texts.get(i), texts.get(j))).as("'%s' and '%s' overlap", texts.get(i).get("text").asText(),
                        texts.get(j).get("text").asText()).isFalse();
            }
            for (JsonNode s : shapes) {
                assertThat(overlap(texts.get(i), s)).as("'%s' overlaps a %s", texts.get(i).get("text").asText(),
                        s.get("cls").asText()).isFalse();
            }
        }
        for (JsonNode s : shapes) {
            assertThat(s.get("x").asDouble()).as("a %s inside the frame", s.get("cls").asText()).isGreaterThanOrEqualTo(fx - 0.5);
            assertThat(s.get("x").asDouble() + s.get("w").asDouble()).as("a %s inside the frame", s.get("cls").asText())
                    .isLessThanOrEqualTo(fx + fw + 0.5);
        }
    }

    private static boolean overlap(JsonNode a, JsonNode b) {
        double e = 0.5;
        return a.get("x").asDouble() < b.get("x").asDouble() + b.get("w").asDouble() - e
                && b.get("x").asDouble() < a.get("x").asDouble() + a.get("w").asDouble() - e
                && a.get("y").asDouble() < b.get("y").asDouble() + b.get("h").asDouble() - e
                && b.get("y").asDouble() < a.get("y").asDouble() + a.get("h").asDouble() - e;
    }

    /** Each colour shows in the picture's screenshot, and nothing is cut off at its right edge. */
    private static void assertScreenshotShowsAllOf(String picture, String... colours) throws Exception {
        BufferedImage png = screenshot(picture);
        for (String colour : colours) {
            assertThat(pixels(png, colour)).as("%s shows in the screenshot", colour).isGreaterThan(20);
        }
        assertNothingCutOffAtTheRight(png);
    }

    private static void assertNothingCutOffAtTheRight(BufferedImage png) {
        for (int x = png.getWidth() - 6; x < png.getWidth(); x++) {
            for (int y = 0; y < png.getHeight(); y++) {
                assertThat(png.getRGB(x, y) & 0xffffff).as("pixel (%d, %d) at the right edge is not background", x, y)
                        .isEqualTo(0xffffff);
            }
        }
    }

    // ---- browser and pixels

    private JsonNode measureSvg(String name) throws Exception {
        String svg = pictures.get(name);
        String element = svg.substring(svg.indexOf("<svg"));
        Path page = OUT.resolve(name + "-measured.html");
        Files.writeString(page, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body style=\"margin:0\">\n"
                + element + MEASURE + "</body></html>\n", StandardCharsets.UTF_8);
        return result(chromium.dumpDom(page.toAbsolutePath()));
    }

    private static JsonNode result(String dom) throws Exception {
        Matcher m = Pattern.compile("<pre id=\"tierstate-result\">(.*?)</pre>", Pattern.DOTALL).matcher(dom);
        assertThat(m.find()).as("the measuring script ran; the DOM was:\n%s", dom.length() > 3000 ? dom.substring(0, 3000) : dom)
                .isTrue();
        String text = m.group(1).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'")
                .replace("&amp;", "&");
        return JSON.readTree(text);
    }

    private static BufferedImage screenshot(String name) throws Exception {
        Path file = OUT.resolve(name).toAbsolutePath();
        int[] size = DocPictures.size(pictures.get(name));
        Path png = OUT.resolve(name.replaceFirst("\\.(svg|html)$", ".png"));
        chromium.screenshot(file, size[0], size[1], png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(size[0]);
        assertThat(image.getHeight()).isEqualTo(size[1]);
        return image;
    }

    /** Pixels within a small distance of a colour (antialiasing blends the edges only). */
    private static int pixels(BufferedImage png, String hex) {
        int c = Integer.parseInt(hex.substring(1), 16);
        int n = 0;
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                int p = png.getRGB(x, y);
                if (Math.abs((p >> 16 & 0xff) - (c >> 16 & 0xff)) <= 12 && Math.abs((p >> 8 & 0xff) - (c >> 8 & 0xff)) <= 12
                        && Math.abs((p & 0xff) - (c & 0xff)) <= 12) {
                    n++;
                }
            }
        }
        return n;
    }

    private static List<String> texts(JsonNode svg, String cls) {
        List<String> out = new ArrayList<>();
        for (JsonNode t : svg.get("texts")) {
            if (List.of(t.get("cls").asText().split(" ")).contains(cls)) {
                out.add(t.get("text").asText());
            }
        }
        return out;
    }

    private static List<JsonNode> rects(JsonNode svg, String cls) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode r : svg.get("rects")) {
            if (List.of(r.get("cls").asText().split(" ")).contains(cls)) {
                out.add(r);
            }
        }
        return out;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static List<String> twice(List<String> steps) {
        List<String> all = new ArrayList<>(steps);
        all.addAll(steps);
        return all;
    }
}
