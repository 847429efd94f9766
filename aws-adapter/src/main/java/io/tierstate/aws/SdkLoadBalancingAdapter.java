package io.tierstate.aws;

import static io.tierstate.aws.internal.AwsErrors.call;
import static io.tierstate.aws.internal.AwsErrors.run;

import io.tierstate.ResourceNotFoundException;
import io.tierstate.aws.internal.AwsClients;
import io.tierstate.port.LoadBalancerDescription;
import io.tierstate.port.LoadBalancingPort;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/**
 * {@link LoadBalancingPort} on the AWS SDK's Elastic Load Balancing v2 client. Obtain it from
 * {@link AwsCloud#loadBalancing()}.
 *
 * <p>AWS documents {@code DeleteLoadBalancer} as succeeding for a load balancer that is already
 * gone (and does not document a NotFound error for {@code DeleteTargetGroup}), so deleting twice is
 * usually not an error; a {@code LoadBalancerNotFound} or {@code TargetGroupNotFound} that an
 * endpoint does send becomes {@link ResourceNotFoundException}. A target group still used by a
 * listener gives {@code ResourceInUse}, mapped to {@link io.tierstate.ResourceInUseException}.
 */
public final class SdkLoadBalancingAdapter implements LoadBalancingPort {

    private final AwsClients clients;

    SdkLoadBalancingAdapter(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public LoadBalancerDescription describeLoadBalancer(String arn) {
        Objects.requireNonNull(arn, "arn");
        List<LoadBalancer> found = call("elasticloadbalancing:DescribeLoadBalancers", arn,
                () -> clients.loadBalancing().describeLoadBalancers(b -> b.loadBalancerArns(arn)).loadBalancers());
        LoadBalancer lb = found.stream().filter(l -> arn.equals(l.loadBalancerArn())).findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("elasticloadbalancing:DescribeLoadBalancers", arn, null, null, null));
        String state = lb.state() == null ? "unknown" : lb.state().codeAsString();
        return new LoadBalancerDescription(lb.loadBalancerArn(), lb.dnsName(), state);
    }

    @Override
    public void deleteLoadBalancer(String arn) {
        Objects.requireNonNull(arn, "arn");
        run("elasticloadbalancing:DeleteLoadBalancer", arn,
                () -> clients.loadBalancing().deleteLoadBalancer(b -> b.loadBalancerArn(arn)));
    }

    @Override
    public void deleteTargetGroup(String arn) {
        Objects.requireNonNull(arn, "arn");
        run("elasticloadbalancing:DeleteTargetGroup", arn,
                () -> clients.loadBalancing().deleteTargetGroup(b -> b.targetGroupArn(arn)));
    }
}
