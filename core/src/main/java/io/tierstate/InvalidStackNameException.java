package io.tierstate;

import io.tierstate.model.StackName;

/** A stack name breaks the naming rule; it was refused before any path was built from it. */
public class InvalidStackNameException extends TierStateException {

    private static final long serialVersionUID = 1L;

    private final String name;

    /**
     * Creates the exception for a refused name.
     *
     * @param name the name as given (may be {@code null})
     */
    public InvalidStackNameException(String name) {
        super("stack name " + describe(name) + " is not valid: use a letter followed by letters, digits or '-'"
                + " (at most " + StackName.MAX_LENGTH + " characters), e.g. 'my-stack'");
        this.name = name;
    }

    /** @return the refused name as given */
    public String name() {
        return name;
    }

    private static String describe(String name) {
        if (name == null) {
            return "(none)";
        }
        if (name.isEmpty()) {
            return "'' (empty)";
        }
        String shown = name.length() > 60 ? name.substring(0, 60) + "... (" + name.length() + " characters)" : name;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
