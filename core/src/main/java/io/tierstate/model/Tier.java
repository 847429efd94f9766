package io.tierstate.model;

import io.tierstate.error.InvalidInputException;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * The deployment tier, written as GeuseMaker writes it ({@code dev}, {@code automation}, {@code gpu}).
 *
 * <ul>
 *   <li>Tier 1, {@link #DEV}: VPC, subnets, security group, EFS, IAM, one EC2 instance.
 *   <li>Tier 2, {@link #AUTOMATION}: Tier 1 plus an Application Load Balancer.
 *   <li>Tier 3, {@link #GPU}: Tier 2 plus a CloudFront distribution, usually on a GPU instance.
 * </ul>
 */
public enum Tier {
    /** Tier 1: a single instance with EFS. */
    DEV("dev", 1, false, false),
    /** Tier 2: Tier 1 behind an Application Load Balancer. */
    AUTOMATION("automation", 2, true, false),
    /** Tier 3: Tier 2 behind CloudFront, usually on a GPU instance. */
    GPU("gpu", 3, true, true);

    private final String wire;
    private final int number;
    private final boolean alb;
    private final boolean cloudFront;

    Tier(String wire, int number, boolean alb, boolean cloudFront) {
        this.wire = wire;
        this.number = number;
        this.alb = alb;
        this.cloudFront = cloudFront;
    }

    /** The value written to {@code config.tier}. @return {@code dev}, {@code automation} or {@code gpu} */
    @JsonValue
    public String wireName() {
        return wire;
    }

    /** The tier number as the product speaks of it. @return 1, 2 or 3 */
    public int number() {
        return number;
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
     * Whether deployments of this tier have a CloudFront distribution in front of the load balancer.
     *
     * @return true for {@link #GPU} only
     */
    public boolean hasCloudFront() {
        return cloudFront;
    }

    /**
     * Parses a tier as written in state files or typed by a person: {@code gpu}, {@code GPU},
     * {@code 3} or {@code tier3}.
     *
     * @param text the tier
     * @return the tier
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    @JsonCreator
    public static Tier parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Tier tier : values()) {
            if (tier.wire.equals(t) || t.equals(String.valueOf(tier.number)) || t.equals("tier" + tier.number)
                    || t.equals(tier.name().toLowerCase(Locale.ROOT))) {
                return tier;
            }
        }
        throw new InvalidInputException("tier '" + text + "' is not one of "
                + Arrays.stream(values()).map(Tier::wireName).toList() + " (or 1, 2, 3)");
    }

    @Override
    public String toString() {
        return wire;
    }
}
