package io.tierstate.aws;

/**
 * How the AWS SDK retries a failed call before TierState sees the failure. Every mode retries
 * throttling ({@code Throttling}, {@code RequestLimitExceeded} ...), 5xx answers and broken
 * connections with exponential back-off and jitter.
 *
 * <p>The default is {@link #STANDARD}. Choose {@link #ADAPTIVE} when many processes share one
 * account's API rate (a CI fleet destroying stacks at once): it also slows this client down after
 * throttling instead of only backing off per call.
 */
public enum AwsRetryMode {
    /** The SDK's standard strategy: 3 attempts by default, back-off, a retry quota that stops retry storms. */
    STANDARD,
    /** Standard plus client-side rate limiting that adapts to throttling. */
    ADAPTIVE,
    /** The SDK's original strategy (4 attempts, separate throttling back-off); kept for parity with old SDK settings. */
    LEGACY
}
