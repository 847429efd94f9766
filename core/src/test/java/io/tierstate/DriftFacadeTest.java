package io.tierstate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.drift.Drift;
import io.tierstate.drift.DriftReport;
import io.tierstate.error.CloudOperationException;
import io.tierstate.error.InvalidInputException;
import io.tierstate.error.ResourceNotFoundException;
import io.tierstate.model.DeploymentConfig;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.Status;
import io.tierstate.model.Tier;
import io.tierstate.port.LoadBalancerDescription;
import io.tierstate.sim.SimulatedCloud;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drift on the simulated cloud: changes made outside TierState, found, shown, and recorded only when asked. */
class DriftFacadeTest {

    @TempDir
    Path home;

    private SimulatedCloud sim;
    private DeploymentClient client;
    private LoadBalancerDescription alb;
    private String instance;
    private String efs;
    private String distribution;

    @BeforeEach
    void setUp() {
        sim = SimulatedCloud.create();
        client = DeploymentClient.builder().home(home).cloud(sim).build();
        String vpc = sim.createVpc();
        List<String> subnets = List.of(sim.createSubnet(vpc), sim.createSubnet(vpc));
        String sg = sim.createSecurityGroup(vpc);
        alb = sim.createLoadBalancer("web-alb", subnets);
        instance = sim.launchInstance("g4dn.xlarge", "ami-0gpu", subnets.get(0), sg);
        efs = sim.createFileSystem();
        sim.clock().advance(Duration.ofMinutes(2)); // EC2's eventual consistency shows the instance
        client.deployment("web").create(DeploymentState.builder().stackName("web").status(Status.RUNNING)
                .config(DeploymentConfig.builder().tier(Tier.GPU).instanceType("g4dn.xlarge").amiId("ami-0gpu").build())
                .albDns(alb.dnsName()).albArn(alb.arn()).instanceId(instance).efsId(efs).build());
        distribution = client.deployment("web").provisionCloudFront(CloudFrontOptions.defaults().withWaitForDeployed(true))
                .cloudFrontDistributionId().orElseThrow();
        client.deployment("web").recordDrift(); // every value recorded: from here on only outside changes show
    }

    @Test
    void drift_afterRecording_isEmpty_andNothingIsNotRecorded() {
        DriftReport r = client.deployment("web").drift();

        assertThat(r.isEmpty()).as(r.render()).isTrue();
        assertThat(r.notRecorded()).isEmpty();
    }

    @Test
    void drift_findsEveryOutsideChange_andLeavesTheStateFileByteIdentical() throws Exception {
        Path file = home.resolve("deployments/web.json");
        byte[] before = Files.readAllBytes(file);
        long serial = client.deployment("web").state().serial();
        sim.setPriceClass(distribution, "PriceClass_All");
        sim.addAlias(distribution, "cdn.example.com");
        sim.stopInstance(instance);
        sim.modifyInstanceType(instance, "g5.xlarge");
        sim.growFileSystem(efs, 1_073_741_824L);

        DriftReport r = client.deployment("web").drift();

        assertThat(r.drifts()).extracting(Drift::field, d -> d.recorded().orElse(null), d -> d.live().orElse(null))
                .containsExactly(Tuple.tuple("cloudfront.price_class", "PriceClass_100", "PriceClass_All"),
                        Tuple.tuple("cloudfront.aliases", "none", "cdn.example.com"),
                        Tuple.tuple("instance.type", "g4dn.xlarge", "g5.xlarge"),
                        Tuple.tuple("instance.state", "running", "stopped"),
                        // an empty file system meters 6,144 bytes; + 1 GiB (1,073,741,824) = 1,073,747,968
                        Tuple.tuple("efs.size_bytes", "6144", "1073747968"));
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(client.deployment("web").state().serial()).isEqualTo(serial);
        assertThat(client.deployment("web").drift(List.of("efs.size_bytes")).drifts()).hasSize(4);
    }

