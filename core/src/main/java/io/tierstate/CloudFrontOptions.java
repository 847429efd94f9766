package io.tierstate;

import io.tierstate.error.InvalidInputException;
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
 * Canada, Europe: the cheapest), HTTP/2 and HTTP/3, tagged with the stack name; an origin read
 * timeout of 60 s; to the origin the protocol the ALB really serves: HTTPS only when it has an HTTPS
 * listener whose certificate covers the origin's domain name (never the case for the ALB's own
 * {@code *.elb.amazonaws.com} name), else HTTP; no waiting.
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
    private final Duration originReadTimeout;
    private final Optional<String> originDomainName;

    private CloudFrontOptions(String priceClass, Optional<String> originProtocolPolicy, String viewerProtocolPolicy,
            String cachePolicyId, String originRequestPolicyId, String httpVersion, Optional<String> comment,
            Map<String, String> tags, boolean waitForDeployed, Duration timeout, PollPolicy pollPolicy,
            List<DestroyListener> progress, Duration originReadTimeout, Optional<String> originDomainName) {
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
        this.originReadTimeout = originReadTimeout;
        this.originDomainName = originDomainName;
    }

    /** @return the defaults described above */
    public static CloudFrontOptions defaults() {
        return new CloudFrontOptions("PriceClass_100", Optional.empty(), "redirect-to-https",
                DistributionSpec.CACHING_DISABLED, DistributionSpec.ALL_VIEWER, "http2and3", Optional.empty(), Map.of(),
                false, Duration.ofMinutes(45), PollPolicy.defaults(), List.of(), Duration.ofSeconds(60), Optional.empty());
    }

    /**
     * @param value {@code PriceClass_100} (default), {@code PriceClass_200} or {@code PriceClass_All}
     * @return a copy with it
     */
    public CloudFrontOptions withPriceClass(String value) {
        if (!List.of("PriceClass_100", "PriceClass_200", "PriceClass_All").contains(value)) {
            throw new InvalidInputException("price class must be PriceClass_100, PriceClass_200 or PriceClass_All, was " + value);
        }
        return new CloudFrontOptions(value, originProtocolPolicy, viewerProtocolPolicy, cachePolicyId, originRequestPolicyId,
                httpVersion, comment, tags, waitForDeployed, timeout, pollPolicy, progress, originReadTimeout, originDomainName);
    }

    /**
     * @param value {@code https-only}, {@code http-only} or {@code match-viewer} (default: from the state's https_enabled)
     * @return a copy with it
     */
    public CloudFrontOptions withOriginProtocolPolicy(String value) {
        if (!List.of("https-only", "http-only", "match-viewer").contains(value)) {
            throw new InvalidInputException("origin protocol policy must be https-only, http-only or match-viewer, was " + value);
        }
        return new CloudFrontOptions(priceClass, Optional.of(value), viewerProtocolPolicy, cachePolicyId, originRequestPolicyId,
                httpVersion, comment, tags, waitForDeployed, timeout, pollPolicy, progress, originReadTimeout, originDomainName);
    }

    /**
     * @param value a cache policy id (default: the managed CachingDisabled policy); use the managed
     *     CachingOptimized policy {@code 658327ea-f89d-4fab-a63d-7e88639e58f6} for static content
     * @return a copy with it
     */
    public CloudFrontOptions withCachePolicyId(String value) {
        return new CloudFrontOptions(priceClass, originProtocolPolicy, viewerProtocolPolicy, Objects.requireNonNull(value),
                originRequestPolicyId, httpVersion, comment, tags, waitForDeployed, timeout, pollPolicy, progress, originReadTimeout, originDomainName);
    }

    /**
     * @param value a comment shown in the console (at most 128 characters; default names the stack)
     * @return a copy with it
     */
    public CloudFrontOptions withComment(String value) {
        if (value == null || value.length() > 128) {
            throw new InvalidInputException("comment must be at most 128 characters");
        }
        return new CloudFrontOptions(priceClass, originProtocolPolicy, viewerProtocolPolicy, cachePolicyId, originRequestPolicyId,
                httpVersion, Optional.of(value), tags, waitForDeployed, timeout, pollPolicy, progress, originReadTimeout, originDomainName);
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
                httpVersion, comment, t, waitForDeployed, timeout, pollPolicy, progress, originReadTimeout, originDomainName);
    }

    /**
     * @param value whether to wait until the distribution is {@code Deployed} (default false)
     * @return a copy with it
     */
    public CloudFrontOptions withWaitForDeployed(boolean value) {
        return new CloudFrontOptions(priceClass, originProtocolPolicy, viewerProtocolPolicy, cachePolicyId, originRequestPolicyId,
                httpVersion, comment, tags, value, timeout, pollPolicy, progress, originReadTimeout, originDomainName);
    }

    /**
     * @param value how long to wait for Deployed (default 45 minutes)
     * @return a copy with it
     */
    public CloudFrontOptions withTimeout(Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidInputException("timeout must be positive, was " + value);
        }
        return new CloudFrontOptions(priceClass, originProtocolPolicy, viewerProtocolPolicy, cachePolicyId, originRequestPolicyId,
                httpVersion, comment, tags, waitForDeployed, value, pollPolicy, progress, originReadTimeout, originDomainName);
    }

    /**
     * @param value how the wait polls (default {@link PollPolicy#defaults()})
     * @return a copy with it
     */
    public CloudFrontOptions withPollPolicy(PollPolicy value) {
        return new CloudFrontOptions(priceClass, originProtocolPolicy, viewerProtocolPolicy, cachePolicyId, originRequestPolicyId,
                httpVersion, comment, tags, waitForDeployed, timeout, Objects.requireNonNull(value), progress, originReadTimeout, originDomainName);
    }

    /**
     * @param listener receives the wait's progress events
     * @return a copy with it added
     */
    public CloudFrontOptions withProgress(DestroyListener listener) {
        List<DestroyListener> p = new java.util.ArrayList<>(progress);
        p.add(Objects.requireNonNull(listener));
        return new CloudFrontOptions(priceClass, originProtocolPolicy, viewerProtocolPolicy, cachePolicyId, originRequestPolicyId,
                httpVersion, comment, tags, waitForDeployed, timeout, pollPolicy, p, originReadTimeout, originDomainName);
    }

    /**
     * @param value how long CloudFront waits for the ALB's answer (default 60 s; CloudFront's own
     *     default of 30 s cuts off long GPU inference); 1 to 180 s, more than 60 only after an AWS quota increase
     * @return a copy with it
     */
    public CloudFrontOptions withOriginReadTimeout(Duration value) {
        if (value == null || value.toSeconds() < 1 || value.toSeconds() > 180 || value.toNanosPart() != 0) {
            throw new InvalidInputException("origin read timeout must be whole seconds from 1 to 180, was " + value);
        }
        return new CloudFrontOptions(priceClass, originProtocolPolicy, viewerProtocolPolicy, cachePolicyId, originRequestPolicyId,
                httpVersion, comment, tags, waitForDeployed, timeout, pollPolicy, progress, value, originDomainName);
    }

    /**
     * @param value the DNS name CloudFront uses for the origin (default: the ALB's own DNS name), e.g.
     *     {@code origin.example.com} pointing at the ALB; HTTPS to the origin needs an ALB certificate for it
     * @return a copy with it
     */
    public CloudFrontOptions withOriginDomainName(String value) {
        if (value == null || !value.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?")) {
            throw new InvalidInputException("origin domain name must be a DNS name such as origin.example.com, was '" + value + "'");
        }
        return new CloudFrontOptions(priceClass, originProtocolPolicy, viewerProtocolPolicy, cachePolicyId, originRequestPolicyId,
                httpVersion, comment, tags, waitForDeployed, timeout, pollPolicy, progress, originReadTimeout, Optional.of(value));
    }

    /** @return the origin read timeout */
    public Duration originReadTimeout() {
        return originReadTimeout;
    }

    /** @return the origin domain name, when it is not the ALB's */
    public Optional<String> originDomainName() {
        return originDomainName;
    }

    /** @return the origin protocol policy asked for, when one was (else it follows the ALB's listeners) */
    public Optional<String> originProtocolPolicy() {
        return originProtocolPolicy;
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

    DistributionSpec toSpec(String stackName, String callerReference, String originDomain, String originProtocol) {
        Map<String, String> t = new LinkedHashMap<>(tags);
        t.put("tierstate:stack", stackName);
        t.putIfAbsent("Stack", stackName);
        t.putIfAbsent("Name", stackName);
        return new DistributionSpec(callerReference, comment.orElse("TierState " + stackName), stackName + "-alb", originDomain,
                originProtocol, viewerProtocolPolicy, cachePolicyId, originRequestPolicyId, priceClass, httpVersion, t,
                (int) originReadTimeout.toSeconds());
    }

    @Override
    public String toString() {
        return "CloudFrontOptions[" + priceClass + ", origin " + originDomainName.orElse("the ALB's DNS name") + " "
                + originProtocolPolicy.orElse("by its listeners") + ", read timeout " + originReadTimeout.toSeconds() + " s, viewer "
                + viewerProtocolPolicy + ", " + httpVersion + (waitForDeployed ? ", wait up to " + timeout.toMinutes() + " min" : "")
                + (tags.isEmpty() ? "" : ", tags " + tags) + "]";
    }
}
