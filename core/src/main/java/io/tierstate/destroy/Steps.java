package io.tierstate.destroy;

import io.tierstate.error.DistributionNotDisabledException;
import io.tierstate.error.PreconditionFailedException;
import io.tierstate.error.ResourceNotFoundException;
import io.tierstate.model.CloudFrontStatus;
import io.tierstate.port.ComputePort;
import io.tierstate.port.Distribution;
import io.tierstate.port.DistributionConfig;
import io.tierstate.port.FileSystemPort;
import io.tierstate.port.InstanceDescription;
import io.tierstate.port.NetworkPort;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The step runners, one per kind of resource. */
final class Steps {

    /** How often a conditional write is retried after an ETag race. */
    static final int MAX_RACE_RETRIES = 6;

    /** How long CloudFront may keep answering DistributionNotDisabled after a disable has propagated. */
    static final Duration NOT_DISABLED_BUDGET = Duration.ofMinutes(5);

    /** How long network interfaces left by a load balancer, mount target or endpoint are waited for. */
    static final Duration ENI_WAIT = Duration.ofMinutes(20);

    /** How long a deleted resource may still be described (EFS "deleting", a VPC on its way out) before the step fails. */
    static final Duration GONE_WAIT = Duration.ofMinutes(10);

    private Steps() {}

    static StepRunner runnerFor(DestroyStep step, boolean deferCloudFront) {
        return switch (step.kind()) {
            case CLOUDFRONT -> new CloudFront(step, deferCloudFront);
            case ALB -> new LoadBalancer(step);
            case TARGET_GROUP -> new Simple(step, (ctx, id) -> ctx.cloud().loadBalancing().deleteTargetGroup(id));
            case INSTANCE -> new Instance(step);
            case IAM_INSTANCE_PROFILE -> new Simple(step, (ctx, id) -> ctx.cloud().identity().deleteInstanceProfile(id));
            case IAM_ROLE -> new Simple(step, (ctx, id) -> ctx.cloud().identity().deleteRole(id));
            case EFS_MOUNT_TARGETS -> new MountTargets(step);
            case EFS -> new FileSystem(step);
            case VPC_DEPENDENTS -> new VpcDependents(step);
            case SECURITY_GROUP, SUBNETS, VPC -> new Network(step);
        };
    }

    /** A runner that works through its resources one by one; the step is done when every one is gone. */
    abstract static class PerResource extends StepRunner {
        final Deque<String> remaining;
        boolean deletedAny;
        private boolean confirming;

        /** Call first in {@code act}: while a deleted resource is still described, keep waiting for it to go. */
        boolean confirmingDeletion(DestroyRun.Context ctx) {
            if (confirming) {
                awaitGone(ctx);
            }
            return confirming || finished();
        }

        /** The current resource was deleted: it counts as gone once a describe no longer finds it. */
        void awaitGone(DestroyRun.Context ctx) {
            confirming = true;
            String id = remaining.peekFirst();
            var gone = ctx.await(this, Waiter.polling(kind().noun() + " " + id + " to be gone",
                    () -> Resources.look(ctx.cloud(), ctx.state(), kind(), id)).until(l -> !l.exists())
                    .status(Resources.Look::detail).timeout(GONE_WAIT));
            if (gone != null) {
                confirming = false;
                next(ctx, true);
            }
        }

        PerResource(DestroyStep step) {
            super(step);
            this.remaining = new ArrayDeque<>(step.resourceIds());
        }

        /** The current resource is gone: deleted by this run, or confirmed missing by a describe. */
        void next(DestroyRun.Context ctx, boolean deletedNow) {
            deletedAny |= deletedNow;
            remaining.removeFirst();
            inUseSince = null;
            if (remaining.isEmpty()) {
                String ids = String.join(", ", step.resourceIds());
                if (deletedAny) {
                    ctx.done(this, "deleted");
                } else {
                    ctx.gone(this, "a describe found nothing (" + ids + ")");
                }
            } else {
                due = ctx.now();
            }
        }

        /** A delete answered NotFound: believe it only once a describe says the same. */
        void confirmGone(DestroyRun.Context ctx, String id) {
            Resources.Look look = ctx.call(this, true, () -> Resources.look(ctx.cloud(), ctx.state(), kind(), id));
            if (look.exists()) {
                ctx.waitFor(this, kind().noun() + " " + id + " to be deletable (the delete said NotFound, a describe says "
                        + look.detail() + ")");
            } else {
                ctx.event(this, ProgressEvent.Phase.REQUESTED, kind().noun() + " " + id + " was already gone (" + look.detail() + ")");
                next(ctx, false);
            }
        }
    }

