package io.tierstate.sim;

import io.tierstate.port.FileSystemPort;
import java.util.List;

/** {@link FileSystemPort} on the simulated world. */
final class SimFileSystems implements FileSystemPort {

    private final World world;
    private final Calls calls;

    SimFileSystems(World world, Calls calls) {
        this.world = world;
        this.calls = calls;
    }

    @Override
    public List<MountTarget> mountTargets(String fileSystemId) {
        return calls.call(SimOperation.DESCRIBE_MOUNT_TARGETS, fileSystemId, ctx -> world.mountTargets(ctx, fileSystemId));
    }

    @Override
    public void deleteMountTarget(String mountTargetId) {
        calls.run(SimOperation.DELETE_MOUNT_TARGET, mountTargetId, ctx -> world.deleteMountTarget(ctx, mountTargetId));
    }

    @Override
    public void deleteFileSystem(String fileSystemId) {
        calls.run(SimOperation.DELETE_FILE_SYSTEM, fileSystemId, ctx -> world.deleteFileSystem(ctx, fileSystemId));
    }

    @Override
    public FileSystemDescription describeFileSystem(String fileSystemId) {
        throw new UnsupportedOperationException("SIM-TODO"); // replaced by the simulated implementation
    }

    @Override
    public java.util.List<String> accessPoints(String fileSystemId) {
        throw new UnsupportedOperationException("SIM-TODO"); // replaced by the simulated implementation
    }

    @Override
    public void deleteAccessPoint(String accessPointId) {
        throw new UnsupportedOperationException("SIM-TODO"); // replaced by the simulated implementation
    }

    @Override
    public java.util.List<String> replicationDestinations(String fileSystemId) {
        throw new UnsupportedOperationException("SIM-TODO"); // replaced by the simulated implementation
    }

    @Override
    public void deleteReplicationConfiguration(String fileSystemId) {
        throw new UnsupportedOperationException("SIM-TODO"); // replaced by the simulated implementation
    }
}
