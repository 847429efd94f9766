package io.tierstate.aws.internal;

import software.amazon.awssdk.regions.Region;
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
 */
public final class AwsClients implements AutoCloseable {

    private final AwsClientSettings settings;
    private SdkClientFactory factory;
    private String region;
    private boolean closed;

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
                    : factory().cloudFront(Regions.globalRegionFor(settings.region()));
        }
        return cloudFront;
    }

    /** @return the EC2 client */
    public synchronized Ec2Client ec2() {
        ensureOpen();
        if (ec2 == null) {
            ec2 = settings.ec2() != null ? settings.ec2() : factory().ec2(Region.of(region()));
        }
        return ec2;
    }

    /** @return the Elastic Load Balancing v2 client */
    public synchronized ElasticLoadBalancingV2Client loadBalancing() {
        ensureOpen();
        if (loadBalancing == null) {
            loadBalancing = settings.loadBalancing() != null ? settings.loadBalancing()
                    : factory().loadBalancing(Region.of(region()));
        }
        return loadBalancing;
    }

    /** @return the EFS client */
    public synchronized EfsClient efs() {
        ensureOpen();
        if (efs == null) {
            efs = settings.efs() != null ? settings.efs() : factory().efs(Region.of(region()));
        }
        return efs;
    }

    /** @return the IAM client (a global service: signed for the partition's global region) */
    public synchronized IamClient iam() {
        ensureOpen();
        if (iam == null) {
            iam = settings.iam() != null ? settings.iam()
                    : factory().iam(Regions.globalRegionFor(settings.region()));
        }
        return iam;
    }

    /** @return the STS client, used to name the account */
    public synchronized StsClient sts() {
        ensureOpen();
        if (sts == null) {
            sts = settings.sts() != null ? settings.sts() : factory().sts(Region.of(region()));
        }
        return sts;
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
        if (factory != null) {
            factory.close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this AwsCloud is closed: create a new one with AwsCloud.create() or AwsCloud.builder()");
        }
    }

    private SdkClientFactory factory() {
        if (factory == null) {
            factory = new SdkClientFactory(settings);
        }
        return factory;
    }
}
