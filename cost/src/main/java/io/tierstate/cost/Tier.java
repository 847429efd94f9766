package io.tierstate.cost;

import io.tierstate.error.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The deployment tier of a {@link Plan}: which AWS resources a deployment of that tier has.
 *
 * <p>The wire names ({@code dev}, {@code automation}, {@code gpu}) are the ones GeuseMaker writes in
 * {@code config.tier}.
 */
public enum Tier {
    /** Tier 1: EC2 instance and EFS file system (plus networking and IAM, which cost nothing). */
    DEV("dev", false, false),
    /** Tier 2: Tier 1 plus an Application Load Balancer. */
    AUTOMATION("automation", true, false),
    /** Tier 3: Tier 2 plus a CloudFront distribution in front of the load balancer. */
    GPU("gpu", true, true);

    private final String wireName;
    private final boolean alb;
    private final boolean cloudFront;

    Tier(String wireName, boolean alb, boolean cloudFront) {
        this.wireName = wireName;
        this.alb = alb;
        this.cloudFront = cloudFront;
    }

    /**
     * The name used in state files, e.g. {@code "gpu"}.
     *
     * @return the lower-case wire name
     */
    public String wireName() {
        return wireName;
    }

    /**
     * Whether deployments of this tier have an Application Load Balancer.
     *
     * @return true for {@link #AUTOMATION} and {@link #GPU}
     */
    public boolean hasAlb() {
        return alb;
    }

    /**
     * Whether deployments of this tier have a CloudFront distribution.
     *
     * @return true for {@link #GPU} only
     */
    public boolean hasCloudFront() {
        return cloudFront;
    }

    /**
     * Reads a tier from its wire name, ignoring case and surrounding blanks.
     *
     * @param wireName {@code "dev"}, {@code "automation"} or {@code "gpu"}
     * @return the tier
     * @throws IllegalArgumentException if the name is not one of the three
     */
    public static Tier fromWire(String wireName) {
        String wanted = wireName == null ? "" : wireName.trim().toLowerCase(Locale.ROOT);
        for (Tier tier : values()) {
            if (tier.wireName.equals(wanted)) {
                return tier;
            }
        }
        throw new InvalidInputException("Unknown tier '" + wireName + "'; use one of "
                + Arrays.stream(values()).map(Tier::wireName).collect(Collectors.joining(", ")));
    }
}
