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
import io.tierstate.ResourceInUseException;
import io.tierstate.ResourceNotFoundException;
import io.tierstate.port.FileSystemPort.MountTarget;
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
                new MountTarget("fsmt-01", FS, "available"), new MountTarget("fsmt-02", FS, "deleting"));
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
}
