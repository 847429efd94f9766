package io.tierstate.error;

/**
 * A cloud call failed. Carries what was called, the provider's error code and request id (quote it
 * to AWS support), and whether retrying may help. Thrown by the cloud ports; adapters map their
 * SDK's exceptions to this type (or a subtype) once, at the port boundary.
 */
public class CloudOperationException extends CloudException {

    private static final long serialVersionUID = 1L;

    private final String operation;

    /**
     * Creates the exception.
     *
     * @param operation what was called, e.g. {@code cloudfront:DeleteDistribution}
     * @param errorCode the provider's error code, e.g. {@code Throttling}, or {@code null}
     * @param requestId the provider's request id, or {@code null}
     * @param statusCode the HTTP status, or 0 when there was none
     * @param retryable whether the same call may succeed later (throttling, 5xx, a race)
     * @param message what happened and what to do
     * @param cause the SDK's exception, or {@code null}
     */
    public CloudOperationException(String operation, String errorCode, String requestId, int statusCode,
            boolean retryable, String message, Throwable cause) {
        super(operation + " failed" + (errorCode != null ? " (" + errorCode + (statusCode > 0 ? ", HTTP " + statusCode : "") + ")" : "")
                + ": " + message + (requestId != null ? " [request id " + requestId + "]" : ""),
                errorCode, requestId, statusCode, retryable, cause);
        this.operation = operation;
    }

    /**
     * What was called.
     *
     * @return e.g. {@code cloudfront:DeleteDistribution}
     */
    public String operation() {
        return operation;
    }

    /**
     * The HTTP status of the failed call.
     *
     * @return the status, or 0 when there was no response
     */
    public int statusCode() {
        return httpStatus().orElse(0);
    }
}
