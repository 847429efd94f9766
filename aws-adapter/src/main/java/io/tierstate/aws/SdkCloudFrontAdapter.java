package io.tierstate.aws;

import static io.tierstate.aws.internal.AwsErrors.call;
import static io.tierstate.aws.internal.AwsErrors.run;

import io.tierstate.error.CloudOperationException;
import io.tierstate.error.PreconditionFailedException;
import io.tierstate.aws.internal.AwsClients;
import io.tierstate.aws.internal.CloudFrontMapping;
import io.tierstate.port.CloudFrontPort;
import io.tierstate.port.Distribution;
import io.tierstate.port.DistributionConfig;
import io.tierstate.port.DistributionSpec;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudfront.model.CreateDistributionWithTagsResponse;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfigWithTags;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionConfigResponse;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionResponse;
import software.amazon.awssdk.services.cloudfront.model.Tag;
import software.amazon.awssdk.services.cloudfront.model.Tags;
import software.amazon.awssdk.services.cloudfront.model.UpdateDistributionResponse;

/**
 * {@link CloudFrontPort} on the AWS SDK's CloudFront client. Obtain it from
 * {@link AwsCloud#cloudFront()}.
 *
 * <p>{@link #getDistribution(String)} is one {@code GetDistribution} call, so wait loops can poll it;
 * it returns no tags: {@link #distributionTags(String)} reads them ({@code ListTagsForResource}).
 * {@link #createDistribution(DistributionSpec)} is idempotent on the caller reference: when AWS
 * answers {@code DistributionAlreadyExists}, the id in its message names the distribution created
 * the first time, which is described and returned.
 */
public final class SdkCloudFrontAdapter implements CloudFrontPort {

    private static final Logger LOG = LoggerFactory.getLogger(SdkCloudFrontAdapter.class);

    /** AWS names the earlier distribution at the end of the message: {@code ... Already exists: E2QWRUHAPOMQZL}. */
    private static final Pattern ALREADY_EXISTS = Pattern.compile("Already exists:\\s*([A-Z0-9]+)");

    private final AwsClients clients;

    SdkCloudFrontAdapter(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public Distribution getDistribution(String id) {
        Objects.requireNonNull(id, "id");
        GetDistributionResponse response = call("cloudfront:GetDistribution", id,
                () -> clients.cloudFront().getDistribution(b -> b.id(id)));
        return CloudFrontMapping.toDistribution(response.distribution(), response.eTag(), Map.of());
    }

    @Override
    public DistributionConfig getDistributionConfig(String id) {
        Objects.requireNonNull(id, "id");
        GetDistributionConfigResponse response = call("cloudfront:GetDistributionConfig", id,
                () -> clients.cloudFront().getDistributionConfig(b -> b.id(id)));
        return new DistributionConfig(id, response.eTag(), Boolean.TRUE.equals(response.distributionConfig().enabled()),
                response.distributionConfig().callerReference());
    }

    @Override
    public Distribution createDistribution(DistributionSpec spec) {
        Objects.requireNonNull(spec, "spec");
        DistributionConfigWithTags request = DistributionConfigWithTags.builder()
                .distributionConfig(CloudFrontMapping.toConfig(spec))
                .tags(Tags.builder().items(spec.tags().entrySet().stream()
                        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()).build())
                .build();
        try {
            CreateDistributionWithTagsResponse response = call("cloudfront:CreateDistributionWithTags", spec.callerReference(),
                    () -> clients.cloudFront().createDistributionWithTags(b -> b.distributionConfigWithTags(request)));
            return CloudFrontMapping.toDistribution(response.distribution(), response.eTag(), spec.tags());
        } catch (CloudOperationException e) {
            if (!"DistributionAlreadyExists".equals(e.errorCode().orElse(null))) {
                throw e;
            }
            return earlierDistribution(spec, e);
        }
    }

    /**
     * Enables or disables a distribution. The configuration is read first: a write is only sent when
     * its ETag is still {@code ifMatch} (else {@link PreconditionFailedException} without writing)
     * and the flag actually changes (else {@code ifMatch} is returned and nothing starts propagating).
     */
    @Override
    public String setEnabled(String id, boolean enabled, String ifMatch) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ifMatch, "ifMatch");
        GetDistributionConfigResponse current = call("cloudfront:GetDistributionConfig", id,
                () -> clients.cloudFront().getDistributionConfig(b -> b.id(id)));
        if (!ifMatch.equals(current.eTag())) {
            throw new PreconditionFailedException("cloudfront:UpdateDistribution", id, "PreconditionFailed",
                    current.responseMetadata().requestId(), null);
        }
        if (Boolean.valueOf(enabled).equals(current.distributionConfig().enabled())) {
            return current.eTag();
        }
        software.amazon.awssdk.services.cloudfront.model.DistributionConfig changed =
                current.distributionConfig().toBuilder().enabled(enabled).build();
        UpdateDistributionResponse response = call("cloudfront:UpdateDistribution", id,
                () -> clients.cloudFront().updateDistribution(b -> b.id(id).ifMatch(ifMatch).distributionConfig(changed)));
        return response.eTag();
    }

    @Override
    public void deleteDistribution(String id, String ifMatch) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ifMatch, "ifMatch");
        run("cloudfront:DeleteDistribution", id, () -> clients.cloudFront().deleteDistribution(b -> b.id(id).ifMatch(ifMatch)));
    }

    @Override
    public Map<String, String> distributionTags(String arn) {
        Objects.requireNonNull(arn, "arn");
        return CloudFrontMapping.toMap(call("cloudfront:ListTagsForResource", arn,
                () -> clients.cloudFront().listTagsForResource(b -> b.resource(arn)).tags()));
    }

    private Distribution earlierDistribution(DistributionSpec spec, CloudOperationException e) {
        Matcher m = ALREADY_EXISTS.matcher(Optional.ofNullable(e.getMessage()).orElse(""));
        if (!m.find()) {
            throw new CloudOperationException(e.operation(), "DistributionAlreadyExists", e.requestId().orElse(null),
                    e.statusCode(), false, "caller reference " + spec.callerReference() + " was used before, but AWS did "
                    + "not name the distribution it created; find it in the CloudFront console and record it, or create "
                    + "with a new caller reference", e);
        }
        Distribution earlier = getDistribution(m.group(1));
        if (!earlier.callerReference().orElse("").equals(spec.callerReference())) {
            throw new CloudOperationException(e.operation(), "DistributionAlreadyExists", e.requestId().orElse(null),
                    e.statusCode(), false, "caller reference " + spec.callerReference() + " was used before, but "
                    + earlier.id() + " was created with " + earlier.callerReference().orElse("another reference")
                    + "; create with a new caller reference", e);
        }
        LOG.debug("caller reference {} was used before: returning {}", spec.callerReference(), earlier.id());
        return earlier;
    }
}
