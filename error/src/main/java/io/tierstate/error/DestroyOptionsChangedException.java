package io.tierstate.error;

/**
 * A resumed destroy was given an option that changes what is deleted (preserve EFS, defer the
 * CloudFront deletion, disable protection, included provenances) with another value than the run
 * that started it, whose options are kept in the journal. Nothing was changed.
 */
public class DestroyOptionsChangedException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param deployment the stack name
     * @param option the option, e.g. {@code preserve EFS}
     * @param journaled the value the journal holds
     * @param given the value given now
     * @param fix how to change it on purpose, in the caller's words
     */
    public DestroyOptionsChangedException(String deployment, String option, String journaled, String given, String fix) {
        super("the destroy of '" + deployment + "' started with " + option + " = " + journaled + " and is resumed with "
                + given + "; a resume keeps the options it started with (omit the option), or " + fix);
    }
}
