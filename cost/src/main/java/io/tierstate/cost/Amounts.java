package io.tierstate.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Number helpers shared by the estimator, the renderer and the JSON forms. Not API. */
final class Amounts {

    static final BigDecimal GB_PER_TB = BigDecimal.valueOf(1024);
    static final BigDecimal GB_PER_PB = BigDecimal.valueOf(1024L * 1024L);

    private Amounts() {
    }

    /**
     * Removes trailing zeros without going to a negative scale, so that {@code toPlainString()} and
     * {@code new BigDecimal(String)} round-trip to an equal value.
     */
    static BigDecimal normalize(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** Money as shown: half-up to cents. */
    static BigDecimal cents(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    /** Money as shown with thousands separators, e.g. {@code 1,234.57}. */
    static String money(BigDecimal value) {
        return format(cents(value), "#,##0.00");
    }

    /** A rate per hour as shown: half-up to four decimals, e.g. {@code 0.6106}. */
    static String rate(BigDecimal value) {
        return format(value.setScale(4, RoundingMode.HALF_UP), "#,##0.0000");
    }

    /** A quantity as shown with thousands separators and every significant decimal. */
    static String quantity(BigDecimal value) {
        BigDecimal n = normalize(value);
        String pattern = n.scale() == 0 ? "#,##0" : "#,##0." + "0".repeat(n.scale());
        return format(n, pattern);
    }

    private static String format(BigDecimal value, String pattern) {
        DecimalFormat format = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setParseBigDecimal(true);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(value);
    }

    /** A data volume in the largest binary unit that divides it: 10240 GB is "10 TB". */
    static String volume(BigDecimal gb) {
        if (gb.signum() > 0 && gb.remainder(GB_PER_PB).signum() == 0) {
            return quantity(gb.divide(GB_PER_PB)) + " PB";
        }
        if (gb.signum() > 0 && gb.remainder(GB_PER_TB).signum() == 0) {
            return quantity(gb.divide(GB_PER_TB)) + " TB";
        }
        return quantity(gb) + " GB";
    }

    /** @param items line items @return their exact sum per resource, in {@link ChargedResource} order, unmodifiable */
    static Map<ChargedResource, BigDecimal> subtotals(List<CostLineItem> items) {
        Map<ChargedResource, BigDecimal> sums = new EnumMap<>(ChargedResource.class);
        for (CostLineItem item : items) {
            sums.merge(item.resource(), item.monthlyCost(), BigDecimal::add);
        }
        Map<ChargedResource, BigDecimal> ordered = new LinkedHashMap<>();
        sums.forEach((resource, sum) -> ordered.put(resource, normalize(sum)));
        return Collections.unmodifiableMap(ordered);
    }

    /** @param items line items @return the exact sum of their costs */
    static BigDecimal total(List<CostLineItem> items) {
        BigDecimal total = BigDecimal.ZERO;
        for (CostLineItem item : items) {
            total = total.add(item.monthlyCost());
        }
        return normalize(total);
    }
}
