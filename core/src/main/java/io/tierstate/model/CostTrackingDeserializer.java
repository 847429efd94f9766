package io.tierstate.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code cost} as the generated binding does, except that a money field holding {@code ""}
 * is kept verbatim (as an unmodelled field) instead of being read as absent and dropped by the
 * next write. GeuseMaker never writes {@code ""}; a hand edit may, and a rewrite must not lose it.
 */
final class CostTrackingDeserializer extends StdDeserializer<CostTracking> {
    private static final long serialVersionUID = 1L;

    private static final List<String> MONEY = List.of("spot_price_per_hour", "on_demand_price_per_hour",
            "efs_gb_month_price", "estimated_monthly_cost", "budget_limit");

    CostTrackingDeserializer() {
        super(CostTracking.class);
    }

    @Override
    public CostTracking deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT && p.currentToken() != JsonToken.FIELD_NAME) {
            return (CostTracking) ctxt.handleUnexpectedToken(CostTracking.class, p);
        }
        ObjectNode node = ctxt.readTree(p) instanceof ObjectNode o ? o : null;
        if (node == null) {
            return (CostTracking) ctxt.handleUnexpectedToken(CostTracking.class, p);
        }
        Map<String, JsonNode> empty = new LinkedHashMap<>();
        for (String key : MONEY) {
            JsonNode value = node.get(key);
            if (value != null && value.isTextual() && value.textValue().isEmpty()) {
                empty.put(key, node.remove(key));
            }
        }
        ImmutableCostTracking read = ImmutableCostTracking.fromJson(ctxt.readTreeAsValue(node, ImmutableCostTracking.Json.class));
        if (empty.isEmpty()) {
            return read;
        }
        return ImmutableCostTracking.builder().from(read).putAllExtra(empty).build();
    }
}
