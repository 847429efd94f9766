package io.tierstate.error;

/** The state store failed for a reason outside the document itself: a disk, permission or I/O error. */
public class StateStoreException extends StateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, where, and what to do
     * @param cause the underlying failure
     */
    public StateStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
