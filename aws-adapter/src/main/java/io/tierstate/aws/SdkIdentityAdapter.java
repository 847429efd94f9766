package io.tierstate.aws;

import static io.tierstate.aws.internal.AwsErrors.call;
import static io.tierstate.aws.internal.AwsErrors.run;

import io.tierstate.error.ResourceNotFoundException;
import io.tierstate.aws.internal.AwsClients;
import io.tierstate.port.IdentityPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * {@link IdentityPort} on the AWS SDK's IAM client. Obtain it from {@link AwsCloud#identity()}.
 *
 * <p>IAM refuses to delete a profile that holds roles, or a role with policies: the adapter empties
 * them first ({@code RemoveRoleFromInstanceProfile}; {@code DetachRolePolicy} for managed and
 * {@code DeleteRolePolicy} for inline policies). A role or policy that disappears meanwhile is
 * skipped, so two destroys racing each other both finish.
 *
 * <p>{@link #deleteRole(String)} first takes the role out of every instance profile that holds it
 * ({@code ListInstanceProfilesForRole}, paged), not only the deployment's: IAM refuses to delete a
 * role still in a profile ({@code DeleteConflict}, mapped to {@link io.tierstate.error.ResourceInUseException}).
 */
public final class SdkIdentityAdapter implements IdentityPort {

    private final AwsClients clients;

    SdkIdentityAdapter(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public void deleteInstanceProfile(String name) {
        Objects.requireNonNull(name, "name");
        List<Role> roles = call("iam:GetInstanceProfile", name,
                () -> clients.iam().getInstanceProfile(b -> b.instanceProfileName(name)).instanceProfile().roles());
        for (Role role : roles) {
            ignoringGone(() -> run("iam:RemoveRoleFromInstanceProfile", name,
                    () -> clients.iam().removeRoleFromInstanceProfile(b -> b.instanceProfileName(name).roleName(role.roleName()))));
        }
        run("iam:DeleteInstanceProfile", name, () -> clients.iam().deleteInstanceProfile(b -> b.instanceProfileName(name)));
    }

    @Override
    public RoleDescription describeRole(String name) {
        Objects.requireNonNull(name, "name");
        Role role = call("iam:GetRole", name, () -> clients.iam().getRole(b -> b.roleName(name)).role());
        return new RoleDescription(role.roleName(), role.arn(), profilesOf(name));
    }

    @Override
    public InstanceProfileDescription describeInstanceProfile(String name) {
        Objects.requireNonNull(name, "name");
        InstanceProfile profile = call("iam:GetInstanceProfile", name,
                () -> clients.iam().getInstanceProfile(b -> b.instanceProfileName(name)).instanceProfile());
        return new InstanceProfileDescription(profile.instanceProfileName(), profile.arn(),
                profile.roles().stream().map(Role::roleName).toList());
    }

    private List<String> profilesOf(String role) {
        return call("iam:ListInstanceProfilesForRole", role, () -> {
            List<String> names = new ArrayList<>();
            for (InstanceProfile profile : clients.iam().listInstanceProfilesForRolePaginator(b -> b.roleName(role))
                    .instanceProfiles()) {
                names.add(profile.instanceProfileName());
            }
            return List.copyOf(names);
        });
    }

    @Override
    public void deleteRole(String name) {
        Objects.requireNonNull(name, "name");
        for (String profile : profilesOf(name)) {
            ignoringGone(() -> run("iam:RemoveRoleFromInstanceProfile", profile,
                    () -> clients.iam().removeRoleFromInstanceProfile(b -> b.instanceProfileName(profile).roleName(name))));
        }
        List<String> managed = call("iam:ListAttachedRolePolicies", name, () -> {
            List<String> arns = new ArrayList<>();
            for (AttachedPolicy policy : clients.iam().listAttachedRolePoliciesPaginator(b -> b.roleName(name)).attachedPolicies()) {
                arns.add(policy.policyArn());
            }
            return arns;
        });
        for (String arn : managed) {
            ignoringGone(() -> run("iam:DetachRolePolicy", name,
                    () -> clients.iam().detachRolePolicy(b -> b.roleName(name).policyArn(arn))));
        }
        List<String> inline = call("iam:ListRolePolicies", name, () -> {
            List<String> names = new ArrayList<>();
            clients.iam().listRolePoliciesPaginator(b -> b.roleName(name)).policyNames().forEach(names::add);
            return names;
        });
        for (String policy : inline) {
            ignoringGone(() -> run("iam:DeleteRolePolicy", name,
                    () -> clients.iam().deleteRolePolicy(b -> b.roleName(name).policyName(policy))));
        }
        run("iam:DeleteRole", name, () -> clients.iam().deleteRole(b -> b.roleName(name)));
    }

    /** Runs a step whose target may have been removed meanwhile by someone else: that is the wanted end state. */
    private static void ignoringGone(Runnable step) {
        try {
            step.run();
        } catch (ResourceNotFoundException e) {
            // already done by someone else
        }
    }
}
