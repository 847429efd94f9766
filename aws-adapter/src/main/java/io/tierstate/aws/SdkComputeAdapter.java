package io.tierstate.aws;

import static io.tierstate.aws.internal.AwsErrors.call;
import static io.tierstate.aws.internal.AwsErrors.run;

import io.tierstate.ResourceNotFoundException;
import io.tierstate.aws.internal.AwsClients;
import io.tierstate.model.HealthStatus;
import io.tierstate.port.ComputePort;
import io.tierstate.port.GpuSpec;
import io.tierstate.port.InstanceDescription;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.GpuDeviceInfo;
import software.amazon.awssdk.services.ec2.model.GpuInfo;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;
import software.amazon.awssdk.services.ec2.model.InstanceStatusSummary;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.Reservation;

/**
 * {@link ComputePort} on the AWS SDK's EC2 client. Obtain it from {@link AwsCloud#compute()}.
 *
 * <p>Health combines the two EC2 status checks: {@code IMPAIRED} when either fails,
 * {@code INITIALIZING} or {@code INSUFFICIENT_DATA} while either is still undecided, {@code OK}
 * when every check that applies passes, {@code NOT_APPLICABLE} when neither applies (a stopped
 * instance). An instance EC2 reports no status for (terminated some time ago) has no health.
 */
public final class SdkComputeAdapter implements ComputePort {

    private final AwsClients clients;

    SdkComputeAdapter(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public InstanceDescription describeInstance(String instanceId) {
        Objects.requireNonNull(instanceId, "instanceId");
        List<Instance> instances = call("ec2:DescribeInstances", instanceId, () -> {
            List<Instance> found = new ArrayList<>();
            for (Reservation reservation : clients.ec2().describeInstances(b -> b.instanceIds(instanceId)).reservations()) {
                found.addAll(reservation.instances());
            }
            return found;
        });
        Instance instance = instances.stream().filter(i -> instanceId.equals(i.instanceId())).findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("ec2:DescribeInstances", instanceId, null, null, null));
        return new InstanceDescription(instance.instanceId(), instance.instanceTypeAsString(), instance.imageId(),
                state(instance), Optional.ofNullable(instance.publicIpAddress()), Optional.ofNullable(instance.privateIpAddress()));
    }

    @Override
    public Optional<HealthStatus> instanceHealth(String instanceId) {
        Objects.requireNonNull(instanceId, "instanceId");
        List<InstanceStatus> statuses = call("ec2:DescribeInstanceStatus", instanceId,
                () -> clients.ec2().describeInstanceStatus(b -> b.instanceIds(instanceId).includeAllInstances(true))
                        .instanceStatuses());
        return statuses.stream().filter(s -> instanceId.equals(s.instanceId())).findFirst()
                .map(s -> combine(summary(s.instanceStatus()), summary(s.systemStatus())));
    }

    @Override
    public Optional<GpuSpec> gpuSpec(String instanceType) {
        Objects.requireNonNull(instanceType, "instanceType");
        List<InstanceTypeInfo> types = call("ec2:DescribeInstanceTypes", instanceType,
                () -> clients.ec2().describeInstanceTypes(b -> b.instanceTypesWithStrings(instanceType)).instanceTypes());
        return types.stream().findFirst().map(InstanceTypeInfo::gpuInfo).flatMap(SdkComputeAdapter::gpu);
    }

    @Override
    public void terminateInstance(String instanceId) {
        Objects.requireNonNull(instanceId, "instanceId");
        run("ec2:TerminateInstances", instanceId, () -> clients.ec2().terminateInstances(b -> b.instanceIds(instanceId)));
    }

    private static Optional<GpuSpec> gpu(GpuInfo info) {
        if (info == null || info.gpus() == null || info.gpus().isEmpty()) {
            return Optional.empty();
        }
        Set<String> models = new LinkedHashSet<>();
        Set<String> makers = new LinkedHashSet<>();
        int count = 0;
        long memory = 0;
        for (GpuDeviceInfo gpu : info.gpus()) {
            models.add(gpu.name());
            makers.add(gpu.manufacturer());
            int n = gpu.count() == null ? 0 : gpu.count();
            count += n;
            if (gpu.memoryInfo() != null && gpu.memoryInfo().sizeInMiB() != null) {
                memory += (long) n * gpu.memoryInfo().sizeInMiB();
            }
        }
        // TotalGpuMemoryInMiB is AWS's own sum; the per-device sum is the fallback when it is absent
        long total = info.totalGpuMemoryInMiB() != null ? info.totalGpuMemoryInMiB() : memory;
        return Optional.of(new GpuSpec(String.join("+", models), String.join("+", makers), count, total));
    }

    private static InstanceDescription.State state(Instance instance) {
        String name = instance.state() == null ? "" : instance.state().nameAsString();
        return switch (name) {
            case "pending" -> InstanceDescription.State.PENDING;
            case "running" -> InstanceDescription.State.RUNNING;
            case "stopping" -> InstanceDescription.State.STOPPING;
            case "stopped" -> InstanceDescription.State.STOPPED;
            case "shutting-down" -> InstanceDescription.State.SHUTTING_DOWN;
            case "terminated" -> InstanceDescription.State.TERMINATED;
            default -> throw new io.tierstate.CloudOperationException("ec2:DescribeInstances", null, null, 0, false,
                    "instance " + instance.instanceId() + " is in state '" + name + "', which this TierState version does "
                            + "not know; upgrade tierstate-aws", null);
        };
    }

    private static String summary(InstanceStatusSummary summary) {
        return summary == null || summary.statusAsString() == null ? "not-applicable" : summary.statusAsString();
    }

    /** Combines the instance and system checks; one failing check is enough to call it impaired. */
    static HealthStatus combine(String instanceCheck, String systemCheck) {
        List<String> checks = List.of(instanceCheck, systemCheck);
        if (checks.contains("impaired")) {
            return HealthStatus.IMPAIRED;
        }
        if (checks.contains("initializing")) {
            return HealthStatus.INITIALIZING;
        }
        if (checks.contains("insufficient-data")) {
            return HealthStatus.INSUFFICIENT_DATA;
        }
        if (checks.contains("ok")) {
            return HealthStatus.OK;
        }
        return HealthStatus.NOT_APPLICABLE;
    }
}
