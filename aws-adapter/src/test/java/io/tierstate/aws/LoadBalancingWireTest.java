package io.tierstate.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.tierstate.error.CloudOperationException;
import io.tierstate.error.ResourceInUseException;
import io.tierstate.error.ResourceNotFoundException;
import io.tierstate.port.LoadBalancerDescription;
import io.tierstate.port.LoadBalancingPort.Listener;
import io.tierstate.port.LoadBalancingPort.TargetGroupDescription;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadBalancingWireTest extends WireTest {

    private static final String LB = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/gpu-alb/50dc6c495c0c9188";
    private static final String TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/gpu-tg/73e2d6bc24d8a067";
    private static final String NS = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";

    private static String answer(String operation, String result) {
        return """
                <%1$sResponse xmlns="%2$s">
                  <%1$sResult>%3$s</%1$sResult>
                  <ResponseMetadata><RequestId>6f5e8a7c-2b1d-4f0e-9c3a-example</RequestId></ResponseMetadata>
                </%1$sResponse>""".formatted(operation, NS, result);
    }

    @Test
    void describeLoadBalancer_readsDnsNameAndState() {
        wire.stubFor(action("DescribeLoadBalancers").willReturn(xml(200, answer("DescribeLoadBalancers", """
                <LoadBalancers><member>
                  <LoadBalancerArn>%s</LoadBalancerArn>
                  <DNSName>gpu-alb-1234567890.us-east-1.elb.amazonaws.com</DNSName>
                  <LoadBalancerName>gpu-alb</LoadBalancerName>
                  <Scheme>internet-facing</Scheme>
                  <VpcId>vpc-0a1b</VpcId>
                  <State><Code>provisioning</Code></State>
                  <Type>application</Type>
                </member></LoadBalancers>""".formatted(LB)))));

        LoadBalancerDescription lb = cloud.loadBalancing().describeLoadBalancer(LB);

        assertThat(lb).isEqualTo(new LoadBalancerDescription(LB, "gpu-alb-1234567890.us-east-1.elb.amazonaws.com", "provisioning"));
        assertThat(form(requests().get(0))).containsEntry("Action", "DescribeLoadBalancers")
                .containsEntry("LoadBalancerArns.member.1", LB).containsEntry("Version", "2015-12-01");
    }

    @Test
    void describeLoadBalancer_gone_isResourceNotFoundWithTheRequestId() {
        wire.stubFor(action("DescribeLoadBalancers").willReturn(queryError(400, "LoadBalancerNotFound",
                "One or more load balancers not found", "req-lb-404")));

        assertThatThrownBy(() -> cloud.loadBalancing().describeLoadBalancer(LB))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.resourceId()).isEqualTo(LB);
                    assertThat(e.errorCode()).contains("LoadBalancerNotFound");
                    assertThat(e.requestId()).contains("req-lb-404");
                })
                .hasMessageContaining("elasticloadbalancing:DescribeLoadBalancers");
    }

    @Test
    void describeLoadBalancer_emptyAnswer_isResourceNotFound() {
        wire.stubFor(action("DescribeLoadBalancers").willReturn(xml(200, answer("DescribeLoadBalancers", "<LoadBalancers/>"))));

        assertThatThrownBy(() -> cloud.loadBalancing().describeLoadBalancer(LB)).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining(LB + " does not exist");
    }

    @Test
    void deleteLoadBalancer_sendsTheArn() {
        wire.stubFor(action("DeleteLoadBalancer").willReturn(xml(200, answer("DeleteLoadBalancer", ""))));

        cloud.loadBalancing().deleteLoadBalancer(LB);

        assertThat(form(requests().get(0))).containsEntry("Action", "DeleteLoadBalancer").containsEntry("LoadBalancerArn", LB);
    }

    @Test
    void deleteTargetGroup_sendsTheArn() {
        wire.stubFor(action("DeleteTargetGroup").willReturn(xml(200, answer("DeleteTargetGroup", ""))));

        cloud.loadBalancing().deleteTargetGroup(TG);

        assertThat(form(requests().get(0))).containsEntry("Action", "DeleteTargetGroup").containsEntry("TargetGroupArn", TG);
    }

    @Test
    void deleteTargetGroup_stillUsedByAListener_isResourceInUse() {
        wire.stubFor(action("DeleteTargetGroup").willReturn(queryError(400, "ResourceInUse",
                "Target group '" + TG + "' is currently in use by a listener or a rule", "req-tg-inuse")));

        assertThatThrownBy(() -> cloud.loadBalancing().deleteTargetGroup(TG))
                .isInstanceOfSatisfying(ResourceInUseException.class, e -> {
                    assertThat(e.errorCode()).contains("ResourceInUse");
                    assertThat(e.requestId()).contains("req-tg-inuse");
                    assertThat(e.retryable()).isTrue();
                })
                .hasMessageContaining("in use by a listener");
        assertThat(requests()).as("in-use is not retried by the SDK").hasSize(1);
    }

    @Test
    void deleteTargetGroup_gone_isResourceNotFound() {
        wire.stubFor(action("DeleteTargetGroup").willReturn(queryError(400, "TargetGroupNotFound",
                "One or more target groups not found", "req-tg-404")));

        assertThatThrownBy(() -> cloud.loadBalancing().deleteTargetGroup(TG)).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("elasticloadbalancing:DeleteTargetGroup failed (TargetGroupNotFound");
    }

    @Test
    void describeTargetGroup_readsTheLoadBalancersUsingIt() {
        wire.stubFor(action("DescribeTargetGroups").willReturn(xml(200, answer("DescribeTargetGroups", """
                <TargetGroups><member>
                  <TargetGroupArn>%s</TargetGroupArn><TargetGroupName>gpu-tg</TargetGroupName>
                  <Protocol>HTTP</Protocol><Port>80</Port><VpcId>vpc-0a1b</VpcId>
                  <LoadBalancerArns><member>%s</member></LoadBalancerArns>
                </member></TargetGroups>""".formatted(TG, LB)))));

        assertThat(cloud.loadBalancing().describeTargetGroup(TG)).isEqualTo(new TargetGroupDescription(TG, List.of(LB)));
        assertThat(form(requests().get(0))).containsEntry("Action", "DescribeTargetGroups")
                .containsEntry("TargetGroupArns.member.1", TG);
    }

    @Test
    void describeTargetGroup_gone_isResourceNotFound() {
        wire.stubFor(action("DescribeTargetGroups").willReturn(queryError(400, "TargetGroupNotFound",
                "One or more target groups not found", "req-tg-404")));

        assertThatThrownBy(() -> cloud.loadBalancing().describeTargetGroup(TG)).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("elasticloadbalancing:DescribeTargetGroups");
    }

    private static String attributes(String deletionProtection) {
        return answer("DescribeLoadBalancerAttributes", """
                <Attributes>
                  <member><Key>idle_timeout.timeout_seconds</Key><Value>60</Value></member>
                  <member><Key>deletion_protection.enabled</Key><Value>%s</Value></member>
                </Attributes>""".formatted(deletionProtection));
    }

    @Test
    void deletionProtection_readsTheAttribute() {
        wire.stubFor(action("DescribeLoadBalancerAttributes").willReturn(xml(200, attributes("true"))));

        assertThat(cloud.loadBalancing().deletionProtection(LB)).isTrue();
        assertThat(form(requests().get(0))).containsEntry("Action", "DescribeLoadBalancerAttributes")
                .containsEntry("LoadBalancerArn", LB);

        wire.stubFor(action("DescribeLoadBalancerAttributes").willReturn(xml(200, attributes("false"))));
        assertThat(cloud.loadBalancing().deletionProtection(LB)).isFalse();
    }

    @Test
    void deletionProtection_gone_isResourceNotFound() {
        wire.stubFor(action("DescribeLoadBalancerAttributes").willReturn(queryError(400, "LoadBalancerNotFound",
                "One or more load balancers not found", "req-attr-404")));

        assertThatThrownBy(() -> cloud.loadBalancing().deletionProtection(LB)).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void setDeletionProtection_sendsTheAttribute() {
        wire.stubFor(action("ModifyLoadBalancerAttributes").willReturn(xml(200, answer("ModifyLoadBalancerAttributes",
                "<Attributes><member><Key>deletion_protection.enabled</Key><Value>false</Value></member></Attributes>"))));

        cloud.loadBalancing().setDeletionProtection(LB, false);

        assertThat(form(requests().get(0))).containsEntry("Action", "ModifyLoadBalancerAttributes")
                .containsEntry("LoadBalancerArn", LB)
                .containsEntry("Attributes.member.1.Key", "deletion_protection.enabled")
                .containsEntry("Attributes.member.1.Value", "false");
    }

    @Test
    void deleteLoadBalancer_protected_isNonRetryableAndSaysHowToTurnProtectionOff() {
        wire.stubFor(action("DeleteLoadBalancer").willReturn(queryError(400, "OperationNotPermitted",
                "Load balancer '" + LB + "' cannot be deleted because deletion protection is enabled", "req-protected")));

        assertThatThrownBy(() -> cloud.loadBalancing().deleteLoadBalancer(LB))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.errorCode()).contains("OperationNotPermitted");
                })
                .hasMessageContaining("deletion protection on")
                .hasMessageContaining("deletion_protection.enabled,Value=false")
                .hasMessageContaining("--disable-protection");
        assertThat(requests()).hasSize(1);
    }

    // ---- listeners and their certificates (ACM speaks JSON 1.1 on POST /)

    private static final String CERT = "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012";

    private static MappingBuilder acm(String operation) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("CertificateManager." + operation));
    }

    private static String listener(String arn, String protocol, int port, String certificate) {
        return """
                <member><LoadBalancerArn>%s</LoadBalancerArn><Protocol>%s</Protocol><Port>%d</Port>
                  <ListenerArn>%s</ListenerArn>%s
                  <DefaultActions><member><Type>forward</Type><TargetGroupArn>%s</TargetGroupArn></member></DefaultActions>
                </member>""".formatted(LB, protocol, port, arn, certificate == null ? ""
                : "<Certificates><member><CertificateArn>" + certificate + "</CertificateArn></member></Certificates>", TG);
    }

    @Test
    void listeners_readsEveryPageAndTheCertificateNamesOfHttpsOnes() {
        wire.stubFor(action("DescribeListeners").withFormParam("Marker", absent()).willReturn(xml(200, answer("DescribeListeners",
                "<Listeners>" + listener(LB + "/l-80", "HTTP", 80, null) + "</Listeners><NextMarker>page-2</NextMarker>"))));
        wire.stubFor(action("DescribeListeners").withFormParam("Marker", equalTo("page-2")).willReturn(xml(200,
                answer("DescribeListeners", "<Listeners>" + listener(LB + "/l-443", "HTTPS", 443, CERT) + "</Listeners>"))));
        wire.stubFor(acm("DescribeCertificate").withRequestBody(matchingJsonPath("$.CertificateArn", equalTo(CERT)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody("""
                        {"Certificate":{"CertificateArn":"%s","DomainName":"app.example.com",
                         "SubjectAlternativeNames":["app.example.com","*.gpu.example.com"],"Status":"ISSUED","Type":"AMAZON_ISSUED"}}"""
                        .formatted(CERT))));

        List<Listener> listeners = cloud.loadBalancing().listeners(LB);

        assertThat(listeners).containsExactly(new Listener(LB + "/l-80", "HTTP", 80, List.of()),
                new Listener(LB + "/l-443", "HTTPS", 443, List.of("app.example.com", "*.gpu.example.com")));
        assertThat(listeners.get(1).https()).isTrue();
        assertThat(listeners.get(1).covers("api.gpu.example.com")).isTrue();
        assertThat(listeners.get(1).covers("gpu-alb-1234567890.us-east-1.elb.amazonaws.com")).isFalse();
        assertThat(form(requests().get(0))).containsEntry("Action", "DescribeListeners").containsEntry("LoadBalancerArn", LB);
        wire.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("CertificateManager.DescribeCertificate")));
        assertThat(requests().get(2).getHeader("Authorization")).contains("/us-east-1/acm/aws4_request");
    }

    @Test
    void listeners_certificateNotReadable_leavesTheDomainsEmpty() {
        wire.stubFor(action("DescribeListeners").willReturn(xml(200, answer("DescribeListeners",
                "<Listeners>" + listener(LB + "/l-443", "HTTPS", 443, CERT) + "</Listeners>"))));
        wire.stubFor(acm("DescribeCertificate").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.1").withHeader("x-amzn-RequestId", "acm-denied")
                .withBody("{\"__type\":\"AccessDeniedException\",\"Message\":\"User is not authorized to perform: "
                        + "acm:DescribeCertificate\"}")));

        assertThat(cloud.loadBalancing().listeners(LB)).containsExactly(new Listener(LB + "/l-443", "HTTPS", 443, List.of()));
    }

    @Test
    void listeners_certificateFailingOtherwise_throws() {
        wire.stubFor(action("DescribeListeners").willReturn(xml(200, answer("DescribeListeners",
                "<Listeners>" + listener(LB + "/l-443", "HTTPS", 443, CERT) + "</Listeners>"))));
        wire.stubFor(acm("DescribeCertificate").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"InvalidArnException\",\"Message\":\"bad arn\"}")));

        assertThatThrownBy(() -> cloud.loadBalancing().listeners(LB))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> assertThat(e.errorCode()).contains("InvalidArnException"))
                .hasMessageContaining("acm:DescribeCertificate");
    }

    @Test
    void listeners_ofAMissingLoadBalancer_isResourceNotFound() {
        wire.stubFor(action("DescribeListeners").willReturn(queryError(400, "LoadBalancerNotFound",
                "One or more load balancers not found", "req-l-404")));

        assertThatThrownBy(() -> cloud.loadBalancing().listeners(LB)).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("elasticloadbalancing:DescribeListeners");
    }
}
