package io.tierstate.port;

/** Application Load Balancers (their listeners go with them) and target groups. */
public interface LoadBalancingPort {

    /**
     * Describes a load balancer ({@code DescribeLoadBalancers}).
     *
     * @param arn the load balancer ARN
     * @return its DNS name and state
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist (any more)
     */
    LoadBalancerDescription describeLoadBalancer(String arn);

    /**
     * Deletes a load balancer and its listeners ({@code DeleteLoadBalancer}); deletion completes
     * asynchronously, poll {@link #describeLoadBalancer(String)} until it is not found.
     *
     * @param arn the load balancer ARN
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist
     */
    void deleteLoadBalancer(String arn);

    /**
     * Deletes a target group ({@code DeleteTargetGroup}).
     *
     * @param arn the target group ARN
     * @throws io.tierstate.error.ResourceInUseException while a load balancer still uses it
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist
     */
    void deleteTargetGroup(String arn);

    /**
     * Describes a target group ({@code DescribeTargetGroups}).
     *
     * @param arn the target group ARN
     * @return the load balancers that use it
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist
     */
    TargetGroupDescription describeTargetGroup(String arn);

    /**
     * Reads whether deletion protection is on ({@code DescribeLoadBalancerAttributes
     * deletion_protection.enabled}); a protected load balancer refuses {@code DeleteLoadBalancer}.
     *
     * @param arn the load balancer ARN
     * @return whether it is protected
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist
     */
    boolean deletionProtection(String arn);

    /**
     * Turns deletion protection on or off ({@code ModifyLoadBalancerAttributes}).
     *
     * @param arn the load balancer ARN
     * @param enabled the new value
     * @throws io.tierstate.error.ResourceNotFoundException when it does not exist
     */
    void setDeletionProtection(String arn, boolean enabled);

    /**
     * Lists a load balancer's listeners ({@code DescribeListeners}), each with the domain names its
     * certificates cover (from ACM), so CloudFront can be pointed at the ALB with a protocol the
     * ALB really serves.
     *
     * @param arn the load balancer ARN
     * @return the listeners
     * @throws io.tierstate.error.ResourceNotFoundException when the load balancer does not exist
     */
    java.util.List<Listener> listeners(String arn);

    /**
     * A target group.
     *
     * @param arn its ARN
     * @param loadBalancerArns the load balancers that forward to it
     */
    record TargetGroupDescription(String arn, java.util.List<String> loadBalancerArns) {

        /** Copies the list. */
        public TargetGroupDescription {
            loadBalancerArns = java.util.List.copyOf(loadBalancerArns);
        }
    }

    /**
     * A listener of a load balancer.
     *
     * @param arn its ARN
     * @param protocol {@code HTTP} or {@code HTTPS}
     * @param port e.g. {@code 443}
     * @param certificateDomains the domain names (and alternative names) of its certificates; empty for HTTP
     */
    record Listener(String arn, String protocol, int port, java.util.List<String> certificateDomains) {

        /** Copies the list. */
        public Listener {
            certificateDomains = java.util.List.copyOf(certificateDomains);
        }

        /** @return whether it terminates TLS */
        public boolean https() {
            return "HTTPS".equalsIgnoreCase(protocol);
        }

        /**
         * Whether one of its certificates covers a domain name ({@code *.example.com} covers one label).
         *
         * @param domain e.g. {@code app.example.com}
         * @return whether it is covered
         */
        public boolean covers(String domain) {
            String d = domain.toLowerCase(java.util.Locale.ROOT);
            for (String c : certificateDomains) {
                String n = c.toLowerCase(java.util.Locale.ROOT);
                if (n.equals(d)) {
                    return true;
                }
                if (n.startsWith("*.")) {
                    int dot = d.indexOf('.');
                    if (dot > 0 && d.substring(dot + 1).equals(n.substring(2))) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
