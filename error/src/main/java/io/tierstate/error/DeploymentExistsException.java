package io.tierstate.error;

/** A deployment was to be created but state for that name already exists. */
public class DeploymentExistsException extends StateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param name the deployment name
     * @param where where the existing state is
     */
    public DeploymentExistsException(String name, String where) {
        super("deployment '" + name + "' already exists in " + where
                + ": choose another name, or change it with update(...) instead of create(...)");
    }
}
