package io.tierstate.aws;

import static io.tierstate.aws.internal.AwsErrors.call;
import static io.tierstate.aws.internal.AwsErrors.run;

import io.tierstate.error.ResourceNotFoundException;
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
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.GpuDeviceInfo;
import software.amazon.awssdk.services.ec2.model.GpuInfo;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;
import software.amazon.awssdk.services.ec2.model.InstanceStatusSummary;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.InstanceAttributeName;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.SpotInstanceRequest;

/**
 * {@link ComputePort} on the AWS SDK's EC2 client. Obtain it from {@link AwsCloud#compute()}.
 *
 * <p>Health combines the two EC2 status checks: {@code IMPAIRED} when either fails,
 * {@code INITIALIZING} or {@code INSUFFICIENT_DATA} while either is still undecided, {@code OK}
 * when every check that applies passes, {@code NOT_APPLICABLE} when neither applies (a stopped
 * instance). An instance EC2 reports no status for (terminated some time ago) has no health.
 *
 * <p>A protected instance refuses {@code TerminateInstances} with {@code OperationNotPermitted}: that
 * becomes a non-retryable {@link io.tierstate.error.CloudOperationException} that says termination
 * protection is on and how to turn it off ({@link #setTerminationProtection(String, boolean)}).
 */
public final class SdkComputeAdapter implements ComputePort {

    private final AwsClients clients;

    SdkComputeAdapter(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public InstanceDescription describeInstance(String instanceId) {
        Objects.requireNonNull(instanceId, "instanceId");
        Instance instance = instance(instanceId);
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

    @Override
    public boolean terminationProtection(String instanceId) {
        Objects.requireNonNull(instanceId, "instanceId");
        AttributeBooleanValue value = call("ec2:DescribeInstanceAttribute", instanceId, () -> clients.ec2()
                .describeInstanceAttribute(b -> b.instanceId(instanceId).attribute(InstanceAttributeName.DISABLE_API_TERMINATION))
                .disableApiTermination());
        return value != null && Boolean.TRUE.equals(value.value());
    }

    @Override
    public void setTerminationProtection(String instanceId, boolean enabled) {
        Objects.requireNonNull(instanceId, "instanceId");
        run("ec2:ModifyInstanceAttribute", instanceId, () -> clients.ec2().modifyInstanceAttribute(
                b -> b.instanceId(instanceId).disableApiTermination(v -> v.value(enabled))));
    }

    /**
     * Finds the spot request in the instance's {@code SpotInstanceRequestId}, then reads its type
     * and state. A request that EC2 no longer knows (spot requests are described for a few hours
     * after they end) counts as no request.
     */
    @Override
    public Optional<SpotRequest> spotRequest(String instanceId) {
        Objects.requireNonNull(instanceId, "instanceId");
        Instance instance = instance(instanceId);
        String requestId = instance.spotInstanceRequestId();
        if (requestId == null || requestId.isEmpty()) {
            return Optional.empty();
        }
        List<SpotInstanceRequest> requests;
        try {
            requests = call("ec2:DescribeSpotInstanceRequests", requestId, () -> clients.ec2()
                    .describeSpotInstanceRequests(b -> b.spotInstanceRequestIds(requestId)).spotInstanceRequests());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
        return requests.stream().filter(r -> requestId.equals(r.spotInstanceRequestId())).findFirst()
                .map(r -> new SpotRequest(requestId, Objects.requireNonNullElse(r.typeAsString(), "one-time"),
                        Objects.requireNonNullElse(r.stateAsString(), "")));
    }

    @Override
    public void cancelSpotRequest(String requestId) {
        Objects.requireNonNull(requestId, "requestId");
        run("ec2:CancelSpotInstanceRequests", requestId, () -> clients.ec2()
                .cancelSpotInstanceRequests(b -> b.spotInstanceRequestIds(requestId)));
    }

    private Instance instance(String instanceId) {
        List<Instance> instances = call("ec2:DescribeInstances", instanceId, () -> {
            List<Instance> found = new ArrayList<>();
            for (Reservation reservation : clients.ec2().describeInstances(b -> b.instanceIds(instanceId)).reservations()) {
                found.addAll(reservation.instances());
            }
            return found;
        });
        return instances.stream().filter(i -> instanceId.equals(i.instanceId())).findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("ec2:DescribeInstances", instanceId, null, null, null));
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
            default -> throw new io.tierstate.error.CloudOperationException("ec2:DescribeInstances", null, null, 0, false,
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
