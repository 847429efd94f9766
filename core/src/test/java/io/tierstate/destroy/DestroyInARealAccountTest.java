package io.tierstate.destroy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.error.CloudOperationException;
import io.tierstate.error.CloudTargetMismatchException;
import io.tierstate.DeploymentClient;
import io.tierstate.error.DestroyBlockedException;
import io.tierstate.error.DestroyOptionsChangedException;
import io.tierstate.error.DistributionNotDisabledException;
import io.tierstate.error.ResourcesMissingException;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.Status;
import io.tierstate.port.StateBackup;
import io.tierstate.sim.SimOperation;
import io.tierstate.sim.SimulatedCloud;
import io.tierstate.testing.Tier3World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Destroy against what a real AWS account has and our own worlds lack: several regions, another
 * account's state, eventual consistency, protections, spot requests, lingering network interfaces,
 * VPC dependents, references from other groups, permissions that are missing.
 */
class DestroyInARealAccountTest {

    @TempDir
    Path home;

    private SimulatedCloud sim;
    private DeploymentClient client;

    @BeforeEach
    void setUp() {
        sim = SimulatedCloud.builder().eventualConsistency(Duration.ZERO).build(); // us-east-1
        client = DeploymentClient.builder().home(home).cloud(sim).build();
    }

    private byte[] stateBytes(String name) throws Exception {
        return Files.readAllBytes(home.resolve("deployments/" + name + ".json"));
    }

    private long writes() {
        return SimOperationsThatChange.count(sim);
    }

    // ---------------------------------------------------------------------------------------- regions, accounts

    @Test
    void run_deploymentInAnotherRegion_deletesThereThoughTheCloudDefaultsToUsEast1() {
        Tier3World w = Tier3World.deployIn(sim, client, "eu-stack", "eu-west-1");
        assertThat(sim.regionOf(w.instance())).contains("eu-west-1");

        DestroyReport report = client.deployment("eu-stack").destroy().run();

        assertThat(report.outcome()).as(report.render()).isEqualTo(DestroyReport.Outcome.COMPLETED);
        assertThat(report.alreadyGone()).extracting(DestroyReport.StepResult::step).as("nothing was taken for gone")
                .containsExactly("vpc_dependents");
        assertThat(report.checkedIn()).hasValueSatisfying(where -> assertThat(where).contains("eu-west-1"));
        assertThat(w.createdIds()).noneMatch(sim::exists);
        assertThat(report.verification().orElseThrow().clean()).isTrue();
    }

    @Test
    void run_stateNamingNoRegion_usesTheRegionOfItsArns() {
        Tier3World w = Tier3World.deployIn(sim, client, "arn-region", "eu-west-1");
        client.deployment("arn-region").update(s -> s.withConfig(s.config().withRegion("")));

        DestroyReport report = client.deployment("arn-region").destroy().run();

        assertThat(report.outcome()).as(report.render()).isEqualTo(DestroyReport.Outcome.COMPLETED);
        assertThat(w.createdIds()).noneMatch(sim::exists);
    }

    @Test
    void run_stateWhoseRegionDisagreesWithItsArns_isRefusedBeforeAnythingIsTouched() throws Exception {
        Tier3World.deployIn(sim, client, "two-regions", "eu-west-1");
        client.deployment("two-regions").update(s -> s.withConfig(s.config().withRegion("us-east-1")));
        byte[] before = stateBytes("two-regions");
        long changes = writes();

        assertThatThrownBy(() -> client.deployment("two-regions").destroy().run())
                .isInstanceOf(CloudTargetMismatchException.class)
                .hasMessageContaining("us-east-1").hasMessageContaining("eu-west-1").hasMessageContaining("nothing was touched");

        assertThat(stateBytes("two-regions")).isEqualTo(before);
        assertThat(writes()).isEqualTo(changes);
    }