    @Test
    void recordDrift_writesTheLiveValues_bumpsTheSerial_andThenThereIsNoDrift() {
        long serial = client.deployment("web").state().serial();
        sim.setDistributionEnabled(distribution, false);
        sim.stopInstance(instance);

        DriftReport r = client.deployment("web").recordDrift(List.of());

        assertThat(r.drifts()).extracting(Drift::field).containsExactly("cloudfront.enabled", "instance.state");
        assertThat(r.recordedSerial()).contains(serial + 1);
        assertThat(r.render()).contains("recorded in the state (serial " + (serial + 1) + ")");
        DeploymentState s = client.deployment("web").state();
        assertThat(s.serial()).isEqualTo(serial + 1);
        assertThat(s.cloudFrontEnabled()).contains(false);
        assertThat(s.instanceState()).contains("stopped");
        assertThat(client.deployment("web").drift().isEmpty()).isTrue();
        // inspect shows what the refresh saw
        assertThat(client.deployment("web").inspect().render()).containsPattern("(?m)^  state +stopped$");
        assertThat(client.deployment("web").inspect().toJson()).contains("\"state\": \"stopped\"");
    }

    @Test
    void recordDrift_ofANewInstanceType_writesItWhereTheCostEstimateReadsIt() {
        sim.stopInstance(instance);
        sim.modifyInstanceType(instance, "g5.xlarge");
        sim.startInstance(instance);

        client.deployment("web").recordDrift();

        DeploymentState s = client.deployment("web").state();
        assertThat(s.config().instanceType()).contains("g5.xlarge");
        assertThat(s.instanceType()).contains("g5.xlarge");
        assertThat(s.instanceState()).contains("running");
    }

    @Test
    void aDeletedLoadBalancer_isGone_andRecordingMarksIt_thenItIsNoLongerDrift() {
        sim.loadBalancing().deleteLoadBalancer(alb.arn());
        sim.clock().advance(Duration.ofMinutes(5));
        assertThatThrownBy(() -> sim.loadBalancing().describeLoadBalancer(alb.arn()))
                .isInstanceOf(ResourceNotFoundException.class);

        DriftReport r = client.deployment("web").drift();
        assertThat(r.drifts()).extracting(Drift::field, Drift::kind).containsExactly(Tuple.tuple("alb", Drift.Kind.GONE));

        client.deployment("web").recordDrift();
        assertThat(client.deployment("web").state().albGoneAt()).isPresent();
        assertThat(client.deployment("web").drift().isEmpty()).isTrue();
        // inspect says it is gone, in words and in the JSON
        assertThat(client.deployment("web").inspect().render()).contains("gone (no such load balancer; found ");
        assertThat(client.deployment("web").inspect().toJson()).containsPattern("\"load_balancer\": \\{[^}]*\"gone_at\": \"");
    }

    @Test
    void aDeniedDescribe_isUnchecked_notDrift() {
        sim.denyPermission("elasticfilesystem:DescribeFileSystems");

        DriftReport r = client.deployment("web").drift();

        assertThat(r.isEmpty()).isTrue();
        assertThat(r.unchecked()).containsKey("efs");
    }

    @Test
    void drift_withAnUnknownIgnore_failsBeforeAnyCloudCall() {
        long calls = sim.calls();

        assertThatThrownBy(() -> client.deployment("web").drift(List.of("efs.size")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("efs.size_bytes");
        assertThat(sim.calls()).isEqualTo(calls);
    }

    @Test
    void theSimulatedCloud_isAsStrictAsEc2_andCloudFront() {
        assertThatThrownBy(() -> sim.modifyInstanceType(instance, "g5.xlarge")).isInstanceOf(CloudOperationException.class)
                .hasMessageContaining("not in a state from which it can modify the instance type of (it is running)");
        assertThatThrownBy(() -> sim.setPriceClass(distribution, "PriceClass_Cheap"))
                .isInstanceOf(CloudOperationException.class).hasMessageContaining("PriceClass_Cheap");
        assertThatThrownBy(() -> sim.addCacheBehavior(distribution, "/api/*", "nowhere"))
                .isInstanceOf(CloudOperationException.class).hasMessageContaining("nowhere");
        sim.addOrigin(distribution, "assets", "assets.example.com");
        sim.addCacheBehavior(distribution, "/static/*", "assets");
        assertThat(client.deployment("web").drift().drifts()).extracting(Drift::field)
                .containsExactly("cloudfront.origins", "cloudfront.cache_behaviors");
    }
}
