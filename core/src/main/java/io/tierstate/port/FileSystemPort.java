package io.tierstate.port;

import java.util.List;

/** EFS file systems and their mount targets. */
public interface FileSystemPort {

    /**
     * Lists a file system's mount targets ({@code DescribeMountTargets}), including ones being deleted.
     *
     * @param fileSystemId e.g. {@code fs-0abc}
     * @return the mount targets
     * @throws io.tierstate.error.ResourceNotFoundException when the file system does not exist
     */
    List<MountTarget> mountTargets(String fileSystemId);

    /**
     * Deletes a mount target ({@code DeleteMountTarget}); deletion completes asynchronously.
     *
     * @param mountTargetId e.g. {@code fsmt-0abc}
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist
     */
    void deleteMountTarget(String mountTargetId);

    /**
     * Deletes a file system ({@code DeleteFileSystem}).
     *
     * @param fileSystemId the file system
     * @throws io.tierstate.error.ResourceInUseException while it still has mount targets
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist
     */
    void deleteFileSystem(String fileSystemId);

    /**
     * Describes a file system ({@code DescribeFileSystems}).
     *
     * @param fileSystemId the file system
     * @return its state and size
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist
     */
    FileSystemDescription describeFileSystem(String fileSystemId);

    /**
     * Lists a file system's access points ({@code DescribeAccessPoints}); they must go before it.
     *
     * @param fileSystemId the file system
     * @return the access point ids
     * @throws io.tierstate.error.ResourceNotFoundException when the file system does not exist
     */
    List<String> accessPoints(String fileSystemId);

    /**
     * Deletes an access point ({@code DeleteAccessPoint}).
     *
     * @param accessPointId e.g. {@code fsap-0abc}
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist
     */
    void deleteAccessPoint(String accessPointId);

    /**
     * The file systems a file system replicates to ({@code DescribeReplicationConfigurations});
     * a file system with a replication configuration cannot be deleted.
     *
     * @param fileSystemId the source file system
     * @return the destination file system ids (empty when it does not replicate)
     * @throws io.tierstate.error.ResourceNotFoundException when the file system does not exist
     */
    List<String> replicationDestinations(String fileSystemId);

    /**
     * Deletes a file system's replication configuration ({@code DeleteReplicationConfiguration});
     * the destination becomes a writable file system of its own and is kept.
     *
     * @param fileSystemId the source file system
     * @throws io.tierstate.error.ResourceNotFoundException when there is none
     */
    void deleteReplicationConfiguration(String fileSystemId);

    /**
     * One mount target.
     *
     * @param id its id
     * @param fileSystemId its file system
     * @param lifeCycleState {@code available}, {@code deleting} ...
     * @param networkInterfaceId the network interface EFS made for it (it outlives the mount target for a while)
     */
    record MountTarget(String id, String fileSystemId, String lifeCycleState, java.util.Optional<String> networkInterfaceId) {

        /**
         * A mount target whose network interface is not known.
         *
         * @param id its id
         * @param fileSystemId its file system
         * @param lifeCycleState its state
         */
        public MountTarget(String id, String fileSystemId, String lifeCycleState) {
            this(id, fileSystemId, lifeCycleState, java.util.Optional.empty());
        }
    }

    /**
     * A file system.
     *
     * @param id its id
     * @param lifeCycleState {@code available}, {@code deleting} ...
     * @param sizeBytes its metered size
     */
    record FileSystemDescription(String id, String lifeCycleState, long sizeBytes) {}
}
