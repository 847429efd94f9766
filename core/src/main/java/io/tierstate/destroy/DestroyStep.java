package io.tierstate.destroy;

import java.util.List;

/**
 * One planned teardown step: a kind of resource, the ids it deletes, and what must be gone first.
 *
 * @param id the step id: {@code cloudfront}, {@code alb}, {@code target_group}, {@code instance},
 *     {@code iam_instance_profile}, {@code iam_role}, {@code efs_mount_targets}, {@code efs},
 *     {@code security_group}, {@code subnets}, {@code vpc}
 * @param resourceIds the recorded ids (ARNs, names) the step deletes
 * @param dependsOn ids of the steps that must finish first
 * @param action what destroy will do with it
 * @param reason why, for a skipped step
 */
public record DestroyStep(String id, List<String> resourceIds, List<String> dependsOn, Action action, String reason) {

    /** What destroy does with a step. */
    public enum Action {
        /** Delete the resource. */
        DELETE,
        /** Leave it: it was reused, not created, by this deployment. */
        SKIP_REUSED,
        /** Leave it: preserved on request ({@code preserveEfs()}), or needed by what is preserved. */
        SKIP_PRESERVED,
        /** Nothing to do: an earlier run already finished it (journaled). */
        ALREADY_DONE
    }

    /** Copies the lists. */
    public DestroyStep {
        resourceIds = List.copyOf(resourceIds);
        dependsOn = List.copyOf(dependsOn);
    }

    /** @return whether the step will make cloud calls */
    public boolean deletes() {
        return action == Action.DELETE;
    }
}
