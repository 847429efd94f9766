package io.tierstate.sim;

import java.time.Duration;
import java.time.Instant;

/**
 * The simulated cloud its tests start from. The Tier 3 stack they build in it is the shared
 * {@link io.tierstate.testing.Tier3World}.
 */
final class SimWorlds {

    static final Instant START = Instant.parse("2025-09-30T08:00:00Z");

    private SimWorlds() {}

    /**
     * A cloud at {@link #START} with the default latencies and no faults, except that launched
     * instances are visible at once (no eventual-consistency window), so tests can describe them.
     */
    static SimulatedCloud cloud() {
        return SimulatedCloud.builder().startingAt(START).eventualConsistency(Duration.ZERO).build();
    }
}