    /** A delete that takes effect at once; "in use" is waited out by the scheduler. */
    static final class Simple extends PerResource {
        interface Delete {
            void delete(DestroyRun.Context ctx, String id);
        }

        private final Delete delete;

        Simple(DestroyStep step, Delete delete) {
            super(step);
            this.delete = delete;
        }

        @Override
        void act(DestroyRun.Context ctx) {
            if (confirmingDeletion(ctx)) {
                return;
            }
            String id = remaining.peekFirst();
            try {
                ctx.deleting(this);
                ctx.run(this, () -> delete.delete(ctx, id));
            } catch (ResourceNotFoundException notFound) {
                confirmGone(ctx, id);
                return;
            }
            ctx.event(this, ProgressEvent.Phase.REQUESTED, "deleted " + kind().noun() + " " + id);
            awaitGone(ctx);
        }
    }

    /** ALB: turn deletion protection off when allowed, delete (listeners go with it), wait until it is not described. */
    static final class LoadBalancer extends PerResource {
        private boolean requested;

        LoadBalancer(DestroyStep step) {
            super(step);
        }

        @Override
        void act(DestroyRun.Context ctx) {
            String arn = remaining.peekFirst();
            if (!requested) {
                try {
                    if (ctx.isProtected(kind(), arn)) {
                        ctx.run(this, () -> ctx.cloud().loadBalancing().setDeletionProtection(arn, false));
                        ctx.event(this, ProgressEvent.Phase.REQUESTED, "deletion protection turned off (disableProtection)");
                    }
                    ctx.deleting(this);
                    ctx.run(this, () -> ctx.cloud().loadBalancing().deleteLoadBalancer(arn));
                } catch (ResourceNotFoundException notFound) {
                    confirmGone(ctx, arn);
                    return;
                }
                requested = true;
                ctx.event(this, ProgressEvent.Phase.REQUESTED, "load balancer deletion requested");
            }
            var gone = ctx.await(this, Waiter.polling("the load balancer to go",
                    () -> ctx.cloud().loadBalancing().describeLoadBalancer(arn))
                    .until(d -> false).doneOn(ResourceNotFoundException.class).status(d -> d.state()));
            if (gone != null) {
                next(ctx, true);
            }
        }
    }

    /** EC2: protection off when allowed, persistent spot request cancelled, terminate, wait for TERMINATED. */
    static final class Instance extends PerResource {
        private boolean requested;

        Instance(DestroyStep step) {
            super(step);
        }

        @Override
        void act(DestroyRun.Context ctx) {
            String id = remaining.peekFirst();
            if (!requested) {
                InstanceDescription d;
                try {
                    d = ctx.call(this, false, () -> ctx.cloud().compute().describeInstance(id));
                } catch (ResourceNotFoundException notFound) {
                    confirmGone(ctx, id);
                    return;
                }
                if (d.state() == InstanceDescription.State.TERMINATED) {
                    ctx.event(this, ProgressEvent.Phase.REQUESTED, "instance " + id + " was already terminated");
                    next(ctx, false);
                    return;
                }
                if (ctx.isProtected(kind(), id)) {
                    ctx.run(this, () -> ctx.cloud().compute().setTerminationProtection(id, false));
                    ctx.event(this, ProgressEvent.Phase.REQUESTED, "termination protection turned off (disableProtection)");
                }
                var spot = ctx.call(this, false, () -> ctx.cloud().compute().spotRequest(id));
                if (spot.filter(ComputePort.SpotRequest::relaunches).isPresent()) {
                    String request = spot.get().id();
                    try {
                        ctx.run(this, () -> ctx.cloud().compute().cancelSpotRequest(request));
                    } catch (ResourceNotFoundException gone) {
                        // cancelled and expired meanwhile: it cannot relaunch anything
                    }
                    ctx.event(this, ProgressEvent.Phase.REQUESTED, "persistent spot request " + request + " cancelled");
                }
                ctx.deleting(this);
                ctx.run(this, () -> ctx.cloud().compute().terminateInstance(id));
                requested = true;
                ctx.event(this, ProgressEvent.Phase.REQUESTED, "termination requested");
            }
            var done = ctx.await(this, Waiter.polling("the instance to terminate", () -> ctx.cloud().compute().describeInstance(id))
                    .until(d -> d.state() == InstanceDescription.State.TERMINATED).doneOn(ResourceNotFoundException.class)
                    .status(d -> d.state().name().toLowerCase(Locale.ROOT)));
            if (done != null) {
                next(ctx, true);
            }
        }
    }

