package io.tierstate.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hierarchy a caller acts on: every error is a {@link TierStateException} and falls in exactly
 * one of the categories input, state or cloud; cloud errors carry what the service answered.
 */
class ErrorHierarchyTest {

    private static final Instant T = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void inputErrors_areInvalidInput_andNameTheValueAndTheFix() {
        InvalidStackNameException name = new InvalidStackNameException("bad name!", 128);
        assertThat(name).isInstanceOf(InvalidInputException.class);
        assertThat(name.name()).isEqualTo("bad name!");
        assertThat(name.getMessage()).contains("'bad name!'", "at most 128 characters", "e.g. 'my-stack'");

        CloudTargetMismatchException target = new CloudTargetMismatchException("web", "region", "eu-west-1", "us-east-1",
                "use --region eu-west-1");
        assertThat(target).isInstanceOf(InvalidInputException.class);
        assertThat(target.expected()).isEqualTo("eu-west-1");
        assertThat(target.actual()).isEqualTo("us-east-1");
        assertThat(target.getMessage()).contains("nothing was touched", "use --region eu-west-1");

        DestroyOptionsChangedException options = new DestroyOptionsChangedException("web", "preserve_efs", "true", "false",
                "pass --change-options");
        assertThat(options).isInstanceOf(InvalidInputException.class).hasMessageContaining("pass --change-options");

        Exception cause = new NumberFormatException("abc");
        assertThat(new InvalidInputException("--transfer-gb must be a number, was abc", cause)).hasCause(cause);
    }

    @Test
    void invalidStackName_showsControlCharactersAndLongNamesSafely() {
        assertThat(new InvalidStackNameException(null, 128).getMessage()).contains("(none)");
        assertThat(new InvalidStackNameException("", 128).getMessage()).contains("'' (empty)");
        assertThat(new InvalidStackNameException("a\u001b[31mb", 128).getMessage()).contains("'a?[31mb'")
                .doesNotContain("\u001b");
        String longName = "x".repeat(200);
        assertThat(new InvalidStackNameException(longName, 128).getMessage()).contains("(200 characters)")
                .doesNotContain(longName);
    }

    @Test
    void stateErrors_areStateExceptions() {
        List<StateException> all = List.of(
                new DeploymentNotFoundException("web", "/home/u/.tierstate"),
                new DeploymentExistsException("web", "/home/u/.tierstate"),
                new StateConflictException("web", "3", "4"),
                new StateLockException("lock held"),
                new StateLockException("lock held", new RuntimeException("x")),
                new LeaseHeldException("web", "pid 12@host", T),
                new LeaseLostException("web", "pid 12@host", T),
                new CorruptStateException("web.json", 3, 7, "unexpected end of input", null),
                new StateStoreException("disk full", new RuntimeException("ENOSPC")));
        assertThat(all).allSatisfy(e -> assertThat(e).isNotInstanceOfAny(InvalidInputException.class, CloudException.class));

        DeploymentNotFoundException missing = (DeploymentNotFoundException) all.get(0);
        assertThat(missing.name()).isEqualTo("web");
        assertThat(missing.getMessage()).contains("'tierstate list'");
        assertThat(all.get(2).getMessage()).contains("read version 3", "stored version 4", "update(fn)");
        LeaseHeldException lease = (LeaseHeldException) all.get(5);
        assertThat(lease.owner()).isEqualTo("pid 12@host");
        assertThat(lease.expiresAt()).isEqualTo(T);
        assertThat(all.get(6)).isInstanceOf(LeaseHeldException.class);
    }

    @Test
    void corruptState_givesThePositionOnlyWhenKnown() {
        CorruptStateException at = new CorruptStateException("web.json", 3, 7, "unexpected end of input", null);
        assertThat(at.source()).isEqualTo("web.json");
        assertThat(at.line()).hasValue(3);
        assertThat(at.column()).hasValue(7);
        assertThat(at.getMessage()).contains("web.json (line 3, column 7): unexpected end of input", "left untouched");

        CorruptStateException nowhere = new CorruptStateException("web.json", 0, 0, "not an object", null);
        assertThat(nowhere.line()).isEmpty();
        assertThat(nowhere.column()).isEmpty();
        assertThat(nowhere.getMessage()).startsWith("web.json: not an object");
    }

