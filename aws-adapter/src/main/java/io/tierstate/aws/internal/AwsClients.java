package io.tierstate.aws.internal;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The SDK clients of one {@code AwsCloud}, each created on first use and shared by every call after
 * that. Clients the user passed in are used as they are and never closed here; clients created here
 * (and the one Apache HTTP client they share) are closed by {@link #close()}.
 *
 * <p>Creating this object loads no SDK class (a test proves it): the accessors do, and the code
 * that builds clients lives in {@link SdkClientFactory}, which is only loaded to build the first one.
 *
 * <p>{@link #inRegion(String)} makes the clients of another region: they are built by the same
 * factory (same credentials provider, HTTP client, retry settings and endpoint), share the global
 * clients (CloudFront, IAM, STS) with this one, and are closed with it.
 */
public final class AwsClients implements AutoCloseable {

    private final AwsClientSettings settings;
    /** The clients of the configured region; {@code null} for those. */
    private final AwsClients parent;
    private SdkClientFactory factory;
    private String region;
    private volatile boolean closed;
    private final java.util.Map<String, AwsClients> regions = new java.util.HashMap<>();
    private AcmClient acm;
    private software.amazon.awssdk.services.cloudwatch.CloudWatchClient cloudWatch;
    private software.amazon.awssdk.services.cloudwatch.CloudWatchClient cloudFrontMetrics;

    private CloudFrontClient cloudFront;
    private Ec2Client ec2;
    private ElasticLoadBalancingV2Client loadBalancing;
    private EfsClient efs;
    private IamClient iam;
    private StsClient sts;
    private S3Client s3;

    /**
     * Holds the settings; creates nothing yet.
     *
     * @param settings what to build the clients from
     */
    public AwsClients(AwsClientSettings settings) {
        this.settings = settings;
        this.parent = null;
    }

    private AwsClients(AwsClients parent, String region) {
        this.settings = parent.settings;
        this.parent = parent;
        this.region = region;
    }

    /**
     * The clients of another region, made on first use and kept: regional clients of their own,
     * built like this one's (the user's own regional clients belong to their region and are not
     * used there); global clients shared with this one. Closed with this one.
     *
     * @param regionId e.g. {@code eu-west-1}
     * @return the clients of that region
     */
    public AwsClients inRegion(String regionId) {
        if (parent != null) {
            return parent.inRegion(regionId);
        }
        synchronized (this) {
            ensureOpen();
            return regions.computeIfAbsent(regionId, r -> new AwsClients(this, r));
        }
    }

    /** @return whether these are the clients of a region other than the configured one */
    public boolean regional() {
        return parent != null;
    }

    /** @return the settings the clients are built from */
    public AwsClientSettings settings() {
        return settings;
    }

    /** @return the CloudFront client (a global service: signed for the partition's global region) */
    public CloudFrontClient cloudFront() {
        if (parent != null) {
            ensureOpen();
            return parent.cloudFront();
        }
        return ownCloudFront();
    }

    private synchronized CloudFrontClient ownCloudFront() {
        ensureOpen();
        if (cloudFront == null) {
            cloudFront = settings.cloudFront() != null ? settings.cloudFront()
                    : factory().cloudFront(Regions.globalRegionFor(settings.region()));
        }
        return cloudFront;
    }

    /** @return the EC2 client */
    public synchronized Ec2Client ec2() {
        ensureOpen();
        if (ec2 == null) {
            ec2 = userClient(settings.ec2()) != null ? settings.ec2() : factory().ec2(Region.of(region()));
        }
        return ec2;
    }

    /** @return the Elastic Load Balancing v2 client */
    public synchronized ElasticLoadBalancingV2Client loadBalancing() {
        ensureOpen();
        if (loadBalancing == null) {
            loadBalancing = userClient(settings.loadBalancing()) != null ? settings.loadBalancing()
                    : factory().loadBalancing(Region.of(region()));
        }
        return loadBalancing;
    }

    /** @return the EFS client */
    public synchronized EfsClient efs() {
        ensureOpen();
        if (efs == null) {
            efs = userClient(settings.efs()) != null ? settings.efs() : factory().efs(Region.of(region()));
        }
        return efs;
    }

    /** @return the IAM client (a global service: signed for the partition's global region) */
    public IamClient iam() {
        if (parent != null) {
            ensureOpen();
            return parent.iam();
        }
        return ownIam();
    }

    private synchronized IamClient ownIam() {
        ensureOpen();
        if (iam == null) {
            iam = settings.iam() != null ? settings.iam()
                    : factory().iam(Regions.globalRegionFor(settings.region()));
        }
        return iam;
    }

    /** @return the STS client, used to name the account */
    public StsClient sts() {
        if (parent != null) {
            ensureOpen();
            return parent.sts();
        }
        return ownSts();
    }

    private synchronized StsClient ownSts() {
        ensureOpen();
        if (sts == null) {
            sts = settings.sts() != null ? settings.sts() : factory().sts(Region.of(region()));
        }
        return sts;
    }

    /** @return the ACM client of this region (certificates live in the region of the load balancer that uses them) */
    public synchronized AcmClient acm() {
        ensureOpen();
        if (acm == null) {
            acm = factory().acm(Region.of(region()));
        }
        return acm;
    }

    /** @return the CloudWatch client of this region (ALB and EFS metrics live in the resource's region) */
    public synchronized software.amazon.awssdk.services.cloudwatch.CloudWatchClient cloudWatch() {
        ensureOpen();
        if (cloudWatch == null) {
            cloudWatch = factory().cloudWatch(Region.of(region()));
        }
        return cloudWatch;
    }

    /**
     * The CloudWatch client of CloudFront's metrics, which CloudWatch keeps in us-east-1 only
     * (the partition's own CloudFront region for China and GovCloud).
     *
     * @return the client, shared by every region's clients
     */
    public software.amazon.awssdk.services.cloudwatch.CloudWatchClient cloudFrontMetrics() {
        if (parent != null) {
            ensureOpen();
            return parent.cloudFrontMetrics();
        }
        return ownCloudFrontMetrics();
    }

    private synchronized software.amazon.awssdk.services.cloudwatch.CloudWatchClient ownCloudFrontMetrics() {
        ensureOpen();
        if (cloudFrontMetrics == null) {
            Region global = Regions.globalRegionFor(settings.region());
            Region home = global == Region.AWS_CN_GLOBAL ? Region.CN_NORTHWEST_1
                    : global == Region.AWS_US_GOV_GLOBAL ? Region.US_GOV_WEST_1 : Region.US_EAST_1;
            cloudFrontMetrics = factory().cloudWatch(home);
        }
        return cloudFrontMetrics;
    }

    /** The user's own regional client, used only in the region it was configured for. */
    private <T> T userClient(T client) {
        return parent == null ? client : null;
    }

    /**
     * The S3 client of an {@code S3StateStore} that was not given one.
     *
     * @param pathStyle whether to address buckets in the path (S3-compatible servers) rather than the host name
     * @return the S3 client, in {@link #region()}
     */
    public synchronized S3Client s3(boolean pathStyle) {
        ensureOpen();
        if (s3 == null) {
            s3 = factory().s3(Region.of(region()), pathStyle);
        }
        return s3;
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
        for (AwsClients child : regions.values()) {
            child.closed = true;
        }
        regions.clear();
        if (factory != null) {
            factory.close();
        }
    }

    private void ensureOpen() {
        if (closed || (parent != null && parent.closed)) {
            throw new IllegalStateException("this AwsCloud is closed: create a new one with AwsCloud.create() or AwsCloud.builder()");
        }
    }

    private SdkClientFactory factory() {
        if (parent != null) {
            return parent.sharedFactory();
        }
        if (factory == null) {
            factory = new SdkClientFactory(settings);
        }
        return factory;
    }

    /** The one factory every region's clients are built by, so one HTTP client serves them all and closes once. */
    private synchronized SdkClientFactory sharedFactory() {
        ensureOpen();
        return factory();
    }
}
