package io.tierstate.aws.internal;

import io.tierstate.model.CacheBehavior;
import io.tierstate.model.CloudFrontOrigin;
import io.tierstate.model.CloudFrontStatus;
import io.tierstate.port.Distribution;
import io.tierstate.port.DistributionSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudfront.model.AllowedMethods;
import software.amazon.awssdk.services.cloudfront.model.CacheBehaviors;
import software.amazon.awssdk.services.cloudfront.model.CachedMethods;
import software.amazon.awssdk.services.cloudfront.model.CustomOriginConfig;
import software.amazon.awssdk.services.cloudfront.model.DefaultCacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.Method;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.OriginSslProtocols;
import software.amazon.awssdk.services.cloudfront.model.Origins;
import software.amazon.awssdk.services.cloudfront.model.SslProtocol;
import software.amazon.awssdk.services.cloudfront.model.Tag;
import software.amazon.awssdk.services.cloudfront.model.Tags;

/** Converts CloudFront SDK shapes to TierState values. */
public final class CloudFrontMapping {

    private static final String DEFAULT_ORIGIN_PROTOCOL = "https-only";
    private static final String DEFAULT_VIEWER_PROTOCOL = "redirect-to-https";
    private static final String DEFAULT_HTTP_VERSION = "http2and3";

    private CloudFrontMapping() {}

    /**
     * Converts a described distribution.
     *
     * @param distribution the SDK's distribution
     * @param etag the ETag of the response it came with
     * @param tags its tags (empty when not read)
     * @return the TierState description
     */
    public static Distribution toDistribution(software.amazon.awssdk.services.cloudfront.model.Distribution distribution,
            String etag, Map<String, String> tags) {
        DistributionConfig config = distribution.distributionConfig();
        return new Distribution(distribution.id(), distribution.arn(), distribution.domainName(),
                CloudFrontStatus.parse(distribution.status()), Boolean.TRUE.equals(config.enabled()), etag,
                nonEmpty(config.priceClassAsString()), nonEmpty(config.callerReference()), origins(config.origins()),
                cacheBehaviors(config.defaultCacheBehavior(), config.cacheBehaviors()), aliases(config.aliases()), tags);
    }

    /** The alternate domain names; CloudFront answers {@code <Aliases><Quantity>0</Quantity></Aliases>} for none. */
    static List<String> aliases(software.amazon.awssdk.services.cloudfront.model.Aliases aliases) {
        return aliases == null || aliases.items() == null ? List.of() : List.copyOf(aliases.items());
    }

    /**
     * Converts a tag set.
     *
     * @param tags the SDK's tags, or {@code null}
     * @return the tags by key, in their order
     */
    public static Map<String, String> toMap(Tags tags) {
        Map<String, String> map = new LinkedHashMap<>();
        if (tags != null && tags.items() != null) {
            for (Tag tag : tags.items()) {
                map.put(tag.key(), tag.value() == null ? "" : tag.value());
            }
        }
        return map;
    }

    static List<CloudFrontOrigin> origins(Origins origins) {
        List<CloudFrontOrigin> result = new ArrayList<>();
        if (origins == null || origins.items() == null) {
            return result;
        }
        for (Origin origin : origins.items()) {
            CloudFrontOrigin.Builder builder = CloudFrontOrigin.builder();
            builder.id(origin.id()).domainName(origin.domainName()).originPath(nonEmpty(origin.originPath()));
            CustomOriginConfig custom = origin.customOriginConfig();
            if (custom != null) {
                builder.protocolPolicy(nonEmpty(custom.originProtocolPolicyAsString()))
                        .httpPort(Optional.ofNullable(custom.httpPort()))
                        .httpsPort(Optional.ofNullable(custom.httpsPort()));
            }
            result.add(builder.build());
        }
        return result;
    }

