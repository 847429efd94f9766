package io.tierstate.cost;

import java.math.BigDecimal;
import org.immutables.value.Value;

/**
 * One price from the catalog: an amount in the catalog's currency per unit, e.g.
 * {@code 0.0225 per ALB-hour} or {@code 0.0100 per 10,000 requests}.
 */
@Value.Immutable(copy = false)
public abstract class Price {

    Price() {
    }

    /**
     * The amount per {@link #unit()}, exact, in the catalog's currency.
     *
     * @return the amount
     */
    @Value.Parameter
    public abstract BigDecimal amount();

    /**
     * What one {@link #amount()} buys, e.g. {@code "GB-month"}.
     *
     * @return the unit
     */
    @Value.Parameter
    public abstract String unit();

    /**
     * Creates a price.
     *
     * @param amount the amount per unit
     * @param unit the unit, e.g. {@code "LCU-hour"}
     * @return the price
     */
    public static Price of(BigDecimal amount, String unit) {
        return ImmutablePrice.of(amount, unit);
    }

    /**
     * A copy with another amount and the same unit.
     *
     * @param newAmount the amount per unit
     * @return the new price
     */
    public Price withAmount(BigDecimal newAmount) {
        return of(newAmount, unit());
    }

    @Override
    public String toString() {
        return amount().toPlainString() + " per " + unit();
    }
}
