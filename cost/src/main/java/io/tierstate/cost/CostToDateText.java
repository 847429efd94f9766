package io.tierstate.cost;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The text and JSON forms of a {@link CostToDate}. Not API. */
final class CostToDateText {

    private CostToDateText() {
    }

    static String render(CostToDate c) {
        StringBuilder out = new StringBuilder();
        out.append("Cost to date: ").append(c.subject()).append('\n');
        out.append("Period: ").append(c.periodStart()).append(" to ").append(c.periodEnd()).append(", ")
                .append(Amounts.quantity(c.hours())).append(" hours (").append(Amounts.quantity(c.monthFraction()))
                .append(" of a ").append(Amounts.quantity(c.hoursPerMonth())).append("-hour month)\n");
        out.append("Prices: ").append(c.currency()).append(", ").append(c.catalogRegion()).append(", as of ")
                .append(c.catalogAsOf()).append("\n\n");
        EstimateText.table(out, c.lineItems(), "To date");
        out.append('\n');
        out.append("Cost to date  ").append(c.currency()).append(' ').append(Amounts.money(c.total())).append('\n');
        for (String note : c.notes()) {
            out.append("Note: ").append(note).append('\n');
        }
        return out.toString();
    }

    static String json(CostToDate c) {
        ObjectNode root = CatalogJson.MAPPER.createObjectNode();
        root.put("subject", c.subject());
        root.put("currency", c.currency());
        root.put("catalog_as_of", c.catalogAsOf().toString());
        root.put("catalog_region", c.catalogRegion());
        root.put("period_start", c.periodStart().toString());
        root.put("period_end", c.periodEnd().toString());
        root.put("hours", c.hours().toPlainString());
        root.put("hours_per_month", c.hoursPerMonth().toPlainString());
        root.put("month_fraction", c.monthFraction().toPlainString());
        c.instancePricePerHour().ifPresent(p -> root.put("instance_price_per_hour", p.toPlainString()));
        EstimateJson.writeLineItems(root, c.lineItems(), "cost");
        EstimateJson.writeSubtotals(root, c.subtotals());
        root.put("total", c.total().toPlainString());
        root.put("total_display", c.totalRounded().toPlainString());
        ArrayNode notes = root.putArray("notes");
        c.notes().forEach(notes::add);
        return CatalogJson.pretty(root);
    }
}
