package io.tierstate.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.error.InvalidInputException;
import io.tierstate.error.CloudOperationException;
import io.tierstate.port.InstanceDescription;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

class AwsCloudTest extends WireTest {

    private static final String INSTANCES = """
            <reservationSet><item><reservationId>r-1</reservationId><instancesSet><item>
              <instanceId>i-0abc</instanceId><imageId>ami-1</imageId>
              <instanceState><code>16</code><name>running</name></instanceState>
              <instanceType>g5.xlarge</instanceType>
            </item></instancesSet></item></reservationSet>""";

    private static final String CALLER = """
            <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <GetCallerIdentityResult>
                <Arn>arn:aws:iam::123456789012:user/deployer</Arn>
                <UserId>AIDAEXAMPLE</UserId>
                <Account>123456789012</Account>
              </GetCallerIdentityResult>
              <ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>
            </GetCallerIdentityResponse>""";

    @Test
    void describe_namesTheAccountRegionAndEndpoint_askingStsOnce() {
        wire.stubFor(action("GetCallerIdentity").willReturn(xml(200, CALLER)));

        String first = cloud.describe();
        String second = cloud.describe();

        assertThat(first).isEqualTo("AWS account 123456789012 in us-east-1 at " + endpoint());
        assertThat(second).isEqualTo(first);
        wire.verify(1, postRequestedFor(urlEqualTo("/")).withFormParam("Action", equalTo("GetCallerIdentity")));
    }

    @Test
    void describe_withoutAnAnswerFromSts_saysAccountUnknown() {
        wire.stubFor(action("GetCallerIdentity").willReturn(queryError(403, "InvalidClientTokenId",
                "The security token included in the request is invalid.", "sts-403")));

        assertThat(cloud.describe()).isEqualTo("AWS (account unknown) in us-east-1 at " + endpoint());
    }

    @Test
    void buildingTheCloudAndAskingForPorts_sendsNothing() {
        try (AwsCloud fresh = cloudBuilder().build()) {
            assertThat(fresh.cloudFront()).isSameAs(fresh.cloudFront()).isInstanceOf(SdkCloudFrontAdapter.class);
            assertThat(fresh.compute()).isSameAs(fresh.compute()).isInstanceOf(SdkComputeAdapter.class);
            assertThat(fresh.loadBalancing()).isSameAs(fresh.loadBalancing()).isInstanceOf(SdkLoadBalancingAdapter.class);
            assertThat(fresh.fileSystems()).isSameAs(fresh.fileSystems()).isInstanceOf(SdkFileSystemAdapter.class);
            assertThat(fresh.identity()).isSameAs(fresh.identity()).isInstanceOf(SdkIdentityAdapter.class);
            assertThat(fresh.network()).isSameAs(fresh.network()).isInstanceOf(SdkNetworkAdapter.class);
        }
        assertThat(wire.getAllServeEvents()).isEmpty();
    }