    /** EFS mount targets: delete every one of the file system (or the recorded ones), wait until none is left. */
    static final class MountTargets extends StepRunner {
        private boolean requested;

        MountTargets(DestroyStep step) {
            super(step);
        }

        @Override
        void act(DestroyRun.Context ctx) {
            String fs = ctx.state().efsId().filter(f -> !f.isBlank()).orElse(null);
            List<String> recorded = step.resourceIds().stream().filter(r -> r.startsWith("fsmt-")).toList();
            if (fs == null) {
                boolean deleted = false;
                for (String mt : recorded) {
                    try {
                        ctx.deleting(this);
                        ctx.run(this, () -> ctx.cloud().fileSystems().deleteMountTarget(mt));
                        deleted = true;
                    } catch (ResourceNotFoundException gone) {
                        // confirmed by the survey before the run, or deleted meanwhile
                    }
                }
                finish(ctx, deleted);
                return;
            }
            List<FileSystemPort.MountTarget> live;
            try {
                live = ctx.call(this, requested, () -> ctx.cloud().fileSystems().mountTargets(fs)).stream()
                        .filter(m -> !"deleted".equalsIgnoreCase(m.lifeCycleState())).toList();
            } catch (ResourceNotFoundException gone) {
                finish(ctx, requested);
                return;
            }
            if (live.isEmpty()) {
                finish(ctx, requested);
                return;
            }
            for (FileSystemPort.MountTarget mt : live) {
                if (!"deleting".equalsIgnoreCase(mt.lifeCycleState())) {
                    try {
                        ctx.deleting(this);
                        ctx.run(this, () -> ctx.cloud().fileSystems().deleteMountTarget(mt.id()));
                    } catch (ResourceNotFoundException gone) {
                        // deleted meanwhile
                    }
                }
            }
            if (!requested) {
                ctx.event(this, ProgressEvent.Phase.REQUESTED, "deletion of " + live.size() + " mount target(s) requested");
            }
            requested = true;
            ctx.waitFor(this, "the mount targets to go (" + live.size() + " left)");
        }

        private void finish(DestroyRun.Context ctx, boolean deleted) {
            if (deleted) {
                ctx.done(this, "deleted");
            } else {
                ctx.gone(this, "none listed");
            }
        }
    }

    /** EFS: access points and replication first, then the file system (refused while mount targets finish going). */
    static final class FileSystem extends PerResource {
        FileSystem(DestroyStep step) {
            super(step);
        }

        @Override
        void act(DestroyRun.Context ctx) {
            if (confirmingDeletion(ctx)) {
                return;
            }
            String fs = remaining.peekFirst();
            try {
                for (String point : ctx.call(this, false, () -> ctx.cloud().fileSystems().accessPoints(fs))) {
                    try {
                        ctx.run(this, () -> ctx.cloud().fileSystems().deleteAccessPoint(point));
                        ctx.event(this, ProgressEvent.Phase.REQUESTED, "deleted access point " + point);
                    } catch (ResourceNotFoundException gone) {
                        // deleted meanwhile
                    }
                }
                List<String> replicas;
                try {
                    replicas = ctx.call(this, false, () -> ctx.cloud().fileSystems().replicationDestinations(fs));
                } catch (ResourceNotFoundException gone) {
                    throw gone;
                } catch (io.tierstate.error.CloudOperationException unreadable) {
                    // a replicating file system refuses the delete below, which then says so
                    ctx.event(this, ProgressEvent.Phase.RETRYING, "could not read the replication of " + fs + " ("
                            + unreadable.errorCode().orElse(unreadable.operation()) + "); deleting the file system regardless");
                    replicas = List.of();
                }
                if (!replicas.isEmpty()) {
                    try {
                        ctx.run(this, () -> ctx.cloud().fileSystems().deleteReplicationConfiguration(fs));
                        ctx.event(this, ProgressEvent.Phase.REQUESTED, "deleted the replication configuration (the destination is kept)");
                    } catch (ResourceNotFoundException gone) {
                        // deleted meanwhile
                    }
                }
                ctx.deleting(this);
                ctx.run(this, () -> ctx.cloud().fileSystems().deleteFileSystem(fs));
            } catch (ResourceNotFoundException notFound) {
                confirmGone(ctx, fs);
                return;
            }
            ctx.event(this, ProgressEvent.Phase.REQUESTED, "file system " + fs + " deletion requested");
            awaitGone(ctx);
        }
    }

