package io.tierstate.destroy;

import io.tierstate.error.CloudException;
import java.time.Duration;

/** A wait ran out of time; what it waited for goes on in the cloud on its own. */
public class WaitTimeoutException extends CloudException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param what what was awaited
     * @param lastStatus what the last poll said
     * @param timeout how long was waited
     * @param attempts the polls made
     */
    public WaitTimeoutException(String what, String lastStatus, Duration timeout, int attempts) {
        super("still waiting for " + what + " after " + timeout.toMinutes() + " min and " + attempts + " polls"
                + (lastStatus.isEmpty() ? "" : " (last seen: " + lastStatus + ")")
                + "; it goes on in the cloud on its own: check again later, or wait longer", true);
    }
}
