package io.tierstate.port;

/**
 * CloudFront distributions. Writes are conditional on the ETag the caller read, as CloudFront
 * requires; a stale ETag gives {@link io.tierstate.error.PreconditionFailedException}.
 */
public interface CloudFrontPort {

    /**
     * Describes a distribution ({@code GetDistribution}); one call, so waits can poll it. Its tags
     * are not read (the returned tags are empty): ask {@link #distributionTags(String)} for them.
     *
     * @param id the distribution id
     * @return its status, enabled flag, ETag, origins and cache behaviours
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist
     */
    Distribution getDistribution(String id);

    /**
     * Reads a distribution's configuration and its current ETag ({@code GetDistributionConfig}).
     *
     * @param id the distribution id
     * @return the configuration summary and ETag
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist
     */
    DistributionConfig getDistributionConfig(String id);

    /**
     * Creates a distribution. Idempotent on the caller reference: creating again with a reference
     * that was already used returns the distribution created the first time, never a second one.
     *
     * @param spec what to create
     * @return the new (or earlier) distribution, usually {@code InProgress}
     */
    Distribution createDistribution(DistributionSpec spec);

    /**
     * Enables or disables a distribution ({@code UpdateDistribution} with {@code IfMatch}).
     *
     * @param id the distribution id
     * @param enabled the new value
     * @param ifMatch the ETag read by {@link #getDistributionConfig(String)}
     * @return the new ETag
     * @throws io.tierstate.error.PreconditionFailedException when the ETag is stale
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist
     */
    String setEnabled(String id, boolean enabled, String ifMatch);

    /**
     * Deletes a disabled, deployed distribution ({@code DeleteDistribution} with {@code IfMatch}).
     *
     * @param id the distribution id
     * @param ifMatch the current ETag
     * @throws io.tierstate.error.DistributionNotDisabledException when it is enabled or its disable is still propagating
     * @throws io.tierstate.error.PreconditionFailedException when the ETag is stale
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist
     */
    void deleteDistribution(String id, String ifMatch);

    /**
     * Reads a distribution's tags ({@code ListTagsForResource}).
     *
     * @param arn the distribution ARN
     * @return the tags
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist
     */
    java.util.Map<String, String> distributionTags(String arn);
}
