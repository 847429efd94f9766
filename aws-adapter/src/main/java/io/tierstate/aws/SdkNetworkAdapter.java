package io.tierstate.aws;

import static io.tierstate.aws.internal.AwsErrors.call;
import static io.tierstate.aws.internal.AwsErrors.run;

import io.tierstate.error.CloudOperationException;
import io.tierstate.error.ResourceNotFoundException;
import io.tierstate.aws.internal.AwsClients;
import io.tierstate.port.NetworkPort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.EgressOnlyInternetGateway;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InternetGatewayAttachment;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.NatGatewayAddress;
import software.amazon.awssdk.services.ec2.model.NetworkAcl;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;
import software.amazon.awssdk.services.ec2.model.Vpc;

/**
 * {@link NetworkPort} on the AWS SDK's EC2 client. Obtain it from {@link AwsCloud#network()}.
 *
 * <p>Every delete is one call; the lifecycle engine deletes a VPC's dependents
 * ({@link #vpcDependents(String, Map)}) before {@link #deleteVpc(String)}. Every list is read to
 * its last page. Security groups that reference another group are reported, never edited.
 */
public final class SdkNetworkAdapter implements NetworkPort {

    private final AwsClients clients;

    SdkNetworkAdapter(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public void deleteSecurityGroup(String groupId) {
        Objects.requireNonNull(groupId, "groupId");
        run("ec2:DeleteSecurityGroup", groupId, () -> clients.ec2().deleteSecurityGroup(b -> b.groupId(groupId)));
    }

    @Override
    public void deleteSubnet(String subnetId) {
        Objects.requireNonNull(subnetId, "subnetId");
        run("ec2:DeleteSubnet", subnetId, () -> clients.ec2().deleteSubnet(b -> b.subnetId(subnetId)));
    }

    @Override
    public void deleteVpc(String vpcId) {
        Objects.requireNonNull(vpcId, "vpcId");
        run("ec2:DeleteVpc", vpcId, () -> clients.ec2().deleteVpc(b -> b.vpcId(vpcId)));
    }

    @Override
    public SecurityGroupDescription describeSecurityGroup(String groupId) {
        Objects.requireNonNull(groupId, "groupId");
        List<SecurityGroup> groups = call("ec2:DescribeSecurityGroups", groupId,
                () -> clients.ec2().describeSecurityGroups(b -> b.groupIds(groupId)).securityGroups());
        SecurityGroup group = groups.stream().filter(g -> groupId.equals(g.groupId())).findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("ec2:DescribeSecurityGroups", groupId, null, null, null));
        return new SecurityGroupDescription(group.groupId(), nullToEmpty(group.vpcId()), nullToEmpty(group.groupName()));
    }

    /**
     * Asks twice, once per direction ({@code ip-permission.group-id} for ingress and
     * {@code egress.ip-permission.group-id} for egress rules), and reports each rule that names the
     * group, as {@code tcp 5432}, {@code tcp 8000-8080} or {@code all}. A group's rules that refer
     * to itself are not references from another group and are left out.
     */
    @Override
    public List<SecurityGroupReference> securityGroupReferences(String groupId) {
        Objects.requireNonNull(groupId, "groupId");
        List<SecurityGroupReference> references = new ArrayList<>();
        references.addAll(references(groupId, "ip-permission.group-id", "ingress"));
        references.addAll(references(groupId, "egress.ip-permission.group-id", "egress"));
        return List.copyOf(references);
    }

    private List<SecurityGroupReference> references(String groupId, String filter, String direction) {
        return call("ec2:DescribeSecurityGroups", groupId, () -> {
            List<SecurityGroupReference> found = new ArrayList<>();
            for (SecurityGroup group : clients.ec2().describeSecurityGroupsPaginator(b -> b.filters(filter(filter, groupId)))
                    .securityGroups()) {
                if (groupId.equals(group.groupId())) {
                    continue;
                }
                List<IpPermission> rules = direction.equals("ingress") ? group.ipPermissions() : group.ipPermissionsEgress();
                for (IpPermission rule : rules) {
                    for (UserIdGroupPair pair : rule.userIdGroupPairs()) {
                        if (groupId.equals(pair.groupId())) {
                            found.add(new SecurityGroupReference(group.groupId(), nullToEmpty(group.groupName()), direction,
                                    rule(rule)));
                        }
                    }
                }
            }
            return found;
        });
    }

    private static String rule(IpPermission rule) {
        String protocol = rule.ipProtocol();
        if (protocol == null || protocol.equals("-1")) {
            return "all";
        }
        Integer from = rule.fromPort();
        Integer to = rule.toPort();
        if (from == null || from == -1) {
            return protocol;
        }
        return protocol + " " + (to == null || to.equals(from) ? String.valueOf(from) : from + "-" + to);
    }

