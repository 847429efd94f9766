package io.tierstate.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * One cache behaviour of a CloudFront distribution ({@code cloudfront_cache_behaviors[]}); the
 * default behaviour has path pattern {@code *}.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableCacheBehavior.class)
@JsonDeserialize(as = ImmutableCacheBehavior.class)
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public abstract class CacheBehavior {

    /** The path pattern of the default cache behaviour. */
    public static final String DEFAULT_PATH_PATTERN = "*";

    CacheBehavior() {}

    /** @return the path pattern; {@code *} for the default behaviour */
    @JsonProperty("path_pattern")
    public abstract String pathPattern();

    /** @return the id of the origin requests go to */
    @JsonProperty("target_origin_id")
    public abstract String targetOriginId();

    /** @return {@code allow-all}, {@code https-only} or {@code redirect-to-https} */
    @JsonProperty("viewer_protocol_policy")
    public abstract Optional<String> viewerProtocolPolicy();

    /** @return the HTTP methods CloudFront forwards */
    @JsonProperty("allowed_methods")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public abstract List<String> allowedMethods();

    /** @return the HTTP methods whose responses CloudFront caches */
    @JsonProperty("cached_methods")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public abstract List<String> cachedMethods();

    /** @return the cache policy id (e.g. the managed CachingDisabled policy) */
    @JsonProperty("cache_policy_id")
    public abstract Optional<String> cachePolicyId();

    /** @return the origin request policy id */
    @JsonProperty("origin_request_policy_id")
    public abstract Optional<String> originRequestPolicyId();

    /** @return whether CloudFront compresses responses */
    @JsonProperty("compress")
    public abstract Optional<Boolean> compress();

    /** @return minimum TTL in seconds */
    @JsonProperty("min_ttl")
    public abstract Optional<Long> minTtl();

    /** @return default TTL in seconds */
    @JsonProperty("default_ttl")
    public abstract Optional<Long> defaultTtl();

    /** @return maximum TTL in seconds */
    @JsonProperty("max_ttl")
    public abstract Optional<Long> maxTtl();

    /** Fields of the behaviour that TierState does not model, kept unchanged. */
    @JsonAnyGetter
    abstract Map<String, JsonNode> extra();

    /** @return whether this is the default behaviour ({@code *}) */
    @JsonIgnore
    public boolean isDefault() {
        return DEFAULT_PATH_PATTERN.equals(pathPattern());
    }

    /** @return the names of unmodelled fields carried */
    @JsonIgnore
    public Set<String> unknownFieldNames() {
        return extra().keySet();
    }

    /** @return a builder; {@code pathPattern} and {@code targetOriginId} are required */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link CacheBehavior}. */
    public static class Builder extends ImmutableCacheBehavior.Builder {}
}
