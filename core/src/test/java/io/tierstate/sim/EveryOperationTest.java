package io.tierstate.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierstate.port.NetworkPort.InterfaceFilter;
import io.tierstate.testing.Tier3World;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every port method is one or more counted, reported calls, each named by a {@link SimOperation}. */
class EveryOperationTest {

    @Test
    void everyOperation_isCountedAndReported() {
        SimulatedCloud cloud = SimWorlds.cloud();
        Tier3World w = Tier3World.build(cloud);
        String spot = cloud.launchSpotInstance("g5.xlarge", "ami-1", w.subnets().get(0), w.securityGroup(), true);
        String ap = cloud.createAccessPoint(w.fileSystem());
        String other = cloud.createFileSystem();
        cloud.createReplication(other, "us-east-1");
        cloud.attachRolePolicy(w.role(), "arn:aws:iam::aws:policy/ReadOnlyAccess");
        cloud.putRolePolicy(w.role(), "inline");
        String igw = cloud.createInternetGateway(w.vpc());
        String eigw = cloud.createEgressOnlyInternetGateway(w.vpc());
        String eip = cloud.allocateAddress();
        String nat = cloud.createNatGateway(w.subnets().get(0), eip);
        String endpoint = cloud.createVpcEndpoint(w.vpc(), "Gateway", List.of(), List.of());
        String rtb = cloud.createRouteTable(w.vpc());
        String acl = cloud.createNetworkAcl(w.vpc());
        Map<SimOperation, Long> before = new java.util.EnumMap<>(SimOperation.class);
        for (SimOperation op : SimOperation.values()) {
            before.put(op, cloud.calls(op));
        }
        long callsBefore = cloud.calls();
        List<SimOperation> seen = new ArrayList<>();
        cloud.onCall(c -> seen.add(c.operation()));
        cloud.clock().advance(Duration.ofMinutes(5));
        String d = w.distribution();

        cloud.cloudFront().getDistribution(d);
        String etag = cloud.cloudFront().getDistributionConfig(d).etag();
        cloud.cloudFront().distributionTags(cloud.cloudFront().getDistribution(d).arn());
        String disabled = cloud.cloudFront().setEnabled(d, false, etag);
        cloud.clock().advance(Duration.ofMinutes(15));
        cloud.cloudFront().deleteDistribution(d, disabled);
        cloud.cloudFront().createDistribution(Tier3World.spec("again", w.loadBalancer().dnsName()));
        cloud.compute().describeInstance(w.instance());
        cloud.compute().instanceHealth(w.instance());
        cloud.compute().gpuSpec("g4dn.xlarge");
        cloud.compute().setTerminationProtection(w.instance(), false);
        cloud.compute().terminationProtection(w.instance());
        cloud.compute().cancelSpotRequest(cloud.compute().spotRequest(spot).orElseThrow().id());
        cloud.compute().terminateInstance(w.instance());
        cloud.loadBalancing().describeLoadBalancer(w.loadBalancer().arn());
        cloud.loadBalancing().describeTargetGroup(w.targetGroup());
        cloud.loadBalancing().listeners(w.loadBalancer().arn());
        cloud.loadBalancing().setDeletionProtection(w.loadBalancer().arn(), false);
        cloud.loadBalancing().deletionProtection(w.loadBalancer().arn());
        cloud.loadBalancing().deleteLoadBalancer(w.loadBalancer().arn());
        cloud.clock().advance(Duration.ofMinutes(1));
        cloud.loadBalancing().deleteTargetGroup(w.targetGroup());
        cloud.fileSystems().describeFileSystem(w.fileSystem());
        cloud.fileSystems().accessPoints(w.fileSystem());
        cloud.fileSystems().deleteAccessPoint(ap);
        cloud.fileSystems().replicationDestinations(other);
        cloud.fileSystems().deleteReplicationConfiguration(other);
        cloud.fileSystems().mountTargets(w.fileSystem());
        cloud.fileSystems().deleteMountTarget(w.mountTargets().get(0));
        cloud.fileSystems().deleteFileSystem(other);
        cloud.identity().describeRole(w.role());
        cloud.identity().describeInstanceProfile(w.profile());
        cloud.identity().deleteRole(w.role());
        cloud.identity().deleteInstanceProfile(w.profile());
        cloud.network().describeVpc(w.vpc());
        cloud.network().describeSubnet(w.subnets().get(0));
        cloud.network().describeSecurityGroup(w.securityGroup());
        cloud.network().securityGroupReferences(w.securityGroup());
        cloud.network().vpcDependents(w.vpc(), Map.of());
        cloud.network().networkInterfaces(InterfaceFilter.VPC, w.vpc());
        cloud.network().deleteInternetGateway(igw, Optional.of(w.vpc()));
        cloud.network().deleteEgressOnlyInternetGateway(eigw);
        cloud.network().deleteNatGateway(nat);
        cloud.clock().advance(Duration.ofMinutes(1));
        cloud.network().releaseAddress(eip);
        cloud.network().deleteVpcEndpoint(endpoint);
        cloud.network().deleteRouteTable(rtb);
        cloud.network().deleteNetworkAcl(acl);
        cloud.network().deleteSecurityGroup(cloud.createSecurityGroup(w.vpc()));
        cloud.network().deleteSubnet(cloud.createSubnet(w.vpc()));
        cloud.network().deleteVpc(cloud.createVpc());
        cloud.metrics().read(List.of(io.tierstate.port.MetricQuery.average("AWS/EFS", "StorageBytes",
                Map.of("FileSystemId", w.fileSystem(), "StorageClass", "Total"), Duration.ofHours(1))),
                io.tierstate.port.MetricWindow.endingAt(cloud.clock().now(), Duration.ofDays(1)));

        assertThat(EnumSet.copyOf(seen)).isEqualTo(EnumSet.allOf(SimOperation.class));
        Set<SimOperation> all = EnumSet.allOf(SimOperation.class);
        for (SimOperation op : all) {
            assertThat(cloud.calls(op) - before.get(op)).as(op.toString()).isEqualTo(seen.stream().filter(op::equals).count());
        }
        assertThat(cloud.calls() - callsBefore).isEqualTo(seen.size());
    }
}
