package io.tierstate.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/** One journaled destroy step: its id, how it ended, when, and after how many attempts. */
@Value.Immutable
@JsonSerialize(as = ImmutableDestroyStepRecord.class)
@JsonDeserialize(as = ImmutableDestroyStepRecord.class)
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public abstract class DestroyStepRecord {

    DestroyStepRecord() {}

    /** @return the step id, e.g. {@code cloudfront}, {@code alb}, {@code instance} */
    @JsonProperty("step")
    public abstract String step();

    /** @return {@code done}, {@code failed}, {@code skipped} or a phase such as {@code disabled} */
    @JsonProperty("status")
    public abstract String status();

    /** @return when the step started */
    @JsonProperty("started_at")
    public abstract Optional<Instant> startedAt();

    /** @return when the step reached its status */
    @JsonProperty("finished_at")
    public abstract Optional<Instant> finishedAt();

    /** @return how many attempts the step took */
    @JsonProperty("attempts")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @Value.Default
    public int attempts() {
        return 0;
    }

    /** @return what the step found or did, e.g. {@code already gone: describe found nothing in eu-west-1} */
    @JsonProperty("detail")
    public abstract Optional<String> detail();

    /** @return ids the step must still finish, e.g. the Elastic IPs of NAT gateways being deleted */
    @JsonProperty("resources")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public abstract List<String> resources();

    /** @return when the run that last worked on the step started, on the cloud's clock; the phases count from it */
    @JsonProperty("run_started_at")
    public abstract Optional<Instant> runStartedAt();

    /** @return the step's phases in that run, in order, for its timeline */
    @JsonProperty("phases")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public abstract List<DestroyPhaseRecord> phases();

    /** @return the error of a failed step */
    @JsonProperty("error")
    public abstract Optional<String> error();

    /** Fields of the record that TierState does not model, kept unchanged. */
    @JsonAnyGetter
    abstract Map<String, JsonNode> extra();

    /** @return a builder; {@code step} and {@code status} are required */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link DestroyStepRecord}. */
    public static class Builder extends ImmutableDestroyStepRecord.Builder {}
}
