package io.tierstate.destroy;

import io.tierstate.model.DeploymentState;
import io.tierstate.model.DestroyJournal;
import io.tierstate.model.DestroyStepRecord;
import io.tierstate.model.Provenance;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds a {@link DestroyPlan} from a state: one step per recorded resource, in SPEC §5 order. */
final class Planner {

    /** Journal status of a finished step. */
    static final String DONE = "done";

    /** How the detail of a step whose resources a describe found gone before it acted begins, in the report and the journal. */
    static final String ALREADY_GONE = "already gone: ";

    /** How the detail of a step whose resources assumeGone() took for gone begins. */
    static final String ASSUMED_GONE = "assumed gone (assumeGone): ";

    /**
     * @param detail a finished step's detail, as journaled
     * @return whether its resources were gone before the step acted (found so, or assumed)
     */
    static boolean goneBefore(String detail) {
        return detail.startsWith(ALREADY_GONE) || detail.startsWith(ASSUMED_GONE);
    }

    /** The provenance keys that speak for each step, most specific first (GeuseMaker writes vpc, subnets, efs, instance, alb, cloudfront). */
    private static final Map<StepKind, List<String>> PROVENANCE_KEYS = Map.ofEntries(
            Map.entry(StepKind.CLOUDFRONT, List.of("cloudfront")),
            Map.entry(StepKind.ALB, List.of("alb", "load_balancer")),
            Map.entry(StepKind.TARGET_GROUP, List.of("target_group", "alb")),
            Map.entry(StepKind.INSTANCE, List.of("instance", "ec2")),
            Map.entry(StepKind.IAM_INSTANCE_PROFILE, List.of("iam_instance_profile", "instance_profile", "iam")),
            Map.entry(StepKind.IAM_ROLE, List.of("iam_role", "role", "iam")),
            Map.entry(StepKind.EFS_MOUNT_TARGETS, List.of("efs_mount_targets", "mount_targets", "efs")),
            Map.entry(StepKind.EFS, List.of("efs")),
            Map.entry(StepKind.VPC_DEPENDENTS, List.of("vpc")),
            Map.entry(StepKind.SECURITY_GROUP, List.of("security_group", "security_groups", "sg")),
            Map.entry(StepKind.SUBNETS, List.of("subnets", "subnet")),
            Map.entry(StepKind.VPC, List.of("vpc")));

    /**
     * The dependency graph, written down once (docs/destroy.md shows the same): a step starts only
     * when every step it names here has finished. The instance, IAM and EFS do not wait for
     * CloudFront; the ALB waits for the distribution's deletion (deleting the origin of a
     * distribution that still serves would break a live site); network waits for what uses it.
     */
    static final Map<StepKind, List<StepKind>> GRAPH = Map.ofEntries(
            Map.entry(StepKind.CLOUDFRONT, List.of()),
            Map.entry(StepKind.ALB, List.of(StepKind.CLOUDFRONT)),
            Map.entry(StepKind.TARGET_GROUP, List.of(StepKind.ALB)),
            Map.entry(StepKind.INSTANCE, List.of()),
            Map.entry(StepKind.IAM_INSTANCE_PROFILE, List.of(StepKind.INSTANCE)),
            Map.entry(StepKind.IAM_ROLE, List.of(StepKind.IAM_INSTANCE_PROFILE)),
            Map.entry(StepKind.EFS_MOUNT_TARGETS, List.of(StepKind.INSTANCE)),
            Map.entry(StepKind.EFS, List.of(StepKind.EFS_MOUNT_TARGETS)),
            Map.entry(StepKind.VPC_DEPENDENTS, List.of(StepKind.INSTANCE, StepKind.ALB, StepKind.EFS_MOUNT_TARGETS)),
            Map.entry(StepKind.SECURITY_GROUP, List.of(StepKind.INSTANCE, StepKind.EFS_MOUNT_TARGETS, StepKind.ALB,
                    StepKind.VPC_DEPENDENTS)),
            Map.entry(StepKind.SUBNETS, List.of(StepKind.INSTANCE, StepKind.EFS_MOUNT_TARGETS, StepKind.ALB,
                    StepKind.VPC_DEPENDENTS)),
            Map.entry(StepKind.VPC, List.of(StepKind.SUBNETS, StepKind.SECURITY_GROUP, StepKind.VPC_DEPENDENTS)));

