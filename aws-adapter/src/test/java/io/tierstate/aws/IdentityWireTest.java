package io.tierstate.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.error.ResourceInUseException;
import io.tierstate.error.ResourceNotFoundException;
import io.tierstate.port.IdentityPort.InstanceProfileDescription;
import io.tierstate.port.IdentityPort.RoleDescription;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityWireTest extends WireTest {

    private static final String NS = "https://iam.amazonaws.com/doc/2010-05-08/";
    private static final String ROLE = "tierstate-gpu-stack-role";
    private static final String PROFILE = "tierstate-gpu-stack-profile";

    private static String answer(String operation, String result) {
        String body = result == null ? "" : "<" + operation + "Result>" + result + "</" + operation + "Result>";
        return """
                <%1$sResponse xmlns="%2$s">%3$s
                  <ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ResponseMetadata>
                </%1$sResponse>""".formatted(operation, NS, body);
    }

    private static String role(String name) {
        return """
                <member><Path>/</Path><Arn>arn:aws:iam::123456789012:role/%1$s</Arn><RoleName>%1$s</RoleName>
                  <AssumeRolePolicyDocument>%%7B%%7D</AssumeRolePolicyDocument>
                  <CreateDate>2025-06-01T10:00:00Z</CreateDate><RoleId>AROAEXAMPLE%1$s</RoleId></member>""".formatted(name);
    }

    private static void stubProfile(String... roles) {
        StringBuilder members = new StringBuilder();
        for (String r : roles) {
            members.append(role(r));
        }
        wire.stubFor(action("GetInstanceProfile").willReturn(xml(200, answer("GetInstanceProfile", """
                <InstanceProfile>
                  <InstanceProfileId>AIPAEXAMPLE</InstanceProfileId>
                  <Roles>%s</Roles>
                  <InstanceProfileName>%s</InstanceProfileName>
                  <Path>/</Path>
                  <Arn>arn:aws:iam::123456789012:instance-profile/%s</Arn>
                  <CreateDate>2025-06-01T10:00:00Z</CreateDate>
                </InstanceProfile>""".formatted(members, PROFILE, PROFILE)))));
    }

    private static String profileMember(String name) {
        return """
                <member><InstanceProfileId>AIPA%1$s</InstanceProfileId><Roles/><InstanceProfileName>%1$s</InstanceProfileName>
                  <Path>/</Path><Arn>arn:aws:iam::123456789012:instance-profile/%1$s</Arn>
                  <CreateDate>2025-06-01T10:00:00Z</CreateDate></member>""".formatted(name);
    }

    private static void stubProfilesForRole(String... profiles) {
        StringBuilder members = new StringBuilder();
        for (String p : profiles) {
            members.append(profileMember(p));
        }
        wire.stubFor(action("ListInstanceProfilesForRole").willReturn(xml(200, answer("ListInstanceProfilesForRole",
                "<InstanceProfiles>" + members + "</InstanceProfiles><IsTruncated>false</IsTruncated>"))));
    }

    @Test
    void describeRole_readsArnAndEveryProfileHoldingIt_acrossPages() {
        wire.stubFor(action("GetRole").willReturn(xml(200, answer("GetRole", role(ROLE).replace("<member>", "<Role>")
                .replace("</member>", "</Role>")))));
        wire.stubFor(action("ListInstanceProfilesForRole").withFormParam("Marker", com.github.tomakehurst.wiremock.client.WireMock.absent())
                .willReturn(xml(200, answer("ListInstanceProfilesForRole", "<InstanceProfiles>" + profileMember(PROFILE)
                        + "</InstanceProfiles><IsTruncated>true</IsTruncated><Marker>p2</Marker>"))));
        wire.stubFor(action("ListInstanceProfilesForRole").withFormParam("Marker", com.github.tomakehurst.wiremock.client.WireMock.equalTo("p2"))
                .willReturn(xml(200, answer("ListInstanceProfilesForRole", "<InstanceProfiles>" + profileMember("other-profile")
                        + "</InstanceProfiles><IsTruncated>false</IsTruncated>"))));

        RoleDescription role = cloud.identity().describeRole(ROLE);

        assertThat(role).isEqualTo(new RoleDescription(ROLE, "arn:aws:iam::123456789012:role/" + ROLE,
                List.of(PROFILE, "other-profile")));
        assertThat(actions()).containsExactly("GetRole", "ListInstanceProfilesForRole", "ListInstanceProfilesForRole");
        assertThat(form(requests().get(0))).containsEntry("RoleName", ROLE);
        assertThat(requests().get(0).getHeader("Authorization")).contains("/iam/aws4_request");
    }

    @Test
    void describeRole_gone_isResourceNotFound() {
        wire.stubFor(action("GetRole").willReturn(queryError(404, "NoSuchEntity",
                "The role with name " + ROLE + " cannot be found.", "iam-404-getrole")));

        assertThatThrownBy(() -> cloud.identity().describeRole(ROLE))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.resourceId()).isEqualTo(ROLE))
                .hasMessageContaining("iam:GetRole");
    }

    @Test
    void describeInstanceProfile_readsArnAndRoles() {
        stubProfile(ROLE);

        assertThat(cloud.identity().describeInstanceProfile(PROFILE)).isEqualTo(new InstanceProfileDescription(PROFILE,
                "arn:aws:iam::123456789012:instance-profile/" + PROFILE, List.of(ROLE)));
        assertThat(actions()).containsExactly("GetInstanceProfile");
    }

    @Test
    void describeInstanceProfile_gone_isResourceNotFound() {
        wire.stubFor(action("GetInstanceProfile").willReturn(queryError(404, "NoSuchEntity",
                "Instance Profile " + PROFILE + " cannot be found.", "iam-404")));

        assertThatThrownBy(() -> cloud.identity().describeInstanceProfile(PROFILE)).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void deleteRole_inTwoInstanceProfiles_leavesBothBeforeDeleting() {
        stubProfilesForRole(PROFILE, "someone-elses-profile");
        wire.stubFor(action("RemoveRoleFromInstanceProfile").willReturn(xml(200, answer("RemoveRoleFromInstanceProfile", null))));
        wire.stubFor(action("ListAttachedRolePolicies").willReturn(xml(200, answer("ListAttachedRolePolicies",
                "<AttachedPolicies/><IsTruncated>false</IsTruncated>"))));
        wire.stubFor(action("ListRolePolicies").willReturn(xml(200, answer("ListRolePolicies",
                "<PolicyNames/><IsTruncated>false</IsTruncated>"))));
        wire.stubFor(action("DeleteRole").willReturn(xml(200, answer("DeleteRole", null))));

        cloud.identity().deleteRole(ROLE);

        assertThat(actions()).containsExactly("ListInstanceProfilesForRole", "RemoveRoleFromInstanceProfile",
                "RemoveRoleFromInstanceProfile", "ListAttachedRolePolicies", "ListRolePolicies", "DeleteRole");
        List<Map<String, String>> forms = requests().stream().map(WireTest::form).toList();
        assertThat(forms.get(1)).containsEntry("InstanceProfileName", PROFILE).containsEntry("RoleName", ROLE);
        assertThat(forms.get(2)).containsEntry("InstanceProfileName", "someone-elses-profile").containsEntry("RoleName", ROLE);
    }

    @Test
    void deleteInstanceProfile_removesEachRoleThenDeletesTheProfile() {
        stubProfile(ROLE, "second-role");
        wire.stubFor(action("RemoveRoleFromInstanceProfile").willReturn(xml(200, answer("RemoveRoleFromInstanceProfile", null))));
        wire.stubFor(action("DeleteInstanceProfile").willReturn(xml(200, answer("DeleteInstanceProfile", null))));

        cloud.identity().deleteInstanceProfile(PROFILE);

        assertThat(actions()).containsExactly("GetInstanceProfile", "RemoveRoleFromInstanceProfile",
                "RemoveRoleFromInstanceProfile", "DeleteInstanceProfile");
        List<Map<String, String>> forms = requests().stream().map(WireTest::form).toList();
        assertThat(forms.get(0)).containsEntry("InstanceProfileName", PROFILE).containsEntry("Version", "2010-05-08");
        assertThat(forms.get(1)).containsEntry("InstanceProfileName", PROFILE).containsEntry("RoleName", ROLE);
        assertThat(forms.get(2)).containsEntry("RoleName", "second-role");
        assertThat(forms.get(3)).containsEntry("InstanceProfileName", PROFILE);
    }

    @Test
    void deleteInstanceProfile_gone_isResourceNotFound() {
        wire.stubFor(action("GetInstanceProfile").willReturn(queryError(404, "NoSuchEntity",
                "Instance Profile " + PROFILE + " cannot be found.", "iam-404")));

        assertThatThrownBy(() -> cloud.identity().deleteInstanceProfile(PROFILE))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.errorCode()).contains("NoSuchEntity");
                    assertThat(e.requestId()).contains("iam-404");
                    assertThat(e.resourceId()).isEqualTo(PROFILE);
                })
                .hasMessageContaining("iam:GetInstanceProfile failed (NoSuchEntity");
        assertThat(actions()).containsExactly("GetInstanceProfile");
    }

    @Test
    void deleteInstanceProfile_roleRemovedMeanwhile_stillDeletesTheProfile() {
        stubProfile(ROLE);
        wire.stubFor(action("RemoveRoleFromInstanceProfile").willReturn(queryError(404, "NoSuchEntity",
                "The role with name " + ROLE + " cannot be found.", "iam-404-role")));
        wire.stubFor(action("DeleteInstanceProfile").willReturn(xml(200, answer("DeleteInstanceProfile", null))));

        cloud.identity().deleteInstanceProfile(PROFILE);

        assertThat(actions()).containsExactly("GetInstanceProfile", "RemoveRoleFromInstanceProfile", "DeleteInstanceProfile");
    }

    @Test
    void deleteRole_detachesManagedAndDeletesInlinePoliciesBeforeDeletingTheRole() {
        wire.stubFor(action("ListAttachedRolePolicies").withFormParam("Marker", com.github.tomakehurst.wiremock.client.WireMock.absent())
                .willReturn(xml(200, answer("ListAttachedRolePolicies", """
                        <AttachedPolicies><member><PolicyName>AmazonSSMManagedInstanceCore</PolicyName>
                          <PolicyArn>arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore</PolicyArn></member></AttachedPolicies>
                        <IsTruncated>true</IsTruncated><Marker>next-page</Marker>"""))));
        wire.stubFor(action("ListAttachedRolePolicies").withFormParam("Marker", com.github.tomakehurst.wiremock.client.WireMock.equalTo("next-page"))
                .willReturn(xml(200, answer("ListAttachedRolePolicies", """
                        <AttachedPolicies><member><PolicyName>AmazonElasticFileSystemClientReadWriteAccess</PolicyName>
                          <PolicyArn>arn:aws:iam::aws:policy/AmazonElasticFileSystemClientReadWriteAccess</PolicyArn></member></AttachedPolicies>
                        <IsTruncated>false</IsTruncated>"""))));
        wire.stubFor(action("DetachRolePolicy").willReturn(xml(200, answer("DetachRolePolicy", null))));
        wire.stubFor(action("ListRolePolicies").willReturn(xml(200, answer("ListRolePolicies",
                "<PolicyNames><member>efs-mount</member><member>cloudwatch-logs</member></PolicyNames><IsTruncated>false</IsTruncated>"))));
        wire.stubFor(action("DeleteRolePolicy").willReturn(xml(200, answer("DeleteRolePolicy", null))));
        wire.stubFor(action("DeleteRole").willReturn(xml(200, answer("DeleteRole", null))));
        stubProfilesForRole();

        cloud.identity().deleteRole(ROLE);

        assertThat(actions()).containsExactly("ListInstanceProfilesForRole", "ListAttachedRolePolicies", "ListAttachedRolePolicies", "DetachRolePolicy",
                "DetachRolePolicy", "ListRolePolicies", "DeleteRolePolicy", "DeleteRolePolicy", "DeleteRole");
        List<Map<String, String>> forms = requests().stream().map(WireTest::form).toList();
        assertThat(forms).allSatisfy(f -> assertThat(f).containsEntry("RoleName", ROLE));
        assertThat(forms.get(3)).containsEntry("PolicyArn", "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore");
        assertThat(forms.get(4)).containsEntry("PolicyArn", "arn:aws:iam::aws:policy/AmazonElasticFileSystemClientReadWriteAccess");
        assertThat(forms.get(6)).containsEntry("PolicyName", "efs-mount");
        assertThat(forms.get(7)).containsEntry("PolicyName", "cloudwatch-logs");
    }

    @Test
    void deleteRole_stillInAnInstanceProfile_isResourceInUse() {
        wire.stubFor(action("ListAttachedRolePolicies").willReturn(xml(200, answer("ListAttachedRolePolicies",
                "<AttachedPolicies/><IsTruncated>false</IsTruncated>"))));
        wire.stubFor(action("ListRolePolicies").willReturn(xml(200, answer("ListRolePolicies",
                "<PolicyNames/><IsTruncated>false</IsTruncated>"))));
        wire.stubFor(action("DeleteRole").willReturn(queryError(409, "DeleteConflict",
                "Cannot delete entity, must remove roles from instance profile first.", "iam-409")));
        stubProfilesForRole();

        assertThatThrownBy(() -> cloud.identity().deleteRole(ROLE))
                .isInstanceOfSatisfying(ResourceInUseException.class, e -> {
                    assertThat(e.errorCode()).contains("DeleteConflict");
                    assertThat(e.requestId()).contains("iam-409");
                })
                .hasMessageContaining("must remove roles from instance profile first");
        assertThat(actions()).containsExactly("ListInstanceProfilesForRole", "ListAttachedRolePolicies", "ListRolePolicies",
                "DeleteRole");
    }

    @Test
    void deleteRole_gone_isResourceNotFound() {
        wire.stubFor(action("ListInstanceProfilesForRole").willReturn(queryError(404, "NoSuchEntity",
                "The role with name " + ROLE + " cannot be found.", "iam-404-role")));

        assertThatThrownBy(() -> cloud.identity().deleteRole(ROLE))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.resourceId()).isEqualTo(ROLE))
                .hasMessageContaining("iam:ListInstanceProfilesForRole");
        assertThat(actions()).containsExactly("ListInstanceProfilesForRole");
    }
}
