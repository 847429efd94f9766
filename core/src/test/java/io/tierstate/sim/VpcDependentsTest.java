package io.tierstate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.error.CloudOperationException;
import io.tierstate.error.ResourceInUseException;
import io.tierstate.error.ResourceNotFoundException;
import io.tierstate.port.NetworkPort;
import io.tierstate.port.NetworkPort.InternetGateway;
import io.tierstate.port.NetworkPort.NatGateway;
import io.tierstate.port.NetworkPort.VpcDependents;
import io.tierstate.port.NetworkPort.VpcEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What lives in a VPC and must go before it, and security groups referenced by other groups. */
class VpcDependentsTest {

    private static final Map<String, String> STACK = Map.of("Stack", "gpu-global");

    private final SimulatedCloud cloud = SimWorlds.cloud();
    private final NetworkPort net = cloud.network();
    private String vpc;
    private String subnet;

    @BeforeEach
    void setUp() {
        vpc = cloud.createVpc();
        subnet = cloud.createSubnet(vpc);
    }

    @Test
    void aBareVpc_hasNoDependents_itsMainRouteTableAndDefaultAclAreNeverListed() {
        assertThat(net.vpcDependents(vpc, STACK)).isEqualTo(VpcDependents.none());
        List<String> defaults = cloud.vpcDefaults(vpc);
        assertThat(defaults.get(0)).matches("rtb-[0-9a-f]{17}");
        assertThat(defaults.get(1)).matches("acl-[0-9a-f]{17}");

        assertThatThrownBy(() -> net.deleteRouteTable(defaults.get(0))).isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("DependencyViolation").hasMessageContaining("main route table");
        assertThatThrownBy(() -> net.deleteNetworkAcl(defaults.get(1))).isInstanceOf(CloudOperationException.class)
                .hasMessageContaining("InvalidParameterValue").hasMessageContaining("default network ACL");
        assertThat(cloud.calls(SimOperation.DESCRIBE_INTERNET_GATEWAYS)).isEqualTo(1);
        assertThat(cloud.calls(SimOperation.DESCRIBE_NETWORK_ACLS)).isEqualTo(1);
        assertThatThrownBy(() -> net.vpcDependents("vpc-0", STACK)).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("InvalidVpcID.NotFound");
    }

    @Test
    void everyKindOfDependent_isListed_andBlocksDeleteVpc_untilDeleted() {
        net.deleteSubnet(cloud.createSubnet(vpc)); // a spare subnet, gone
        String igw = cloud.createInternetGateway(vpc);
        String strayIgw = cloud.createInternetGateway(null, Map.of("Stack", "gpu-global", "Owner", "ops"));
        String othersIgw = cloud.createInternetGateway(null, Map.of("Stack", "another-stack"));
        String eigw = cloud.createEgressOnlyInternetGateway(vpc);
        String eip = cloud.allocateAddress();
        String nat = cloud.createNatGateway(subnet, eip);
        String endpoint = cloud.createVpcEndpoint(vpc, "Gateway", List.of(), List.of());
        String rtb = cloud.createRouteTable(vpc);
        String acl = cloud.createNetworkAcl(vpc);

        VpcDependents d = net.vpcDependents(vpc, STACK);
        assertThat(d.internetGateways()).containsExactlyInAnyOrder(new InternetGateway(igw, Optional.of(vpc)),
                new InternetGateway(strayIgw, Optional.empty()));
        assertThat(d.internetGateways()).extracting(InternetGateway::id).doesNotContain(othersIgw);
        assertThat(d.egressOnlyInternetGateways()).containsExactly(eigw);
        assertThat(d.natGateways()).containsExactly(new NatGateway(nat, "available", List.of(eip)));
        assertThat(d.vpcEndpoints()).containsExactly(new VpcEndpoint(endpoint, "Gateway", "available"));
        assertThat(d.routeTables()).containsExactly(rtb);
        assertThat(d.networkAcls()).containsExactly(acl);

        net.deleteSubnet(cloud.createSubnet(vpc));
        assertThatThrownBy(() -> net.deleteVpc(vpc)).isInstanceOfSatisfying(ResourceInUseException.class,
                e -> assertThat(e.errorCode()).contains("DependencyViolation"))
                .hasMessageContaining("subnet " + subnet).hasMessageContaining("internet gateway " + igw)
                .hasMessageContaining("egress-only internet gateway " + eigw).hasMessageContaining("NAT gateway " + nat)
                .hasMessageContaining("VPC endpoint " + endpoint).hasMessageContaining("route table " + rtb)
                .hasMessageContaining("network ACL " + acl).hasMessageNotContaining(strayIgw);

        net.deleteInternetGateway(igw, Optional.of(vpc));
        net.deleteInternetGateway(strayIgw, Optional.empty());
        net.deleteEgressOnlyInternetGateway(eigw);
        net.deleteNatGateway(nat);
        net.deleteVpcEndpoint(endpoint);
        net.deleteRouteTable(rtb);
        net.deleteNetworkAcl(acl);
        cloud.clock().advance(Duration.ofMinutes(1));
        net.releaseAddress(eip);
        net.deleteSubnet(subnet);

        assertThat(net.vpcDependents(vpc, STACK)).isEqualTo(VpcDependents.none());
        net.deleteVpc(vpc);
        assertThat(cloud.liveResources()).extracting(SimResource::id).containsExactly(othersIgw);
        assertThat(cloud.calls(SimOperation.DETACH_INTERNET_GATEWAY)).isEqualTo(1);
        assertThat(cloud.calls(SimOperation.DELETE_INTERNET_GATEWAY)).isEqualTo(2);
    }

