package io.tierstate.destroy;

import java.util.List;
import java.util.Optional;

/**
 * What a destroy will do, step by step, in order. Making a plan touches nothing.
 *
 * <pre>{@code
 * String steps = client.deployment("gpu-global").destroy().preserveEfs().plan().render();
 * }</pre>
 *
 * @param deployment the stack name
 * @param strategy the strategy
 * @param steps the steps in the order a sequential destroy runs them
 * @param deferCloudFrontDeletion whether the CloudFront deletion is left for {@code completePendingDestroys()}
 * @param findings what describing the resources found, when the plan was made with a cloud at hand
 *     ({@code destroy().planLive()}); empty for a plan made from the state alone
 * @param checkedIn where the resources were described, e.g. {@code AWS account 123456789012 in eu-west-1}
 */
public record DestroyPlan(String deployment, Strategy strategy, List<DestroyStep> steps, boolean deferCloudFrontDeletion,
        List<Finding> findings, Optional<String> checkedIn) {

    /** Copies the lists. */
    public DestroyPlan {
        steps = List.copyOf(steps);
        findings = List.copyOf(findings);
    }

    /**
     * This plan with what describing its resources found.
     *
     * @param found the findings
     * @param where where they were described
     * @return the plan with them
     */
    public DestroyPlan withFindings(List<Finding> found, String where) {
        return new DestroyPlan(deployment, strategy, steps, deferCloudFrontDeletion, found, Optional.of(where));
    }

    /** @return the findings that stop the destroy unless protection may be disabled */
    public List<Finding> blockers() {
        return findings.stream().filter(Finding::blocks).toList();
    }

    /**
     * The plan a destroy of this state would run now, with the strategy and EFS choice its journal
     * recorded (sequential and delete-everything when there is none). Views use it to tell which
     * steps are still to do; nothing is read or touched beyond the state given.
     *
     * @param state a deployment's state
     * @return the plan
     */
    public static DestroyPlan of(io.tierstate.model.DeploymentState state) {
        var journal = state.destroyProgress();
        Strategy strategy = journal.flatMap(j -> j.strategy())
                .filter(s -> s.equalsIgnoreCase("overlapped")).map(s -> Strategy.OVERLAPPED).orElse(Strategy.SEQUENTIAL);
        boolean preserveEfs = journal.map(j -> j.preserveEfs()).orElse(false);
        boolean defer = journal.map(j -> j.pendingCloudFrontDeletion() || j.deferCloudFront()).orElse(false);
        java.util.Set<String> included = journal.map(j -> java.util.Set.copyOf(j.includeProvenance())).orElse(java.util.Set.of());
        return Planner.plan(state, strategy, preserveEfs, defer, included);
    }

    /**
     * Looks up a step.
     *
     * @param id the step id
     * @return the step, when the state records its resource
     */
    public Optional<DestroyStep> step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /**
     * Looks up a step.
     *
     * @param kind the kind
     * @return the step, when the state records its resource
     */
    public Optional<DestroyStep> step(StepKind kind) {
        return steps.stream().filter(s -> s.kind() == kind).findFirst();
    }

    /** @return the steps that will delete something */
    public List<DestroyStep> deletions() {
        return steps.stream().filter(DestroyStep::deletes).toList();
    }

    /** @return one line per step, every resource by its id, then what describing them found */
    public String render() {
        StringBuilder out = new StringBuilder("Destroy plan for '").append(deployment).append("' (")
                .append(strategy.name().toLowerCase(java.util.Locale.ROOT))
                .append(deferCloudFrontDeletion ? ", CloudFront deletion deferred" : "").append("):\n");
        if (steps.isEmpty()) {
            out.append("  nothing recorded to delete\n");
        }
        int n = 1;
        for (DestroyStep s : steps) {
            String ids = String.join(", ", s.resourceIds());
            out.append(String.format("  %2d. %-20s %-14s %s%s%n", n++, s.id(), switch (s.action()) {
                case DELETE -> "delete";
                case SKIP_REUSED -> "keep (" + provenanceOf(s) + ")";
                case SKIP_PRESERVED -> "keep";
                case ALREADY_DONE -> "already done";
            }, ids, s.deletes() ? "" : "  (" + s.reason() + ")"));
        }
        checkedIn.ifPresent(where -> out.append("Checked in ").append(where).append(findings.stream()
                .anyMatch(f -> f.kind() != Finding.Kind.PRESENT) ? ":\n" : ": every resource to delete is there\n"));
        for (Finding f : findings) {
            if (f.kind() != Finding.Kind.PRESENT) {
                out.append("  ").append(f.blocks() ? "! " : "- ").append(f).append('\n');
            }
        }
        return out.toString();
    }

    /** The provenance that kept a step: the reason starts with it, e.g. {@code discovered: ...}. */
    private static String provenanceOf(DestroyStep s) {
        int colon = s.reason().indexOf(':');
        return colon > 0 ? s.reason().substring(0, colon) : "reused";
    }

    @Override
    public String toString() {
        return render();
    }
}
