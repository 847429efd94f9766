package io.tierstate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.tierstate.error.ResourceInUseException;
import io.tierstate.error.ResourceNotFoundException;
import io.tierstate.port.FileSystemPort;
import io.tierstate.port.FileSystemPort.MountTarget;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FileSystemRulesTest {

    private final SimulatedCloud cloud = SimWorlds.cloud();
    private final FileSystemPort efs = cloud.fileSystems();
    private String fs;
    private String mtA;
    private String mtB;

    @BeforeEach
    void setUp() {
        String vpc = cloud.createVpc();
        String sg = cloud.createSecurityGroup(vpc);
        fs = cloud.createFileSystem();
        mtA = cloud.createMountTarget(fs, cloud.createSubnet(vpc), sg);
        mtB = cloud.createMountTarget(fs, cloud.createSubnet(vpc), sg);
    }

    @Test
    void mountTargets_areListedAvailable() {
        assertThat(efs.mountTargets(fs)).extracting(MountTarget::id, MountTarget::fileSystemId, MountTarget::lifeCycleState)
                .containsExactly(tuple(mtA, fs, "available"), tuple(mtB, fs, "available"));
        assertThat(efs.mountTargets(fs)).allSatisfy(mt -> assertThat(mt.networkInterfaceId()).hasValueSatisfying(
                eni -> assertThat(eni).matches("eni-[0-9a-f]{17}")));
        assertThat(fs).matches("fs-[0-9a-f]{17}");
        assertThat(mtA).matches("fsmt-[0-9a-f]{17}");
    }

    @Test
    void deletedMountTarget_isDeletingForAMinute_thenGone() {
        efs.deleteMountTarget(mtA);

        assertThat(efs.mountTargets(fs)).filteredOn(mt -> mt.id().equals(mtA)).extracting(MountTarget::lifeCycleState)
                .containsExactly("deleting");
        efs.deleteMountTarget(mtA);
        cloud.clock().advance(Duration.ofSeconds(59));
        assertThat(efs.mountTargets(fs)).extracting(MountTarget::id).contains(mtA);
        cloud.clock().advance(Duration.ofSeconds(1));
        assertThat(efs.mountTargets(fs)).extracting(MountTarget::id).containsExactly(mtB);
        assertThatThrownBy(() -> efs.deleteMountTarget(mtA)).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("MountTargetNotFound").hasMessageContaining(mtA);
    }

    @Test
    void fileSystem_isInUseWhileItHasMountTargets_evenDeletingOnes() {
        assertThatThrownBy(() -> efs.deleteFileSystem(fs)).isInstanceOfSatisfying(ResourceInUseException.class,
                e -> assertThat(e.errorCode()).contains("FileSystemInUse")).hasMessageContaining("2 mount target(s)");

        efs.deleteMountTarget(mtA);
        efs.deleteMountTarget(mtB);

        assertThatThrownBy(() -> efs.deleteFileSystem(fs)).isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("FileSystemInUse").hasMessageContaining(mtA);
    }

    @Test
    void fileSystem_deletesAtOnceWhenItsMountTargetsAreGone_thenIsNotFound() {
        efs.deleteMountTarget(mtA);
        efs.deleteMountTarget(mtB);
        cloud.clock().advance(Duration.ofMinutes(1));

        efs.deleteFileSystem(fs);

        assertThat(cloud.exists(fs)).isFalse();
        assertThatThrownBy(() -> efs.mountTargets(fs)).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("FileSystemNotFound");
        assertThatThrownBy(() -> efs.deleteFileSystem(fs)).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("FileSystemNotFound");
    }

    @Test
    void mountTarget_onAnUnknownFileSystem_isRefused() {
        assertThatThrownBy(() -> cloud.createMountTarget("fs-0", "subnet-0", "sg-0")).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("FileSystemNotFound").hasMessageContaining("elasticfilesystem:CreateMountTarget");
    }
}
