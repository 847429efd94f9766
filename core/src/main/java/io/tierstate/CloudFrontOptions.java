package io.tierstate;

import io.tierstate.destroy.DestroyListener;
import io.tierstate.destroy.PollPolicy;
import io.tierstate.port.DistributionSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@code provisionCloudFront} creates the distribution in front of the deployment's ALB.
 * Immutable; each {@code withX} returns a changed copy.
 *
 * <pre>{@code
 * d.provisionCloudFront(CloudFrontOptions.defaults().withWaitForDeployed(true).withProgress(System.out::println));
 * }</pre>
 *
 * <p>Defaults suit a dynamic application: HTTPS to the viewer (HTTP redirected), caching disabled
 * (managed {@code CachingDisabled} policy, {@code AllViewer} origin requests), price class 100 (US,
 * Canada, Europe: the cheapest), HTTP/2 and HTTP/3, tagged with the stack name; to the origin HTTPS
 * when the state says HTTPS is enabled, else HTTP; no waiting.
 */
public final class CloudFrontOptions {

    private final String priceClass;
    private final Optional<String> originProtocolPolicy;
    private final String viewerProtocolPolicy;
    private final String cachePolicyId;
    private final String originRequestPolicyId;
    private final String httpVersion;
    private final Optional<String> comment;
    private final Map<String, String> tags;
    private final boolean waitForDeployed;
    private final Duration timeout;
    private final PollPolicy pollPolicy;
    private final List<DestroyListener> progress;

    private CloudFrontOptions(String priceClass, Optional<String> originProtocolPolicy, String viewerProtocolPolicy,
            String cachePolicyId, String originRequestPolicyId, String httpVersion, Optional<String> comment,
            Map<String, String> tags, boolean waitForDeployed, Duration timeout, PollPolicy pollPolicy,
            List<DestroyListener> progress) {
        this.priceClass = priceClass;
        this.originProtocolPolicy = originProtocolPolicy;
        this.viewerProtocolPolicy = viewerProtocolPolicy;
        this.cachePolicyId = cachePolicyId;
        this.originRequestPolicyId = originRequestPolicyId;
        this.httpVersion = httpVersion;
        this.comment = comment;
        this.tags = Map.copyOf(tags);
        this.waitForDeployed = waitForDeployed;
        this.timeout = timeout;
        this.pollPolicy = pollPolicy;
        this.progress = List.copyOf(progress);
    }

    /** @return the defaults described above */
    public static CloudFrontOptions defaults() {
        return new CloudFrontOptions("PriceClass_100", Optional.empty(), "redirect-to-https",
                DistributionSpec.CACHING_DISABLED, DistributionSpec.ALL_VIEWER, "http2and3", Optional.empty(), Map.of(),
                false, Duration.ofMinutes(45), PollPolicy.defaults(), List.of());
    }

    /**
     * @param value {@code PriceClass_100} (default), {@code PriceClass_200} or {@code PriceClass_All}
     * @return a copy with it
     */
    public CloudFrontOptions withPriceClass(String value) {
        if (!List.of("PriceClass_100", "PriceClass_200", "PriceClass_All").contains(value)) {
            throw new IllegalArgumentException("price class must be PriceClass_100, PriceClass_200 or PriceClass_All, was " + value);
        }
        return new CloudFrontOptions(value, originProtocolPolicy, viewerProtocolPolicy, cachePolicyId, originRequestPolicyId,
                httpVersion, comment, tags, waitForDeployed, timeout, pollPolicy, progress);
    }

    /**
     * @param value {@code https-only}, {@code http-only} or {@code match-viewer} (default: from the state's https_enabled)
     * @return a copy with it
     */
    public CloudFrontOptions withOriginProtocolPolicy(String value) {
        if (!List.of("https-only", "http-only", "match-viewer").contains(value)) {
            throw new IllegalArgumentException("origin protocol policy must be https-only, http-only or match-viewer, was " + value);
        }
        return new CloudFrontOptions(priceClass, Optional.of(value), viewerProtocolPolicy, cachePolicyId, originRequestPolicyId,
                httpVersion, comment, tags, waitForDeployed, timeout, pollPolicy, progress);
    }

