package io.tierstate.svg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgTest {

    private static final String HOSTILE = "</text><script>alert(\"x\")</script> & 'q' \u0000\u001b \uD800 \uDFFF \uFFFE \uD83D\uDE00 ]]>";

    /** Parses a document the way a strict reader does: namespace-aware, no DTDs, no external entities. */
    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource({
        "0, 0",
        "12, 12",
        "12.0, 12",
        "12.25, 12.3",
        "12.24, 12.2",
        "0.05, 0.1",
        "-0.04, 0",
        "-2.25, -2.3",
        "1e-7, 0",
        "1e20, 100000000000000000000",
        "123456789.123, 123456789.1",
        "2.5e-1, 0.3",
    })
    void numbers_haveAtMostOneDecimal_andNoExponent(double value, String written) {
        assertThat(Svg.n(value)).isEqualTo(written);
    }

    @Test
    void numbers_neverHaveAnExponentOrAMinusZero_orMoreThanOneDecimal() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 10_000; i++) {
            double v = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(24) - 8);
            String n = Svg.n(v);
            assertThat(n).as("%s", v).matches("-?\\d+(\\.\\d)?").isNotEqualTo("-0");
            assertThat(Double.parseDouble(n)).as("%s", v).isCloseTo(v, org.assertj.core.api.Assertions.within(0.05 + 1e-9));
        }
    }

    @Test
    void aDocument_withEveryElement_isTheSameEachTime_andParses() throws Exception {
        String one = picture("Two bars").toDocument();
        String two = picture("Two bars").toDocument();

        assertThat(one).isEqualTo(two).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ");
        Element root = parse(one).getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(root.getAttribute("width")).isEqualTo("200");
        assertThat(root.getAttribute("height")).isEqualTo("40.5");
        assertThat(root.getAttribute("viewBox")).isEqualTo("0 0 200 40.5");
        assertThat(root.getAttribute("font-family")).isEqualTo(Svg.FONT);
        assertThat(root.getElementsByTagName("title").item(0).getTextContent()).isEqualTo("Two bars");
        assertThat(root.getElementsByTagName("rect").getLength()).as("the background and two bars").isEqualTo(3);
        Element bar = (Element) root.getElementsByTagName("rect").item(1);
        assertThat(bar.getAttribute("x")).isEqualTo("0");
        assertThat(bar.getAttribute("width")).isEqualTo("120.3");
        assertThat(bar.getAttribute("fill")).isEqualTo("#4e79a7");
        assertThat(bar.getTextContent()).isEqualTo("requested 2 s");
        Element outlined = (Element) root.getElementsByTagName("rect").item(2);
        assertThat(outlined.getAttribute("stroke")).isEqualTo("#000000");
        assertThat(outlined.getAttribute("class")).isEqualTo("critical");
        assertThat(outlined.getElementsByTagName("title").getLength()).as("no tooltip given, none written").isZero();
        Element line = (Element) root.getElementsByTagName("line").item(0);
        assertThat(line.getAttribute("stroke-dasharray")).isEqualTo("3 3");
        NodeList texts = root.getElementsByTagName("text");
        assertThat(texts.getLength()).isEqualTo(2);
        Element plain = (Element) texts.item(0);
        assertThat(plain.getAttribute("font-size")).isEqualTo("12");
        assertThat(plain.hasAttribute("font-weight")).isFalse();
        assertThat(plain.hasAttribute("fill")).as("the default colour is not written").isFalse();
        assertThat(plain.hasAttribute("text-anchor")).isFalse();
        assertThat(plain.hasAttribute("class")).isFalse();
        Element set = (Element) texts.item(1);
        assertThat(set.getAttribute("font-weight")).isEqualTo("bold");
        assertThat(set.getAttribute("fill")).isEqualTo("#57606a");
        assertThat(set.getAttribute("text-anchor")).isEqualTo("end");
        assertThat(set.getAttribute("class")).isEqualTo("amount");
    }

    @Test
    void toElement_isTheDocumentWithoutTheXmlDeclaration_andToStringIsTheDocument() {
        Svg svg = picture("t");

        assertThat(svg.toDocument()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg.toElement());
        assertThat(svg.toString()).isEqualTo(svg.toDocument());
        assertThat(svg.width()).isEqualTo(200);
        assertThat(svg.height()).isEqualTo(40.5);
    }

    @Test
    void hostileText_inEveryStringAPictureTakes_isEscaped_andTheDocumentParses() throws Exception {
        Svg.Text how = new Svg.Text(12, true, HOSTILE, HOSTILE, HOSTILE);
        String doc = Svg.of(100, 100, HOSTILE)
                .rect(1, 1, 10, 10, HOSTILE, HOSTILE)
                .rect(1, 1, 10, 10, HOSTILE, HOSTILE, HOSTILE, HOSTILE)
                .line(0, 0, 5, 5, HOSTILE, false)
                .text(1, 20, HOSTILE, how)
                .text(1, 40, HOSTILE, Svg.Text.plain(12).middle())
                .toDocument();

        assertThat(doc).doesNotContain("<script").doesNotContain("</text><");
        Document parsed = parse(doc);
        Element root = parsed.getDocumentElement();
        assertThat(root.getElementsByTagName("script").getLength()).isZero();
        assertThat(root.getElementsByTagName("text").getLength()).isEqualTo(2);
        String expected = "</text><script>alert(\"x\")</script> & 'q' ?? ? ? ? \uD83D\uDE00 ]]>";
        assertThat(root.getElementsByTagName("title").item(0).getTextContent()).isEqualTo(expected);
        Element text = (Element) root.getElementsByTagName("text").item(0);
        assertThat(text.getTextContent()).isEqualTo(expected);
        assertThat(text.getAttribute("fill")).isEqualTo(expected);
        assertThat(text.getAttribute("text-anchor")).isEqualTo(expected);
        assertThat(text.getAttribute("class")).isEqualTo(expected);
        Element rect = (Element) root.getElementsByTagName("rect").item(2);
        assertThat(rect.getAttribute("stroke")).isEqualTo(expected);
        assertThat(rect.getAttribute("class")).isEqualTo(expected);
    }

    @Test
    void textSettings_changeOneThingEach() {
        Svg.Text plain = Svg.Text.plain(11);

        assertThat(plain).isEqualTo(new Svg.Text(11, false, "#1f2328", "start", ""));
        assertThat(plain.inBold().fill("#fff").end().css("c")).isEqualTo(new Svg.Text(11, true, "#fff", "end", "c"));
        assertThat(plain.middle().anchor()).isEqualTo("middle");
        assertThat(plain.width("m")).isEqualTo(TextWidth.of("m", 11, false));
        assertThat(plain.inBold().width("m")).isEqualTo(TextWidth.of("m", 11, true));
    }

    private static Svg picture(String title) {
        return Svg.of(200, 40.5, title)
                .rect(0, 0, 120.25, 16, "#4e79a7", "requested 2 s")
                .rect(0, 20, 60, 16, "none", "#000000", "", "critical")
                .line(0, 38, 200, 38, "#8c959f", true)
                .text(124, 12, "2 s", Svg.Text.plain(12))
                .text(196, 30, "0.00 USD", Svg.Text.plain(12).inBold().fill("#57606a").end().css("amount"));
    }
}
