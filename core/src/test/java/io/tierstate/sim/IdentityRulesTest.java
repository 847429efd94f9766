package io.tierstate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.error.CloudOperationException;
import io.tierstate.error.ResourceInUseException;
import io.tierstate.error.ResourceNotFoundException;
import io.tierstate.port.IdentityPort;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityRulesTest {

    private final SimulatedCloud cloud = SimWorlds.cloud();
    private final IdentityPort iam = cloud.identity();

    @Test
    void createdRoleAndProfile_haveIamArns() {
        assertThat(cloud.createRole("app-role")).isEqualTo("arn:aws:iam::000000000000:role/app-role");
        assertThat(cloud.createInstanceProfile("app-profile", "app-role"))
                .isEqualTo("arn:aws:iam::000000000000:instance-profile/app-profile");
    }

    @Test
    void deleteRole_removesItFromEveryProfile_detachesAndDeletesItsPolicies_eachACountedCall() {
        cloud.createRole("app-role");
        cloud.createInstanceProfile("app-profile", "app-role");
        cloud.createInstanceProfile("other-team-profile", "app-role");
        cloud.attachRolePolicy("app-role", "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore");
        cloud.putRolePolicy("app-role", "efs-access");
        List<SimOperation> order = new ArrayList<>();
        cloud.onCall(c -> order.add(c.operation()));

        assertThat(iam.describeRole("app-role").instanceProfiles()).containsExactly("app-profile", "other-team-profile");
        order.clear();
        iam.deleteRole("app-role");

        assertThat(order).containsExactly(SimOperation.LIST_INSTANCE_PROFILES_FOR_ROLE,
                SimOperation.REMOVE_ROLE_FROM_INSTANCE_PROFILE, SimOperation.REMOVE_ROLE_FROM_INSTANCE_PROFILE,
                SimOperation.LIST_ATTACHED_ROLE_POLICIES, SimOperation.DETACH_ROLE_POLICY, SimOperation.LIST_ROLE_POLICIES,
                SimOperation.DELETE_ROLE_POLICY, SimOperation.DELETE_ROLE);
        assertThat(cloud.exists("app-role")).isFalse();
        assertThat(iam.describeInstanceProfile("other-team-profile").roles()).isEmpty();
        assertThat(cloud.exists("other-team-profile")).as("the other profile is emptied, not deleted").isTrue();
    }

    @Test
    void theWorld_refusesDeleteRole_whileAProfileStillHoldsIt_deleteConflict() {
        cloud.createRole("app-role");
        cloud.createInstanceProfile("app-profile", "app-role");
        cloud.createInstanceProfile("late-profile", "app-role");
        // someone puts the role back into a profile between the removals and DeleteRole
        cloud.onCall(c -> {
            if (c.operation() == SimOperation.LIST_ROLE_POLICIES) {
                cloud.addRoleToInstanceProfile("late-profile", "app-role");
            }
        });

        assertThatThrownBy(() -> iam.deleteRole("app-role")).isInstanceOfSatisfying(ResourceInUseException.class, e -> {
            assertThat(e.errorCode()).contains("DeleteConflict");
            assertThat(e.statusCode()).isEqualTo(409);
        }).hasMessageContaining("iam:DeleteRole").hasMessageContaining("late-profile");
        assertThat(cloud.exists("app-role")).isTrue();
    }

    @Test
    void theWorld_refusesDeleteRole_whileAPolicyIsAttached() {
        cloud.createRole("app-role");
        cloud.attachRolePolicy("app-role", "arn:aws:iam::aws:policy/ReadOnlyAccess");
        cloud.onCall(c -> {
            if (c.operation() == SimOperation.LIST_ROLE_POLICIES) {
                cloud.attachRolePolicy("app-role", "arn:aws:iam::aws:policy/PowerUserAccess");
            }
        });

        assertThatThrownBy(() -> iam.deleteRole("app-role")).isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("DeleteConflict").hasMessageContaining("must detach all policies first")
                .hasMessageContaining("PowerUserAccess");
    }

    @Test
    void describeRoleAndProfile_giveArnsAndMembership_unknownIsNoSuchEntity() {
        cloud.createRole("app-role");
        cloud.createInstanceProfile("app-profile", "app-role");

        IdentityPort.RoleDescription role = iam.describeRole("app-role");
        assertThat(role.arn()).isEqualTo("arn:aws:iam::000000000000:role/app-role");
        assertThat(role.instanceProfiles()).containsExactly("app-profile");
        assertThat(iam.describeInstanceProfile("app-profile")).isEqualTo(new IdentityPort.InstanceProfileDescription(
                "app-profile", "arn:aws:iam::000000000000:instance-profile/app-profile", List.of("app-role")));
        assertThat(cloud.calls(SimOperation.GET_ROLE)).isEqualTo(1);
        assertThat(cloud.calls(SimOperation.LIST_INSTANCE_PROFILES_FOR_ROLE)).isEqualTo(1);
        assertThatThrownBy(() -> iam.describeRole("ghost")).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("NoSuchEntity").hasMessageContaining("iam:GetRole");
        assertThatThrownBy(() -> iam.describeInstanceProfile("ghost")).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("NoSuchEntity").hasMessageContaining("iam:GetInstanceProfile");
    }

    @Test
    void aProfile_holdsOneRoleAtMost() {
        cloud.createRole("a");
        cloud.createRole("b");
        cloud.createInstanceProfile("p", "a");

        assertThatThrownBy(() -> cloud.addRoleToInstanceProfile("p", "b")).isInstanceOf(CloudOperationException.class)
                .hasMessageContaining("LimitExceeded");
    }

    @Test
    void iamIsGlobal_everyRegionSeesTheSameRoles() {
        cloud.createRole("app-role");

        assertThat(cloud.inRegion("eu-west-1").identity().describeRole("app-role").arn())
                .isEqualTo("arn:aws:iam::000000000000:role/app-role");
    }

    @Test
    void deletingTheProfile_removesItsRolesFirst_soTheRoleCanGoNext() {
        cloud.createRole("app-role");
        cloud.createInstanceProfile("app-profile", "app-role");

        iam.deleteInstanceProfile("app-profile");
        iam.deleteRole("app-role");

        assertThat(cloud.liveResources()).isEmpty();
    }

    @Test
    void unknownRoleOrProfile_isNoSuchEntity() {
        assertThatThrownBy(() -> iam.deleteRole("ghost")).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("NoSuchEntity").hasMessageContaining("ghost");
        assertThatThrownBy(() -> iam.deleteInstanceProfile("ghost")).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("NoSuchEntity").hasMessageContaining("iam:DeleteInstanceProfile");
        assertThatThrownBy(() -> cloud.createInstanceProfile("p", "ghost")).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("NoSuchEntity");
    }

    @Test
    void names_areUniqueAndNotBlank() {
        cloud.createRole("app-role");

        assertThatThrownBy(() -> cloud.createRole("app-role")).isInstanceOf(CloudOperationException.class)
                .hasMessageContaining("EntityAlreadyExists");
        assertThatThrownBy(() -> cloud.createInstanceProfile("app-role", "app-role")).isInstanceOf(CloudOperationException.class)
                .hasMessageContaining("EntityAlreadyExists");
        assertThatThrownBy(() -> cloud.createRole(" ")).isInstanceOf(CloudOperationException.class)
                .hasMessageContaining("role must not be blank");
    }
}
