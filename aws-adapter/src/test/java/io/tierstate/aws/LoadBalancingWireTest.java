package io.tierstate.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.ResourceInUseException;
import io.tierstate.ResourceNotFoundException;
import io.tierstate.port.LoadBalancerDescription;
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
}
