package io.tierstate.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * What GeuseMaker recorded about the deployment's cost in {@code cost}: prices at creation time
 * and its own estimate. Money is exact {@link BigDecimal}, written as a JSON string.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableCostTracking.class)
@JsonDeserialize(using = CostTrackingDeserializer.class)
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public abstract class CostTracking {

    CostTracking() {}

    /** @return the instance type that was priced */
    @JsonProperty("instance_type")
    public abstract Optional<String> instanceType();

    /** @return whether the instance runs on the spot market */
    @JsonProperty("is_spot")
    public abstract Optional<Boolean> isSpot();

    /** @return the spot price per hour in USD; cost estimates use it when present */
    @JsonProperty("spot_price_per_hour")
    public abstract Optional<BigDecimal> spotPricePerHour();

    /** @return the on-demand price per hour in USD at creation time */
    @JsonProperty("on_demand_price_per_hour")
    public abstract Optional<BigDecimal> onDemandPricePerHour();

    /** @return the EFS price per GB-month in USD at creation time */
    @JsonProperty("efs_gb_month_price")
    public abstract Optional<BigDecimal> efsGbMonthPrice();

    /** @return GeuseMaker's own monthly estimate in USD */
    @JsonProperty("estimated_monthly_cost")
    public abstract Optional<BigDecimal> estimatedMonthlyCost();

    /** @return the monthly budget in USD, if one was set */
    @JsonProperty("budget_limit")
    public abstract Optional<BigDecimal> budgetLimit();

    /** Fields of {@code cost} that TierState does not model, kept unchanged. */
    @JsonAnyGetter
    abstract Map<String, JsonNode> extra();

    /**
     * A money field read as {@code ""} is kept as it was, among the unmodelled fields, so a rewrite
     * keeps it; once the field gets a value, the kept {@code ""} goes.
     */
    @Value.Check
    CostTracking dropEmptyMoneyReplacedByAValue() {
        Map<String, Optional<BigDecimal>> money = Map.of("spot_price_per_hour", spotPricePerHour(),
                "on_demand_price_per_hour", onDemandPricePerHour(), "efs_gb_month_price", efsGbMonthPrice(),
                "estimated_monthly_cost", estimatedMonthlyCost(), "budget_limit", budgetLimit());
        boolean clash = money.entrySet().stream().anyMatch(e -> e.getValue().isPresent() && extra().containsKey(e.getKey()));
        if (!clash) {
            return this;
        }
        Map<String, JsonNode> kept = new java.util.LinkedHashMap<>(extra());
        money.forEach((key, value) -> value.ifPresent(v -> kept.remove(key)));
        return ImmutableCostTracking.builder().from(this).extra(kept).build();
    }

    /**
     * GeuseMaker's {@code instance_start_time}, as written (a timestamp, with or without an offset).
     *
     * @return the text, or empty when none is recorded
     */
    @JsonIgnore
    public Optional<String> instanceStartTimeText() {
        JsonNode n = extra().get("instance_start_time");
        return n != null && n.isTextual() && !n.textValue().isBlank() ? Optional.of(n.textValue()) : Optional.empty();
    }

    /**
     * GeuseMaker's {@code estimated_cost_to_date}, as last recorded.
     *
     * @return the amount, or empty when none is recorded
     */
    @JsonIgnore
    public Optional<BigDecimal> estimatedCostToDate() {
        return Money.read(extra().get("estimated_cost_to_date"));
    }

    /**
     * GeuseMaker's {@code cost_history}: the snapshots recorded so far, each
     * {@code {"timestamp", "hourly_cost", "total_cost_to_date", "runtime_hours"}}.
     *
     * @return how many snapshots the history holds
     */
    @JsonIgnore
    public int costHistorySize() {
        JsonNode n = extra().get("cost_history");
        return n != null && n.isArray() ? n.size() : 0;
    }

    /**
     * This cost record with one more snapshot at the end of {@code cost_history} and
     * {@code estimated_cost_to_date} and {@code total_runtime_hours} set, in GeuseMaker's shape
     * (amounts as strings, hours as a number). Every other field is kept.
     *
     * @param timestamp when, as the state writes timestamps (UTC, microseconds, {@code Z})
     * @param hourlyCost the instance price per hour charged
     * @param totalCostToDate the cost from the start to {@code timestamp}
     * @param runtimeHours the hours from the start to {@code timestamp}
     * @return the changed copy
     */
    public CostTracking withCostToDateSnapshot(String timestamp, BigDecimal hourlyCost, BigDecimal totalCostToDate,
            BigDecimal runtimeHours) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Map<String, JsonNode> kept = new java.util.LinkedHashMap<>(extra());
        JsonNode old = kept.get("cost_history");
        ArrayNode history = old != null && old.isArray() ? ((ArrayNode) old).deepCopy() : f.arrayNode();
        history.addObject()
                .put("timestamp", timestamp)
                .put("hourly_cost", hourlyCost.toPlainString())
                .put("total_cost_to_date", totalCostToDate.toPlainString())
                .put("runtime_hours", runtimeHours);
        kept.put("cost_history", history);
        kept.put("total_runtime_hours", f.numberNode(runtimeHours));
        kept.put("estimated_cost_to_date", f.textNode(totalCostToDate.toPlainString()));
        return ImmutableCostTracking.builder().from(this).extra(kept).build();
    }

    /** @return the names of the unmodelled fields this object carries, in file order */
    @JsonIgnore
    public Set<String> unknownFieldNames() {
        return extra().keySet();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link CostTracking}; every field is optional. */
    public static class Builder extends ImmutableCostTracking.Builder {}
}
