package io.tierstate.error;

/**
 * A deployment's state names another account or region than the cloud session in use: its ARNs
 * ({@code alb_arn}, {@code target_group_arn}, {@code cloudfront_arn}, {@code iam_*_arn}) name
 * account {@code 999999999999} while the credentials act in {@code 123456789012}, or the state's
 * region is not the session's. Destroy and provisioning stop before anything is touched: a NotFound
 * in the wrong account or region would otherwise be mistaken for "already gone".
 */
public class CloudTargetMismatchException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    private final String expected;
    private final String actual;

    /**
     * Creates the exception.
     *
     * @param deployment the stack name
     * @param what {@code account} or {@code region}
     * @param expected what the state names, with where it says so
     * @param actual what the cloud session targets
     * @param fix what to do
     */
    public CloudTargetMismatchException(String deployment, String what, String expected, String actual, String fix) {
        super("deployment '" + deployment + "' is in " + what + " " + expected + ", but the cloud session is in "
                + what + " " + actual + "; nothing was touched: " + fix);
        this.expected = expected;
        this.actual = actual;
    }

    /** @return what the state names */
    public String expected() {
        return expected;
    }

    /** @return what the cloud session targets */
    public String actual() {
        return actual;
    }
}
