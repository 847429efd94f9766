package io.tierstate.error;

/**
 * A conditional cloud write was refused because the resource changed since its ETag was read
 * (CloudFront {@code PreconditionFailed}, HTTP 412, or {@code InvalidIfMatchVersion}). Read the
 * resource again for a fresh ETag and retry.
 */
public class PreconditionFailedException extends CloudOperationException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param operation what was called
     * @param resourceId the resource
     * @param errorCode {@code PreconditionFailed} or {@code InvalidIfMatchVersion}
     * @param requestId the provider's request id, or {@code null}
     * @param cause the SDK's exception, or {@code null}
     */
    public PreconditionFailedException(String operation, String resourceId, String errorCode, String requestId, Throwable cause) {
        this(operation, resourceId, errorCode, requestId, 412, cause);
    }

    /**
     * Creates the exception with the HTTP status the service answered ({@code InvalidIfMatchVersion} is 400).
     *
     * @param operation what was called
     * @param resourceId the resource
     * @param errorCode {@code PreconditionFailed} or {@code InvalidIfMatchVersion}
     * @param requestId the provider's request id, or {@code null}
     * @param statusCode the HTTP status
     * @param cause the SDK's exception, or {@code null}
     */
    public PreconditionFailedException(String operation, String resourceId, String errorCode, String requestId, int statusCode,
            Throwable cause) {
        super(operation, errorCode, requestId, statusCode, true, resourceId
                + " changed since its ETag was read: read it again for a fresh ETag and retry", cause);
    }
}
