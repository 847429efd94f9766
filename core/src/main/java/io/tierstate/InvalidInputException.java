package io.tierstate;

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
}
