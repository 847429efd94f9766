package io.tierstate.destroy;

import io.tierstate.model.DeploymentState;
import io.tierstate.model.DestroyJournal;
import io.tierstate.model.DestroyStepRecord;
import io.tierstate.model.Provenance;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds a {@link DestroyPlan} from a state: one step per recorded resource, in SPEC §5 order. */
final class Planner {

    static final String CLOUDFRONT = "cloudfront";
    static final String ALB = "alb";
    static final String TARGET_GROUP = "target_group";
    static final String INSTANCE = "instance";
    static final String IAM_PROFILE = "iam_instance_profile";
    static final String IAM_ROLE = "iam_role";
    static final String MOUNT_TARGETS = "efs_mount_targets";
    static final String EFS = "efs";
    static final String SECURITY_GROUP = "security_group";
    static final String SUBNETS = "subnets";
    static final String VPC = "vpc";

    /** Journal status of a finished step. */
    static final String DONE = "done";

    /** The provenance keys that speak for each step, most specific first (GeuseMaker writes vpc, subnets, efs, instance, alb, cloudfront). */
    private static final Map<String, List<String>> PROVENANCE_KEYS = Map.ofEntries(
            Map.entry(CLOUDFRONT, List.of("cloudfront")),
            Map.entry(ALB, List.of("alb", "load_balancer")),
            Map.entry(TARGET_GROUP, List.of("target_group", "alb")),
            Map.entry(INSTANCE, List.of("instance", "ec2")),
            Map.entry(IAM_PROFILE, List.of("iam_instance_profile", "instance_profile", "iam")),
            Map.entry(IAM_ROLE, List.of("iam_role", "role", "iam")),
            Map.entry(MOUNT_TARGETS, List.of("efs_mount_targets", "mount_targets", "efs")),
            Map.entry(EFS, List.of("efs")),
            Map.entry(SECURITY_GROUP, List.of("security_group", "security_groups", "sg")),
            Map.entry(SUBNETS, List.of("subnets", "subnet")),
            Map.entry(VPC, List.of("vpc")));

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
        Set<String> present = new LinkedHashSet<>();
        add(steps, present, s, CLOUDFRONT, ids(s.cloudFrontDistributionId()), List.of(), preserveEfs, included);
        add(steps, present, s, ALB, ids(s.albArn()), List.of(CLOUDFRONT), preserveEfs, included);
        add(steps, present, s, TARGET_GROUP, ids(s.targetGroupArn()), List.of(ALB), preserveEfs, included);
        add(steps, present, s, INSTANCE, ids(s.instanceId()), List.of(CLOUDFRONT), preserveEfs, included);
        add(steps, present, s, IAM_PROFILE, ids(s.iamInstanceProfileName()), List.of(INSTANCE), preserveEfs, included);
        add(steps, present, s, IAM_ROLE, ids(s.iamRoleName()), List.of(IAM_PROFILE), preserveEfs, included);
        LinkedHashSet<String> mountTargets = new LinkedHashSet<>(s.efsMountTargetIds());
        s.efsMountTargetId().ifPresent(mountTargets::add);
        if (mountTargets.isEmpty() && s.efsId().isPresent()) {
            mountTargets.add("all of " + s.efsId().get());
        }
        add(steps, present, s, MOUNT_TARGETS, List.copyOf(mountTargets), List.of(INSTANCE), preserveEfs, included);
        add(steps, present, s, EFS, ids(s.efsId()), List.of(MOUNT_TARGETS), preserveEfs, included);
        add(steps, present, s, SECURITY_GROUP, ids(s.securityGroupId()), List.of(INSTANCE, MOUNT_TARGETS, ALB), preserveEfs, included);
        LinkedHashSet<String> subnets = new LinkedHashSet<>(s.subnetIds());
        s.storageSubnetId().ifPresent(subnets::add);
        add(steps, present, s, SUBNETS, List.copyOf(subnets), List.of(INSTANCE, MOUNT_TARGETS, ALB), preserveEfs, included);
        add(steps, present, s, VPC, ids(s.vpcId()), List.of(SUBNETS, SECURITY_GROUP), preserveEfs, included);
        return new DestroyPlan(s.stackName(), strategy, keepPreservedDependencies(steps), defer);
    }

    private static void add(List<DestroyStep> steps, Set<String> present, DeploymentState s, String id, List<String> ids,
            List<String> deps, boolean preserveEfs, Set<String> included) {
        if (ids.isEmpty()) {
            return;
        }
        List<String> dependsOn = deps.stream().filter(present::contains).toList();
        present.add(id);
        DestroyStep.Action action;
        String reason;
        Optional<DestroyStepRecord> journaled = s.destroyProgress().flatMap(j -> j.step(id));
        Optional<String> kept = keptByProvenance(s, id, included);
        if (kept.isPresent()) {
            action = DestroyStep.Action.SKIP_REUSED;
            reason = kept.get();
        } else if (preserveEfs && (id.equals(EFS) || id.equals(MOUNT_TARGETS))) {
            action = DestroyStep.Action.SKIP_PRESERVED;
            reason = "preserved (preserveEfs)";
        } else if (journaled.isPresent() && DONE.equals(journaled.get().status())) {
            action = DestroyStep.Action.ALREADY_DONE;
            reason = "done by an earlier run";
        } else {
            action = DestroyStep.Action.DELETE;
            reason = "";
        }
        steps.add(new DestroyStep(id, ids, dependsOn, action, reason));
    }

    /** What the preserved EFS mount targets sit in (security group, subnets, VPC) cannot go either. */
    private static List<DestroyStep> keepPreservedDependencies(List<DestroyStep> steps) {
        boolean mountTargetsKept = steps.stream()
                .anyMatch(st -> st.id().equals(MOUNT_TARGETS) && st.action() == DestroyStep.Action.SKIP_PRESERVED);
        if (!mountTargetsKept) {
            return steps;
        }
        List<DestroyStep> out = new ArrayList<>();
        for (DestroyStep st : steps) {
            boolean needed = st.id().equals(SECURITY_GROUP) || st.id().equals(SUBNETS) || st.id().equals(VPC);
            out.add(needed && st.action() == DestroyStep.Action.DELETE
                    ? new DestroyStep(st.id(), st.resourceIds(), st.dependsOn(), DestroyStep.Action.SKIP_PRESERVED,
                            "kept: the preserved EFS mount targets still use it")
                    : st);
        }
        return out;
    }

    static boolean isReused(DeploymentState s, String step) {
        return keptByProvenance(s, step, Set.of()).isPresent();
    }

    /**
     * Why the step's provenance keeps its resource, or empty when destroy deletes it (SPEC §5):
     * {@code created}, {@code pending}, blank and none recorded are deleted; {@code reused},
     * {@code discovered}, {@code auto_discovered} never; {@code none} says there is nothing, so
     * an id recorded anyway is left alone; any other value is kept unless included explicitly.
     * The reason starts with the provenance value and a colon (the plan shows it as the label).
     */
    static Optional<String> keptByProvenance(DeploymentState s, String step, Set<String> included) {
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
    private static Provenance recordedProvenance(DeploymentState s, String step) {
        for (String key : PROVENANCE_KEYS.getOrDefault(step, List.of(step))) {
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
