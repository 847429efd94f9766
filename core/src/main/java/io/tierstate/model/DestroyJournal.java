package io.tierstate.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * The destroy journal ({@code destroy_progress}): which teardown steps have finished, so a destroy
 * that crashed or failed resumes where it stopped and redoes nothing.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableDestroyJournal.class)
@JsonDeserialize(as = ImmutableDestroyJournal.class)
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public abstract class DestroyJournal {

    DestroyJournal() {}

    /** @return when the first destroy attempt started */
    @JsonProperty("started_at")
    public abstract Optional<Instant> startedAt();

    /** @return the strategy of the attempt that started it, e.g. {@code sequential} */
    @JsonProperty("strategy")
    public abstract Optional<String> strategy();

    /** @return whether EFS is to be kept */
    @JsonProperty("preserve_efs")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @Value.Default
    public boolean preserveEfs() {
        return false;
    }

    /** @return whether the run that started it deferred the CloudFront deletion ({@code deferCloudFrontDeletion()}) */
    @JsonProperty("defer_cloudfront")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @Value.Default
    public boolean deferCloudFront() {
        return false;
    }

    /** @return whether termination and deletion protection may be turned off ({@code disableProtection()}) */
    @JsonProperty("disable_protection")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @Value.Default
    public boolean disableProtection() {
        return false;
    }

    /** @return provenance values the user asked to delete beyond the well-known ones ({@code includeProvenance}) */
    @JsonProperty("include_provenance")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public abstract List<String> includeProvenance();

    /** @return the region the destroy runs in, e.g. {@code eu-west-1} */
    @JsonProperty("region")
    public abstract Optional<String> region();

    /** @return the account the destroy runs in, when the cloud could tell */
    @JsonProperty("account")
    public abstract Optional<String> account();

    /** @return whether the CloudFront deletion was deferred and is still to be done */
    @JsonProperty("pending_cloudfront_deletion")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @Value.Default
    public boolean pendingCloudFrontDeletion() {
        return false;
    }

    /** @return the journaled steps in the order they were recorded */
    @JsonProperty("steps")
    public abstract List<DestroyStepRecord> steps();

    /** Fields of the journal that TierState does not model, kept unchanged. */
    @JsonAnyGetter
    abstract Map<String, JsonNode> extra();

    /**
     * Looks up the record of one step.
     *
     * @param step the step id, e.g. {@code cloudfront}
     * @return its record, if it was journaled
     */
    public Optional<DestroyStepRecord> step(String step) {
        return steps().stream().filter(s -> s.step().equals(step)).findFirst();
    }

    /** @return the names of unmodelled fields carried */
    @JsonIgnore
    public Set<String> unknownFieldNames() {
        return extra().keySet();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link DestroyJournal}. */
    public static class Builder extends ImmutableDestroyJournal.Builder {}

    /** @param elements the new steps @return a copy with them */
    public abstract DestroyJournal withSteps(Iterable<? extends DestroyStepRecord> elements);

    /** @param value whether the run deferred the CloudFront deletion @return a copy with it */
    public abstract DestroyJournal withDeferCloudFront(boolean value);

    /** @param value whether the CloudFront deletion is pending @return a copy with it */
    public abstract DestroyJournal withPendingCloudFrontDeletion(boolean value);
}
