package io.tierstate.cost;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders a {@link CostEstimate} as an aligned text table. Not API. */
final class EstimateText {

    private static final String[] HEADERS = {"Resource", "Item", "Quantity", "Unit", "Unit price", "Monthly"};
    private static final boolean[] RIGHT = {false, false, true, false, true, true};

    private EstimateText() {
    }

    static String render(CostEstimate e) {
        StringBuilder out = new StringBuilder();
        out.append("Monthly cost estimate: ").append(e.subject()).append('\n');
        out.append("Prices: ").append(e.currency()).append(", ").append(e.catalogRegion()).append(", as of ")
                .append(e.catalogAsOf()).append("; ").append(Amounts.quantity(e.hoursPerMonth()))
                .append(" hours a month\n");
        out.append("Usage: ").append(usage(e.usage())).append("\n\n");

        table(out, e.lineItems(), "Monthly");

        out.append('\n').append("Subtotals\n");
        Map<ChargedResource, BigDecimal> subtotals = e.subtotals();
        int nameWidth = subtotals.keySet().stream().mapToInt(r -> r.displayName().length()).max().orElse(0);
        String total = Amounts.money(e.monthlyTotal());
        int amountWidth = total.length();
        for (BigDecimal amount : subtotals.values()) {
            amountWidth = Math.max(amountWidth, Amounts.money(amount).length());
        }
        for (Map.Entry<ChargedResource, BigDecimal> s : subtotals.entrySet()) {
            out.append("  ").append(pad(s.getKey().displayName(), nameWidth, false)).append("  ")
                    .append(pad(Amounts.money(s.getValue()), amountWidth, true)).append('\n');
        }
        out.append('\n');
        out.append("Monthly total    ").append(e.currency()).append(' ').append(total).append('\n');
        out.append("Hourly run rate  ").append(e.currency()).append(' ')
                .append(Amounts.rate(e.hourlyRunRate()))
                .append(" (").append(Amounts.quantity(e.hoursPerMonth())).append(" hours)\n");
        for (String note : e.notes()) {
            out.append("Note: ").append(note).append('\n');
        }
        return out.toString();
    }

    /** The aligned table of line items, whose last column is headed {@code costHeader}. */
    static void table(StringBuilder out, List<CostLineItem> items, String costHeader) {
        String[] headers = HEADERS.clone();
        headers[headers.length - 1] = costHeader;
        List<String[]> rows = new ArrayList<>();
        rows.add(headers);
        for (CostLineItem item : items) {
            rows.add(new String[] {item.resource().displayName(), item.description(), Amounts.quantity(item.quantity()),
                item.unit(), item.unitPrice().toPlainString(), Amounts.money(item.monthlyCost())});
        }
        int[] widths = new int[headers.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            line(out, rows.get(r), widths, RIGHT);
            if (r == 0) {
                String[] rule = new String[headers.length];
                for (int i = 0; i < rule.length; i++) {
                    rule[i] = "-".repeat(widths[i]);
                }
                line(out, rule, widths, RIGHT);
            }
        }
    }

    static String usage(UsageProfile u) {
        return Amounts.quantity(BigDecimal.valueOf(u.httpsRequests())) + " HTTPS and "
                + Amounts.quantity(BigDecimal.valueOf(u.httpRequests())) + " HTTP requests, "
                + Amounts.quantity(u.dataTransferOutGb()) + " GB out, "
                + Amounts.quantity(u.originTransferGb()) + " GB to origin, "
                + Amounts.quantity(u.lcu()) + " LCU, "
                + Amounts.quantity(u.efsStorageGb()) + " GB on EFS, "
                + Amounts.quantity(BigDecimal.valueOf(u.invalidationPaths())) + " invalidation paths, free tier "
                + (u.freeTier() ? "on" : "off");
    }

    static void line(StringBuilder out, String[] cells, int[] widths, boolean[] right) {
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                row.append("  ");
            }
            row.append(pad(cells[i], widths[i], right[i]));
        }
        out.append(row.toString().stripTrailing()).append('\n');
    }

    static String pad(String text, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - text.length()));
        return right ? fill + text : text + fill;
    }
}
