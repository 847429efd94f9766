package io.tierstate.view;

import io.tierstate.destroy.DestroyPlan;
import io.tierstate.destroy.DestroyStep;

import io.tierstate.model.DeploymentState;
import io.tierstate.model.DestroyJournal;
import io.tierstate.model.DestroyStepRecord;
import io.tierstate.model.Provenance;
import io.tierstate.model.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a state says about its resources for the inspection: each resource's provenance, and during
 * a destroy which steps are done, failed, in progress and pending. Step ids and provenance keys are
 * documented in {@code docs/views.md}.
 */
final class DestroyProgress {

    /** Provenance keys per resource, first recorded wins; none recorded means created. */
    private static final Map<String, List<String>> PROVENANCE_KEYS = Map.of(
            "cloudfront", List.of("cloudfront"),
            "alb", List.of("alb"),
            "target_group", List.of("target_group"),
            "instance", List.of("instance", "ec2"),
            "iam", List.of("iam", "iam_role", "iam_instance_profile"),
            "efs", List.of("efs"),
            "security_group", List.of("security_group", "sg"),
            "subnets", List.of("subnets", "subnet"),
            "vpc", List.of("vpc"));

    private final DeploymentState state;
    private final Optional<DestroyJournal> journal;

    DestroyProgress(DeploymentState state) {
        this.state = state;
        this.journal = state.destroyProgress();
    }

    /** @return whether a destroy was started: status {@code destroying} or a journal */
    boolean started() {
        return Status.DESTROYING.equals(state.status()) || journal.isPresent();
    }

    /** @return whether a deferred CloudFront deletion is still to be done */
    boolean cloudFrontDeletionPending() {
        return journal.map(DestroyJournal::pendingCloudFrontDeletion).orElse(false);
    }

    /** @return whether the journal keeps EFS */
    boolean preserveEfs() {
        return journal.map(DestroyJournal::preserveEfs).orElse(false);
    }

    /** @return the journal's records, in journal order */
    List<DestroyStepRecord> records() {
        return journal.map(DestroyJournal::steps).orElse(List.of());
    }

    List<String> done() {
        return steps(DestroyProgress::isDone);
    }

    List<String> failed() {
        return steps(DestroyProgress::isFailed);
    }

    /** @return journaled steps in a phase (e.g. {@code disabled}), neither done nor failed */
    List<String> inProgress() {
        return steps(r -> !isDone(r) && !isFailed(r));
    }

    /**
     * @return the steps the destroy plan would still delete (the plan skips what was reused, kept
     *     by {@code preserve_efs} or journaled done), less those the journal has failed; empty when
     *     no destroy was started
     */
    List<String> pending() {
        if (!started()) {
            return List.of();
        }
        List<String> failed = failed();
        return DestroyPlan.of(state).deletions().stream().map(DestroyStep::id).filter(id -> !failed.contains(id)).toList();
    }

    /** @return whether a deferred CloudFront deletion is all that is left: nothing failed, nothing else pending */
    boolean onlyCloudFrontDeletionLeft() {
        return cloudFrontDeletionPending() && failed().isEmpty() && pending().stream().allMatch("cloudfront"::equals);
    }

    /** @return the command that resumes the destroy */
    String resumeCommand() {
        return "tierstate destroy " + state.stackName();
    }

    Provenance provenance(String resource) {
        for (String key : PROVENANCE_KEYS.getOrDefault(resource, List.of(resource))) {
            Provenance p = state.resourceProvenance().get(key);
            if (p != null && !p.isBlank()) {
                return p;
            }
        }
        return Provenance.CREATED;
    }

    /** The destroy steps that delete each resource the inspection shows. */
    private static final Map<String, List<String>> STEPS_OF = Map.of(
            "iam", List.of("iam_instance_profile", "iam_role"),
            "efs", List.of("efs_mount_targets", "efs"));

    /** @return e.g. {@code created}, {@code reused}, {@code created, deleted} or {@code created, being deleted: disabled} */
    String provenanceText(String resource) {
        String p = provenance(resource).wireName();
        List<DestroyStepRecord> records = STEPS_OF.getOrDefault(resource, List.of(resource)).stream()
                .flatMap(step -> journal.flatMap(j -> j.step(step)).stream()).toList();
        if (records.isEmpty()) {
            return p;
        }
        if (records.stream().anyMatch(DestroyProgress::isFailed)) {
            return p + ", deletion failed";
        }
        if (records.size() == STEPS_OF.getOrDefault(resource, List.of(resource)).size()
                && records.stream().allMatch(r -> "done".equals(r.status()))) {
            return p + ", deleted";
        }
        if (records.stream().allMatch(r -> "skipped".equals(r.status()))) {
            return p + ", kept by the destroy";
        }
        DestroyStepRecord current = records.stream().filter(r -> !isDone(r)).findFirst().orElse(records.get(0));
        return p + ", being deleted: " + (isDone(current) ? "partly done" : current.status());
    }

    private List<String> steps(Predicate<DestroyStepRecord> which) {
        return records().stream().filter(which).map(DestroyStepRecord::step).toList();
    }

    private static boolean isDone(DestroyStepRecord r) {
        return "done".equals(r.status()) || "skipped".equals(r.status());
    }

    private static boolean isFailed(DestroyStepRecord r) {
        return "failed".equals(r.status());
    }
}
