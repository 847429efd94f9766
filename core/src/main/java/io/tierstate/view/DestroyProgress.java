package io.tierstate.view;

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

    /** Destroy step ids in teardown order, as {@code destroy_progress.steps[].step} names them. */
    static final List<String> STEP_ORDER = List.of("cloudfront", "alb", "target_group", "instance", "iam", "efs",
            "security_group", "subnets", "vpc");

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
        return state.status() == Status.DESTROYING || journal.isPresent();
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
     * @return the steps of {@link #STEP_ORDER} whose resource is recorded, was not reused, is not kept
     *     by {@code preserve_efs}, and that the journal has neither done, skipped nor failed; empty when
     *     no destroy was started
     */
    List<String> pending() {
        if (!started()) {
            return List.of();
        }
        List<String> pending = new ArrayList<>();
        for (String step : STEP_ORDER) {
            boolean finishedOrFailed = journal.flatMap(j -> j.step(step)).filter(r -> isDone(r) || isFailed(r)).isPresent();
            if (!finishedOrFailed && recorded(step) && provenance(step) != Provenance.REUSED
                    && !(step.equals("efs") && preserveEfs())) {
                pending.add(step);
            }
        }
        return pending;
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
            if (p != null) {
                return p;
            }
        }
        return Provenance.CREATED;
    }

    /** @return e.g. {@code created}, {@code reused}, {@code created, deleted} or {@code created, being deleted: disabled} */
    String provenanceText(String resource) {
        String p = provenance(resource).wireName();
        return p + journal.flatMap(j -> j.step(resource)).map(r -> switch (r.status()) {
            case "done" -> ", deleted";
            case "failed" -> ", deletion failed";
            case "skipped" -> ", kept by the destroy";
            default -> ", being deleted: " + r.status();
        }).orElse("");
    }

    private boolean recorded(String step) {
        return switch (step) {
            case "cloudfront" -> state.cloudFrontDistributionId().isPresent();
            case "alb" -> state.albArn().isPresent() || state.albDns().isPresent();
            case "target_group" -> state.targetGroupArn().isPresent();
            case "instance" -> state.instanceId().isPresent();
            case "iam" -> state.iamRoleName().isPresent() || state.iamInstanceProfileName().isPresent()
                    || state.iamRoleArn().isPresent() || state.iamInstanceProfileArn().isPresent();
            case "efs" -> state.efsId().isPresent();
            case "security_group" -> state.securityGroupId().isPresent();
            case "subnets" -> !state.subnetIds().isEmpty();
            case "vpc" -> state.vpcId().isPresent();
            default -> false;
        };
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
