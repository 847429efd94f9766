package io.tierstate.cost;

import io.tierstate.svg.Svg;
import io.tierstate.svg.TextWidth;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Draws a cost estimate: a horizontal bar per resource, its line items stacked, the total and the catalog date.
 * A bar is the resource's charges before deductions, scaled to the largest; a free-tier deduction is drawn
 * hollow over the bar's end, so the solid part is what is charged and the subtotal beside it.
 */
final class CostPicture {

    static final double WIDTH = 960;
    static final double MARGIN = 16;
    static final double ROW = 46;
    static final double BAR = 18;
    /** Room right of the bars for the subtotal, at least; a wider subtotal widens it. */
    static final double AMOUNT_ROOM = 120;
    /** Between a bar's end and its subtotal. */
    static final double AMOUNT_GAP = 6;
    /** A segment narrower than this would be written as 0 wide (numbers keep one decimal), so it is not drawn. */
    static final double VISIBLE = 0.05;
    /** Shades per resource: the line items of one bar alternate between them, largest first. */
    private static final Map<ChargedResource, String[]> SHADES = Map.of(
            ChargedResource.EC2, new String[] {"#4e79a7", "#86a8cf", "#2f4b6b"},
            ChargedResource.EFS, new String[] {"#59a14f", "#8cc67f", "#356130"},
            ChargedResource.ALB, new String[] {"#f28e2b", "#f7b676", "#a65d16"},
            ChargedResource.CLOUDFRONT, new String[] {"#b07aa1", "#d2aac6", "#6f4a65"},
            ChargedResource.DATA_TRANSFER, new String[] {"#9c755f", "#c7a896", "#5f4537"});

    private CostPicture() {}

    static Svg of(CostEstimate e) {
        Map<ChargedResource, BigDecimal> subtotals = e.subtotals();
        // bars are the charges before deductions, so a free-tier deduction cannot make a bar longer than the room
        Map<ChargedResource, BigDecimal> gross = new EnumMap<>(ChargedResource.class);
        for (CostLineItem item : e.lineItems()) {
            gross.merge(item.resource(), item.monthlyCost().max(BigDecimal.ZERO), BigDecimal::add);
        }
        BigDecimal max = gross.values().stream().max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
        Svg.Text label = Svg.Text.plain(13).inBold().css("resource-label");
        Svg.Text amount = Svg.Text.plain(12).inBold().css("amount");
        double labels = 110;
        double amounts = AMOUNT_ROOM;
        for (Map.Entry<ChargedResource, BigDecimal> s : subtotals.entrySet()) {
            labels = Math.max(labels, label.width(s.getKey().displayName()) + 20);
            amounts = Math.max(amounts, amount.width(money(e, s.getValue())) + AMOUNT_GAP + 4);
        }
        double x0 = MARGIN + labels;
        double x1 = WIDTH - MARGIN - amounts;
        double height = 62 + subtotals.size() * ROW + 24 + (e.notes().isEmpty() ? 0 : 20);
        String title = "Monthly cost " + money(e, e.monthlyTotal()) + ": " + e.subject();
        Svg svg = Svg.of(WIDTH, height, title);
        svg.text(MARGIN, 24, TextWidth.fit(title, 16, true, WIDTH - 2 * MARGIN), Svg.Text.plain(16).inBold().css("title"));
        String sub = "in " + e.region() + ", prices of " + e.catalogRegion() + " as of " + e.catalogAsOf() + ", "
                + Amounts.quantity(e.hoursPerMonth()) + " hours a month; about " + money(e, e.hourlyRunRate()) + " an hour";
        svg.text(MARGIN, 44, TextWidth.fit(sub, 12, false, WIDTH - 2 * MARGIN), Svg.Text.plain(12).fill("#57606a").css("subtitle"));
        double y = 62;
        for (Map.Entry<ChargedResource, BigDecimal> s : subtotals.entrySet()) {
            ChargedResource resource = s.getKey();
            svg.text(MARGIN, y + 14, resource.displayName(), label);
            List<CostLineItem> items = e.lineItems().stream().filter(i -> i.resource() == resource)
                    .sorted((a, b) -> b.monthlyCost().compareTo(a.monthlyCost())).toList();
            double x = x0;
            String[] shades = SHADES.get(resource);
            StringBuilder legend = new StringBuilder();
            for (int i = 0; i < items.size(); i++) {
                CostLineItem item = items.get(i);
                double w = width(item.monthlyCost(), max, x1 - x0);
                if (w >= VISIBLE) {
                    svg.rect(x, y + 1, w, BAR, shades[i % shades.length], "", item.description() + ": " + money(e, item.monthlyCost()),
                            "segment");
                }
                x += w;
                legend.append(i == 0 ? "" : " · ").append(item.description()).append(' ').append(money(e, item.monthlyCost()));
            }
            // a deduction is drawn hollow over the end of the bar, so the solid part is what is charged
            double end = x;
            for (int i = items.size() - 1; i >= 0 && items.get(i).monthlyCost().signum() < 0; i--) {
                CostLineItem item = items.get(i);
                double w = Math.min(width(item.monthlyCost().negate(), max, x1 - x0), end - x0);
                if (w >= VISIBLE) {
                    svg.rect(end - w, y + 1, w, BAR, "#ffffff", shades[0], item.description() + ": "
                            + money(e, item.monthlyCost()), "deduction");
                }
                end -= w;
            }
            svg.text(Math.max(x, x0) + AMOUNT_GAP, y + 15, money(e, s.getValue()), amount);
            svg.text(x0, y + 34, TextWidth.fit(legend.toString(), 11, false, WIDTH - MARGIN - x0),
                    Svg.Text.plain(11).fill("#57606a").css("items"));
            y += ROW;
        }
        if (!subtotals.isEmpty()) {
            svg.line(x0, 58, x0, y - 8, "#8c959f", false);
        }
        svg.text(MARGIN, y + 12, TextWidth.fit("Total " + money(e, e.monthlyTotal()) + " a month" + (e.usage().equals(UsageProfile.defaults())
                ? " on the default usage profile" : " on the usage given"), 13, true, WIDTH - 2 * MARGIN), Svg.Text.plain(13).inBold()
                .css("total"));
        double ny = y + 30;
        for (String note : e.notes().stream().limit(1).toList()) {
            svg.text(MARGIN, ny, TextWidth.fit(note, 11, false, WIDTH - 2 * MARGIN), Svg.Text.plain(11).fill("#57606a").css("note"));
        }
        return svg;
    }

    private static double width(BigDecimal cost, BigDecimal max, double room) {
        if (max.signum() <= 0 || cost.signum() <= 0) {
            return 0;
        }
        return cost.divide(max, MathContext.DECIMAL64).doubleValue() * room;
    }

    static String money(CostEstimate e, BigDecimal amount) {
        return Amounts.money(amount) + " " + e.currency();
    }
}
