package io.tierstate.cost;

import io.tierstate.error.InvalidInputException;

/**
 * A {@link UsageProfile} value is negative or absurd (more than 1,000 PB of transfer, more than
 * 10<sup>15</sup> requests, more than 744 hours in a month ...). Raised when the profile is built.
 */
public class InvalidUsageException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    /** The usage field out of range. */
    private final String field;

    /**
     * Creates the exception.
     *
     * @param field the usage field, e.g. {@code "dataTransferOutGb"}
     * @param message what is wrong, with the value, and the accepted range
     */
    public InvalidUsageException(String field, String message) {
        super(message);
        this.field = field;
    }

    /**
     * The usage field that is out of range, e.g. {@code "httpsRequests"}.
     *
     * @return the field name as on {@link UsageProfile}
     */
    public String field() {
        return field;
    }
}
