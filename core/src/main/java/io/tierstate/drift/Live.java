package io.tierstate.drift;

import java.util.Objects;
import java.util.Optional;

/**
 * What describing one resource gave: its description, NotFound, a reason it could not be checked,
 * or nothing because the state records no such resource.
 *
 * <pre>{@code
 * Live<InstanceDescription> instance = Live.of(cloud.compute().describeInstance("i-0abc"));
 * }</pre>
 *
 * @param <T> the description type
 */
public final class Live<T> {

    private enum Outcome { NOT_RECORDED, PRESENT, GONE, UNCHECKED }

    private static final Live<?> NONE = new Live<>(Outcome.NOT_RECORDED, null, null);
    private static final Live<?> GONE = new Live<>(Outcome.GONE, null, null);

    private final Outcome outcome;
    private final T value;
    private final String reason;

    private Live(Outcome outcome, T value, String reason) {
        this.outcome = outcome;
        this.value = value;
        this.reason = reason;
    }

    /** @param value the description @param <T> its type @return a resource that is there */
    public static <T> Live<T> of(T value) {
        return new Live<>(Outcome.PRESENT, Objects.requireNonNull(value, "value"), null);
    }

    /** @param <T> the description type @return a resource the cloud answered NotFound for */
    @SuppressWarnings("unchecked")
    public static <T> Live<T> gone() {
        return (Live<T>) GONE;
    }

    /** @param reason why, e.g. the cloud's AccessDenied message @param <T> the type @return a resource that could not be described */
    public static <T> Live<T> unchecked(String reason) {
        return new Live<>(Outcome.UNCHECKED, null, Objects.requireNonNull(reason, "reason"));
    }

    /** @param <T> the description type @return nothing to describe: the state records no such resource */
    @SuppressWarnings("unchecked")
    public static <T> Live<T> notRecorded() {
        return (Live<T>) NONE;
    }

    /** @return the description, when the resource is there */
    public Optional<T> value() {
        return Optional.ofNullable(value);
    }

    /** @return whether the cloud answered NotFound */
    public boolean isGone() {
        return outcome == Outcome.GONE;
    }

    /** @return why it could not be described, when it could not */
    public Optional<String> uncheckedReason() {
        return Optional.ofNullable(reason);
    }

    /** @return whether there was anything to describe */
    public boolean wasLookedFor() {
        return outcome != Outcome.NOT_RECORDED;
    }

    @Override
    public String toString() {
        return switch (outcome) {
            case PRESENT -> "present " + value;
            case GONE -> "gone";
            case UNCHECKED -> "unchecked: " + reason;
            case NOT_RECORDED -> "not recorded";
        };
    }
}
