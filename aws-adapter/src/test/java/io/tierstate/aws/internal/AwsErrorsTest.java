package io.tierstate.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierstate.error.CloudOperationException;
import io.tierstate.error.DistributionNotDisabledException;
import io.tierstate.error.PreconditionFailedException;
import io.tierstate.error.ResourceInUseException;
import io.tierstate.error.ResourceNotFoundException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;

class AwsErrorsTest {

    private static AwsServiceException service(String code, int status) {
        return AwsServiceException.builder().statusCode(status).requestId("req-" + code)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("AWS says " + code).build()).build();
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource({
            "NoSuchDistribution,404,ResourceNotFoundException",
            "InvalidInstanceID.NotFound,400,ResourceNotFoundException",
            "LoadBalancerNotFound,400,ResourceNotFoundException",
            "TargetGroupNotFound,400,ResourceNotFoundException",
            "FileSystemNotFound,404,ResourceNotFoundException",
            "MountTargetNotFound,404,ResourceNotFoundException",
            "NoSuchEntity,404,ResourceNotFoundException",
            "InvalidGroup.NotFound,400,ResourceNotFoundException",
            "InvalidSubnetID.NotFound,400,ResourceNotFoundException",
            "InvalidVpcID.NotFound,400,ResourceNotFoundException",
            "PreconditionFailed,412,PreconditionFailedException",
            "InvalidIfMatchVersion,400,PreconditionFailedException",
            "DistributionNotDisabled,409,DistributionNotDisabledException",
            "ResourceInUse,400,ResourceInUseException",
            "FileSystemInUse,409,ResourceInUseException",
            "DependencyViolation,400,ResourceInUseException",
            "DeleteConflict,409,ResourceInUseException",
            "InvalidInstanceID.Malformed,400,CloudOperationException",
            "ValidationError,400,CloudOperationException"})
    void map_keepsCodeAndRequestId_andPicksTheType(String code, int status, String type) {
        CloudOperationException e = AwsErrors.map("svc:Op", "res-1", service(code, status));

        assertThat(e.getClass().getSimpleName()).isEqualTo(type);
        assertThat(e.errorCode()).contains(code);
        assertThat(e.requestId()).contains("req-" + code);
        assertThat(e.operation()).isEqualTo("svc:Op");
        assertThat(e.getCause()).isInstanceOf(AwsServiceException.class);
        assertThat(e.getMessage()).contains("svc:Op failed").contains("res-1");
    }

    @Test
    void map_otherCodes_keepTheHttpStatusAndTheAwsMessage() {
        CloudOperationException e = AwsErrors.map("svc:Op", "res-1", service("ValidationError", 400));

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("AWS says ValidationError");
    }

    @Test
    void map_serverErrorAfterRetries_isRetryable() {
        CloudOperationException e = AwsErrors.map("svc:Op", "res-1", service("InternalFailure", 500));

        assertThat(e.retryable()).isTrue();
        assertThat(e.statusCode()).isEqualTo(500);
        assertThat(e.getMessage()).contains("try again later");
    }

    @Test
    void map_subtypesReportTheirFixedStatus() {
        assertThat(AwsErrors.map("svc:Op", "r", service("NoSuchEntity", 404))).isInstanceOf(ResourceNotFoundException.class);
        assertThat(AwsErrors.map("svc:Op", "r", service("PreconditionFailed", 412))).isInstanceOf(PreconditionFailedException.class);
        assertThat(AwsErrors.map("svc:Op", "r", service("DistributionNotDisabled", 409)))
                .isInstanceOf(DistributionNotDisabledException.class).isInstanceOf(ResourceInUseException.class);
    }

    @Test
    void map_missingRegion_saysHowToSetOne() {
        CloudOperationException e = AwsErrors.map("ec2:DescribeInstances", "i-1", SdkClientException.create(
                "Unable to load region from any of the providers in the chain"));

        assertThat(e.getMessage()).contains("no AWS region configured").contains("AWS_REGION").contains("--region")
                .contains("AwsCloud.builder().region(\"us-east-1\")");
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void map_otherClientErrors_keepTheirMessage() {
        CloudOperationException e = AwsErrors.map("ec2:DescribeInstances", "i-1", SdkClientException.create("bad input"));

        assertThat(e.getMessage()).contains("bad input");
        assertThat(e.errorCode()).isEmpty();
        assertThat(e.requestId()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"eu-west-1,aws-global", "us-east-1,aws-global", "cn-north-1,aws-cn-global", "us-gov-west-1,aws-us-gov-global"})
    void globalRegion_followsThePartition(String region, String global) {
        assertThat(Regions.globalRegionFor(region)).isEqualTo(Region.of(global));
    }
}
