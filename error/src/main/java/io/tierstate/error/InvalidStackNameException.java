package io.tierstate.error;


/** A stack name breaks the naming rule; it was refused before any path was built from it. */
public class InvalidStackNameException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    private final String name;

    /**
     * Creates the exception for a refused name.
     *
     * @param name the name as given (may be {@code null})
     * @param maxLength the longest name allowed
     */
    public InvalidStackNameException(String name, int maxLength) {
        super("stack name " + describe(name) + " is not valid: use a letter followed by letters, digits or '-'"
                + " (at most " + maxLength + " characters), e.g. 'my-stack'");
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
