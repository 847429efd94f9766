package io.tierstate.cost;

import java.math.BigDecimal;
import org.immutables.value.Value;

/**
 * One charge of a {@link CostEstimate}: what, how much of it, at what price. The monthly cost is
 * always {@code quantity x unitPrice}, exact. Free-tier deductions have a negative unit price.
 */
@Value.Immutable
public abstract class CostLineItem {

    CostLineItem() {
    }

    /**
     * What is charged.
     *
     * @return the resource the subtotal groups this line under
     */
    public abstract ChargedResource resource();

    /**
     * What the line is, e.g. {@code "CloudFront data transfer out, first 10 TB"}.
     *
     * @return the description
     */
    public abstract String description();

    /**
     * How many units, e.g. 730 instance-hours or 100 (x 10,000 requests).
     *
     * @return the quantity, exact
     */
    public abstract BigDecimal quantity();

    /**
     * The unit of {@link #quantity()} and {@link #unitPrice()}, e.g. {@code "GB"}.
     *
     * @return the unit
     */
    public abstract String unit();

    /**
     * The price of one unit in the estimate's currency; negative for a free-tier deduction.
     *
     * @return the unit price, exact
     */
    public abstract BigDecimal unitPrice();

    /**
     * {@code quantity x unitPrice}, exact (not rounded).
     *
     * @return the monthly cost of this line
     */
    public BigDecimal monthlyCost() {
        return Amounts.normalize(quantity().multiply(unitPrice()));
    }

    /**
     * Creates a line.
     *
     * @param resource what is charged
     * @param description what the line is
     * @param quantity how many units
     * @param unit the unit
     * @param unitPrice the price of one unit
     * @return the line
     */
    public static CostLineItem of(ChargedResource resource, String description, BigDecimal quantity, String unit,
            BigDecimal unitPrice) {
        return ImmutableCostLineItem.builder()
                .resource(resource)
                .description(description)
                .quantity(Amounts.normalize(quantity))
                .unit(unit)
                .unitPrice(unitPrice)
                .build();
    }
}
