package io.tierstate.error;

/**
 * CloudFront refused to delete a distribution that is still enabled, or whose disable has not
 * finished propagating (AWS {@code DistributionNotDisabled}, HTTP 409). Disable it, wait until its
 * status is {@code Deployed}, then delete with a fresh ETag.
 */
public class DistributionNotDisabledException extends ResourceInUseException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param operation what was called
     * @param distributionId the distribution
     * @param requestId the provider's request id, or {@code null}
     * @param cause the SDK's exception, or {@code null}
     */
    public DistributionNotDisabledException(String operation, String distributionId, String requestId, Throwable cause) {
        super(operation, "DistributionNotDisabled", requestId, 409, "distribution " + distributionId
                + " is not disabled yet: disable it, wait until its status is Deployed, then delete it", cause);
    }
}
