/**
 * TierState on AWS: {@link io.tierstate.aws.AwsCloud} implements every cloud port with the AWS SDK
 * for Java v2, and {@link io.tierstate.aws.AwsCloudProvider} lets {@code DeploymentClient.create()}
 * find it through {@link java.util.ServiceLoader}. No SDK type appears in a public signature except
 * the {@link io.tierstate.aws.AwsCloud.Builder} methods that accept SDK objects you already have.
 */
package io.tierstate.aws;
