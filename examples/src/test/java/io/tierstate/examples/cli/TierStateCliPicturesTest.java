package io.tierstate.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tierstate.migration.fixtures.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The pictures and the page the program draws: {@code destroy --timeline}, {@code timeline},
 * {@code cost --svg} and {@code report --html}, on the simulated cloud kept in a GeuseMaker home;
 * and each bad file name refused before any work, in the flag's words, writing nothing.
 */
class TierStateCliPicturesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @TempDir
    Path pictures;

    private Path state;

    @BeforeEach
    void geuseMakerHome() throws IOException {
        Path d = Files.createDirectories(home.resolve("deployments"));
        state = Files.write(d.resolve("gpu-global.json"), Fixtures.bytes("v2-gpu-tier3.json"));
    }

    private CliRun sim(String... args) {
        return CliRun.onSimulatedCloud(home, args);
    }

    private CliRun destroyed(String... extra) {
        List<String> args = new ArrayList<>(List.of("destroy", "gpu-global", "--yes"));
        args.addAll(List.of(extra));
        CliRun r = sim(args.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isZero();
        return r;
    }

    @Test
    void destroyTimeline_drawsARowPerStep_andExitsZero() throws Exception {
        Path svg = pictures.resolve("destroy.svg");

        CliRun r = sim("--json", "destroy", "gpu-global", "--yes", "--timeline", svg.toString());

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).contains("tierstate: wrote the destroy's timeline to " + svg);
        JsonNode report = JSON.readTree(r.out());
        assertThat(report.path("outcome").asText()).isEqualTo("completed");
        List<String> steps = new ArrayList<>();
        report.path("steps").forEach(s -> steps.add(s.path("step").asText()));
        steps.add("verify");
        Element root = parse(svg);
        assertThat(texts(root, "step-label")).containsExactlyElementsOf(steps);
        assertThat(root.getElementsByTagName("title").item(0).getTextContent()).startsWith("Destroy of 'gpu-global': sequential, completed in ");
        assertThat(Files.readString(svg)).doesNotContain("NaN");
        assertNoTemporaryFiles();
    }

    @Test
    void timeline_afterTheDestroy_drawsItFromTheArchive_asTextAndAsJson() throws Exception {
        destroyed("--strategy", "overlapped");
        assertThat(Files.exists(state)).isFalse();
        Path svg = pictures.resolve("t.svg");

        CliRun text = sim("timeline", "gpu-global", svg.toString());

        assertThat(text.status()).as(text.err()).isZero();
        assertThat(text.err()).isEmpty();
        assertThat(text.out()).startsWith("Destroy of 'gpu-global': overlapped, completed in ").contains("* cloudfront")
                .endsWith("wrote " + svg + "\n");
        assertThat(texts(parse(svg), "step-label")).contains("cloudfront", "alb", "instance", "efs").doesNotContain("verify");

        Path again = pictures.resolve("again.svg");
        CliRun json = sim("--json", "timeline", "gpu-global", again.toString());

        assertThat(json.status()).as(json.err()).isZero();
        JsonNode t = JSON.readTree(json.out());
        assertThat(fieldNames(t)).containsExactly("deployment", "file", "strategy", "outcome", "total_seconds", "critical_path");
        assertThat(t.path("deployment").asText()).isEqualTo("gpu-global");
        assertThat(t.path("file").asText()).isEqualTo(again.toString());
        assertThat(t.path("strategy").asText()).isEqualTo("overlapped");
        assertThat(t.path("outcome").asText()).isEqualTo("completed");
        assertThat(t.path("total_seconds").isNumber()).isTrue();
        assertThat(t.path("total_seconds").asDouble()).isPositive();
        assertThat(t.path("critical_path").isArray()).isTrue();
        assertThat(t.path("critical_path").get(0).asText()).isEqualTo("cloudfront");
        assertThat(Files.readString(again)).isEqualTo(Files.readString(svg));
    }

    @Test
    void timeline_ofADeploymentNeverDestroyed_exitsTwo_namingTheDestroyThatDrawsOne() {
        Path svg = pictures.resolve("t.svg");

        CliRun r = sim("timeline", "gpu-global", svg.toString());

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("'gpu-global' has no destroy recorded").contains("tierstate destroy gpu-global --timeline FILE.svg")
                .hasLineCount(1);
        assertClean(r);
        assertThat(Files.exists(svg)).isFalse();
    }

    @Test
    void withJson_theRefusalIsTheErrorDocument() throws IOException {
        CliRun r = sim("--json", "timeline", "gpu-global", pictures.resolve("t.svg").toString());

        assertThat(r.status()).isEqualTo(2);
        JsonNode error = JSON.readTree(r.out());
        assertThat(error.path("exit").asInt()).isEqualTo(2);
        assertThat(error.path("message").asText()).contains("tierstate destroy gpu-global --timeline FILE.svg");
        assertEmpty(pictures);
    }

    @Test
    void aWriteThatFailsAfterTheChecks_saysWhy_inWordsNotJavaNames() {
        Path gone = pictures.resolve("gone").resolve("x.svg");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PictureFiles.write("--svg", gone, "<svg/>"))
                .isInstanceOf(io.tierstate.error.InvalidInputException.class)
                .hasMessageStartingWith("--svg " + gone + " could not be written (its directory is gone)")
                .hasMessageContaining("check the disk and the directory's permissions")
                .hasMessageNotContaining("Exception");
        assertThat(PictureFiles.reason(new java.nio.file.AccessDeniedException("/x"))).isEqualTo("permission denied");
        assertThat(PictureFiles.reason(new java.nio.file.FileSystemException("/x", null, "No space left on device")))
                .isEqualTo("No space left on device");
        assertThat(PictureFiles.reason(new IOException("disk on fire"))).isEqualTo("disk on fire");
        assertThat(PictureFiles.reason(new IOException())).isEqualTo("an I/O error");
    }

    @Test
    void timelineAndReport_ofAnUnknownName_exitThree_andWriteNothing() throws IOException {
        CliRun timeline = sim("timeline", "nobody", pictures.resolve("t.svg").toString());
        CliRun report = sim("report", "nobody", "--html", pictures.resolve("r.html").toString());

        for (CliRun r : List.of(timeline, report)) {
            assertThat(r.status()).as(r.err()).isEqualTo(3);
            assertThat(r.err()).contains("nobody");
            assertClean(r);
        }
        assertEmpty(pictures);
    }

    @Test
    void costSvg_writesThePicture_andStillPrintsTheEstimate() throws Exception {
        Path svg = pictures.resolve("cost.svg");
        String plain = sim("cost", "gpu-global").out();

        CliRun r = sim("cost", "gpu-global", "--svg", svg.toString());

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(plain);
        assertThat(r.err()).isEqualTo("tierstate: wrote the cost breakdown to " + svg + "\n");
        Element root = parse(svg);
        assertThat(texts(root, "resource-label")).containsExactly("EC2", "EFS", "ALB", "CloudFront");
        assertThat(texts(root, "total").get(0)).startsWith("Total ").contains(" USD a month");

        Path json = pictures.resolve("cost-json.svg");
        CliRun j = sim("--json", "cost", "gpu-global", "--svg", json.toString());
        assertThat(j.status()).as(j.err()).isZero();
        assertThat(JSON.readTree(j.out()).path("monthly_total_display").asText())
                .isEqualTo(texts(parse(json), "total").get(0).split(" ")[1].replace(",", ""));
        assertThat(Files.readString(json)).isEqualTo(Files.readString(svg));
    }

    @Test
    void costSvg_ofAPlan_drawsThePlan() throws Exception {
        Path svg = pictures.resolve("plan.svg");

        CliRun r = CliRun.inHome(home, "cost", "--tier", "gpu", "--instance-type", "g5.xlarge", "--svg", svg.toString());

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(parse(svg).getElementsByTagName("title").item(0).getTextContent()).contains("g5.xlarge");
    }

    @Test
    void reportHtml_ofALiveDeployment_andAfterItsDestroy_asTextAndJson() throws Exception {
        Path html = pictures.resolve("report.html");

        CliRun live = sim("report", "gpu-global", "--html", html.toString());

        assertThat(live.status()).as(live.err()).isZero();
        assertThat(live.out()).isEqualTo("wrote " + html + " (inspection, cost)\n");
        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<h1 id=\"name\">gpu-global</h1>")
                .contains("<a href=\"https://").contains("No destroy recorded.");
        assertThat(page.split("<svg ", -1)).hasSize(2);

        destroyed();
        Path after = pictures.resolve("after.html");
        CliRun json = sim("--json", "report", "gpu-global", "--html", after.toString());

        assertThat(json.status()).as(json.err()).isZero();
        JsonNode j = JSON.readTree(json.out());
        assertThat(fieldNames(j)).containsExactly("deployment", "file", "has_cost", "has_timeline");
        assertThat(j.path("deployment").asText()).isEqualTo("gpu-global");
        assertThat(j.path("file").asText()).isEqualTo(after.toString());
        assertThat(j.path("has_cost").asBoolean()).isTrue();
        assertThat(j.path("has_timeline").asBoolean()).isTrue();
        assertThat(Files.readString(after)).contains("archived state (destroyed)");
        assertThat(Files.readString(after).split("<svg ", -1)).hasSize(3);
        CliRun text = sim("report", "gpu-global", "--html", after.toString());
        assertThat(text.out()).isEqualTo("wrote " + after + " (inspection, cost, last destroy)\n");
        assertNoTemporaryFiles();
    }

    @Test
    void report_withoutHtml_exitsTwo_withTheUsage() {
        CliRun r = sim("report", "gpu-global");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--html").contains("usage: tierstate report");
        assertClean(r);
    }

    @Test
    void aFileNameWithoutTheRightSuffix_isRefused_beforeAnyWork() throws IOException {
        String png = pictures.resolve("x.png").toString();
        List<CliRun> runs = List.of(
                sim("timeline", "gpu-global", png),
                sim("report", "gpu-global", "--html", pictures.resolve("x.htm").toString()),
                sim("cost", "gpu-global", "--svg", png),
                sim("destroy", "gpu-global", "--yes", "--timeline", pictures.resolve("x.txt").toString()));

        assertThat(runs.get(0).err()).contains("FILE.svg takes a file name ending in .svg, was '" + png + "'")
                .contains("e.g. tierstate timeline gpu-global timeline.svg");
        assertThat(runs.get(1).err()).contains("--html takes a file name ending in .html").contains("e.g. --html report.html");
        assertThat(runs.get(2).err()).contains("--svg takes a file name ending in .svg").contains("e.g. --svg cost.svg");
        assertThat(runs.get(3).err()).contains("--timeline takes a file name ending in .svg")
                .contains("e.g. --timeline destroy.svg");
        assertRefusedAndNothingWritten(runs);
    }

    @Test
    void aMissingDirectory_isRefused_namingIt() throws IOException {
        Path missing = pictures.resolve("no-such-dir");
        List<CliRun> runs = List.of(
                sim("timeline", "gpu-global", missing.resolve("t.svg").toString()),
                sim("report", "gpu-global", "--html", missing.resolve("r.html").toString()),
                sim("cost", "gpu-global", "--svg", missing.resolve("c.svg").toString()),
                sim("destroy", "gpu-global", "--yes", "--timeline", missing.resolve("d.svg").toString()));

        for (CliRun r : runs) {
            assertThat(r.err()).contains("no such directory " + missing).contains("create it or write the file elsewhere");
        }
        assertRefusedAndNothingWritten(runs);
        assertThat(Files.exists(missing)).isFalse();
    }

    @Test
    void aDirectoryAsTheFile_isRefused_andLeftAlone() throws IOException {
        Path svgDir = Files.createDirectory(pictures.resolve("pics.svg"));
        Path htmlDir = Files.createDirectory(pictures.resolve("page.html"));
        List<CliRun> runs = List.of(
                sim("timeline", "gpu-global", svgDir.toString()),
                sim("report", "gpu-global", "--html", htmlDir.toString()),
                sim("cost", "gpu-global", "--svg", svgDir.toString()),
                sim("destroy", "gpu-global", "--yes", "--timeline", svgDir.toString()));

        for (CliRun r : runs) {
            assertThat(r.err()).contains(" is a directory; give a file name ending in .");
        }
        assertRefusedAndNothingWritten(runs, svgDir, htmlDir);
        assertEmpty(svgDir);
        assertEmpty(htmlDir);
    }

    @Test
    void timelineWithDryRun_andSvgWithToDate_areRefused() throws IOException {
        CliRun dry = sim("destroy", "gpu-global", "--dry-run", "--timeline", pictures.resolve("d.svg").toString());
        CliRun toDate = sim("cost", "gpu-global", "--to-date", "--svg", pictures.resolve("c.svg").toString());
        CliRun change = sim("cost", "gpu-global", "--instance-type", "g5.xlarge", "--svg", pictures.resolve("c.svg").toString());

        assertThat(dry.err()).contains("--timeline draws a destroy that runs, and --dry-run runs none")
                .contains("'tierstate timeline gpu-global FILE.svg'");
        assertThat(toDate.err()).contains("--svg draws a monthly estimate; leave out --to-date");
        assertThat(change.err()).contains("--svg draws a monthly estimate").contains("--instance-type");
        assertRefusedAndNothingWritten(List.of(dry, toDate, change));
    }

    @Test
    void help_listsTheNewCommands_andEachHasItsUsage() {
        CliRun help = CliRun.of("help");
        CliRun program = CliRun.of("--help");

        for (CliRun r : List.of(help, program)) {
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.out()).contains("timeline").contains("report");
        }
        CliRun timeline = CliRun.of("timeline", "--help");
        assertThat(timeline.status()).isZero();
        assertThat(timeline.out()).startsWith("Usage: tierstate timeline").contains("NAME").contains("FILE.svg");
        CliRun report = CliRun.of("report", "--help");
        assertThat(report.status()).isZero();
        assertThat(report.out()).startsWith("Usage: tierstate report").contains("--html=FILE.html");
        assertThat(CliRun.of("help", "timeline").out()).isEqualTo(timeline.out());
        assertThat(CliRun.of("destroy", "--help").out()).contains("--timeline=FILE.svg");
        assertThat(CliRun.of("cost", "--help").out()).contains("--svg=FILE.svg");
    }

    private void assertRefusedAndNothingWritten(List<CliRun> runs, Path... keep) throws IOException {
        byte[] before = Files.readAllBytes(state);
        for (CliRun r : runs) {
            assertThat(r.status()).as(r.err()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).startsWith("tierstate: ").hasLineCount(1);
            assertClean(r);
        }
        assertThat(Files.readAllBytes(state)).as("nothing was destroyed").isEqualTo(before);
        try (Stream<Path> files = Files.list(pictures)) {
            assertThat(files).containsExactlyInAnyOrder(keep);
        }
    }

    private static void assertClean(CliRun r) {
        assertThat(r.err() + r.out()).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("java.")
                .doesNotContain("io.tierstate").doesNotContain("null");
    }

    private void assertNoTemporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(pictures)) {
            assertThat(files).noneMatch(p -> p.getFileName().toString().endsWith(".tmp"));
        }
    }

    private static void assertEmpty(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    private static Element parse(Path svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(svg))).getDocumentElement();
    }

    private static List<String> texts(Element root, String cssClass) {
        NodeList all = root.getElementsByTagName("text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < all.getLength(); i++) {
            Element t = (Element) all.item(i);
            if (t.getAttribute("class").equals(cssClass)) {
                out.add(t.getTextContent());
            }
        }
        return out;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