    @Test
    void close_closesWhatTheCloudCreated_andRefusesFurtherCalls() {
        wire.stubFor(action("DescribeInstances").willReturn(ec2("DescribeInstances", INSTANCES)));
        assertThat(cloud.compute().describeInstance("i-0abc").state()).isEqualTo(InstanceDescription.State.RUNNING);

        cloud.close();
        cloud.close();

        assertThatThrownBy(() -> cloud.compute().describeInstance("i-0abc"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AwsCloud is closed");
    }

    @Test
    void close_leavesTheUsersOwnClientsOpen() {
        wire.stubFor(action("DescribeInstances").willReturn(ec2("DescribeInstances", INSTANCES)));
        try (SdkHttpClient http = ApacheHttpClient.builder().build();
                Ec2Client ec2 = Ec2Client.builder().region(Region.US_EAST_1).endpointOverride(endpoint()).httpClient(http)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "s"))).build()) {
            AwsCloud mine = AwsCloud.builder().region("us-east-1").ec2Client(ec2).httpClient(http).build();
            assertThat(mine.compute().describeInstance("i-0abc").instanceType()).isEqualTo("g5.xlarge");

            mine.close();

            assertThat(ec2.describeInstances(b -> b.instanceIds("i-0abc")).reservations()).hasSize(1);
        }
    }

    @Test
    void verifyAccess_withWorkingCredentials_asksStsOnceAndDescribeReusesTheAnswer() {
        wire.stubFor(action("GetCallerIdentity").willReturn(xml(200, CALLER)));

        cloud.verifyAccess();
        cloud.verifyAccess();

        assertThat(cloud.describe()).startsWith("AWS account 123456789012");
        wire.verify(1, postRequestedFor(urlEqualTo("/")).withFormParam("Action", equalTo("GetCallerIdentity")));
    }

    @Test
    void verifyAccess_rejectedCredentials_failsBeforeAnythingChanges() {
        wire.stubFor(action("GetCallerIdentity").willReturn(queryError(403, "InvalidClientTokenId",
                "The security token included in the request is invalid.", "req-sts")));

        assertThatThrownBy(cloud::verifyAccess).isInstanceOfSatisfying(CloudOperationException.class,
                e -> assertThat(e.errorCode()).contains("InvalidClientTokenId")).hasMessageContaining("credentials");
    }

    @Test
    void verifyAccess_endpointWithoutSts_isLetThrough() {
        wire.stubFor(action("GetCallerIdentity").willReturn(queryError(400, "InvalidAction",
                "The action GetCallerIdentity is not valid for this web service.", "req-x")));

        cloud.verifyAccess();

        assertThat(cloud.describe()).startsWith("AWS (account unknown)");
    }

    @Test
    void verifyAccess_withoutCredentials_saysHowToProvideThem() {
        try (AwsCloud noCredentials = AwsCloud.builder().region("us-east-1").endpointOverride(endpoint())
                .credentialsProvider(() -> {
                    throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
                }).build()) {
            assertThatThrownBy(noCredentials::verifyAccess).isInstanceOf(CloudOperationException.class)
                    .hasMessageContaining("no AWS credentials found").hasMessageContaining("AWS_PROFILE");
        }
    }

    @Test
    void missingCredentials_sayHowToProvideThem() {
        try (AwsCloud noCredentials = AwsCloud.builder().region("us-east-1").endpointOverride(endpoint())
                .credentialsProvider(() -> {
                    throw SdkClientException.create("Unable to load credentials from any of the providers in the chain "
                            + "AwsCredentialsProviderChain(credentialsProviders=[...])");
                }).build()) {
            assertThatThrownBy(() -> noCredentials.compute().terminateInstance("i-0abc"))
                    .isInstanceOfSatisfying(CloudOperationException.class, e -> assertThat(e.retryable()).isFalse())
                    .hasMessageContaining("no AWS credentials found")
                    .hasMessageContaining("AWS_ACCESS_KEY_ID")
                    .hasMessageContaining("AWS_SECRET_ACCESS_KEY")
                    .hasMessageContaining("~/.aws/credentials")
                    .hasMessageContaining("AWS_PROFILE")
                    .hasMessageContaining("AwsCloud.builder().credentialsProvider(...)");
        }
        assertThat(wire.getAllServeEvents()).isEmpty();
    }

    @Test
    void rejectedCredentials_sayHowToProvideOthers() {
        wire.stubFor(action("TerminateInstances").willReturn(ec2Error("AuthFailure",
                "AWS was not able to validate the provided access credentials", "req-auth")));

        assertThatThrownBy(() -> cloud.compute().terminateInstance("i-0abc"))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> assertThat(e.errorCode()).contains("AuthFailure"))
                .hasMessageContaining("did not accept the credentials")
                .hasMessageContaining("AWS_PROFILE");
    }

    @Test
    void missingPermission_namesTheActionToAllow() {
        wire.stubFor(action("TerminateInstances").willReturn(ec2Error("UnauthorizedOperation",
                "You are not authorized to perform this operation.", "req-denied")));

        assertThatThrownBy(() -> cloud.compute().terminateInstance("i-0abc"))
                .isInstanceOf(CloudOperationException.class)
                .hasMessageContaining("may not call ec2:TerminateInstances")
                .hasMessageContaining("allow ec2:TerminateInstances in its IAM policy");
    }

    @Test
    void unreachableEndpoint_isARetryableNetworkFailure() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (AwsCloud nowhere = cloudBuilder().endpointOverride(URI.create("http://127.0.0.1:" + closedPort)).build()) {
            assertThatThrownBy(() -> nowhere.loadBalancing().deleteTargetGroup("arn:tg"))
                    .isInstanceOfSatisfying(CloudOperationException.class, e -> {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.statusCode()).isZero();
                    })
                    .hasMessageContaining("could not reach AWS for arn:tg");
        }
    }

    @ParameterizedTest
    @EnumSource(AwsRetryMode.class)
    void everyRetryMode_retriesThrottling(AwsRetryMode mode) {
        wire.stubFor(action("DescribeInstances").inScenario("t").whenScenarioStateIs(STARTED).willSetStateTo("ok")
                .willReturn(ec2Error("RequestLimitExceeded", "Request limit exceeded.", "req-limit")));
        wire.stubFor(action("DescribeInstances").inScenario("t").whenScenarioStateIs("ok")
                .willReturn(ec2("DescribeInstances", INSTANCES)));

        try (AwsCloud retrying = cloudBuilder().retryMode(mode).build()) {
            assertThat(retrying.compute().describeInstance("i-0abc").instanceId()).isEqualTo("i-0abc");
        }
        wire.verify(2, postRequestedFor(urlEqualTo("/")).withFormParam("Action", equalTo("DescribeInstances")));
    }

    @Test
    void maxAttempts_one_turnsRetriesOff() {
        wire.stubFor(action("DescribeInstances").willReturn(ec2Error("RequestLimitExceeded", "Request limit exceeded.", "req")));

        try (AwsCloud once = cloudBuilder().maxAttempts(1).build()) {
            assertThatThrownBy(() -> once.compute().describeInstance("i-0abc"))
                    .isInstanceOfSatisfying(CloudOperationException.class, e -> assertThat(e.retryable()).isTrue())
                    .hasMessageContaining("RequestLimitExceeded").hasMessageContaining("maxAttempts");
        }
        wire.verify(1, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void maxAttempts_five_triesFiveTimes() {
        wire.stubFor(action("DescribeInstances").willReturn(xml(500, "<Response><Errors><Error><Code>InternalError</Code>"
                + "<Message>An internal error has occurred</Message></Error></Errors><RequestID>r500</RequestID></Response>")));

        try (AwsCloud patient = cloudBuilder().maxAttempts(5).build()) {
            assertThatThrownBy(() -> patient.compute().describeInstance("i-0abc"))
                    .isInstanceOfSatisfying(CloudOperationException.class, e -> {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.statusCode()).isEqualTo(500);
                        assertThat(e.requestId()).contains("r500");
                    })
                    .hasMessageContaining("An internal error has occurred");
        }
        wire.verify(5, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void builder_checksArgumentsAsTheyAreSet() {
        AwsCloud.Builder builder = AwsCloud.builder();
        assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> builder.region("Europe"))
                .withMessageContaining("'Europe' is not an AWS region id").withMessageContaining("us-east-1");
        assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> builder.endpointOverride(URI.create("localhost")))
                .withMessageContaining("needs a scheme and a host");
        assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> builder.maxAttempts(0))
                .withMessageContaining("at least 1");
        assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> builder.retryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .withMessageContaining("baseDelay <= maxDelay");
        assertThatThrownBy(() -> builder.retryMode(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("mode");
        assertThat(builder.region(" EU-West-1 ").build().toString()).isEqualTo("AwsCloud[region=eu-west-1]");
    }

    @Test
    void create_usesTheSdkDefaultsWithoutStartingAnything() {
        try (AwsCloud defaults = AwsCloud.create()) {
            assertThat(defaults.toString()).isEqualTo("AwsCloud[region=(default chain)]");
        }
    }
}
