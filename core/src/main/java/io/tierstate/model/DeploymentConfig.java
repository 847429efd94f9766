package io.tierstate.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The deployment's configuration as GeuseMaker records it in {@code config}: what was asked for,
 * as opposed to what exists. Fields TierState does not model are kept as they are.
 *
 * <pre>{@code
 * DeploymentConfig config = DeploymentConfig.builder()
 *     .stackName("gpu-global").tier(Tier.GPU).region("eu-west-1").instanceType("g5.xlarge")
 *     .build();
 * }</pre>
 */
@Value.Immutable
@JsonSerialize(as = ImmutableDeploymentConfig.class)
@JsonDeserialize(as = ImmutableDeploymentConfig.class)
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public abstract class DeploymentConfig {

    /** The region used when {@code config.region} is absent, as GeuseMaker does. */
    public static final String DEFAULT_REGION = "us-east-1";

    DeploymentConfig() {}

    /** @return {@code config.stack_name}, usually equal to the deployment's name */
    @JsonProperty("stack_name")
    public abstract Optional<String> stackName();

    /** @return the tier; the only required field of {@code config} */
    @JsonProperty("tier")
    public abstract Tier tier();

    /** @return {@code cpu} or {@code gpu} when GeuseMaker recorded the workload */
    @JsonProperty("workload")
    public abstract Optional<String> workload();

    /** @return the region as recorded; see {@link #regionOrDefault()} */
    @JsonProperty("region")
    public abstract Optional<String> region();

    /** @return the EC2 instance type asked for, e.g. {@code g4dn.xlarge} */
    @JsonProperty("instance_type")
    public abstract Optional<String> instanceType();

    /** @return whether a spot instance was asked for */
    @JsonProperty("use_spot")
    public abstract Optional<Boolean> useSpot();

    /** @return the AMI asked for */
    @JsonProperty("ami_id")
    public abstract Optional<String> amiId();

    /** @return whether an Application Load Balancer was asked for */
    @JsonProperty("enable_alb")
    public abstract Optional<Boolean> enableAlb();

    /** @return whether a CloudFront distribution was asked for */
    @JsonProperty("enable_cdn")
    public abstract Optional<Boolean> enableCdn();

    /** Fields of {@code config} that TierState does not model, kept unchanged for the next write. */
    @JsonAnyGetter
    abstract Map<String, JsonNode> extra();

    /** @return the recorded region, or {@value #DEFAULT_REGION} when none is recorded */
    @JsonIgnore
    public String regionOrDefault() {
        return region().filter(r -> !r.isBlank()).orElse(DEFAULT_REGION);
    }

    /**
     * GeuseMaker's {@code config.budget_limit}: the monthly budget the deployment was created with.
     * It is not a modelled field, so it is written back exactly as it was read.
     *
     * @return the budget, or empty when none is recorded or it is not a number
     */
    @JsonIgnore
    public Optional<java.math.BigDecimal> budgetLimit() {
        return Money.read(extra().get("budget_limit"));
    }

    /** @return the names of the unmodelled fields this config carries, in file order */
    @JsonIgnore
    public java.util.Set<String> unknownFieldNames() {
        return extra().keySet();
    }

    /** @return a builder for a new config */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link DeploymentConfig}; {@code tier} is required. */
    public static class Builder extends ImmutableDeploymentConfig.Builder {}

    /** @param value the new tier @return a copy with it */
    public abstract DeploymentConfig withTier(Tier value);

    /** @param value the new region @return a copy with it */
    public abstract DeploymentConfig withRegion(String value);

    /** @param value the new instance type @return a copy with it */
    public abstract DeploymentConfig withInstanceType(String value);

    /** @param value the new AMI id @return a copy with it */
    public abstract DeploymentConfig withAmiId(String value);
}
