package io.tierstate.aws.internal;

import io.tierstate.error.CloudOperationException;
import io.tierstate.error.DistributionNotDisabledException;
import io.tierstate.error.PreconditionFailedException;
import io.tierstate.error.ResourceInUseException;
import io.tierstate.error.ResourceNotFoundException;
import io.tierstate.error.StateStoreException;
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
            "InvalidGroup.NotFound", "InvalidGroupId.NotFound", "InvalidSecurityGroupID.NotFound",
            "InvalidSubnetID.NotFound", "InvalidVpcID.NotFound",
            "InvalidInternetGatewayID.NotFound", "InvalidRouteTableID.NotFound", "InvalidRouteTableId.NotFound",
            "InvalidGatewayID.NotFound", "InvalidEgressOnlyInternetGatewayId.NotFound",
            "InvalidNatGatewayID.NotFound", "NatGatewayNotFound", "InvalidAllocationID.NotFound",
            "InvalidVpcEndpointId.NotFound", "InvalidNetworkAclID.NotFound", "InvalidNetworkInterfaceID.NotFound",
            "InvalidSpotInstanceRequestID.NotFound", "InvalidAssociationID.NotFound",
            "AccessPointNotFound", "ReplicationNotFound",
            "ResourceNotFoundException", "NoSuchResource");

    /** Error codes that mean "something still depends on it; retry once that is gone". */
    static final Set<String> IN_USE = Set.of(
            "ResourceInUse", "FileSystemInUse", "DependencyViolation", "DeleteConflict", "InvalidIPAddress.InUse");

    /** The IAM action AWS names in an access-denied message: {@code ... is not authorized to perform: wafv2:GetWebACL ...}. */
    private static final java.util.regex.Pattern DENIED_ACTION =
            java.util.regex.Pattern.compile("not authorized to perform:?\\s+([a-z0-9-]+:[A-Za-z0-9]+)");

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
                return new ResourceNotFoundException(operation, resourceId, code, requestId, status, e);
            }
            if (PRECONDITION_FAILED.contains(code)) {
                return new PreconditionFailedException(operation, resourceId, code, requestId, status, e);
            }
            if ("DistributionNotDisabled".equals(code)) {
                return new DistributionNotDisabledException(operation, resourceId, requestId, e);
            }
            if (IN_USE.contains(code)) {
                return new ResourceInUseException(operation, code, requestId, status, resourceId + " is still in use (" + awsMessage
                        + "); delete what depends on it first, or retry once that is gone", e);
            }
            if (BAD_CREDENTIALS.contains(code)) {
                return new CloudOperationException(operation, code, requestId, status, false,
                        "AWS did not accept the credentials (" + awsMessage + "): " + CREDENTIALS_HELP, e);
            }
            if (ACCESS_DENIED.contains(code)) {
                return new CloudOperationException(operation, code, requestId, status, false, accessDenied(operation, resourceId,
                        awsMessage), e);
            }
            if ("OperationNotPermitted".equals(code)) {
                return new CloudOperationException(operation, code, requestId, status, false, notPermitted(operation, resourceId,
                        awsMessage), e);
            }
        }
        if (e.isThrottlingException() || status >= 500) {
            return new CloudOperationException(operation, code, requestId, status, true, resourceId + ": " + awsMessage
                    + " (still failing after the SDK's retries: try again later, or raise AwsCloud.builder().maxAttempts(...))", e);
        }
        return new CloudOperationException(operation, code, requestId, status, e.retryable(), resourceId + ": " + awsMessage, e);
    }

    /**
     * Names the permission to add. AWS's message often names the action that was really refused,
     * which can differ from the call's own (a CloudFront update that needs {@code wafv2:GetWebACL}).
     */
    static String accessDenied(String operation, String resourceId, String awsMessage) {
        java.util.regex.Matcher m = DENIED_ACTION.matcher(awsMessage == null ? "" : awsMessage);
        String missing = m.find() ? m.group(1) : operation;
        StringBuilder message = new StringBuilder("the AWS identity may not call ").append(missing);
        if (!missing.equals(operation)) {
            message.append(" (needed by ").append(operation).append(")");
        }
        message.append(" for ").append(resourceId).append(" (").append(awsMessage).append("): allow ").append(missing)
                .append(" in its IAM policy (docs/aws.md has a least-privilege policy)");
        if ("cloudfront:UpdateDistribution".equals(operation) && missing.equals(operation)) {
            // AWS authorizes an update against everything the configuration references
            message.append("; a distribution associated with an AWS WAF web ACL also needs wafv2:GetWebACL (waf:GetWebACL "
                    + "for WAF Classic), one with Lambda@Edge functions lambda:GetFunction and lambda:EnableReplication* on them");
        }
        return message.toString();
    }

    /** What {@code OperationNotPermitted} means for the calls that can get it, and how to get past it. */
    static String notPermitted(String operation, String resourceId, String awsMessage) {
        return switch (operation) {
            case "ec2:TerminateInstances" -> "instance " + resourceId + " has termination protection on (" + awsMessage
                    + "); turn it off with `aws ec2 modify-instance-attribute --instance-id " + resourceId
                    + " --no-disable-api-termination`, or destroy with --disable-protection (library: .disableProtection())";
            case "elasticloadbalancing:DeleteLoadBalancer" -> "load balancer " + resourceId + " has deletion protection on ("
                    + awsMessage + "); turn it off with `aws elbv2 modify-load-balancer-attributes --load-balancer-arn "
                    + resourceId + " --attributes Key=deletion_protection.enabled,Value=false`, or destroy with "
                    + "--disable-protection (library: .disableProtection())";
            default -> resourceId + ": AWS does not permit " + operation + " (" + awsMessage + ")";
        };
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------
    // the S3 state store: its failures are StateStoreExceptions, naming the object and the permission

    /** Error codes S3 gives for credentials it does not accept. */
    private static final Set<String> S3_BAD_CREDENTIALS = Set.of(
            "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken", "TokenRefreshRequired");

    /**
     * Runs one request of the S3 state store, mapping a failure with {@link #stateStoreFailure}.
     *
     * @param action what was being done, e.g. {@code read}
     * @param where the object or prefix, e.g. {@code s3://acme-ops/tierstate/deployments/web.json}
     * @param permission the IAM action it needs, e.g. {@code s3:GetObject}
     * @param resource the ARN the permission must cover
     * @param call the request
     * @param <T> its result
     * @return its result
     */
    public static <T> T stateStore(String action, String where, String permission, String resource, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw stateStoreFailure(action, where, permission, resource, e);
        }
    }

    /**
     * Tells whether S3 refused a conditional write's condition: 412, 409 {@code ConditionalRequestConflict}
     * (a concurrent conditional write), or 404 {@code NoSuchKey} ({@code If-Match} on a vanished object).
     *
     * @param e the failure
     * @return whether it is a failed condition, not an error
     */
    public static boolean isConditionFailed(SdkException e) {
        if (!(e instanceof AwsServiceException s)) {
            return false;
        }
        String code = code(s);
        return s.statusCode() == 412 || (s.statusCode() == 409 && "ConditionalRequestConflict".equals(code))
                || (s.statusCode() == 404 && "NoSuchKey".equals(code));
    }

    /**
     * Tells whether S3 answered that an object does not exist.
     *
     * @param e the failure
     * @return whether it is 404 {@code NoSuchKey}
     */
    public static boolean isNoSuchKey(SdkException e) {
        return e instanceof AwsServiceException s && s.statusCode() == 404 && "NoSuchKey".equals(code(s));
    }

    /**
     * The state store's one mapping of an S3 failure: credentials, access denied (naming the
     * permission and the resource), a missing bucket, any other refusal with its code and request id,
     * or a client-side failure with what to check.
     *
     * @param action what was being done
     * @param where the object or prefix
     * @param permission the IAM action it needs
     * @param resource the ARN the permission must cover
     * @param e the failure
     * @return the exception to throw
     */
    public static StateStoreException stateStoreFailure(String action, String where, String permission, String resource,
            SdkException e) {
        if (e instanceof AwsServiceException s3) {
            String code = code(s3);
            String request = " (HTTP " + s3.statusCode() + (code == null ? "" : " " + code)
                    + (s3.requestId() == null ? "" : ", request id " + s3.requestId()) + ")";
            if (S3_BAD_CREDENTIALS.contains(String.valueOf(code))) {
                return new StateStoreException("S3 refused the credentials to " + action + " " + where + request
                        + ": check the access key, the secret key (not shown) and the session token, or the profile in use", e);
            }
            if (s3.statusCode() == 403 || "AccessDenied".equals(code)) {
                return new StateStoreException("access denied to " + action + " " + where + request + ": the credentials need "
                        + permission + " on " + resource + " (see the IAM policy in docs/shared-state.md)", e);
            }
            if ("NoSuchBucket".equals(code)) {
                return new StateStoreException("bucket '" + resource.replaceFirst("^arn:aws:s3:::", "").replaceFirst("/.*", "")
                        + "' does not exist" + request
                        + ": create it, or fix the bucket in the store URI (s3://BUCKET/PREFIX)", e);
            }
            return new StateStoreException("S3 refused to " + action + " " + where + request + ": "
                    + (s3.awsErrorDetails() == null ? s3.getMessage() : s3.awsErrorDetails().errorMessage()), e);
        }
        String advice = e instanceof SdkClientException
                ? "; check the region, the endpoint, the network and the AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID ...)"
                : "";
        return new StateStoreException("could not " + action + " " + where + ": " + e.getMessage() + advice, e);
    }

    private static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }
}
