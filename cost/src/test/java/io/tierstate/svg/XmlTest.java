package io.tierstate.svg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XmlTest {

    @Test
    void escape_replacesTheFiveMarkupCharacters() {
        assertThat(Xml.escape("a & b < c > d \" e ' f")).isEqualTo("a &amp; b &lt; c &gt; d &quot; e &#39; f");
        assertThat(Xml.escape("<script>alert('x')</script>")).isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    }

    @Test
    void escape_ofAnAlreadyEscapedText_escapesItAgain() {
        assertThat(Xml.escape("&amp;")).isEqualTo("&amp;amp;");
    }

    @Test
    void escape_ofNull_isEmpty() {
        assertThat(Xml.escape(null)).isEmpty();
    }

    @Test
    void escape_keepsTabNewlineAndCarriageReturn() {
        assertThat(Xml.escape("a\tb\nc\rd")).isEqualTo("a\tb\nc\rd");
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x01, 0x08, 0x0B, 0x0C, 0x0E, 0x1B, 0x1F, 0xFFFE, 0xFFFF})
    void escape_replacesCharactersXmlCannotHold_withAQuestionMark(int c) {
        assertThat(Xml.escape("a" + (char) c + "b")).isEqualTo("a?b");
    }

    @Test
    void escape_replacesLoneSurrogates_wherEverTheyAre() {
        assertThat(Xml.escape("a\uD83Db")).as("a high surrogate before a letter").isEqualTo("a?b");
        assertThat(Xml.escape("a\uDE00b")).as("a low surrogate alone").isEqualTo("a?b");
        assertThat(Xml.escape("ab\uD83D")).as("a high surrogate at the end").isEqualTo("ab?");
        assertThat(Xml.escape("\uDE00\uD83D")).as("a low before a high is no pair").isEqualTo("??");
        assertThat(Xml.escape("\uD83D\uD83D\uDE00")).as("the second high pairs").isEqualTo("?\uD83D\uDE00");
    }

    @Test
    void escape_keepsValidSurrogatePairs_andOtherUnicode() {
        String text = "caf\u00e9 \u2014 \uD83D\uDE00 \u4e2d\u6587 \u00b7 \u2026";

        assertThat(Xml.escape(text)).isEqualTo(text);
    }

    @Test
    void escape_ofPlainText_isTheSameText() {
        assertThat(Xml.escape("g4dn.xlarge in us-east-1")).isEqualTo("g4dn.xlarge in us-east-1");
        assertThat(Xml.escape("")).isEmpty();
    }
}
