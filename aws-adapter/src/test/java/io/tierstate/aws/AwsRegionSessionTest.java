package io.tierstate.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.error.InvalidInputException;
import io.tierstate.port.Cloud;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Region sessions against AWS's real endpoint names: no endpoint override, an HTTP client that
 * records the host each request was addressed to and the credential scope it was signed for, then
 * delivers it to the in-process WireMock.
 */
class AwsRegionSessionTest extends WireTest {

    private static final String INSTANCES = """
            <reservationSet><item><reservationId>r-1</reservationId><instancesSet><item>
              <instanceId>i-0abc</instanceId><imageId>ami-1</imageId>
              <instanceState><code>16</code><name>running</name></instanceState>
              <instanceType>g5.xlarge</instanceType>
            </item></instancesSet></item></reservationSet>""";

    private static final String CALLER = """
            <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/deployer</Arn><UserId>AIDA</UserId>
                <Account>123456789012</Account></GetCallerIdentityResult>
              <ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>
            </GetCallerIdentityResponse>""";

    /** Where each request was addressed and what it was signed for, oldest first. */
    private final List<String> sent = new CopyOnWriteArrayList<>();

    private SdkHttpClient http;
    private AwsCloud aws;

    @BeforeEach
    void redirectingCloud() {
        SdkHttpClient apache = ApacheHttpClient.builder().build();
        http = new SdkHttpClient() {
            @Override
            public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                SdkHttpRequest original = request.httpRequest();
                String scope = original.firstMatchingHeader("Authorization").orElse("").replaceAll(".*Credential=[^/]+/[0-9]+/", "")
                        .replaceAll(",.*", "");
                sent.add(original.host() + " " + scope);
                SdkHttpRequest local = original.toBuilder().protocol("http").host("127.0.0.1").port(wire.port()).build();
                return apache.prepareRequest(HttpExecuteRequest.builder().request(local)
                        .contentStreamProvider(request.contentStreamProvider().orElse(null)).build());
            }

            @Override
            public void close() {
                apache.close();
            }
        };
        aws = AwsCloud.builder().region("us-east-1").httpClient(http)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "wire-secret")))
                .build();
    }

    @AfterEach
    void closeAll() {
        aws.close();
        http.close();
    }

    @Test
    void inRegion_signsForAndSendsToThatRegion_whileTheDefaultSessionStaysOnItsOwn() {
        wire.stubFor(action("DescribeInstances").willReturn(ec2("DescribeInstances", INSTANCES)));

        aws.compute().describeInstance("i-0abc");
        Cloud ireland = aws.inRegion("eu-west-1");
        ireland.compute().describeInstance("i-0abc");
        aws.compute().describeInstance("i-0abc");

        assertThat(sent).containsExactly(
                "ec2.us-east-1.amazonaws.com us-east-1/ec2/aws4_request",
                "ec2.eu-west-1.amazonaws.com eu-west-1/ec2/aws4_request",
                "ec2.us-east-1.amazonaws.com us-east-1/ec2/aws4_request");
        assertThat(ireland.sessionRegion()).contains("eu-west-1");
        assertThat(aws.sessionRegion()).contains("us-east-1");
        assertThat(ireland.describe()).contains(" in eu-west-1");
    }

    @Test
    void inRegion_everyRegionalService_goesToThatRegion() {
        wire.stubFor(action("DescribeLoadBalancers").willReturn(xml(200, """
                <DescribeLoadBalancersResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/">
                  <DescribeLoadBalancersResult><LoadBalancers><member>
                    <LoadBalancerArn>arn:lb</LoadBalancerArn><DNSName>x.eu-west-1.elb.amazonaws.com</DNSName>
                    <State><Code>active</Code></State></member></LoadBalancers></DescribeLoadBalancersResult>
                  <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>
                </DescribeLoadBalancersResponse>""")));
        wire.stubFor(get(urlPathEqualTo("/2015-02-01/access-points")).willReturn(com.github.tomakehurst.wiremock.client.WireMock
                .aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"AccessPoints\":[]}")));

        Cloud ireland = aws.inRegion("eu-west-1");
        ireland.loadBalancing().describeLoadBalancer("arn:lb");
        ireland.fileSystems().accessPoints("fs-0abc");

        assertThat(sent).containsExactly(
                "elasticloadbalancing.eu-west-1.amazonaws.com eu-west-1/elasticloadbalancing/aws4_request",
                "elasticfilesystem.eu-west-1.amazonaws.com eu-west-1/elasticfilesystem/aws4_request");
    }

    @Test
    void inRegion_sharesTheGlobalClientsAndTheCallerIdentity() {
        wire.stubFor(action("GetCallerIdentity").willReturn(xml(200, CALLER)));
        wire.stubFor(get(urlPathEqualTo("/2020-05-31/tagging")).willReturn(com.github.tomakehurst.wiremock.client.WireMock
                .aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                .withBody("<Tags xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\"><Items/></Tags>")));

        Cloud ireland = aws.inRegion("eu-west-1");
        Cloud oregon = aws.inRegion("us-west-2");

        assertThat(ireland.callerAccountId()).contains("123456789012");
        assertThat(oregon.callerAccountId()).contains("123456789012");
        assertThat(aws.callerAccountId()).contains("123456789012");
        wire.verify(1, postRequestedFor(urlEqualTo("/")).withFormParam("Action", equalTo("GetCallerIdentity")));
        ireland.cloudFront().distributionTags("arn:aws:cloudfront::123456789012:distribution/E1");
        assertThat(sent.get(sent.size() - 1)).startsWith("cloudfront.amazonaws.com us-east-1/cloudfront/");
    }

    @Test
    void inRegion_isMadeOnceAndItsOwnRegionIsThisCloud() {
        assertThat(aws.inRegion("eu-west-1")).isSameAs(aws.inRegion("EU-WEST-1 ")).isNotSameAs(aws);
        assertThat(aws.inRegion("us-east-1")).isSameAs(aws);
        assertThat(aws.inRegion("eu-west-1").inRegion("us-west-2")).isSameAs(aws.inRegion("us-west-2"));
        assertThat(aws.inRegion("eu-west-1").retriesTransientErrors()).isTrue();
        assertThat(aws.retriesTransientErrors()).isTrue();
        assertThat(aws.inRegion("eu-west-1").toString()).isEqualTo("AwsCloud[region=eu-west-1]");
        assertThat(sent).as("making a session sends nothing").isEmpty();
    }

    @Test
    void inRegion_notARegion_isInvalidInput() {
        assertThatThrownBy(() -> aws.inRegion("Ireland")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'Ireland' is not an AWS region id");
    }

    @Test
    void closingTheCloud_closesItsSessions_closingASessionDoesNothing() {
        wire.stubFor(action("DescribeInstances").willReturn(ec2("DescribeInstances", INSTANCES)));
        Cloud ireland = aws.inRegion("eu-west-1");
        ireland.compute().describeInstance("i-0abc");

        ireland.close();
        ireland.compute().describeInstance("i-0abc");
        aws.close();

        assertThatThrownBy(() -> ireland.compute().describeInstance("i-0abc")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AwsCloud is closed");
        assertThatThrownBy(() -> aws.inRegion("eu-west-1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theUsersOwnEc2Client_servesItsRegionOnly() {
        wire.stubFor(action("DescribeInstances").willReturn(ec2("DescribeInstances", INSTANCES)));
        try (Ec2Client mine = Ec2Client.builder().region(Region.US_EAST_1).httpClient(http)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDMINE", "s"))).build();
                AwsCloud withMine = AwsCloud.builder().region("us-east-1").ec2Client(mine).httpClient(http)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "s")))
                        .build()) {
            withMine.compute().describeInstance("i-0abc");
            withMine.inRegion("eu-west-1").compute().describeInstance("i-0abc");
        }

        assertThat(sent).containsExactly("ec2.us-east-1.amazonaws.com us-east-1/ec2/aws4_request",
                "ec2.eu-west-1.amazonaws.com eu-west-1/ec2/aws4_request");
        List<String> keys = requests().stream().map(r -> r.getHeader("Authorization").replaceAll(".*Credential=([A-Z]+)/.*", "$1"))
                .toList();
        assertThat(keys).containsExactly("AKIDMINE", "AKIDEXAMPLE");
    }
}
