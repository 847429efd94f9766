package io.tierstate.error;

/**
 * A value given to TierState is not acceptable: an argument, an option, or a combination of them.
 * Nothing was changed. The message names the value and what is allowed. The program exits 2.
 */
public class InvalidInputException extends TierStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, with the value, and what is allowed
     */
    public InvalidInputException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the failure that made the input unusable.
     *
     * @param message what was given, why it cannot be used, and what to give instead
     * @param cause the underlying failure
     */
    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
