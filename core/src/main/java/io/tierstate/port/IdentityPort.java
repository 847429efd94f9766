package io.tierstate.port;

/** IAM roles and instance profiles. */
public interface IdentityPort {

    /**
     * Deletes an instance profile, removing its roles from it first.
     *
     * @param name the instance profile name
     * @throws io.tierstate.ResourceNotFoundException when it does not exist
     */
    void deleteInstanceProfile(String name);

    /**
     * Deletes a role, detaching its managed policies and deleting its inline policies first.
     *
     * @param name the role name
     * @throws io.tierstate.ResourceInUseException while an instance profile still holds it
     * @throws io.tierstate.ResourceNotFoundException when it does not exist
     */
    void deleteRole(String name);
}
