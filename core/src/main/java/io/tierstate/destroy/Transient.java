package io.tierstate.destroy;

import io.tierstate.error.CloudOperationException;
import io.tierstate.port.Cloud;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The engine's retry of throttling and transient server errors, for describes made outside the
 * step scheduler (the survey, the verification). It retries only for a cloud that does not retry
 * them itself: the AWS SDK does, and a second layer would multiply its attempts.
 */
final class Transient {

    private Transient() {}

    static <T> T retry(Cloud cloud, Cancellation cancelled, Supplier<T> call) {
        int attempt = 0;
        while (true) {
            try {
                return call.get();
            } catch (CloudOperationException e) {
                if (!e.retryable() || cloud.retriesTransientErrors() || ++attempt > DestroyRun.MAX_TRANSIENT_RETRIES
                        || cancelled.isCancelled()) {
                    throw e;
                }
                cancelled.sleep(cloud.clock(), Duration.ofMillis(Math.min(30_000L, 1000L << Math.min(attempt - 1, 5))));
            }
        }
    }
}
