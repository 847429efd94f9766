package io.tierstate.error;

/**
 * The resource cannot be deleted yet because something still depends on it (a target group still
 * attached to a load balancer, a file system with mount targets, a security group still used by a
 * network interface, a CloudFront distribution that is not disabled yet). Retrying after the
 * dependant is gone succeeds.
 */
public class ResourceInUseException extends CloudOperationException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param operation what was called
     * @param errorCode the provider's error code, e.g. {@code ResourceInUse}, {@code DependencyViolation}
     * @param requestId the provider's request id, or {@code null}
     * @param message what still depends on it and what to do
     * @param cause the SDK's exception, or {@code null}
     */
    public ResourceInUseException(String operation, String errorCode, String requestId, String message, Throwable cause) {
        this(operation, errorCode, requestId, 400, message, cause);
    }

    /**
     * Creates the exception with the HTTP status the service answered.
     *
     * @param operation what was called
     * @param errorCode the provider's error code
     * @param requestId the provider's request id, or {@code null}
     * @param statusCode the HTTP status, e.g. 409 for DistributionNotDisabled, FileSystemInUse, DeleteConflict
     * @param message what still depends on it and what to do
     * @param cause the SDK's exception, or {@code null}
     */
    public ResourceInUseException(String operation, String errorCode, String requestId, int statusCode, String message,
            Throwable cause) {
        super(operation, errorCode, requestId, statusCode, true, message, cause);
    }
}
