package io.tierstate.model;

import io.tierstate.error.InvalidInputException;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The EC2 status-check result of an instance, as {@code DescribeInstanceStatus} reports it. */
public enum HealthStatus {
    /** Both status checks pass. */
    OK("ok"),
    /** A status check fails. */
    IMPAIRED("impaired"),
    /** The instance is still starting; checks have not run yet. */
    INITIALIZING("initializing"),
    /** Not enough data to decide. */
    INSUFFICIENT_DATA("insufficient-data"),
    /** Status checks do not apply (the instance is stopped, for example). */
    NOT_APPLICABLE("not-applicable");

    private final String wire;

    HealthStatus(String wire) {
        this.wire = wire;
    }

    /** @return the AWS spelling, e.g. {@code insufficient-data} */
    @JsonValue
    public String wireName() {
        return wire;
    }

    /**
     * Parses the AWS spelling ({@code _} and case are tolerated).
     *
     * @param text e.g. {@code ok}
     * @return the health status
     */
    @JsonCreator
    public static HealthStatus parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        for (HealthStatus s : values()) {
            if (s.wire.equals(t)) {
                return s;
            }
        }
        throw new InvalidInputException("health status '" + text
                + "' is not one of [ok, impaired, initializing, insufficient-data, not-applicable]");
    }

    @Override
    public String toString() {
        return wire;
    }
}
