package io.tierstate.cost;

import io.tierstate.error.InvalidInputException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tierstate.error.TierStateException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** The JSON form of a {@link CostEstimate}. Not API. */
final class EstimateJson {

    private EstimateJson() {
    }

    /** Writes {@code line_items}: one object per item, its cost under {@code costField}. */
    static void writeLineItems(ObjectNode root, List<CostLineItem> lineItems, String costField) {
        ArrayNode items = root.putArray("line_items");
        for (CostLineItem item : lineItems) {
            ObjectNode i = items.addObject();
            i.put("resource", item.resource().wireName());
            i.put("description", item.description());
            i.put("quantity", item.quantity().toPlainString());
            i.put("unit", item.unit());
            i.put("unit_price", item.unitPrice().toPlainString());
            i.put(costField, item.monthlyCost().toPlainString());
        }
    }

    /** Writes {@code subtotals}: the sum per resource, by wire name. */
    static void writeSubtotals(ObjectNode root, Map<ChargedResource, BigDecimal> subtotals) {
        ObjectNode out = root.putObject("subtotals");
        subtotals.forEach((resource, sum) -> out.put(resource.wireName(), sum.toPlainString()));
    }

    static String write(CostEstimate e) {
        ObjectNode root = CatalogJson.MAPPER.createObjectNode();
        root.put("subject", e.subject());
        root.put("region", e.region());
        root.put("currency", e.currency());
        root.put("catalog_as_of", e.catalogAsOf().toString());
        root.put("catalog_region", e.catalogRegion());
        root.put("hours_per_month", e.hoursPerMonth().toPlainString());
        writeUsage(root.putObject("usage"), e.usage());
        writeLineItems(root, e.lineItems(), "monthly_cost");
        writeSubtotals(root, e.subtotals());
        root.put("monthly_total", e.monthlyTotal().toPlainString());
        root.put("monthly_total_display", e.monthlyTotalRounded().toPlainString());
        root.put("hourly_run_rate", e.hourlyRunRate().toPlainString());
        ArrayNode notes = root.putArray("notes");
        e.notes().forEach(notes::add);
        return CatalogJson.pretty(root);
    }

    private static void writeUsage(ObjectNode u, UsageProfile p) {
        u.put("https_requests", p.httpsRequests());
        u.put("http_requests", p.httpRequests());
        u.put("data_transfer_out_gb", p.dataTransferOutGb().toPlainString());
        u.put("origin_transfer_gb", p.originTransferGb().toPlainString());
        u.put("lcu", p.lcu().toPlainString());
        u.put("efs_storage_gb", p.efsStorageGb().toPlainString());
        u.put("invalidation_paths", p.invalidationPaths());
        p.hoursPerMonth().ifPresent(h -> u.put("hours_per_month", h.toPlainString()));
        u.put("free_tier", p.freeTier());
    }

    static CostEstimate read(String json) {
        JsonNode root;
        try {
            root = CatalogJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new TierStateException("Not a cost estimate: the text is not valid JSON ("
                    + e.getOriginalMessage() + "); pass what CostEstimate.toJson() wrote", e);
        }
        try {
            ImmutableCostEstimate.Builder b = CostEstimate.builder()
                    .subject(text(root, "subject"))
                    .region(text(root, "region"))
                    .currency(text(root, "currency"))
                    .catalogAsOf(LocalDate.parse(text(root, "catalog_as_of")))
                    .catalogRegion(text(root, "catalog_region"))
                    .hoursPerMonth(decimal(root, "hours_per_month"))
                    .usage(readUsage(required(root, "usage")));
            for (JsonNode i : required(root, "line_items")) {
                b.addLineItem(CostLineItem.of(
                        ChargedResource.fromWire(text(i, "resource")),
                        text(i, "description"),
                        decimal(i, "quantity"),
                        text(i, "unit"),
                        decimal(i, "unit_price")));
            }
            JsonNode notes = root.get("notes");
            if (notes != null) {
                notes.forEach(n -> b.addNote(n.asText()));
            }
            return b.build();
        } catch (IllegalArgumentException | InvalidInputException | DateTimeParseException e) {
            throw new TierStateException("Not a cost estimate: " + e.getMessage()
                    + "; pass what CostEstimate.toJson() wrote", e);
        }
    }

    private static UsageProfile readUsage(JsonNode u) {
        UsageProfile.Builder b = UsageProfile.builder()
                .httpsRequests(required(u, "https_requests").asLong())
                .httpRequests(required(u, "http_requests").asLong())
                .dataTransferOutGb(decimal(u, "data_transfer_out_gb"))
                .originTransferGb(decimal(u, "origin_transfer_gb"))
                .lcu(decimal(u, "lcu"))
                .efsStorageGb(decimal(u, "efs_storage_gb"))
                .invalidationPaths(required(u, "invalidation_paths").asLong())
                .freeTier(required(u, "free_tier").asBoolean());
        if (u.hasNonNull("hours_per_month")) {
            b.hoursPerMonth(decimal(u, "hours_per_month"));
        }
        return b.build();
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidInputException("field \"" + field + "\" is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        return required(node, field).asText();
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        String text = text(node, field);
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("field \"" + field + "\" is \"" + text + "\", not a number", e);
        }
    }
}
