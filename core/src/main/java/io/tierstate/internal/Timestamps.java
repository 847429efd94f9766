package io.tierstate.internal;

import io.tierstate.error.InvalidInputException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads timestamps the way GeuseMaker (Python) writes them and writes them the way both read them.
 *
 * <p>Accepted: ISO-8601 with {@code Z} or any offset, with or without fractional seconds (up to
 * nanoseconds), naive timestamps without an offset (taken as UTC, as Python's
 * {@code datetime.utcnow().isoformat()} means them), and a space instead of {@code T} (Python's
 * {@code str(datetime)}). Written: UTC with microseconds and {@code Z}.
 */
public final class Timestamps {

    private static final DateTimeFormatter WRITE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    /**
     * Parses a timestamp.
     *
     * @param text the text
     * @return the instant
     * @throws IllegalArgumentException saying which forms are accepted
     */
    public static Instant parse(String text) {
        Instant canonical = parseCanonical(text);
        if (canonical != null) {
            return canonical;
        }
        String t = text.trim();
        if (t.length() > 10 && t.charAt(10) == ' ') {
            t = t.substring(0, 10) + 'T' + t.substring(11);
        }
        try {
            return OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException withOffset) {
            try {
                return LocalDateTime.parse(t, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException naive) {
                throw new InvalidInputException("timestamp '" + text
                        + "' is not ISO-8601 (expected e.g. 2025-03-02T09:14:07.512334Z, +00:00 or no offset)");
            }
        }
    }

    /**
     * Reads the forms nearly every stored timestamp has, without a {@code DateTimeFormatter}:
     * {@code yyyy-MM-ddTHH:mm:ss}, an optional fraction of 1 to 9 digits, then {@code Z} or
     * {@code +00:00} (what TierState and GeuseMaker write). Listing thousands of deployments parses
     * tens of thousands of timestamps, and the general parser is the slow part of that, most of all
     * in a fresh JVM. Anything else, including an out-of-range field, answers {@code null} and goes
     * to the general parser, which reads it or rejects it with its message.
     */
    static Instant parseCanonical(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                nanos = nanos * 10 + (s.charAt(i) - '0');
                i++;
            }
            if (i == start) {
                return null;
            }
            for (int k = i - start; k < 9; k++) {
                nanos *= 10;
            }
        }
        boolean utc = (i == n - 1 && s.charAt(i) == 'Z') || (i == n - 6 && s.startsWith("+00:00", i));
        if (!utc || day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
    }

    /** @return the value of {@code count} ASCII digits at {@code from}, or -1 when one is not a digit */
    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * Formats an instant as UTC with microseconds, e.g. {@code 2025-09-30T08:45:12.000001Z}.
     *
     * @param instant the instant
     * @return the text
     */
    public static String format(Instant instant) {
        return WRITE.format(instant);
    }
}
