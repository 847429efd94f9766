package io.tierstate.migration;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of {@link StateMigrator#validate}: every problem found in a document, in document
 * order, or none.
 */
public final class ValidationReport {

    private final List<ValidationProblem> problems;

    ValidationReport(List<ValidationProblem> problems) {
        this.problems = List.copyOf(problems);
    }

    /**
     * Returns the problems found.
     *
     * @return one entry per problem; empty when the document is valid
     */
    public List<ValidationProblem> problems() {
        return problems;
    }

    /**
     * Tells whether no problem was found.
     *
     * @return {@code problems().isEmpty()}
     */
    public boolean isValid() {
        return problems.isEmpty();
    }

    /**
     * Renders the report for people: {@code "valid"}, or one problem per line.
     *
     * @return a summary followed by the problems
     */
    @Override
    public String toString() {
        if (isValid()) {
            return "valid";
        }
        return problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + ":\n"
                + problems.stream().map(problem -> "  " + problem).collect(Collectors.joining("\n"));
    }
}
