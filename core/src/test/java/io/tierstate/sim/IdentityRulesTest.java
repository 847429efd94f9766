package io.tierstate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.CloudOperationException;
import io.tierstate.ResourceInUseException;
import io.tierstate.ResourceNotFoundException;
import io.tierstate.port.IdentityPort;
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
    void role_inAnInstanceProfile_cannotBeDeleted_deleteConflict() {
        cloud.createRole("app-role");
        cloud.createInstanceProfile("app-profile", "app-role");

        assertThatThrownBy(() -> iam.deleteRole("app-role")).isInstanceOfSatisfying(ResourceInUseException.class,
                e -> assertThat(e.errorCode()).contains("DeleteConflict")).hasMessageContaining("app-profile");
        assertThat(cloud.exists("app-role")).isTrue();
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
