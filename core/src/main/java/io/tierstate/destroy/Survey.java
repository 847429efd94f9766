package io.tierstate.destroy;

import io.tierstate.error.ResourceNotFoundException;
import io.tierstate.model.DeploymentState;
import io.tierstate.port.Cloud;
import io.tierstate.port.CloudClock;
import io.tierstate.port.ComputePort;
import io.tierstate.port.IdentityPort;
import io.tierstate.port.NetworkPort;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Describes every resource a destroy is about to delete, before anything is deleted: whether it is
 * there, and what stands in the way (protection, a spot request that would relaunch it, a rule of
 * another security group, access points, replication, other instance profiles, VPC dependents).
 *
 * <p>A NotFound within {@link #CONSISTENCY_WINDOW} of the state's last write is not believed at
 * once: EC2 documents that a resource just launched may read NotFound for a while, so it is
 * described again, with back-off, until the window has passed.
 */
final class Survey {

    /** How long after a write a NotFound may be eventual consistency rather than a fact. */
    static final Duration CONSISTENCY_WINDOW = Duration.ofMinutes(5);

    private final Cloud cloud;
    private final DeploymentState state;
    private final CloudClock clock;
    private final PollPolicy policy;
    private final Cancellation cancelled;
    private final Instant started;
    private final Duration believeNotFoundAfter;
    private final List<Finding> findings = new ArrayList<>();
    int calls;
    int polls;

    Survey(Cloud cloud, DeploymentState state, PollPolicy policy, Cancellation cancelled) {
        this.cloud = cloud;
        this.state = state;
        this.clock = cloud.clock();
        this.policy = policy;
        this.cancelled = cancelled;
        this.started = clock.now();
        // measured on the wall clock (state timestamps are wall-clock); waited out on the cloud's clock
        Duration age = state.updatedAt().map(at -> Duration.between(at, Instant.now())).orElse(CONSISTENCY_WINDOW);
        this.believeNotFoundAfter = age.isNegative() ? CONSISTENCY_WINDOW : CONSISTENCY_WINDOW.minus(age);
    }

    /** Describes the resources of every step that deletes. */
    List<Finding> run(DestroyPlan plan) {
        for (DestroyStep step : plan.steps()) {
            if (!step.deletes()) {
                continue;
            }
            for (String id : step.resourceIds()) {
                survey(step.kind(), id);
            }
        }
        return List.copyOf(findings);
    }

    private void survey(StepKind kind, String id) {
        if (kind == StepKind.VPC_DEPENDENTS) {
            // a VPC with nothing in it is the usual case, not a resource that is missing; the VPC step speaks for the VPC
            try {
                findings.addAll(Transient.retry(cloud, cancelled, () -> obstacles(kind, id)));
            } catch (ResourceNotFoundException vpcGone) {
                // the VPC step finds and confirms that
            } catch (io.tierstate.error.CloudOperationException unreadable) {
                findings.add(unchecked(kind, id, unreadable));
            }
            return;
        }
        Resources.Look look = lookBelievingNotFoundLate(kind, id);
        if (!look.exists()) {
            findings.add(new Finding(kind, id, Finding.Kind.GONE, "already gone (" + look.detail() + ")"));
            return;
        }
        findings.add(new Finding(kind, id, Finding.Kind.PRESENT, look.detail()));
        try {
            findings.addAll(Transient.retry(cloud, cancelled, () -> obstacles(kind, id)));
        } catch (ResourceNotFoundException raced) {
            // deleted between the two calls: the step will confirm it
        } catch (io.tierstate.error.CloudOperationException unreadable) {
            findings.add(unchecked(kind, id, unreadable));
        }
    }

    private Resources.Look lookBelievingNotFoundLate(StepKind kind, String id) {
        int attempt = 0;
        while (true) {
            calls++;
            Resources.Look look = Transient.retry(cloud, cancelled, () -> Resources.look(cloud, state, kind, id));
            if (look.exists() || cancelled.isCancelled()
                    || Duration.between(started, clock.now()).compareTo(believeNotFoundAfter) >= 0) {
                return look;
            }
            polls++;
            cancelled.sleep(clock, policy.interval(++attempt));
        }
    }

    private static Finding unchecked(StepKind kind, String id, io.tierstate.error.CloudOperationException e) {
        return new Finding(kind, id, Finding.Kind.UNCHECKED, "could not read what stands in the way (" + e.operation()
                + e.errorCode().map(c -> ", " + c).orElse("") + "); the step finds out when it deletes");
    }

    /** @return what stands in the way of deleting the resource; read again whole when a call is retried */
    private List<Finding> obstacles(StepKind kind, String id) {
        List<Finding> findings = new ArrayList<>();
        switch (kind) {
            case INSTANCE -> {
                calls++;
                if (cloud.compute().terminationProtection(id)) {
                    findings.add(new Finding(kind, id, Finding.Kind.PROTECTED,
                            "termination protection is on (DisableApiTermination), so TerminateInstances is refused"));
                }
                calls++;
                cloud.compute().spotRequest(id).filter(ComputePort.SpotRequest::relaunches).ifPresent(r -> findings.add(
                        new Finding(kind, id, Finding.Kind.RELAUNCHES, "persistent spot request " + r.id() + " (" + r.state()
                                + ") would launch a replacement; it is cancelled before termination")));
            }
            case ALB -> {
                calls++;
                if (cloud.loadBalancing().deletionProtection(id)) {
                    findings.add(new Finding(kind, id, Finding.Kind.PROTECTED,
                            "deletion protection is on (deletion_protection.enabled), so DeleteLoadBalancer is refused"));
                }
            }
            case IAM_ROLE -> {
                calls++;
                IdentityPort.RoleDescription role = cloud.identity().describeRole(id);
                List<String> others = role.instanceProfiles().stream()
                        .filter(p -> !state.iamInstanceProfileName().map(p::equals).orElse(false)).toList();
                if (!others.isEmpty()) {
                    findings.add(new Finding(kind, id, Finding.Kind.DEPENDENT, "also in instance profile(s) "
                            + String.join(", ", others) + "; it is removed from them before it is deleted"));
                }
            }
            case EFS -> {
                calls++;
                List<String> points = cloud.fileSystems().accessPoints(id);
                if (!points.isEmpty()) {
                    findings.add(new Finding(kind, id, Finding.Kind.DEPENDENT, "access point(s) " + String.join(", ", points)
                            + " are deleted first"));
                }
                calls++;
                List<String> replicas = cloud.fileSystems().replicationDestinations(id);
                if (!replicas.isEmpty()) {
                    findings.add(new Finding(kind, id, Finding.Kind.DEPENDENT, "replicates to " + String.join(", ", replicas)
                            + "; the replication configuration is deleted first (the destination is kept)"));
                }
            }
            case VPC_DEPENDENTS -> {
                calls++;
                NetworkPort.VpcDependents deps = cloud.network().vpcDependents(id, Resources.stackTags(state));
                if (!deps.isEmpty()) {
                    findings.add(new Finding(kind, id, Finding.Kind.DEPENDENT, "deleted before the VPC: " + Resources.describe(deps)));
                }
            }
            case SECURITY_GROUP -> {
                calls++;
                List<NetworkPort.SecurityGroupReference> refs = cloud.network().securityGroupReferences(id);
                if (!refs.isEmpty()) {
                    findings.add(new Finding(kind, id, Finding.Kind.REFERENCED, "referenced by " + refs.stream()
                            .map(Object::toString).reduce((a, b) -> a + "; " + b).orElse("")
                            + ": it cannot be deleted until that rule is removed (TierState never edits another group)"));
                }
            }
            default -> {
                // nothing else stands in the way of the other kinds
            }
        }
        return findings;
    }
}
