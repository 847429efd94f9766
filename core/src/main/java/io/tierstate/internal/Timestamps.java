package io.tierstate.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
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
                throw new IllegalArgumentException("timestamp '" + text
                        + "' is not ISO-8601 (expected e.g. 2025-03-02T09:14:07.512334Z, +00:00 or no offset)");
            }
        }
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
