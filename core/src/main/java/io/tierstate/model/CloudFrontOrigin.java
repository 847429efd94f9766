package io.tierstate.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * One origin of a CloudFront distribution as last described ({@code cloudfront_origins[]}); for a
 * Tier 3 deployment, the ALB.
 *
 * <pre>{@code
 * CloudFrontOrigin alb = CloudFrontOrigin.builder()
 *     .id("alb-origin").domainName("my-alb-123.us-east-1.elb.amazonaws.com")
 *     .protocolPolicy("https-only").httpPort(80).httpsPort(443).build();
 * }</pre>
 */
@Value.Immutable
@JsonSerialize(as = ImmutableCloudFrontOrigin.class)
@JsonDeserialize(as = ImmutableCloudFrontOrigin.class)
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public abstract class CloudFrontOrigin {

    CloudFrontOrigin() {}

    /** @return the origin id the cache behaviours point at */
    @JsonProperty("id")
    public abstract String id();

    /** @return the origin's DNS name */
    @JsonProperty("domain_name")
    public abstract String domainName();

    /** @return the path prefix CloudFront adds to origin requests */
    @JsonProperty("origin_path")
    public abstract Optional<String> originPath();

    /** @return {@code http-only}, {@code https-only} or {@code match-viewer} */
    @JsonProperty("protocol_policy")
    public abstract Optional<String> protocolPolicy();

    /** @return the origin's HTTP port */
    @JsonProperty("http_port")
    public abstract Optional<Integer> httpPort();

    /** @return the origin's HTTPS port */
    @JsonProperty("https_port")
    public abstract Optional<Integer> httpsPort();

    /** Fields of the origin that TierState does not model, kept unchanged. */
    @JsonAnyGetter
    abstract Map<String, JsonNode> extra();

    /** @return the names of unmodelled fields carried */
    @JsonIgnore
    public Set<String> unknownFieldNames() {
        return extra().keySet();
    }

    /** @return a builder; {@code id} and {@code domainName} are required */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link CloudFrontOrigin}. */
    public static class Builder extends ImmutableCloudFrontOrigin.Builder {}
}
