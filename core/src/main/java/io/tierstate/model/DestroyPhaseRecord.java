package io.tierstate.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One phase of a journaled destroy step, for its timeline: {@code requested} (the calls that ask the
 * cloud for something), {@code waiting} (for a change to propagate or for what uses the resource to
 * go) or {@code deleting} (from the delete call until the resource is gone), as seconds since the
 * start of the run that did it, on the cloud's clock.
 *
 * @param phase {@code requested}, {@code waiting} or {@code deleting}
 * @param from when the phase began, seconds since the run started
 * @param to when it ended, seconds since the run started
 */
public record DestroyPhaseRecord(@JsonProperty("phase") String phase, @JsonProperty("from_seconds") BigDecimal from,
        @JsonProperty("to_seconds") BigDecimal to) {

    /** Checks the phase is named and the times are in order. */
    public DestroyPhaseRecord {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(from, "from_seconds");
        Objects.requireNonNull(to, "to_seconds");
    }
}
