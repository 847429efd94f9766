package io.tierstate.cost;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What a deployment has cost over a period, usually from its start to now: one {@link CostLineItem}
 * per charge, the period, the hours it ran and the total.
 *
 * <pre>{@code
 * CostToDate spent = PriceCatalog.defaults().estimator().costToDate(resources, UsageProfile.defaults(),
 *     Instant.parse("2026-07-17T10:00:00Z"), Instant.parse("2026-07-18T10:00:00Z"));
 * spent.total();       // exact
 * spent.render();      // aligned table with the period
 * }</pre>
 *
 * <p>Hourly prices (EC2, ALB, LCU) are charged for the hours of the period; EFS per GB-month for the
 * fraction of a month ({@code hours / hoursPerMonth}); CloudFront and data transfer out are the usage
 * profile's monthly charge pro rata for that fraction, because what was actually served is not
 * recorded. See {@code docs/cost.md}.
 */
@Value.Immutable
public abstract class CostToDate {

    /** Decimal places kept for hours and fractions of a month, the two divisions of a cost to date. */
    static final int SCALE = 6;

    CostToDate() {
    }

    /**
     * What was priced, e.g. {@code "g4dn.xlarge (spot) in us-east-1 with EFS, ALB and CloudFront"}.
     *
     * @return a one-line description
     */
    public abstract String subject();

    /**
     * The currency of every amount.
     *
     * @return e.g. {@code "USD"}
     */
    public abstract String currency();

    /**
     * The date of the catalog's prices.
     *
     * @return the catalog's as-of date
     */
    public abstract LocalDate catalogAsOf();

    /**
     * The region the catalog's prices are for.
     *
     * @return e.g. {@code "us-east-1"}
     */
    public abstract String catalogRegion();

    /**
     * Where the period starts: the instance's start time, else when the deployment was created.
     *
     * @return the start
     */
    public abstract Instant periodStart();

    /**
     * Where the period ends: now, or when the deployment was terminated.
     *
     * @return the end, never before the start
     */
    public abstract Instant periodEnd();

    /**
     * The hours from start to end, rounded half-up to 6 decimal places (so one second counts as
     * 0.000278 hours).
     *
     * @return the hours, 0 or more
     */
    public abstract BigDecimal hours();

    /**
     * The hours of a month that fractions of a month are taken of.
     *
     * @return e.g. 730
     */
    public abstract BigDecimal hoursPerMonth();

    /**
     * The price per instance-hour charged for EC2: the recorded spot price, else the on-demand price.
     *
     * @return the price, or empty when no instance type or spot price is known
     */
    public abstract Optional<BigDecimal> instancePricePerHour();

    /**
     * The charges, in {@link ChargedResource} order.
     *
     * @return the line items
     */
    public abstract List<CostLineItem> lineItems();

    /**
     * Caveats: what was taken pro rata from the usage profile, a missing instance type, a start
     * after the end.
     *
     * @return the notes
     */
    public abstract List<String> notes();

    /**
     * The period as a fraction of a month: {@code hours / hoursPerMonth}, half-up to 6 decimal places.
     *
     * @return e.g. 0.032877 for 24 of 730 hours
     */
    public BigDecimal monthFraction() {
        return Amounts.normalize(hours().divide(hoursPerMonth(), SCALE, java.math.RoundingMode.HALF_UP));
    }

    /**
     * The exact sum of the line items per resource; resources without a line are absent.
     *
     * @return an unmodifiable ordered map
     */
    public Map<ChargedResource, BigDecimal> subtotals() {
        return Amounts.subtotals(lineItems());
    }

    /**
     * The exact total over the period.
     *
     * @return the sum of every line item
     */
    public BigDecimal total() {
        return Amounts.total(lineItems());
    }

    /**
     * The total as shown: half-up to cents.
     *
     * @return e.g. 5.05 for 5.04996
     */
    public BigDecimal totalRounded() {
        return Amounts.cents(total());
    }

    /**
     * A readable breakdown: the period, an aligned table of the line items, the total and the notes.
     * In the table the last column is the cost over the period (the line's {@code monthlyCost()}).
     *
     * @return the text, lines separated by {@code \n}
     */
    public String render() {
        return CostToDateText.render(this);
    }

    /**
     * This cost to date as pretty-printed JSON with snake_case fields; amounts are exact strings, and
     * {@code total_display} is the total rounded to cents. See {@code docs/cost.md}.
     *
     * @return the JSON text
     */
    public String toJson() {
        return CostToDateText.json(this);
    }

    static ImmutableCostToDate.Builder builder() {
        return ImmutableCostToDate.builder();
    }

    /**
     * The same as {@link #render()}.
     *
     * @return the readable breakdown
     */
    @Override
    public String toString() {
        return render();
    }
}
