package io.tierstate.aws.internal;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The SDK clients of one {@code AwsCloud}, each created on first use and shared by every call after
 * that. Clients the user passed in are used as they are and never closed here; clients created here
 * (and the one Apache HTTP client they share) are closed by {@link #close()}.
 *
 * <p>Creating this object touches no SDK class; only the accessors do.
 */
public final class AwsClients implements AutoCloseable {

    private final AwsClientSettings settings;
    private final List<SdkAutoCloseable> owned = new ArrayList<>();
    private SdkHttpClient sharedHttpClient;
    private String region;
    private boolean closed;

    private CloudFrontClient cloudFront;
    private Ec2Client ec2;
    private ElasticLoadBalancingV2Client loadBalancing;
    private EfsClient efs;
    private IamClient iam;
    private StsClient sts;

    /**
     * Holds the settings; creates nothing yet.
     *
     * @param settings what to build the clients from
     */
    public AwsClients(AwsClientSettings settings) {
        this.settings = settings;
    }

    /** @return the settings the clients are built from */
    public AwsClientSettings settings() {
        return settings;
    }

    /** @return the CloudFront client (a global service: signed for the partition's global region) */
    public synchronized CloudFrontClient cloudFront() {
        ensureOpen();
        if (cloudFront == null) {
            cloudFront = settings.cloudFront() != null ? settings.cloudFront()
                    : own(configure(CloudFrontClient.builder(), Regions.globalRegionFor(settings.region())).build());
        }
        return cloudFront;
    }

    /** @return the EC2 client */
    public synchronized Ec2Client ec2() {
        ensureOpen();
        if (ec2 == null) {
            ec2 = settings.ec2() != null ? settings.ec2() : own(configure(Ec2Client.builder(), Region.of(region())).build());
        }
        return ec2;
    }

    /** @return the Elastic Load Balancing v2 client */
    public synchronized ElasticLoadBalancingV2Client loadBalancing() {
        ensureOpen();
        if (loadBalancing == null) {
            loadBalancing = settings.loadBalancing() != null ? settings.loadBalancing()
                    : own(configure(ElasticLoadBalancingV2Client.builder(), Region.of(region())).build());
        }
        return loadBalancing;
    }

    /** @return the EFS client */
    public synchronized EfsClient efs() {
        ensureOpen();
        if (efs == null) {
            efs = settings.efs() != null ? settings.efs() : own(configure(EfsClient.builder(), Region.of(region())).build());
        }
        return efs;
    }

    /** @return the IAM client (a global service: signed for the partition's global region) */
    public synchronized IamClient iam() {
        ensureOpen();
        if (iam == null) {
            iam = settings.iam() != null ? settings.iam()
                    : own(configure(IamClient.builder(), Regions.globalRegionFor(settings.region())).build());
        }
        return iam;
    }

    /** @return the STS client, used to name the account */
    public synchronized StsClient sts() {
        ensureOpen();
        if (sts == null) {
            sts = settings.sts() != null ? settings.sts() : own(configure(StsClient.builder(), Region.of(region())).build());
        }
        return sts;
    }

    /**
     * The region regional clients use: the configured one, else the SDK's region chain
     * ({@code AWS_REGION}, the profile's region, instance metadata).
     *
     * @return the region id
     */
    public synchronized String region() {
        if (region == null) {
            region = settings.region() != null ? settings.region() : Regions.fromDefaultChain();
        }
        return region;
    }

    /** Closes the clients and the HTTP client created here; closing twice does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = owned.size() - 1; i >= 0; i--) {
            owned.get(i).close();
        }
        owned.clear();
        if (sharedHttpClient != null) {
            sharedHttpClient.close();
            sharedHttpClient = null;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this AwsCloud is closed: create a new one with AwsCloud.create() or AwsCloud.builder()");
        }
    }

    private <T extends SdkAutoCloseable> T own(T client) {
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

    private SdkHttpClient httpClient() {
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
            case STANDARD -> AwsRetryStrategy.standardRetryStrategy().toBuilder();
            case ADAPTIVE -> AwsRetryStrategy.adaptiveRetryStrategy().toBuilder();
            case LEGACY -> AwsRetryStrategy.legacyRetryStrategy().toBuilder();
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
