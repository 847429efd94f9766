package io.tierstate.view;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the views write money, times and ages for people. */
final class Formats {

    private static final DateTimeFormatter UTC_SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter UTC_MINUTES =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Formats() {}

    /** @return e.g. {@code $1,234.56} for USD, {@code 1,234.56 EUR} otherwise; half-up to cents */
    static String money(BigDecimal amount, String currency) {
        String digits = grouped(amount.setScale(2, RoundingMode.HALF_UP).toPlainString());
        return "USD".equals(currency) ? "$" + digits : digits + " " + currency;
    }

    /** Puts a comma between groups of three integer digits; by hand, since String.format is slow in a 10,000-row table. */
    private static String grouped(String plain) {
        int sign = plain.startsWith("-") ? 1 : 0;
        int point = plain.indexOf('.');
        int end = point < 0 ? plain.length() : point;
        int digits = end - sign;
        if (digits <= 3) {
            return plain;
        }
        StringBuilder out = new StringBuilder(plain.length() + digits / 3);
        out.append(plain, 0, sign);
        for (int i = sign; i < end; i++) {
            if (i > sign && (end - i) % 3 == 0) {
                out.append(',');
            }
            out.append(plain.charAt(i));
        }
        return out.append(plain, end, plain.length()).toString();
    }

    /** @return e.g. {@code 2025-09-30 08:45:12 UTC} */
    static String utc(Instant instant) {
        return UTC_SECONDS.format(instant);
    }

    /**
     * Formats by hand, like {@link #money}: a DateTimeFormatter per row is a large share of
     * rendering 10,000 rows, and more so in a fresh JVM, where it runs interpreted.
     *
     * @return e.g. {@code 2025-09-30 08:45}, the width of a table column
     */
    static String utcMinutes(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            return UTC_MINUTES.format(instant);
        }
        char[] c = new char[16];
        digits(c, 0, t.getYear(), 4);
        c[4] = '-';
        digits(c, 5, t.getMonthValue(), 2);
        c[7] = '-';
        digits(c, 8, t.getDayOfMonth(), 2);
        c[10] = ' ';
        digits(c, 11, t.getHour(), 2);
        c[13] = ':';
        digits(c, 14, t.getMinute(), 2);
        return new String(c);
    }

    private static void digits(char[] into, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            into[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /**
     * How long ago something happened, in the largest unit that keeps a useful number: {@code 42 s
     * ago}, {@code 3 min ago}, {@code 5 h ago}, {@code 12 days ago}; a time after {@code now} (a
     * skewed clock) reads {@code 3 min from now}.
     */
    static String ago(Instant then, Instant now) {
        Duration d = Duration.between(then, now);
        boolean future = d.isNegative();
        long s = Math.abs(d.getSeconds());
        String amount;
        if (s < 60) {
            amount = s + " s";
        } else if (s < 3600) {
            amount = s / 60 + " min";
        } else if (s < 48 * 3600) {
            amount = s / 3600 + " h";
        } else {
            amount = s / 86400 + " days";
        }
        return future ? amount + " from now" : amount + " ago";
    }

    /** @return {@code 3 min ago (2025-10-01 11:57:00 UTC)} */
    static String agoAndUtc(Instant then, Instant now) {
        return ago(then, now) + " (" + utc(then) + ")";
    }

    /** @return GiB to one decimal, e.g. {@code 15} for 15360 MiB and {@code 22.5} for 23040 */
    static String gib(long mib) {
        BigDecimal g = BigDecimal.valueOf(mib).divide(BigDecimal.valueOf(1024), 1, RoundingMode.HALF_UP);
        return g.stripTrailingZeros().scale() <= 0 ? g.setScale(0, RoundingMode.UNNECESSARY).toPlainString()
                : g.toPlainString();
    }
}
