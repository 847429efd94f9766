package io.tierstate.port;

import io.tierstate.model.CacheBehavior;
import io.tierstate.model.CloudFrontOrigin;
import io.tierstate.model.CloudFrontStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CloudFront distribution as described by the cloud.
 *
 * @param id the distribution id, e.g. {@code E2QWRUHAPOMQZL}
 * @param arn its ARN
 * @param domainName e.g. {@code d111111abcdef8.cloudfront.net}
 * @param status {@code InProgress} while a change propagates, then {@code Deployed}
 * @param enabled whether it serves traffic
 * @param etag the ETag to pass as {@code IfMatch} to the next write
 * @param priceClass e.g. {@code PriceClass_100}
 * @param callerReference the reference it was created with
 * @param origins its origins
 * @param cacheBehaviors its cache behaviours, the default ({@code *}) first
 * @param aliases its alternate domain names (CNAMEs), e.g. {@code cdn.example.com}; empty when it has none
 * @param tags its tags
 */
public record Distribution(String id, String arn, String domainName, CloudFrontStatus status, boolean enabled,
        String etag, Optional<String> priceClass, Optional<String> callerReference, List<CloudFrontOrigin> origins,
        List<CacheBehavior> cacheBehaviors, List<String> aliases, Map<String, String> tags) {

    /** Copies the collections so the record stays immutable. */
    public Distribution {
        origins = List.copyOf(origins);
        cacheBehaviors = List.copyOf(cacheBehaviors);
        aliases = List.copyOf(aliases);
        tags = Map.copyOf(tags);
    }
}
