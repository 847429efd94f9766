package io.tierstate.error;

/**
 * The cloud resource does not exist (AWS {@code NoSuchDistribution}, {@code LoadBalancerNotFound},
 * {@code InvalidInstanceID.NotFound}, {@code FileSystemNotFound}, {@code NoSuchEntity} ...). Destroy
 * counts a resource that is already gone as deleted.
 */
public class ResourceNotFoundException extends CloudOperationException {

    private static final long serialVersionUID = 1L;

    private final String resourceId;

    /**
     * Creates the exception.
     *
     * @param operation what was called
     * @param resourceId the resource that is missing
     * @param errorCode the provider's error code, or {@code null}
     * @param requestId the provider's request id, or {@code null}
     * @param cause the SDK's exception, or {@code null}
     */
    public ResourceNotFoundException(String operation, String resourceId, String errorCode, String requestId, Throwable cause) {
        this(operation, resourceId, errorCode, requestId, 404, cause);
    }

    /**
     * Creates the exception with the HTTP status the service answered (EC2 and ELB answer 400).
     *
     * @param operation what was called
     * @param resourceId the resource that is missing
     * @param errorCode the provider's error code, or {@code null}
     * @param requestId the provider's request id, or {@code null}
     * @param statusCode the HTTP status
     * @param cause the SDK's exception, or {@code null}
     */
    public ResourceNotFoundException(String operation, String resourceId, String errorCode, String requestId, int statusCode,
            Throwable cause) {
        super(operation, errorCode, requestId, statusCode, false, resourceId + " does not exist"
                + "; if it was deleted outside TierState, destroy treats it as gone, and refresh() updates the state", cause);
        this.resourceId = resourceId;
    }

    /** @return the resource that is missing */
    public String resourceId() {
        return resourceId;
    }
}