    /**
     * @param value a cache policy id (default: the managed CachingDisabled policy); use the managed
     *     CachingOptimized policy {@code 658327ea-f89d-4fab-a63d-7e88639e58f6} for static content
     * @return a copy with it
     */
    public CloudFrontOptions withCachePolicyId(String value) {
        return new CloudFrontOptions(priceClass, originProtocolPolicy, viewerProtocolPolicy, Objects.requireNonNull(value),
                originRequestPolicyId, httpVersion, comment, tags, waitForDeployed, timeout, pollPolicy, progress);
    }

    /**
     * @param value a comment shown in the console (at most 128 characters; default names the stack)
     * @return a copy with it
     */
    public CloudFrontOptions withComment(String value) {
        if (value == null || value.length() > 128) {
            throw new IllegalArgumentException("comment must be at most 128 characters");
        }
        return new CloudFrontOptions(priceClass, originProtocolPolicy, viewerProtocolPolicy, cachePolicyId, originRequestPolicyId,
                httpVersion, Optional.of(value), tags, waitForDeployed, timeout, pollPolicy, progress);
    }

    /**
     * @param key a tag key
     * @param value its value
     * @return a copy with the tag added (the stack name tag is always added)
     */
    public CloudFrontOptions withTag(String key, String value) {
        Map<String, String> t = new LinkedHashMap<>(tags);
        t.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
        return new CloudFrontOptions(priceClass, originProtocolPolicy, viewerProtocolPolicy, cachePolicyId, originRequestPolicyId,
                httpVersion, comment, t, waitForDeployed, timeout, pollPolicy, progress);
    }

    /**
     * @param value whether to wait until the distribution is {@code Deployed} (default false)
     * @return a copy with it
     */
    public CloudFrontOptions withWaitForDeployed(boolean value) {
        return new CloudFrontOptions(priceClass, originProtocolPolicy, viewerProtocolPolicy, cachePolicyId, originRequestPolicyId,
                httpVersion, comment, tags, value, timeout, pollPolicy, progress);
    }

    /**
     * @param value how long to wait for Deployed (default 45 minutes)
     * @return a copy with it
     */
    public CloudFrontOptions withTimeout(Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + value);
        }
        return new CloudFrontOptions(priceClass, originProtocolPolicy, viewerProtocolPolicy, cachePolicyId, originRequestPolicyId,
                httpVersion, comment, tags, waitForDeployed, value, pollPolicy, progress);
    }

    /**
     * @param value how the wait polls (default {@link PollPolicy#defaults()})
     * @return a copy with it
     */
    public CloudFrontOptions withPollPolicy(PollPolicy value) {
        return new CloudFrontOptions(priceClass, originProtocolPolicy, viewerProtocolPolicy, cachePolicyId, originRequestPolicyId,
                httpVersion, comment, tags, waitForDeployed, timeout, Objects.requireNonNull(value), progress);
    }

    /**
     * @param listener receives the wait's progress events
     * @return a copy with it added
     */
    public CloudFrontOptions withProgress(DestroyListener listener) {
        List<DestroyListener> p = new java.util.ArrayList<>(progress);
        p.add(Objects.requireNonNull(listener));
        return new CloudFrontOptions(priceClass, originProtocolPolicy, viewerProtocolPolicy, cachePolicyId, originRequestPolicyId,
                httpVersion, comment, tags, waitForDeployed, timeout, pollPolicy, p);
    }

    /** @return the price class */
    public String priceClass() {
        return priceClass;
    }

    /** @return whether to wait for Deployed */
    public boolean waitForDeployed() {
        return waitForDeployed;
    }

    /** @return how long to wait */
    public Duration timeout() {
        return timeout;
    }

    /** @return how the wait polls */
    public PollPolicy pollPolicy() {
        return pollPolicy;
    }

    List<DestroyListener> progress() {
        return progress;
    }

    DistributionSpec toSpec(String stackName, String callerReference, String albDns, boolean httpsToOrigin) {
        Map<String, String> t = new LinkedHashMap<>(tags);
        t.put("tierstate:stack", stackName);
        t.putIfAbsent("Name", stackName);
        return new DistributionSpec(callerReference, comment.orElse("TierState " + stackName), stackName + "-alb", albDns,
                originProtocolPolicy.orElse(httpsToOrigin ? "https-only" : "http-only"), viewerProtocolPolicy, cachePolicyId,
                originRequestPolicyId, priceClass, httpVersion, t, 60);
    }
}
