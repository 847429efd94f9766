package io.tierstate.aws.internal;

import io.tierstate.CloudOperationException;
import io.tierstate.DistributionNotDisabledException;
import io.tierstate.PreconditionFailedException;
import io.tierstate.ResourceInUseException;
import io.tierstate.ResourceNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one place where AWS SDK exceptions become TierState exceptions. Every port call goes
 * through {@link #call(String, String, Supplier)}, so no SDK exception leaves the adapter and every
 * TierState exception keeps the AWS error code, HTTP status and request id.
 */
public final class AwsErrors {

    private static final Logger LOG = LoggerFactory.getLogger(AwsErrors.class);

    /** Error codes that mean "the resource does not exist"; destroy counts such a resource as deleted. */
    static final Set<String> NOT_FOUND = Set.of(
            "NoSuchDistribution",
            "InvalidInstanceID.NotFound",
            "LoadBalancerNotFound", "TargetGroupNotFound", "ListenerNotFound",
            "FileSystemNotFound", "MountTargetNotFound",
            "NoSuchEntity",
            "InvalidGroup.NotFound", "InvalidGroupId.NotFound", "InvalidSubnetID.NotFound", "InvalidVpcID.NotFound",
            "InvalidInternetGatewayID.NotFound", "InvalidRouteTableID.NotFound");

    /** Error codes that mean "something still depends on it; retry once that is gone". */
    static final Set<String> IN_USE = Set.of(
            "ResourceInUse", "FileSystemInUse", "DependencyViolation", "DeleteConflict");

    /** Error codes of a stale ETag on a conditional write. */
    static final Set<String> PRECONDITION_FAILED = Set.of("PreconditionFailed", "InvalidIfMatchVersion");

    /** Error codes of credentials AWS does not accept. */
    static final Set<String> BAD_CREDENTIALS = Set.of(
            "InvalidClientTokenId", "SignatureDoesNotMatch", "AuthFailure", "UnrecognizedClientException",
            "ExpiredToken", "ExpiredTokenException", "InvalidAccessKeyId", "IncompleteSignature");

    /** Error codes of an identity that lacks a permission. */
    static final Set<String> ACCESS_DENIED = Set.of(
            "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "Forbidden");

    /** How to provide credentials, for every message about missing or rejected ones. */
    static final String CREDENTIALS_HELP = "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for "
            + "temporary credentials), put a profile in ~/.aws/credentials and choose it with AWS_PROFILE, or pass "
            + "AwsCloud.builder().credentialsProvider(...)";

    /** How to choose a region. */
    static final String REGION_HELP = "set AWS_REGION, put region= in the profile in ~/.aws/config, pass --region R "
            + "to the tierstate program, or call AwsCloud.builder().region(\"us-east-1\")";

    private AwsErrors() {}

    /**
     * Makes one AWS call, mapping any SDK exception.
     *
     * @param operation the IAM action name of the call, e.g. {@code cloudfront:GetDistribution}
     * @param resourceId what the call is about, for messages
     * @param call the call
     * @param <T> the result type
     * @return the call's result
     * @throws CloudOperationException or a subtype, for any failure of the call
     */
    public static <T> T call(String operation, String resourceId, Supplier<T> call) {
        LOG.debug("{} {}", operation, resourceId);
        try {
            return call.get();
        } catch (SdkException e) {
            throw map(operation, resourceId, e);
        }
    }

    /**
     * Makes one AWS call without a result, mapping any SDK exception.
     *
     * @param operation the IAM action name of the call
     * @param resourceId what the call is about, for messages
     * @param call the call
     * @throws CloudOperationException or a subtype, for any failure of the call
     */
    public static void run(String operation, String resourceId, Runnable call) {
        call(operation, resourceId, () -> {
            call.run();
            return null;
        });
    }

    /**
     * Maps one SDK exception.
     *
     * @param operation the IAM action name of the call
     * @param resourceId what the call was about
     * @param e the SDK's exception
     * @return the TierState exception to throw
     */
    static CloudOperationException map(String operation, String resourceId, SdkException e) {
        if (e instanceof AwsServiceException service) {
            return mapService(operation, resourceId, service);
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof SdkClientException && message.contains("Unable to load credentials")) {
            return new CloudOperationException(operation, null, null, 0, false,
                    "no AWS credentials found: " + CREDENTIALS_HELP, e);
        }
        if (e instanceof SdkClientException && message.contains("Unable to load region")) {
            return new CloudOperationException(operation, null, null, 0, false,
                    "no AWS region configured: " + REGION_HELP, e);
        }
        boolean network = hasCause(e, IOException.class) || hasCause(e, UncheckedIOException.class);
        return new CloudOperationException(operation, null, null, 0, network || e.retryable(),
                (network ? "could not reach AWS for " + resourceId + " (" + message + "); check the network, "
                        + "the endpoint and any proxy, then retry" : resourceId + ": " + message), e);
    }

    private static CloudOperationException mapService(String operation, String resourceId, AwsServiceException e) {
        AwsErrorDetails details = e.awsErrorDetails();
        String code = details == null ? null : details.errorCode();
        String awsMessage = details == null || details.errorMessage() == null ? e.getMessage() : details.errorMessage();
        String requestId = e.requestId();
        int status = e.statusCode();
        if (code != null) {
            if (NOT_FOUND.contains(code)) {
                return new ResourceNotFoundException(operation, resourceId, code, requestId, e);
            }
            if (PRECONDITION_FAILED.contains(code)) {
                return new PreconditionFailedException(operation, resourceId, code, requestId, e);
            }
            if ("DistributionNotDisabled".equals(code)) {
                return new DistributionNotDisabledException(operation, resourceId, requestId, e);
            }
            if (IN_USE.contains(code)) {
                return new ResourceInUseException(operation, code, requestId, resourceId + " is still in use (" + awsMessage
                        + "); delete what depends on it first, or retry once that is gone", e);
            }
            if (BAD_CREDENTIALS.contains(code)) {
                return new CloudOperationException(operation, code, requestId, status, false,
                        "AWS did not accept the credentials (" + awsMessage + "): " + CREDENTIALS_HELP, e);
            }
            if (ACCESS_DENIED.contains(code)) {
                return new CloudOperationException(operation, code, requestId, status, false,
                        "the AWS identity may not call " + operation + " (" + awsMessage + "): allow " + operation
                                + " in its IAM policy (docs/aws.md has a least-privilege policy)", e);
            }
        }
        if (e.isThrottlingException() || status >= 500) {
            return new CloudOperationException(operation, code, requestId, status, true, resourceId + ": " + awsMessage
                    + " (still failing after the SDK's retries: try again later, or raise AwsCloud.builder().maxAttempts(...))", e);
        }
        return new CloudOperationException(operation, code, requestId, status, e.retryable(), resourceId + ": " + awsMessage, e);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
