package io.tierstate.destroy;

import io.tierstate.error.TierStateException;
import io.tierstate.port.CloudClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One way to wait for the cloud, declared rather than written as a loop: what to poll, what ends the
 * wait ({@link #until}, {@link #doneOn}), what fails it ({@link #failWhen}), which errors mean "not
 * yet" ({@link #retryOn}), how to poll ({@link #policy}) and for how long ({@link #timeout}). The
 * destroy scheduler takes one {@link #attempt()} at a time, so one thread can interleave many waits;
 * provisioning blocks on {@link #await(CloudClock, Consumer)}. Immutable: every setter returns a copy.
 *
 * <pre>{@code
 * Waiter.Result<Distribution> r = Waiter.polling("distribution E2QW to be Deployed", () -> cf.getDistribution("E2QW"))
 *     .until(d -> d.status() == CloudFrontStatus.DEPLOYED)
 *     .timeout(Duration.ofMinutes(30))
 *     .await(cloud.clock(), attempt -> { });
 * }</pre>
 *
 * @param <T> what a poll returns
 */
public final class Waiter<T> {

    private final String what;
    private final Supplier<T> poll;
    private final Predicate<? super T> done;
    private final List<Failure<T>> failures;
    private final List<Class<? extends RuntimeException>> retryOn;
    private final List<Class<? extends RuntimeException>> doneOn;
    private final Function<? super T, String> status;
    private final PollPolicy policy;
    private final Duration timeout;

    private record Failure<T>(Predicate<? super T> when, Function<? super T, String> why) {}

    private Waiter(String what, Supplier<T> poll, Predicate<? super T> done, List<Failure<T>> failures,
            List<Class<? extends RuntimeException>> retryOn, List<Class<? extends RuntimeException>> doneOn,
            Function<? super T, String> status, PollPolicy policy, Duration timeout) {
        this.what = what;
        this.poll = poll;
        this.done = done;
        this.failures = List.copyOf(failures);
        this.retryOn = List.copyOf(retryOn);
        this.doneOn = List.copyOf(doneOn);
        this.status = status;
        this.policy = policy;
        this.timeout = timeout;
    }

    /**
     * A wait that polls {@code poll} until told otherwise; by default it is done on the first answer.
     *
     * @param what what is awaited, for messages, e.g. {@code the instance to terminate}
     * @param poll one describe call
     * @param <T> what the call returns
     * @return the waiter (policy {@link PollPolicy#defaults()}, timeout 20 minutes)
     */
    public static <T> Waiter<T> polling(String what, Supplier<T> poll) {
        return new Waiter<>(Objects.requireNonNull(what, "what"), Objects.requireNonNull(poll, "poll"), x -> true,
                List.of(), List.of(), List.of(), x -> "", PollPolicy.defaults(), Duration.ofMinutes(20));
    }

    /**
     * @param value the condition that ends the wait successfully
     * @return a copy with it
     */
    public Waiter<T> until(Predicate<? super T> value) {
        return new Waiter<>(what, poll, Objects.requireNonNull(value, "until"), failures, retryOn, doneOn, status, policy, timeout);
    }

    /**
     * @param when a condition that ends the wait with a failure
     * @param why the sentence saying why, from the answer
     * @return a copy with it
     */
    public Waiter<T> failWhen(Predicate<? super T> when, Function<? super T, String> why) {
        List<Failure<T>> all = new ArrayList<>(failures);
        all.add(new Failure<>(Objects.requireNonNull(when, "when"), Objects.requireNonNull(why, "why")));
        return new Waiter<>(what, poll, done, all, retryOn, doneOn, status, policy, timeout);
    }

    /**
     * @param type an error that means "not yet" (e.g. a NotFound right after a create); the wait goes on
     * @return a copy with it
     */
    public Waiter<T> retryOn(Class<? extends RuntimeException> type) {
        List<Class<? extends RuntimeException>> all = new ArrayList<>(retryOn);
        all.add(Objects.requireNonNull(type, "type"));
        return new Waiter<>(what, poll, done, failures, all, doneOn, status, policy, timeout);
    }

    /**
     * @param type an error that ends the wait successfully (e.g. NotFound while waiting for a deletion)
     * @return a copy with it
     */
    public Waiter<T> doneOn(Class<? extends RuntimeException> type) {
        List<Class<? extends RuntimeException>> all = new ArrayList<>(doneOn);
        all.add(Objects.requireNonNull(type, "type"));
        return new Waiter<>(what, poll, done, failures, retryOn, all, status, policy, timeout);
    }

    /**
     * @param value how to show an answer that does not end the wait, e.g. {@code d -> d.status().toString()}
     * @return a copy with it
     */
    public Waiter<T> status(Function<? super T, String> value) {
        return new Waiter<>(what, poll, done, failures, retryOn, doneOn, Objects.requireNonNull(value, "status"), policy, timeout);
    }

    /**
     * @param value how often to poll (default {@link PollPolicy#defaults()})
     * @return a copy with it
     */
    public Waiter<T> policy(PollPolicy value) {
        return new Waiter<>(what, poll, done, failures, retryOn, doneOn, status, Objects.requireNonNull(value, "policy"), timeout);
    }

    /**
     * @param value how long to wait at most (default 20 minutes), on the cloud's clock
     * @return a copy with it
     */
    public Waiter<T> timeout(Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new io.tierstate.error.InvalidInputException("a wait's timeout must be positive, was " + value);
        }
        return new Waiter<>(what, poll, done, failures, retryOn, doneOn, status, policy, value);
    }

    /** @return what is awaited */
    public String what() {
        return what;
    }

    /** @return the poll policy */
    public PollPolicy policy() {
        return policy;
    }

    /** @return the timeout */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Polls once.
     *
     * @return done (with the answer, or empty when an error ended it), again (with a status), or failed
     */
    public Attempt<T> attempt() {
        T answer;
        try {
            answer = poll.get();
        } catch (RuntimeException e) {
            if (doneOn.stream().anyMatch(t -> t.isInstance(e))) {
                return new Done<>(Optional.empty());
            }
            if (retryOn.stream().anyMatch(t -> t.isInstance(e))) {
                return new Again<>(e.getClass().getSimpleName());
            }
            throw e;
        }
        for (Failure<T> f : failures) {
            if (f.when().test(answer)) {
                return new Failed<>(new TierStateException("gave up waiting for " + what + ": " + f.why().apply(answer)));
            }
        }
        return done.test(answer) ? new Done<>(Optional.ofNullable(answer)) : new Again<>(status.apply(answer));
    }

    /**
     * Polls until done, sleeping on the clock by the policy between polls.
     *
     * @param clock the cloud's clock
     * @param onAttempt told of every attempt that did not end the wait, with its number from 1
     * @return the last answer, the number of polls and the time spent
     * @throws WaitTimeoutException when the timeout passed first
     * @throws TierStateException when a failure condition matched, or the thread was interrupted
     */
    public Result<T> await(CloudClock clock, Consumer<? super Progress> onAttempt) {
        Instant start = clock.now();
        int attempts = 0;
        while (true) {
            attempts++;
            Attempt<T> a = attempt();
            Duration elapsed = Duration.between(start, clock.now());
            if (a instanceof Done<T> d) {
                return new Result<>(d.value(), attempts, elapsed);
            }
            if (a instanceof Failed<T> f) {
                throw f.error();
            }
            if (elapsed.compareTo(timeout) >= 0) {
                throw new WaitTimeoutException(what, ((Again<T>) a).status(), timeout, attempts);
            }
            onAttempt.accept(new Progress(what, ((Again<T>) a).status(), attempts, elapsed));
            try {
                clock.sleep(policy.interval(attempts));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TierStateException("interrupted while waiting for " + what + "; it goes on in the cloud on its own", e);
            }
        }
    }

    @Override
    public String toString() {
        return "Waiter[" + what + ", " + policy + ", timeout " + timeout + "]";
    }

    /** What one poll gave. @param <T> what a poll returns */
    public sealed interface Attempt<T> permits Done, Again, Failed {}

    /** The wait is over. @param value the answer, or empty when an error ended it @param <T> the answer type */
    public record Done<T>(Optional<T> value) implements Attempt<T> {}

    /** Not yet. @param status what the answer said, for progress @param <T> the answer type */
    public record Again<T>(String status) implements Attempt<T> {}

    /** The wait failed. @param error why @param <T> the answer type */
    public record Failed<T>(RuntimeException error) implements Attempt<T> {}

    /**
     * A poll that did not end the wait.
     *
     * @param what what is awaited
     * @param status what the answer said
     * @param attempt the poll number, from 1
     * @param elapsed time since the wait began
     */
    public record Progress(String what, String status, int attempt, Duration elapsed) {}

    /**
     * How a wait ended.
     *
     * @param value the last answer, or empty when an error ended it
     * @param attempts the polls made
     * @param elapsed the time spent, on the cloud's clock
     * @param <T> the answer type
     */
    public record Result<T>(Optional<T> value, int attempts, Duration elapsed) {}
}
