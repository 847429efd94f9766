package io.tierstate.error;

/**
 * A write was refused because the stored state changed since it was read (optimistic
 * concurrency): someone else wrote first. {@code update(fn)} retries this by itself; after a
 * {@code save(state)}, read the state again and reapply the change.
 */
public class StateConflictException extends StateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param name the deployment
     * @param expected the serial/version the writer read
     * @param actual the serial/version now stored
     */
    public StateConflictException(String name, String expected, String actual) {
        super("state of '" + name + "' changed since it was read (read version " + expected + ", stored version "
                + actual + "): read it again and reapply the change, or use update(fn), which retries");
    }
}
