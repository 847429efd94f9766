package io.tierstate.error;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The cloud stopped the operation: a call failed ({@link CloudOperationException} and its subtypes,
 * which carry the AWS error code, HTTP status and request id), a resource blocks a destroy, the
 * recorded resources are missing, or a wait ran out of time.
 *
 * <p>{@link #retryable()} says whether the same call may succeed later without any change (a
 * throttle, a 5xx, a resource still in use); everything else needs the fix the message names.
 *
 * <pre>{@code
 * try {
 *     client.deployment("web").destroy().run();
 * } catch (CloudException e) {
 *     log.warn("{} (code {}, request {}, retryable {})", e.getMessage(),
 *             e.errorCode().orElse("-"), e.requestId().orElse("-"), e.retryable());
 * }
 * }</pre>
 */
public class CloudException extends TierStateException {

    private static final long serialVersionUID = 1L;

    private final String errorCode;
    private final String requestId;
    private final int statusCode;
    private final boolean retryable;

    /**
     * Creates a cloud error that no single call answered (no AWS code, status or request id).
     *
     * @param message what happened, with the values involved, and the fix
     * @param retryable whether the same operation may succeed later as it is
     */
    public CloudException(String message, boolean retryable) {
        this(message, null, null, 0, retryable, null);
    }

    /**
     * Creates a cloud error with what the service answered.
     *
     * @param message what happened, with the values involved, and the fix
     * @param errorCode the service's error code, e.g. {@code DependencyViolation}; may be null
     * @param requestId the service's request id; may be null
     * @param statusCode the HTTP status, or 0 when there was no response
     * @param retryable whether the same call may succeed later as it is
     * @param cause the underlying failure; may be null
     */
    public CloudException(String message, String errorCode, String requestId, int statusCode, boolean retryable,
            Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
        this.requestId = requestId;
        this.statusCode = statusCode;
        this.retryable = retryable;
    }

    /**
     * The service's error code.
     *
     * @return e.g. {@code DependencyViolation}, {@code Throttling}; empty when no call answered
     */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /**
     * The request id AWS support asks for.
     *
     * @return the id of the failed request, when the service sent one
     */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /**
     * The HTTP status of the failed call.
     *
     * @return the status, or empty when there was no response (or no single call)
     */
    public OptionalInt httpStatus() {
        return statusCode > 0 ? OptionalInt.of(statusCode) : OptionalInt.empty();
    }

    /**
     * Whether the same operation may succeed later without any change.
     *
     * @return true for throttling, 5xx, resources still in use and the like
     */
    public boolean retryable() {
        return retryable;
    }
}
