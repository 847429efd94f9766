package io.tierstate;

import io.tierstate.error.CloudOperationException;
import io.tierstate.error.CloudTargetMismatchException;
import io.tierstate.error.InvalidInputException;
import io.tierstate.error.ResourceNotFoundException;
import io.tierstate.error.TierStateException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.destroy.ProgressEvent;
import io.tierstate.model.CloudFrontStatus;
import io.tierstate.model.DeploymentConfig;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.HealthStatus;
import io.tierstate.model.Status;
import io.tierstate.model.Tier;
import io.tierstate.port.LoadBalancerDescription;
import io.tierstate.sim.SimFault;
import io.tierstate.sim.SimOperation;
import io.tierstate.sim.SimResource;
import io.tierstate.sim.SimulatedCloud;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecycleFacadeTest {

    @TempDir
    Path home;

    private SimulatedCloud sim;
    private DeploymentClient client;
    private LoadBalancerDescription alb;
    private String instance;

    @BeforeEach
    void setUp() {
        sim = SimulatedCloud.create();
        client = DeploymentClient.builder().home(home).cloud(sim).build();
        String vpc = sim.createVpc();
        List<String> subnets = List.of(sim.createSubnet(vpc), sim.createSubnet(vpc));
        String sg = sim.createSecurityGroup(vpc);
        alb = sim.createLoadBalancer("web-alb", subnets);
        instance = sim.launchInstance("g5.2xlarge", "ami-0gpu", subnets.get(0), sg);
        client.deployment("web").create(DeploymentState.builder().stackName("web").status(Status.RUNNING)
                .config(DeploymentConfig.builder().tier(Tier.GPU).build()).albDns(alb.dnsName()).albArn(alb.arn()).build());
    }

    private long distributions() {
        return sim.liveResources().stream().filter(r -> r.kind() == SimResource.Kind.DISTRIBUTION).count();
    }

    @Test
    void provisionCloudFront_createsRecordsAndWaitsWithProgress() {
        List<ProgressEvent> events = new ArrayList<>();

        DeploymentState s = client.deployment("web").provisionCloudFront(CloudFrontOptions.defaults()
                .withWaitForDeployed(true).withProgress(events::add).withTag("team", "ml"));

        assertThat(s.cloudFrontDistributionId()).isPresent();
        assertThat(s.cloudFrontDomainName()).hasValueSatisfying(d -> assertThat(d).endsWith(".cloudfront.net"));
        assertThat(s.cloudFrontStatus()).contains(CloudFrontStatus.DEPLOYED);
        assertThat(s.cloudFrontEnabled()).contains(true);
        assertThat(s.cloudFrontPriceClass()).contains("PriceClass_100");
        assertThat(s.cloudFrontCallerReference()).hasValueSatisfying(r -> assertThat(r).startsWith("tierstate-web-"));
        assertThat(s.cloudFrontOrigins()).singleElement().satisfies(o -> assertThat(o.domainName()).isEqualTo(alb.dnsName()));
        assertThat(s.cloudFrontCacheBehaviors()).isNotEmpty();
        assertThat(s.provenance("cloudfront")).isEqualTo(io.tierstate.model.Provenance.CREATED);
        assertThat(events).extracting(ProgressEvent::phase).contains(ProgressEvent.Phase.WAITING, ProgressEvent.Phase.DONE);
        assertThat(client.deployment("web").provisionCloudFront(CloudFrontOptions.defaults()).cloudFrontDistributionId())
                .isEqualTo(s.cloudFrontDistributionId());
        assertThat(distributions()).isEqualTo(1);
    }

    @Test
    void provisionCloudFront_onAnAlbListeningOnlyOnHttp_usesHttpToTheOriginThoughHttpsIsEnabledInState() {
        client.deployment("web").update(s -> s.withHttpsEnabled(true));

        DeploymentState s = client.deployment("web").provisionCloudFront(CloudFrontOptions.defaults());

        assertThat(s.cloudFrontOrigins()).singleElement().satisfies(o -> assertThat(o.protocolPolicy()).contains("http-only"));
        assertThat(sim.originReadTimeoutSeconds(s.cloudFrontDistributionId().orElseThrow())).as("the default read timeout")
                .isEqualTo(60);
    }

    @Test
    void provisionCloudFront_httpsListenerWhoseCertificateCoversTheOriginName_usesHttps_andTheReadTimeoutIsAnOption() {
        sim.addHttpsListener(alb.arn(), List.of("*.example.com"));

        DeploymentState s = client.deployment("web").provisionCloudFront(CloudFrontOptions.defaults()
                .withOriginDomainName("origin.example.com").withOriginReadTimeout(Duration.ofSeconds(120)));

        assertThat(s.cloudFrontOrigins()).singleElement().satisfies(o -> {
            assertThat(o.domainName()).isEqualTo("origin.example.com");
            assertThat(o.protocolPolicy()).contains("https-only");
        });
        assertThat(sim.originReadTimeoutSeconds(s.cloudFrontDistributionId().orElseThrow())).isEqualTo(120);
    }

    @Test
    void provisionCloudFront_httpsListenerForAnotherName_stillUsesHttpToTheAlbsOwnName() {
        sim.addHttpsListener(alb.arn(), List.of("app.example.com"));

        DeploymentState s = client.deployment("web").provisionCloudFront(CloudFrontOptions.defaults());

        assertThat(s.cloudFrontOrigins()).singleElement().satisfies(o -> assertThat(o.protocolPolicy()).contains("http-only"));
        assertThatThrownBy(() -> CloudFrontOptions.defaults().withOriginReadTimeout(Duration.ofSeconds(200)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("1 to 180");
        assertThatThrownBy(() -> CloudFrontOptions.defaults().withOriginDomainName("not a name"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("origin.example.com");
    }

    @Test
    void provisionCloudFront_onATier2Stack_upgradesItToTier3InState() {
        client.deployment("web").update(s -> s.withConfig(s.config().withTier(Tier.AUTOMATION)));

        DeploymentState s = client.deployment("web").provisionCloudFront(CloudFrontOptions.defaults());

        assertThat(s.config().tier()).isEqualTo(Tier.GPU);
        assertThat(client.deployment("web").state().config().tier()).isEqualTo(Tier.GPU);
    }

    @Test
    void provisionCloudFront_forAStateOfAnotherAccount_isRefusedBeforeTheReferenceIsWritten() {
        client.deployment("web").update(s -> s.withAlbArn(s.albArn().map(a -> a.replace(":000000000000:", ":999999999999:"))));

        assertThatThrownBy(() -> client.deployment("web").provisionCloudFront(CloudFrontOptions.defaults()))
                .isInstanceOf(CloudTargetMismatchException.class).hasMessageContaining("999999999999");
        assertThat(client.deployment("web").state().cloudFrontCallerReference()).isEmpty();
        assertThat(distributions()).isZero();
    }

    @Test
    void provisionCloudFront_failureBeforeTheCreate_leavesTheReferenceAndARetryCreatesOne() {
        sim.failNext(SimOperation.CREATE_DISTRIBUTION, SimFault.SERVER_ERROR);
        assertThatThrownBy(() -> client.deployment("web").provisionCloudFront(CloudFrontOptions.defaults()))
                .isInstanceOf(CloudOperationException.class).hasMessageContaining("ServiceUnavailable");
        DeploymentState afterFailure = client.deployment("web").state();
        assertThat(afterFailure.cloudFrontCallerReference()).isPresent();
        assertThat(afterFailure.cloudFrontDistributionId()).isEmpty();
        assertThat(distributions()).isZero();

        DeploymentState s = client.deployment("web").provisionCloudFront(CloudFrontOptions.defaults());

        assertThat(s.cloudFrontCallerReference()).isEqualTo(afterFailure.cloudFrontCallerReference());
        assertThat(distributions()).isEqualTo(1);
    }

    @Test
    void provisionCloudFront_crashAfterTheCreateReachedTheCloud_findsThatDistributionInsteadOfMakingAnother() {
        // the process wrote the reference, sent the create, and died before recording the answer
        String reference = "tierstate-web-crashed";
        client.deployment("web").update(s -> s.withCloudFrontCallerReference(reference));
        String made = sim.cloudFront().createDistribution(CloudFrontOptions.defaults().toSpec("web", reference, alb.dnsName(), "http-only")).id();

        DeploymentState s = client.deployment("web").provisionCloudFront(CloudFrontOptions.defaults());

        assertThat(s.cloudFrontDistributionId()).contains(made);
        assertThat(distributions()).isEqualTo(1);
    }

    @Test
    void provisionCloudFront_withoutAnAlb_saysToRecordItFirst() {
        client.deployment("bare").create(DeploymentState.builder().stackName("bare").status(Status.CREATING)
                .config(DeploymentConfig.builder().tier(Tier.GPU).build()).build());

        assertThatThrownBy(() -> client.deployment("bare").provisionCloudFront(CloudFrontOptions.defaults()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no ALB recorded");
        assertThat(distributions()).isZero();
    }

    @Test
    void recordGpuInstance_recordsTypeAmiHealthAndGpus() {
        DeploymentState s = client.deployment("web").recordGpuInstance(instance);

        assertThat(s.gpuEnabled()).isTrue();
        assertThat(s.instanceId()).contains(instance);
        assertThat(s.gpuInstanceType()).contains("g5.2xlarge");
        assertThat(s.gpuAmiId()).contains("ami-0gpu");
        assertThat(s.gpuModel()).contains("A10G");
        assertThat(s.gpuManufacturer()).contains("NVIDIA");
        assertThat(s.gpuCount()).contains(1);
        assertThat(s.gpuMemoryMib()).contains(24576L);
        assertThat(s.gpuHealthStatus()).contains(HealthStatus.INITIALIZING);
        assertThat(s.gpuLastCheckedAt()).isPresent();
    }

    @Test
    void recordGpuInstance_nonGpuOrMissing_isATypedError() {
        String vpc = sim.createVpc();
        String cpu = sim.launchInstance("t3.medium", "ami-0cpu", sim.createSubnet(vpc), sim.createSecurityGroup(vpc));

        assertThatThrownBy(() -> client.deployment("web").recordGpuInstance(cpu)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("t3.medium").hasMessageContaining("no GPU");
        assertThatThrownBy(() -> client.deployment("web").recordGpuInstance("i-0doesnotexist"))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("i-0doesnotexist");
        assertThatThrownBy(() -> client.deployment("web").recordGpuInstance(" ")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("instance id");
        assertThatThrownBy(() -> client.deployment("web").recordCloudFront("")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void recordCloudFront_andRefresh_followTheLiveStatus() {
        String id = client.deployment("web").provisionCloudFront(CloudFrontOptions.defaults()).cloudFrontDistributionId().orElseThrow();
        client.deployment("web").recordGpuInstance(instance);
        client.deployment("web").update(s -> s.withCloudFrontStatus(java.util.Optional.empty()));

        DeploymentState recorded = client.deployment("web").recordCloudFront(id);
        assertThat(recorded.cloudFrontStatus()).contains(CloudFrontStatus.IN_PROGRESS);

        sim.clock().advance(Duration.ofMinutes(20));
        DeploymentState refreshed = client.deployment("web").refresh();

        assertThat(refreshed.cloudFrontStatus()).contains(CloudFrontStatus.DEPLOYED);
        assertThat(refreshed.gpuHealthStatus()).contains(HealthStatus.OK);
        assertThat(refreshed.cloudFrontLastCheckedAt()).isPresent();
    }

    @Test
    void refresh_whenTheDistributionIsGone_recordsAndShowsItGone_andAFoundOneClearsTheMark() {
        String id = client.deployment("web").provisionCloudFront(CloudFrontOptions.defaults().withWaitForDeployed(true))
                .cloudFrontDistributionId().orElseThrow();
        var cfg = sim.cloudFront().getDistributionConfig(id);
        sim.cloudFront().setEnabled(id, false, cfg.etag());
        sim.clock().advance(Duration.ofMinutes(20));
        sim.cloudFront().deleteDistribution(id, sim.cloudFront().getDistribution(id).etag());

        DeploymentState s = client.deployment("web").refresh();

        assertThat(s.cloudFrontDistributionId()).contains(id);
        assertThat(s.cloudFrontStatus()).isEmpty();
        assertThat(s.cloudFrontEnabled()).isEmpty();
        assertThat(s.cloudFrontGoneAt()).isPresent();
        String text = client.deployment("web").inspect().render();
        assertThat(text).containsPattern("status +gone \\(CloudFront has no such distribution; found ")
                .contains("enabled           no (gone)").doesNotContain("run refresh");

        // a distribution that answers again (e.g. a state pointed at another one) is no longer gone
        String other = sim.cloudFront().createDistribution(new io.tierstate.port.DistributionSpec("other-1", "other", "alb",
                "alb.example.com", "http-only", "redirect-to-https", io.tierstate.port.DistributionSpec.CACHING_DISABLED,
                io.tierstate.port.DistributionSpec.ALL_VIEWER, "PriceClass_100", "http2and3", java.util.Map.of(), 60)).id();
        client.deployment("web").update(x -> x.withCloudFrontDistributionId(other));
        assertThat(client.deployment("web").refresh().cloudFrontGoneAt()).isEmpty();
    }

    @Test
    void refresh_aValueTheCloudDoesNotGive_saysSoInsteadOfAskingForARefresh() {
        client.deployment("web").provisionCloudFront(CloudFrontOptions.defaults().withWaitForDeployed(true));
        client.deployment("web").update(s -> s.withCloudFrontPriceClass(java.util.Optional.empty()));
        String before = client.deployment("web").inspect().render();
        assertThat(before).contains("price class       not given by CloudFront when last checked");

        client.deployment("web").update(s -> s.withCloudFrontLastCheckedAt(java.util.Optional.empty()));
        assertThat(client.deployment("web").inspect().render()).contains("price class       not recorded — run refresh");
    }

    @Test
    void refresh_onAVirtualClockFarAhead_writesWallClockTimes() {
        client.deployment("web").provisionCloudFront(CloudFrontOptions.defaults().withWaitForDeployed(true));
        client.deployment("web").recordGpuInstance(instance);
        sim.clock().advance(Duration.ofHours(5));
        java.time.Instant wall = java.time.Instant.now().plusSeconds(1);

        DeploymentState s = client.deployment("web").refresh();

        assertThat(s.cloudFrontLastCheckedAt()).hasValueSatisfying(t -> assertThat(t).isBefore(wall));
        assertThat(s.gpuLastCheckedAt()).hasValueSatisfying(t -> assertThat(t).isBefore(wall));
        assertThat(s.updatedAt()).hasValueSatisfying(t -> assertThat(t).isBefore(wall));
    }

    @Test
    void cloud_withoutAProviderOnTheClassPath_saysHowToGetOne() {
        try (DeploymentClient local = DeploymentClient.builder().home(home).build()) {
            assertThatThrownBy(local::cloud).isInstanceOf(TierStateException.class)
                    .hasMessageContaining("tierstate-aws").hasMessageContaining("SimulatedCloud");
            assertThat(local.deployment("web").destroy().plan().steps()).isNotEmpty();
        }
        try (DeploymentClient named = DeploymentClient.builder().home(home).cloudProvider("nimbus").build()) {
            assertThatThrownBy(named::cloud).isInstanceOf(TierStateException.class).hasMessageContaining("'nimbus'");
        }
    }

    @Test
    void options_areCheckedAsTheyAreSet() {
        assertThatThrownBy(() -> CloudFrontOptions.defaults().withPriceClass("PriceClass_1")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("PriceClass_100");
        assertThatThrownBy(() -> CloudFrontOptions.defaults().withOriginProtocolPolicy("ftp")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> CloudFrontOptions.defaults().withComment("x".repeat(129))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> CloudFrontOptions.defaults().withTimeout(Duration.ZERO)).isInstanceOf(InvalidInputException.class);
        CloudFrontOptions o = CloudFrontOptions.defaults().withPriceClass("PriceClass_All").withOriginProtocolPolicy("http-only")
                .withCachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6").withComment("c").withTimeout(Duration.ofMinutes(5))
                .withPollPolicy(io.tierstate.destroy.PollPolicy.defaults());
        assertThat(o.priceClass()).isEqualTo("PriceClass_All");
        assertThat(o.timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(o.waitForDeployed()).isFalse();
    }

    @Test
    void provisionCloudFront_waitTimeout_saysItKeepsDeploying() {
        assertThatThrownBy(() -> client.deployment("web").provisionCloudFront(CloudFrontOptions.defaults()
                .withWaitForDeployed(true).withTimeout(Duration.ofMinutes(1))))
                .isInstanceOf(TierStateException.class).hasMessageContaining("still InProgress").hasMessageContaining("refresh()");
        assertThat(client.deployment("web").state().cloudFrontDistributionId()).isPresent();
    }
}
