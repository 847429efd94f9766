package io.tierstate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.error.CloudOperationException;
import io.tierstate.error.ResourceInUseException;
import io.tierstate.error.ResourceNotFoundException;
import io.tierstate.port.LoadBalancerDescription;
import io.tierstate.port.LoadBalancingPort;
import io.tierstate.port.LoadBalancingPort.Listener;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deletion protection, target group descriptions and listeners. */
class LoadBalancerObstaclesTest {

    private final SimulatedCloud cloud = SimWorlds.cloud();
    private final LoadBalancingPort elb = cloud.loadBalancing();
    private LoadBalancerDescription alb;
    private String tg;

    @BeforeEach
    void setUp() {
        String vpc = cloud.createVpc();
        alb = cloud.createLoadBalancer("shop-alb", List.of(cloud.createSubnet(vpc), cloud.createSubnet(vpc)));
        tg = cloud.createTargetGroup("shop-tg", vpc);
        cloud.attachTargetGroup(alb.arn(), tg);
    }

    @Test
    void deletionProtection_refusesDeleteLoadBalancer_operationNotPermitted_untilTurnedOff() {
        cloud.setDeletionProtection(alb.arn(), true);

        assertThat(elb.deletionProtection(alb.arn())).isTrue();
        assertThatThrownBy(() -> elb.deleteLoadBalancer(alb.arn())).isInstanceOfSatisfying(CloudOperationException.class, e -> {
            assertThat(e).isNotInstanceOf(ResourceInUseException.class);
            assertThat(e.errorCode()).contains("OperationNotPermitted");
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.retryable()).isFalse();
        }).hasMessageContaining("deletion protection is enabled").hasMessageContaining(alb.arn());
        cloud.clock().advance(Duration.ofMinutes(5));
        assertThat(elb.describeLoadBalancer(alb.arn()).state()).isEqualTo("active");

        elb.setDeletionProtection(alb.arn(), false);
        assertThat(elb.deletionProtection(alb.arn())).isFalse();
        elb.deleteLoadBalancer(alb.arn());
        cloud.clock().advance(Duration.ofSeconds(30));
        assertThatThrownBy(() -> elb.describeLoadBalancer(alb.arn())).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("LoadBalancerNotFound");
        assertThat(cloud.calls(SimOperation.MODIFY_LOAD_BALANCER_ATTRIBUTES)).isEqualTo(1);
        assertThat(cloud.calls(SimOperation.DESCRIBE_LOAD_BALANCER_ATTRIBUTES)).isEqualTo(2);
    }

    @Test
    void describeTargetGroup_namesTheLoadBalancersUsingIt_untilTheyAreGone() {
        assertThat(elb.describeTargetGroup(tg)).isEqualTo(new LoadBalancingPort.TargetGroupDescription(tg, List.of(alb.arn())));

        elb.deleteLoadBalancer(alb.arn());
        assertThat(elb.describeTargetGroup(tg).loadBalancerArns()).as("a deleted ALB holds it for 30 s").containsExactly(alb.arn());
        cloud.clock().advance(Duration.ofSeconds(30));
        assertThat(elb.describeTargetGroup(tg).loadBalancerArns()).isEmpty();

        elb.deleteTargetGroup(tg);
        assertThatThrownBy(() -> elb.describeTargetGroup(tg)).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("TargetGroupNotFound").hasMessageContaining("elasticloadbalancing:DescribeTargetGroups");
    }

    @Test
    void anAlb_listensOnHttp80_andABuilderAddsHttpsWithCertificateDomains() {
        assertThat(elb.listeners(alb.arn())).singleElement().satisfies(l -> {
            assertThat(l.protocol()).isEqualTo("HTTP");
            assertThat(l.port()).isEqualTo(80);
            assertThat(l.https()).isFalse();
            assertThat(l.certificateDomains()).isEmpty();
        });

        String https = cloud.addHttpsListener(alb.arn(), List.of("app.example.com", "*.example.com"));

        List<Listener> listeners = elb.listeners(alb.arn());
        assertThat(listeners).extracting(Listener::protocol, Listener::port)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("HTTP", 80), org.assertj.core.groups.Tuple.tuple("HTTPS", 443));
        Listener tls = listeners.get(1);
        assertThat(tls.arn()).isEqualTo(https).contains(":listener/app/shop-alb/");
        assertThat(tls.covers("app.example.com")).isTrue();
        assertThat(tls.covers("api.example.com")).isTrue();
        assertThat(tls.covers(alb.dnsName())).as("the ALB's own name is not on the certificate").isFalse();
        assertThatThrownBy(() -> cloud.addHttpsListener(alb.arn(), List.of())).isInstanceOf(CloudOperationException.class)
                .hasMessageContaining("CertificateNotFound");
        assertThatThrownBy(() -> elb.listeners("arn:nope")).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("LoadBalancerNotFound").hasMessageContaining("elasticloadbalancing:DescribeListeners");
    }
}
