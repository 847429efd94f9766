package io.tierstate.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.DeploymentClient;
import io.tierstate.destroy.DestroyReport;
import io.tierstate.error.DeploymentNotFoundException;
import io.tierstate.error.StateStoreException;
import io.tierstate.sim.SimulatedCloud;
import io.tierstate.testing.Tier3World;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report of a deployment on the simulated cloud: live, destroyed, hostile, and written to a file. */
class HtmlReportTest {

    private static final String HOSTILE = "<script>alert('x')</script>\"&";

    @TempDir
    Path home;

    @TempDir
    Path out;

    private SimulatedCloud sim;
    private DeploymentClient client;

    @BeforeEach
    void setUp() {
        sim = SimulatedCloud.create();
        client = DeploymentClient.builder().home(home).cloud(sim).build();
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private String liveReport(String name) {
        Tier3World.deploy(sim, client, name);
        return client.deployment(name).report().toHtml();
    }

    @Test
    void aLiveTier3_startsWithTheDoctype_andLinksItsCloudFrontUrl_beforeTheInspection() {
        Tier3World.deploy(sim, client, "web");
        String domain = client.deployment("web").state().cloudFrontDomainName().orElseThrow();
        HtmlReport report = client.deployment("web").report();

        String html = report.toHtml();

        assertThat(html).startsWith("<!DOCTYPE html>\n<html lang=\"en\">");
        assertThat(html).endsWith("</html>\n");
        String link = "<a href=\"https://" + domain + "\">https://" + domain + "</a>";
        assertThat(html).contains(link);
        assertThat(html.indexOf(link)).as("the URL comes before the inspection").isLessThan(html.indexOf("<section id=\"inspection\">"));
        assertThat(html.indexOf("<section id=\"inspection\">")).isLessThan(html.indexOf("<section id=\"cost\">"));
        assertThat(html.indexOf("<section id=\"cost\">")).isLessThan(html.indexOf("<section id=\"destroy\">"));
        assertThat(html).contains("<title>TierState report: web</title>").contains("<h1 id=\"name\">web</h1>")
                .contains("Tier 3 · running · us-east-1</p>").doesNotContain("archived state");
        assertThat(html).contains(Xml(client.deployment("web").inspect().render()));
        assertThat(report.toString()).isEqualTo("HTML report of 'web'");
    }

    @Test
    void aLiveTier3_hasTheCostPictureInline_andNoDestroyYet() {
        Tier3World.deploy(sim, client, "web");
        HtmlReport report = client.deployment("web").report();

        String html = report.toHtml();

        assertThat(count(html, "<svg ")).isEqualTo(1);
        assertThat(count(html, "</svg>")).isEqualTo(1);
        assertThat(html).contains(report.inspection().estimate().orElseThrow().toSvgElement());
        assertThat(html).doesNotContain("<?xml").as("an inline picture has no XML declaration");
        assertThat(html).contains("<p class=\"none\">No destroy recorded.</p>");
        assertThat(report.timeline()).isEmpty();
        assertThat(html).contains(" (version " + client.deployment("web").state().serial() + ").</footer>");
    }

    @Test
    void afterADestroy_theReportIsOfTheArchivedState_withTheCostAndTheTimeline() {
        Tier3World.deploy(sim, client, "gone");
        DestroyReport destroyed = client.deployment("gone").destroy().run();
        assertThat(client.deployment("gone").exists()).isFalse();

        HtmlReport report = client.deployment("gone").report();
        String html = report.toHtml();

        assertThat(html).contains("archived state (destroyed)");
        assertThat(count(html, "<svg ")).isEqualTo(2);
        assertThat(html).doesNotContain("No destroy recorded.");
        assertThat(report.timeline()).isPresent();
        assertThat(report.timeline().orElseThrow().outcome()).isEqualTo("completed");
        assertThat(html).contains(report.timeline().orElseThrow().toSvgElement());
        assertThat(html.indexOf("<section id=\"cost\">")).isLessThan(html.indexOf("<section id=\"destroy\">"));
        assertThat(html.indexOf("<section id=\"destroy\">")).isLessThan(html.lastIndexOf("<svg "));
        assertThat(report.toString()).isEqualTo("HTML report of 'gone' with its last destroy");
        assertThat(destroyed.outcome()).isEqualTo(DestroyReport.Outcome.COMPLETED);
    }

    @Test
    void theReport_loadsNothing_runsNothing_andLinksOnlyTheCloudFrontUrl() {
        Tier3World.deploy(sim, client, "quiet");
        String domain = client.deployment("quiet").state().cloudFrontDomainName().orElseThrow();
        String live = client.deployment("quiet").report().toHtml();
        client.deployment("quiet").destroy().run();
        String archived = client.deployment("quiet").report().toHtml();

        for (String html : List.of(live, archived)) {
            String lower = html.toLowerCase(java.util.Locale.ROOT);
            assertThat(lower).doesNotContain("<script").doesNotContain("<link").doesNotContain("src=").doesNotContain("<img")
                    .doesNotContain("<iframe").doesNotContain("url(").doesNotContain("@import").doesNotContain("javascript:");
            assertThat(Pattern.compile("<[^>]*\\son[a-z]+\\s*=").matcher(lower).find()).as("an event handler attribute").isFalse();
        }
        assertThat(hrefs(live)).containsExactly("https://" + domain);
        assertThat(hrefs(archived)).as("a deleted distribution is named, not linked").isEmpty();
        assertThat(archived).contains("<s>https://" + domain + "</s> (deleted with the deployment)");
    }

    @Test
    void hostileStateValues_areEscaped_inTheInspectionAndTheHeader() {
        Tier3World.deploy(sim, client, "evil");
        client.deployment("evil").update(s -> s.withN8nUrl(HOSTILE).withNotes(List.of("note " + HOSTILE))
                .withCloudFrontDomainName("d1.cloudfront.net\"><script>alert(1)</script>"));

        String html = client.deployment("evil").report().toHtml();

        assertThat(html.toLowerCase(java.util.Locale.ROOT)).doesNotContain("<script");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&amp;");
        assertThat(html).as("a domain that is no host name is shown as text, not linked")
                .contains("<p class=\"url\" id=\"url\">https://d1.cloudfront.net&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</p>");
        assertThat(hrefs(html)).isEmpty();
    }

    @Test
    void aDomainThatIsNotHttps_isShownAsText() {
        Tier3World.deploy(sim, client, "plain");
        client.deployment("plain").update(s -> s.withCloudFrontDomainName("javascript:alert(1)//"));

        String html = client.deployment("plain").report().toHtml();

        assertThat(hrefs(html)).isEmpty();
        assertThat(html).contains("<p class=\"url\" id=\"url\">https://javascript:alert(1)//</p>");
    }

    @Test
    void anInstanceTypeWithoutAPrice_showsTheCostUnknown_withTheReason() {
        Tier3World.deploy(sim, client, "odd");
        client.deployment("odd").update(s -> s.withConfig(s.config().withInstanceType("x9.mega")));

        HtmlReport report = client.deployment("odd").report();
        String html = report.toHtml();

        assertThat(report.inspection().estimate()).isEmpty();
        assertThat(html).contains("<p class=\"none\">Unknown: ").contains("x9.mega");
        assertThat(count(html, "<svg ")).isZero();
    }

    @Test
    void write_writesThePage_atomically_overAnOldFile_andLeavesNoTemporaryFile() throws IOException {
        Tier3World.deploy(sim, client, "web");
        HtmlReport report = client.deployment("web").report();
        Path file = out.resolve("web-report.html");
        Files.writeString(file, "old");

        Path written = report.write(file);

        assertThat(written).isEqualTo(file.toAbsolutePath());
        assertThat(Files.readString(file)).isEqualTo(report.toHtml());
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void write_intoAMissingDirectory_failsNamingThePathAndTheFix() {
        Tier3World.deploy(sim, client, "web");
        HtmlReport report = client.deployment("web").report();
        Path file = out.resolve("no-such-dir").resolve("r.html");

        assertThatThrownBy(() -> report.write(file)).isInstanceOf(StateStoreException.class)
                .hasMessageContaining(file.toAbsolutePath().toString())
                .hasMessageContaining("no such directory " + out.resolve("no-such-dir"))
                .hasMessageContaining("create it")
                .hasMessageNotContaining("Exception");
        assertThat(Files.exists(out.resolve("no-such-dir"))).isFalse();
    }

    @Test
    void write_toADirectory_failsSayingSo_andLeavesItAlone() throws IOException {
        Tier3World.deploy(sim, client, "web");
        HtmlReport report = client.deployment("web").report();
        Path dir = Files.createDirectory(out.resolve("r.html"));

        assertThatThrownBy(() -> report.write(dir)).isInstanceOf(StateStoreException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining("is a directory")
                .hasMessageNotContaining("Exception");
        assertThat(Files.isDirectory(dir)).isTrue();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).containsExactly(dir);
        }
    }

    @Test
    void report_ofAnUnknownName_throwsNotFound() {
        assertThatThrownBy(() -> client.deployment("nobody").report()).isInstanceOf(DeploymentNotFoundException.class)
                .hasMessageContaining("nobody");
        assertThatThrownBy(() -> client.deployment("nobody").lastDestroy()).isInstanceOf(DeploymentNotFoundException.class)
                .hasMessageContaining("nobody");
    }

    @Test
    void theReport_isTheSameEachTime_forTheSameStateAndTime_andSaysWhenItWasMade() {
        Tier3World.deploy(sim, client, "web");
        Inspection inspection = client.deployment("web").inspect();
        java.time.Instant at = java.time.Instant.parse("2026-12-02T10:15:30Z");

        String html = HtmlReport.of(inspection, at, false).toHtml();

        assertThat(html).isEqualTo(HtmlReport.of(inspection, at, false).toHtml());
        assertThat(html).contains("<footer class=\"meta\">Made by TierState at 2026-12-02 10:15:30 UTC from the state of web");
        assertThat(HtmlReport.of(inspection, at, false).inspection()).isSameAs(inspection);
        Inspection geuseMakers = Inspection.of(inspection.state().withSerial(0), io.tierstate.cost.PriceCatalog.defaults()
                .estimator(), io.tierstate.cost.UsageProfile.defaults());
        assertThat(HtmlReport.of(geuseMakers, at, false).toHtml()).as("a file no TierState write has versioned")
                .contains("from the state of web (as GeuseMaker wrote it).</footer>");
    }

    private static String Xml(String text) {
        return io.tierstate.svg.Xml.escape(text);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static List<String> hrefs(String html) {
        Matcher m = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        assertThat(count(html, "href=")).isEqualTo(out.size());
        return out;
    }
}
