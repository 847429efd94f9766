package io.tierstate.port;

import java.util.Map;
import java.util.Objects;

/**
 * What to create: a distribution in front of one origin (for TierState, the deployment's ALB).
 *
 * @param callerReference unique per create request; reusing it returns the first distribution
 * @param comment a description shown in the console (at most 128 characters)
 * @param originId the origin's id
 * @param originDomainName the origin's DNS name (the ALB's)
 * @param originProtocolPolicy {@code https-only}, {@code http-only} or {@code match-viewer}
 * @param viewerProtocolPolicy {@code redirect-to-https}, {@code https-only} or {@code allow-all}
 * @param cachePolicyId the cache policy of the default behaviour
 * @param originRequestPolicyId the origin request policy of the default behaviour
 * @param priceClass e.g. {@code PriceClass_100}
 * @param httpVersion e.g. {@code http2and3}
 * @param tags tags to put on the distribution
 * @param originReadTimeoutSeconds how long CloudFront waits for the origin's answer (1 to 180; AWS
 *     allows more than 60 only after a quota increase)
 */
public record DistributionSpec(String callerReference, String comment, String originId, String originDomainName,
        String originProtocolPolicy, String viewerProtocolPolicy, String cachePolicyId, String originRequestPolicyId,
        String priceClass, String httpVersion, Map<String, String> tags, int originReadTimeoutSeconds) {

    /** AWS's managed cache policy {@code CachingDisabled}: right for a dynamic application. */
    public static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";

    /** AWS's managed origin request policy {@code AllViewer}: forwards headers, cookies and query strings. */
    public static final String ALL_VIEWER = "216adef6-5c7f-47e4-b989-5492eafa07d3";

    /** Checks the required values and copies the tags. */
    public DistributionSpec {
        Objects.requireNonNull(callerReference, "callerReference");
        Objects.requireNonNull(originDomainName, "originDomainName");
        Objects.requireNonNull(originId, "originId");
        tags = Map.copyOf(tags);
        if (originReadTimeoutSeconds < 1 || originReadTimeoutSeconds > 180) {
            throw new io.tierstate.error.InvalidInputException("origin read timeout must be 1 to 180 seconds, was "
                    + originReadTimeoutSeconds + "; CloudFront's default is 30, TierState's 60");
        }
    }
}