    @Test
    void run_stateCopiedFromAnotherAccount_isRefusedNamingBothAccounts() throws Exception {
        Tier3World.deploy(sim, client, "copied");
        client.deployment("copied").update(s -> s.withAlbArn(s.albArn().map(a -> a.replace(":000000000000:", ":999999999999:")))
                .withTargetGroupArn(s.targetGroupArn().map(a -> a.replace(":000000000000:", ":999999999999:")))
                .withIamRoleArn(s.iamRoleArn().map(a -> a.replace(":000000000000:", ":999999999999:")))
                .withIamInstanceProfileArn(s.iamInstanceProfileArn().map(a -> a.replace(":000000000000:", ":999999999999:")))
                .withCloudFrontArn(s.cloudFrontArn().map(a -> a.replace(":000000000000:", ":999999999999:"))));
        byte[] before = stateBytes("copied");
        long changes = writes();

        assertThatThrownBy(() -> client.deployment("copied").destroy().run())
                .isInstanceOf(CloudTargetMismatchException.class)
                .hasMessageContaining("999999999999").hasMessageContaining("000000000000");
        assertThatThrownBy(() -> client.deployment("copied").destroy().planLive()).isInstanceOf(CloudTargetMismatchException.class);

        assertThat(stateBytes("copied")).isEqualTo(before);
        assertThat(writes()).isEqualTo(changes);
        assertThat(client.deployment("copied").state().status()).isEqualTo(Status.RUNNING);
    }

    // ---------------------------------------------------------------------------------------- gone means verified

    @Test
    void run_everyRecordedResourceMissing_keepsTheStateAndSaysWhereItLooked_andAssumeGoneForgetsIt() throws Exception {
        Tier3World.deploy(sim, client, "real");
        DeploymentState real = client.deployment("real").state();
        // the same resources recorded in a region where none of them exists
        DeploymentState ghost = DeploymentState.builder().from(real).stackName("ghost")
                .config(io.tierstate.model.DeploymentConfig.builder().from(real.config()).stackName("ghost").region("ap-southeast-1").build()).build()
                .withAlbArn(java.util.Optional.empty()).withTargetGroupArn(java.util.Optional.empty())
                .withCloudFrontDistributionId(java.util.Optional.empty()).withCloudFrontArn(java.util.Optional.empty())
                .withIamRoleName("no-such-role").withIamInstanceProfileName("no-such-profile")
                .withIamRoleArn(java.util.Optional.empty()).withIamInstanceProfileArn(java.util.Optional.empty());
        client.deployment("ghost").create(ghost);
        byte[] before = stateBytes("ghost");

        assertThatThrownBy(() -> client.deployment("ghost").destroy().run())
                .isInstanceOf(ResourcesMissingException.class)
                .hasMessageContaining("ap-southeast-1").hasMessageContaining(real.instanceId().orElseThrow())
                .hasMessageContaining("assumeGone");
        assertThat(stateBytes("ghost")).as("kept, byte for byte").isEqualTo(before);

        DestroyReport forgotten = client.deployment("ghost").destroy().assumeGone().run();

        assertThat(forgotten.outcome()).isEqualTo(DestroyReport.Outcome.COMPLETED);
        assertThat(forgotten.alreadyGone()).isNotEmpty().allSatisfy(s -> assertThat(s.detail()).contains("assumed gone"));
        DestroyTimeline fromJournal = client.deployment("ghost").lastDestroy().orElseThrow();
        assertThat(forgotten.alreadyGone()).allSatisfy(s -> assertThat(fromJournal.row(s.step()).orElseThrow().result())
                .as("the journal draws %s as the report says", s.step()).isEqualTo("gone before"));
        assertThat(client.deployment("ghost").exists()).isFalse();
        assertThat(sim.exists(real.instanceId().orElseThrow())).as("the real one in us-east-1 is untouched").isTrue();
    }

