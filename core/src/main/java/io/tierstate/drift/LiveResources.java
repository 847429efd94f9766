package io.tierstate.drift;

import io.tierstate.port.Distribution;
import io.tierstate.port.FileSystemPort.FileSystemDescription;
import io.tierstate.port.InstanceDescription;
import io.tierstate.port.LoadBalancerDescription;
import java.util.Objects;

/**
 * What the cloud describes now of a deployment's resources, to compare with its state.
 *
 * @param cloudFront the distribution ({@code GetDistribution})
 * @param instance the instance ({@code DescribeInstances})
 * @param loadBalancer the ALB ({@code DescribeLoadBalancers})
 * @param fileSystem the EFS file system ({@code DescribeFileSystems})
 */
public record LiveResources(Live<Distribution> cloudFront, Live<InstanceDescription> instance,
        Live<LoadBalancerDescription> loadBalancer, Live<FileSystemDescription> fileSystem) {

    /** Checks that nothing is null. */
    public LiveResources {
        Objects.requireNonNull(cloudFront, "cloudFront");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(loadBalancer, "loadBalancer");
        Objects.requireNonNull(fileSystem, "fileSystem");
    }
}
