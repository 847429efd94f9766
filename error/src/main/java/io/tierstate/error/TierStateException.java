package io.tierstate.error;

/**
 * The one unchecked root of every error TierState raises.
 *
 * <p>Subtypes say what happened, carry the values involved, and end their message with what to do
 * about it. Catch this type to handle every TierState failure in one place:
 *
 * <pre>{@code
 * try {
 *     client.deployment("my-stack").state();
 * } catch (DeploymentNotFoundException e) {
 *     // no such deployment: create it or check the name
 * } catch (TierStateException e) {
 *     log.error("state operation failed: {}", e.getMessage());
 * }
 * }</pre>
 *
 * <p>The root lives in the innermost module ({@code tierstate-migration}) so that every module,
 * including {@code tierstate-cost}, can extend it without depending on the core.
 */
public class TierStateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that says what happened and what to do.
     *
     * @param message what happened, with the values involved, and the fix
     */
    public TierStateException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the failure that caused it.
     *
     * @param message what happened, with the values involved, and the fix
     * @param cause the underlying failure
     */
    public TierStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
