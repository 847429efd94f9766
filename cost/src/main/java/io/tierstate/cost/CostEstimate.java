package io.tierstate.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/**
 * What a deployment costs a month: one {@link CostLineItem} per charge, subtotals per resource, the
 * total and the hourly run rate, with the catalog date and the usage it assumed.
 *
 * <pre>{@code
 * Plan tier3 = Plan.builder().label("gpu").instanceType("g4dn.xlarge").hasAlb(true).hasCloudFront(true).build();
 * CostEstimate e = PriceCatalog.defaults().estimator().estimate(tier3, UsageProfile.defaults());
 * e.monthlyTotal();          // 445.745, exact
 * e.monthlyTotalRounded();   // 445.75, as shown
 * e.subtotals();             // {EC2=383.98, EFS=30, ALB=22.265, CLOUDFRONT=9.5}
 * String text = e.render();     // also its toString()
 * String json = e.toJson();  // for pipelines; CostEstimate.fromJson(json) reads it back
 * }</pre>
 *
 * <p>All amounts are exact; only {@link #render()}, {@link #monthlyTotalRounded()} and the JSON field
 * {@code monthly_total_display} round, half-up to cents.
 */
@Value.Immutable
public abstract class CostEstimate {

    /** Decimal places kept by the one division, {@link #hourlyRunRate()}. */
    static final int RATE_SCALE = 10;

    CostEstimate() {
    }

    /**
     * What was estimated, e.g. {@code "g4dn.xlarge in us-east-1 with EFS, ALB and CloudFront"}.
     *
     * @return a one-line description
     */
    public abstract String subject();

    /**
     * The region of the deployment or plan.
     *
     * @return e.g. {@code "us-east-1"}
     */
    public abstract String region();

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
     * The hours of the month that hourly prices were charged for.
     *
     * @return e.g. 730
     */
    public abstract BigDecimal hoursPerMonth();

    /**
     * The usage the estimate assumed.
     *
     * @return the usage profile
     */
    public abstract UsageProfile usage();

    /**
     * The charges, grouped by resource in {@link ChargedResource} order.
     *
     * @return the line items
     */
    public abstract List<CostLineItem> lineItems();

    /**
     * Caveats, such as prices from another region than the deployment's or a missing instance type.
     *
     * @return the notes, often empty
     */
    public abstract List<String> notes();

    /**
     * The exact sum of the line items per resource, in {@link ChargedResource} order; resources
     * without a line are absent.
     *
     * @return an unmodifiable ordered map
     */
    public Map<ChargedResource, BigDecimal> subtotals() {
        return Amounts.subtotals(lineItems());
    }

    /**
     * The exact monthly total.
     *
     * @return the sum of every line item
     */
    public BigDecimal monthlyTotal() {
        return Amounts.total(lineItems());
    }

    /**
     * The monthly total as shown: half-up to cents.
     *
     * @return e.g. 445.75 for 445.745
     */
    public BigDecimal monthlyTotalRounded() {
        return Amounts.cents(monthlyTotal());
    }

    /**
     * What the deployment costs per hour on average: {@code monthlyTotal / hoursPerMonth}, kept to 10
     * decimal places (the only value that is not exact, because the division may not terminate).
     *
     * @return the hourly run rate
     */
    public BigDecimal hourlyRunRate() {
        return Amounts.normalize(monthlyTotal().divide(hoursPerMonth(), RATE_SCALE, RoundingMode.HALF_UP));
    }

    /**
     * A readable breakdown: header with catalog date and usage, an aligned table of the line items,
     * subtotals, total, hourly run rate and notes. Amounts are rounded half-up to cents.
     *
     * @return the text, lines separated by {@code \n}
     */
    public String render() {
        return EstimateText.render(this);
    }

    /**
     * This estimate as a picture: a horizontal bar per resource with its line items stacked (largest
     * first, each with a tooltip), the subtotals, the monthly total and the catalog date. Every string
     * is escaped; text is measured in DejaVu Sans.
     *
     * <pre>{@code
     * Files.writeString(Path.of("cost.svg"), client.deployment("web").estimateCost().toSvg());
     * }</pre>
     *
     * @return a standalone SVG document
     */
    public String toSvg() {
        return CostPicture.of(this).toDocument();
    }

    /** @return the {@code <svg>} element of {@link #toSvg()} alone, for an HTML page */
    public String toSvgElement() {
        return CostPicture.of(this).toElement();
    }

    /**
     * This estimate as pretty-printed JSON with snake_case fields; amounts are exact strings and
     * {@code monthly_total_display} is the total rounded to cents. See {@code docs/cost.md}.
     *
     * @return the JSON text
     */
    public String toJson() {
        return EstimateJson.write(this);
    }

    /**
     * Reads an estimate written by {@link #toJson()}. Derived fields (costs, subtotals, totals, run
     * rate) are recomputed from the line items, not read.
     *
     * @param json the JSON text
     * @return the estimate, equal to the one written
     * @throws io.tierstate.error.TierStateException when the text is not an estimate
     */
    public static CostEstimate fromJson(String json) {
        return EstimateJson.read(json);
    }

    /**
     * How the monthly cost changes from this estimate to {@code other}, line by line, with before,
     * after and delta per line and in total.
     *
     * @param other the estimate of the change, e.g. the same deployment on another instance type
     * @return the diff
     * @throws io.tierstate.error.InvalidInputException when the currencies differ
     */
    public CostDiff diff(CostEstimate other) {
        return CostDiff.of(this, other);
    }

    static ImmutableCostEstimate.Builder builder() {
        return ImmutableCostEstimate.builder();
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
