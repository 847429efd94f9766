package io.tierstate.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Optional;

/** Reads an amount GeuseMaker wrote as a string or a number, from an unmodelled field. Not API. */
final class Money {

    private Money() {}

    static Optional<BigDecimal> read(JsonNode n) {
        if (n == null) {
            return Optional.empty();
        }
        if (n.isNumber()) {
            return Optional.of(n.decimalValue());
        }
        if (n.isTextual()) {
            try {
                return Optional.of(new BigDecimal(n.textValue().trim()));
            } catch (NumberFormatException e) {
                // a hand-edited "n/a" is no budget, not an unreadable deployment
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
