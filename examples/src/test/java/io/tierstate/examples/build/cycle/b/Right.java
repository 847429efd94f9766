package io.tierstate.examples.build.cycle.b;

import io.tierstate.examples.build.cycle.a.Left;

/** The other half of a deliberate package cycle. */
public final class Right {
    /** @return the first half */
    public Left left() {
        return new Left();
    }
}
