package io.tierstate.cost;

import io.tierstate.error.InvalidInputException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What a deployment holds, as far as cost goes: the input of
 * {@link CostEstimator#estimate(DeploymentResources, UsageProfile)}. The core maps a deployment state
 * onto it; a {@link Plan} produces one for a deployment that does not exist yet.
 *
 * <pre>{@code
 * DeploymentResources running = DeploymentResources.builder()
 *     .instanceType("g4dn.xlarge")
 *     .spotPricePerHour(new BigDecimal("0.2104"))   // charged instead of the on-demand price
 *     .hasEfs(true).hasAlb(true).hasCloudFront(true)
 *     .build();
 * }</pre>
 *
 * <p>What is set decides what is charged: EC2 (when an instance type or a spot price is known), EFS
 * storage when {@link #hasEfs()}, ALB hours and capacity units when {@link #hasAlb()}, CloudFront when
 * {@link #hasCloudFront()}; without CloudFront, data transfer out is charged at the EC2 rate.
 * Invalid values (a blank type, a negative price, fewer than one instance) raise
 * {@link IllegalArgumentException} when built.
 */
@Value.Immutable
public abstract class DeploymentResources {

    static final String DEFAULT_REGION = "us-east-1";

    DeploymentResources() {
    }

    /**
     * The AWS region the deployment runs in.
     *
     * @return {@code us-east-1} by default
     */
    @Value.Default
    public String region() {
        return DEFAULT_REGION;
    }

    /**
     * The EC2 instance type, when known (a deployment still {@code creating} may not record one).
     *
     * @return e.g. {@code g4dn.xlarge}, or empty
     */
    public abstract Optional<String> instanceType();

    /**
     * The spot price the deployment pays per instance-hour; when present it replaces the catalog's
     * on-demand price.
     *
     * @return the spot price, or empty for on-demand
     */
    public abstract Optional<BigDecimal> spotPricePerHour();

    /**
     * Where {@link #spotPricePerHour()} comes from, as the line item names it: {@code "price from the
     * deployment"} ({@code cost.spot_price_per_hour}) unless the caller priced a change with a spot
     * price of its own, e.g. {@code "--spot"}.
     *
     * @return the words after "spot" in the line item's description, in parentheses
     */
    @Value.Default
    public String spotPriceSource() {
        return "price from the deployment";
    }

    /**
     * How many instances of {@link #instanceType()} run.
     *
     * @return 1 by default
     */
    @Value.Default
    public int instanceCount() {
        return 1;
    }

    /**
     * Whether the deployment has an EFS file system.
     *
     * @return false by default
     */
    @Value.Default
    public boolean hasEfs() {
        return false;
    }

    /**
     * A per-deployment EFS price (GeuseMaker's {@code cost.efs_gb_month_price}) that replaces the
     * catalog's EFS Standard price.
     *
     * @return the price per GB-month, or empty for the catalog's
     */
    public abstract Optional<BigDecimal> efsGbMonthPrice();

    /**
     * Whether the deployment has an Application Load Balancer.
     *
     * @return false by default
     */
    @Value.Default
    public boolean hasAlb() {
        return false;
    }

    /**
     * Whether the deployment has a CloudFront distribution.
     *
     * @return false by default
     */
    @Value.Default
    public boolean hasCloudFront() {
        return false;
    }

    @Value.Check
    void check() {
        if (region().isBlank()) {
            throw new InvalidInputException("region is blank; give an AWS region such as \"us-east-1\"");
        }
        instanceType().filter(String::isBlank).ifPresent(t -> {
            throw new InvalidInputException("instanceType is blank; give a type such as \"g4dn.xlarge\" or leave"
                    + " it unset");
        });
        if (instanceCount() < 1) {
            throw new InvalidInputException("instanceCount is " + instanceCount() + "; it must be 1 or more");
        }
        spotPricePerHour().filter(p -> p.signum() < 0).ifPresent(p -> {
            throw new InvalidInputException("spotPricePerHour is " + p.toPlainString() + "; it must be 0 or more");
        });
        efsGbMonthPrice().filter(p -> p.signum() < 0).ifPresent(p -> {
            throw new InvalidInputException("efsGbMonthPrice is " + p.toPlainString() + "; it must be 0 or more");
        });
    }

    /**
     * A builder; nothing is charged but what you set.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link DeploymentResources}. */
    public static class Builder extends ImmutableDeploymentResources.Builder {
        Builder() {
        }
    }

    /** A short description for estimate headers, e.g. "g4dn.xlarge in us-east-1 with EFS, ALB and CloudFront". */
    String describe() {
        StringBuilder s = new StringBuilder();
        if (instanceCount() > 1) {
            s.append(instanceCount()).append(" x ");
        }
        s.append(instanceType().orElse("instance of unknown type"));
        if (spotPricePerHour().isPresent()) {
            s.append(" (spot)");
        }
        s.append(" in ").append(region());
        List<String> parts = new ArrayList<>();
        if (hasEfs()) {
            parts.add("EFS");
        }
        if (hasAlb()) {
            parts.add("ALB");
        }
        if (hasCloudFront()) {
            parts.add("CloudFront");
        }
        if (!parts.isEmpty()) {
            s.append(" with ");
            for (int i = 0; i < parts.size(); i++) {
                s.append(i == 0 ? "" : i == parts.size() - 1 ? " and " : ", ").append(parts.get(i));
            }
        }
        return s.toString();
    }
}