    @Test
    void run_instanceThatReadsNotFoundJustAfterLaunch_isWaitedForAndTerminated_notTakenForGone() {
        SimulatedCloud consistent = SimulatedCloud.builder().eventualConsistency(Duration.ofSeconds(90)).build();
        try (DeploymentClient c = DeploymentClient.builder().home(home.resolve("ec")).cloud(consistent).build()) {
            String vpc = consistent.createVpc();
            String subnet = consistent.createSubnet(vpc);
            String sg = consistent.createSecurityGroup(vpc);
            String instance = consistent.launchInstance("g4dn.xlarge", "ami-0123456789abcdef0", subnet, sg);
            assertThatThrownBy(() -> consistent.compute().describeInstance(instance)).isInstanceOf(
                    io.tierstate.error.ResourceNotFoundException.class);
            c.deployment("fresh").create(DeploymentState.builder().stackName("fresh").status(Status.CREATING)
                    .config(io.tierstate.model.DeploymentConfig.builder().tier(io.tierstate.model.Tier.DEV).build())
                    .instanceId(instance).build());

            DestroyReport report = c.deployment("fresh").destroy().run();

            assertThat(report.step(StepKind.INSTANCE).orElseThrow().result()).as(report.render())
                    .isEqualTo(DestroyReport.Result.DELETED);
            assertThat(consistent.calls(SimOperation.TERMINATE_INSTANCE)).isEqualTo(1);
            assertThat(consistent.exists(instance)).isFalse();
        }
    }

    @Test
    void run_someResourcesAlreadyGone_journalsThemAsGoneOnlyAfterADescribe() {
        Tier3World w = Tier3World.deploy(sim, client, "partly");
        sim.identity().deleteInstanceProfile(w.profile());
        sim.identity().deleteRole(w.role());

        DestroyReport report = client.deployment("partly").destroy().run();

        assertThat(report.outcome()).as(report.render()).isEqualTo(DestroyReport.Outcome.COMPLETED);
        assertThat(report.alreadyGone()).extracting(DestroyReport.StepResult::step)
                .contains("iam_instance_profile", "iam_role");
        assertThat(sim.calls(SimOperation.DELETE_ROLE)).as("the survey's describe settled it; no delete was sent").isEqualTo(1);
    }

    // ---------------------------------------------------------------------------------------- what a failure stops

    @Test
    void run_cloudFrontDisableDenied_stillDeletesTheInstanceIamAndEfs_andNamesWhatIsLeft() {
        Tier3World w = Tier3World.deploy(sim, client, "waf");
        sim.denyPermission(SimOperation.UPDATE_DISTRIBUTION);

        DestroyReport report = client.deployment("waf").destroy().strategy(Strategy.OVERLAPPED).run();

        assertThat(report.outcome()).isEqualTo(DestroyReport.Outcome.FAILED);
        assertThat(report.failed()).extracting(DestroyReport.StepResult::step).containsExactly("cloudfront");
        assertThat(report.failed().get(0).detail()).contains("AccessDenied");
        assertThat(sim.exists(w.instance())).as("the GPU instance does not keep billing").isFalse();
        assertThat(sim.exists(w.role())).isFalse();
        assertThat(sim.exists(w.fileSystem())).isFalse();
        assertThat(sim.exists(w.loadBalancer().arn())).as("the origin of a distribution that still serves").isTrue();
        assertThat(report.leftBehind()).extracting(DestroyReport.StepResult::step)
                .containsExactly("cloudfront", "alb", "target_group", "vpc_dependents", "security_group", "subnets", "vpc");
        assertThat(report.step(StepKind.TARGET_GROUP).orElseThrow().blockedBy()).contains(StepKind.CLOUDFRONT);
        assertThat(report.render()).contains("left behind").contains(w.loadBalancer().arn());
        assertThat(report.toJson()).contains("\"blocked_by\": \"cloudfront\"").contains("\"skip_reason\": \"dependency_failed\"");
    }

    // ---------------------------------------------------------------------------------------- obstacles

    @Test
    void run_terminationProtection_stopsBeforeAnythingIsDeleted_andDisableProtectionTurnsItOff() {
        Tier3World w = Tier3World.deploy(sim, client, "protected");
        sim.setTerminationProtection(w.instance(), true);
        long changes = writes();

        assertThatThrownBy(() -> client.deployment("protected").destroy().run())
                .isInstanceOf(DestroyBlockedException.class)
                .hasMessageContaining(w.instance()).hasMessageContaining("termination protection")
                .hasMessageContaining("disableProtection");
        assertThat(writes()).as("nothing deleted").isEqualTo(changes);
        assertThat(client.deployment("protected").state().destroyProgress()).isEmpty();
        assertThat(client.deployment("protected").destroy().planLive().blockers()).singleElement()
                .satisfies(f -> assertThat(f.resourceId()).isEqualTo(w.instance()));

        DestroyReport report = client.deployment("protected").destroy().disableProtection().run();

        assertThat(report.outcome()).as(report.render()).isEqualTo(DestroyReport.Outcome.COMPLETED);
        assertThat(sim.exists(w.instance())).isFalse();
    }

