package io.tierstate.cost;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the monthly cost changes from one estimate to another, line by line, like {@code infracost diff}.
 * Lines are matched by resource and description: a line only in the first estimate is removed (after =
 * 0), one only in the second is added (before = 0).
 *
 * <pre>{@code
 * CostEstimate now = estimator.estimate(current, UsageProfile.defaults());
 * CostEstimate bigger = estimator.estimate(Plan.builder().from(plan).instanceType("g5.2xlarge").build(), UsageProfile.defaults());
 * CostDiff diff = now.diff(bigger);
 * diff.totalDelta();     // exact, negative when cheaper
 * diff.render();         // aligned table; diff.toJson() for pipelines
 * }</pre>
 */
public final class CostDiff {

    /**
     * One line of the change, in the estimates' currency.
     *
     * @param resource what is charged
     * @param description the line's description, as in the estimates
     * @param before the monthly cost in the first estimate, 0 when the line is new
     * @param after the monthly cost in the second estimate, 0 when the line is gone
     */
    public record Line(ChargedResource resource, String description, BigDecimal before, BigDecimal after) {

        /** Checks that nothing is null. */
        public Line {
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
        }

        /** @return {@code after - before}, exact */
        public BigDecimal delta() {
            return Amounts.normalize(after.subtract(before));
        }
    }

    private final CostEstimate before;
    private final CostEstimate after;
    private final List<Line> lines;

    private CostDiff(CostEstimate before, CostEstimate after) {
        this.before = before;
        this.after = after;
        Map<String, CostLineItem> afterByKey = new LinkedHashMap<>();
        for (CostLineItem i : after.lineItems()) {
            afterByKey.merge(key(i), i, (a, b) -> a);
        }
        List<Line> out = new ArrayList<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (CostLineItem i : before.lineItems()) {
            String k = key(i);
            CostLineItem match = seen.containsKey(k) ? null : afterByKey.get(k);
            seen.put(k, true);
            out.add(new Line(i.resource(), i.description(), i.monthlyCost(),
                    match == null ? BigDecimal.ZERO : match.monthlyCost()));
        }
        for (CostLineItem i : after.lineItems()) {
            if (!seen.containsKey(key(i))) {
                out.add(new Line(i.resource(), i.description(), BigDecimal.ZERO, i.monthlyCost()));
            }
        }
        out.sort(java.util.Comparator.comparing(Line::resource));
        this.lines = List.copyOf(out);
    }

    private static String key(CostLineItem i) {
        return i.resource() + "\u0000" + i.description();
    }

    /**
     * The change from {@code before} to {@code after}.
     *
     * @param before the current estimate
     * @param after the estimate of the change
     * @return the diff
     * @throws io.tierstate.error.InvalidInputException when the currencies differ
     */
    static CostDiff of(CostEstimate before, CostEstimate after) {
        Objects.requireNonNull(after, "other");
        if (!before.currency().equals(after.currency())) {
            throw new io.tierstate.error.InvalidInputException("cannot compare an estimate in " + before.currency()
                    + " with one in " + after.currency() + "; price both with one catalog");
        }
        return new CostDiff(before, after);
    }

    /** @return the first estimate */
    public CostEstimate before() {
        return before;
    }

    /** @return the second estimate */
    public CostEstimate after() {
        return after;
    }

    /** @return every line of either estimate, grouped by resource */
    public List<Line> lines() {
        return lines;
    }

    /** @return the change of each resource's subtotal, exact, in {@link ChargedResource} order */
    public Map<ChargedResource, BigDecimal> subtotalDeltas() {
        Map<ChargedResource, BigDecimal> sums = new EnumMap<>(ChargedResource.class);
        for (Line l : lines) {
            sums.merge(l.resource(), l.delta(), BigDecimal::add);
        }
        Map<ChargedResource, BigDecimal> ordered = new LinkedHashMap<>();
        sums.forEach((r, d) -> ordered.put(r, Amounts.normalize(d)));
        return Collections.unmodifiableMap(ordered);
    }

    /** @return {@code after.monthlyTotal() - before.monthlyTotal()}, exact */
    public BigDecimal totalDelta() {
        return Amounts.normalize(after.monthlyTotal().subtract(before.monthlyTotal()));
    }

