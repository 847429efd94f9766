package io.tierstate.drift;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One difference between the state and the cloud, or one value the state never recorded.
 *
 * <pre>{@code
 * for (Drift d : client.deployment("gpu-global").drift().drifts()) {
 *     System.out.println(d.field() + ": " + d.recorded().orElse("-") + " -> " + d.live().orElse("gone"));
 * }
 * }</pre>
 *
 * @param resource {@code cloudfront}, {@code instance}, {@code alb} or {@code efs}
 * @param resourceId the resource's id as the state records it, e.g. {@code E2QWRUHAPOMQZL}
 * @param field the field path, e.g. {@code cloudfront.price_class}; the resource name alone for
 *     {@link Kind#GONE} and {@link Kind#APPEARED}
 * @param kind what kind of difference it is
 * @param recorded the value in the state; empty when it records none
 * @param live the value the cloud describes; empty when the resource (or the value) is not there
 */
public record Drift(String resource, String resourceId, String field, Kind kind, Optional<String> recorded,
        Optional<String> live) {

    /** What kind of difference a {@link Drift} is. */
    public enum Kind {
        /** The cloud has another value than the state. */
        CHANGED,
        /** The state records the resource; the cloud answers NotFound. */
        GONE,
        /** The state recorded the resource gone; the cloud has it again. */
        APPEARED,
        /** The state never recorded the value: informational, not drift (recording it is not a change outside TierState). */
        NOT_RECORDED;

        /** @return the name in JSON and text, e.g. {@code not_recorded} */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Checks that nothing is null. */
    public Drift {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(recorded, "recorded");
        Objects.requireNonNull(live, "live");
    }

    /** @return whether this is a change made outside TierState (not {@link Kind#NOT_RECORDED}) */
    public boolean isDrift() {
        return kind != Kind.NOT_RECORDED;
    }
}
