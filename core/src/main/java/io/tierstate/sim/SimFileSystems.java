package io.tierstate.sim;

import io.tierstate.port.FileSystemPort;
import java.util.List;

/** {@link FileSystemPort} on the simulated world, as seen from one region. */
final class SimFileSystems implements FileSystemPort {

    private final World world;
    private final Calls calls;
    private final String region;

    SimFileSystems(World world, Calls calls, String region) {
        this.world = world;
        this.calls = calls;
        this.region = region;
    }

    @Override
    public List<MountTarget> mountTargets(String fileSystemId) {
        return calls.call(SimOperation.DESCRIBE_MOUNT_TARGETS, region, fileSystemId, ctx -> world.mountTargets(ctx, fileSystemId));
    }

    @Override
    public void deleteMountTarget(String mountTargetId) {
        calls.run(SimOperation.DELETE_MOUNT_TARGET, region, mountTargetId, ctx -> world.deleteMountTarget(ctx, mountTargetId));
    }

    @Override
    public void deleteFileSystem(String fileSystemId) {
        calls.run(SimOperation.DELETE_FILE_SYSTEM, region, fileSystemId, ctx -> world.deleteFileSystem(ctx, fileSystemId));
    }

    @Override
    public FileSystemDescription describeFileSystem(String fileSystemId) {
        return calls.call(SimOperation.DESCRIBE_FILE_SYSTEMS, region, fileSystemId, ctx -> world.describeFileSystem(ctx, fileSystemId));
    }

    @Override
    public List<String> accessPoints(String fileSystemId) {
        return calls.call(SimOperation.DESCRIBE_ACCESS_POINTS, region, fileSystemId, ctx -> world.accessPoints(ctx, fileSystemId));
    }

    @Override
    public void deleteAccessPoint(String accessPointId) {
        calls.run(SimOperation.DELETE_ACCESS_POINT, region, accessPointId, ctx -> world.deleteAccessPoint(ctx, accessPointId));
    }

    @Override
    public List<String> replicationDestinations(String fileSystemId) {
        return calls.call(SimOperation.DESCRIBE_REPLICATION_CONFIGURATIONS, region, fileSystemId,
                ctx -> world.replicationDestinations(ctx, fileSystemId));
    }

    @Override
    public void deleteReplicationConfiguration(String fileSystemId) {
        calls.run(SimOperation.DELETE_REPLICATION_CONFIGURATION, region, fileSystemId,
                ctx -> world.deleteReplicationConfiguration(ctx, fileSystemId));
    }
}
