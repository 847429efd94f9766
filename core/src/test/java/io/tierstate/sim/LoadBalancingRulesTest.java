package io.tierstate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.error.CloudOperationException;
import io.tierstate.error.ResourceInUseException;
import io.tierstate.error.ResourceNotFoundException;
import io.tierstate.port.LoadBalancerDescription;
import io.tierstate.port.LoadBalancingPort;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoadBalancingRulesTest {

    private final SimulatedCloud cloud = SimWorlds.cloud();
    private final LoadBalancingPort elb = cloud.loadBalancing();
    private String vpc;
    private String subnet;
    private LoadBalancerDescription alb;
    private String tg;

    @BeforeEach
    void setUp() {
        vpc = cloud.createVpc();
        subnet = cloud.createSubnet(vpc);
        alb = cloud.createLoadBalancer("shop-alb", List.of(subnet));
        tg = cloud.createTargetGroup("shop-tg", vpc);
        cloud.attachTargetGroup(alb.arn(), tg);
    }

    @Test
    void createdLoadBalancer_hasAnAwsShapedArnAndDnsName_andIsActive() {
        assertThat(alb.arn()).matches("arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/shop-alb/[0-9a-f]{16}");
        assertThat(alb.dnsName()).matches("shop-alb-\\d{10}\\.us-east-1\\.elb\\.amazonaws\\.com");
        assertThat(elb.describeLoadBalancer(alb.arn())).isEqualTo(new LoadBalancerDescription(alb.arn(), alb.dnsName(), "active"));
        assertThat(tg).matches("arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/shop-tg/[0-9a-f]{16}");
    }

    @Test
    void deletedLoadBalancer_isStillDescribedFor30Seconds_thenNotFound() {
        elb.deleteLoadBalancer(alb.arn());

        cloud.clock().advance(Duration.ofSeconds(29));
        assertThat(elb.describeLoadBalancer(alb.arn()).dnsName()).isEqualTo(alb.dnsName());
        elb.deleteLoadBalancer(alb.arn()); // deleting again while it goes changes nothing
        cloud.clock().advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> elb.describeLoadBalancer(alb.arn())).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("LoadBalancerNotFound").hasMessageContaining(alb.arn());
        assertThatThrownBy(() -> elb.deleteLoadBalancer(alb.arn())).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("LoadBalancerNotFound");
    }

    @Test
    void targetGroup_isInUseUntilItsLoadBalancerIsGone_thenDeletesAtOnce() {
        assertThatThrownBy(() -> elb.deleteTargetGroup(tg)).isInstanceOfSatisfying(ResourceInUseException.class, e -> {
            assertThat(e.errorCode()).contains("ResourceInUse");
            assertThat(e.retryable()).isTrue();
        }).hasMessageContaining(tg).hasMessageContaining(alb.arn());

        elb.deleteLoadBalancer(alb.arn());
        cloud.clock().advance(Duration.ofSeconds(15));
        assertThatThrownBy(() -> elb.deleteTargetGroup(tg)).isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("wait until the load balancer is not found");
        cloud.clock().advance(Duration.ofSeconds(15));

        elb.deleteTargetGroup(tg);

        assertThat(cloud.exists(tg)).isFalse();
        assertThatThrownBy(() -> elb.deleteTargetGroup(tg)).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("TargetGroupNotFound");
    }

    @Test
    void aTargetGroupNoLoadBalancerUses_deletesAtOnce() {
        String lonely = cloud.createTargetGroup("lonely", vpc);

        elb.deleteTargetGroup(lonely);

        assertThat(cloud.exists(lonely)).isFalse();
    }

    @Test
    void loadBalancerNames_areCheckedAndUnique() {
        assertThatThrownBy(() -> cloud.createLoadBalancer("shop-alb", List.of(subnet))).isInstanceOf(CloudOperationException.class)
                .hasMessageContaining("DuplicateLoadBalancerName");
        assertThatThrownBy(() -> cloud.createLoadBalancer("-bad", List.of(subnet))).isInstanceOf(CloudOperationException.class)
                .hasMessageContaining("ValidationError");
        assertThatThrownBy(() -> cloud.createLoadBalancer("no-subnets", List.of())).isInstanceOf(CloudOperationException.class)
                .hasMessageContaining("at least one subnet");
        assertThatThrownBy(() -> cloud.createLoadBalancer("ok", List.of("subnet-0"))).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("SubnetNotFound");
        assertThatThrownBy(() -> cloud.createTargetGroup("bad_name", vpc)).isInstanceOf(CloudOperationException.class)
                .hasMessageContaining("target group name");
        assertThatThrownBy(() -> cloud.attachTargetGroup(alb.arn(), "arn:nope")).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("TargetGroupNotFound");
    }

    @Test
    void attachingTheSameTargetGroupTwice_keepsOneListener() {
        cloud.attachTargetGroup(alb.arn(), tg);
        elb.deleteLoadBalancer(alb.arn());
        cloud.clock().advance(Duration.ofSeconds(30));

        elb.deleteTargetGroup(tg);

        assertThat(cloud.liveResources()).extracting(SimResource::kind).as("its network interface lingers after it")
                .containsExactly(SimResource.Kind.VPC, SimResource.Kind.SUBNET, SimResource.Kind.NETWORK_INTERFACE);
        cloud.clock().advance(Duration.ofMinutes(5));
        assertThat(cloud.liveResources()).extracting(SimResource::kind)
                .containsExactly(SimResource.Kind.VPC, SimResource.Kind.SUBNET);
    }
}