    private Planner() {}

    static DestroyPlan plan(DeploymentState s, Strategy strategy, boolean preserveEfs, boolean defer) {
        return plan(s, strategy, preserveEfs, defer, Set.of());
    }

    /**
     * @param included provenance values beyond the well-known ones whose resources the user asked to delete
     *     ({@code destroy().includeProvenance("x")})
     */
    static DestroyPlan plan(DeploymentState s, Strategy strategy, boolean preserveEfs, boolean defer, Set<String> included) {
        List<DestroyStep> steps = new ArrayList<>();
        Set<StepKind> present = EnumSet.noneOf(StepKind.class);
        add(steps, present, s, StepKind.CLOUDFRONT, ids(s.cloudFrontDistributionId()), preserveEfs, included);
        add(steps, present, s, StepKind.ALB, ids(s.albArn()), preserveEfs, included);
        add(steps, present, s, StepKind.TARGET_GROUP, ids(s.targetGroupArn()), preserveEfs, included);
        add(steps, present, s, StepKind.INSTANCE, ids(s.instanceId()), preserveEfs, included);
        add(steps, present, s, StepKind.IAM_INSTANCE_PROFILE, ids(s.iamInstanceProfileName()), preserveEfs, included);
        add(steps, present, s, StepKind.IAM_ROLE, ids(s.iamRoleName()), preserveEfs, included);
        LinkedHashSet<String> mountTargets = new LinkedHashSet<>();
        s.efsMountTargetIds().stream().filter(id -> !id.isBlank()).forEach(mountTargets::add);
        s.efsMountTargetId().filter(id -> !id.isBlank()).ifPresent(mountTargets::add);
        if (mountTargets.isEmpty() && s.efsId().filter(id -> !id.isBlank()).isPresent()) {
            mountTargets.add(allOf(s.efsId().get()));
        }
        add(steps, present, s, StepKind.EFS_MOUNT_TARGETS, List.copyOf(mountTargets), preserveEfs, included);
        add(steps, present, s, StepKind.EFS, ids(s.efsId()), preserveEfs, included);
        add(steps, present, s, StepKind.VPC_DEPENDENTS, ids(s.vpcId()), preserveEfs, included);
        add(steps, present, s, StepKind.SECURITY_GROUP, ids(s.securityGroupId()), preserveEfs, included);
        LinkedHashSet<String> subnets = new LinkedHashSet<>();
        s.subnetIds().stream().filter(id -> !id.isBlank()).forEach(subnets::add);
        s.storageSubnetId().filter(id -> !id.isBlank()).ifPresent(subnets::add);
        add(steps, present, s, StepKind.SUBNETS, List.copyOf(subnets), preserveEfs, included);
        add(steps, present, s, StepKind.VPC, ids(s.vpcId()), preserveEfs, included);
        return new DestroyPlan(s.stackName(), strategy, keepPreservedDependencies(steps), defer, List.of(), Optional.empty());
    }

    /** The resource id a mount-target step records when only the file system is known. */
    static String allOf(String fileSystem) {
        return "all of " + fileSystem;
    }