    @Test
    void cloudOperationErrors_carryCodeStatusRequestIdAndRetryable() {
        CloudOperationException e = new CloudOperationException("ec2:DeleteVpc", "DependencyViolation", "req-1", 400, true,
                "vpc-1 has dependencies", null);
        assertThat(e).isInstanceOf(CloudException.class);
        assertThat(e.operation()).isEqualTo("ec2:DeleteVpc");
        assertThat(e.errorCode()).contains("DependencyViolation");
        assertThat(e.requestId()).contains("req-1");
        assertThat(e.httpStatus()).hasValue(400);
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).isEqualTo("ec2:DeleteVpc failed (DependencyViolation, HTTP 400): vpc-1 has dependencies"
                + " [request id req-1]");

        CloudOperationException noResponse = new CloudOperationException("sts:GetCallerIdentity", null, null, 0, true,
                "connection refused", new RuntimeException("io"));
        assertThat(noResponse.errorCode()).isEmpty();
        assertThat(noResponse.requestId()).isEmpty();
        assertThat(noResponse.httpStatus()).isEmpty();
        assertThat(noResponse.statusCode()).isZero();
        assertThat(noResponse.getMessage()).isEqualTo("sts:GetCallerIdentity failed: connection refused");
    }

    @Test
    void cloudOperationSubtypes_sayWhetherToRetry() {
        ResourceNotFoundException gone = new ResourceNotFoundException("ec2:DescribeInstances", "i-1", "InvalidInstanceID.NotFound",
                "r", null);
        assertThat(gone.resourceId()).isEqualTo("i-1");
        assertThat(gone.httpStatus()).hasValue(404);
        assertThat(gone.retryable()).isFalse();
        assertThat(new ResourceNotFoundException("s3:GetObject", "k", "NoSuchKey", "r", 410, null).statusCode()).isEqualTo(410);

        assertThat(new ResourceInUseException("ec2:DeleteSubnet", "DependencyViolation", "r", "in use", null).retryable()).isTrue();
        assertThat(new ResourceInUseException("ec2:DeleteSubnet", "DependencyViolation", "r", 409, "in use", null).statusCode())
                .isEqualTo(409);
        DistributionNotDisabledException notDisabled = new DistributionNotDisabledException("cloudfront:DeleteDistribution",
                "E1", "r", null);
        assertThat(notDisabled).isInstanceOf(ResourceInUseException.class);
        assertThat(notDisabled.errorCode()).contains("DistributionNotDisabled");
        assertThat(notDisabled.getMessage()).contains("E1 is not disabled yet");

        PreconditionFailedException stale = new PreconditionFailedException("cloudfront:UpdateDistribution", "E1",
                "PreconditionFailed", "r", null);
        assertThat(stale.httpStatus()).hasValue(412);
        assertThat(stale.retryable()).isTrue();
        assertThat(new PreconditionFailedException("s3:PutObject", "k", "PreconditionFailed", "r", 409, null).statusCode())
                .isEqualTo(409);
    }

    @Test
    void cloudConditionsWithoutACall_areCloudExceptionsWithNoCode() {
        DestroyBlockedException blocked = new DestroyBlockedException("web", List.of("i-1 has termination protection"),
                "pass --disable-protection");
        assertThat(blocked).isInstanceOf(CloudException.class);
        assertThat(blocked.obstacles()).containsExactly("i-1 has termination protection");
        assertThat(blocked.errorCode()).isEmpty();
        assertThat(blocked.retryable()).isFalse();
        assertThat(blocked.getMessage()).contains("stopped before deleting anything", "pass --disable-protection");

        ResourcesMissingException missing = new ResourcesMissingException("web", "account 111122223333, us-east-1",
                List.of("i-1", "vpc-1"), "forget it with --assume-gone");
        assertThat(missing).isInstanceOf(CloudException.class);
        assertThat(missing.resources()).containsExactly("i-1", "vpc-1");
        assertThat(missing.httpStatus()).isEmpty();
        assertThat(missing.getMessage()).contains("none of the 2 resource(s)", "(i-1, vpc-1)", "--assume-gone");

        assertThat(new CloudException("still waiting", true).retryable()).isTrue();
    }

    @Test
    void everyErrorIsATierStateException_soOneCatchHandlesAll() {
        assertThat(List.of(new InvalidInputException("x"), new StateException("x"), new StateException("x", null),
                new CloudException("x", false), new TierStateException("x"), new TierStateException("x", null)))
                .allSatisfy(e -> assertThat(e).isInstanceOf(TierStateException.class).isInstanceOf(RuntimeException.class));
    }
}
