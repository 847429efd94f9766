package io.tierstate.aws;

import static io.tierstate.aws.internal.AwsErrors.call;
import static io.tierstate.aws.internal.AwsErrors.run;

import io.tierstate.error.ResourceNotFoundException;
import io.tierstate.aws.internal.AwsClients;
import io.tierstate.port.FileSystemPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.efs.model.AccessPointDescription;
import software.amazon.awssdk.services.efs.model.DescribeAccessPointsResponse;
import software.amazon.awssdk.services.efs.model.DescribeMountTargetsResponse;
import software.amazon.awssdk.services.efs.model.Destination;
import software.amazon.awssdk.services.efs.model.MountTargetDescription;
import software.amazon.awssdk.services.efs.model.ReplicationConfigurationDescription;

/**
 * {@link FileSystemPort} on the AWS SDK's EFS client. Obtain it from {@link AwsCloud#fileSystems()}.
 *
 * <p>EFS refuses to delete a file system that still has mount targets, access points or a
 * replication configuration; the lifecycle engine lists and deletes them first. A file system
 * without replication answers {@code DescribeReplicationConfigurations} with
 * {@code ReplicationNotFound}, which {@link #replicationDestinations(String)} reads as "none".
 */
public final class SdkFileSystemAdapter implements FileSystemPort {

    private final AwsClients clients;

    SdkFileSystemAdapter(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public List<MountTarget> mountTargets(String fileSystemId) {
        Objects.requireNonNull(fileSystemId, "fileSystemId");
        return call("elasticfilesystem:DescribeMountTargets", fileSystemId, () -> {
            List<MountTarget> targets = new ArrayList<>();
            String marker = null;
            do {
                String page = marker;
                DescribeMountTargetsResponse response = clients.efs().describeMountTargets(b -> b.fileSystemId(fileSystemId).marker(page));
                for (MountTargetDescription target : response.mountTargets()) {
                    targets.add(new MountTarget(target.mountTargetId(), target.fileSystemId(), target.lifeCycleStateAsString(),
                            Optional.ofNullable(target.networkInterfaceId()).filter(id -> !id.isEmpty())));
                }
                marker = response.nextMarker();
            } while (marker != null && !marker.isEmpty());
            return List.copyOf(targets);
        });
    }

    @Override
    public void deleteMountTarget(String mountTargetId) {
        Objects.requireNonNull(mountTargetId, "mountTargetId");
        run("elasticfilesystem:DeleteMountTarget", mountTargetId,
                () -> clients.efs().deleteMountTarget(b -> b.mountTargetId(mountTargetId)));
    }

    @Override
    public void deleteFileSystem(String fileSystemId) {
        Objects.requireNonNull(fileSystemId, "fileSystemId");
        run("elasticfilesystem:DeleteFileSystem", fileSystemId,
                () -> clients.efs().deleteFileSystem(b -> b.fileSystemId(fileSystemId)));
    }

    @Override
    public FileSystemDescription describeFileSystem(String fileSystemId) {
        Objects.requireNonNull(fileSystemId, "fileSystemId");
        List<software.amazon.awssdk.services.efs.model.FileSystemDescription> found = call("elasticfilesystem:DescribeFileSystems", fileSystemId,
                () -> clients.efs().describeFileSystems(b -> b.fileSystemId(fileSystemId)).fileSystems());
        software.amazon.awssdk.services.efs.model.FileSystemDescription fs = found.stream().filter(f -> fileSystemId.equals(f.fileSystemId())).findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("elasticfilesystem:DescribeFileSystems", fileSystemId, null, null, null));
        long size = fs.sizeInBytes() == null || fs.sizeInBytes().value() == null ? 0 : fs.sizeInBytes().value();
        return new FileSystemDescription(fs.fileSystemId(), fs.lifeCycleStateAsString(), size);
    }

    @Override
    public List<String> accessPoints(String fileSystemId) {
        Objects.requireNonNull(fileSystemId, "fileSystemId");
        return call("elasticfilesystem:DescribeAccessPoints", fileSystemId, () -> {
            List<String> ids = new ArrayList<>();
            String token = null;
            do {
                String page = token;
                DescribeAccessPointsResponse response = clients.efs().describeAccessPoints(b -> b.fileSystemId(fileSystemId).nextToken(page));
                for (AccessPointDescription point : response.accessPoints()) {
                    ids.add(point.accessPointId());
                }
                token = response.nextToken();
            } while (token != null && !token.isEmpty());
            return List.copyOf(ids);
        });
    }

    @Override
    public void deleteAccessPoint(String accessPointId) {
        Objects.requireNonNull(accessPointId, "accessPointId");
        run("elasticfilesystem:DeleteAccessPoint", accessPointId,
                () -> clients.efs().deleteAccessPoint(b -> b.accessPointId(accessPointId)));
    }

    @Override
    public List<String> replicationDestinations(String fileSystemId) {
        Objects.requireNonNull(fileSystemId, "fileSystemId");
        List<ReplicationConfigurationDescription> replications;
        try {
            replications = call("elasticfilesystem:DescribeReplicationConfigurations", fileSystemId,
                    () -> clients.efs().describeReplicationConfigurations(b -> b.fileSystemId(fileSystemId)).replications());
        } catch (ResourceNotFoundException e) {
            if (e.errorCode().filter("ReplicationNotFound"::equals).isPresent()) {
                return List.of();
            }
            throw e;
        }
        List<String> destinations = new ArrayList<>();
        for (ReplicationConfigurationDescription replication : replications) {
            if (!fileSystemId.equals(replication.sourceFileSystemId())) {
                // asked about a destination: it replicates to nothing itself
                continue;
            }
            for (Destination destination : replication.destinations()) {
                destinations.add(destination.fileSystemId());
            }
        }
        return List.copyOf(destinations);
    }

    @Override
    public void deleteReplicationConfiguration(String fileSystemId) {
        Objects.requireNonNull(fileSystemId, "fileSystemId");
        run("elasticfilesystem:DeleteReplicationConfiguration", fileSystemId,
                () -> clients.efs().deleteReplicationConfiguration(b -> b.sourceFileSystemId(fileSystemId)));
    }
}
