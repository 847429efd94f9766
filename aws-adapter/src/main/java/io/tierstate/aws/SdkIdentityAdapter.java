package io.tierstate.aws;

import static io.tierstate.aws.internal.AwsErrors.call;
import static io.tierstate.aws.internal.AwsErrors.run;

import io.tierstate.ResourceNotFoundException;
import io.tierstate.aws.internal.AwsClients;
import io.tierstate.port.IdentityPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * {@link IdentityPort} on the AWS SDK's IAM client. Obtain it from {@link AwsCloud#identity()}.
 *
 * <p>IAM refuses to delete a profile that holds roles, or a role with policies: the adapter empties
 * them first ({@code RemoveRoleFromInstanceProfile}; {@code DetachRolePolicy} for managed and
 * {@code DeleteRolePolicy} for inline policies). A role or policy that disappears meanwhile is
 * skipped, so two destroys racing each other both finish.
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
    public void deleteRole(String name) {
        Objects.requireNonNull(name, "name");
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
