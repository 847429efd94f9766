package io.tierstate.aws;

import static io.tierstate.aws.internal.AwsErrors.call;
import static io.tierstate.aws.internal.AwsErrors.run;

import io.tierstate.aws.internal.AwsClients;
import io.tierstate.port.NetworkPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InternetGateway;
import software.amazon.awssdk.services.ec2.model.RouteTable;

/**
 * {@link NetworkPort} on the AWS SDK's EC2 client. Obtain it from {@link AwsCloud#network()}.
 *
 * <p>{@link #deleteVpc(String)} first detaches and deletes the VPC's internet gateways and deletes
 * its route tables other than the main one (which goes with the VPC), because EC2 refuses to delete
 * a VPC that still has them. Subnets and security groups are not deleted here: delete them first
 * with {@link #deleteSubnet(String)} and {@link #deleteSecurityGroup(String)}.
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
        List<String> gateways = call("ec2:DescribeInternetGateways", vpcId, () -> {
            List<String> ids = new ArrayList<>();
            for (InternetGateway gateway : clients.ec2().describeInternetGatewaysPaginator(b -> b.filters(
                    Filter.builder().name("attachment.vpc-id").values(vpcId).build())).internetGateways()) {
                ids.add(gateway.internetGatewayId());
            }
            return ids;
        });
        for (String gateway : gateways) {
            run("ec2:DetachInternetGateway", gateway,
                    () -> clients.ec2().detachInternetGateway(b -> b.internetGatewayId(gateway).vpcId(vpcId)));
            run("ec2:DeleteInternetGateway", gateway, () -> clients.ec2().deleteInternetGateway(b -> b.internetGatewayId(gateway)));
        }
        List<String> routeTables = call("ec2:DescribeRouteTables", vpcId, () -> {
            List<String> ids = new ArrayList<>();
            for (RouteTable table : clients.ec2().describeRouteTablesPaginator(b -> b.filters(
                    Filter.builder().name("vpc-id").values(vpcId).build())).routeTables()) {
                boolean main = table.associations().stream().anyMatch(a -> Boolean.TRUE.equals(a.main()));
                if (!main) {
                    ids.add(table.routeTableId());
                }
            }
            return ids;
        });
        for (String table : routeTables) {
            run("ec2:DeleteRouteTable", table, () -> clients.ec2().deleteRouteTable(b -> b.routeTableId(table)));
        }
        run("ec2:DeleteVpc", vpcId, () -> clients.ec2().deleteVpc(b -> b.vpcId(vpcId)));
    }
}
