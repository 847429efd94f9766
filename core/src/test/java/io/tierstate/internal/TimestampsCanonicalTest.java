package io.tierstate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written reader of canonical timestamps agrees with the general parser, or leaves the text to it. */
class TimestampsCanonicalTest {

    /** What {@link Timestamps#parse} did before the fast path: the general parser alone. */
    private static Instant general(String text) {
        String t = text.trim();
        if (t.length() > 10 && t.charAt(10) == ' ') {
            t = t.substring(0, 10) + 'T' + t.substring(11);
        }
        try {
            return OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(t, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-09-30T08:45:12Z", "2025-09-30T08:45:12.5Z", "2025-09-30T08:45:12.000001Z",
        "2025-09-30T08:45:12.123456789Z", "2025-09-30T08:45:12.000001+00:00", "2024-02-29T23:59:59Z",
        "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999+00:00"})
    void canonicalForms_areReadAsTheGeneralParserReadsThem(String text) {
        assertThat(Timestamps.parseCanonical(text)).isNotNull().isEqualTo(general(text));
        assertThat(Timestamps.parse(text)).isEqualTo(general(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-09-30T08:45:12", "2025-09-30 08:45:12Z", " 2025-09-30T08:45:12Z",
        "2025-09-30T08:45:12Z ", "2025-09-30T10:45:12+02:00", "2025-09-30T08:45:12-00:00", "2025-09-30t08:45:12z",
        "2025-09-30T08:45:12.Z", "2025-09-30T08:45:12.1234567891Z", "2025-02-29T08:45:12Z", "2025-09-31T08:45:12Z",
        "2025-13-01T08:45:12Z", "2025-09-30T24:00:00Z", "2025-09-30T23:60:00Z", "2025-09-30T23:59:60Z",
        "+2025-09-30T08:45:12Z", "2025-9-30T08:45:12Z", "2025-09-30T08:45:12+00:00:00", "yesterday at noon!!",
        "２０２５-09-30T08:45:12Z"})
    void everythingElse_isLeftToTheGeneralParser(String text) {
        assertThat(Timestamps.parseCanonical(text)).isNull();
    }

    @RepeatedTest(50)
    void randomTimestampsInEveryForm_parseAsBefore(RepetitionInfo info) {
        Random random = new Random(900 + info.getCurrentRepetition());
        for (int i = 0; i < 200; i++) {
            Instant instant = Instant.ofEpochSecond(Math.floorMod(random.nextLong(), 253_402_300_799L),
                    random.nextInt(1_000_000_000));
            String text = render(instant, random);
            Instant expected;
            try {
                expected = general(text);
            } catch (DateTimeParseException e) {
                assertThat(Timestamps.parseCanonical(text)).as(text).isNull();
                continue;
            }
            assertThat(Timestamps.parse(text)).as(text).isEqualTo(expected);
            Instant fast = Timestamps.parseCanonical(text);
            if (fast != null) {
                assertThat(fast).as(text).isEqualTo(expected);
            }
        }
    }

    /** The instant written as GeuseMaker, TierState or a person might, sometimes damaged. */
    private static String render(Instant instant, Random r) {
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        String date = String.format("%04d-%02d-%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth());
        String time = String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        int digits = r.nextInt(11);
        String fraction = digits == 0 ? "" : "." + String.format("%09d", t.getNano()).substring(0, Math.min(9, digits))
                + (digits > 9 ? "7" : "");
        String zone = switch (r.nextInt(5)) {
            case 0 -> "Z";
            case 1 -> "+00:00";
            case 2 -> "";
            case 3 -> "+05:30";
            default -> "z";
        };
        String text = date + (r.nextInt(8) == 0 ? ' ' : 'T') + time + fraction + zone;
        if (r.nextInt(10) == 0) {
            char[] c = text.toCharArray();
            c[r.nextInt(c.length)] = (char) ('0' + r.nextInt(10));
            text = new String(c);
        }
        return text;
    }
}
