package io.tierstate.cost;

import java.util.Locale;

/**
 * What a {@link CostLineItem} charges for; {@link CostEstimate#subtotals()} groups by it, in this
 * order.
 */
public enum ChargedResource {
    /** The EC2 instance hours (on-demand or spot). */
    EC2("EC2"),
    /** EFS Standard storage. */
    EFS("EFS"),
    /** Application Load Balancer hours and capacity units. */
    ALB("ALB"),
    /** Everything CloudFront bills: data transfer out, requests, origin transfer, invalidations. */
    CLOUDFRONT("CloudFront"),
    /** Data transfer out to the internet billed at the EC2 rate (deployments without CloudFront). */
    DATA_TRANSFER("Data transfer");

    private final String displayName;

    ChargedResource(String displayName) {
        this.displayName = displayName;
    }

    /**
     * The name shown in rendered estimates, e.g. {@code "CloudFront"}.
     *
     * @return the display name
     */
    public String displayName() {
        return displayName;
    }

    /**
     * The lower-case name used in JSON, e.g. {@code "data_transfer"}.
     *
     * @return the wire name
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a resource from its wire name, ignoring case.
     *
     * @param wireName e.g. {@code "cloudfront"}
     * @return the resource
     * @throws IllegalArgumentException if the name is unknown
     */
    public static ChargedResource fromWire(String wireName) {
        return valueOf(wireName.trim().toUpperCase(Locale.ROOT));
    }
}
