package io.tierstate.examples.build.cycle.a;

import io.tierstate.examples.build.cycle.b.Right;

/** Half of a deliberate package cycle, for the test that shows the cycle rule failing. */
public final class Left {
    /** @return the other half */
    public Right right() {
        return new Right();
    }
}