    @Test
    void run_albDeletionProtection_stopsBeforeAnythingIsDeleted_andDisableProtectionTurnsItOff() {
        Tier3World w = Tier3World.deploy(sim, client, "alb-protected");
        sim.setDeletionProtection(w.loadBalancer().arn(), true);

        assertThatThrownBy(() -> client.deployment("alb-protected").destroy().run())
                .isInstanceOf(DestroyBlockedException.class).hasMessageContaining("deletion protection");
        assertThat(sim.exists(w.state().cloudFrontDistributionId().orElseThrow())).isTrue();

        DestroyReport report = client.deployment("alb-protected").destroy().disableProtection().run();

        assertThat(report.outcome()).as(report.render()).isEqualTo(DestroyReport.Outcome.COMPLETED);
        assertThat(sim.exists(w.loadBalancer().arn())).isFalse();
    }

    @Test
    void run_persistentSpotInstance_cancelsTheRequestFirst_soNothingIsRelaunched() {
        String vpc = sim.createVpc();
        String subnet = sim.createSubnet(vpc);
        String sg = sim.createSecurityGroup(vpc);
        String instance = sim.launchSpotInstance("g4dn.xlarge", "ami-0123456789abcdef0", subnet, sg, true);
        String request = sim.compute().spotRequest(instance).orElseThrow().id();
        client.deployment("spot").create(DeploymentState.builder().stackName("spot").status(Status.RUNNING)
                .config(io.tierstate.model.DeploymentConfig.builder().tier(io.tierstate.model.Tier.DEV).build())
                .instanceId(instance).vpcId(vpc).subnetIds(List.of(subnet)).securityGroupId(sg).build());

        assertThat(client.deployment("spot").destroy().planLive().findings())
                .anySatisfy(f -> assertThat(f.kind()).isEqualTo(Finding.Kind.RELAUNCHES));
        DestroyReport report = client.deployment("spot").destroy().run();
        sim.clock().advance(Duration.ofHours(1));

        assertThat(report.outcome()).as(report.render()).isEqualTo(DestroyReport.Outcome.COMPLETED);
        assertThat(sim.calls(SimOperation.CANCEL_SPOT_INSTANCE_REQUESTS)).isEqualTo(1);
        assertThat(sim.liveResources()).as("no replacement was launched by " + request)
                .noneMatch(r -> r.id().startsWith("i-"));
    }

    @Test
    void run_vpcDependents_goFirst_theElasticIpIsReleased_andNothingIsLeft() {
        Tier3World w = Tier3World.deploy(sim, client, "full-vpc");
        String igw = sim.createInternetGateway(w.vpc());
        String stray = sim.createInternetGateway(null, Map.of("Stack", "full-vpc")); // detached before a crash, never deleted
        String eip = sim.allocateAddress();
        String nat = sim.createNatGateway(w.subnets().get(0), eip);
        String endpoint = sim.createVpcEndpoint(w.vpc(), "Interface", List.of(w.subnets().get(1)), List.of(w.securityGroup()));
        String rtb = sim.createRouteTable(w.vpc());
        String acl = sim.createNetworkAcl(w.vpc());
        String eigw = sim.createEgressOnlyInternetGateway(w.vpc());

        DestroyPlan live = client.deployment("full-vpc").destroy().planLive();
        DestroyReport report = client.deployment("full-vpc").destroy().strategy(Strategy.OVERLAPPED).run();

        assertThat(live.render()).contains(nat).contains(endpoint).contains(igw).contains(stray);
        assertThat(report.outcome()).as(report.render()).isEqualTo(DestroyReport.Outcome.COMPLETED);
        assertThat(List.of(igw, stray, eip, nat, endpoint, rtb, acl, eigw, w.vpc())).noneMatch(sim::exists);
        assertThat(sim.calls(SimOperation.RELEASE_ADDRESS)).isGreaterThanOrEqualTo(1);
        assertThat(report.verification().orElseThrow().clean()).isTrue();
    }

