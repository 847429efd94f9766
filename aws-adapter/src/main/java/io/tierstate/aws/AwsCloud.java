package io.tierstate.aws;

import io.tierstate.error.InvalidInputException;
import io.tierstate.error.CloudOperationException;
import io.tierstate.aws.internal.AwsClientSettings;
import io.tierstate.aws.internal.AwsClients;
import io.tierstate.aws.internal.AwsErrors;
import io.tierstate.port.Cloud;
import io.tierstate.port.CloudFrontPort;
import io.tierstate.port.ComputePort;
import io.tierstate.port.FileSystemPort;
import io.tierstate.port.IdentityPort;
import io.tierstate.port.LoadBalancingPort;
import io.tierstate.port.NetworkPort;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The TierState {@link Cloud} on AWS, through the AWS SDK for Java v2.
 *
 * <pre>{@code
 * try (AwsCloud aws = AwsCloud.create()) {                       // region and credentials from the SDK's chains
 *     Distribution d = aws.cloudFront().getDistribution("E2QWRUHAPOMQZL");
 * }
 * AwsCloud aws = AwsCloud.builder().region("eu-west-1").retryMode(AwsRetryMode.ADAPTIVE).build();
 * }</pre>
 *
 * <p>SDK clients are created on first use, one per service, and shared by every call after that;
 * creating an {@code AwsCloud} starts nothing and loads no SDK class, so local work (list, inspect,
 * cost, migrate) never pays for AWS. {@link #close()} closes the clients it created and never the
 * ones passed to the builder. Thread-safe.
 *
 * <p>Every port maps SDK exceptions to TierState's ({@link io.tierstate.error.ResourceNotFoundException},
 * {@link io.tierstate.error.ResourceInUseException}, {@link io.tierstate.error.PreconditionFailedException},
 * {@link io.tierstate.error.DistributionNotDisabledException}, else {@link CloudOperationException}),
 * keeping the AWS error code, HTTP status and request id.
 *
 * <p>{@link #inRegion(String)} gives the session of another region: same credentials, HTTP client,
 * retries and endpoint, its own EC2, ELB, EFS and ACM clients (made when first needed), the global
 * CloudFront, IAM and STS clients shared. Sessions are kept and closed with this cloud.
 */
public final class AwsCloud implements Cloud {

    private final AwsClients clients;
    /** The cloud this is a regional session of, or {@code null}. */
    private final AwsCloud parent;
    private final java.util.Map<String, AwsCloud> sessions = new java.util.concurrent.ConcurrentHashMap<>();
    private final Object lock = new Object();
    private CloudFrontPort cloudFront;
    private ComputePort compute;
    private LoadBalancingPort loadBalancing;
    private FileSystemPort fileSystems;
    private IdentityPort identity;
    private NetworkPort network;
    private io.tierstate.port.MetricsPort metrics;
    private String account;

    private AwsCloud(AwsClientSettings settings) {
        this.clients = new AwsClients(settings);
        this.parent = null;
    }

    private AwsCloud(AwsCloud parent, String region) {
        this.clients = parent.clients.inRegion(region);
        this.parent = parent;
    }

    /**
     * An AWS cloud with the SDK's defaults: region and credentials from the SDK's chains
     * ({@code AWS_REGION}, {@code AWS_PROFILE}, {@code ~/.aws/config} and {@code ~/.aws/credentials},
     * instance metadata ...), standard retries.
     *
     * @return the cloud; close it when done
     */
    public static AwsCloud create() {
        return builder().build();
    }

    /** @return a builder for a configured cloud */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Names the account and region this cloud acts on, e.g. {@code AWS account 123456789012 in
     * us-east-1}. The account is asked once, lazily ({@code sts:GetCallerIdentity}); when that is
     * not possible the answer says {@code account unknown} instead of failing.
     */
    @Override
    public String describe() {
        String region;
        try {
            region = clients.region();
        } catch (RuntimeException e) {
            region = "(region not configured)";
        }
        String endpoint = clients.settings().endpoint() == null ? "" : " at " + clients.settings().endpoint();
        String accountId = account();
        return (accountId == null ? "AWS (account unknown)" : "AWS account " + accountId) + " in " + region + endpoint;
    }

    /**
     * Asks STS who the credentials belong to ({@code sts:GetCallerIdentity}, which every identity
     * may call). Missing, rejected or expired credentials, a missing region and an unreachable
     * endpoint fail here; an endpoint that does not implement STS (some AWS-compatible servers)
     * is let through.
     */
    @Override
    public void verifyAccess() {
        if (parent != null) {
            parent.verifyAccess();
            return;
        }
        synchronized (lock) {
            if (account != null) {
                return;
            }
            try {
                account = AwsErrors.call("sts:GetCallerIdentity", "caller", () -> clients.sts().getCallerIdentity(b -> { }).account());
            } catch (CloudOperationException e) {
                boolean clientSide = e.statusCode() == 0;
                boolean credentials = e.errorCode().filter(c -> c.equals("InvalidClientTokenId") || c.equals("SignatureDoesNotMatch")
                        || c.equals("ExpiredToken") || c.equals("UnrecognizedClientException") || c.equals("InvalidAccessKeyId"))
                        .isPresent();
                if (clientSide || credentials) {
                    throw e;
                }
            }
        }
    }

    /**
     * The account the credentials act in, from {@code sts:GetCallerIdentity}, asked once and shared
     * by every regional session.
     *
     * @return the twelve-digit account id, or empty when STS cannot be asked (no credentials, an
     *     endpoint without STS)
     */
    @Override
    public java.util.Optional<String> callerAccountId() {
        return java.util.Optional.ofNullable(account());
    }

    /**
     * The region of this session's EC2, ELB, EFS and ACM calls.
     *
     * @return the configured region (or the SDK chain's), or empty when none is configured anywhere
     */
    @Override
    public java.util.Optional<String> sessionRegion() {
        try {
            return java.util.Optional.of(clients.region());
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * The session whose regional calls go to {@code region}, made on first use and kept; this cloud
     * itself when it already is in that region. A session shares this cloud's credentials, HTTP
     * client, retry settings, endpoint and global clients; closing it does nothing, closing this
     * cloud closes every session. SDK clients passed to the builder for EC2, ELB or EFS belong to
     * their own region and are used only there.
     *
     * @param region e.g. {@code eu-west-1}
     * @return the session
     * @throws io.tierstate.error.InvalidInputException when {@code region} is not a region id
     */
    @Override
    public Cloud inRegion(String region) {
        if (parent != null) {
            return parent.inRegion(region);
        }
        String id = Builder.regionId(region, m -> new io.tierstate.error.InvalidInputException(m));
        if (sessionRegion().filter(id::equals).isPresent()) {
            return this;
        }
        return sessions.computeIfAbsent(id, r -> new AwsCloud(this, r));
    }

    /** @return true: the SDK retries throttling, 5xx answers and broken connections with back-off */
    @Override
    public boolean retriesTransientErrors() {
        return true;
    }

    private String account() {
        if (parent != null) {
            return parent.account();
        }
        synchronized (lock) {
            if (account == null) {
                try {
                    account = AwsErrors.call("sts:GetCallerIdentity", "caller",
                            () -> clients.sts().getCallerIdentity(b -> { }).account());
                } catch (CloudOperationException e) {
                    return null;
                }
            }
            return account;
        }
    }

    @Override
    public CloudFrontPort cloudFront() {
        synchronized (lock) {
            if (cloudFront == null) {
                cloudFront = new SdkCloudFrontAdapter(clients);
            }
            return cloudFront;
        }
    }

    @Override
    public ComputePort compute() {
        synchronized (lock) {
            if (compute == null) {
                compute = new SdkComputeAdapter(clients);
            }
            return compute;
        }
    }

    @Override
    public LoadBalancingPort loadBalancing() {
        synchronized (lock) {
            if (loadBalancing == null) {
                loadBalancing = new SdkLoadBalancingAdapter(clients);
            }
            return loadBalancing;
        }
    }

    @Override
    public FileSystemPort fileSystems() {
        synchronized (lock) {
            if (fileSystems == null) {
                fileSystems = new SdkFileSystemAdapter(clients);
            }
            return fileSystems;
        }
    }

    @Override
    public IdentityPort identity() {
        synchronized (lock) {
            if (identity == null) {
                identity = new SdkIdentityAdapter(clients);
            }
            return identity;
        }
    }

    @Override
    public NetworkPort network() {
        synchronized (lock) {
            if (network == null) {
                network = new SdkNetworkAdapter(clients);
            }
            return network;
        }
    }

    /**
     * CloudWatch {@code GetMetricData}: CloudFront's metrics from us-east-1 (where CloudWatch keeps
     * them), ALB and EFS metrics from this session's region. Needs {@code cloudwatch:GetMetricData}.
     *
     * @return the metrics port
     */
    @Override
    public io.tierstate.port.MetricsPort metrics() {
        synchronized (lock) {
            if (metrics == null) {
                metrics = new SdkMetricsAdapter(clients);
            }
            return metrics;
        }
    }

    /**
     * Closes the SDK clients (and the HTTP client) this cloud and its regional sessions created;
     * clients passed to the builder stay open. On a regional session this does nothing: the cloud
     * it came from owns its clients.
     */
    @Override
    public void close() {
        if (parent != null) {
            return;
        }
        clients.close();
        sessions.clear();
    }

    @Override
    public String toString() {
        String region = parent != null ? clients.region() : clients.settings().region();
        return "AwsCloud[region=" + Objects.requireNonNullElse(region, "(default chain)")
                + (clients.settings().endpoint() == null ? "" : ", endpoint=" + clients.settings().endpoint()) + "]";
    }

    /**
     * Configures an {@link AwsCloud}. Every setting is optional; arguments are checked as they are set.
     * The methods that take SDK types exist for users who already configured the SDK themselves.
     */
    public static final class Builder {

        private String region;
        private URI endpoint;
        private AwsCredentialsProvider credentialsProvider;
        private SdkHttpClient httpClient;
        private AwsRetryMode retryMode = AwsRetryMode.STANDARD;
        private int maxAttempts;
        private Duration baseDelay;
        private Duration maxDelay;
        private CloudFrontClient cloudFrontClient;
        private Ec2Client ec2Client;
        private ElasticLoadBalancingV2Client loadBalancingClient;
        private EfsClient efsClient;
        private IamClient iamClient;
        private StsClient stsClient;

        private Builder() {}

        /**
         * The region of this cloud's EC2, ELB, EFS, ACM and STS calls: the default for a deployment
         * whose state names no region (one that does is served by {@link AwsCloud#inRegion(String)}).
         * CloudFront and IAM are global and always use the global endpoint of the region's
         * partition. Default: the SDK's region chain ({@code AWS_REGION}, the profile's
         * {@code region}, instance metadata).
         *
         * @param region e.g. {@code eu-west-1}
         * @return this builder
         */
        public Builder region(String region) {
            this.region = regionId(region, InvalidInputException::new);
            return this;
        }

        static String regionId(String region, java.util.function.Function<String, RuntimeException> invalid) {
            Objects.requireNonNull(region, "region");
            String id = region.trim().toLowerCase(Locale.ROOT);
            if (!id.matches("[a-z]{2}(-[a-z0-9]+)+")) {
                throw invalid.apply("'" + region + "' is not an AWS region id: use one like us-east-1 or eu-west-1");
            }
            return id;
        }

        /**
         * One endpoint for every service instead of AWS's, for AWS-compatible emulators
         * (LocalStack, moto) and tests. Default: AWS's endpoints.
         *
         * @param endpoint e.g. {@code http://localhost:4566}
         * @return this builder
         */
        public Builder endpointOverride(URI endpoint) {
            Objects.requireNonNull(endpoint, "endpoint");
            if (endpoint.getScheme() == null || endpoint.getHost() == null) {
                throw new InvalidInputException("endpoint '" + endpoint + "' needs a scheme and a host, like http://localhost:4566");
            }
            this.endpoint = endpoint;
            return this;
        }

        /**
         * The credentials to sign calls with. Default: the SDK's default chain (environment
         * variables, system properties, {@code ~/.aws/credentials} with {@code AWS_PROFILE}, SSO,
         * container and instance roles).
         *
         * @param provider e.g. {@code ProfileCredentialsProvider.create("deploy")}
         * @return this builder
         */
        public Builder credentialsProvider(AwsCredentialsProvider provider) {
            this.credentialsProvider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /**
         * The HTTP client every SDK client sends through; it is not closed with the cloud. Default:
         * one Apache HTTP client shared by all services, closed with the cloud.
         *
         * @param httpClient the HTTP client
         * @return this builder
         */
        public Builder httpClient(SdkHttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /**
         * How the SDK retries throttling, 5xx answers and broken connections before TierState sees
         * an error. Default: {@link AwsRetryMode#STANDARD}.
         *
         * @param mode the retry mode
         * @return this builder
         */
        public Builder retryMode(AwsRetryMode mode) {
            this.retryMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Attempts per call, the first included. Default: the retry mode's (3 for standard and
         * adaptive). Raise it when a shared account is throttled often.
         *
         * @param maxAttempts at least 1; 1 turns retries off
         * @return this builder
         */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new InvalidInputException("maxAttempts must be at least 1 (1 = no retries), not " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * The exponential back-off between attempts, for throttling and other errors alike.
         * Default: the retry mode's (for standard, 100 ms base and 1 s base after throttling, at most
         * 20 s). Shorten it in tests against an emulator.
         *
         * @param baseDelay the first delay (with jitter)
         * @param maxDelay the longest delay
         * @return this builder
         */
        public Builder retryBackoff(Duration baseDelay, Duration maxDelay) {
            Objects.requireNonNull(baseDelay, "baseDelay");
            Objects.requireNonNull(maxDelay, "maxDelay");
            if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
                throw new InvalidInputException("retry back-off needs 0 <= baseDelay <= maxDelay, not "
                        + baseDelay + " and " + maxDelay);
            }
            this.baseDelay = baseDelay;
            this.maxDelay = maxDelay;
            return this;
        }

        /**
         * Uses your CloudFront client instead of creating one; it is not closed with the cloud.
         *
         * @param client the client
         * @return this builder
         */
        public Builder cloudFrontClient(CloudFrontClient client) {
            this.cloudFrontClient = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * Uses your EC2 client (instances and networking) instead of creating one; it is not closed with the cloud.
         * It serves this cloud's region only: other regions' sessions build their own.
         *
         * @param client the client
         * @return this builder
         */
        public Builder ec2Client(Ec2Client client) {
            this.ec2Client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * Uses your Elastic Load Balancing v2 client instead of creating one; it is not closed with the cloud.
         * It serves this cloud's region only: other regions' sessions build their own.
         *
         * @param client the client
         * @return this builder
         */
        public Builder loadBalancingClient(ElasticLoadBalancingV2Client client) {
            this.loadBalancingClient = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * Uses your EFS client instead of creating one; it is not closed with the cloud.
         * It serves this cloud's region only: other regions' sessions build their own.
         *
         * @param client the client
         * @return this builder
         */
        public Builder efsClient(EfsClient client) {
            this.efsClient = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * Uses your IAM client instead of creating one; it is not closed with the cloud.
         *
         * @param client the client
         * @return this builder
         */
        public Builder iamClient(IamClient client) {
            this.iamClient = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * Uses your STS client (for {@link AwsCloud#describe()}, {@link AwsCloud#verifyAccess()} and
         * {@link AwsCloud#callerAccountId()}) instead of creating one;
         * it is not closed with the cloud.
         *
         * @param client the client
         * @return this builder
         */
        public Builder stsClient(StsClient client) {
            this.stsClient = Objects.requireNonNull(client, "client");
            return this;
        }

        /** @return the cloud; no SDK client is created until a port is first called */
        public AwsCloud build() {
            return new AwsCloud(new AwsClientSettings(region, endpoint, credentialsProvider, httpClient,
                    retryMode.name(),
                    maxAttempts, baseDelay, maxDelay, cloudFrontClient, ec2Client, loadBalancingClient, efsClient,
                    iamClient, stsClient));
        }
    }
}
