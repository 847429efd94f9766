package io.tierstate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.error.ResourceInUseException;
import io.tierstate.error.ResourceNotFoundException;
import io.tierstate.port.FileSystemPort;
import io.tierstate.port.FileSystemPort.FileSystemDescription;
import org.junit.jupiter.api.Test;

/** EFS access points and replication, which must go before their file system. */
class FileSystemObstaclesTest {

    private final SimulatedCloud cloud = SimWorlds.cloud();
    private final FileSystemPort efs = cloud.fileSystems();
    private final String fs = cloud.createFileSystem();

    @Test
    void describeFileSystem_givesStateAndSize() {
        assertThat(efs.describeFileSystem(fs)).isEqualTo(new FileSystemDescription(fs, "available", 6144));
        efs.deleteFileSystem(fs);
        assertThatThrownBy(() -> efs.describeFileSystem(fs)).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("FileSystemNotFound").hasMessageContaining("elasticfilesystem:DescribeFileSystems");
    }

    @Test
    void accessPoints_blockDeleteFileSystem_untilDeleted() {
        String ap = cloud.createAccessPoint(fs);
        assertThat(ap).matches("fsap-[0-9a-f]{17}");
        assertThat(efs.accessPoints(fs)).containsExactly(ap);

        assertThatThrownBy(() -> efs.deleteFileSystem(fs)).isInstanceOfSatisfying(ResourceInUseException.class, e -> {
            assertThat(e.errorCode()).contains("FileSystemInUse");
            assertThat(e.statusCode()).isEqualTo(409);
        }).hasMessageContaining("access point").hasMessageContaining(ap);

        efs.deleteAccessPoint(ap);
        assertThat(efs.accessPoints(fs)).isEmpty();
        efs.deleteFileSystem(fs);
        assertThat(cloud.exists(fs)).isFalse();
        assertThatThrownBy(() -> efs.deleteAccessPoint(ap)).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("AccessPointNotFound");
    }

    @Test
    void replication_blocksDeletingEitherFileSystem_untilItsConfigurationIsDeleted_theReplicaIsKept() {
        String replica = cloud.createReplication(fs, "eu-west-1");
        assertThat(cloud.regionOf(replica)).contains("eu-west-1");
        assertThat(efs.replicationDestinations(fs)).containsExactly(replica);

        assertThatThrownBy(() -> efs.deleteFileSystem(fs)).isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("FileSystemInUse").hasMessageContaining("replication configuration")
                .hasMessageContaining(replica);
        assertThatThrownBy(() -> cloud.inRegion("eu-west-1").fileSystems().deleteFileSystem(replica))
                .isInstanceOf(ResourceInUseException.class).hasMessageContaining("replica of " + fs);

        efs.deleteReplicationConfiguration(fs);
        assertThat(efs.replicationDestinations(fs)).isEmpty();
        efs.deleteFileSystem(fs);
        assertThat(cloud.exists(replica)).as("the destination becomes a file system of its own").isTrue();
        assertThatThrownBy(() -> efs.deleteReplicationConfiguration(cloud.createFileSystem()))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("ReplicationNotFound");
        assertThat(cloud.calls(SimOperation.DELETE_REPLICATION_CONFIGURATION)).isEqualTo(2);
    }
}
