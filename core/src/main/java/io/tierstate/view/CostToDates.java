package io.tierstate.view;

import io.tierstate.cost.CostEstimator;
import io.tierstate.cost.CostToDate;
import io.tierstate.cost.UsageProfile;
import io.tierstate.error.InvalidInputException;
import io.tierstate.internal.Timestamps;
import io.tierstate.model.CostSubjects;
import io.tierstate.model.CostTracking;
import io.tierstate.model.DeploymentState;
import java.time.Instant;
import java.util.Objects;

/**
 * What a deployment has cost since it started, from its state: the period runs from
 * {@code cost.instance_start_time} (else {@code created_at}) to now, or to {@code terminated_at} when
 * the deployment was terminated earlier. {@code DeploymentHandle.costToDate()} is the usual way in.
 */
public final class CostToDates {

    private CostToDates() {}

    /**
     * Prices a deployment from its start to {@code now}.
     *
     * @param state the deployment
     * @param estimator the prices
     * @param usage the usage for what is not metered hourly (EFS size, CloudFront traffic)
     * @param now the end of the period unless the deployment was terminated before
     * @return the cost to date
     * @throws InvalidInputException when the state records no start (neither instance start time nor creation time)
     * @throws io.tierstate.cost.UnknownPriceException when the catalog lacks a price the deployment needs in its region
     *     ({@link io.tierstate.cost.UnknownRegionException} when it has no prices for the region)
     */
    public static CostToDate of(DeploymentState state, CostEstimator estimator, UsageProfile usage, Instant now) {
        Objects.requireNonNull(now, "now");
        Instant end = state.terminatedAt().filter(t -> t.isBefore(now)).orElse(now);
        return estimator.costToDate(CostSubjects.of(state), usage, start(state), end);
    }

    /**
     * Prices a deployment from its start to {@code now} with usage measured by its metrics.
     *
     * @param state the deployment
     * @param estimator the prices
     * @param fallback unused when {@code measured} is given; the profile otherwise
     * @param now the end of the period unless the deployment was terminated before
     * @param measured the profile from metrics, or null to price with {@code fallback}
     * @return the cost to date
     */
    public static CostToDate of(DeploymentState state, CostEstimator estimator, UsageProfile fallback, Instant now,
            io.tierstate.cost.UsageFromMetrics measured) {
        if (measured == null) {
            return of(state, estimator, fallback, now);
        }
        Objects.requireNonNull(now, "now");
        Instant end = state.terminatedAt().filter(t -> t.isBefore(now)).orElse(now);
        return estimator.costToDate(CostSubjects.of(state), measured, start(state), end);
    }

    /**
     * Where the cost to date starts: {@code cost.instance_start_time}, else {@code created_at}.
     *
     * @param state the deployment
     * @return the start
     * @throws InvalidInputException when neither is recorded, or the start time is not a timestamp
     */
    public static Instant start(DeploymentState state) {
        var text = state.cost().flatMap(CostTracking::instanceStartTimeText);
        if (text.isPresent()) {
            return Timestamps.parse(text.get());
        }
        return state.createdAt().orElseThrow(() -> new InvalidInputException("deployment '" + state.stackName()
                + "' records neither cost.instance_start_time nor created_at, so its cost to date has no start;"
                + " record one, e.g. d.update(s -> s.withCreatedAt(Instant.parse(\"2026-07-17T10:00:00Z\")))"));
    }

    /**
     * The state with the cost to date recorded as GeuseMaker records it: a snapshot appended to
     * {@code cost.cost_history}, and {@code cost.estimated_cost_to_date} and
     * {@code cost.total_runtime_hours} set. Every other field is kept.
     *
     * @param state the deployment
     * @param spent its cost to date
     * @return the changed state
     */
    public static DeploymentState recorded(DeploymentState state, CostToDate spent) {
        CostTracking cost = state.cost().orElseGet(() -> CostTracking.builder().build());
        return state.withCost(cost.withCostToDateSnapshot(Timestamps.format(spent.periodEnd()),
                spent.instancePricePerHour().orElse(java.math.BigDecimal.ZERO), spent.total(), spent.hours()));
    }
}
