package io.tierstate.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.ResourceInUseException;
import io.tierstate.ResourceNotFoundException;
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

        cloud.identity().deleteRole(ROLE);

        assertThat(actions()).containsExactly("ListAttachedRolePolicies", "ListAttachedRolePolicies", "DetachRolePolicy",
                "DetachRolePolicy", "ListRolePolicies", "DeleteRolePolicy", "DeleteRolePolicy", "DeleteRole");
        List<Map<String, String>> forms = requests().stream().map(WireTest::form).toList();
        assertThat(forms).allSatisfy(f -> assertThat(f).containsEntry("RoleName", ROLE));
        assertThat(forms.get(2)).containsEntry("PolicyArn", "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore");
        assertThat(forms.get(3)).containsEntry("PolicyArn", "arn:aws:iam::aws:policy/AmazonElasticFileSystemClientReadWriteAccess");
        assertThat(forms.get(5)).containsEntry("PolicyName", "efs-mount");
        assertThat(forms.get(6)).containsEntry("PolicyName", "cloudwatch-logs");
    }

    @Test
    void deleteRole_stillInAnInstanceProfile_isResourceInUse() {
        wire.stubFor(action("ListAttachedRolePolicies").willReturn(xml(200, answer("ListAttachedRolePolicies",
                "<AttachedPolicies/><IsTruncated>false</IsTruncated>"))));
        wire.stubFor(action("ListRolePolicies").willReturn(xml(200, answer("ListRolePolicies",
                "<PolicyNames/><IsTruncated>false</IsTruncated>"))));
        wire.stubFor(action("DeleteRole").willReturn(queryError(409, "DeleteConflict",
                "Cannot delete entity, must remove roles from instance profile first.", "iam-409")));

        assertThatThrownBy(() -> cloud.identity().deleteRole(ROLE))
                .isInstanceOfSatisfying(ResourceInUseException.class, e -> {
                    assertThat(e.errorCode()).contains("DeleteConflict");
                    assertThat(e.requestId()).contains("iam-409");
                })
                .hasMessageContaining("must remove roles from instance profile first");
        assertThat(actions()).containsExactly("ListAttachedRolePolicies", "ListRolePolicies", "DeleteRole");
    }

    @Test
    void deleteRole_gone_isResourceNotFound() {
        wire.stubFor(action("ListAttachedRolePolicies").willReturn(queryError(404, "NoSuchEntity",
                "The role with name " + ROLE + " cannot be found.", "iam-404-role")));

        assertThatThrownBy(() -> cloud.identity().deleteRole(ROLE))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.resourceId()).isEqualTo(ROLE))
                .hasMessageContaining("iam:ListAttachedRolePolicies");
        assertThat(actions()).containsExactly("ListAttachedRolePolicies");
    }
}
