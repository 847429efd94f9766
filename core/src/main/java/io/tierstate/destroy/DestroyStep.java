package io.tierstate.destroy;

import java.util.List;

/**
 * One planned teardown step: a kind of resource, the ids it deletes (or keeps), and the steps that
 * must be finished first.
 *
 * @param kind the kind of resource
 * @param resourceIds the recorded ids (ARNs, names) the step deletes or keeps
 * @param dependsOn the steps that must finish first (see {@code docs/destroy.md}, "The dependency graph")
 * @param action what destroy will do with it
 * @param reason why, for a step that deletes nothing
 */
public record DestroyStep(StepKind kind, List<String> resourceIds, List<StepKind> dependsOn, Action action, String reason) {

    /** What destroy does with a step. */
    public enum Action {
        /** Delete the resources. */
        DELETE,
        /** Keep them: reused, discovered or otherwise not created by this deployment. */
        SKIP_REUSED,
        /** Keep them: preserved on request ({@code preserveEfs()}), or needed by what is preserved. */
        SKIP_PRESERVED,
        /** Nothing to do: an earlier run already finished it (journaled). */
        ALREADY_DONE
    }

    /** Copies the lists. */
    public DestroyStep {
        resourceIds = List.copyOf(resourceIds);
        dependsOn = List.copyOf(dependsOn);
    }

    /** @return the step id, e.g. {@code target_group} */
    public String id() {
        return kind.id();
    }

    /** @return whether the step will make cloud calls */
    public boolean deletes() {
        return action == Action.DELETE;
    }

    /** @return whether the step keeps what it names (reused or preserved) */
    public boolean keeps() {
        return action == Action.SKIP_REUSED || action == Action.SKIP_PRESERVED;
    }
}