    private static void add(List<DestroyStep> steps, Set<StepKind> present, DeploymentState s, StepKind kind, List<String> ids,
            boolean preserveEfs, Set<String> included) {
        if (ids.isEmpty()) {
            return;
        }
        List<StepKind> dependsOn = GRAPH.get(kind).stream().filter(present::contains).toList();
        present.add(kind);
        DestroyStep.Action action;
        String reason;
        Optional<DestroyStepRecord> journaled = s.destroyProgress().flatMap(j -> j.step(kind.id()));
        Optional<String> kept = keptByProvenance(s, kind, included);
        if (kept.isPresent()) {
            action = DestroyStep.Action.SKIP_REUSED;
            reason = kept.get();
        } else if (preserveEfs && (kind == StepKind.EFS || kind == StepKind.EFS_MOUNT_TARGETS)) {
            action = DestroyStep.Action.SKIP_PRESERVED;
            reason = "preserved (preserveEfs)";
        } else if (journaled.isPresent() && DONE.equals(journaled.get().status())) {
            action = DestroyStep.Action.ALREADY_DONE;
            reason = "done by an earlier run";
        } else {
            action = DestroyStep.Action.DELETE;
            reason = "";
        }
        steps.add(new DestroyStep(kind, ids, dependsOn, action, reason));
    }

    /** What the preserved EFS mount targets sit in (security group, subnets, the VPC and its gateways) cannot go either. */
    private static List<DestroyStep> keepPreservedDependencies(List<DestroyStep> steps) {
        boolean mountTargetsKept = steps.stream()
                .anyMatch(st -> st.kind() == StepKind.EFS_MOUNT_TARGETS && st.action() == DestroyStep.Action.SKIP_PRESERVED);
        if (!mountTargetsKept) {
            return steps;
        }
        Set<StepKind> network = EnumSet.of(StepKind.SECURITY_GROUP, StepKind.SUBNETS, StepKind.VPC_DEPENDENTS, StepKind.VPC);
        List<DestroyStep> out = new ArrayList<>();
        for (DestroyStep st : steps) {
            boolean needed = network.contains(st.kind());
            out.add(needed && st.action() != DestroyStep.Action.SKIP_REUSED
                    ? new DestroyStep(st.kind(), st.resourceIds(), st.dependsOn(), DestroyStep.Action.SKIP_PRESERVED,
                            "kept: the preserved EFS mount targets still use it")
                    : st);
        }
        return out;
    }

    static boolean isReused(DeploymentState s, StepKind step) {
        return keptByProvenance(s, step, Set.of()).isPresent();
    }

    /**
     * Why the step's provenance keeps its resource, or empty when destroy deletes it (SPEC §5):
     * {@code created}, {@code pending}, blank and none recorded are deleted; {@code reused},
     * {@code discovered}, {@code auto_discovered} never; {@code none} says there is nothing, so
     * an id recorded anyway is left alone; any other value is kept unless included explicitly.
     * The reason starts with the provenance value and a colon (the plan shows it as the label).
     */
    static Optional<String> keptByProvenance(DeploymentState s, StepKind step, Set<String> included) {
        Provenance p = recordedProvenance(s, step);
        if (p == null || p.deletedByDefault()) {
            return Optional.empty();
        }
        if (p.neverDeleted()) {
            return Optional.of(p.wireName() + ": not created by this deployment, so never deleted");
        }
        if (included.contains(p.wireName())) {
            return Optional.empty();
        }
        String include = "destroy().includeProvenance(\"" + p.wireName() + "\") (CLI: --include-provenance " + p.wireName() + ")";
        if (p.meansNothing()) {
            return Optional.of(p.wireName() + ": recorded as not existing, so nothing is deleted; if it does exist, include it with "
                    + include);
        }
        return Optional.of(p.wireName() + ": not a provenance TierState knows, so it is kept; to delete it, include it with "
                + include);
    }

    /** The first non-blank provenance recorded under the step's keys, or null. */
    private static Provenance recordedProvenance(DeploymentState s, StepKind step) {
        for (String key : PROVENANCE_KEYS.getOrDefault(step, List.of(step.id()))) {
            Provenance p = s.resourceProvenance().get(key);
            if (p != null && !p.isBlank()) {
                return p;
            }
        }
        return null;
    }

    static Optional<DestroyJournal> journal(DeploymentState s) {
        return s.destroyProgress();
    }

    private static List<String> ids(Optional<String> id) {
        return id.filter(v -> !v.isBlank()).map(List::of).orElse(List.of());
    }
}