    /**
     * The change as an aligned table: a marker per line ({@code +} added, {@code -} removed,
     * {@code ~} changed, blank unchanged), before, after and delta a month, then the totals.
     * Amounts are rounded half-up to cents.
     *
     * @return the text, lines separated by {@code \n}
     */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("Monthly cost change\n");
        out.append("  before: ").append(before.subject()).append('\n');
        out.append("  after:  ").append(after.subject()).append('\n');
        if (samePrices()) {
            out.append("Prices: ").append(after.currency()).append(", ").append(after.catalogRegion()).append(", as of ")
                    .append(after.catalogAsOf()).append("\n\n");
        } else {
            // a move between regions compares two regions' prices, each of its own date
            out.append("Prices: ").append(after.currency()).append(", before ").append(before.catalogRegion())
                    .append(" as of ").append(before.catalogAsOf()).append(", after ").append(after.catalogRegion())
                    .append(" as of ").append(after.catalogAsOf()).append("\n\n");
        }
        String[] headers = {"", "Resource", "Item", "Before", "After", "Delta"};
        boolean[] right = {false, false, false, true, true, true};
        List<String[]> rows = new ArrayList<>();
        rows.add(headers);
        for (Line l : lines) {
            String mark = l.before().signum() == 0 && l.after().signum() != 0 ? "+"
                    : l.after().signum() == 0 && l.before().signum() != 0 ? "-"
                    : l.delta().signum() != 0 ? "~" : "";
            rows.add(new String[] {mark, l.resource().displayName(), l.description(), Amounts.money(l.before()),
                Amounts.money(l.after()), signed(l.delta())});
        }
        int[] widths = new int[headers.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            EstimateText.line(out, rows.get(r), widths, right);
            if (r == 0) {
                String[] rule = new String[headers.length];
                for (int i = 0; i < rule.length; i++) {
                    // no rule over the markers, which are dashes themselves
                    rule[i] = i == 0 ? "" : "-".repeat(widths[i]);
                }
                EstimateText.line(out, rule, widths, right);
            }
        }
        out.append('\n');
        out.append("Monthly total  ").append(after.currency()).append(' ').append(Amounts.money(before.monthlyTotal()))
                .append(" -> ").append(after.currency()).append(' ').append(Amounts.money(after.monthlyTotal()))
                .append(" (").append(signed(totalDelta())).append(" a month)\n");
        for (String note : after.notes()) {
            out.append("Note: ").append(note).append('\n');
        }
        return out.toString();
    }

    /** Whether both estimates were priced with the same region's prices of the same date. */
    private boolean samePrices() {
        return before.catalogRegion().equals(after.catalogRegion()) && before.catalogAsOf().equals(after.catalogAsOf());
    }

    private static String signed(BigDecimal amount) {
        String m = Amounts.money(amount.abs());
        int sign = Amounts.cents(amount).signum();
        return sign > 0 ? "+" + m : sign < 0 ? "-" + m : m;
    }

    /**
     * The change as JSON: {@code before_subject}, {@code after_subject}, {@code currency},
     * {@code catalog_as_of} and {@code catalog_region} of the prices after (and
     * {@code before_catalog_as_of}, {@code before_catalog_region} when the prices before were another
     * region's or date's), {@code lines}
     * ({@code resource}, {@code description}, {@code before}, {@code after}, {@code delta}, exact
     * strings), {@code subtotal_deltas}, {@code monthly_total_before}, {@code monthly_total_after},
     * {@code monthly_delta} and {@code monthly_delta_display} (rounded to cents).
     *
     * @return the JSON text
     */
    public String toJson() {
        ObjectNode root = CatalogJson.MAPPER.createObjectNode();
        root.put("before_subject", before.subject());
        root.put("after_subject", after.subject());
        root.put("currency", after.currency());
        root.put("catalog_as_of", after.catalogAsOf().toString());
        root.put("catalog_region", after.catalogRegion());
        if (!samePrices()) {
            root.put("before_catalog_as_of", before.catalogAsOf().toString());
            root.put("before_catalog_region", before.catalogRegion());
        }
        ArrayNode a = root.putArray("lines");
        for (Line l : lines) {
            a.addObject().put("resource", l.resource().wireName()).put("description", l.description())
                    .put("before", l.before().toPlainString()).put("after", l.after().toPlainString())
                    .put("delta", l.delta().toPlainString());
        }
        ObjectNode subtotals = root.putObject("subtotal_deltas");
        subtotalDeltas().forEach((r, d) -> subtotals.put(r.wireName(), d.toPlainString()));
        root.put("monthly_total_before", before.monthlyTotal().toPlainString());
        root.put("monthly_total_after", after.monthlyTotal().toPlainString());
        root.put("monthly_delta", totalDelta().toPlainString());
        root.put("monthly_delta_display", Amounts.cents(totalDelta()).toPlainString());
        ArrayNode notes = root.putArray("notes");
        after.notes().forEach(notes::add);
        return CatalogJson.pretty(root);
    }

    /**
     * The same as {@link #render()}.
     *
     * @return the table
     */
    @Override
    public String toString() {
        return render();
    }
}
