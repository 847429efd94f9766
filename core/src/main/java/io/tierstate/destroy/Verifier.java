package io.tierstate.destroy;

import io.tierstate.model.DeploymentState;
import io.tierstate.port.Cloud;
import java.util.ArrayList;
import java.util.List;

/** Describes every resource of a plan: the ones the deployment created should be gone, the kept ones there. */
final class Verifier {

    private final Cloud cloud;
    private final DeploymentState state;
    private final String where;
    private final boolean fromArchive;
    int calls;

    Verifier(Cloud cloud, DeploymentState state, String where, boolean fromArchive) {
        this.cloud = cloud;
        this.state = state;
        this.where = where;
        this.fromArchive = fromArchive;
    }

    Verification verify(DestroyPlan plan) {
        List<Verification.Check> checks = new ArrayList<>();
        for (DestroyStep step : plan.steps()) {
            boolean created = step.action() == DestroyStep.Action.DELETE || step.action() == DestroyStep.Action.ALREADY_DONE;
            if (!created && step.kind() == StepKind.VPC_DEPENDENTS) {
                continue; // a kept VPC may well have no gateways of its own
            }
            for (String id : step.resourceIds()) {
                calls++;
                Resources.Look look = Transient.retry(cloud, new Cancellation(), () -> Resources.look(cloud, state, step.kind(), id));
                checks.add(new Verification.Check(step.kind(), id, created ? Verification.Expect.GONE : Verification.Expect.KEPT,
                        created != look.exists(), look.detail()));
            }
        }
        return new Verification(state.stackName(), where, fromArchive, checks);
    }
}
