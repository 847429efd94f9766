package io.tierstate.port;

/** Application Load Balancers (their listeners go with them) and target groups. */
public interface LoadBalancingPort {

    /**
     * Describes a load balancer ({@code DescribeLoadBalancers}).
     *
     * @param arn the load balancer ARN
     * @return its DNS name and state
     * @throws io.tierstate.ResourceNotFoundException when it does not exist (any more)
     */
    LoadBalancerDescription describeLoadBalancer(String arn);

    /**
     * Deletes a load balancer and its listeners ({@code DeleteLoadBalancer}); deletion completes
     * asynchronously, poll {@link #describeLoadBalancer(String)} until it is not found.
     *
     * @param arn the load balancer ARN
     * @throws io.tierstate.ResourceNotFoundException when it does not exist
     */
    void deleteLoadBalancer(String arn);

    /**
     * Deletes a target group ({@code DeleteTargetGroup}).
     *
     * @param arn the target group ARN
     * @throws io.tierstate.ResourceInUseException while a load balancer still uses it
     * @throws io.tierstate.ResourceNotFoundException when it does not exist
     */
    void deleteTargetGroup(String arn);
}