    /**
     * What lives in a created VPC, in the order AWS accepts: endpoints and NAT gateways (waited for),
     * the NAT gateways' Elastic IPs (journaled first, so a crash cannot leak them), internet gateways
     * (detached first), egress-only gateways, route tables, network ACLs.
     */
    static final class VpcDependents extends StepRunner {
        private final Set<String> addresses = new LinkedHashSet<>();
        private boolean deletedAny;
        private boolean loaded;

        VpcDependents(DestroyStep step) {
            super(step);
        }

        @Override
        void act(DestroyRun.Context ctx) {
            String vpc = step.resourceIds().get(0);
            if (!loaded) {
                ctx.state().destroyProgress().flatMap(j -> j.step(kind().id())).ifPresent(r -> addresses.addAll(r.resources()));
                loaded = true;
            }
            NetworkPort.VpcDependents deps;
            try {
                deps = ctx.call(this, deletedAny, () -> ctx.cloud().network().vpcDependents(vpc, Resources.stackTags(ctx.state())));
            } catch (ResourceNotFoundException gone) {
                deps = NetworkPort.VpcDependents.none();
            }
            Set<String> before = new LinkedHashSet<>(addresses);
            deps.natGateways().forEach(n -> addresses.addAll(n.allocationIds()));
            if (!addresses.equals(before)) {
                ctx.journal(this, "in_progress", null, List.copyOf(addresses)); // before the NAT gateways go
            }
            NetworkPort net = ctx.cloud().network();
            for (NetworkPort.VpcEndpoint e : deps.vpcEndpoints()) {
                if (!"deleting".equalsIgnoreCase(e.state())) {
                    delete(ctx, "endpoint " + e.id(), () -> net.deleteVpcEndpoint(e.id()));
                }
            }
            for (NetworkPort.NatGateway n : deps.natGateways()) {
                if (!n.deletedOrDeleting()) {
                    delete(ctx, "NAT gateway " + n.id(), () -> net.deleteNatGateway(n.id()));
                }
            }
            Set<String> stillUsed = new LinkedHashSet<>();
            deps.natGateways().forEach(n -> stillUsed.addAll(n.allocationIds()));
            for (String allocation : List.copyOf(addresses)) {
                if (!stillUsed.contains(allocation)) {
                    delete(ctx, "Elastic IP " + allocation, () -> net.releaseAddress(allocation));
                    addresses.remove(allocation);
                }
            }
            for (NetworkPort.InternetGateway g : deps.internetGateways()) {
                delete(ctx, "internet gateway " + g.id(), () -> net.deleteInternetGateway(g.id(), g.attachedTo()));
            }
            for (String g : deps.egressOnlyInternetGateways()) {
                delete(ctx, "egress-only internet gateway " + g, () -> net.deleteEgressOnlyInternetGateway(g));
            }
            for (String r : deps.routeTables()) {
                delete(ctx, "route table " + r, () -> net.deleteRouteTable(r));
            }
            for (String a : deps.networkAcls()) {
                delete(ctx, "network ACL " + a, () -> net.deleteNetworkAcl(a));
            }
            boolean waitingForAsync = !deps.vpcEndpoints().isEmpty() || !deps.natGateways().isEmpty();
            if (!waitingForAsync && addresses.isEmpty()) {
                NetworkPort.VpcDependents left;
                try {
                    left = ctx.call(this, true, () -> net.vpcDependents(vpc, Resources.stackTags(ctx.state())));
                } catch (ResourceNotFoundException gone) {
                    left = NetworkPort.VpcDependents.none();
                }
                if (left.isEmpty()) {
                    if (deletedAny) {
                        ctx.done(this, "deleted what lived in " + vpc);
                    } else {
                        ctx.gone(this, "nothing lives in " + vpc);
                    }
                    return;
                }
            }
            ctx.waitFor(this, "what lives in " + vpc + " to go: " + Resources.describe(deps));
        }

        private void delete(DestroyRun.Context ctx, String what, Runnable call) {
            try {
                ctx.deleting(this);
                ctx.run(this, call);
                deletedAny = true;
                ctx.event(this, ProgressEvent.Phase.REQUESTED, "deleted " + what);
            } catch (ResourceNotFoundException gone) {
                // gone meanwhile
            }
        }
    }

