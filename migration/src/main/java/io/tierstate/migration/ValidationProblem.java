package io.tierstate.migration;

import java.util.Objects;

/**
 * One problem found by {@link StateMigrator#validate}: where it is and what to do about it.
 *
 * @param pointer a JSON pointer (RFC 6901) to the offending value, e.g. {@code /config/tier}; the
 *     empty string for the whole document
 * @param message what is wrong, with the value, and how to fix it
 */
public record ValidationProblem(String pointer, String message) {

    /**
     * Creates a problem.
     *
     * @param pointer a JSON pointer to the offending value, {@code ""} for the whole document
     * @param message what is wrong and how to fix it
     */
    public ValidationProblem {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
    }

    /**
     * Renders the problem as {@code "/config/tier: config.tier is missing; ..."}.
     *
     * @return the pointer (or {@code (document)}) and the message
     */
    @Override
    public String toString() {
        return (pointer.isEmpty() ? "(document)" : pointer) + ": " + message;
    }
}