    @Test
    void deleteVpc_deletesOnlyTheVpc_itsDetachedGatewaysStay() {
        String igw = cloud.createInternetGateway(vpc, STACK);
        net.deleteSubnet(subnet);
        cloud.detachInternetGateway(igw, vpc);

        net.deleteVpc(vpc);

        assertThat(cloud.exists(igw)).as("a detached gateway does not block the VPC and is not deleted with it").isTrue();
    }

    @Test
    void internetGateway_attachedButDeletedWithoutDetach_isADependencyViolation_wrongVpcIsNotAttached() {
        String igw = cloud.createInternetGateway(vpc);

        assertThatThrownBy(() -> net.deleteInternetGateway(igw, Optional.empty())).isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("DependencyViolation").hasMessageContaining("attached to " + vpc);
        assertThatThrownBy(() -> net.deleteInternetGateway(igw, Optional.of("vpc-0"))).isInstanceOf(CloudOperationException.class)
                .hasMessageContaining("Gateway.NotAttached");
        assertThatThrownBy(() -> net.deleteInternetGateway("igw-0", Optional.empty())).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("InvalidInternetGatewayID.NotFound");
    }

    @Test
    void natGateway_isDeletingForAMinute_thenDeleted_andItsAddressIsReleasedOnlyThen() {
        String eip = cloud.allocateAddress();
        String nat = cloud.createNatGateway(subnet, eip);
        assertThatThrownBy(() -> net.releaseAddress(eip)).isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("InvalidIPAddress.InUse").hasMessageContaining(nat);

        net.deleteNatGateway(nat);
        assertThat(net.vpcDependents(vpc, STACK).natGateways()).singleElement().satisfies(n -> {
            assertThat(n.state()).isEqualTo("deleting");
            assertThat(n.deletedOrDeleting()).isTrue();
        });
        assertThatThrownBy(() -> net.releaseAddress(eip)).isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("(deleting)");
        assertThatThrownBy(() -> net.deleteSubnet(subnet)).isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("Interface for NAT Gateway " + nat);
        cloud.clock().advance(Duration.ofMinutes(1));

        assertThat(net.vpcDependents(vpc, STACK).natGateways()).isEmpty();
        net.releaseAddress(eip);
        net.deleteSubnet(subnet);
        assertThatThrownBy(() -> net.releaseAddress(eip)).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("InvalidAllocationID.NotFound");
        assertThatThrownBy(() -> net.deleteNatGateway(nat)).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("NatGatewayNotFound");
    }

    @Test
    void vpcEndpoint_deletesAsynchronously() {
        String endpoint = cloud.createVpcEndpoint(vpc, "Gateway", List.of(), List.of());
        net.deleteVpcEndpoint(endpoint);

        assertThat(net.vpcDependents(vpc, STACK).vpcEndpoints()).containsExactly(new VpcEndpoint(endpoint, "Gateway", "deleting"));
        net.deleteSubnet(subnet);
        assertThatThrownBy(() -> net.deleteVpc(vpc)).isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("VPC endpoint " + endpoint + " (deleting)");
        cloud.clock().advance(Duration.ofMinutes(1));
        net.deleteVpc(vpc);
        assertThatThrownBy(() -> net.deleteVpcEndpoint(endpoint)).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("InvalidVpcEndpointId.NotFound");
    }

    @Test
    void describes_giveVpcSubnetAndGroup() {
        String sg = cloud.createSecurityGroup(vpc, "web");
        String defaultVpc = cloud.createDefaultVpc();

        assertThat(net.describeVpc(vpc)).isEqualTo(new NetworkPort.VpcDescription(vpc, false));
        assertThat(net.describeVpc(defaultVpc).isDefault()).isTrue();
        assertThat(net.describeSubnet(subnet)).isEqualTo(new NetworkPort.SubnetDescription(subnet, vpc));
        assertThat(net.describeSecurityGroup(sg)).isEqualTo(new NetworkPort.SecurityGroupDescription(sg, vpc, "web"));
        assertThatThrownBy(() -> cloud.createSecurityGroup(vpc, "web")).isInstanceOf(CloudOperationException.class)
                .hasMessageContaining("InvalidGroup.Duplicate");
        assertThatThrownBy(() -> net.describeSecurityGroup("sg-0")).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("InvalidGroup.NotFound").hasMessageContaining("ec2:DescribeSecurityGroups");
    }

    @Test
    void aGroupReferencedByAnotherGroupsRule_cannotBeDeleted_andTheReferenceIsListed() {
        String db = cloud.createSecurityGroup(vpc, "db");
        String clients = cloud.createSecurityGroup(vpc, "db-clients");
        cloud.addSecurityGroupReference(clients, db, "egress", "tcp 5432");

        assertThat(net.securityGroupReferences(db)).containsExactly(
                new NetworkPort.SecurityGroupReference(clients, "db-clients", "egress", "tcp 5432"));
        assertThat(net.securityGroupReferences(db).get(0)).hasToString(clients + " (db-clients) egress tcp 5432");
        assertThat(net.securityGroupReferences(clients)).isEmpty();
        assertThatThrownBy(() -> net.deleteSecurityGroup(db)).isInstanceOfSatisfying(ResourceInUseException.class,
                e -> assertThat(e.errorCode()).contains("DependencyViolation"))
                .hasMessageContaining("has a dependent object").hasMessageContaining(clients + " (db-clients) egress tcp 5432");

        net.deleteSecurityGroup(clients);
        assertThat(net.securityGroupReferences(db)).isEmpty();
        net.deleteSecurityGroup(db);
        assertThatThrownBy(() -> cloud.addSecurityGroupReference(db, db, "sideways", "tcp 1"))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("InvalidGroup.NotFound");
    }
}
