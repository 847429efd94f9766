package io.tierstate.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;

import io.tierstate.error.CloudOperationException;
import io.tierstate.error.ResourceInUseException;
import io.tierstate.error.ResourceNotFoundException;
import io.tierstate.port.NetworkPort.InterfaceFilter;
import io.tierstate.port.NetworkPort.InternetGateway;
import io.tierstate.port.NetworkPort.NatGateway;
import io.tierstate.port.NetworkPort.NetworkInterface;
import io.tierstate.port.NetworkPort.SecurityGroupDescription;
import io.tierstate.port.NetworkPort.SecurityGroupReference;
import io.tierstate.port.NetworkPort.SubnetDescription;
import io.tierstate.port.NetworkPort.VpcDependents;
import io.tierstate.port.NetworkPort.VpcDescription;
import io.tierstate.port.NetworkPort.VpcEndpoint;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NetworkWireTest extends WireTest {

    private static final String VPC = "vpc-0a1b2c3d4e5f67890";

    private static final String OK = "<return>true</return>";

    @Test
    void deleteSecurityGroup_sendsTheGroupId() {
        wire.stubFor(action("DeleteSecurityGroup").willReturn(ec2("DeleteSecurityGroup", OK)));

        cloud.network().deleteSecurityGroup("sg-0123");

        assertThat(form(requests().get(0))).containsEntry("Action", "DeleteSecurityGroup").containsEntry("GroupId", "sg-0123");
    }

    @Test
    void deleteSecurityGroup_stillUsedByAnInterface_isResourceInUse() {
        wire.stubFor(action("DeleteSecurityGroup").willReturn(ec2Error("DependencyViolation",
                "resource sg-0123 has a dependent object", "req-dep")));

        assertThatThrownBy(() -> cloud.network().deleteSecurityGroup("sg-0123"))
                .isInstanceOfSatisfying(ResourceInUseException.class, e -> {
                    assertThat(e.errorCode()).contains("DependencyViolation");
                    assertThat(e.requestId()).contains("req-dep");
                    assertThat(e.retryable()).isTrue();
                })
                .hasMessageContaining("sg-0123 is still in use")
                .hasMessageContaining("has a dependent object");
    }

    @Test
    void deleteSecurityGroup_gone_isResourceNotFound() {
        wire.stubFor(action("DeleteSecurityGroup").willReturn(ec2Error("InvalidGroup.NotFound",
                "The security group 'sg-0123' does not exist", "req-sg-404")));

        assertThatThrownBy(() -> cloud.network().deleteSecurityGroup("sg-0123"))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.resourceId()).isEqualTo("sg-0123"))
                .hasMessageContaining("sg-0123 does not exist");
    }

    @Test
    void deleteSubnet_sendsTheSubnetIdAndMapsNotFound() {
        wire.stubFor(action("DeleteSubnet").willReturn(ec2Error("InvalidSubnetID.NotFound",
                "The subnet ID 'subnet-0abc' does not exist", "req-sn-404")));

        assertThatThrownBy(() -> cloud.network().deleteSubnet("subnet-0abc"))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("ec2:DeleteSubnet");
        assertThat(form(requests().get(0))).containsEntry("SubnetId", "subnet-0abc");
    }

    @Test
    void deleteSubnet_succeeds() {
        wire.stubFor(action("DeleteSubnet").willReturn(ec2("DeleteSubnet", OK)));

        cloud.network().deleteSubnet("subnet-0abc");

        assertThat(actions()).containsExactly("DeleteSubnet");
    }

    @Test
    void deleteVpc_sendsOnlyDeleteVpc_theEngineDeletesItsDependentsFirst() {
        wire.stubFor(action("DeleteVpc").willReturn(ec2("DeleteVpc", OK)));

        cloud.network().deleteVpc(VPC);

        assertThat(actions()).containsExactly("DeleteVpc");
        assertThat(form(requests().get(0))).containsEntry("VpcId", VPC);
    }

    @Test
    void deleteVpc_gone_isResourceNotFound() {
        wire.stubFor(action("DeleteVpc").willReturn(ec2Error("InvalidVpcID.NotFound",
                "The vpc ID '" + VPC + "' does not exist", "req-vpc-404")));

        assertThatThrownBy(() -> cloud.network().deleteVpc(VPC))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.resourceId()).isEqualTo(VPC))
                .hasMessageContaining("ec2:DeleteVpc failed (InvalidVpcID.NotFound");
        assertThat(actions()).containsExactly("DeleteVpc");
    }

    @Test
    void deleteVpc_dependentsLeft_isResourceInUse() {
        wire.stubFor(action("DeleteVpc").willReturn(ec2Error("DependencyViolation",
                "The vpc '" + VPC + "' has dependencies and cannot be deleted.", "req-vpc-dep")));

        assertThatThrownBy(() -> cloud.network().deleteVpc(VPC))
                .isInstanceOf(ResourceInUseException.class).hasMessageContaining("has dependencies");
    }

    // ---- descriptions

    @Test
    void describeSecurityGroup_readsVpcAndName() {
        wire.stubFor(action("DescribeSecurityGroups").willReturn(ec2("DescribeSecurityGroups", """
                <securityGroupInfo><item><ownerId>123456789012</ownerId><groupId>sg-0123</groupId>
                  <groupName>gpu-stack-sg</groupName><groupDescription>d</groupDescription><vpcId>%s</vpcId>
                  <ipPermissions/><ipPermissionsEgress/></item></securityGroupInfo>""".formatted(VPC))));

        assertThat(cloud.network().describeSecurityGroup("sg-0123")).isEqualTo(new SecurityGroupDescription("sg-0123", VPC,
                "gpu-stack-sg"));
        assertThat(form(requests().get(0))).containsEntry("Action", "DescribeSecurityGroups").containsEntry("GroupId.1", "sg-0123");
    }

    @Test
    void describeSecurityGroup_gone_isResourceNotFound() {
        wire.stubFor(action("DescribeSecurityGroups").willReturn(ec2Error("InvalidGroup.NotFound",
                "The security group 'sg-0123' does not exist", "req-sg")));

        assertThatThrownBy(() -> cloud.network().describeSecurityGroup("sg-0123")).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("ec2:DescribeSecurityGroups");
    }

    @Test
    void securityGroupReferences_reportsEachReferencingRuleInBothDirections() {
        wire.stubFor(action("DescribeSecurityGroups").withFormParam("Filter.1.Name", equalTo("ip-permission.group-id"))
                .willReturn(ec2("DescribeSecurityGroups", """
                <securityGroupInfo>
                  <item><ownerId>123456789012</ownerId><groupId>sg-0def</groupId><groupName>db-clients</groupName>
                    <vpcId>%1$s</vpcId>
                    <ipPermissions>
                      <item><ipProtocol>tcp</ipProtocol><fromPort>5432</fromPort><toPort>5432</toPort>
                        <groups><item><userId>123456789012</userId><groupId>sg-0123</groupId></item></groups>
                        <ipRanges/></item>
                      <item><ipProtocol>tcp</ipProtocol><fromPort>8000</fromPort><toPort>8080</toPort>
                        <groups><item><userId>123456789012</userId><groupId>sg-0123</groupId></item></groups>
                        <ipRanges/></item>
                      <item><ipProtocol>tcp</ipProtocol><fromPort>22</fromPort><toPort>22</toPort>
                        <groups/><ipRanges><item><cidrIp>10.0.0.0/16</cidrIp></item></ipRanges></item>
                    </ipPermissions><ipPermissionsEgress/></item>
                  <item><ownerId>123456789012</ownerId><groupId>sg-0123</groupId><groupName>gpu-stack-sg</groupName>
                    <vpcId>%1$s</vpcId>
                    <ipPermissions><item><ipProtocol>-1</ipProtocol>
                      <groups><item><userId>123456789012</userId><groupId>sg-0123</groupId></item></groups></item></ipPermissions>
                    <ipPermissionsEgress/></item>
                </securityGroupInfo>""".formatted(VPC))));
        wire.stubFor(action("DescribeSecurityGroups").withFormParam("Filter.1.Name", equalTo("egress.ip-permission.group-id"))
                .willReturn(ec2("DescribeSecurityGroups", """
                <securityGroupInfo><item><ownerId>123456789012</ownerId><groupId>sg-0aaa</groupId><groupName></groupName>
                  <vpcId>%s</vpcId><ipPermissions/>
                  <ipPermissionsEgress><item><ipProtocol>-1</ipProtocol>
                    <groups><item><userId>123456789012</userId><groupId>sg-0123</groupId></item></groups></item></ipPermissionsEgress>
                </item></securityGroupInfo>""".formatted(VPC))));

        List<SecurityGroupReference> references = cloud.network().securityGroupReferences("sg-0123");

        assertThat(references).containsExactly(
                new SecurityGroupReference("sg-0def", "db-clients", "ingress", "tcp 5432"),
                new SecurityGroupReference("sg-0def", "db-clients", "ingress", "tcp 8000-8080"),
                new SecurityGroupReference("sg-0aaa", "", "egress", "all"));
        assertThat(references.get(0)).hasToString("sg-0def (db-clients) ingress tcp 5432");
        List<Map<String, String>> forms = requests().stream().map(WireTest::form).toList();
        assertThat(forms).hasSize(2);
        assertThat(forms.get(0)).containsEntry("Filter.1.Name", "ip-permission.group-id").containsEntry("Filter.1.Value.1", "sg-0123");
        assertThat(forms.get(1)).containsEntry("Filter.1.Name", "egress.ip-permission.group-id")
                .containsEntry("Filter.1.Value.1", "sg-0123");
    }

    @Test
    void securityGroupReferences_none_isEmpty() {
        wire.stubFor(action("DescribeSecurityGroups").willReturn(ec2("DescribeSecurityGroups", "<securityGroupInfo/>")));

        assertThat(cloud.network().securityGroupReferences("sg-0123")).isEmpty();
    }

    @Test
    void describeSubnet_readsItsVpc() {
        wire.stubFor(action("DescribeSubnets").willReturn(ec2("DescribeSubnets", """
                <subnetSet><item><subnetId>subnet-0abc</subnetId><state>available</state><vpcId>%s</vpcId>
                  <cidrBlock>10.0.1.0/24</cidrBlock><availabilityZone>us-east-1a</availabilityZone></item></subnetSet>"""
                .formatted(VPC))));

        assertThat(cloud.network().describeSubnet("subnet-0abc")).isEqualTo(new SubnetDescription("subnet-0abc", VPC));
        assertThat(form(requests().get(0))).containsEntry("SubnetId.1", "subnet-0abc");
    }

    @Test
    void describeSubnet_emptyAnswer_isResourceNotFound() {
        wire.stubFor(action("DescribeSubnets").willReturn(ec2("DescribeSubnets", "<subnetSet/>")));

        assertThatThrownBy(() -> cloud.network().describeSubnet("subnet-0abc")).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("subnet-0abc");
    }

    @Test
    void describeVpc_readsWhetherItIsTheDefault() {
        wire.stubFor(action("DescribeVpcs").willReturn(ec2("DescribeVpcs", """
                <vpcSet><item><vpcId>%s</vpcId><state>available</state><cidrBlock>10.0.0.0/16</cidrBlock>
                  <isDefault>false</isDefault></item></vpcSet>""".formatted(VPC))));

        assertThat(cloud.network().describeVpc(VPC)).isEqualTo(new VpcDescription(VPC, false));
        assertThat(form(requests().get(0))).containsEntry("VpcId.1", VPC);
    }

    @Test
    void describeVpc_gone_isResourceNotFound() {
        wire.stubFor(action("DescribeVpcs").willReturn(ec2Error("InvalidVpcID.NotFound",
                "The vpc ID '" + VPC + "' does not exist", "req-vpc")));

        assertThatThrownBy(() -> cloud.network().describeVpc(VPC)).isInstanceOf(ResourceNotFoundException.class);
    }

    // ---- VPC dependents

    private static void stubVpc() {
        wire.stubFor(action("DescribeVpcs").willReturn(ec2("DescribeVpcs",
                "<vpcSet><item><vpcId>" + VPC + "</vpcId><isDefault>false</isDefault></item></vpcSet>")));
    }

    @Test
    void vpcDependents_readsEveryKindToItsLastPage() {
        stubVpc();
        wire.stubFor(action("DescribeInternetGateways").withFormParam("Filter.1.Name", equalTo("attachment.vpc-id"))
                .willReturn(ec2("DescribeInternetGateways", """
                <internetGatewaySet><item><internetGatewayId>igw-0att</internetGatewayId>
                  <attachmentSet><item><vpcId>%s</vpcId><state>available</state></item></attachmentSet></item>
                </internetGatewaySet>""".formatted(VPC))));
        wire.stubFor(action("DescribeInternetGateways").withFormParam("Filter.1.Name", equalTo("tag:Stack"))
                .willReturn(ec2("DescribeInternetGateways", """
                <internetGatewaySet>
                  <item><internetGatewayId>igw-0att</internetGatewayId>
                    <attachmentSet><item><vpcId>%s</vpcId><state>available</state></item></attachmentSet></item>
                  <item><internetGatewayId>igw-0detached</internetGatewayId><attachmentSet/></item>
                  <item><internetGatewayId>igw-0elsewhere</internetGatewayId>
                    <attachmentSet><item><vpcId>vpc-0other</vpcId><state>available</state></item></attachmentSet></item>
                </internetGatewaySet>""".formatted(VPC))));
        wire.stubFor(action("DescribeEgressOnlyInternetGateways").willReturn(ec2("DescribeEgressOnlyInternetGateways", """
                <egressOnlyInternetGatewaySet>
                  <item><egressOnlyInternetGatewayId>eigw-0mine</egressOnlyInternetGatewayId>
                    <attachmentSet><item><vpcId>%s</vpcId><state>attached</state></item></attachmentSet></item>
                  <item><egressOnlyInternetGatewayId>eigw-0other</egressOnlyInternetGatewayId>
                    <attachmentSet><item><vpcId>vpc-0other</vpcId><state>attached</state></item></attachmentSet></item>
                </egressOnlyInternetGatewaySet>""".formatted(VPC))));
        wire.stubFor(action("DescribeNatGateways").withFormParam("NextToken", absent()).willReturn(ec2("DescribeNatGateways", """
                <natGatewaySet>
                  <item><natGatewayId>nat-0live</natGatewayId><vpcId>%s</vpcId><state>available</state>
                    <natGatewayAddressSet><item><allocationId>eipalloc-0one</allocationId><publicIp>3.3.3.3</publicIp></item>
                    </natGatewayAddressSet></item>
                  <item><natGatewayId>nat-0gone</natGatewayId><vpcId>%s</vpcId><state>deleted</state>
                    <natGatewayAddressSet><item><allocationId>eipalloc-0old</allocationId></item></natGatewayAddressSet></item>
                </natGatewaySet><nextToken>nat-page-2</nextToken>""".formatted(VPC, VPC))));
        wire.stubFor(action("DescribeNatGateways").withFormParam("NextToken", equalTo("nat-page-2"))
                .willReturn(ec2("DescribeNatGateways", """
                <natGatewaySet><item><natGatewayId>nat-0going</natGatewayId><vpcId>%s</vpcId><state>deleting</state>
                  <natGatewayAddressSet><item><allocationId>eipalloc-0two</allocationId></item></natGatewayAddressSet></item>
                </natGatewaySet>""".formatted(VPC))));
        wire.stubFor(action("DescribeVpcEndpoints").willReturn(ec2("DescribeVpcEndpoints", """
                <vpcEndpointSet>
                  <item><vpcEndpointId>vpce-0s3</vpcEndpointId><vpcEndpointType>Gateway</vpcEndpointType>
                    <vpcId>%1$s</vpcId><state>available</state></item>
                  <item><vpcEndpointId>vpce-0old</vpcEndpointId><vpcEndpointType>Interface</vpcEndpointType>
                    <vpcId>%1$s</vpcId><state>deleted</state></item>
                </vpcEndpointSet>""".formatted(VPC))));
        wire.stubFor(action("DescribeRouteTables").willReturn(ec2("DescribeRouteTables", """
                <routeTableSet>
                  <item><routeTableId>rtb-main</routeTableId><vpcId>%1$s</vpcId>
                    <associationSet><item><routeTableAssociationId>rtbassoc-1</routeTableAssociationId>
                      <routeTableId>rtb-main</routeTableId><main>true</main></item></associationSet></item>
                  <item><routeTableId>rtb-public</routeTableId><vpcId>%1$s</vpcId>
                    <associationSet><item><routeTableAssociationId>rtbassoc-2</routeTableAssociationId>
                      <routeTableId>rtb-public</routeTableId><subnetId>subnet-0abc</subnetId><main>false</main></item>
                    </associationSet></item>
                </routeTableSet>""".formatted(VPC))));
        wire.stubFor(action("DescribeNetworkAcls").willReturn(ec2("DescribeNetworkAcls", """
                <networkAclSet>
                  <item><networkAclId>acl-0default</networkAclId><vpcId>%1$s</vpcId><default>true</default></item>
                  <item><networkAclId>acl-0custom</networkAclId><vpcId>%1$s</vpcId><default>false</default></item>
                </networkAclSet>""".formatted(VPC))));

        VpcDependents dependents = cloud.network().vpcDependents(VPC, Map.of("Stack", "gpu-stack"));

        assertThat(dependents.internetGateways()).containsExactly(new InternetGateway("igw-0att", Optional.of(VPC)),
                new InternetGateway("igw-0detached", Optional.empty()));
        assertThat(dependents.egressOnlyInternetGateways()).containsExactly("eigw-0mine");
        assertThat(dependents.natGateways()).containsExactly(new NatGateway("nat-0live", "available", List.of("eipalloc-0one")),
                new NatGateway("nat-0going", "deleting", List.of("eipalloc-0two")));
        assertThat(dependents.vpcEndpoints()).containsExactly(new VpcEndpoint("vpce-0s3", "Gateway", "available"));
        assertThat(dependents.routeTables()).containsExactly("rtb-public");
        assertThat(dependents.networkAcls()).containsExactly("acl-0custom");
        assertThat(dependents.isEmpty()).isFalse();
        List<Map<String, String>> forms = requests().stream().map(WireTest::form).toList();
        assertThat(forms).filteredOn(f -> "DescribeInternetGateways".equals(f.get("Action")))
                .anySatisfy(f -> assertThat(f).containsEntry("Filter.1.Name", "tag:Stack").containsEntry("Filter.1.Value.1", "gpu-stack"));
        assertThat(forms).filteredOn(f -> "DescribeNatGateways".equals(f.get("Action"))).hasSize(2)
                .allSatisfy(f -> assertThat(f).containsEntry("Filter.1.Name", "vpc-id").containsEntry("Filter.1.Value.1", VPC));
        assertThat(forms).filteredOn(f -> "DescribeVpcEndpoints".equals(f.get("Action")))
                .allSatisfy(f -> assertThat(f).containsEntry("Filter.1.Name", "vpc-id"));
        assertThat(forms).filteredOn(f -> "DescribeNetworkAcls".equals(f.get("Action")))
                .allSatisfy(f -> assertThat(f).containsEntry("Filter.1.Name", "vpc-id"));
    }

    @Test
    void vpcDependents_withoutStackTags_claimsNoDetachedGateway() {
        stubVpc();
        wire.stubFor(action("DescribeInternetGateways").willReturn(ec2("DescribeInternetGateways", "<internetGatewaySet/>")));
        wire.stubFor(action("DescribeEgressOnlyInternetGateways").willReturn(ec2("DescribeEgressOnlyInternetGateways",
                "<egressOnlyInternetGatewaySet/>")));
        wire.stubFor(action("DescribeNatGateways").willReturn(ec2("DescribeNatGateways", "<natGatewaySet/>")));
        wire.stubFor(action("DescribeVpcEndpoints").willReturn(ec2("DescribeVpcEndpoints", "<vpcEndpointSet/>")));
        wire.stubFor(action("DescribeRouteTables").willReturn(ec2("DescribeRouteTables", "<routeTableSet/>")));
        wire.stubFor(action("DescribeNetworkAcls").willReturn(ec2("DescribeNetworkAcls", "<networkAclSet/>")));

        assertThat(cloud.network().vpcDependents(VPC, Map.of())).isEqualTo(VpcDependents.none());
        assertThat(actions()).containsOnlyOnce("DescribeInternetGateways");
    }

    @Test
    void vpcDependents_ofAMissingVpc_isResourceNotFound() {
        wire.stubFor(action("DescribeVpcs").willReturn(ec2Error("InvalidVpcID.NotFound",
                "The vpc ID '" + VPC + "' does not exist", "req-vpc")));

        assertThatThrownBy(() -> cloud.network().vpcDependents(VPC, Map.of("Stack", "s")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(actions()).containsExactly("DescribeVpcs");
    }

    // ---- network interfaces

    @Test
    void networkInterfaces_bySecurityGroup_readsEveryPage() {
        wire.stubFor(action("DescribeNetworkInterfaces").withFormParam("NextToken", absent())
                .willReturn(ec2("DescribeNetworkInterfaces", """
                <networkInterfaceSet><item><networkInterfaceId>eni-0alb</networkInterfaceId>
                  <subnetId>subnet-0abc</subnetId><vpcId>%s</vpcId><description>ELB app/gpu-alb/50dc6c495c0c9188</description>
                  <status>in-use</status><interfaceType>interface</interfaceType>
                  <attachment><attachmentId>eni-attach-1</attachmentId><instanceOwnerId>amazon-elb</instanceOwnerId>
                    <status>attached</status></attachment></item></networkInterfaceSet>
                <nextToken>eni-page-2</nextToken>""".formatted(VPC))));
        wire.stubFor(action("DescribeNetworkInterfaces").withFormParam("NextToken", equalTo("eni-page-2"))
                .willReturn(ec2("DescribeNetworkInterfaces", """
                <networkInterfaceSet><item><networkInterfaceId>eni-0i</networkInterfaceId>
                  <description></description><status>in-use</status><interfaceType>interface</interfaceType>
                  <attachment><attachmentId>eni-attach-2</attachmentId><instanceId>i-0abc</instanceId>
                    <status>attached</status></attachment></item></networkInterfaceSet>""")));

        List<NetworkInterface> enis = cloud.network().networkInterfaces(InterfaceFilter.SECURITY_GROUP, "sg-0123");

        assertThat(enis).containsExactly(
                new NetworkInterface("eni-0alb", "in-use", "interface", "ELB app/gpu-alb/50dc6c495c0c9188", Optional.empty()),
                new NetworkInterface("eni-0i", "in-use", "interface", "", Optional.of("i-0abc")));
        assertThat(enis.get(0)).hasToString("eni-0alb (ELB app/gpu-alb/50dc6c495c0c9188, in-use)");
        assertThat(form(requests().get(0))).containsEntry("Filter.1.Name", "group-id").containsEntry("Filter.1.Value.1", "sg-0123");
        assertThat(requests()).hasSize(2);
    }

    @Test
    void networkInterfaces_byVpcAndSubnet_useTheirFilters() {
        wire.stubFor(action("DescribeNetworkInterfaces").willReturn(ec2("DescribeNetworkInterfaces", "<networkInterfaceSet/>")));

        assertThat(cloud.network().networkInterfaces(InterfaceFilter.VPC, VPC)).isEmpty();
        assertThat(cloud.network().networkInterfaces(InterfaceFilter.SUBNET, "subnet-0abc")).isEmpty();

        assertThat(form(requests().get(0))).containsEntry("Filter.1.Name", "vpc-id").containsEntry("Filter.1.Value.1", VPC);
        assertThat(form(requests().get(1))).containsEntry("Filter.1.Name", "subnet-id");
    }

    // ---- deletes of VPC dependents

    @Test
    void deleteInternetGateway_attached_detachesThenDeletes() {
        wire.stubFor(action("DetachInternetGateway").willReturn(ec2("DetachInternetGateway", OK)));
        wire.stubFor(action("DeleteInternetGateway").willReturn(ec2("DeleteInternetGateway", OK)));

        cloud.network().deleteInternetGateway("igw-0aaa", Optional.of(VPC));

        assertThat(actions()).containsExactly("DetachInternetGateway", "DeleteInternetGateway");
        assertThat(form(requests().get(0))).containsEntry("InternetGatewayId", "igw-0aaa").containsEntry("VpcId", VPC);
        assertThat(form(requests().get(1))).containsEntry("InternetGatewayId", "igw-0aaa");
    }

    @Test
    void deleteInternetGateway_detached_onlyDeletes() {
        wire.stubFor(action("DeleteInternetGateway").willReturn(ec2("DeleteInternetGateway", OK)));

        cloud.network().deleteInternetGateway("igw-0aaa", Optional.empty());

        assertThat(actions()).containsExactly("DeleteInternetGateway");
    }

    @Test
    void deleteInternetGateway_detachedMeanwhile_stillDeletes() {
        wire.stubFor(action("DetachInternetGateway").willReturn(ec2Error("Gateway.NotAttached",
                "resource igw-0aaa is not attached to network " + VPC, "req-na")));
        wire.stubFor(action("DeleteInternetGateway").willReturn(ec2("DeleteInternetGateway", OK)));

        cloud.network().deleteInternetGateway("igw-0aaa", Optional.of(VPC));

        assertThat(actions()).containsExactly("DetachInternetGateway", "DeleteInternetGateway");
    }

    @Test
    void deleteInternetGateway_gone_isResourceNotFound() {
        wire.stubFor(action("DetachInternetGateway").willReturn(ec2Error("InvalidInternetGatewayID.NotFound",
                "The internetGateway ID 'igw-0aaa' does not exist", "req-igw")));

        assertThatThrownBy(() -> cloud.network().deleteInternetGateway("igw-0aaa", Optional.of(VPC)))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("ec2:DetachInternetGateway");
    }

    @Test
    void deleteEgressOnlyInternetGateway_sendsItsId() {
        wire.stubFor(action("DeleteEgressOnlyInternetGateway").willReturn(ec2("DeleteEgressOnlyInternetGateway",
                "<returnCode>true</returnCode>")));

        cloud.network().deleteEgressOnlyInternetGateway("eigw-0abc");

        assertThat(form(requests().get(0))).containsEntry("Action", "DeleteEgressOnlyInternetGateway")
                .containsEntry("EgressOnlyInternetGatewayId", "eigw-0abc");
    }

    @Test
    void deleteEgressOnlyInternetGateway_gone_isResourceNotFound() {
        wire.stubFor(action("DeleteEgressOnlyInternetGateway").willReturn(ec2Error("InvalidGatewayID.NotFound",
                "The eigw ID 'eigw-0abc' does not exist", "req-eigw")));

        assertThatThrownBy(() -> cloud.network().deleteEgressOnlyInternetGateway("eigw-0abc"))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void deleteNatGateway_sendsItsId_andMapsNotFound() {
        wire.stubFor(action("DeleteNatGateway").willReturn(ec2("DeleteNatGateway", "<natGatewayId>nat-0abc</natGatewayId>")));

        cloud.network().deleteNatGateway("nat-0abc");

        assertThat(form(requests().get(0))).containsEntry("Action", "DeleteNatGateway").containsEntry("NatGatewayId", "nat-0abc");

        wire.stubFor(action("DeleteNatGateway").willReturn(ec2Error("InvalidNatGatewayID.NotFound",
                "The Nat Gateway nat-0abc was not found", "req-nat")));
        assertThatThrownBy(() -> cloud.network().deleteNatGateway("nat-0abc")).isInstanceOf(ResourceNotFoundException.class);
        wire.stubFor(action("DeleteNatGateway").willReturn(ec2Error("NatGatewayNotFound",
                "NAT gateway nat-0abc was not found", "req-nat2")));
        assertThatThrownBy(() -> cloud.network().deleteNatGateway("nat-0abc")).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void releaseAddress_stillAssociated_isResourceInUse() {
        wire.stubFor(action("ReleaseAddress").willReturn(ec2Error("InvalidIPAddress.InUse",
                "Address 3.3.3.3 is in use.", "req-eip")));

        assertThatThrownBy(() -> cloud.network().releaseAddress("eipalloc-0one"))
                .isInstanceOfSatisfying(ResourceInUseException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("eipalloc-0one is still in use");
        assertThat(form(requests().get(0))).containsEntry("Action", "ReleaseAddress").containsEntry("AllocationId", "eipalloc-0one");
    }

    @Test
    void releaseAddress_gone_isResourceNotFound() {
        wire.stubFor(action("ReleaseAddress").willReturn(ec2Error("InvalidAllocationID.NotFound",
                "The allocation ID 'eipalloc-0one' does not exist", "req-eip-404")));

        assertThatThrownBy(() -> cloud.network().releaseAddress("eipalloc-0one")).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void releaseAddress_succeeds() {
        wire.stubFor(action("ReleaseAddress").willReturn(ec2("ReleaseAddress", OK)));

        cloud.network().releaseAddress("eipalloc-0one");

        assertThat(actions()).containsExactly("ReleaseAddress");
    }

    @Test
    void deleteVpcEndpoint_sendsDeleteVpcEndpoints() {
        wire.stubFor(action("DeleteVpcEndpoints").willReturn(ec2("DeleteVpcEndpoints", "<unsuccessful/>")));

        cloud.network().deleteVpcEndpoint("vpce-0s3");

        assertThat(form(requests().get(0))).containsEntry("Action", "DeleteVpcEndpoints").containsEntry("VpcEndpointId.1", "vpce-0s3");
    }

    @Test
    void deleteVpcEndpoint_reportedUnsuccessfulAsNotFound_isResourceNotFound() {
        wire.stubFor(action("DeleteVpcEndpoints").willReturn(ec2("DeleteVpcEndpoints", """
                <unsuccessful><item><error><code>InvalidVpcEndpoint.NotFound</code>
                  <message>The Vpc Endpoint Id 'vpce-0s3' does not exist</message></error>
                  <resourceId>vpce-0s3</resourceId></item></unsuccessful>""")));

        assertThatThrownBy(() -> cloud.network().deleteVpcEndpoint("vpce-0s3"))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.resourceId()).isEqualTo("vpce-0s3"));
    }

    @Test
    void deleteVpcEndpoint_reportedUnsuccessfulOtherwise_isACloudFailureWithAwsMessage() {
        wire.stubFor(action("DeleteVpcEndpoints").willReturn(ec2("DeleteVpcEndpoints", """
                <unsuccessful><item><error><code>InvalidParameter</code><message>Endpoint is in state pending</message></error>
                  <resourceId>vpce-0s3</resourceId></item></unsuccessful>""")));

        assertThatThrownBy(() -> cloud.network().deleteVpcEndpoint("vpce-0s3"))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> assertThat(e.errorCode()).contains("InvalidParameter"))
                .hasMessageContaining("Endpoint is in state pending");
    }

    @Test
    void deleteVpcEndpoint_gone_isResourceNotFound() {
        wire.stubFor(action("DeleteVpcEndpoints").willReturn(ec2Error("InvalidVpcEndpointId.NotFound",
                "The Vpc Endpoint Id 'vpce-0s3' does not exist", "req-vpce")));

        assertThatThrownBy(() -> cloud.network().deleteVpcEndpoint("vpce-0s3")).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void deleteRouteTable_withoutAssociations_deletesIt() {
        wire.stubFor(action("DescribeRouteTables").willReturn(ec2("DescribeRouteTables", """
                <routeTableSet><item><routeTableId>rtb-public</routeTableId><vpcId>%s</vpcId><associationSet/></item>
                </routeTableSet>""".formatted(VPC))));
        wire.stubFor(action("DeleteRouteTable").willReturn(ec2("DeleteRouteTable", OK)));

        cloud.network().deleteRouteTable("rtb-public");

        assertThat(actions()).containsExactly("DescribeRouteTables", "DeleteRouteTable");
        assertThat(form(requests().get(0))).containsEntry("RouteTableId.1", "rtb-public");
        assertThat(form(requests().get(1))).containsEntry("RouteTableId", "rtb-public");
    }

    @Test
    void deleteRouteTable_stillAssociatedWithSubnets_disassociatesThemFirst() {
        wire.stubFor(action("DescribeRouteTables").willReturn(ec2("DescribeRouteTables", """
                <routeTableSet><item><routeTableId>rtb-public</routeTableId><vpcId>%s</vpcId><associationSet>
                  <item><routeTableAssociationId>rtbassoc-a</routeTableAssociationId><routeTableId>rtb-public</routeTableId>
                    <subnetId>subnet-0a</subnetId><main>false</main></item>
                  <item><routeTableAssociationId>rtbassoc-b</routeTableAssociationId><routeTableId>rtb-public</routeTableId>
                    <subnetId>subnet-0b</subnetId><main>false</main></item>
                </associationSet></item></routeTableSet>""".formatted(VPC))));
        wire.stubFor(action("DisassociateRouteTable").withFormParam("AssociationId", equalTo("rtbassoc-a"))
                .willReturn(ec2("DisassociateRouteTable", OK)));
        wire.stubFor(action("DisassociateRouteTable").withFormParam("AssociationId", equalTo("rtbassoc-b"))
                .willReturn(ec2Error("InvalidAssociationID.NotFound", "The association ID 'rtbassoc-b' does not exist", "r")));
        wire.stubFor(action("DeleteRouteTable").willReturn(ec2("DeleteRouteTable", OK)));

        cloud.network().deleteRouteTable("rtb-public");

        assertThat(actions()).containsExactly("DescribeRouteTables", "DisassociateRouteTable", "DisassociateRouteTable",
                "DeleteRouteTable");
    }

    @Test
    void deleteRouteTable_gone_isResourceNotFound() {
        wire.stubFor(action("DescribeRouteTables").willReturn(ec2Error("InvalidRouteTableID.NotFound",
                "The routeTable ID 'rtb-public' does not exist", "req-rtb")));

        assertThatThrownBy(() -> cloud.network().deleteRouteTable("rtb-public")).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("ec2:DescribeRouteTables");
    }

    @Test
    void deleteRouteTable_refused_isMappedAsItIs() {
        wire.stubFor(action("DescribeRouteTables").willReturn(ec2("DescribeRouteTables", "<routeTableSet><item>"
                + "<routeTableId>rtb-public</routeTableId><associationSet/></item></routeTableSet>")));
        wire.stubFor(action("DeleteRouteTable").willReturn(ec2Error("DependencyViolation",
                "The routeTable 'rtb-public' has dependencies and cannot be deleted.", "req-rtb-dep")));

        assertThatThrownBy(() -> cloud.network().deleteRouteTable("rtb-public")).isInstanceOf(ResourceInUseException.class);
    }

    @Test
    void deleteNetworkAcl_unused_deletesIt() {
        wire.stubFor(action("DescribeNetworkAcls").willReturn(ec2("DescribeNetworkAcls", """
                <networkAclSet><item><networkAclId>acl-0custom</networkAclId><vpcId>%s</vpcId><default>false</default>
                  <associationSet/></item></networkAclSet>""".formatted(VPC))));
        wire.stubFor(action("DeleteNetworkAcl").willReturn(ec2("DeleteNetworkAcl", OK)));

        cloud.network().deleteNetworkAcl("acl-0custom");

        assertThat(actions()).containsExactly("DescribeNetworkAcls", "DeleteNetworkAcl");
        assertThat(form(requests().get(1))).containsEntry("Action", "DeleteNetworkAcl").containsEntry("NetworkAclId", "acl-0custom");
    }

    @Test
    void deleteNetworkAcl_usedBySubnets_givesThemBackToTheDefaultAclFirst() {
        wire.stubFor(action("DescribeNetworkAcls").withFormParam("NetworkAclId.1", equalTo("acl-0custom"))
                .willReturn(ec2("DescribeNetworkAcls", """
                <networkAclSet><item><networkAclId>acl-0custom</networkAclId><vpcId>%s</vpcId><default>false</default>
                  <associationSet><item><networkAclAssociationId>aclassoc-1</networkAclAssociationId>
                    <networkAclId>acl-0custom</networkAclId><subnetId>subnet-0a</subnetId></item></associationSet>
                </item></networkAclSet>""".formatted(VPC))));
        wire.stubFor(action("DescribeNetworkAcls").withFormParam("Filter.2.Name", equalTo("default"))
                .willReturn(ec2("DescribeNetworkAcls", """
                <networkAclSet><item><networkAclId>acl-0default</networkAclId><vpcId>%s</vpcId><default>true</default>
                </item></networkAclSet>""".formatted(VPC))));
        wire.stubFor(action("ReplaceNetworkAclAssociation").willReturn(ec2("ReplaceNetworkAclAssociation",
                "<newAssociationId>aclassoc-2</newAssociationId>")));
        wire.stubFor(action("DeleteNetworkAcl").willReturn(ec2("DeleteNetworkAcl", OK)));

        cloud.network().deleteNetworkAcl("acl-0custom");

        assertThat(actions()).containsExactly("DescribeNetworkAcls", "DescribeNetworkAcls", "ReplaceNetworkAclAssociation",
                "DeleteNetworkAcl");
        assertThat(form(requests().get(1))).containsEntry("Filter.1.Name", "vpc-id").containsEntry("Filter.1.Value.1", VPC)
                .containsEntry("Filter.2.Value.1", "true");
        assertThat(form(requests().get(2))).containsEntry("AssociationId", "aclassoc-1").containsEntry("NetworkAclId", "acl-0default");
    }

    @Test
    void deleteNetworkAcl_gone_isResourceNotFound() {
        wire.stubFor(action("DescribeNetworkAcls").willReturn(ec2Error("InvalidNetworkAclID.NotFound",
                "The networkAcl ID 'acl-0custom' does not exist", "req-acl")));

        assertThatThrownBy(() -> cloud.network().deleteNetworkAcl("acl-0custom")).isInstanceOf(ResourceNotFoundException.class);
        wire.stubFor(action("DescribeNetworkAcls").willReturn(ec2("DescribeNetworkAcls", "<networkAclSet/>")));
        assertThatThrownBy(() -> cloud.network().deleteNetworkAcl("acl-0custom")).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void deleteNetworkAcl_unauthorized_isNonRetryableNamingThePermission() {
        wire.stubFor(action("DescribeNetworkAcls").willReturn(ec2("DescribeNetworkAcls", "<networkAclSet><item>"
                + "<networkAclId>acl-0custom</networkAclId><vpcId>" + VPC + "</vpcId><associationSet/></item></networkAclSet>")));
        wire.stubFor(action("DeleteNetworkAcl").willReturn(ec2Error("UnauthorizedOperation",
                "You are not authorized to perform this operation.", "req-401")));

        assertThatThrownBy(() -> cloud.network().deleteNetworkAcl("acl-0custom"))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("allow ec2:DeleteNetworkAcl");
    }
}
