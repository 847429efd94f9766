package io.tierstate.error;

/** The lock of a deployment could not be taken in time: another writer holds it. */
public class StateLockException extends StateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is locked, by what, and what to do
     */
    public StateLockException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what is locked, by what, and what to do
     * @param cause the underlying failure
     */
    public StateLockException(String message, Throwable cause) {
        super(message, cause);
    }
}
