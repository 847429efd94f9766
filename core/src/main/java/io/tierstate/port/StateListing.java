package io.tierstate.port;

import io.tierstate.model.DeploymentState;
import java.util.List;

/**
 * The result of listing a store: every readable state, and a problem for every document that could
 * not be read, so one bad file never hides the others.
 *
 * @param states the readable states, sorted by name
 * @param problems the unreadable documents, sorted by name
 */
public record StateListing(List<DeploymentState> states, List<StateProblem> problems) {

    /** Copies the lists so the listing stays immutable. */
    public StateListing {
        states = List.copyOf(states);
        problems = List.copyOf(problems);
    }

    /**
     * A listing of what was kept of each readable state ({@link StateStore#list(java.util.function.Function)}).
     *
     * @param values what was kept, in the listing's order
     * @param problems the unreadable documents, sorted by name
     * @param <T> what was kept of a state
     */
    public record Mapped<T>(List<T> values, List<StateProblem> problems) {

        /** Copies the lists so the listing stays immutable. */
        public Mapped {
            values = List.copyOf(values);
            problems = List.copyOf(problems);
        }
    }
}