    /**
     * Converts the cache behaviours, the default first. The TTL fields are deprecated by AWS (cache
     * policies replace them) but legacy distributions still carry them, so they are kept.
     */
    @SuppressWarnings("deprecation")
    static List<CacheBehavior> cacheBehaviors(DefaultCacheBehavior defaults, CacheBehaviors others) {
        List<CacheBehavior> result = new ArrayList<>();
        if (defaults != null) {
            CacheBehavior.Builder builder = CacheBehavior.builder();
            builder.pathPattern(CacheBehavior.DEFAULT_PATH_PATTERN).targetOriginId(defaults.targetOriginId())
                    .viewerProtocolPolicy(nonEmpty(defaults.viewerProtocolPolicyAsString()))
                    .addAllAllowedMethods(allowed(defaults.allowedMethods()))
                    .addAllCachedMethods(cached(defaults.allowedMethods()))
                    .cachePolicyId(nonEmpty(defaults.cachePolicyId()))
                    .originRequestPolicyId(nonEmpty(defaults.originRequestPolicyId()))
                    .compress(Optional.ofNullable(defaults.compress()))
                    .minTtl(Optional.ofNullable(defaults.minTTL()))
                    .defaultTtl(Optional.ofNullable(defaults.defaultTTL()))
                    .maxTtl(Optional.ofNullable(defaults.maxTTL()));
            result.add(builder.build());
        }
        if (others != null && others.items() != null) {
            for (software.amazon.awssdk.services.cloudfront.model.CacheBehavior other : others.items()) {
                CacheBehavior.Builder builder = CacheBehavior.builder();
                builder.pathPattern(other.pathPattern()).targetOriginId(other.targetOriginId())
                        .viewerProtocolPolicy(nonEmpty(other.viewerProtocolPolicyAsString()))
                        .addAllAllowedMethods(allowed(other.allowedMethods()))
                        .addAllCachedMethods(cached(other.allowedMethods()))
                        .cachePolicyId(nonEmpty(other.cachePolicyId()))
                        .originRequestPolicyId(nonEmpty(other.originRequestPolicyId()))
                        .compress(Optional.ofNullable(other.compress()))
                        .minTtl(Optional.ofNullable(other.minTTL()))
                        .defaultTtl(Optional.ofNullable(other.defaultTTL()))
                        .maxTtl(Optional.ofNullable(other.maxTTL()));
                result.add(builder.build());
            }
        }
        return result;
    }

    private static List<String> allowed(AllowedMethods methods) {
        return methods == null ? List.of() : names(methods.itemsAsStrings());
    }

    private static List<String> cached(AllowedMethods methods) {
        CachedMethods cached = methods == null ? null : methods.cachedMethods();
        return cached == null ? List.of() : names(cached.itemsAsStrings());
    }

    private static List<String> names(List<String> methods) {
        return methods == null ? List.of() : List.copyOf(methods);
    }

    /** All seven methods: TierState puts CloudFront in front of an application, which takes POSTs. */
    static AllowedMethods allMethods() {
        return AllowedMethods.builder().quantity(7)
                .items(Method.GET, Method.HEAD, Method.OPTIONS, Method.PUT, Method.POST, Method.PATCH, Method.DELETE)
                .cachedMethods(CachedMethods.builder().quantity(2).items(Method.GET, Method.HEAD).build())
                .build();
    }

    /**
     * The configuration of a new distribution: one custom origin (the ALB) reached on ports 80/443
     * with TLS 1.2 and the spec's origin read timeout, a default behaviour that allows all methods and caches GET/HEAD, compression,
     * IPv6 on, enabled. Values the spec leaves empty get TierState's defaults: origin protocol
     * {@code https-only}, viewer protocol {@code redirect-to-https}, the managed CachingDisabled
     * and AllViewer policies, {@code http2and3}; an empty price class leaves AWS's
     * ({@code PriceClass_All}).
     *
     * @param spec what to create
     * @return the SDK configuration
     */
    public static DistributionConfig toConfig(DistributionSpec spec) {
        Origin origin = Origin.builder()
                .id(spec.originId())
                .domainName(spec.originDomainName())
                .customOriginConfig(CustomOriginConfig.builder()
                        .httpPort(80)
                        .httpsPort(443)
                        .originProtocolPolicy(or(spec.originProtocolPolicy(), DEFAULT_ORIGIN_PROTOCOL))
                        .originSslProtocols(OriginSslProtocols.builder().quantity(1).items(SslProtocol.TLS_V1_2).build())
                        .originReadTimeout(spec.originReadTimeoutSeconds())
                        .build())
                .build();
        DefaultCacheBehavior behavior = DefaultCacheBehavior.builder()
                .targetOriginId(spec.originId())
                .viewerProtocolPolicy(or(spec.viewerProtocolPolicy(), DEFAULT_VIEWER_PROTOCOL))
                .cachePolicyId(or(spec.cachePolicyId(), DistributionSpec.CACHING_DISABLED))
                .originRequestPolicyId(or(spec.originRequestPolicyId(), DistributionSpec.ALL_VIEWER))
                .compress(true)
                .allowedMethods(allMethods())
                .build();
        return DistributionConfig.builder()
                .callerReference(spec.callerReference())
                .comment(or(spec.comment(), ""))
                .enabled(true)
                .origins(Origins.builder().quantity(1).items(origin).build())
                .defaultCacheBehavior(behavior)
                .priceClass(spec.priceClass() == null || spec.priceClass().isBlank() ? null : spec.priceClass())
                .httpVersion(or(spec.httpVersion(), DEFAULT_HTTP_VERSION))
                .isIPV6Enabled(true)
                .build();
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static Optional<String> nonEmpty(String value) {
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
