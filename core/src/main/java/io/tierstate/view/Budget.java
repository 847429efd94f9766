package io.tierstate.view;

import io.tierstate.model.CostTracking;
import io.tierstate.model.DeploymentState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/**
 * A monthly budget and the monthly estimate compared with it. The figure compared is the
 * <b>estimated monthly cost</b> (the estimator's total with the usage profile, rounded to cents),
 * not the cost to date: a budget is a monthly limit, and the estimate says where the month ends.
 *
 * @param limit the budget a month, more than 0
 * @param monthlyEstimate the estimated monthly cost compared with it
 */
public record Budget(BigDecimal limit, BigDecimal monthlyEstimate) {

    /** Within this share of the budget (90 % and more) a deployment is near it. */
    static final BigDecimal NEAR = new BigDecimal("0.9");

    /** Checks the values. */
    public Budget {
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(monthlyEstimate, "monthlyEstimate");
        if (limit.signum() <= 0) {
            throw new io.tierstate.error.InvalidInputException("budget is " + limit.toPlainString()
                    + "; give a monthly amount more than 0, e.g. --budget 250");
        }
    }

    /**
     * The budget a deployment records: {@code cost.budget_limit}, else {@code config.budget_limit};
     * a budget of 0 or less counts as none.
     *
     * @param state the deployment
     * @return the monthly budget, or empty
     */
    public static Optional<BigDecimal> of(DeploymentState state) {
        return state.cost().flatMap(CostTracking::budgetLimit).or(() -> state.config().budgetLimit())
                .filter(b -> b.signum() > 0);
    }

    /** @return whether the estimate is above the budget */
    public boolean over() {
        return monthlyEstimate.compareTo(limit) > 0;
    }

    /** @return whether the estimate is within 10 % of the budget (90 % to 100 %), and not over it */
    public boolean near() {
        return !over() && monthlyEstimate.compareTo(limit.multiply(NEAR)) >= 0;
    }

    /** @return the estimate as a percentage of the budget, half-up to one decimal, e.g. 112.5 */
    public BigDecimal percentUsed() {
        return monthlyEstimate.multiply(BigDecimal.valueOf(100)).divide(limit, 1, RoundingMode.HALF_UP);
    }

    /** @return how much the estimate exceeds the budget, 0 when it does not */
    public BigDecimal overBy() {
        return over() ? monthlyEstimate.subtract(limit) : BigDecimal.ZERO;
    }

    /** @return {@code over}, {@code near} or {@code ok}, as the list's JSON writes it */
    public String level() {
        return over() ? "over" : near() ? "near" : "ok";
    }

    /**
     * What the list shows: {@code OVER 112.5%}, {@code near 95.0%} or {@code 40.0%}.
     *
     * @return the text
     */
    public String text() {
        String pct = percentUsed().toPlainString() + "%";
        return over() ? "OVER " + pct : near() ? "near " + pct : pct;
    }
}