    @Test
    void run_securityGroupReferencedByAnotherGroup_failsNamingTheRule_andNeverEditsTheOtherGroup() {
        Tier3World w = Tier3World.deploy(sim, client, "referenced");
        String other = sim.createSecurityGroup(w.vpc(), "db-clients");
        sim.addSecurityGroupReference(other, w.securityGroup(), "ingress", "tcp 5432");

        assertThat(client.deployment("referenced").destroy().planLive().findings())
                .anySatisfy(f -> assertThat(f.kind()).isEqualTo(Finding.Kind.REFERENCED));
        DestroyReport report = client.deployment("referenced").destroy().run();

        assertThat(report.outcome()).isEqualTo(DestroyReport.Outcome.FAILED);
        assertThat(report.failed()).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(StepKind.SECURITY_GROUP);
            assertThat(s.detail()).contains(other).contains("db-clients").contains("tcp 5432");
        });
        assertThat(sim.network().securityGroupReferences(w.securityGroup())).as("untouched").hasSize(1);
        assertThat(sim.exists(w.instance())).isFalse();
        assertThat(report.step(StepKind.VPC).orElseThrow().blockedBy()).contains(StepKind.SECURITY_GROUP);
    }

    @Test
    void run_roleInAnotherInstanceProfile_leavesEveryProfile_andEfsAccessPointsAndReplicationGoFirst() {
        Tier3World w = Tier3World.deploy(sim, client, "iam-efs");
        sim.createInstanceProfile("shared-profile", w.role());
        String point = sim.createAccessPoint(w.fileSystem());
        sim.createReplication(w.fileSystem(), "us-west-2");

        DestroyPlan live = client.deployment("iam-efs").destroy().planLive();
        DestroyReport report = client.deployment("iam-efs").destroy().run();

        assertThat(live.findings()).extracting(Finding::message).anyMatch(m -> m.contains("shared-profile"))
                .anyMatch(m -> m.contains(point)).anyMatch(m -> m.contains("replicat"));
        assertThat(report.outcome()).as(report.render()).isEqualTo(DestroyReport.Outcome.COMPLETED);
        assertThat(sim.exists(w.role())).isFalse();
        assertThat(sim.exists("shared-profile")).as("the other profile is not ours").isTrue();
        assertThat(sim.identity().describeInstanceProfile("shared-profile").roles()).doesNotContain(w.role());
        assertThat(sim.exists(point)).isFalse();
        assertThat(sim.exists(w.fileSystem())).isFalse();
    }

    @Test
    void run_networkInterfaceThatNeverGoes_failsTheSubnetNamingIt_afterWaitingByDescribing() {
        Tier3World w = Tier3World.deploy(sim, client, "eni");
        String squatter = sim.launchInstance("t3.medium", "ami-0123456789abcdef0", w.subnets().get(1), sim.createSecurityGroup(w.vpc()));

        DestroyReport report = client.deployment("eni").destroy().run();

        assertThat(report.outcome()).isEqualTo(DestroyReport.Outcome.FAILED);
        DestroyReport.StepResult subnets = report.step(StepKind.SUBNETS).orElseThrow();
        assertThat(subnets.result()).as(report.render()).isEqualTo(DestroyReport.Result.FAILED);
        assertThat(subnets.detail()).contains("network interfaces in " + w.subnets().get(1)).contains("eni-");
        assertThat(subnets.duration()).isGreaterThanOrEqualTo(Steps.ENI_WAIT);
        assertThat(sim.calls(SimOperation.DELETE_SUBNET)).as("waited by describing, not by blind deletes").isEqualTo(1);
        assertThat(sim.exists(squatter)).isTrue();
    }

    @Test
    void run_distributionNotDisabledForThreeMinutes_isWaitedOut() {
        Tier3World w = Tier3World.deploy(sim, client, "slow-edge");
        sim.failNext(SimOperation.DELETE_DISTRIBUTION, 5, new DistributionNotDisabledException("cloudfront:DeleteDistribution",
                "req-1", "The distribution you are trying to delete has not been disabled.", null));

        DestroyReport report = client.deployment("slow-edge").destroy().run();

        assertThat(report.outcome()).as(report.render()).isEqualTo(DestroyReport.Outcome.COMPLETED);
        assertThat(sim.calls(SimOperation.DELETE_DISTRIBUTION)).isEqualTo(6);
        assertThat(sim.exists(w.state().cloudFrontDistributionId().orElseThrow())).isFalse();
    }

    // ---------------------------------------------------------------------------------------- options, backups, retries

    @Test
    void completePending_afterPreserveEfsAndDeferral_keepsTheFileSystemAndItsNetwork() {
        Tier3World w = Tier3World.deploy(sim, client, "keep-data");

        DestroyReport first = client.deployment("keep-data").destroy().preserveEfs().deferCloudFrontDeletion().run();
        List<DestroyReport> completed = client.completePendingDestroys();

        assertThat(first.outcome()).as(first.render()).isEqualTo(DestroyReport.Outcome.PENDING_CLOUDFRONT);
        assertThat(completed).singleElement().satisfies(r -> assertThat(r.outcome()).as(r.render())
                .isEqualTo(DestroyReport.Outcome.COMPLETED));
        assertThat(List.of(w.fileSystem(), w.securityGroup(), w.vpc())).allMatch(sim::exists);
        assertThat(w.mountTargets()).hasSize(2).allMatch(sim::exists);
        assertThat(w.subnets()).allMatch(sim::exists);
        assertThat(sim.exists(w.state().cloudFrontDistributionId().orElseThrow())).isFalse();
        assertThat(sim.exists(w.loadBalancer().arn())).isFalse();
        assertThat(client.deployment("keep-data").verify().clean()).as("verified from the archive").isTrue();
    }

    @Test
    void resume_withAnotherValueOfAJournaledOption_isRefusedUnlessChangedOnPurpose() {
        Tier3World w = Tier3World.deploy(sim, client, "options");
        sim.denyPermission(SimOperation.UPDATE_DISTRIBUTION);
        client.deployment("options").destroy().preserveEfs().run();
        sim.allowPermission(SimOperation.UPDATE_DISTRIBUTION);
        assertThat(client.deployment("options").state().destroyProgress().orElseThrow().preserveEfs()).isTrue();

        assertThatThrownBy(() -> client.deployment("options").destroy().preserveEfs(false).run())
                .isInstanceOf(DestroyOptionsChangedException.class).hasMessageContaining("preserve EFS")
                .hasMessageContaining("changeOptions");
        DestroyReport resumed = client.deployment("options").destroy().run();

        assertThat(resumed.outcome()).as(resumed.render()).isEqualTo(DestroyReport.Outcome.COMPLETED);
        assertThat(sim.exists(w.fileSystem())).as("the resume kept the first run's choice").isTrue();
    }

    @Test
    void run_keepsOnePreDestroyBackup_andItsJournalWritesTakeNoRoutineBackups() {
        Tier3World.deploy(sim, client, "backed-up");
        DeploymentState before = client.deployment("backed-up").state();
        int routineBefore = (int) client.deployment("backed-up").backups().stream().filter(b -> b.label().isEmpty()).count();
        sim.denyPermission(SimOperation.DELETE_VPC); // a destroy that stays live, so its backups can be read

        client.deployment("backed-up").destroy().run();

        List<StateBackup> backups = client.deployment("backed-up").backups();
        assertThat(backups).filteredOn(b -> b.label().isPresent()).extracting(b -> b.label().get()).containsExactly("pre-destroy");
        assertThat(backups.stream().filter(b -> b.label().isEmpty()).count()).isEqualTo(routineBefore);
        StateBackup pre = backups.stream().filter(b -> b.label().isPresent()).findFirst().orElseThrow();
        DeploymentState restored = client.deployment("backed-up").restore(pre);
        assertThat(restored.destroyProgress()).isEmpty();
        assertThat(restored.status()).isEqualTo(before.status());
    }

    @Test
    void run_onACloudThatRetriesItself_doesNotRetryThrottlingAgain() {
        Tier3World.deploy(sim, client, "one-layer");
        try (DeploymentClient sdkLike = DeploymentClient.builder().home(home).cloud(new RetryingCloud(sim)).build()) {
            sim.failNext(SimOperation.TERMINATE_INSTANCE, new CloudOperationException("ec2:TerminateInstances", "Throttling",
                    "req-t", 400, true, "Rate exceeded (after the SDK's own retries)", null));

            DestroyReport report = sdkLike.deployment("one-layer").destroy().run();

            assertThat(report.failed()).extracting(DestroyReport.StepResult::step).containsExactly("instance");
            assertThat(sim.calls(SimOperation.TERMINATE_INSTANCE)).isEqualTo(1);
        }
    }

    @Test
    void verify_listsSurvivorsOfAFailedDestroy_andIsCleanFromTheArchiveAfterTheResume() {
        Tier3World w = Tier3World.deploy(sim, client, "check");
        sim.denyPermission(SimOperation.DELETE_TARGET_GROUP);
        client.deployment("check").destroy().run();

        Verification partial = client.deployment("check").verify();
        sim.allowPermission(SimOperation.DELETE_TARGET_GROUP);
        client.deployment("check").destroy().run();
        Verification after = client.deployment("check").verify();

        assertThat(partial.clean()).isFalse();
        assertThat(partial.survivors()).as("nothing else waits for the target group")
                .extracting(Verification.Check::resourceId).containsExactly(w.targetGroup());
        assertThat(partial.render()).contains("LEFT").contains(w.targetGroup());
        assertThat(after.clean()).isTrue();
        assertThat(after.fromArchive()).isTrue();
        assertThat(after.toJson()).contains("\"clean\": true");
    }

    /** A cloud that says it retries transient errors itself, as the AWS SDK does. */
    private static final class RetryingCloud implements io.tierstate.port.Cloud {
        private final SimulatedCloud sim;

        RetryingCloud(SimulatedCloud sim) {
            this.sim = sim;
        }

        @Override
        public boolean retriesTransientErrors() {
            return true;
        }

        @Override
        public String describe() {
            return sim.describe();
        }

        @Override
        public java.util.Optional<String> sessionRegion() {
            return sim.sessionRegion();
        }

        @Override
        public java.util.Optional<String> callerAccountId() {
            return sim.callerAccountId();
        }

        @Override
        public io.tierstate.port.CloudFrontPort cloudFront() {
            return sim.cloudFront();
        }

        @Override
        public io.tierstate.port.ComputePort compute() {
            return sim.compute();
        }

        @Override
        public io.tierstate.port.LoadBalancingPort loadBalancing() {
            return sim.loadBalancing();
        }

        @Override
        public io.tierstate.port.FileSystemPort fileSystems() {
            return sim.fileSystems();
        }

        @Override
        public io.tierstate.port.IdentityPort identity() {
            return sim.identity();
        }

        @Override
        public io.tierstate.port.NetworkPort network() {
            return sim.network();
        }

        @Override
        public io.tierstate.port.CloudClock clock() {
            return sim.clock();
        }
    }

    /** Counts the calls that change the simulated world. */
    static final class SimOperationsThatChange {
        static long count(SimulatedCloud sim) {
            long n = 0;
            for (SimOperation op : SimOperation.values()) {
                String name = op.name();
                if (name.startsWith("DELETE") || name.startsWith("TERMINATE") || name.startsWith("UPDATE") || name.startsWith("CANCEL")
                        || name.startsWith("RELEASE") || name.startsWith("MODIFY") || name.startsWith("SET")
                        || name.startsWith("REMOVE") || name.startsWith("DETACH")) {
                    n += sim.calls(op);
                }
            }
            return n;
        }
    }
}
