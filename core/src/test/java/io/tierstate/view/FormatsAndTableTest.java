package io.tierstate.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FormatsAndTableTest {

    private static final Instant NOW = Instant.parse("2025-10-01T12:00:00Z");

    @ParameterizedTest(name = "{0} before -> {1}")
    @CsvSource({"0, 0 s ago", "59, 59 s ago", "60, 1 min ago", "3599, 59 min ago", "3600, 1 h ago",
        "172799, 47 h ago", "172800, 2 days ago", "-180, 3 min from now"})
    void ago_picksTheLargestUsefulUnit(long secondsBefore, String expected) {
        assertThat(Formats.ago(NOW.minusSeconds(secondsBefore), NOW)).isEqualTo(expected);
    }

    @Test
    void money_roundsHalfUpWithGroupingAndNamesOtherCurrencies() {
        assertThat(Formats.money(new BigDecimal("1234.565"), "USD")).isEqualTo("$1,234.57");
        assertThat(Formats.money(new BigDecimal("0.004"), "USD")).isEqualTo("$0.00");
        assertThat(Formats.money(new BigDecimal("12"), "EUR")).isEqualTo("12.00 EUR");
        assertThat(Formats.money(new BigDecimal("1234567.891"), "USD")).isEqualTo("$1,234,567.89");
        assertThat(Formats.money(new BigDecimal("999.999"), "USD")).isEqualTo("$1,000.00");
        assertThat(Formats.money(new BigDecimal("-1234.5"), "USD")).isEqualTo("$-1,234.50");
        assertThat(Formats.money(new BigDecimal("-12"), "USD")).isEqualTo("$-12.00");
        assertThat(Formats.money(new BigDecimal("1E+3"), "USD")).isEqualTo("$1,000.00");
    }

    @ParameterizedTest
    @CsvSource({"2025-09-30T08:45:59.999Z, 2025-09-30 08:45", "0001-01-01T00:00:00Z, 0001-01-01 00:00",
        "9999-12-31T23:59:00Z, 9999-12-31 23:59", "+10000-01-01T00:00:00Z, +10000-01-01 00:00",
        "1969-12-31T23:59:59.5Z, 1969-12-31 23:59"})
    void utcMinutes_matchesTheFormatter(String instant, String expected) {
        assertThat(Formats.utcMinutes(Instant.parse(instant))).isEqualTo(expected);
    }

    @Test
    void utcMinutes_agreesWithDateTimeFormatterOnRandomInstants() {
        java.util.Random random = new java.util.Random(17);
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm")
                .withZone(java.time.ZoneOffset.UTC);
        for (int i = 0; i < 10_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong() % 253_402_300_799L, random.nextInt(1_000_000_000));
            assertThat(Formats.utcMinutes(t)).as("%s", t).isEqualTo(f.format(t));
        }
    }

    @Test
    void gib_isOneDecimalWithoutTrailingZero() {
        assertThat(Formats.gib(15360)).isEqualTo("15");
        assertThat(Formats.gib(23040)).isEqualTo("22.5");
        assertThat(Formats.gib(1)).isEqualTo("0");
    }

    @Test
    void shorten_keepsTheStartAndTheEnd() {
        String alb = "team-automation-alb-1234567890.eu-west-1.elb.amazonaws.com";

        String s = TextTable.shorten(alb, 24);

        assertThat(s).isEqualTo("team-automat…azonaws.com");
        assertThat(TextTable.shorten("short", 24)).isEqualTo("short");
    }

    @Test
    void table_fitsColumnsToContent_alignsRight_andTrimsTrailingSpace() {
        TextTable t = new TextTable(10, "A", "AMOUNT", "NOTE").alignRight(1).indent("> ");
        t.row("x", "$1.00", "").row("longer", "$100.00", "n");

        assertThat(t.render()).isEqualTo("> A        AMOUNT  NOTE\n> x         $1.00\n> longer  $100.00  n\n");
        assertThat(t.rowCount()).isEqualTo(2);
    }

    @Test
    void table_rowWithTheWrongNumberOfCells_isRefused() {
        assertThatThrownBy(() -> new TextTable(10, "A", "B").row("only one"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 cells but the table has 2 columns");
    }

    @Test
    void clean_replacesControlCharacters() {
        assertThat(TextTable.clean("a\tb\u0007c")).isEqualTo("a?b?c");
        assertThat(TextTable.clean("plain")).isEqualTo("plain");
    }
}
