package io.tierstate.sim;

import io.tierstate.error.CloudOperationException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One call the simulated cloud answered, as {@link SimulatedCloud#onCall(java.util.function.Consumer)}
 * reports it.
 *
 * @param sequence the call's number, from 1, in the order calls started
 * @param operation what was called
 * @param target the resource the call named (an id, ARN or name), or the caller reference of a
 *     create, or the instance type of {@code DescribeInstanceTypes}
 * @param at when it was answered, on the cloud's virtual clock
 * @param requestId the request id the call's errors carry, e.g. {@code sim-000042}
 * @param failure what the call threw, or empty when it succeeded
 */
public record SimCall(long sequence, SimOperation operation, String target, Instant at, String requestId,
        Optional<RuntimeException> failure) {

    /** Checks that every value is present. */
    public SimCall {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(failure, "failure");
    }

    /** @return whether the call returned normally */
    public boolean succeeded() {
        return failure.isEmpty();
    }

    /** @return the AWS error code of a failed call, e.g. {@code Throttling}; empty on success or for a non-cloud exception */
    public Optional<String> errorCode() {
        return failure.filter(CloudOperationException.class::isInstance)
                .flatMap(e -> ((CloudOperationException) e).errorCode());
    }
}
