package io.tierstate.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.ResourceInUseException;
import io.tierstate.ResourceNotFoundException;
import java.util.List;
import java.util.Map;
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
    void deleteVpc_detachesAndDeletesGatewaysAndNonMainRouteTablesFirst() {
        wire.stubFor(action("DescribeInternetGateways").willReturn(ec2("DescribeInternetGateways", """
                <internetGatewaySet><item>
                  <internetGatewayId>igw-0aaa</internetGatewayId>
                  <attachmentSet><item><vpcId>%s</vpcId><state>available</state></item></attachmentSet>
                </item></internetGatewaySet>""".formatted(VPC))));
        wire.stubFor(action("DetachInternetGateway").willReturn(ec2("DetachInternetGateway", OK)));
        wire.stubFor(action("DeleteInternetGateway").willReturn(ec2("DeleteInternetGateway", OK)));
        wire.stubFor(action("DescribeRouteTables").willReturn(ec2("DescribeRouteTables", """
                <routeTableSet>
                  <item><routeTableId>rtb-main</routeTableId><vpcId>%1$s</vpcId>
                    <associationSet><item><routeTableAssociationId>rtbassoc-1</routeTableAssociationId>
                      <routeTableId>rtb-main</routeTableId><main>true</main></item></associationSet></item>
                  <item><routeTableId>rtb-public</routeTableId><vpcId>%1$s</vpcId><associationSet/></item>
                </routeTableSet>""".formatted(VPC))));
        wire.stubFor(action("DeleteRouteTable").willReturn(ec2("DeleteRouteTable", OK)));
        wire.stubFor(action("DeleteVpc").willReturn(ec2("DeleteVpc", OK)));

        cloud.network().deleteVpc(VPC);

        assertThat(actions()).containsExactly("DescribeInternetGateways", "DetachInternetGateway", "DeleteInternetGateway",
                "DescribeRouteTables", "DeleteRouteTable", "DeleteVpc");
        List<Map<String, String>> forms = requests().stream().map(WireTest::form).toList();
        assertThat(forms.get(0)).containsEntry("Filter.1.Name", "attachment.vpc-id").containsEntry("Filter.1.Value.1", VPC);
        assertThat(forms.get(1)).containsEntry("InternetGatewayId", "igw-0aaa").containsEntry("VpcId", VPC);
        assertThat(forms.get(2)).containsEntry("InternetGatewayId", "igw-0aaa");
        assertThat(forms.get(3)).containsEntry("Filter.1.Name", "vpc-id").containsEntry("Filter.1.Value.1", VPC);
        assertThat(forms.get(4)).containsEntry("RouteTableId", "rtb-public");
        assertThat(forms.get(5)).containsEntry("VpcId", VPC);
    }

    @Test
    void deleteVpc_gone_isResourceNotFound() {
        wire.stubFor(action("DescribeInternetGateways").willReturn(ec2("DescribeInternetGateways", "<internetGatewaySet/>")));
        wire.stubFor(action("DescribeRouteTables").willReturn(ec2("DescribeRouteTables", "<routeTableSet/>")));
        wire.stubFor(action("DeleteVpc").willReturn(ec2Error("InvalidVpcID.NotFound",
                "The vpc ID '" + VPC + "' does not exist", "req-vpc-404")));

        assertThatThrownBy(() -> cloud.network().deleteVpc(VPC))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.resourceId()).isEqualTo(VPC))
                .hasMessageContaining("ec2:DeleteVpc failed (InvalidVpcID.NotFound");
        assertThat(actions()).containsExactly("DescribeInternetGateways", "DescribeRouteTables", "DeleteVpc");
    }

    @Test
    void deleteVpc_subnetsLeft_isResourceInUse() {
        wire.stubFor(action("DescribeInternetGateways").willReturn(ec2("DescribeInternetGateways", "<internetGatewaySet/>")));
        wire.stubFor(action("DescribeRouteTables").willReturn(ec2("DescribeRouteTables", "<routeTableSet/>")));
        wire.stubFor(action("DeleteVpc").willReturn(ec2Error("DependencyViolation",
                "The vpc '" + VPC + "' has dependencies and cannot be deleted.", "req-vpc-dep")));

        assertThatThrownBy(() -> cloud.network().deleteVpc(VPC))
                .isInstanceOf(ResourceInUseException.class).hasMessageContaining("has dependencies");
    }
}
