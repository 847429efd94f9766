package io.tierstate.view;

import io.tierstate.migration.fixtures.Fixtures;
import io.tierstate.model.CacheBehavior;
import io.tierstate.model.CloudFrontOrigin;
import io.tierstate.model.CloudFrontStatus;
import io.tierstate.model.CostTracking;
import io.tierstate.model.DeploymentConfig;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.DestroyJournal;
import io.tierstate.model.DestroyStepRecord;
import io.tierstate.model.HealthStatus;
import io.tierstate.model.Provenance;
import io.tierstate.StateJson;
import io.tierstate.model.Status;
import io.tierstate.model.Tier;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Fixed deployment states and a fixed clock for the view tests and their golden files. */
final class ViewFixtures {

    /** The time every golden file is rendered at. */
    static final Instant NOW = Instant.parse("2025-10-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private ViewFixtures() {}

    /** Tier 1: one t3.medium with EFS, reached at its public IP. */
    static DeploymentState tier1() {
        return DeploymentState.builder()
                .stackName("dev-sandbox").status(Status.RUNNING)
                .createdAt(Instant.parse("2025-09-28T09:15:00Z")).updatedAt(Instant.parse("2025-09-28T09:31:10Z"))
                .vpcId("vpc-0aa11aa22bb33cc44").subnetIds(List.of("subnet-0aa0000000000a001"))
                .securityGroupId("sg-0aa0000000000a0a0")
                .efsId("fs-0aa0000000000a0f0").efsMountTargetId("fsmt-0aa0000000000a0b1").efsMountTargetIp("10.0.1.25")
                .instanceId("i-0aa0000000000a0c0").keypairName("dev-sandbox-key")
                .publicIp("54.210.11.23").privateIp("10.0.1.10").n8nUrl("http://54.210.11.23:5678")
                .iamRoleName("dev-sandbox-efs-role").iamInstanceProfileName("dev-sandbox-efs-profile")
                .cost(CostTracking.builder().instanceType("t3.medium").isSpot(false).build())
                .config(DeploymentConfig.builder().stackName("dev-sandbox").tier(Tier.DEV).region("us-east-1")
                        .instanceType("t3.medium").build())
                .build();
    }

    /** Tier 2: an m5.large behind an ALB, in a reused VPC. */
    static DeploymentState tier2() {
        return DeploymentState.builder()
                .stackName("team-automation").status(Status.RUNNING)
                .createdAt(Instant.parse("2025-09-15T14:02:33.120000Z"))
                .vpcId("vpc-0cc11cc22dd33ee44")
                .subnetIds(List.of("subnet-0cc0000000000c001", "subnet-0cc0000000000c002"))
                .securityGroupId("sg-0cc0000000000c0a0")
                .efsId("fs-0cc0000000000c0f0")
                .efsMountTargetIds(List.of("fsmt-0cc0000000000c0b1", "fsmt-0cc0000000000c0b2"))
                .instanceId("i-0cc0000000000c0c0").publicIp("3.80.44.19").privateIp("10.2.1.14")
                .iamRoleName("team-automation-role").iamRoleArn("arn:aws:iam::123456789012:role/team-automation-role")
                .iamInstanceProfileName("team-automation-profile")
                .albArn("arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/team-automation-alb/50dc6c495c0c9188")
                .albDns("team-automation-alb-1234567890.eu-west-1.elb.amazonaws.com")
                .targetGroupArn("arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/team-automation-tg/73e2d6bc24d8a067")
                .resourceProvenance(Map.of("vpc", Provenance.REUSED, "subnets", Provenance.REUSED))
                .config(DeploymentConfig.builder().stackName("team-automation").tier(Tier.AUTOMATION).region("eu-west-1")
                        .instanceType("m5.large").build())
                .build();
    }

    /** Tier 3 on a g4dn.xlarge, refreshed three minutes before {@link #NOW}. */
    static DeploymentState tier3Gpu() {
        String alb = "gpu-global-alb-987654321.us-east-1.elb.amazonaws.com";
        return DeploymentState.builder()
                .stackName("gpu-global").status(Status.RUNNING)
                .createdAt(Instant.parse("2025-09-30T08:45:12.000001Z")).updatedAt(Instant.parse("2025-10-01T11:57:00Z"))
                .vpcId("vpc-0bb11bb22cc33dd44")
                .subnetIds(List.of("subnet-0bb0000000000b001", "subnet-0bb0000000000b002"))
                .securityGroupId("sg-0bb0000000000b0b0")
                .efsId("fs-0bb0000000000b0f0").efsMountTargetId("fsmt-0bb0000000000b0b1")
                .instanceId("i-0bb0000000000b0c0").keypairName("gpu-global-key")
                .publicIp("3.91.20.7").privateIp("10.1.1.12").n8nUrl("https://d111111abcdef8.cloudfront.net")
                .iamRoleName("gpu-global-efs-role").iamInstanceProfileName("gpu-global-efs-profile")
                .albArn("arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/gpu-global-alb/6d0ecf831eec9f09")
                .albDns(alb)
                .targetGroupArn("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/gpu-global-tg/9683b2d02a6cabee")
                .resourceProvenance(Map.of("vpc", Provenance.REUSED, "alb", Provenance.CREATED,
                        "cloudfront", Provenance.CREATED))
                .cost(CostTracking.builder().instanceType("g4dn.xlarge").isSpot(false).build())
                .config(DeploymentConfig.builder().stackName("gpu-global").tier(Tier.GPU).region("us-east-1")
                        .instanceType("g4dn.xlarge").amiId("ami-0123456789abcdef0").build())
                .cloudFrontDistributionId("E2QWRUHAPOMQZL").cloudFrontDomainName("d111111abcdef8.cloudfront.net")
                .cloudFrontArn("arn:aws:cloudfront::123456789012:distribution/E2QWRUHAPOMQZL")
                .cloudFrontStatus(CloudFrontStatus.DEPLOYED).cloudFrontEnabled(true)
                .cloudFrontPriceClass("PriceClass_100")
                .cloudFrontLastCheckedAt(Instant.parse("2025-10-01T11:57:00Z"))
                .addCloudFrontOrigin(CloudFrontOrigin.builder().id("alb-origin").domainName(alb)
                        .protocolPolicy("http-only").httpPort(80).httpsPort(443).build())
                .addCloudFrontCacheBehavior(CacheBehavior.builder().pathPattern("/static/*").targetOriginId("alb-origin")
                        .viewerProtocolPolicy("redirect-to-https").allowedMethods(List.of("GET", "HEAD"))
                        .cachedMethods(List.of("GET", "HEAD")).compress(true)
                        .cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6").build())
                .addCloudFrontCacheBehavior(CacheBehavior.builder().pathPattern("*").targetOriginId("alb-origin")
                        .viewerProtocolPolicy("redirect-to-https")
                        .allowedMethods(List.of("GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"))
                        .cachedMethods(List.of("GET", "HEAD")).compress(true)
                        .cachePolicyId("4135ea2d-6df8-44a3-9df3-4b5a84be39ad")
                        .originRequestPolicyId("216adef6-5c7f-47e4-b989-5492eafa07d3")
                        .minTtl(0L).defaultTtl(0L).maxTtl(0L).build())
                .gpuEnabled(true).gpuInstanceType("g4dn.xlarge").gpuAmiId("ami-0123456789abcdef0")
                .gpuHealthStatus(HealthStatus.OK).gpuManufacturer("NVIDIA").gpuModel("T4").gpuCount(1)
                .gpuMemoryMib(15360L).gpuLastCheckedAt(Instant.parse("2025-10-01T11:57:00Z"))
                .build();
    }

    /** Tier 3 on a CPU instance whose distribution is still propagating. */
    static DeploymentState tier3Cpu() {
        String alb = "web-edge-alb-55501234.eu-west-1.elb.amazonaws.com";
        return DeploymentState.builder()
                .stackName("web-edge").status(Status.RUNNING)
                .createdAt(Instant.parse("2025-10-01T10:12:40Z"))
                .vpcId("vpc-0dd11dd22ee33ff44").subnetIds(List.of("subnet-0dd0000000000d001"))
                .securityGroupId("sg-0dd0000000000d0d0").efsId("fs-0dd0000000000d0f0")
                .instanceId("i-0dd0000000000d0c0").publicIp("34.240.1.77").privateIp("10.3.1.20")
                .iamRoleName("web-edge-role").iamInstanceProfileName("web-edge-profile")
                .albArn("arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web-edge-alb/1a2b3c4d5e6f7a8b")
                .albDns(alb)
                .cost(CostTracking.builder().instanceType("m5.xlarge").isSpot(true)
                        .spotPricePerHour(new BigDecimal("0.0731")).build())
                .config(DeploymentConfig.builder().stackName("web-edge").tier(Tier.GPU).workload("cpu").region("eu-west-1")
                        .instanceType("m5.xlarge").useSpot(true).build())
                .cloudFrontDistributionId("E3WEBEDGE0EXAMPLE").cloudFrontDomainName("d2web3edge4example.cloudfront.net")
                .cloudFrontStatus(CloudFrontStatus.IN_PROGRESS).cloudFrontEnabled(true)
                .cloudFrontPriceClass("PriceClass_All")
                .cloudFrontLastCheckedAt(Instant.parse("2025-10-01T11:40:00Z"))
                .addCloudFrontOrigin(CloudFrontOrigin.builder().id("alb").domainName(alb).protocolPolicy("https-only")
                        .httpsPort(443).build())
                .addCloudFrontCacheBehavior(CacheBehavior.builder().pathPattern("*").targetOriginId("alb")
                        .viewerProtocolPolicy("https-only").allowedMethods(List.of("GET", "HEAD"))
                        .cachePolicyId("0f6e3c2a-0000-4000-8000-000000000001").build())
                .build();
    }

    /** GeuseMaker's own v2 Tier 3 file, read as is: nothing refreshed yet, so every live value is unknown. */
    static DeploymentState unknownStatus() {
        return StateJson.read(Fixtures.text("v2-gpu-tier3.json"));
    }

    /** A Tier 3 destroy that stopped: CloudFront, ALB and target group done, the instance failed. */
    static DeploymentState destroying() {
        DeploymentState s = tier3Gpu();
        Instant start = Instant.parse("2025-10-01T10:00:00Z");
        return s.withStatus(Status.DESTROYING).withDestroyProgress(DestroyJournal.builder()
                .startedAt(start).strategy("sequential")
                .addStep(step("cloudfront", "done", start, "2025-10-01T10:16:40Z", 1, null))
                .addStep(step("alb", "done", Instant.parse("2025-10-01T10:16:41Z"), "2025-10-01T10:18:02Z", 1, null))
                .addStep(step("target_group", "done", Instant.parse("2025-10-01T10:18:02Z"), "2025-10-01T10:18:20Z", 2, null))
                .addStep(step("instance", "failed", Instant.parse("2025-10-01T10:18:20Z"), "2025-10-01T10:48:20Z", 3,
                        "timed out after 30 min waiting for i-0bb0000000000b0c0 to terminate (state: shutting-down)"))
                .build());
    }

    /** A destroy that deferred the CloudFront deletion: everything else is gone, the distribution is disabled. */
    static DeploymentState pendingCloudFrontDeletion() {
        DeploymentState s = tier3Gpu();
        Instant start = Instant.parse("2025-10-01T11:00:00Z");
        return s.withStatus(Status.DESTROYING).withCloudFrontEnabled(false)
                .withCloudFrontStatus(CloudFrontStatus.IN_PROGRESS)
                .withGpuHealthStatus(java.util.Optional.empty())
                .withDestroyProgress(DestroyJournal.builder().startedAt(start).strategy("overlapped")
                        .pendingCloudFrontDeletion(true)
                        .addStep(step("cloudfront", "disable_requested", start, "2025-10-01T11:00:02Z", 1, null))
                        .addStep(step("alb", "done", start, "2025-10-01T11:01:30Z", 1, null))
                        .addStep(step("target_group", "done", start, "2025-10-01T11:01:45Z", 1, null))
                        .addStep(step("instance", "done", start, "2025-10-01T11:03:10Z", 1, null))
                        .addStep(step("iam_instance_profile", "done", start, "2025-10-01T11:03:11Z", 1, null))
                        .addStep(step("iam_role", "done", start, "2025-10-01T11:03:12Z", 1, null))
                        .addStep(step("efs_mount_targets", "done", start, "2025-10-01T11:04:30Z", 2, null))
                        .addStep(step("efs", "done", start, "2025-10-01T11:04:40Z", 1, null))
                        .addStep(step("security_group", "done", start, "2025-10-01T11:04:52Z", 1, null))
                        .addStep(step("subnets", "done", start, "2025-10-01T11:05:01Z", 1, null))
                        .build());
    }

    private static DestroyStepRecord step(String id, String status, Instant started, String finished, int attempts,
            String error) {
        DestroyStepRecord.Builder b = DestroyStepRecord.builder().step(id).status(status).startedAt(started)
                .finishedAt(Instant.parse(finished)).attempts(attempts);
        if (error != null) {
            b.error(error);
        }
        return b.build();
    }
}
