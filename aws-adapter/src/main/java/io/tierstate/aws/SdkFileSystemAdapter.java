package io.tierstate.aws;

import static io.tierstate.aws.internal.AwsErrors.call;
import static io.tierstate.aws.internal.AwsErrors.run;

import io.tierstate.aws.internal.AwsClients;
import io.tierstate.port.FileSystemPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.efs.model.DescribeMountTargetsResponse;
import software.amazon.awssdk.services.efs.model.MountTargetDescription;

/**
 * {@link FileSystemPort} on the AWS SDK's EFS client. Obtain it from {@link AwsCloud#fileSystems()}.
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
                    targets.add(new MountTarget(target.mountTargetId(), target.fileSystemId(), target.lifeCycleStateAsString()));
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
}
