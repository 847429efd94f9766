package io.tierstate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.error.TierStateException;
import io.tierstate.model.CloudFrontStatus;
import io.tierstate.port.DistributionConfig;
import io.tierstate.port.InstanceDescription;
import io.tierstate.testing.Concurrently;
import io.tierstate.testing.Tier3World;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {

    @TempDir
    Path dir;

    private Tier3World world;

    private SimulatedCloud busyWorld(VirtualClockTest.FakeRealTime real) {
        SimulatedCloud cloud = SimulatedCloud.builder().startingAt(SimWorlds.START).seed(5).realTime(real)
                .latency(SimOperation.UPDATE_DISTRIBUTION, Duration.ofMinutes(20))
                .faults(Faults.builder().throttling(SimOperation.DESCRIBE_INSTANCE_STATUS, 0.5).build()).build();
        Tier3World w = Tier3World.build(cloud);
        world = w;
        cloud.clock().advance(Duration.ofMinutes(5));
        DistributionConfig c = cloud.cloudFront().getDistributionConfig(w.distribution());
        cloud.cloudFront().setEnabled(w.distribution(), false, c.etag());
        cloud.loadBalancing().deleteLoadBalancer(w.loadBalancer().arn());
        cloud.fileSystems().deleteMountTarget(w.mountTargets().get(0));
        cloud.compute().terminateInstance(w.instance());
        cloud.identity().deleteInstanceProfile(w.profile());
        cloud.setInstanceImpaired(w.instance(), true);
        return cloud;
    }

    @Test
    void saveThenLoad_givesTheSameWorld_clock_etagsAndSettings() throws IOException {
        VirtualClockTest.FakeRealTime real = new VirtualClockTest.FakeRealTime();
        SimulatedCloud cloud = busyWorld(real);
        Path file = dir.resolve("sim-cloud.json");

        cloud.saveTo(file);
        SimulatedCloud loaded = SimulatedCloud.loadFrom(file);

        assertThat(loaded.clock().now()).isEqualTo(cloud.clock().now());
        assertThat(loaded.clock().isInstant()).isTrue();
        assertThat(loaded.liveResources()).isEqualTo(cloud.liveResources());
        assertThat(loaded.describe()).isEqualTo(cloud.describe());
        assertThat(loaded.seed()).isEqualTo(5);
        assertThat(loaded.latencies()).isEqualTo(cloud.latencies());
        assertThat(loaded.faults()).isEqualTo(cloud.faults());
        assertThat(loaded.cloudFront().getDistribution(world.distribution()))
                .as("status, ETag, origins, cache behaviours and tags")
                .isEqualTo(cloud.cloudFront().getDistribution(world.distribution()));
        assertThat(loaded.compute().describeInstance(world.instance()))
                .isEqualTo(cloud.compute().describeInstance(world.instance()));
        assertThat(Files.readString(file)).contains("\"format\" : \"tierstate-simulated-cloud\"").contains("\"gone_at\"");
    }

    @Test
    void aLoadedWorld_goesOnExactlyAsTheOriginalWould() {
        VirtualClockTest.FakeRealTime real = new VirtualClockTest.FakeRealTime();
        SimulatedCloud cloud = busyWorld(real);
        Path file = dir.resolve("sim-cloud.json");
        cloud.saveTo(file);
        SimulatedCloud loaded = SimulatedCloud.loadFrom(file);

        for (SimulatedCloud c : new SimulatedCloud[] {cloud, loaded}) {
            c.clock().advance(Duration.ofSeconds(45));
        }

        assertThat(loaded.liveResources()).isEqualTo(cloud.liveResources())
                .as("the ALB is gone after 30 s, the mount target still deleting for 1 min")
                .doesNotContain(new SimResource(SimResource.Kind.LOAD_BALANCER, world.loadBalancer().arn()))
                .contains(new SimResource(SimResource.Kind.MOUNT_TARGET, world.mountTargets().get(0)));
        assertThat(loaded.createVpc()).as("ids continue the same sequence").isEqualTo(cloud.createVpc());
        List<String> original = new ArrayList<>();
        List<String> resumed = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            original.add(outcome(cloud, world.instance()));
            resumed.add(outcome(loaded, world.instance()));
        }
        assertThat(resumed).as("faults continue the same sequence").isEqualTo(original)
                .anyMatch(o -> o.contains("Throttling")).anyMatch(o -> o.equals("Optional.empty"));
        for (SimulatedCloud c : new SimulatedCloud[] {cloud, loaded}) {
            c.clock().advance(Duration.ofMinutes(20));
            assertThat(c.compute().describeInstance(world.instance()).state()).isEqualTo(InstanceDescription.State.TERMINATED);
            assertThat(c.cloudFront().getDistributionConfig(world.distribution()).enabled()).isFalse();
        }
        assertThat(loaded.liveResources()).isEqualTo(cloud.liveResources());
    }

    private static String outcome(SimulatedCloud cloud, String instanceId) {
        try {
            return String.valueOf(cloud.compute().instanceHealth(instanceId));
        } catch (RuntimeException e) {
            return e.getMessage().replaceAll("request id sim-\\d+", "");
        }
    }

    @Test
    void loadWithASpeed_advancesTheClockByTheRealTimeElapsedTimesTheSpeed() {
        VirtualClockTest.FakeRealTime real = new VirtualClockTest.FakeRealTime();
        SimulatedCloud cloud = SimulatedCloud.builder().startingAt(SimWorlds.START).realTime(real).build();
        String id = cloud.cloudFront().createDistribution(Tier3World.spec("ref", "o.example.com")).id();
        Path file = dir.resolve("sim-cloud.json");
        cloud.saveTo(file);

        real.pass(Duration.ofSeconds(5));
        SimulatedCloud loaded = SimulatedCloud.loadFrom(file, 60, real);

        assertThat(loaded.clock().now()).isEqualTo(SimWorlds.START.plus(Duration.ofMinutes(5)));
        assertThat(loaded.clock().speed()).hasValue(60);
        assertThat(loaded.cloudFront().getDistribution(id).status()).isEqualTo(CloudFrontStatus.DEPLOYED);
        real.pass(Duration.ofSeconds(1));
        assertThat(loaded.clock().now()).isEqualTo(SimWorlds.START.plus(Duration.ofMinutes(6)));
    }

    @Test
    void loadWithoutASpeed_doesNotAdvanceBetweenCommands() {
        VirtualClockTest.FakeRealTime real = new VirtualClockTest.FakeRealTime();
        SimulatedCloud cloud = SimulatedCloud.builder().startingAt(SimWorlds.START).realTime(real).build();
        Path file = dir.resolve("sim-cloud.json");
        cloud.saveTo(file);
        real.pass(Duration.ofHours(3));

        assertThat(SimulatedCloud.loadFrom(file).clock().now()).isEqualTo(SimWorlds.START);
    }

    @Test
    void persistTo_startsAWorldInTheFile_andSavesItAfterEveryCall_soAnotherProcessSeesIt() throws Exception {
        Path file = dir.resolve("home/sim-cloud.json");
        SimulatedCloud first = SimulatedCloud.builder().startingAt(SimWorlds.START).persistTo(file).build();
        assertThat(file).as("an empty new world is written at its first change").doesNotExist();
        String vpc = first.createVpc();
        assertThat(file).exists();
        String distribution = first.cloudFront().createDistribution(Tier3World.spec("ref", "o.example.com")).id();
        first.clock().sleep(Duration.ofMinutes(5));
        first.cloudFront().getDistribution(distribution);
        first.close(); // the world is held by one open cloud at a time

        SimulatedCloud second = SimulatedCloud.builder().persistTo(file).startingAt(Instant.EPOCH).build();

        assertThat(second.exists(vpc)).isTrue();
        assertThat(second.clock().now()).isEqualTo(SimWorlds.START.plus(Duration.ofMinutes(5)));
        assertThat(second.cloudFront().getDistribution(distribution).status()).isEqualTo(CloudFrontStatus.DEPLOYED);
        second.network().deleteVpc(vpc);
        second.close();
        assertThat(SimulatedCloud.loadFrom(file).exists(vpc)).isFalse();
        try (var files = Files.list(file.getParent())) {
            assertThat(files).as("no temporary file is left behind")
                    .containsExactlyInAnyOrder(file, file.resolveSibling(".sim-cloud.json.lock"));
        }
    }

    @Test
    void persistTo_anExistingFile_appliesTheBuildersSpeed() {
        Path file = dir.resolve("sim-cloud.json");
        try (SimulatedCloud first = SimulatedCloud.builder().startingAt(SimWorlds.START).persistTo(file).build()) {
            first.createVpc();
        }

        SimulatedCloud fast = SimulatedCloud.builder().persistTo(file).speed(1000).build();

        assertThat(fast.clock().speed()).hasValue(1000);
    }

    @Test
    void persistTo_aWorldThatNeverChanges_writesNoFile() throws Exception {
        Path file = dir.resolve("home/sim-cloud.json");
        try (SimulatedCloud cloud = SimulatedCloud.builder().persistTo(file).build()) {
            cloud.adopt(io.tierstate.model.DeploymentState.builder().stackName("adopted").status(io.tierstate.model.Status.RUNNING)
                    .config(io.tierstate.model.DeploymentConfig.builder().tier(io.tierstate.model.Tier.DEV).build())
                    .vpcId("vpc-0123456789abcdef0").build());
            cloud.clock().sleep(Duration.ofMinutes(1));
        }

        assertThat(file).as("adopting and time passing change nothing worth writing").doesNotExist();
    }

    @Test
    void persistTo_writesTheWorldOwnerOnly() throws Exception {
        Path file = dir.resolve("home/sim-cloud.json");
        try (SimulatedCloud cloud = SimulatedCloud.builder().persistTo(file).build()) {
            cloud.createVpc();
        }

        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void persistTo_aWorldHeldByAnotherOpenCloud_waitsAndThenRefusesNamingTheLock() {
        Path file = dir.resolve("home/sim-cloud.json");
        try (SimulatedCloud first = SimulatedCloud.builder().persistTo(file).build()) {
            assertThatThrownBy(() -> SimulatedCloud.builder().persistTo(file).persistLockTimeout(Duration.ofMillis(200)).build())
                    .isInstanceOf(io.tierstate.error.StateLockException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("in use by another command")
                    .hasMessageContaining(".sim-cloud.json.lock");
        }
        SimulatedCloud.builder().persistTo(file).persistLockTimeout(Duration.ofMillis(200)).build().close();
    }

    @Test
    void persistTo_twoConcurrentUsersDeletingDifferentResources_bothDeletionsSurvive() throws Exception {
        Path file = dir.resolve("home/sim-cloud.json");
        String a;
        String b;
        try (SimulatedCloud setup = SimulatedCloud.builder().persistTo(file).build()) {
            a = setup.createVpc();
            b = setup.createVpc();
        }
        java.util.List<String> vpcs = java.util.List.of(a, b);
        Concurrently.runTogether(2, worker -> () -> {
            // without the lock both load the world with two VPCs, and the slower save brings the other back
            try (SimulatedCloud cloud = SimulatedCloud.builder().persistTo(file).build()) {
                cloud.clock().sleep(Duration.ofSeconds(1));
                cloud.network().deleteVpc(vpcs.get(worker));
                Thread.sleep(100);
            }
            return null;
        });

        SimulatedCloud after = SimulatedCloud.loadFrom(file);
        assertThat(after.exists(a)).as("first VPC").isFalse();
        assertThat(after.exists(b)).as("second VPC").isFalse();
    }

    @Test
    void persistTo_aFifoInPlaceOfTheWorldFile_isRefusedInsteadOfBlocking() throws Exception {
        Path file = dir.resolve("sim-cloud.json");
        Process p = new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
        assertThat(p.waitFor()).isZero();

        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatThrownBy(() -> SimulatedCloud.builder().persistTo(file).build())
                        .isInstanceOf(TierStateException.class)
                        .hasMessageContaining(file.toString())
                        .hasMessageContaining("not a regular file"));
    }

    @Test
    void load_ofAMissingFile_saysHowToMakeOne() {
        assertThatThrownBy(() -> SimulatedCloud.loadFrom(dir.resolve("nope.json"))).isInstanceOf(TierStateException.class)
                .hasMessageContaining("nope.json").hasMessageContaining("persistTo");
    }

    @Test
    void load_ofACorruptFile_saysToDeleteIt() throws IOException {
        Path file = Files.writeString(dir.resolve("sim-cloud.json"), "{\"format\": \"tierstate-simulated-cloud\", \"vers");

        assertThatThrownBy(() -> SimulatedCloud.loadFrom(file)).isInstanceOf(TierStateException.class)
                .hasMessageContaining("cannot be read").hasMessageContaining("delete it");
    }

    @Test
    void load_ofAnotherDocument_orANewerVersion_isRefused() throws IOException {
        Path state = Files.writeString(dir.resolve("state.json"), "{\"stack_name\": \"x\"}");
        Path newer = Files.writeString(dir.resolve("newer.json"), "{\"format\": \"tierstate-simulated-cloud\", \"version\": 9}");
        Path partial = Files.writeString(dir.resolve("partial.json"), "{\"format\": \"tierstate-simulated-cloud\", \"version\": 1}");
        Path badTime = Files.writeString(dir.resolve("time.json"),
                "{\"format\": \"tierstate-simulated-cloud\", \"version\": 1, \"virtual_now\": \"yesterday\"}");

        assertThatThrownBy(() -> SimulatedCloud.loadFrom(state)).isInstanceOf(TierStateException.class)
                .hasMessageContaining("is not a simulated cloud");
        assertThatThrownBy(() -> SimulatedCloud.loadFrom(newer)).isInstanceOf(TierStateException.class)
                .hasMessageContaining("format version 9");
        assertThatThrownBy(() -> SimulatedCloud.loadFrom(partial)).isInstanceOf(TierStateException.class)
                .hasMessageContaining("lacks virtual_now");
        assertThatThrownBy(() -> SimulatedCloud.loadFrom(badTime)).isInstanceOf(TierStateException.class)
                .hasMessageContaining("cannot be read");
    }

    @Test
    void save_toAPlaceThatCannotBeWritten_failsWithTheReason() throws IOException {
        Path blocker = Files.writeString(dir.resolve("file"), "x");

        assertThatThrownBy(() -> SimWorlds.cloud().saveTo(blocker.resolve("sim-cloud.json")))
                .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("could not save the simulated cloud");
    }

    @Test
    void saveThenLoad_keepsWhatRealAccountsHave_andSpotRelaunchesGoOn() {
        SimulatedCloud cloud = SimulatedCloud.builder().startingAt(SimWorlds.START).eventualConsistency(Duration.ZERO).build();
        SimulatedCloud eu = cloud.inRegion("eu-west-1");
        String vpc = eu.createVpc();
        String subnet = eu.createSubnet(vpc);
        String db = eu.createSecurityGroup(vpc, "db");
        String clients = eu.createSecurityGroup(vpc, "clients");
        eu.addSecurityGroupReference(clients, db, "ingress", "tcp 5432");
        String spot = eu.launchSpotInstance("g5.xlarge", "ami-1", subnet, clients, true);
        eu.setTerminationProtection(eu.launchInstance("t3.medium", "ami-1", subnet, clients), true);
        String alb = eu.createLoadBalancer("eu-alb", java.util.List.of(subnet), java.util.List.of(clients)).arn();
        eu.addHttpsListener(alb, java.util.List.of("app.example.com"));
        eu.setDeletionProtection(alb, true);
        String eip = eu.allocateAddress();
        eu.createNatGateway(subnet, eip);
        eu.createInternetGateway(vpc);
        eu.createInternetGateway(null, java.util.Map.of("Stack", "s"));
        eu.createEgressOnlyInternetGateway(vpc);
        eu.createVpcEndpoint(vpc, "Interface", java.util.List.of(subnet), java.util.List.of(clients));
        eu.createRouteTable(vpc);
        eu.createNetworkAcl(vpc);
        String fs = eu.createFileSystem();
        eu.createAccessPoint(fs);
        eu.createReplication(fs, "us-west-2");
        cloud.createRole("r");
        cloud.attachRolePolicy("r", "arn:aws:iam::aws:policy/ReadOnlyAccess");
        cloud.denyPermission(SimOperation.UPDATE_DISTRIBUTION);
        eu.compute().terminateInstance(spot);
        Path file = dir.resolve("sim-cloud.json");

        cloud.saveTo(file);
        SimulatedCloud loaded = SimulatedCloud.loadFrom(file);

        assertThat(loaded.liveResources()).isEqualTo(cloud.liveResources());
        for (SimulatedCloud c : new SimulatedCloud[] {cloud, loaded}) {
            c.clock().advance(Duration.ofMinutes(3));
        }
        assertThat(loaded.liveResources()).as("the spot request relaunched in both").isEqualTo(cloud.liveResources());
        SimulatedCloud euLoaded = loaded.inRegion("eu-west-1");
        assertThat(euLoaded.network().vpcDependents(vpc, java.util.Map.of("Stack", "s")))
                .isEqualTo(eu.network().vpcDependents(vpc, java.util.Map.of("Stack", "s")));
        assertThat(euLoaded.network().networkInterfaces(io.tierstate.port.NetworkPort.InterfaceFilter.VPC, vpc))
                .isEqualTo(eu.network().networkInterfaces(io.tierstate.port.NetworkPort.InterfaceFilter.VPC, vpc)).hasSize(5);
        assertThat(euLoaded.network().securityGroupReferences(db)).isEqualTo(eu.network().securityGroupReferences(db)).hasSize(1);
        assertThat(euLoaded.loadBalancing().listeners(alb)).isEqualTo(eu.loadBalancing().listeners(alb)).hasSize(2);
        assertThat(euLoaded.loadBalancing().deletionProtection(alb)).isTrue();
        assertThat(euLoaded.fileSystems().accessPoints(fs)).isEqualTo(eu.fileSystems().accessPoints(fs)).hasSize(1);
        assertThat(euLoaded.fileSystems().replicationDestinations(fs)).isEqualTo(eu.fileSystems().replicationDestinations(fs));
        assertThat(loaded.deniedPermissions()).isEqualTo(cloud.deniedPermissions());
        loaded.identity().deleteRole("r");
        assertThat(loaded.calls(SimOperation.DETACH_ROLE_POLICY)).as("the attached policy was kept").isEqualTo(1);
    }

    @Test
    void aWorldFileFromBeforeRegions_loadsWithEverythingInItsRegion() throws IOException {
        SimulatedCloud cloud = SimulatedCloud.builder().startingAt(SimWorlds.START).region("eu-west-1")
                .eventualConsistency(Duration.ZERO).build();
        Tier3World w = Tier3World.build(cloud);
        Path file = dir.resolve("sim-cloud.json");
        cloud.saveTo(file);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode old = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(file.toFile());
        old.remove("additions");
        old.withArray("vpcs").forEach(v -> ((com.fasterxml.jackson.databind.node.ObjectNode) v)
                .remove(List.of("is_default", "main_route_table_id", "default_network_acl_id")));
        old.withArray("instances").forEach(i -> ((com.fasterxml.jackson.databind.node.ObjectNode) i)
                .remove(List.of("termination_protection", "spot_request_id", "visible_at")));
        old.withArray("load_balancers").forEach(lb -> ((com.fasterxml.jackson.databind.node.ObjectNode) lb)
                .remove(List.of("security_group_ids", "deletion_protection", "listeners")));
        Files.writeString(file, json.writeValueAsString(old));

        SimulatedCloud loaded = SimulatedCloud.loadFrom(file);

        assertThat(loaded.regionOf(w.instance())).contains("eu-west-1");
        assertThat(loaded.compute().describeInstance(w.instance()).state()).isEqualTo(InstanceDescription.State.RUNNING);
        assertThat(loaded.compute().terminationProtection(w.instance())).isFalse();
        assertThat(loaded.network().vpcDependents(w.vpc(), java.util.Map.of()).isEmpty()).isTrue();
        assertThat(loaded.liveResources()).extracting(SimResource::kind).doesNotContain(SimResource.Kind.NETWORK_INTERFACE);
    }
}