    /**
     * Security group, subnets, VPC: refuse a group another group's rule references (naming the rule,
     * never editing it), wait for the network interfaces that still use the resource by describing
     * them, then delete.
     */
    static final class Network extends PerResource {
        Network(DestroyStep step) {
            super(step);
        }

        private boolean referencesChecked;

        @Override
        void act(DestroyRun.Context ctx) {
            if (confirmingDeletion(ctx)) {
                return;
            }
            String id = remaining.peekFirst();
            NetworkPort net = ctx.cloud().network();
            if (kind() == StepKind.SECURITY_GROUP && !referencesChecked) {
                referencesChecked = true;
                List<NetworkPort.SecurityGroupReference> refs = ctx.call(this, false, () -> net.securityGroupReferences(id));
                if (!refs.isEmpty()) {
                    ctx.fail(this, new io.tierstate.error.ResourceInUseException("ec2:DeleteSecurityGroup", "DependencyViolation",
                            null, "security group " + id + " is referenced by " + refs.stream().map(Object::toString)
                                    .reduce((a, b) -> a + "; " + b).orElse("") + ". TierState never edits another group:"
                                    + " remove that rule, then run destroy again", null));
                    return;
                }
            }
            NetworkPort.InterfaceFilter filter = switch (kind()) {
                case SECURITY_GROUP -> NetworkPort.InterfaceFilter.SECURITY_GROUP;
                case SUBNETS -> NetworkPort.InterfaceFilter.SUBNET;
                default -> NetworkPort.InterfaceFilter.VPC;
            };
            // the deployment's own instance is terminated by now: EC2 deletes its primary interface with it, and
            // the delete's in-use retry covers the moment that takes, so only others' interfaces are waited for
            java.util.Optional<String> ownInstance = ctx.state().instanceId();
            var clear = ctx.await(this, Waiter.polling("the network interfaces in " + id + " to go",
                    () -> net.networkInterfaces(filter, id).stream()
                            .filter(n -> n.attachedInstanceId().isEmpty() || !n.attachedInstanceId().equals(ownInstance)).toList())
                    .until(List::isEmpty)
                    .status(l -> l.stream().map(Object::toString).reduce((a, b) -> a + ", " + b).orElse(""))
                    .timeout(ENI_WAIT));
            if (clear == null) {
                return;
            }
            try {
                ctx.deleting(this);
                ctx.run(this, () -> {
                    switch (kind()) {
                        case SECURITY_GROUP -> net.deleteSecurityGroup(id);
                        case SUBNETS -> net.deleteSubnet(id);
                        default -> net.deleteVpc(id);
                    }
                });
            } catch (ResourceNotFoundException notFound) {
                confirmGone(ctx, id);
                return;
            }
            ctx.event(this, ProgressEvent.Phase.REQUESTED, "deleted " + kind().noun() + " " + id);
            awaitGone(ctx);
        }
    }

    /**
     * CloudFront: wait out a change in progress, disable with IfMatch, wait for Deployed, delete with
     * a fresh ETag. ETag races are retried a bounded number of times; DistributionNotDisabled for
     * {@link #NOT_DISABLED_BUDGET}.
     */
    static final class CloudFront extends StepRunner {
        private enum Phase { CHECK, DISABLE, WAIT_DISABLED, DELETE }

        private final boolean defer;
        private Phase phase = Phase.CHECK;
        private int races;
        private Instant notDisabledSince;
        private boolean disableRequested;

        CloudFront(DestroyStep step, boolean defer) {
            super(step);
            this.defer = defer;
        }

        @Override
        void act(DestroyRun.Context ctx) {
            String id = step.resourceIds().get(0);
            try {
                switch (phase) {
                    case CHECK -> check(ctx, id);
                    case DISABLE -> disable(ctx, id);
                    case WAIT_DISABLED -> waitDisabled(ctx, id);
                    case DELETE -> delete(ctx, id);
                    default -> throw new IllegalStateException(phase.name());
                }
            } catch (ResourceNotFoundException notFound) {
                Resources.Look look = ctx.call(this, true, () -> Resources.look(ctx.cloud(), ctx.state(), kind(), id));
                if (look.exists()) {
                    ctx.waitFor(this, "distribution " + id + " to answer consistently (" + look.detail() + ")");
                } else if (disableRequested) {
                    ctx.done(this, "deleted");
                } else {
                    ctx.gone(this, "a describe found nothing (" + id + ")");
                }
            }
        }

