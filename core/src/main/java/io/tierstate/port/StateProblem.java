package io.tierstate.port;

import io.tierstate.error.TierStateException;

/**
 * A stored document that could not be read, as reported by {@link StateStore#list()}.
 *
 * @param name the deployment name (the file name without {@code .json})
 * @param source the file or object
 * @param error what went wrong; its message says what to do
 */
public record StateProblem(String name, String source, TierStateException error) {

    /** @return the error's message */
    public String message() {
        return error.getMessage();
    }
}
