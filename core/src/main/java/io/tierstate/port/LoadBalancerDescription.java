package io.tierstate.port;

/**
 * A load balancer as described by the cloud.
 *
 * @param arn its ARN
 * @param dnsName its DNS name
 * @param state e.g. {@code active}, {@code provisioning}
 */
public record LoadBalancerDescription(String arn, String dnsName, String state) {}
