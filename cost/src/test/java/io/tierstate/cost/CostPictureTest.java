package io.tierstate.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tierstate.svg.TextWidth;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The cost breakdown picture, read back as XML: what it draws must be what the estimate says. */
class CostPictureTest {

    private static final CostEstimator ESTIMATOR = PriceCatalog.defaults().estimator();
    private static final double RIGHT = CostPicture.WIDTH - CostPicture.MARGIN;
    private static final double X1 = CostPicture.WIDTH - CostPicture.MARGIN - CostPicture.AMOUNT_ROOM;

    private static CostEstimate tier3() {
        return ESTIMATOR.estimate(Plans.gpu("g4dn.xlarge"), UsageProfile.defaults());
    }

    /** Without CloudFront, so data transfer is a resource of its own, in two price bands; with a note. */
    private static CostEstimate tier2WithNote() {
        CostEstimate e = ESTIMATOR.estimate(DeploymentResources.builder().instanceType("t3.large")
                .hasEfs(true).hasAlb(true).build(), UsageProfile.builder().dataTransferOutGb(20_000).build());
        return CostEstimate.builder().from(e).addNotes("A note that is too long for one line; " + "check them ".repeat(30))
                .build();
    }

    /** The free tier on: deductions are line items with a negative cost. */
    private static CostEstimate freeTier() {
        return ESTIMATOR.estimate(DeploymentResources.builder().instanceType("t3.micro").hasEfs(true).hasCloudFront(true).build(),
                UsageProfile.builder().dataTransferOutGb(900).httpsRequests(9_000_000).freeTier(true).build());
    }

    /** Amounts in the millions, so the subtotals are the widest they get. */
    private static CostEstimate huge() {
        return ESTIMATOR.estimate(DeploymentResources.builder().instanceType("p4d.24xlarge").instanceCount(999).hasEfs(true)
                .hasAlb(true).hasCloudFront(true).build(), UsageProfile.builder().dataTransferOutGb(9_000_000)
                .efsStorageGb(5_000_000).build());
    }

    /** No instance type: nothing charged, one note. */
    private static CostEstimate empty() {
        return ESTIMATOR.estimate(DeploymentResources.builder().build(), UsageProfile.defaults());
    }

    static List<CostEstimate> estimates() {
        return List.of(tier3(), tier2WithNote(), freeTier(), huge(), empty(), hostile());
    }

    private static CostEstimate hostile() {
        String evil = "<script>alert(\"x\")</script> & 'y'";
        return CostEstimate.builder().subject("web " + evil).region("us-east-1").currency("USD")
                .catalogAsOf(LocalDate.of(2026, 11, 1)).catalogRegion("us-east-1").hoursPerMonth(BigDecimal.valueOf(730))
                .usage(UsageProfile.defaults())
                .addLineItems(CostLineItem.of(ChargedResource.EC2, "g4dn.xlarge " + evil, BigDecimal.valueOf(730), "hour",
                        new BigDecimal("0.526")))
                .addLineItems(CostLineItem.of(ChargedResource.EFS, "EFS " + evil, BigDecimal.valueOf(100), "GB-month",
                        new BigDecimal("0.30")))
                .addNotes("a note " + evil)
                .build();
    }

