package io.tierstate.destroy;

import io.tierstate.DistributionNotDisabledException;
import io.tierstate.PreconditionFailedException;
import io.tierstate.ResourceNotFoundException;
import io.tierstate.model.CloudFrontStatus;
import io.tierstate.port.Distribution;
import io.tierstate.port.DistributionConfig;
import io.tierstate.port.FileSystemPort;
import io.tierstate.port.InstanceDescription;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The step runners, one per kind of resource. */
final class Steps {

    /** How often a conditional write is retried after an ETag race, or a delete after DistributionNotDisabled. */
    static final int MAX_RACE_RETRIES = 6;

    private Steps() {}

    static StepRunner runnerFor(DestroyStep step, boolean deferCloudFront) {
        return switch (step.id()) {
            case Planner.CLOUDFRONT -> new CloudFront(step, deferCloudFront);
            case Planner.ALB -> new LoadBalancer(step);
            case Planner.TARGET_GROUP -> new Simple(step, "target group", (ctx, id) -> ctx.cloud().loadBalancing().deleteTargetGroup(id));
            case Planner.INSTANCE -> new Instance(step);
            case Planner.IAM_PROFILE -> new Simple(step, "instance profile", (ctx, id) -> ctx.cloud().identity().deleteInstanceProfile(id));
            case Planner.IAM_ROLE -> new Simple(step, "role", (ctx, id) -> ctx.cloud().identity().deleteRole(id));
            case Planner.MOUNT_TARGETS -> new MountTargets(step);
            case Planner.EFS -> new Simple(step, "file system", (ctx, id) -> ctx.cloud().fileSystems().deleteFileSystem(id));
            case Planner.SECURITY_GROUP -> new Simple(step, "security group", (ctx, id) -> ctx.cloud().network().deleteSecurityGroup(id));
            case Planner.SUBNETS -> new Simple(step, "subnet", (ctx, id) -> ctx.cloud().network().deleteSubnet(id));
            case Planner.VPC -> new Simple(step, "VPC", (ctx, id) -> ctx.cloud().network().deleteVpc(id));
            default -> throw new IllegalArgumentException("no runner for step " + step.id());
        };
    }

    /** A delete that takes effect at once; NotFound counts as done; "in use" is waited out. */
    static final class Simple extends StepRunner {
        interface Delete {
            void delete(DestroyRun.Context ctx, String id);
        }

        private final String what;
        private final Delete delete;
        private final Deque<String> remaining;

        Simple(DestroyStep step, String what, Delete delete) {
            super(step);
            this.what = what;
            this.delete = delete;
            this.remaining = new ArrayDeque<>(step.resourceIds());
        }

        @Override
        void act(DestroyRun.Context ctx) {
            String id = remaining.peekFirst();
            try {
                ctx.call(this, false, () -> {
                    delete.delete(ctx, id);
                    return null;
                });
                ctx.event(this, ProgressEvent.Phase.REQUESTED, "deleted " + what + " " + id);
            } catch (ResourceNotFoundException gone) {
                ctx.event(this, ProgressEvent.Phase.REQUESTED, what + " " + id + " was already gone");
            }
            remaining.removeFirst();
            inUseSince = null;
            if (remaining.isEmpty()) {
                ctx.done(this, String.join(", ", step.resourceIds()));
            } else {
                due = ctx.now();
            }
        }
    }

    /** ALB: delete (listeners go with it), then wait until it is no longer described. */
    static final class LoadBalancer extends StepRunner {
        private boolean requested;

        LoadBalancer(DestroyStep step) {
            super(step);
        }

        @Override
        void act(DestroyRun.Context ctx) {
            String arn = step.resourceIds().get(0);
            try {
                if (!requested) {
                    ctx.call(this, false, () -> {
                        ctx.cloud().loadBalancing().deleteLoadBalancer(arn);
                        return null;
                    });
                    requested = true;
                    ctx.event(this, ProgressEvent.Phase.REQUESTED, "load balancer deletion requested");
                    ctx.waitFor(this, "the load balancer to go");
                    return;
                }
                ctx.call(this, true, () -> ctx.cloud().loadBalancing().describeLoadBalancer(arn));
                ctx.waitFor(this, "the load balancer to go");
            } catch (ResourceNotFoundException gone) {
                ctx.done(this, arn);
            }
        }
    }

    /** EC2: terminate, then wait for TERMINATED. */
    static final class Instance extends StepRunner {
        private boolean requested;

