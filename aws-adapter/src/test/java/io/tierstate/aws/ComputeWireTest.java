package io.tierstate.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.error.CloudOperationException;
import io.tierstate.error.ResourceNotFoundException;
import io.tierstate.model.HealthStatus;
import io.tierstate.port.GpuSpec;
import io.tierstate.port.InstanceDescription;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComputeWireTest extends WireTest {

    private static final String INSTANCE = "i-0abc1234def567890";

    private static String instances(String state, boolean publicIp) {
        return """
                <reservationSet><item>
                  <reservationId>r-0123456789abcdef0</reservationId><ownerId>123456789012</ownerId><groupSet/>
                  <instancesSet><item>
                    <instanceId>%s</instanceId>
                    <imageId>ami-0gpu0deeplearning</imageId>
                    <instanceState><code>16</code><name>%s</name></instanceState>
                    <privateDnsName>ip-10-0-1-12.ec2.internal</privateDnsName>
                    <instanceType>g4dn.xlarge</instanceType>
                    <privateIpAddress>10.0.1.12</privateIpAddress>
                    %s
                  </item></instancesSet>
                </item></reservationSet>""".formatted(INSTANCE, state, publicIp ? "<ipAddress>54.210.1.23</ipAddress>" : "");
    }

    @Test
    void describeInstance_running_readsTypeAmiStateAndAddresses() {
        wire.stubFor(action("DescribeInstances").willReturn(ec2("DescribeInstances", instances("running", true))));

        InstanceDescription instance = cloud.compute().describeInstance(INSTANCE);

        assertThat(instance).isEqualTo(new InstanceDescription(INSTANCE, "g4dn.xlarge", "ami-0gpu0deeplearning",
                InstanceDescription.State.RUNNING, Optional.of("54.210.1.23"), Optional.of("10.0.1.12")));
        assertThat(form(requests().get(0))).containsEntry("Action", "DescribeInstances")
                .containsEntry("InstanceId.1", INSTANCE).containsEntry("Version", "2016-11-15");
    }

    @ParameterizedTest
    @CsvSource({"pending,PENDING", "stopping,STOPPING", "stopped,STOPPED", "shutting-down,SHUTTING_DOWN",
            "terminated,TERMINATED"})
    void describeInstance_mapsEveryEc2State(String ec2State, InstanceDescription.State expected) {
        wire.stubFor(action("DescribeInstances").willReturn(ec2("DescribeInstances", instances(ec2State, false))));

        InstanceDescription instance = cloud.compute().describeInstance(INSTANCE);

        assertThat(instance.state()).isEqualTo(expected);
        assertThat(instance.publicIp()).isEmpty();
    }

    @Test
    void describeInstance_unknown_isResourceNotFoundWithTheRequestId() {
        wire.stubFor(action("DescribeInstances").willReturn(ec2Error("InvalidInstanceID.NotFound",
                "The instance ID '" + INSTANCE + "' does not exist", "ea966190-f9aa-478e-9ede-example")));

        assertThatThrownBy(() -> cloud.compute().describeInstance(INSTANCE))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.resourceId()).isEqualTo(INSTANCE);
                    assertThat(e.errorCode()).contains("InvalidInstanceID.NotFound");
                    assertThat(e.requestId()).contains("ea966190-f9aa-478e-9ede-example");
                    assertThat(e.operation()).isEqualTo("ec2:DescribeInstances");
                })
                .hasMessageContaining(INSTANCE + " does not exist");
    }

    @Test
    void describeInstance_emptyAnswer_isResourceNotFound() {
        wire.stubFor(action("DescribeInstances").willReturn(ec2("DescribeInstances", "<reservationSet/>")));

        assertThatThrownBy(() -> cloud.compute().describeInstance(INSTANCE))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(INSTANCE);
    }

    @Test
    void describeInstance_malformedId_isABadRequestNotAMissingInstance() {
        wire.stubFor(action("DescribeInstances").willReturn(ec2Error("InvalidInstanceID.Malformed",
                "Invalid id: \"x-1\" (expecting \"i-...\")", "req-malformed")));

        assertThatThrownBy(() -> cloud.compute().describeInstance("x-1"))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> {
                    assertThat(e).isNotInstanceOf(ResourceNotFoundException.class);
                    assertThat(e.errorCode()).contains("InvalidInstanceID.Malformed");
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.statusCode()).isEqualTo(400);
                })
                .hasMessageContaining("expecting");
    }

    @Test
    void describeInstance_requestLimitExceeded_isRetriedByTheSdk() {
        wire.stubFor(action("DescribeInstances").inScenario("limit").whenScenarioStateIs(STARTED).willSetStateTo("ok")
                .willReturn(ec2Error("RequestLimitExceeded", "Request limit exceeded.", "req-limit")));
        wire.stubFor(action("DescribeInstances").inScenario("limit").whenScenarioStateIs("ok")
                .willReturn(ec2("DescribeInstances", instances("running", true))));

        assertThat(cloud.compute().describeInstance(INSTANCE).state()).isEqualTo(InstanceDescription.State.RUNNING);
        wire.verify(2, postRequestedFor(urlEqualTo("/")).withFormParam("Action", equalTo("DescribeInstances")));
    }

    @ParameterizedTest(name = "instance {0} + system {1} -> {2}")
    @CsvSource({"ok,ok,OK", "impaired,ok,IMPAIRED", "ok,impaired,IMPAIRED", "initializing,initializing,INITIALIZING",
            "ok,initializing,INITIALIZING", "insufficient-data,ok,INSUFFICIENT_DATA",
            "not-applicable,not-applicable,NOT_APPLICABLE", "impaired,initializing,IMPAIRED"})
    void instanceHealth_combinesInstanceAndSystemChecks(String instanceCheck, String systemCheck, HealthStatus expected) {
        wire.stubFor(action("DescribeInstanceStatus").willReturn(ec2("DescribeInstanceStatus", """
                <instanceStatusSet><item>
                  <instanceId>%s</instanceId><availabilityZone>us-east-1a</availabilityZone>
                  <instanceState><code>16</code><name>running</name></instanceState>
                  <systemStatus><status>%s</status><details><item><name>reachability</name><status>passed</status></item></details></systemStatus>
                  <instanceStatus><status>%s</status><details><item><name>reachability</name><status>passed</status></item></details></instanceStatus>
                </item></instanceStatusSet>""".formatted(INSTANCE, systemCheck, instanceCheck))));

        assertThat(cloud.compute().instanceHealth(INSTANCE)).contains(expected);
        assertThat(form(requests().get(0))).containsEntry("Action", "DescribeInstanceStatus")
                .containsEntry("InstanceId.1", INSTANCE).containsEntry("IncludeAllInstances", "true");
    }

    @Test
    void instanceHealth_noStatusReported_isEmpty() {
        wire.stubFor(action("DescribeInstanceStatus").willReturn(ec2("DescribeInstanceStatus", "<instanceStatusSet/>")));

        assertThat(cloud.compute().instanceHealth(INSTANCE)).isEmpty();
    }

    @Test
    void instanceHealth_unknownInstance_isResourceNotFound() {
        wire.stubFor(action("DescribeInstanceStatus").willReturn(ec2Error("InvalidInstanceID.NotFound",
                "The instance ID '" + INSTANCE + "' does not exist", "req-status-404")));

        assertThatThrownBy(() -> cloud.compute().instanceHealth(INSTANCE))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("ec2:DescribeInstanceStatus");
    }

    @Test
    void gpuSpec_multiGpuType_readsModelMakerCountAndTotalMemory() {
        wire.stubFor(action("DescribeInstanceTypes").willReturn(ec2("DescribeInstanceTypes", """
                <instanceTypeSet><item>
                  <instanceType>g4dn.12xlarge</instanceType>
                  <gpuInfo>
                    <gpus><item><name>T4</name><manufacturer>NVIDIA</manufacturer><count>4</count>
                      <memoryInfo><sizeInMiB>16384</sizeInMiB></memoryInfo></item></gpus>
                    <totalGpuMemoryInMiB>65536</totalGpuMemoryInMiB>
                  </gpuInfo>
                </item></instanceTypeSet>""")));

        assertThat(cloud.compute().gpuSpec("g4dn.12xlarge")).contains(new GpuSpec("T4", "NVIDIA", 4, 65536));
        assertThat(form(requests().get(0))).containsEntry("Action", "DescribeInstanceTypes")
                .containsEntry("InstanceType.1", "g4dn.12xlarge");
    }

    @Test
    void gpuSpec_withoutTotal_sumsTheDevices() {
        wire.stubFor(action("DescribeInstanceTypes").willReturn(ec2("DescribeInstanceTypes", """
                <instanceTypeSet><item>
                  <instanceType>p3.8xlarge</instanceType>
                  <gpuInfo><gpus><item><name>V100</name><manufacturer>NVIDIA</manufacturer><count>4</count>
                    <memoryInfo><sizeInMiB>16384</sizeInMiB></memoryInfo></item></gpus></gpuInfo>
                </item></instanceTypeSet>""")));

        assertThat(cloud.compute().gpuSpec("p3.8xlarge")).contains(new GpuSpec("V100", "NVIDIA", 4, 65536));
    }

    @Test
    void gpuSpec_typeWithoutGpus_isEmpty() {
        wire.stubFor(action("DescribeInstanceTypes").willReturn(ec2("DescribeInstanceTypes",
                "<instanceTypeSet><item><instanceType>m5.large</instanceType><currentGeneration>true</currentGeneration></item></instanceTypeSet>")));

        assertThat(cloud.compute().gpuSpec("m5.large")).isEmpty();
    }

    @Test
    void gpuSpec_unknownType_isACloudOperationFailureNamingTheCode() {
        wire.stubFor(action("DescribeInstanceTypes").willReturn(ec2Error("InvalidInstanceType",
                "The following supplied instance types do not exist: [g9.huge]", "req-type")));

        assertThatThrownBy(() -> cloud.compute().gpuSpec("g9.huge"))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> assertThat(e.errorCode()).contains("InvalidInstanceType"))
                .hasMessageContaining("g9.huge");
    }

    @Test
    void terminateInstance_sendsTerminateInstances() {
        wire.stubFor(action("TerminateInstances").willReturn(ec2("TerminateInstances", """
                <instancesSet><item><instanceId>%s</instanceId>
                  <currentState><code>32</code><name>shutting-down</name></currentState>
                  <previousState><code>16</code><name>running</name></previousState>
                </item></instancesSet>""".formatted(INSTANCE))));

        cloud.compute().terminateInstance(INSTANCE);

        assertThat(requests()).hasSize(1);
        assertThat(form(requests().get(0))).containsAllEntriesOf(Map.of("Action", "TerminateInstances", "InstanceId.1", INSTANCE));
    }

    @Test
    void terminateInstance_unknown_isResourceNotFound() {
        wire.stubFor(action("TerminateInstances").willReturn(ec2Error("InvalidInstanceID.NotFound",
                "The instance ID '" + INSTANCE + "' does not exist", "req-term-404")));

        assertThatThrownBy(() -> cloud.compute().terminateInstance(INSTANCE))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.requestId()).contains("req-term-404"))
                .hasMessageContaining("ec2:TerminateInstances failed (InvalidInstanceID.NotFound");
    }

    // ---- termination protection

    @Test
    void terminationProtection_readsDisableApiTermination() {
        wire.stubFor(action("DescribeInstanceAttribute").willReturn(ec2("DescribeInstanceAttribute", """
                <instanceId>%s</instanceId>
                <disableApiTermination><value>true</value></disableApiTermination>""".formatted(INSTANCE))));

        assertThat(cloud.compute().terminationProtection(INSTANCE)).isTrue();
        assertThat(form(requests().get(0))).containsEntry("Action", "DescribeInstanceAttribute")
                .containsEntry("InstanceId", INSTANCE).containsEntry("Attribute", "disableApiTermination");
    }

    @Test
    void terminationProtection_off_isFalse() {
        wire.stubFor(action("DescribeInstanceAttribute").willReturn(ec2("DescribeInstanceAttribute", """
                <instanceId>%s</instanceId>
                <disableApiTermination><value>false</value></disableApiTermination>""".formatted(INSTANCE))));

        assertThat(cloud.compute().terminationProtection(INSTANCE)).isFalse();
    }

    @Test
    void terminationProtection_unknownInstance_isResourceNotFound() {
        wire.stubFor(action("DescribeInstanceAttribute").willReturn(ec2Error("InvalidInstanceID.NotFound",
                "The instance ID '" + INSTANCE + "' does not exist", "req-attr-404")));

        assertThatThrownBy(() -> cloud.compute().terminationProtection(INSTANCE))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("ec2:DescribeInstanceAttribute");
    }

    @Test
    void setTerminationProtection_false_sendsModifyInstanceAttribute() {
        wire.stubFor(action("ModifyInstanceAttribute").willReturn(ec2("ModifyInstanceAttribute", "<return>true</return>")));

        cloud.compute().setTerminationProtection(INSTANCE, false);

        assertThat(form(requests().get(0))).containsEntry("Action", "ModifyInstanceAttribute")
                .containsEntry("InstanceId", INSTANCE).containsEntry("DisableApiTermination.Value", "false");
    }

    @Test
    void terminateInstance_protected_isNonRetryableAndSaysHowToTurnProtectionOff() {
        wire.stubFor(action("TerminateInstances").willReturn(ec2Error("OperationNotPermitted",
                "The instance '" + INSTANCE + "' may not be terminated. Modify its 'disableApiTermination' instance attribute "
                        + "and try again.", "req-protected")));

        assertThatThrownBy(() -> cloud.compute().terminateInstance(INSTANCE))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> {
                    assertThat(e).isNotInstanceOf(ResourceNotFoundException.class);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.errorCode()).contains("OperationNotPermitted");
                    assertThat(e.requestId()).contains("req-protected");
                })
                .hasMessageContaining("termination protection on")
                .hasMessageContaining("--no-disable-api-termination")
                .hasMessageContaining("--disable-protection");
    }

    @Test
    void terminateInstance_unauthorized_namesTheMissingPermission() {
        wire.stubFor(action("TerminateInstances").willReturn(ec2Error("UnauthorizedOperation",
                "You are not authorized to perform this operation. Encoded authorization failure message: abc", "req-401")));

        assertThatThrownBy(() -> cloud.compute().terminateInstance(INSTANCE))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("allow ec2:TerminateInstances");
    }

    // ---- spot requests

    private static String spotInstance(String requestId) {
        return """
                <reservationSet><item><reservationId>r-1</reservationId><instancesSet><item>
                  <instanceId>%s</instanceId><imageId>ami-1</imageId>
                  <instanceState><code>16</code><name>running</name></instanceState>
                  <instanceType>g5.xlarge</instanceType>
                  %s
                </item></instancesSet></item></reservationSet>""".formatted(INSTANCE,
                requestId == null ? "" : "<spotInstanceRequestId>" + requestId + "</spotInstanceRequestId>"
                        + "<instanceLifecycle>spot</instanceLifecycle>");
    }

    @Test
    void spotRequest_persistentAndActive_relaunches() {
        wire.stubFor(action("DescribeInstances").willReturn(ec2("DescribeInstances", spotInstance("sir-0abc12"))));
        wire.stubFor(action("DescribeSpotInstanceRequests").willReturn(ec2("DescribeSpotInstanceRequests", """
                <spotInstanceRequestSet><item>
                  <spotInstanceRequestId>sir-0abc12</spotInstanceRequestId>
                  <spotPrice>0.5</spotPrice>
                  <type>persistent</type>
                  <state>active</state>
                  <status><code>fulfilled</code><message>Your spot request is fulfilled.</message></status>
                  <instanceId>%s</instanceId>
                  <instanceInterruptionBehavior>terminate</instanceInterruptionBehavior>
                </item></spotInstanceRequestSet>""".formatted(INSTANCE))));

        Optional<io.tierstate.port.ComputePort.SpotRequest> request = cloud.compute().spotRequest(INSTANCE);

        assertThat(request).contains(new io.tierstate.port.ComputePort.SpotRequest("sir-0abc12", "persistent", "active"));
        assertThat(request.get().relaunches()).isTrue();
        assertThat(actions()).containsExactly("DescribeInstances", "DescribeSpotInstanceRequests");
        assertThat(form(requests().get(1))).containsEntry("SpotInstanceRequestId.1", "sir-0abc12");
    }

    @Test
    void spotRequest_onDemandInstance_isEmptyWithoutAskingForRequests() {
        wire.stubFor(action("DescribeInstances").willReturn(ec2("DescribeInstances", spotInstance(null))));

        assertThat(cloud.compute().spotRequest(INSTANCE)).isEmpty();
        assertThat(actions()).containsExactly("DescribeInstances");
    }

    @Test
    void spotRequest_requestNoLongerKnown_isEmpty() {
        wire.stubFor(action("DescribeInstances").willReturn(ec2("DescribeInstances", spotInstance("sir-0old"))));
        wire.stubFor(action("DescribeSpotInstanceRequests").willReturn(ec2Error("InvalidSpotInstanceRequestID.NotFound",
                "The spot instance request ID 'sir-0old' does not exist", "req-sir-404")));

        assertThat(cloud.compute().spotRequest(INSTANCE)).isEmpty();
    }

    @Test
    void spotRequest_unknownInstance_isResourceNotFound() {
        wire.stubFor(action("DescribeInstances").willReturn(ec2Error("InvalidInstanceID.NotFound",
                "The instance ID '" + INSTANCE + "' does not exist", "req-404")));

        assertThatThrownBy(() -> cloud.compute().spotRequest(INSTANCE)).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void cancelSpotRequest_sendsTheRequestId() {
        wire.stubFor(action("CancelSpotInstanceRequests").willReturn(ec2("CancelSpotInstanceRequests", """
                <spotInstanceRequestSet><item><spotInstanceRequestId>sir-0abc12</spotInstanceRequestId>
                  <state>cancelled</state></item></spotInstanceRequestSet>""")));

        cloud.compute().cancelSpotRequest("sir-0abc12");

        assertThat(form(requests().get(0))).containsEntry("Action", "CancelSpotInstanceRequests")
                .containsEntry("SpotInstanceRequestId.1", "sir-0abc12");
    }

    @Test
    void cancelSpotRequest_unknown_isResourceNotFound() {
        wire.stubFor(action("CancelSpotInstanceRequests").willReturn(ec2Error("InvalidSpotInstanceRequestID.NotFound",
                "The spot instance request ID 'sir-0abc12' does not exist", "req-cancel-404")));

        assertThatThrownBy(() -> cloud.compute().cancelSpotRequest("sir-0abc12"))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.resourceId()).isEqualTo("sir-0abc12"))
                .hasMessageContaining("ec2:CancelSpotInstanceRequests");
    }
}
