package io.tierstate.aws.internal;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * What {@link AwsClients} builds its SDK clients from; {@code null} means "the SDK's default".
 * Holding values only keeps it safe to create before any SDK class is needed.
 *
 * @param region the region, or {@code null} for the SDK's region chain
 * @param endpoint one endpoint for every service, or {@code null}
 * @param credentialsProvider the credentials, or {@code null} for the SDK's default chain
 * @param httpClient the user's HTTP client (never closed by TierState), or {@code null} for a shared Apache client
 * @param retryMode the retry strategy: {@code STANDARD}, {@code ADAPTIVE} or {@code LEGACY}
 * @param maxAttempts attempts per call including the first, or 0 for the strategy's default
 * @param baseDelay the back-off base delay, or {@code null} for the strategy's default
 * @param maxDelay the back-off ceiling, or {@code null} for the strategy's default
 * @param cloudFront the user's CloudFront client, or {@code null}
 * @param ec2 the user's EC2 client, or {@code null}
 * @param loadBalancing the user's ELBv2 client, or {@code null}
 * @param efs the user's EFS client, or {@code null}
 * @param iam the user's IAM client, or {@code null}
 * @param sts the user's STS client, or {@code null}
 */
public record AwsClientSettings(String region, URI endpoint, AwsCredentialsProvider credentialsProvider,
        SdkHttpClient httpClient, String retryMode, int maxAttempts, Duration baseDelay, Duration maxDelay,
        CloudFrontClient cloudFront, Ec2Client ec2, ElasticLoadBalancingV2Client loadBalancing, EfsClient efs,
        IamClient iam, StsClient sts) {}
