package io.tierstate.sim;

import io.tierstate.error.ResourceNotFoundException;
import io.tierstate.port.IdentityPort;
import java.util.List;

/** {@link IdentityPort} on the simulated world; IAM is global. */
final class SimIdentity implements IdentityPort {

    private final World world;
    private final Calls calls;

    SimIdentity(World world, Calls calls) {
        this.world = world;
        this.calls = calls;
    }

    @Override
    public void deleteInstanceProfile(String name) {
        calls.run(SimOperation.DELETE_INSTANCE_PROFILE, name, ctx -> world.deleteInstanceProfile(ctx, name));
    }

    /**
     * What the AWS adapter does, one counted call each: list the instance profiles that hold the
     * role and remove it from each, list and detach its managed policies, list and delete its inline
     * policies, then {@code DeleteRole}. A profile or policy that went away meanwhile is skipped.
     */
    @Override
    public void deleteRole(String name) {
        List<String> profiles = calls.call(SimOperation.LIST_INSTANCE_PROFILES_FOR_ROLE, name,
                ctx -> world.instanceProfilesForRole(ctx, name));
        for (String profile : profiles) {
            skipIfGone(() -> calls.run(SimOperation.REMOVE_ROLE_FROM_INSTANCE_PROFILE, profile,
                    ctx -> world.removeRoleFromInstanceProfile(ctx, profile, name)));
        }
        List<String> managed = calls.call(SimOperation.LIST_ATTACHED_ROLE_POLICIES, name, ctx -> world.attachedPolicies(ctx, name));
        for (String policy : managed) {
            skipIfGone(() -> calls.run(SimOperation.DETACH_ROLE_POLICY, policy, ctx -> world.detachRolePolicy(ctx, name, policy)));
        }
        List<String> inline = calls.call(SimOperation.LIST_ROLE_POLICIES, name, ctx -> world.inlinePolicies(ctx, name));
        for (String policy : inline) {
            skipIfGone(() -> calls.run(SimOperation.DELETE_ROLE_POLICY, policy, ctx -> world.deleteRolePolicy(ctx, name, policy)));
        }
        calls.run(SimOperation.DELETE_ROLE, name, ctx -> world.deleteRole(ctx, name));
    }

    /** Two calls, as on AWS: {@code GetRole}, then {@code ListInstanceProfilesForRole}. */
    @Override
    public RoleDescription describeRole(String name) {
        String arn = calls.call(SimOperation.GET_ROLE, name, ctx -> world.roleArn(ctx, name));
        List<String> profiles = calls.call(SimOperation.LIST_INSTANCE_PROFILES_FOR_ROLE, name,
                ctx -> world.instanceProfilesForRole(ctx, name));
        return new RoleDescription(name, arn, profiles);
    }

    @Override
    public InstanceProfileDescription describeInstanceProfile(String name) {
        return calls.call(SimOperation.GET_INSTANCE_PROFILE, name, ctx -> world.describeInstanceProfile(ctx, name));
    }

    private static void skipIfGone(Runnable step) {
        try {
            step.run();
        } catch (ResourceNotFoundException alreadyGone) {
            // removed meanwhile: nothing left to undo
        }
    }
}