    @Override
    public SubnetDescription describeSubnet(String subnetId) {
        Objects.requireNonNull(subnetId, "subnetId");
        List<Subnet> subnets = call("ec2:DescribeSubnets", subnetId,
                () -> clients.ec2().describeSubnets(b -> b.subnetIds(subnetId)).subnets());
        Subnet subnet = subnets.stream().filter(s -> subnetId.equals(s.subnetId())).findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("ec2:DescribeSubnets", subnetId, null, null, null));
        return new SubnetDescription(subnet.subnetId(), nullToEmpty(subnet.vpcId()));
    }

    @Override
    public VpcDescription describeVpc(String vpcId) {
        Objects.requireNonNull(vpcId, "vpcId");
        List<Vpc> vpcs = call("ec2:DescribeVpcs", vpcId, () -> clients.ec2().describeVpcs(b -> b.vpcIds(vpcId)).vpcs());
        Vpc vpc = vpcs.stream().filter(v -> vpcId.equals(v.vpcId())).findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("ec2:DescribeVpcs", vpcId, null, null, null));
        return new VpcDescription(vpc.vpcId(), Boolean.TRUE.equals(vpc.isDefault()));
    }

    /**
     * Describes the VPC first (so a missing VPC is {@link ResourceNotFoundException}), then reads
     * every kind of dependent, each to its last page. Internet gateways are those attached to the
     * VPC plus detached ones carrying every one of {@code stackTags} (asked with {@code tag:<key>}
     * filters; with no tags, no detached gateway is claimed). NAT gateways in {@code deleted} state
     * and endpoints in {@code deleted} state are left out; a NAT gateway still {@code deleting} is
     * reported, with its Elastic IP allocations, so they can be released once it is gone.
     */
    @Override
    public VpcDependents vpcDependents(String vpcId, Map<String, String> stackTags) {
        Objects.requireNonNull(vpcId, "vpcId");
        Objects.requireNonNull(stackTags, "stackTags");
        describeVpc(vpcId);
        Map<String, InternetGateway> gateways = new LinkedHashMap<>();
        call("ec2:DescribeInternetGateways", vpcId, () -> {
            for (software.amazon.awssdk.services.ec2.model.InternetGateway gateway : clients.ec2()
                    .describeInternetGatewaysPaginator(b -> b.filters(filter("attachment.vpc-id", vpcId))).internetGateways()) {
                gateways.put(gateway.internetGatewayId(), new InternetGateway(gateway.internetGatewayId(), Optional.of(vpcId)));
            }
            if (!stackTags.isEmpty()) {
                List<Filter> tagFilters = stackTags.entrySet().stream().map(e -> filter("tag:" + e.getKey(), e.getValue())).toList();
                for (software.amazon.awssdk.services.ec2.model.InternetGateway gateway : clients.ec2()
                        .describeInternetGatewaysPaginator(b -> b.filters(tagFilters)).internetGateways()) {
                    boolean attachedElsewhere = gateway.attachments().stream().map(InternetGatewayAttachment::vpcId)
                            .anyMatch(Objects::nonNull);
                    if (!attachedElsewhere) {
                        gateways.putIfAbsent(gateway.internetGatewayId(), new InternetGateway(gateway.internetGatewayId(),
                                Optional.empty()));
                    }
                }
            }
            return null;
        });
        List<String> egressOnly = call("ec2:DescribeEgressOnlyInternetGateways", vpcId, () -> {
            List<String> ids = new ArrayList<>();
            for (EgressOnlyInternetGateway gateway : clients.ec2().describeEgressOnlyInternetGatewaysPaginator(b -> { })
                    .egressOnlyInternetGateways()) {
                // this API has no vpc-id filter: keep the gateways attached to the VPC
                if (gateway.attachments().stream().anyMatch(a -> vpcId.equals(a.vpcId()))) {
                    ids.add(gateway.egressOnlyInternetGatewayId());
                }
            }
            return ids;
        });
        List<NatGateway> natGateways = call("ec2:DescribeNatGateways", vpcId, () -> {
            List<NatGateway> found = new ArrayList<>();
            for (software.amazon.awssdk.services.ec2.model.NatGateway gateway : clients.ec2()
                    .describeNatGatewaysPaginator(b -> b.filter(filter("vpc-id", vpcId))).natGateways()) {
                String state = nullToEmpty(gateway.stateAsString());
                if (state.equals("deleted")) {
                    continue;
                }
                List<String> allocations = gateway.natGatewayAddresses().stream().map(NatGatewayAddress::allocationId)
                        .filter(Objects::nonNull).toList();
                found.add(new NatGateway(gateway.natGatewayId(), state, allocations));
            }
            return found;
        });
        List<VpcEndpoint> endpoints = call("ec2:DescribeVpcEndpoints", vpcId, () -> {
            List<VpcEndpoint> found = new ArrayList<>();
            for (software.amazon.awssdk.services.ec2.model.VpcEndpoint endpoint : clients.ec2()
                    .describeVpcEndpointsPaginator(b -> b.filters(filter("vpc-id", vpcId))).vpcEndpoints()) {
                String state = nullToEmpty(endpoint.stateAsString());
                if (state.equalsIgnoreCase("deleted")) {
                    continue;
                }
                found.add(new VpcEndpoint(endpoint.vpcEndpointId(), nullToEmpty(endpoint.vpcEndpointTypeAsString()), state));
            }
            return found;
        });
        List<String> routeTables = call("ec2:DescribeRouteTables", vpcId, () -> {
            List<String> ids = new ArrayList<>();
            for (RouteTable table : clients.ec2().describeRouteTablesPaginator(b -> b.filters(filter("vpc-id", vpcId)))
                    .routeTables()) {
                if (table.associations().stream().noneMatch(a -> Boolean.TRUE.equals(a.main()))) {
                    ids.add(table.routeTableId());
                }
            }
            return ids;
        });
        List<String> acls = call("ec2:DescribeNetworkAcls", vpcId, () -> {
            List<String> ids = new ArrayList<>();
            for (NetworkAcl acl : clients.ec2().describeNetworkAclsPaginator(b -> b.filters(filter("vpc-id", vpcId)))
                    .networkAcls()) {
                if (!Boolean.TRUE.equals(acl.isDefault())) {
                    ids.add(acl.networkAclId());
                }
            }
            return ids;
        });
        return new VpcDependents(List.copyOf(gateways.values()), egressOnly, natGateways, endpoints, routeTables, acls);
    }

    @Override
    public List<NetworkInterface> networkInterfaces(InterfaceFilter filter, String value) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(value, "value");
        String name = switch (filter) {
            case VPC -> "vpc-id";
            case SUBNET -> "subnet-id";
            case SECURITY_GROUP -> "group-id";
        };
        return call("ec2:DescribeNetworkInterfaces", value, () -> {
            List<NetworkInterface> found = new ArrayList<>();
            for (software.amazon.awssdk.services.ec2.model.NetworkInterface eni : clients.ec2()
                    .describeNetworkInterfacesPaginator(b -> b.filters(filter(name, value))).networkInterfaces()) {
                Optional<String> instance = eni.attachment() == null ? Optional.empty()
                        : Optional.ofNullable(eni.attachment().instanceId());
                found.add(new NetworkInterface(eni.networkInterfaceId(), nullToEmpty(eni.statusAsString()),
                        nullToEmpty(eni.interfaceTypeAsString()), nullToEmpty(eni.description()), instance));
            }
            return List.copyOf(found);
        });
    }

    /**
     * Detaches (when attached) and deletes. A gateway found detached meanwhile
     * ({@code Gateway.NotAttached}) is deleted all the same: a crash between the two calls must not
     * block the next run.
     */
    @Override
    public void deleteInternetGateway(String gatewayId, Optional<String> attachedTo) {
        Objects.requireNonNull(gatewayId, "gatewayId");
        Objects.requireNonNull(attachedTo, "attachedTo");
        if (attachedTo.isPresent()) {
            try {
                run("ec2:DetachInternetGateway", gatewayId, () -> clients.ec2().detachInternetGateway(
                        b -> b.internetGatewayId(gatewayId).vpcId(attachedTo.get())));
            } catch (CloudOperationException e) {
                if (!e.errorCode().filter("Gateway.NotAttached"::equals).isPresent()) {
                    throw e;
                }
            }
        }
        run("ec2:DeleteInternetGateway", gatewayId, () -> clients.ec2().deleteInternetGateway(b -> b.internetGatewayId(gatewayId)));
    }

    @Override
    public void deleteEgressOnlyInternetGateway(String gatewayId) {
        Objects.requireNonNull(gatewayId, "gatewayId");
        run("ec2:DeleteEgressOnlyInternetGateway", gatewayId, () -> clients.ec2()
                .deleteEgressOnlyInternetGateway(b -> b.egressOnlyInternetGatewayId(gatewayId)));
    }

    @Override
    public void deleteNatGateway(String natGatewayId) {
        Objects.requireNonNull(natGatewayId, "natGatewayId");
        run("ec2:DeleteNatGateway", natGatewayId, () -> clients.ec2().deleteNatGateway(b -> b.natGatewayId(natGatewayId)));
    }

    @Override
    public void releaseAddress(String allocationId) {
        Objects.requireNonNull(allocationId, "allocationId");
        run("ec2:ReleaseAddress", allocationId, () -> clients.ec2().releaseAddress(b -> b.allocationId(allocationId)));
    }

    /**
     * {@code DeleteVpcEndpoints} answers 200 with the endpoints it could not delete listed in
     * {@code Unsuccessful}; such an answer is mapped like the error it carries.
     */
    @Override
    public void deleteVpcEndpoint(String endpointId) {
        Objects.requireNonNull(endpointId, "endpointId");
        var unsuccessful = call("ec2:DeleteVpcEndpoints", endpointId,
                () -> clients.ec2().deleteVpcEndpoints(b -> b.vpcEndpointIds(endpointId)).unsuccessful());
        for (var item : unsuccessful) {
            if (item.error() == null) {
                continue;
            }
            String code = nullToEmpty(item.error().code());
            String message = nullToEmpty(item.error().message());
            if (code.endsWith(".NotFound")) {
                throw new ResourceNotFoundException("ec2:DeleteVpcEndpoints", endpointId, code, null, null);
            }
            throw new CloudOperationException("ec2:DeleteVpcEndpoints", code, null, 200, false,
                    endpointId + ": " + message, null);
        }
    }

    /**
     * EC2 refuses to delete a route table that is still associated with a subnet, so its subnet
     * associations are removed first ({@code DisassociateRouteTable}); an association that is
     * already gone is skipped.
     */
    @Override
    public void deleteRouteTable(String routeTableId) {
        Objects.requireNonNull(routeTableId, "routeTableId");
        List<String> associations = call("ec2:DescribeRouteTables", routeTableId, () -> {
            List<String> ids = new ArrayList<>();
            for (RouteTable table : clients.ec2().describeRouteTables(b -> b.routeTableIds(routeTableId)).routeTables()) {
                table.associations().stream().filter(a -> !Boolean.TRUE.equals(a.main()) && a.subnetId() != null)
                        .map(a -> a.routeTableAssociationId()).filter(Objects::nonNull).forEach(ids::add);
            }
            return ids;
        });
        for (String association : associations) {
            try {
                run("ec2:DisassociateRouteTable", association,
                        () -> clients.ec2().disassociateRouteTable(b -> b.associationId(association)));
            } catch (ResourceNotFoundException e) {
                // its subnet went first
            }
        }
        run("ec2:DeleteRouteTable", routeTableId, () -> clients.ec2().deleteRouteTable(b -> b.routeTableId(routeTableId)));
    }

    /**
     * EC2 refuses to delete a network ACL that subnets still use, so its subnets go back to the
     * VPC's default ACL first ({@code ReplaceNetworkAclAssociation}).
     */
    @Override
    public void deleteNetworkAcl(String networkAclId) {
        Objects.requireNonNull(networkAclId, "networkAclId");
        NetworkAcl acl = call("ec2:DescribeNetworkAcls", networkAclId,
                () -> clients.ec2().describeNetworkAcls(b -> b.networkAclIds(networkAclId)).networkAcls()).stream()
                .filter(a -> networkAclId.equals(a.networkAclId())).findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("ec2:DescribeNetworkAcls", networkAclId, null, null, null));
        if (!acl.associations().isEmpty()) {
            String defaultAcl = call("ec2:DescribeNetworkAcls", acl.vpcId(), () -> clients.ec2().describeNetworkAcls(
                    b -> b.filters(filter("vpc-id", acl.vpcId()), filter("default", "true"))).networkAcls()).stream()
                    .map(NetworkAcl::networkAclId).findFirst()
                    .orElseThrow(() -> new CloudOperationException("ec2:DescribeNetworkAcls", null, null, 0, false,
                            "VPC " + acl.vpcId() + " has no default network ACL to give the subnets of " + networkAclId
                                    + " back to; reassociate them by hand", null));
            for (var association : acl.associations()) {
                run("ec2:ReplaceNetworkAclAssociation", association.networkAclAssociationId(), () -> clients.ec2()
                        .replaceNetworkAclAssociation(b -> b.associationId(association.networkAclAssociationId())
                                .networkAclId(defaultAcl)));
            }
        }
        run("ec2:DeleteNetworkAcl", networkAclId, () -> clients.ec2().deleteNetworkAcl(b -> b.networkAclId(networkAclId)));
    }

    private static Filter filter(String name, String value) {
        return Filter.builder().name(name).values(value).build();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
