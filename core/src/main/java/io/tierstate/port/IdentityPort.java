package io.tierstate.port;

/** IAM roles and instance profiles. */
public interface IdentityPort {

    /**
     * Describes a role ({@code GetRole}, {@code ListInstanceProfilesForRole}).
     *
     * @param name the role name
     * @return its ARN and every instance profile that holds it
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist
     */
    RoleDescription describeRole(String name);

    /**
     * Describes an instance profile ({@code GetInstanceProfile}).
     *
     * @param name the instance profile name
     * @return its ARN and roles
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist
     */
    InstanceProfileDescription describeInstanceProfile(String name);

    /**
     * Deletes an instance profile, removing its roles from it first.
     *
     * @param name the instance profile name
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist
     */
    void deleteInstanceProfile(String name);

    /**
     * Deletes a role, first removing it from every instance profile that holds it (not only the
     * deployment's), detaching its managed policies and deleting its inline policies.
     *
     * @param name the role name
     * @throws io.tierstate.error.ResourceInUseException while an instance profile still holds it
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist
     */
    void deleteRole(String name);

    /**
     * A role.
     *
     * @param name its name
     * @param arn its ARN
     * @param instanceProfiles the instance profiles that hold it
     */
    record RoleDescription(String name, String arn, java.util.List<String> instanceProfiles) {

        /** Copies the list. */
        public RoleDescription {
            instanceProfiles = java.util.List.copyOf(instanceProfiles);
        }
    }

    /**
     * An instance profile.
     *
     * @param name its name
     * @param arn its ARN
     * @param roles the roles it holds
     */
    record InstanceProfileDescription(String name, String arn, java.util.List<String> roles) {

        /** Copies the list. */
        public InstanceProfileDescription {
            roles = java.util.List.copyOf(roles);
        }
    }
}
