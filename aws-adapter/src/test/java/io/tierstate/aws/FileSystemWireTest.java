package io.tierstate.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.tierstate.error.ResourceInUseException;
import io.tierstate.error.ResourceNotFoundException;
import io.tierstate.error.CloudOperationException;
import io.tierstate.port.FileSystemPort.FileSystemDescription;
import io.tierstate.port.FileSystemPort.MountTarget;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FileSystemWireTest extends WireTest {

    private static final String FS = "fs-0123456789abcdef0";

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-RequestId", "efs-req-" + status).withBody(body);
    }

    /** EFS names the error in x-amzn-ErrorType and in the body's ErrorCode. */
    private static ResponseDefinitionBuilder efsError(int status, String code, String message, String requestId) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", code).withHeader("x-amzn-RequestId", requestId)
                .withBody("{\"ErrorCode\":\"" + code + "\",\"Message\":\"" + message + "\"}");
    }

    private static String mountTarget(String id, String state) {
        return """
                {"OwnerId":"123456789012","MountTargetId":"%s","FileSystemId":"%s","SubnetId":"subnet-0abc",
                 "LifeCycleState":"%s","IpAddress":"10.0.1.25","NetworkInterfaceId":"eni-0abc",
                 "AvailabilityZoneId":"use1-az1","AvailabilityZoneName":"us-east-1a","VpcId":"vpc-0a1b"}"""
                .formatted(id, FS, state);
    }

    @Test
    void mountTargets_readsEveryPage() {
        wire.stubFor(get(urlPathEqualTo("/2015-02-01/mount-targets")).withQueryParam("FileSystemId", equalTo(FS))
                .withQueryParam("Marker", absent())
                .willReturn(json(200, "{\"MountTargets\":[" + mountTarget("fsmt-01", "available") + "],\"NextMarker\":\"page2\"}")));
        wire.stubFor(get(urlPathEqualTo("/2015-02-01/mount-targets")).withQueryParam("FileSystemId", equalTo(FS))
                .withQueryParam("Marker", equalTo("page2"))
                .willReturn(json(200, "{\"MountTargets\":[" + mountTarget("fsmt-02", "deleting") + "]}")));

        assertThat(cloud.fileSystems().mountTargets(FS)).containsExactly(
                new MountTarget("fsmt-01", FS, "available", Optional.of("eni-0abc")),
                new MountTarget("fsmt-02", FS, "deleting", Optional.of("eni-0abc")));
        wire.verify(2, getRequestedFor(urlPathEqualTo("/2015-02-01/mount-targets")));
    }

    @Test
    void mountTargets_unknownFileSystem_isResourceNotFound() {
        wire.stubFor(get(urlPathEqualTo("/2015-02-01/mount-targets")).willReturn(efsError(404, "FileSystemNotFound",
                "File system '" + FS + "' does not exist.", "efs-404-fs")));

        assertThatThrownBy(() -> cloud.fileSystems().mountTargets(FS))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.errorCode()).contains("FileSystemNotFound");
                    assertThat(e.requestId()).contains("efs-404-fs");
                    assertThat(e.resourceId()).isEqualTo(FS);
                })
                .hasMessageContaining("elasticfilesystem:DescribeMountTargets");
    }

    @Test
    void deleteMountTarget_sendsDelete() {
        wire.stubFor(delete(urlEqualTo("/2015-02-01/mount-targets/fsmt-01")).willReturn(aResponse().withStatus(204)));

        cloud.fileSystems().deleteMountTarget("fsmt-01");

        wire.verify(1, deleteRequestedFor(urlEqualTo("/2015-02-01/mount-targets/fsmt-01")));
    }

    @Test
    void deleteMountTarget_gone_isResourceNotFound() {
        wire.stubFor(delete(urlEqualTo("/2015-02-01/mount-targets/fsmt-01")).willReturn(efsError(404, "MountTargetNotFound",
                "Mount target 'fsmt-01' does not exist.", "efs-404-mt")));

        assertThatThrownBy(() -> cloud.fileSystems().deleteMountTarget("fsmt-01"))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.errorCode()).contains("MountTargetNotFound");
                    assertThat(e.requestId()).contains("efs-404-mt");
                })
                .hasMessageContaining("fsmt-01 does not exist");
    }

    @Test
    void deleteFileSystem_sendsDelete() {
        wire.stubFor(delete(urlEqualTo("/2015-02-01/file-systems/" + FS)).willReturn(aResponse().withStatus(204)));

        cloud.fileSystems().deleteFileSystem(FS);

        wire.verify(1, deleteRequestedFor(urlEqualTo("/2015-02-01/file-systems/" + FS)));
    }

    @Test
    void deleteFileSystem_withMountTargets_isResourceInUse() {
        wire.stubFor(delete(urlEqualTo("/2015-02-01/file-systems/" + FS)).willReturn(efsError(409, "FileSystemInUse",
                "File system '" + FS + "' has mount targets.", "efs-409")));

        assertThatThrownBy(() -> cloud.fileSystems().deleteFileSystem(FS))
                .isInstanceOfSatisfying(ResourceInUseException.class, e -> {
                    assertThat(e.errorCode()).contains("FileSystemInUse");
                    assertThat(e.requestId()).contains("efs-409");
                })
                .hasMessageContaining("has mount targets");
    }

    @Test
    void deleteFileSystem_gone_isResourceNotFound() {
        wire.stubFor(delete(urlEqualTo("/2015-02-01/file-systems/" + FS)).willReturn(efsError(404, "FileSystemNotFound",
                "File system '" + FS + "' does not exist.", "efs-404")));

        assertThatThrownBy(() -> cloud.fileSystems().deleteFileSystem(FS)).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining(FS + " does not exist");
    }

    @Test
    void describeFileSystem_readsStateAndSize() {
        wire.stubFor(get(urlPathEqualTo("/2015-02-01/file-systems")).withQueryParam("FileSystemId", equalTo(FS))
                .willReturn(json(200, """
                        {"FileSystems":[{"OwnerId":"123456789012","CreationToken":"gpu-stack","FileSystemId":"%s",
                          "LifeCycleState":"available","NumberOfMountTargets":1,
                          "SizeInBytes":{"Value":6442450944,"ValueInIA":0,"ValueInStandard":6442450944},
                          "PerformanceMode":"generalPurpose","Encrypted":true,"ThroughputMode":"bursting","Tags":[]}]}"""
                        .formatted(FS))));

        assertThat(cloud.fileSystems().describeFileSystem(FS)).isEqualTo(new FileSystemDescription(FS, "available", 6442450944L));
    }

    @Test
    void describeFileSystem_gone_isResourceNotFound() {
        wire.stubFor(get(urlPathEqualTo("/2015-02-01/file-systems")).willReturn(efsError(404, "FileSystemNotFound",
                "File system '" + FS + "' does not exist.", "efs-404")));

        assertThatThrownBy(() -> cloud.fileSystems().describeFileSystem(FS)).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("elasticfilesystem:DescribeFileSystems");
    }

    @Test
    void accessPoints_readsEveryPage() {
        wire.stubFor(get(urlPathEqualTo("/2015-02-01/access-points")).withQueryParam("FileSystemId", equalTo(FS))
                .withQueryParam("NextToken", absent())
                .willReturn(json(200, "{\"AccessPoints\":[{\"AccessPointId\":\"fsap-01\",\"FileSystemId\":\"" + FS
                        + "\",\"LifeCycleState\":\"available\"}],\"NextToken\":\"ap-2\"}")));
        wire.stubFor(get(urlPathEqualTo("/2015-02-01/access-points")).withQueryParam("NextToken", equalTo("ap-2"))
                .willReturn(json(200, "{\"AccessPoints\":[{\"AccessPointId\":\"fsap-02\",\"FileSystemId\":\"" + FS
                        + "\"}]}")));

        assertThat(cloud.fileSystems().accessPoints(FS)).containsExactly("fsap-01", "fsap-02");
        wire.verify(2, getRequestedFor(urlPathEqualTo("/2015-02-01/access-points")));
    }

    @Test
    void accessPoints_ofAMissingFileSystem_isResourceNotFound() {
        wire.stubFor(get(urlPathEqualTo("/2015-02-01/access-points")).willReturn(efsError(404, "FileSystemNotFound",
                "File system '" + FS + "' does not exist.", "efs-404-ap")));

        assertThatThrownBy(() -> cloud.fileSystems().accessPoints(FS)).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void deleteAccessPoint_sendsDelete_andMapsNotFound() {
        wire.stubFor(delete(urlEqualTo("/2015-02-01/access-points/fsap-01")).willReturn(aResponse().withStatus(204)));
        cloud.fileSystems().deleteAccessPoint("fsap-01");
        wire.verify(1, deleteRequestedFor(urlEqualTo("/2015-02-01/access-points/fsap-01")));

        wire.stubFor(delete(urlEqualTo("/2015-02-01/access-points/fsap-01")).willReturn(efsError(404, "AccessPointNotFound",
                "Access point 'fsap-01' does not exist.", "efs-404-fsap")));
        assertThatThrownBy(() -> cloud.fileSystems().deleteAccessPoint("fsap-01"))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.errorCode()).contains("AccessPointNotFound"));
    }

    @Test
    void replicationDestinations_readsTheDestinationsOfTheSource() {
        wire.stubFor(get(urlPathEqualTo("/2015-02-01/file-systems/replication-configurations"))
                .withQueryParam("FileSystemId", equalTo(FS)).willReturn(json(200, """
                        {"Replications":[{"SourceFileSystemId":"%1$s","SourceFileSystemRegion":"us-east-1",
                          "SourceFileSystemArn":"arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/%1$s",
                          "OriginalSourceFileSystemArn":"arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/%1$s",
                          "CreationTime":1733000000,
                          "Destinations":[{"Status":"ENABLED","FileSystemId":"fs-0dest","Region":"eu-west-1"}]}]}"""
                        .formatted(FS))));

        assertThat(cloud.fileSystems().replicationDestinations(FS)).containsExactly("fs-0dest");
    }

    @Test
    void replicationDestinations_askedAboutADestination_isEmpty() {
        wire.stubFor(get(urlPathEqualTo("/2015-02-01/file-systems/replication-configurations")).willReturn(json(200, """
                {"Replications":[{"SourceFileSystemId":"fs-0source","SourceFileSystemRegion":"us-east-1",
                  "SourceFileSystemArn":"a","OriginalSourceFileSystemArn":"a","CreationTime":1733000000,
                  "Destinations":[{"Status":"ENABLED","FileSystemId":"%s","Region":"us-east-1"}]}]}""".formatted(FS))));

        assertThat(cloud.fileSystems().replicationDestinations(FS)).isEmpty();
    }

    @Test
    void replicationDestinations_noReplication_isEmpty() {
        wire.stubFor(get(urlPathEqualTo("/2015-02-01/file-systems/replication-configurations")).willReturn(efsError(404,
                "ReplicationNotFound", "Replication configuration not found", "efs-404-rep")));

        assertThat(cloud.fileSystems().replicationDestinations(FS)).isEmpty();
    }

    @Test
    void replicationDestinations_ofAMissingFileSystem_isResourceNotFound() {
        wire.stubFor(get(urlPathEqualTo("/2015-02-01/file-systems/replication-configurations")).willReturn(efsError(404,
                "FileSystemNotFound", "File system '" + FS + "' does not exist.", "efs-404-fs")));

        assertThatThrownBy(() -> cloud.fileSystems().replicationDestinations(FS)).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("elasticfilesystem:DescribeReplicationConfigurations");
    }

    @Test
    void deleteReplicationConfiguration_sendsDeleteOnTheSource() {
        wire.stubFor(delete(urlEqualTo("/2015-02-01/file-systems/" + FS + "/replication-configuration"))
                .willReturn(aResponse().withStatus(204)));

        cloud.fileSystems().deleteReplicationConfiguration(FS);

        wire.verify(1, deleteRequestedFor(urlEqualTo("/2015-02-01/file-systems/" + FS + "/replication-configuration")));
    }

    @Test
    void deleteReplicationConfiguration_none_isResourceNotFound() {
        wire.stubFor(delete(urlEqualTo("/2015-02-01/file-systems/" + FS + "/replication-configuration"))
                .willReturn(efsError(404, "ReplicationNotFound", "Replication configuration not found", "efs-404-rep")));

        assertThatThrownBy(() -> cloud.fileSystems().deleteReplicationConfiguration(FS))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("DeleteReplicationConfiguration");
    }

    @Test
    void deleteFileSystem_accessDenied_isNonRetryableNamingThePermission() {
        wire.stubFor(delete(urlEqualTo("/2015-02-01/file-systems/" + FS)).willReturn(efsError(403, "AccessDeniedException",
                "User is not authorized to perform: elasticfilesystem:DeleteFileSystem", "efs-403")));

        assertThatThrownBy(() -> cloud.fileSystems().deleteFileSystem(FS))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("allow elasticfilesystem:DeleteFileSystem");
    }
}
