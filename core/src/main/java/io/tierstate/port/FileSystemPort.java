package io.tierstate.port;

import java.util.List;

/** EFS file systems and their mount targets. */
public interface FileSystemPort {

    /**
     * Lists a file system's mount targets ({@code DescribeMountTargets}), including ones being deleted.
     *
     * @param fileSystemId e.g. {@code fs-0abc}
     * @return the mount targets
     * @throws io.tierstate.ResourceNotFoundException when the file system does not exist
     */
    List<MountTarget> mountTargets(String fileSystemId);

    /**
     * Deletes a mount target ({@code DeleteMountTarget}); deletion completes asynchronously.
     *
     * @param mountTargetId e.g. {@code fsmt-0abc}
     * @throws io.tierstate.ResourceNotFoundException when it does not exist
     */
    void deleteMountTarget(String mountTargetId);

    /**
     * Deletes a file system ({@code DeleteFileSystem}).
     *
     * @param fileSystemId the file system
     * @throws io.tierstate.ResourceInUseException while it still has mount targets
     * @throws io.tierstate.ResourceNotFoundException when it does not exist
     */
    void deleteFileSystem(String fileSystemId);

    /**
     * One mount target.
     *
     * @param id its id
     * @param fileSystemId its file system
     * @param lifeCycleState {@code available}, {@code deleting} ...
     */
    record MountTarget(String id, String fileSystemId, String lifeCycleState) {}
}
