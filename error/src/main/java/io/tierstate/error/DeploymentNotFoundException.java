package io.tierstate.error;

/** No state is stored for the named deployment. */
public class DeploymentNotFoundException extends StateException {

    private static final long serialVersionUID = 1L;

    private final String name;

    /**
     * Creates the exception.
     *
     * @param name the deployment asked for
     * @param where where it was looked for (a directory, a bucket ...)
     */
    public DeploymentNotFoundException(String name, String where) {
        super("deployment '" + name + "' not found in " + where
                + ": check the name with 'tierstate list' or point --home/--store at the right place");
        this.name = name;
    }

    /** @return the deployment asked for */
    public String name() {
        return name;
    }
}
