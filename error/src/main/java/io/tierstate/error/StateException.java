package io.tierstate.error;

/**
 * Something about a deployment's stored state stopped the operation: it is missing or already there,
 * it changed meanwhile, another process holds it, it cannot be read, or the store itself failed.
 *
 * <p>Catch this to handle every state problem in one place; catch a subtype to act on one:
 *
 * <pre>{@code
 * try {
 *     client.deployment("web").update(s -> s.withPublicIp(Optional.of("203.0.113.7")));
 * } catch (DeploymentNotFoundException e) {
 *     // create it first, or check the name
 * } catch (StateLockException | LeaseHeldException e) {
 *     // another process is working on it: try again later
 * } catch (StateException e) {
 *     // conflict, unreadable file, store down: the message says which and what to do
 * }
 * }</pre>
 *
 * <p>Subtypes: {@link DeploymentNotFoundException}, {@link DeploymentExistsException},
 * {@link StateConflictException}, {@link StateLockException}, {@link LeaseHeldException},
 * {@link CorruptStateException} (and the migration module's document errors under it) and
 * {@link StateStoreException}.
 */
public class StateException extends TierStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates a state error.
     *
     * @param message what happened, with the values involved, and the fix
     */
    public StateException(String message) {
        super(message);
    }

    /**
     * Creates a state error with its cause.
     *
     * @param message what happened, with the values involved, and the fix
     * @param cause the underlying failure
     */
    public StateException(String message, Throwable cause) {
        super(message, cause);
    }
}
