package io.tierstate.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tierstate.error.DistributionNotDisabledException;
import io.tierstate.error.ResourceInUseException;
import io.tierstate.error.ResourceNotFoundException;
import io.tierstate.model.CloudFrontStatus;
import io.tierstate.port.Distribution;
import io.tierstate.port.DistributionConfig;
import io.tierstate.port.DistributionSpec;
import io.tierstate.port.FileSystemPort.MountTarget;
import io.tierstate.port.GpuSpec;
import io.tierstate.port.InstanceDescription;
import io.tierstate.port.Cloud;
import io.tierstate.port.NetworkPort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.efs.model.LifeCycleState;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The Tier 3 scenario end to end against a real (or AWS-compatible) endpoint, in two regions: in
 * each, a pipeline creates the network, an instance, an ALB with target group and listener, an EFS
 * with a mount target and an IAM role with instance profile through the SDK; then everything
 * TierState does goes through the ports of that region's session ({@code inRegion}): provision
 * CloudFront in front of the ALB and wait for it, describe the GPU type, the instance, the ALB and
 * its listeners, read the obstacles destroy looks for (protections, spot request, references, VPC
 * dependents, access points, replication), then tear all of it down in SPEC §5's order, and the SDK
 * checks that nothing is left in either region. Whatever a failure leaves behind is deleted on the
 * way out as far as possible.
 *
 * <p>Runs when {@code TIERSTATE_IT_ENDPOINT} is set (see {@link AwsItSettings}); with
 * {@code TIERSTATE_IT_ENDPOINT=aws} against real AWS, where it takes 30-60 minutes (two CloudFront
 * propagations per region, the regions run side by side) and costs cents. The facade-level scenario
 * (record, inspect, estimate, destroy through {@code DeploymentClient}) lives in core and examples.
 */
class AwsTier3ScenarioIT {

    private static final AwsItSettings SETTINGS = AwsItSettings.fromEnvironment();