        Instance(DestroyStep step) {
            super(step);
        }

        @Override
        void act(DestroyRun.Context ctx) {
            String id = step.resourceIds().get(0);
            try {
                InstanceDescription d = ctx.call(this, requested, () -> ctx.cloud().compute().describeInstance(id));
                if (d.state() == InstanceDescription.State.TERMINATED) {
                    ctx.done(this, id);
                    return;
                }
                if (!requested) {
                    ctx.call(this, false, () -> {
                        ctx.cloud().compute().terminateInstance(id);
                        return null;
                    });
                    requested = true;
                    ctx.event(this, ProgressEvent.Phase.REQUESTED, "termination requested");
                }
                ctx.waitFor(this, "the instance to terminate (" + d.state().name().toLowerCase(java.util.Locale.ROOT) + ")");
            } catch (ResourceNotFoundException gone) {
                ctx.done(this, id);
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
            String fs = ctx.state().efsId().orElse(null);
            List<String> recorded = step.resourceIds().stream().filter(r -> r.startsWith("fsmt-")).toList();
            if (fs == null) {
                for (String mt : recorded) {
                    try {
                        ctx.call(this, false, () -> {
                            ctx.cloud().fileSystems().deleteMountTarget(mt);
                            return null;
                        });
                    } catch (ResourceNotFoundException gone) {
                        // already gone
                    }
                }
                ctx.done(this, String.join(", ", recorded));
                return;
            }
            try {
                List<FileSystemPort.MountTarget> live = ctx.call(this, requested, () -> ctx.cloud().fileSystems().mountTargets(fs));
                if (live.isEmpty()) {
                    ctx.done(this, recorded.isEmpty() ? "all of " + fs : String.join(", ", recorded));
                    return;
                }
                for (FileSystemPort.MountTarget mt : live) {
                    if (!"deleting".equalsIgnoreCase(mt.lifeCycleState()) && !"deleted".equalsIgnoreCase(mt.lifeCycleState())) {
                        try {
                            ctx.call(this, false, () -> {
                                ctx.cloud().fileSystems().deleteMountTarget(mt.id());
                                return null;
                            });
                        } catch (ResourceNotFoundException gone) {
                            // deleted meanwhile
                        }
                    }
                }
                if (!requested) {
                    ctx.event(this, ProgressEvent.Phase.REQUESTED, "deletion of " + live.size() + " mount target(s) requested");
                }
                requested = true;
                ctx.waitFor(this, "the mount targets to go");
            } catch (ResourceNotFoundException gone) {
                ctx.done(this, "all of " + fs + " (file system already gone)");
            }
        }
    }

    /**
     * CloudFront: wait out a change in progress, disable with IfMatch, wait for Deployed, delete with
     * a fresh ETag. ETag races and DistributionNotDisabled are retried a bounded number of times.
     */
    static final class CloudFront extends StepRunner {
        private enum Phase { CHECK, DISABLE, WAIT_DISABLED, DELETE }

        private final boolean defer;
        private Phase phase = Phase.CHECK;
        private int races;
        private int notDisabled;

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
            } catch (ResourceNotFoundException gone) {
                ctx.done(this, id + (calls <= 1 ? " (already gone)" : ""));
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
            disabled(ctx);
            if (finished()) {
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
            ctx.journal(this, "disable_requested", null);
            disabled(ctx);
            if (finished()) {
                return;
            }
            phase = Phase.WAIT_DISABLED;
            polls = 0;
            ctx.waitFor(this, "the disable to propagate (InProgress)");
        }

        /** The disable is requested: dependants may go; with deferral this step ends here. */
        private void disabled(DestroyRun.Context ctx) {
            readyForDependants = true;
            if (defer) {
                ctx.pending(this, "disable requested; deletion deferred until it has propagated");
            }
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
                ctx.call(this, false, () -> {
                    ctx.cloud().cloudFront().deleteDistribution(id, d.etag());
                    return null;
                });
            } catch (PreconditionFailedException race) {
                race(ctx, race);
                return;
            } catch (DistributionNotDisabledException notYet) {
                if (++notDisabled > MAX_RACE_RETRIES) {
                    ctx.fail(this, notYet);
                    return;
                }
                ctx.event(this, ProgressEvent.Phase.RETRYING, "CloudFront says not disabled yet; disabling again and waiting");
                phase = Phase.DISABLE;
                polls = 0;
                ctx.waitFor(this, "the distribution to be deletable");
                return;
            }
            ctx.done(this, id);
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
