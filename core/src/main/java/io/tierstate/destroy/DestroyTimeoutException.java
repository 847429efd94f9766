package io.tierstate.destroy;

import io.tierstate.error.CloudException;
import java.time.Duration;

/** A destroy step waited longer than the destroy's timeout. Run destroy again to keep waiting. */
public class DestroyTimeoutException extends CloudException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param step the step that was waiting
     * @param waitingFor what it was waiting for
     * @param timeout the timeout
     */
    public DestroyTimeoutException(String step, String waitingFor, Duration timeout) {
        super("step " + step + " still waiting for " + waitingFor + " after the destroy timeout of " + timeout.toMinutes()
                + " min; run destroy again to resume (nothing finished is redone), or raise timeout(...)", true);
    }
}