    @ParameterizedTest
    @MethodSource("estimates")
    void thePicture_parses_andItsElementIsTheDocumentWithoutTheDeclaration(CostEstimate e) throws Exception {
        String svg = e.toSvg();

        Element root = parse(svg);

        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(svg).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + e.toSvgElement());
        assertThat(e.toSvg()).as("the same estimate, the same bytes").isEqualTo(svg);
        assertThat(svg).doesNotContain("NaN").doesNotContain("Infinity").doesNotContain("E-").doesNotContain("<script");
    }

    @Test
    void tier3_hasALabelAndAnAmountPerSubtotal_inOrder() throws Exception {
        CostEstimate e = tier3();
        Picture p = Picture.of(e);

        assertThat(p.texts("resource-label")).extracting(Text::content).containsExactly("EC2", "EFS", "ALB", "CloudFront");
        assertThat(p.texts("amount")).extracting(Text::content)
                .containsExactly("383.98 USD", "30.00 USD", "22.27 USD", "9.50 USD");
        List<String> expected = e.subtotals().values().stream().map(v -> Amounts.cents(v).toPlainString() + " USD").toList();
        assertThat(p.texts("amount")).extracting(Text::content).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @MethodSource("estimates")
    void everyEstimate_hasALabelWithTheDisplayName_andTheRoundedSubtotal_perResource(CostEstimate e) throws Exception {
        Picture p = Picture.of(e);

        assertThat(p.texts("resource-label")).extracting(Text::content)
                .containsExactlyElementsOf(e.subtotals().keySet().stream().map(ChargedResource::displayName).toList());
        assertThat(p.texts("amount")).extracting(Text::content).containsExactlyElementsOf(
                e.subtotals().values().stream().map(v -> Amounts.money(v) + " " + e.currency()).toList());
    }

    static List<CostEstimate> ordinary() {
        return List.of(tier3(), tier2WithNote(), freeTier(), empty(), hostile());
    }

    @ParameterizedTest
    @MethodSource("ordinary")
    void aSegmentIsDrawnPerChargedLine_andNoneForALineOfZero(CostEstimate e) throws Exception {
        Picture p = Picture.of(e);

        long charged = e.lineItems().stream().filter(i -> i.monthlyCost().signum() > 0).count();
        assertThat(p.rects("segment")).hasSize((int) charged);
    }

    @ParameterizedTest
    @MethodSource("estimates")
    void noRectIsWrittenZeroWide(CostEstimate e) throws Exception {
        assertThat(Picture.of(e).rects(null)).allSatisfy(r -> assertThat(r.width()).as(r.tooltip()).isPositive());
    }

    @Test
    void aLineTooSmallToSee_nextToMillions_drawsNoSegment_butIsCharged() throws Exception {
        CostEstimate e = huge();
        Picture p = Picture.of(e);

        long charged = e.lineItems().stream().filter(i -> i.monthlyCost().signum() > 0).count();
        assertThat(p.rects("segment")).hasSizeLessThan((int) charged).noneMatch(r -> r.tooltip().startsWith("CloudFront HTTPS"));
        assertThat(p.texts("amount").get(3).content()).isEqualTo(Amounts.money(e.subtotals().get(ChargedResource.CLOUDFRONT)) + " USD");
    }

    @Test
    void tier3_theSniCertificateOfZero_drawsNoSegment_butIsListed() throws Exception {
        CostEstimate e = tier3();
        assertThat(e.lineItems()).anySatisfy(i -> assertThat(i.monthlyCost().signum()).isZero());
        Picture p = Picture.of(e);

        assertThat(p.rects("segment")).hasSize(6).noneMatch(r -> r.tooltip().startsWith("CloudFront SNI TLS certificate"));
        assertThat(p.texts("items").get(3).content()).contains("CloudFront SNI TLS certificate (ACM) 0.00 USD");
    }

    @Test
    void tier3_theWidestBar_spansTheWholeRoom_fromTheAxisToTheSubtotalsColumn() throws Exception {
        Picture p = Picture.of(tier3());

        List<Rect> ec2 = p.segmentsByRow().values().iterator().next();
        assertThat(ec2.get(0).x()).isCloseTo(p.axisX, within(0.05));
        assertThat(ec2.get(ec2.size() - 1).end()).isCloseTo(X1, within(0.05));
    }

    @ParameterizedTest
    @MethodSource("estimates")
    void theOtherBars_areProportionalToTheirCharges_beforeDeductions(CostEstimate e) throws Exception {
        Picture p = Picture.of(e);
        Map<Double, List<Rect>> rows = p.segmentsByRow();
        if (rows.isEmpty()) {
            return;
        }
        double x0 = p.axisX;
        Map<ChargedResource, BigDecimal> gross = gross(e);
        BigDecimal max = gross.values().stream().max(BigDecimal::compareTo).orElseThrow();
        double widest = rows.values().stream().mapToDouble(r -> r.get(r.size() - 1).end()).max().orElseThrow();
        double scale = (widest - x0) / max.doubleValue();

        // a bar too short to see (its lines next to millions) is not drawn
        List<ChargedResource> drawn = gross.entrySet().stream().filter(g -> g.getValue().doubleValue() * scale >= 0.05)
                .map(Map.Entry::getKey).toList();
        assertThat(rows).hasSize(drawn.size());
        int i = 0;
        for (List<Rect> row : rows.values()) {
            ChargedResource r = drawn.get(i++);
            assertThat(row.get(0).x()).as(r + " starts at the axis").isCloseTo(x0, within(0.05));
            for (int k = 1; k < row.size(); k++) {
                assertThat(row.get(k).x()).as(r + " segments are stacked").isCloseTo(row.get(k - 1).end(), within(0.15));
            }
            double end = row.get(row.size() - 1).end();
            assertThat(end).as(r + " ends in proportion to its charges").isCloseTo(x0 + gross.get(r).doubleValue() * scale,
                    within(0.2));
        }
        assertThat(widest).as("the widest bar leaves room for its subtotal").isLessThanOrEqualTo(X1 + 0.05);
    }

    @Test
    void theFreeTier_drawsTheDeductions_hollowOverTheEndOfTheBar_soWhatIsSolidIsTheNetSubtotal() throws Exception {
        CostEstimate e = freeTier();
        assertThat(e.lineItems()).anySatisfy(i -> assertThat(i.monthlyCost().signum()).isNegative());
        assertThat(gross(e).get(ChargedResource.CLOUDFRONT)).as("the fixture: CloudFront's charges before deductions are "
                + "the largest, and the free tier takes most of them").isGreaterThan(gross(e).get(ChargedResource.EFS));
        Picture p = Picture.of(e);
        Map<Double, List<Rect>> rows = p.segmentsByRow();
        double x0 = p.axisX;
        BigDecimal max = gross(e).values().stream().max(BigDecimal::compareTo).orElseThrow();
        double scale = (X1 - x0) / max.doubleValue();

        long deductions = e.lineItems().stream().filter(i -> i.monthlyCost().signum() < 0).count();
        List<Rect> hollow = p.rects("deduction");
        assertThat(hollow).hasSize((int) deductions).allSatisfy(d -> assertThat(d.y()).isEqualTo(hollow.get(0).y()));
        List<Rect> cloudFrontBar = rows.get(hollow.get(0).y());
        double barEnd = cloudFrontBar.get(cloudFrontBar.size() - 1).end();
        assertThat(barEnd).as("CloudFront's charges are the widest bar").isCloseTo(X1, within(0.05));
        double solid = hollow.stream().mapToDouble(Rect::x).min().orElseThrow();
        assertThat(solid - x0).as("the solid part is the net subtotal")
                .isCloseTo(e.subtotals().get(ChargedResource.CLOUDFRONT).doubleValue() * scale, within(0.2));
        assertThat(hollow.stream().mapToDouble(Rect::end).max().orElseThrow()).isCloseTo(barEnd, within(0.15));
        assertThat(hollow).allSatisfy(d -> assertThat(d.tooltip()).startsWith("Free tier: ").contains(": -"));
        Text amount = p.texts("amount").get(2);
        assertThat(amount.content()).isEqualTo(Amounts.money(e.subtotals().get(ChargedResource.CLOUDFRONT)) + " USD");
        assertThat(amount.x()).isCloseTo(barEnd + CostPicture.AMOUNT_GAP, within(0.15));
    }

    @ParameterizedTest
    @MethodSource("estimates")
    void everyText_endsInsideTheFrame_andEveryRectToo(CostEstimate e) throws Exception {
        Picture p = Picture.of(e);

        assertThat(p.texts).isNotEmpty();
        for (Text t : p.texts) {
            assertThat(t.anchor()).as("all text in the cost picture is anchored at its start").isEqualTo("start");
            double end = t.x() + TextWidth.of(t.content(), t.size(), t.bold());
            assertThat(end).as("'%s' (%s)", t.content(), t.cssClass()).isLessThanOrEqualTo(RIGHT + 0.5);
            assertThat(t.y()).as("'%s' above the bottom", t.content()).isLessThanOrEqualTo(p.height - 4);
        }
        for (Rect r : p.rects(null)) {
            assertThat(r.end()).isLessThanOrEqualTo(CostPicture.WIDTH);
            assertThat(r.y() + r.height()).isLessThanOrEqualTo(p.height);
        }
    }

    @Test
    void theAmounts_areRightOfTheirBars_andDoNotOverlapThem() throws Exception {
        for (CostEstimate e : estimates()) {
            Picture p = Picture.of(e);
            List<Text> amounts = p.texts("amount");
            List<Text> labels = p.texts("resource-label");
            for (int i = 0; i < amounts.size(); i++) {
                Text amount = amounts.get(i);
                double rowTop = labels.get(i).y() - 14;
                double barEnd = p.rects(null).stream().filter(r -> Math.abs(r.y() - (rowTop + 1)) < 0.01)
                        .mapToDouble(Rect::end).max().orElse(0);
                assertThat(amount.x()).as(amount.content()).isGreaterThan(barEnd);
                assertThat(labels.get(i).x() + TextWidth.of(labels.get(i).content(), 13, true))
                        .as("the label ends before the bars").isLessThan(p.axisX);
            }
        }
    }

    @Test
    void theTotal_carriesTheMonthlyTotal_andTheUsage() throws Exception {
        assertThat(Picture.of(tier3()).texts("total")).extracting(Text::content)
                .containsExactly("Total 445.75 USD a month on the default usage profile");
        assertThat(Picture.of(tier2WithNote()).texts("total").get(0).content()).isEqualTo("Total "
                + Amounts.money(tier2WithNote().monthlyTotal()) + " USD a month on the usage given");
        assertThat(Picture.of(empty()).texts("total")).extracting(Text::content)
                .containsExactly("Total " + Amounts.money(empty().monthlyTotal()) + " USD a month on the default usage profile");
    }

    @Test
    void theTitleAndSubtitle_sayWhatWasEstimated_theCatalogDate_andTheRunRate() throws Exception {
        CostEstimate e = tier3();
        Picture p = Picture.of(e);

        assertThat(p.title).isEqualTo("Monthly cost 445.75 USD: " + e.subject());
        assertThat(p.texts("title")).extracting(Text::content).containsExactly(p.title);
        assertThat(p.texts("subtitle").get(0).content()).isEqualTo(
                "in us-east-1, prices of us-east-1 as of 2026-11-01, 730 hours a month; about 0.61 USD an hour");
        assertThat(p.texts("subtitle").get(0).content()).contains(e.catalogAsOf().toString());
    }

    @Test
    void oneNoteIsShown_andAPictureWithoutNotesHasNoNoteLine() throws Exception {
        CostEstimate abroad = tier2WithNote();
        assertThat(abroad.notes()).isNotEmpty();

        assertThat(Picture.of(abroad).texts("note")).extracting(Text::content)
                .containsExactly(TextWidth.fit(abroad.notes().get(0), 11, false, CostPicture.WIDTH - 2 * CostPicture.MARGIN));
        assertThat(Picture.of(tier3()).texts("note")).isEmpty();
        assertThat(Picture.of(tier3()).height).isLessThan(Picture.of(tier2WithNote()).height + 0.01);
    }

    @Test
    void theItemsUnderABar_listEachLineWithItsCost_largestFirst() throws Exception {
        Picture p = Picture.of(tier3());

        assertThat(p.texts("items").get(0).content()).isEqualTo("g4dn.xlarge on-demand 383.98 USD");
        assertThat(p.texts("items").get(2).content())
                .isEqualTo("Application Load Balancer hours 16.43 USD · Load balancer capacity units (1 LCU x 730 hours) 5.84 USD");
        assertThat(p.rects("segment").get(0).tooltip()).isEqualTo("g4dn.xlarge on-demand: 383.98 USD");
    }

    @Test
    void hostileDescriptions_areEscaped_andReadBackAsWritten() throws Exception {
        CostEstimate e = hostile();
        String svg = e.toSvg();

        assertThat(svg).doesNotContain("<script").contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;");
        Picture p = Picture.of(e);
        assertThat(p.rects("segment").get(0).tooltip()).isEqualTo("g4dn.xlarge <script>alert(\"x\")</script> & 'y': 383.98 USD");
        assertThat(p.texts("items").get(1).content()).isEqualTo("EFS <script>alert(\"x\")</script> & 'y' 30.00 USD");
        assertThat(p.texts("note").get(0).content()).isEqualTo("a note <script>alert(\"x\")</script> & 'y'");
        assertThat(p.title).isEqualTo("Monthly cost 413.98 USD: web <script>alert(\"x\")</script> & 'y'");
    }

    @Test
    void aLongDescription_isShortenedWithAnEllipsis_toFitTheFrame() throws Exception {
        CostEstimate e = CostEstimate.builder().from(hostile()).lineItems(List.of(CostLineItem.of(ChargedResource.EC2,
                "x".repeat(400), BigDecimal.ONE, "hour", BigDecimal.ONE))).subject("y".repeat(400)).build();

        Picture p = Picture.of(e);

        assertThat(p.texts("items").get(0).content()).endsWith("\u2026").startsWith("xxxx");
        assertThat(p.texts("title").get(0).content()).endsWith("\u2026");
        assertThat(p.title).as("the tooltip title is whole").endsWith("y".repeat(400));
    }

    private static Map<ChargedResource, BigDecimal> gross(CostEstimate e) {
        Map<ChargedResource, BigDecimal> gross = new LinkedHashMap<>();
        for (ChargedResource r : e.subtotals().keySet()) {
            gross.put(r, e.lineItems().stream().filter(i -> i.resource() == r).map(CostLineItem::monthlyCost)
                    .filter(c -> c.signum() > 0).reduce(BigDecimal.ZERO, BigDecimal::add));
        }
        return gross;
    }

    private static Element parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
    }

    record Text(double x, double y, double size, boolean bold, String anchor, String cssClass, String content) {}

    record Rect(double x, double y, double width, double height, String cssClass, String tooltip) {
        double end() {
            return x + width;
        }
    }

    /** The elements of a cost picture, as a reader sees them. */
    static final class Picture {
        final String title;
        final double height;
        final double axisX;
        final List<Text> texts = new ArrayList<>();
        final List<Rect> rects = new ArrayList<>();

        private Picture(Element root) {
            height = Double.parseDouble(root.getAttribute("height"));
            title = direct(root, "title").get(0).getTextContent();
            List<Element> lines = direct(root, "line");
            axisX = lines.isEmpty() ? Double.NaN : Double.parseDouble(lines.get(0).getAttribute("x1"));
            for (Element t : direct(root, "text")) {
                texts.add(new Text(num(t, "x"), num(t, "y"), num(t, "font-size"), "bold".equals(t.getAttribute("font-weight")),
                        t.hasAttribute("text-anchor") ? t.getAttribute("text-anchor") : "start", t.getAttribute("class"),
                        t.getTextContent()));
            }
            List<Element> all = direct(root, "rect");
            for (Element r : all.subList(1, all.size())) { // the first is the white background
                NodeList tip = r.getElementsByTagName("title");
                rects.add(new Rect(num(r, "x"), num(r, "y"), num(r, "width"), num(r, "height"), r.getAttribute("class"),
                        tip.getLength() == 0 ? "" : tip.item(0).getTextContent()));
            }
        }

        static Picture of(CostEstimate e) throws Exception {
            return new Picture(parse(e.toSvg()));
        }

        List<Text> texts(String cssClass) {
            return texts.stream().filter(t -> t.cssClass().equals(cssClass)).toList();
        }

        List<Rect> rects(String cssClass) {
            return rects.stream().filter(r -> cssClass == null || r.cssClass().equals(cssClass)).toList();
        }

        /** The segments of each bar, by the bar's top, top to bottom. */
        Map<Double, List<Rect>> segmentsByRow() {
            Map<Double, List<Rect>> rows = new LinkedHashMap<>();
            for (Rect r : rects("segment")) {
                rows.computeIfAbsent(r.y(), y -> new ArrayList<>()).add(r);
            }
            return rows;
        }

        private static double num(Element e, String name) {
            return Double.parseDouble(e.getAttribute(name));
        }

        private static List<Element> direct(Element root, String tag) {
            List<Element> out = new ArrayList<>();
            for (org.w3c.dom.Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element el && el.getLocalName().equals(tag)) {
                    out.add(el);
                }
            }
            return out;
        }
    }
}
