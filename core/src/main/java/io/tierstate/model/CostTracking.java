package io.tierstate.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
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
