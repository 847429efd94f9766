package io.tierstate.svg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextWidthTest {

    @ParameterizedTest(name = "\"{0}\" at {1} px, bold {2}: {3}")
    @CsvSource(delimiter = '|', value = {
        "m|10|false|9.74",
        "m|10|true|10.42",
        "i|10|false|2.78",
        "' '|10|false|3.18",
        "EC2|13|true|27.469",
        "0.00|12|false|26.712",
        "W|100|false|98.9",
        "''|12|false|0",
    })
    void of_knownStrings_matchTheFontsAdvanceWidths(String text, double size, boolean bold, double expected) {
        assertThat(TextWidth.of(text, size, bold)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void of_scalesWithTheSize() {
        assertThat(TextWidth.of("CloudFront", 26, false)).isCloseTo(2 * TextWidth.of("CloudFront", 13, false), within(1e-9));
    }

    @Test
    void bold_isWiderThanRegular_forLettersAndDigits() {
        String text = "The quick brown fox jumps over the lazy dog 0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        assertThat(TextWidth.of(text, 12, true)).isGreaterThan(TextWidth.of(text, 12, false));
        for (char c = 'a'; c <= 'z'; c++) {
            assertThat(TextWidth.of(String.valueOf(c), 12, true)).as("%s", c)
                    .isGreaterThan(TextWidth.of(String.valueOf(c), 12, false));
        }
    }

    @Test
    void of_countsAnythingOutsidePrintableAscii_asOneEm_andASurrogatePairOnce() {
        assertThat(TextWidth.of("\u00e9", 10, false)).isEqualTo(10.0);
        assertThat(TextWidth.of("\u2026", 10, false)).isEqualTo(10.0);
        assertThat(TextWidth.of("\n", 10, false)).isEqualTo(10.0);
        assertThat(TextWidth.of("\uD83D\uDE00", 10, false)).as("one emoji is one character").isEqualTo(10.0);
    }

    @Test
    void fit_ofTextThatFits_isTheText() {
        String text = "EC2 g4dn.xlarge 383.98 USD";
        double width = TextWidth.of(text, 11, false);

        assertThat(TextWidth.fit(text, 11, false, width)).isSameAs(text);
        assertThat(TextWidth.fit(text, 11, false, 1000)).isSameAs(text);
        assertThat(TextWidth.fit("", 11, false, 0)).isEmpty();
    }

    @Test
    void fit_ofTextTooWide_endsInAnEllipsis_fits_andKeepsAsMuchAsFits() {
        String text = "CloudFront data transfer out, first 10 TB, and then some more words that do not fit";
        double width = 200;

        String fitted = TextWidth.fit(text, 12, false, width);

        assertThat(fitted).endsWith("\u2026");
        String kept = fitted.substring(0, fitted.length() - 1);
        assertThat(text).startsWith(kept);
        assertThat(TextWidth.of(fitted, 12, false)).isLessThanOrEqualTo(width);
        String oneMore = text.substring(0, kept.length() + 1) + "\u2026";
        assertThat(TextWidth.of(oneMore, 12, false)).as("the longest start that fits").isGreaterThan(width);
    }

    @Test
    void fit_intoARoomNarrowerThanTheEllipsis_isTheEllipsisAlone() {
        assertThat(TextWidth.fit("abcdef", 12, false, 1)).isEqualTo("\u2026");
    }

    @Test
    void fit_neverSplitsASurrogatePair() {
        String text = "ab\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00cd";
        for (double width = 0; width <= TextWidth.of(text, 10, false) + 1; width += 0.5) {
            String fitted = TextWidth.fit(text, 10, false, width);
            assertThat(hasLoneSurrogate(fitted)).as("fit to %s: %s", width, fitted).isFalse();
        }
    }

    @RepeatedTest(20)
    void fit_ofRandomText_alwaysFitsUnlessOnlyTheEllipsisIsLeft_andNeverSplitsAPair(
            org.junit.jupiter.api.RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(60);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(4)) {
                case 0 -> text.appendCodePoint(0x1F600 + random.nextInt(50));
                case 1 -> text.append((char) (0xE0 + random.nextInt(30)));
                default -> text.append((char) (0x20 + random.nextInt(0x5F)));
            }
        }
        double width = random.nextDouble() * 400;
        boolean bold = random.nextBoolean();

        String fitted = TextWidth.fit(text.toString(), 12, bold, width);

        assertThat(hasLoneSurrogate(fitted)).as(fitted).isFalse();
        if (!fitted.equals("\u2026")) {
            assertThat(TextWidth.of(fitted, 12, bold)).isLessThanOrEqualTo(width);
        }
        if (!fitted.equals(text.toString())) {
            assertThat(fitted).endsWith("\u2026");
            assertThat(text.toString()).startsWith(fitted.substring(0, fitted.length() - 1));
        }
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
