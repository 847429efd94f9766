package io.tierstate.aws.internal;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Builds SDK clients from {@link AwsClientSettings} (region, credentials, endpoint, retries, one
 * shared HTTP client) and closes the ones it built. Thread-safe: the clients of every region's
 * {@link AwsClients} are built by the one factory of the cloud, so its bookkeeping is synchronized.
 */
final class SdkClientFactory implements AutoCloseable {

    private final AwsClientSettings settings;
    private final List<SdkAutoCloseable> owned = new ArrayList<>();
    private SdkHttpClient sharedHttpClient;

    SdkClientFactory(AwsClientSettings settings) {
        this.settings = settings;
    }

    CloudFrontClient cloudFront(Region region) {
        return own(configure(CloudFrontClient.builder(), region).build());
    }

    Ec2Client ec2(Region region) {
        return own(configure(Ec2Client.builder(), region).build());
    }

    ElasticLoadBalancingV2Client loadBalancing(Region region) {
        return own(configure(ElasticLoadBalancingV2Client.builder(), region).build());
    }

    EfsClient efs(Region region) {
        return own(configure(EfsClient.builder(), region).build());
    }

    IamClient iam(Region region) {
        return own(configure(IamClient.builder(), region).build());
    }

    StsClient sts(Region region) {
        return own(configure(StsClient.builder(), region).build());
    }

    software.amazon.awssdk.services.cloudwatch.CloudWatchClient cloudWatch(Region region) {
        return own(configure(software.amazon.awssdk.services.cloudwatch.CloudWatchClient.builder(), region).build());
    }

    AcmClient acm(Region region) {
        return own(configure(AcmClient.builder(), region).build());
    }

    /**
     * Builds the S3 client of an {@code S3StateStore}. Against a custom endpoint (an S3-compatible
     * server) it sends only the checksums S3 requires: such servers often lack the SDK's newer defaults.
     *
     * @param region the bucket's region
     * @param pathStyle whether to address the bucket in the path rather than the host name
     * @return the client, closed with this factory
     */
    S3Client s3(Region region, boolean pathStyle) {
        S3ClientBuilder builder = configure(S3Client.builder(), region).forcePathStyle(pathStyle);
        if (settings.endpoint() != null) {
            builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return own(builder.build());
    }

    /** Closes the clients built here, newest first, then their shared HTTP client. */
    @Override
    public synchronized void close() {
        for (int i = owned.size() - 1; i >= 0; i--) {
            owned.get(i).close();
        }
        owned.clear();
        if (sharedHttpClient != null) {
            sharedHttpClient.close();
            sharedHttpClient = null;
        }
    }

    private synchronized <T extends SdkAutoCloseable> T own(T client) {
        owned.add(client);
        return client;
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, Region clientRegion) {
        builder.region(clientRegion);
        if (settings.credentialsProvider() != null) {
            builder.credentialsProvider(settings.credentialsProvider());
        }
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        builder.httpClient(httpClient());
        builder.overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(retryStrategy()).build());
        return builder;
    }

    private synchronized SdkHttpClient httpClient() {
        if (settings.httpClient() != null) {
            return settings.httpClient();
        }
        if (sharedHttpClient == null) {
            // one connection pool for every service client instead of one per client
            sharedHttpClient = ApacheHttpClient.builder().build();
        }
        return sharedHttpClient;
    }

    /** A fresh strategy per client: strategies keep per-client state (retry quota, send rate). */
    private RetryStrategy retryStrategy() {
        RetryStrategy.Builder<?, ?> builder = switch (settings.retryMode()) {
            case "STANDARD" -> AwsRetryStrategy.standardRetryStrategy().toBuilder();
            case "ADAPTIVE" -> AwsRetryStrategy.adaptiveRetryStrategy().toBuilder();
            case "LEGACY" -> AwsRetryStrategy.legacyRetryStrategy().toBuilder();
            default -> throw new IllegalStateException("unknown retry mode " + settings.retryMode());
        };
        if (settings.maxAttempts() > 0) {
            builder.maxAttempts(settings.maxAttempts());
        }
        if (settings.baseDelay() != null) {
            BackoffStrategy backoff = BackoffStrategy.exponentialDelay(settings.baseDelay(), settings.maxDelay());
            builder.backoffStrategy(backoff);
            builder.throttlingBackoffStrategy(backoff);
        }
        return builder.build();
    }
}