    @Test
    void tier3_inTwoRegions_createdByAPipeline_isProvisionedAndTornDownThroughThePorts_andNothingIsLeft() throws Exception {
        assumeTrue(SETTINGS.enabled(), AwsItSettings.SKIP_MESSAGE);
        try (AwsCloud cloud = SETTINGS.cloud()) {
            log("target: " + cloud.describe() + ", regions " + SETTINGS.regions());
            List<Callable<Void>> runs = new ArrayList<>();
            for (String region : SETTINGS.regions()) {
                Cloud session = cloud.inRegion(region);
                assertThat(session.sessionRegion()).contains(region);
                runs.add(() -> {
                    new Scenario(region, session).run();
                    return null;
                });
            }
            ExecutorService pool = Executors.newFixedThreadPool(runs.size());
            try {
                AssertionError failed = null;
                for (Future<Void> run : pool.invokeAll(runs)) {
                    try {
                        run.get();
                    } catch (ExecutionException e) {
                        if (failed == null) {
                            failed = new AssertionError("the scenario failed in a region: " + e.getCause(), e.getCause());
                        } else {
                            failed.addSuppressed(e.getCause());
                        }
                    }
                }
                if (failed != null) {
                    throw failed;
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * The same stacks, one per region, recorded in one state store and torn down by the destroy
     * engine through one client whose cloud defaults to the first region: each deployment's calls
     * must go to the region its state names, the survey must find every resource, and the engine's
     * own verification must find nothing left.
     */
    @Test
    void tier3_inTwoRegions_recordedInOneHome_isDestroyedByTheEngineInEachRegion_andVerifiedClean(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path home) throws Exception {
        assumeTrue(SETTINGS.enabled(), AwsItSettings.SKIP_MESSAGE);
        try (AwsCloud cloud = SETTINGS.cloud();
                io.tierstate.DeploymentClient client = io.tierstate.DeploymentClient.builder().home(home).cloud(cloud).build()) {
            for (String region : SETTINGS.regions()) {
                new Scenario(region, cloud.inRegion(region)).runThroughTheEngine(client);
            }
        }
    }

    /** One region's run: what the "pipeline" created there, for the checks and for cleanup after a failure. */
    private static final class Scenario {

        private final String region;
        private final Cloud cloud;
        private final String suffix = UUID.randomUUID().toString().substring(0, 8);
        private final String name;

        private String vpcId;
        private String subnetA;
        private String subnetB;
        private String gatewayId;
        private String routeTableId;
        private String securityGroupId;
        private String instanceId;
        private String loadBalancerArn;
        private String loadBalancerDns;
        private String targetGroupArn;
        private String fileSystemId;
        private String mountTargetId;
        private String roleName;
        private String profileName;
        private String distributionId;
        private String deletedDistributionId;

        Scenario(String region, Cloud cloud) {
            this.region = region;
            this.cloud = cloud;
            // IAM and CloudFront are global: the names differ per region
            this.name = "ts-it-" + suffix;
        }

        void run() throws InterruptedException {
            try (Sdk sdk = new Sdk(SETTINGS, region)) {
                try {
                    createLikeAPipeline(sdk);
                    provisionAndDescribe();
                    readTheObstacles();
                    readTheMetrics(sdk);
                    tearDown();
                    verifyNothingLeft(sdk);
                } finally {
                    cleanUpAfterFailure(sdk);
                }
            }
        }

        private void log(String message) {
            AwsTier3ScenarioIT.log(region + ": " + message);
        }

        void runThroughTheEngine(io.tierstate.DeploymentClient client) throws InterruptedException {
            try (Sdk sdk = new Sdk(SETTINGS, region)) {
                try {
                    createLikeAPipeline(sdk);
                    java.util.Map<String, io.tierstate.model.Provenance> created = new java.util.LinkedHashMap<>();
                    for (String key : List.of("vpc", "subnets", "efs", "instance", "alb", "cloudfront")) {
                        created.put(key, io.tierstate.model.Provenance.CREATED);
                    }
                    client.deployment(name).create(io.tierstate.model.DeploymentState.builder().stackName(name)
                            .status(io.tierstate.model.Status.RUNNING)
                            .config(io.tierstate.model.DeploymentConfig.builder().stackName(name)
                                    .tier(io.tierstate.model.Tier.AUTOMATION).region(region).build())
                            .vpcId(vpcId).subnetIds(List.of(subnetA, subnetB)).securityGroupId(securityGroupId)
                            .instanceId(instanceId).albArn(loadBalancerArn).albDns(loadBalancerDns).targetGroupArn(targetGroupArn)
                            .efsId(fileSystemId).efsMountTargetId(mountTargetId).iamRoleName(roleName)
                            .iamInstanceProfileName(profileName).resourceProvenance(created).build());
                    var provisioned = client.deployment(name).provisionCloudFront(io.tierstate.CloudFrontOptions.defaults());
                    distributionId = provisioned.cloudFrontDistributionId().orElseThrow();
                    assertThat(provisioned.config().tier()).as("Tier 2 becomes Tier 3").isEqualTo(io.tierstate.model.Tier.GPU);
                    log("recorded and provisioned " + distributionId + "; destroying through the engine");

                    var plan = client.deployment(name).destroy().planLive();
                    assertThat(plan.checkedIn()).hasValueSatisfying(w -> assertThat(w).contains(region));
                    assertThat(plan.findings()).noneMatch(f -> f.kind() == io.tierstate.destroy.Finding.Kind.GONE);
                    var report = client.deployment(name).destroy().strategy(io.tierstate.destroy.Strategy.OVERLAPPED)
                            .onProgress(e -> {
                                if (e.phase() != io.tierstate.destroy.ProgressEvent.Phase.WAITING) {
                                    log(e.toString());
                                }
                            }).run();
                    log(report.render());
                    assertThat(report.outcome()).as(report.render()).isEqualTo(io.tierstate.destroy.DestroyReport.Outcome.COMPLETED);
                    assertThat(report.alreadyGone()).extracting(io.tierstate.destroy.DestroyReport.StepResult::step)
                            .as("nothing was taken for gone").doesNotContain("instance", "alb", "efs", "subnets", "vpc");
                    assertThat(report.verification()).hasValueSatisfying(v -> assertThat(v.clean()).as(v.render()).isTrue());
                    assertThat(client.deployment(name).verify().clean()).isTrue();
                    deletedDistributionId = distributionId;
                    distributionId = null;
                    verifyNothingLeft(sdk);
                } finally {
                    cleanUpAfterFailure(sdk);
                }
            }
        }

        private void createLikeAPipeline(Sdk sdk) throws InterruptedException {
            List<String> zones = sdk.ec2.describeAvailabilityZones(b -> b.filters(f("state", "available"))).availabilityZones()
                    .stream().map(z -> z.zoneName()).sorted().toList();
            assertThat(zones).as("availability zones of " + region).hasSizeGreaterThanOrEqualTo(2);
            vpcId = sdk.ec2.createVpc(b -> b.cidrBlock("10.42.0.0/16").tagSpecifications(tags(ResourceType.VPC))).vpc().vpcId();
            subnetA = sdk.ec2.createSubnet(b -> b.vpcId(vpcId).cidrBlock("10.42.1.0/24").availabilityZone(zones.get(0))).subnet().subnetId();
            subnetB = sdk.ec2.createSubnet(b -> b.vpcId(vpcId).cidrBlock("10.42.2.0/24").availabilityZone(zones.get(1))).subnet().subnetId();
            gatewayId = sdk.ec2.createInternetGateway(b -> b.tagSpecifications(tags(ResourceType.INTERNET_GATEWAY)))
                    .internetGateway().internetGatewayId();
            sdk.ec2.attachInternetGateway(b -> b.internetGatewayId(gatewayId).vpcId(vpcId));
            String routeTable = sdk.ec2.createRouteTable(b -> b.vpcId(vpcId).tagSpecifications(tags(ResourceType.ROUTE_TABLE)))
                    .routeTable().routeTableId();
            routeTableId = routeTable;
            sdk.ec2.createRoute(b -> b.routeTableId(routeTable).destinationCidrBlock("0.0.0.0/0").gatewayId(gatewayId));
            for (String subnet : List.of(subnetA, subnetB)) {
                sdk.ec2.associateRouteTable(b -> b.routeTableId(routeTable).subnetId(subnet));
            }
            securityGroupId = sdk.ec2.createSecurityGroup(b -> b.groupName(name).description("TierState integration test")
                    .vpcId(vpcId)).groupId();
            sdk.ec2.authorizeSecurityGroupIngress(b -> b.groupId(securityGroupId).ipPermissions(IpPermission.builder()
                    .ipProtocol("tcp").fromPort(80).toPort(80).ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build()));
            log("network: " + vpcId + " " + subnetA + " " + subnetB + " " + gatewayId + " " + securityGroupId);

            String image = SETTINGS.imageId().orElseGet(() -> newestAmazonLinux(sdk));
            instanceId = sdk.ec2.runInstances(b -> b.imageId(image).instanceType(SETTINGS.instanceType()).minCount(1).maxCount(1)
                    .subnetId(subnetA).securityGroupIds(securityGroupId).tagSpecifications(tags(ResourceType.INSTANCE)))
                    .instances().get(0).instanceId();
            log("instance: " + instanceId + " (" + SETTINGS.instanceType() + ", " + image + ")");

            LoadBalancer lb = sdk.elb.createLoadBalancer(b -> b.name(name).subnets(subnetA, subnetB).securityGroups(securityGroupId)
                    .scheme(LoadBalancerSchemeEnum.INTERNET_FACING).type(LoadBalancerTypeEnum.APPLICATION)).loadBalancers().get(0);
            loadBalancerArn = lb.loadBalancerArn();
            loadBalancerDns = lb.dnsName();
            targetGroupArn = sdk.elb.createTargetGroup(b -> b.name(name).protocol(ProtocolEnum.HTTP).port(80).vpcId(vpcId)
                    .targetType(TargetTypeEnum.INSTANCE)).targetGroups().get(0).targetGroupArn();
            sdk.elb.createListener(b -> b.loadBalancerArn(loadBalancerArn).protocol(ProtocolEnum.HTTP).port(80)
                    .defaultActions(Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroupArn).build()));
            waitUntil("instance " + instanceId + " running",
                    () -> cloud.compute().describeInstance(instanceId).state() == InstanceDescription.State.RUNNING);
            sdk.elb.registerTargets(b -> b.targetGroupArn(targetGroupArn).targets(TargetDescription.builder().id(instanceId).port(80).build()));
            log("load balancer: " + loadBalancerArn + " (" + loadBalancerDns + "), target group " + targetGroupArn);

            fileSystemId = sdk.efs.createFileSystem(b -> b.creationToken(name).tags(software.amazon.awssdk.services.efs.model.Tag.builder().key("Name").value(name).build())).fileSystemId();
            waitUntil("file system " + fileSystemId + " available", () -> sdk.efs.describeFileSystems(b -> b.fileSystemId(fileSystemId))
                    .fileSystems().get(0).lifeCycleState() == LifeCycleState.AVAILABLE);
            mountTargetId = sdk.efs.createMountTarget(b -> b.fileSystemId(fileSystemId).subnetId(subnetA)
                    .securityGroups(securityGroupId)).mountTargetId();
            waitUntil("mount target " + mountTargetId + " available", () -> cloud.fileSystems().mountTargets(fileSystemId).stream()
                    .allMatch(t -> t.lifeCycleState().equals("available")));
            log("file system: " + fileSystemId + ", mount target " + mountTargetId);

            roleName = name + "-role";
            profileName = name + "-profile";
            sdk.iam.createRole(b -> b.roleName(roleName).assumeRolePolicyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"""));
            sdk.iam.attachRolePolicy(b -> b.roleName(roleName).policyArn("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"));
            sdk.iam.putRolePolicy(b -> b.roleName(roleName).policyName("tierstate-it-inline").policyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"elasticfilesystem:ClientMount","Resource":"*"}]}"""));
            sdk.iam.createInstanceProfile(b -> b.instanceProfileName(profileName));
            sdk.iam.addRoleToInstanceProfile(b -> b.instanceProfileName(profileName).roleName(roleName));
            log("identity: role " + roleName + ", instance profile " + profileName);
        }

        private void provisionAndDescribe() throws InterruptedException {
            DistributionSpec spec = new DistributionSpec("tierstate-it-" + suffix, "TierState integration test " + name, "alb-origin",
                    loadBalancerDns, "http-only", "redirect-to-https", DistributionSpec.CACHING_DISABLED,
                    DistributionSpec.ALL_VIEWER, "PriceClass_100", "http2and3", Map.of("tierstate:it", name), 60);
            Distribution created = cloud.cloudFront().createDistribution(spec);
            distributionId = created.id();
            log("distribution: " + distributionId + " (" + created.domainName() + "), " + created.status());
            assertThat(created.enabled()).isTrue();
            assertThat(created.origins()).singleElement().satisfies(o -> assertThat(o.domainName()).isEqualTo(loadBalancerDns));
            if (SETTINGS.realAws()) {
                // AWS names the earlier distribution in DistributionAlreadyExists; emulators may not
                assertThat(cloud.cloudFront().createDistribution(spec).id()).as("create is idempotent").isEqualTo(distributionId);
            }
            waitUntil("distribution " + distributionId + " Deployed",
                    () -> cloud.cloudFront().getDistribution(distributionId).status() == CloudFrontStatus.DEPLOYED);
            Distribution deployed = cloud.cloudFront().getDistribution(distributionId);
            assertThat(deployed.callerReference()).contains(spec.callerReference());
            assertThat(deployed.cacheBehaviors()).first().satisfies(c -> {
                assertThat(c.isDefault()).isTrue();
                assertThat(c.cachePolicyId()).contains(DistributionSpec.CACHING_DISABLED);
            });

            GpuSpec gpu = cloud.compute().gpuSpec(SETTINGS.gpuType()).orElseThrow(() -> new AssertionError(SETTINGS.gpuType() + " has no GPUs?"));
            log("gpu: " + SETTINGS.gpuType() + " = " + gpu);
            assertThat(gpu.count()).isPositive();
            assertThat(gpu.totalMemoryMib()).isPositive();
            assertThat(gpu.manufacturer()).isNotBlank();
            assertThat(cloud.compute().gpuSpec(SETTINGS.instanceType())).as(SETTINGS.instanceType() + " has no GPU").isEmpty();

            InstanceDescription instance = cloud.compute().describeInstance(instanceId);
            assertThat(instance.instanceType()).isEqualTo(SETTINGS.instanceType());
            log("instance health: " + cloud.compute().instanceHealth(instanceId).map(Object::toString).orElse("(none reported)"));
            assertThat(cloud.loadBalancing().describeLoadBalancer(loadBalancerArn).dnsName()).isEqualTo(loadBalancerDns);
            assertThat(cloud.loadBalancing().listeners(loadBalancerArn)).singleElement().satisfies(l -> {
                assertThat(l.https()).isFalse();
                assertThat(l.port()).isEqualTo(80);
            });
            assertThat(cloud.loadBalancing().describeTargetGroup(targetGroupArn).loadBalancerArns()).contains(loadBalancerArn);
        }

        /**
         * What destroy reads before it deletes anything: here, a plain stack has none of the
         * obstacles. An emulator that lacks one of these calls (answers 500 or "not implemented")
         * skips that check; real AWS never does.
         */
        private void readTheObstacles() {
            check("termination protection", () -> assertThat(cloud.compute().terminationProtection(instanceId)).isFalse());
            check("spot request", () -> assertThat(cloud.compute().spotRequest(instanceId)).isEmpty());
            check("deletion protection", () -> assertThat(cloud.loadBalancing().deletionProtection(loadBalancerArn)).isFalse());
            check("security group", () -> assertThat(cloud.network().describeSecurityGroup(securityGroupId).vpcId()).isEqualTo(vpcId));
            check("references", () -> assertThat(cloud.network().securityGroupReferences(securityGroupId)).isEmpty());
            check("subnet", () -> assertThat(cloud.network().describeSubnet(subnetA).vpcId()).isEqualTo(vpcId));
            check("vpc", () -> assertThat(cloud.network().describeVpc(vpcId).isDefault()).isFalse());
            check("file system", () -> assertThat(cloud.fileSystems().describeFileSystem(fileSystemId).lifeCycleState())
                    .isEqualTo("available"));
            check("access points", () -> assertThat(cloud.fileSystems().accessPoints(fileSystemId)).isEmpty());
            check("replication", () -> assertThat(cloud.fileSystems().replicationDestinations(fileSystemId)).isEmpty());
            check("role", () -> assertThat(cloud.identity().describeRole(roleName).instanceProfiles()).containsExactly(profileName));
            check("instance profile", () -> assertThat(cloud.identity().describeInstanceProfile(profileName).roles())
                    .containsExactly(roleName));
            check("interfaces", () -> log("interfaces in the VPC: "
                    + cloud.network().networkInterfaces(NetworkPort.InterfaceFilter.VPC, vpcId)));
        }

        /**
         * The stack's metrics through the port, as cost --usage-from-metrics reads them: one
         * GetMetricData request for the ALB's ConsumedLCUs and the file system's StorageBytes. On
         * an emulator the datapoints are put first (AWS reserves the AWS/ namespaces to itself, so
         * this is not done on real AWS, where a new stack may have none yet and each series may
         * come back empty).
         */
        private void readTheMetrics(Sdk sdk) {
            String lb = loadBalancerArn.substring(loadBalancerArn.indexOf(":loadbalancer/") + ":loadbalancer/".length());
            Instant hour = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS).minus(java.time.Duration.ofHours(2));
            if (!SETTINGS.realAws()) {
                sdk.cloudWatch.putMetricData(b -> b.namespace("AWS/ApplicationELB").metricData(
                        lcu(lb, hour.plusSeconds(60), 1.5), lcu(lb, hour.plusSeconds(120), 2.5),
                        lcu(lb, hour.plusSeconds(3660), 4)));
                sdk.cloudWatch.putMetricData(b -> b.namespace("AWS/EFS").metricData(
                        storage(fileSystemId, hour.plusSeconds(60), 6144), storage(fileSystemId, hour.plusSeconds(3660), 18432)));
            }
            java.time.Duration period = java.time.Duration.ofHours(1);
            List<io.tierstate.port.MetricQuery> queries = List.of(
                    io.tierstate.port.MetricQuery.sum("AWS/ApplicationELB", "ConsumedLCUs", Map.of("LoadBalancer", lb), period),
                    io.tierstate.port.MetricQuery.average("AWS/EFS", "StorageBytes", fileSystemDimensions(), period));
            List<io.tierstate.port.MetricSeries> series = cloud.metrics().read(queries,
                    new io.tierstate.port.MetricWindow(hour, hour.plus(java.time.Duration.ofHours(3))));
            log("metrics: " + series);
            assertThat(series).hasSize(2);
            assertThat(series.get(0).query()).isEqualTo(queries.get(0));
            if (!SETTINGS.realAws()) {
                // two hours: 1.5 + 2.5 = 4 LCU-minutes, then 4
                assertThat(series.get(0).sum()).isEqualByComparingTo("8");
                assertThat(series.get(0).datapoints()).hasSize(2);
                // the hourly averages 6,144 and 18,432, averaged: 12,288
                assertThat(series.get(1).average()).hasValueSatisfying(a -> assertThat(a).isEqualByComparingTo("12288"));
            }
        }

        /** In the order AWS publishes them, as UsageMetrics asks (an emulator may match the order too). */
        private Map<String, String> fileSystemDimensions() {
            Map<String, String> d = new java.util.LinkedHashMap<>();
            d.put("FileSystemId", fileSystemId);
            d.put("StorageClass", "Total");
            return d;
        }

        private static software.amazon.awssdk.services.cloudwatch.model.MetricDatum lcu(String lb, Instant at, double value) {
            return software.amazon.awssdk.services.cloudwatch.model.MetricDatum.builder().metricName("ConsumedLCUs")
                    .dimensions(d -> d.name("LoadBalancer").value(lb)).timestamp(at).value(value).build();
        }

        private static software.amazon.awssdk.services.cloudwatch.model.MetricDatum storage(String fs, Instant at, double value) {
            return software.amazon.awssdk.services.cloudwatch.model.MetricDatum.builder().metricName("StorageBytes")
                    .dimensions(d -> d.name("FileSystemId").value(fs), d -> d.name("StorageClass").value("Total"))
                    .timestamp(at).value(value).build();
        }

        private void check(String what, Runnable check) {
            try {
                check.run();
            } catch (io.tierstate.error.CloudOperationException e) {
                boolean unimplemented = e.statusCode() >= 500 || e.errorCode().filter(c -> c.contains("NotImplemented")
                        || c.equals("InvalidAction")).isPresent();
                if (SETTINGS.realAws() || !unimplemented) {
                    throw e;
                }
                log(what + ": not checked, the emulator does not implement it (" + e.getMessage() + ")");
            }
        }

        private void tearDown() throws InterruptedException {
            // 1. CloudFront: disable with the ETag just read, wait for the disable to propagate, delete with a fresh ETag
            DistributionConfig config = cloud.cloudFront().getDistributionConfig(distributionId);
            cloud.cloudFront().setEnabled(distributionId, false, config.etag());
            waitUntil("distribution " + distributionId + " disabled and Deployed", () -> {
                Distribution d = cloud.cloudFront().getDistribution(distributionId);
                return !d.enabled() && d.status() == CloudFrontStatus.DEPLOYED;
            });
            waitUntil("distribution " + distributionId + " deleted", () -> {
                try {
                    cloud.cloudFront().deleteDistribution(distributionId, cloud.cloudFront().getDistributionConfig(distributionId).etag());
                    return true;
                } catch (DistributionNotDisabledException e) {
                    return false;
                }
            });
            assertThatThrownBy(() -> cloud.cloudFront().getDistribution(distributionId)).isInstanceOf(ResourceNotFoundException.class);
            deletedDistributionId = distributionId;
            distributionId = null;
            log("distribution deleted");

            // 2. the ALB (its listener goes with it), then the target group once nothing uses it
            cloud.loadBalancing().deleteLoadBalancer(loadBalancerArn);
            waitUntil("load balancer gone", () -> gone(() -> cloud.loadBalancing().describeLoadBalancer(loadBalancerArn)));
            retryWhileInUse("target group", () -> cloud.loadBalancing().deleteTargetGroup(targetGroupArn));
            log("load balancer and target group deleted");

            // 3. the instance
            cloud.compute().terminateInstance(instanceId);
            waitUntil("instance terminated", () -> {
                try {
                    return cloud.compute().describeInstance(instanceId).state() == InstanceDescription.State.TERMINATED;
                } catch (ResourceNotFoundException e) {
                    return true;
                }
            });
            log("instance terminated");

            // 4. identity
            cloud.identity().deleteInstanceProfile(profileName);
            cloud.identity().deleteRole(roleName);
            log("instance profile and role deleted");

            // 5. the file system's mount targets, then the file system
            for (MountTarget target : cloud.fileSystems().mountTargets(fileSystemId)) {
                deleteOrGone(() -> cloud.fileSystems().deleteMountTarget(target.id()));
            }
            waitUntil("mount targets gone", () -> cloud.fileSystems().mountTargets(fileSystemId).isEmpty());
            retryWhileInUse("file system", () -> cloud.fileSystems().deleteFileSystem(fileSystemId));
            log("file system deleted");

            // 6. the network, once the ALB's and EFS's network interfaces are released (described, not guessed)
            if (SETTINGS.realAws()) {
                waitUntil("network interfaces of " + securityGroupId + " released",
                        () -> cloud.network().networkInterfaces(NetworkPort.InterfaceFilter.SECURITY_GROUP, securityGroupId).isEmpty());
            } else {
                // emulators keep a deleted owner's interfaces (moto: the mount target's and the terminated instance's)
                log("interfaces of " + securityGroupId + ": "
                        + cloud.network().networkInterfaces(NetworkPort.InterfaceFilter.SECURITY_GROUP, securityGroupId));
            }
            retryWhileInUse("security group", () -> cloud.network().deleteSecurityGroup(securityGroupId));
            retryWhileInUse("subnet A", () -> cloud.network().deleteSubnet(subnetA));
            retryWhileInUse("subnet B", () -> cloud.network().deleteSubnet(subnetB));
            NetworkPort.VpcDependents dependents = cloud.network().vpcDependents(vpcId, Map.of("Stack", name));
            log("VPC dependents: " + dependents);
            assertThat(dependents.internetGateways()).extracting(NetworkPort.InternetGateway::id).containsExactly(gatewayId);
            assertThat(dependents.routeTables()).containsExactly(routeTableId);
            for (NetworkPort.InternetGateway gateway : dependents.internetGateways()) {
                retryWhileInUse("internet gateway", () -> cloud.network().deleteInternetGateway(gateway.id(), gateway.attachedTo()));
            }
            for (String table : dependents.routeTables()) {
                retryWhileInUse("route table", () -> cloud.network().deleteRouteTable(table));
            }
            for (String acl : dependents.networkAcls()) {
                retryWhileInUse("network ACL", () -> cloud.network().deleteNetworkAcl(acl));
            }
            assertThat(cloud.network().vpcDependents(vpcId, Map.of("Stack", name)).isEmpty()).isTrue();
            retryWhileInUse("vpc", () -> cloud.network().deleteVpc(vpcId));
            log("network deleted");
        }

        private void verifyNothingLeft(Sdk sdk) {
            assertAwsSays(() -> sdk.cloudFront.getDistribution(b -> b.id(deletedDistributionId)), "NoSuchDistribution");
            assertAwsSays(() -> sdk.elb.describeLoadBalancers(b -> b.loadBalancerArns(loadBalancerArn)), "LoadBalancerNotFound");
            assertAwsSays(() -> sdk.elb.describeTargetGroups(b -> b.targetGroupArns(targetGroupArn)), "TargetGroupNotFound");
            assertAwsSays(() -> sdk.efs.describeFileSystems(b -> b.fileSystemId(fileSystemId)), "FileSystemNotFound");
            assertAwsSays(() -> sdk.iam.getRole(b -> b.roleName(roleName)), "NoSuchEntity");
            assertAwsSays(() -> sdk.iam.getInstanceProfile(b -> b.instanceProfileName(profileName)), "NoSuchEntity");
            assertAwsSays(() -> sdk.ec2.describeVpcs(b -> b.vpcIds(vpcId)), "InvalidVpcID.NotFound");
            assertAwsSays(() -> sdk.ec2.describeSubnets(b -> b.subnetIds(subnetA, subnetB)), "InvalidSubnetID.NotFound");
            assertAwsSays(() -> sdk.ec2.describeInternetGateways(b -> b.internetGatewayIds(gatewayId)), "InvalidInternetGatewayID.NotFound");
            assertAwsSays(() -> sdk.ec2.describeRouteTables(b -> b.routeTableIds(routeTableId)), "InvalidRouteTableID.NotFound");
            try {
                assertThat(sdk.ec2.describeInstances(b -> b.instanceIds(instanceId)).reservations()).flatMap(r -> r.instances())
                        .allSatisfy(i -> assertThat(i.state().name()).isEqualTo(InstanceStateName.TERMINATED));
            } catch (AwsServiceException e) {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID.NotFound");
            }
            log("verified with the SDK: nothing is left in " + region);
            vpcId = null;
            instanceId = null;
            loadBalancerArn = null;
            targetGroupArn = null;
            fileSystemId = null;
            mountTargetId = null;
            roleName = null;
            profileName = null;
        }

        /** After a failure: delete what is recorded, in dependency order, ignoring every error. */
        private void cleanUpAfterFailure(Sdk sdk) {
            if (distributionId != null) {
                quietly(() -> {
                    var current = sdk.cloudFront.getDistributionConfig(b -> b.id(distributionId));
                    sdk.cloudFront.updateDistribution(b -> b.id(distributionId).ifMatch(current.eTag())
                            .distributionConfig(current.distributionConfig().toBuilder().enabled(false).build()));
                });
                log("LEFT BEHIND: CloudFront distribution " + distributionId + " was disabled; delete it once it is Deployed");
            }
            if (loadBalancerArn != null) {
                quietly(() -> sdk.elb.deleteLoadBalancer(b -> b.loadBalancerArn(loadBalancerArn)));
            }
            if (instanceId != null) {
                quietly(() -> sdk.ec2.terminateInstances(b -> b.instanceIds(instanceId)));
            }
            if (profileName != null) {
                quietly(() -> sdk.iam.removeRoleFromInstanceProfile(b -> b.instanceProfileName(profileName).roleName(roleName)));
                quietly(() -> sdk.iam.deleteInstanceProfile(b -> b.instanceProfileName(profileName)));
            }
            if (roleName != null) {
                quietly(() -> sdk.iam.detachRolePolicy(b -> b.roleName(roleName).policyArn("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore")));
                quietly(() -> sdk.iam.deleteRolePolicy(b -> b.roleName(roleName).policyName("tierstate-it-inline")));
                quietly(() -> sdk.iam.deleteRole(b -> b.roleName(roleName)));
            }
            if (mountTargetId != null) {
                quietly(() -> sdk.efs.deleteMountTarget(b -> b.mountTargetId(mountTargetId)));
            }
            if (targetGroupArn != null || fileSystemId != null || vpcId != null) {
                log("LEFT BEHIND (deleted on a best-effort basis; check): " + String.join(" ", String.valueOf(targetGroupArn),
                        String.valueOf(fileSystemId), String.valueOf(securityGroupId), String.valueOf(subnetA),
                        String.valueOf(subnetB), String.valueOf(gatewayId), String.valueOf(vpcId)));
                quietly(() -> sdk.elb.deleteTargetGroup(b -> b.targetGroupArn(targetGroupArn)));
                quietly(() -> sdk.efs.deleteFileSystem(b -> b.fileSystemId(fileSystemId)));
                quietly(() -> sdk.ec2.deleteSecurityGroup(b -> b.groupId(securityGroupId)));
                quietly(() -> sdk.ec2.deleteSubnet(b -> b.subnetId(subnetA)));
                quietly(() -> sdk.ec2.deleteSubnet(b -> b.subnetId(subnetB)));
                quietly(() -> sdk.ec2.detachInternetGateway(b -> b.internetGatewayId(gatewayId).vpcId(vpcId)));
                quietly(() -> sdk.ec2.deleteInternetGateway(b -> b.internetGatewayId(gatewayId)));
                quietly(() -> sdk.ec2.deleteRouteTable(b -> b.routeTableId(routeTableId)));
                quietly(() -> sdk.ec2.deleteVpc(b -> b.vpcId(vpcId)));
            }
        }

        private TagSpecification tags(ResourceType type) {
            return TagSpecification.builder().resourceType(type).tags(Tag.builder().key("Name").value(name).build(),
                    Tag.builder().key("tierstate:it").value(name).build(), Tag.builder().key("Stack").value(name).build()).build();
        }

        private void quietly(Runnable step) {
            try {
                step.run();
            } catch (RuntimeException e) {
                log("cleanup step failed (" + e.getMessage() + ")");
            }
        }
    }

    // ---- helpers

    private static String newestAmazonLinux(Sdk sdk) {
        List<Image> images = sdk.ec2.describeImages(b -> b.owners("amazon")
                .filters(f("name", "al2023-ami-2023*-x86_64"), f("state", "available"))).images();
        if (images.isEmpty()) {
            images = sdk.ec2.describeImages(b -> b.owners("amazon")).images();
        }
        return images.stream().max(Comparator.comparing(i -> String.valueOf(i.creationDate())))
                .orElseThrow(() -> new AssertionError("no Amazon image found: set TIERSTATE_IT_IMAGE_ID")).imageId();
    }

    private static Filter f(String name, String value) {
        return Filter.builder().name(name).values(value).build();
    }

    private static void waitUntil(String what, BooleanSupplier done) throws InterruptedException {
        Instant deadline = Instant.now().plus(SETTINGS.stepTimeout());
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                fail("waited " + SETTINGS.stepTimeout() + " for " + what);
            }
            Thread.sleep(SETTINGS.pollInterval().toMillis());
        }
    }

    private static void retryWhileInUse(String what, Runnable delete) throws InterruptedException {
        waitUntil(what + " deleted (nothing depends on it any more)", () -> {
            try {
                deleteOrGone(delete);
                return true;
            } catch (ResourceInUseException e) {
                return false;
            }
        });
    }

    private static void deleteOrGone(Runnable delete) {
        try {
            delete.run();
        } catch (ResourceNotFoundException e) {
            // already gone: what destroy wants
        }
    }

    private static boolean gone(Runnable describe) {
        try {
            describe.run();
            return false;
        } catch (ResourceNotFoundException e) {
            return true;
        }
    }

    private static void assertAwsSays(Runnable call, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsServiceException.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code));
    }

    private static void log(String message) {
        System.err.println("[AwsTier3ScenarioIT] " + message);
    }

    /** The SDK clients a deployment pipeline would use, configured like the cloud under test. */
    private static final class Sdk implements AutoCloseable {
        final Ec2Client ec2;
        final ElasticLoadBalancingV2Client elb;
        final EfsClient efs;
        final IamClient iam;
        final CloudFrontClient cloudFront;
        final software.amazon.awssdk.services.cloudwatch.CloudWatchClient cloudWatch;

        Sdk(AwsItSettings settings, String regionId) {
            Region region = Region.of(regionId);
            ec2 = configure(Ec2Client.builder(), region, settings).build();
            elb = configure(ElasticLoadBalancingV2Client.builder(), region, settings).build();
            efs = configure(EfsClient.builder(), region, settings).build();
            iam = configure(IamClient.builder(), Region.AWS_GLOBAL, settings).build();
            cloudFront = configure(CloudFrontClient.builder(), Region.AWS_GLOBAL, settings).build();
            cloudWatch = configure(software.amazon.awssdk.services.cloudwatch.CloudWatchClient.builder(), region, settings).build();
        }

        private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, Region region, AwsItSettings settings) {
            builder.region(region).credentialsProvider(settings.credentials());
            settings.endpoint().ifPresent(builder::endpointOverride);
            return builder;
        }

        @Override
        public void close() {
            ec2.close();
            elb.close();
            efs.close();
            iam.close();
            cloudFront.close();
            cloudWatch.close();
        }
    }
}