        private void check(DestroyRun.Context ctx, String id) {
            Distribution d = ctx.call(this, polls > 0, () -> ctx.cloud().cloudFront().getDistribution(id));
            ctx.recordCloudFront(d);
            if (d.enabled()) {
                if (d.status() == CloudFrontStatus.IN_PROGRESS) {
                    ctx.waitFor(this, "a change in progress to finish before disabling (InProgress)");
                } else {
                    phase = Phase.DISABLE;
                    due = ctx.now();
                }
                return;
            }
            disableRequested = true;
            if (deferHere(ctx)) {
                return;
            }
            if (d.status() == CloudFrontStatus.IN_PROGRESS) {
                phase = Phase.WAIT_DISABLED;
                ctx.waitFor(this, "the disable to propagate (InProgress)");
            } else {
                phase = Phase.DELETE;
                due = ctx.now();
            }
        }

        private void disable(DestroyRun.Context ctx, String id) {
            DistributionConfig cfg = ctx.call(this, false, () -> ctx.cloud().cloudFront().getDistributionConfig(id));
            if (cfg.enabled()) {
                try {
                    ctx.call(this, false, () -> ctx.cloud().cloudFront().setEnabled(id, false, cfg.etag()));
                } catch (PreconditionFailedException race) {
                    race(ctx, race);
                    return;
                }
                ctx.event(this, ProgressEvent.Phase.REQUESTED, "disable requested (IfMatch " + cfg.etag() + ")");
                ctx.recordCloudFront(CloudFrontStatus.IN_PROGRESS, false);
            }
            disableRequested = true;
            ctx.journal(this, "disable_requested", null, List.of());
            if (deferHere(ctx)) {
                return;
            }
            phase = Phase.WAIT_DISABLED;
            polls = 0;
            ctx.waitFor(this, "the disable to propagate (InProgress)");
        }

        /** With deferral, the step ends once the disable is requested; the deletion is left for later. */
        private boolean deferHere(DestroyRun.Context ctx) {
            if (defer) {
                ctx.pending(this, "disable requested; deletion deferred until it has propagated");
                return true;
            }
            return false;
        }

        private void waitDisabled(DestroyRun.Context ctx, String id) {
            Distribution d = ctx.call(this, true, () -> ctx.cloud().cloudFront().getDistribution(id));
            ctx.recordCloudFront(d);
            if (d.enabled()) {
                phase = Phase.DISABLE; // someone enabled it again
                due = ctx.now();
            } else if (d.status() == CloudFrontStatus.IN_PROGRESS) {
                ctx.waitFor(this, "the disable to propagate (InProgress)");
            } else {
                phase = Phase.DELETE;
                due = ctx.now();
            }
        }

        private void delete(DestroyRun.Context ctx, String id) {
            Distribution d = ctx.call(this, false, () -> ctx.cloud().cloudFront().getDistribution(id));
            if (d.enabled()) {
                phase = Phase.DISABLE;
                due = ctx.now();
                return;
            }
            if (d.status() == CloudFrontStatus.IN_PROGRESS) {
                phase = Phase.WAIT_DISABLED;
                ctx.waitFor(this, "the disable to propagate (InProgress)");
                return;
            }
            try {
                ctx.deleting(this);
                ctx.run(this, () -> ctx.cloud().cloudFront().deleteDistribution(id, d.etag()));
            } catch (PreconditionFailedException race) {
                race(ctx, race);
                return;
            } catch (DistributionNotDisabledException notYet) {
                if (notDisabledSince == null) {
                    notDisabledSince = ctx.now();
                }
                if (Duration.between(notDisabledSince, ctx.now()).compareTo(NOT_DISABLED_BUDGET) > 0) {
                    ctx.fail(this, notYet);
                    return;
                }
                ctx.event(this, ProgressEvent.Phase.RETRYING, "CloudFront says not disabled yet; disabling again and waiting");
                ctx.requesting(this);
                phase = Phase.DISABLE;
                polls = 0;
                ctx.waitFor(this, "the distribution to be deletable");
                return;
            }
            ctx.done(this, "deleted");
        }

        private void race(DestroyRun.Context ctx, PreconditionFailedException race) {
            if (++races > MAX_RACE_RETRIES) {
                ctx.fail(this, race);
                return;
            }
            ctx.event(this, ProgressEvent.Phase.RETRYING, "ETag changed meanwhile; reading a fresh one (attempt " + races + ")");
            due = ctx.now();
        }
    }
}
