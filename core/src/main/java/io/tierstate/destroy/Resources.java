package io.tierstate.destroy;

import io.tierstate.error.ResourceNotFoundException;
import io.tierstate.model.DeploymentState;
import io.tierstate.port.Cloud;
import io.tierstate.port.FileSystemPort;
import io.tierstate.port.InstanceDescription;
import io.tierstate.port.NetworkPort;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How to tell, for each kind of step, whether one of its resources exists: one describe call per resource. */
final class Resources {

    private Resources() {}

    /**
     * What a describe said.
     *
     * @param exists whether the resource is there
     * @param detail what the describe said, e.g. {@code running}, {@code NotFound}
     */
    record Look(boolean exists, String detail) {}

    /** The tags that mark a stack's own resources, as GeuseMaker (and TierState) tag them. */
    static Map<String, String> stackTags(DeploymentState s) {
        return Map.of("Stack", s.stackName());
    }

    /**
     * Describes one resource.
     *
     * @throws io.tierstate.error.CloudOperationException for anything but NotFound
     */
    static Look look(Cloud c, DeploymentState s, StepKind kind, String id) {
        try {
            return switch (kind) {
                case CLOUDFRONT -> {
                    var d = c.cloudFront().getDistribution(id);
                    yield new Look(true, d.status() + (d.enabled() ? ", enabled" : ", disabled"));
                }
                case ALB -> new Look(true, c.loadBalancing().describeLoadBalancer(id).state());
                case TARGET_GROUP -> {
                    var tg = c.loadBalancing().describeTargetGroup(id);
                    yield new Look(true, tg.loadBalancerArns().isEmpty() ? "exists" : "used by " + tg.loadBalancerArns());
                }
                case INSTANCE -> {
                    InstanceDescription i = c.compute().describeInstance(id);
                    String state = i.state().name().toLowerCase(Locale.ROOT);
                    yield new Look(i.state() != InstanceDescription.State.TERMINATED, state);
                }
                case IAM_INSTANCE_PROFILE -> new Look(true, "exists: " + c.identity().describeInstanceProfile(id).arn());
                case IAM_ROLE -> new Look(true, "exists: " + c.identity().describeRole(id).arn());
                case EFS_MOUNT_TARGETS -> mountTarget(c, s, id);
                case EFS -> {
                    FileSystemPort.FileSystemDescription fs = c.fileSystems().describeFileSystem(id);
                    yield new Look(!"deleted".equalsIgnoreCase(fs.lifeCycleState()), fs.lifeCycleState());
                }
                case VPC_DEPENDENTS -> {
                    NetworkPort.VpcDependents deps = c.network().vpcDependents(id, stackTags(s));
                    yield new Look(!deps.isEmpty(), deps.isEmpty() ? "none" : describe(deps));
                }
                case SECURITY_GROUP -> new Look(true, "exists: " + c.network().describeSecurityGroup(id).name());
                case SUBNETS -> new Look(true, "exists in " + c.network().describeSubnet(id).vpcId());
                case VPC -> new Look(true, c.network().describeVpc(id).isDefault() ? "exists (the default VPC)" : "exists");
            };
        } catch (ResourceNotFoundException gone) {
            return new Look(false, "NotFound" + gone.errorCode().map(code -> " (" + code + ")").orElse(""));
        }
    }

    private static Look mountTarget(Cloud c, DeploymentState s, String id) {
        String fs = id.startsWith("all of ") ? id.substring("all of ".length()) : s.efsId().orElse(null);
        if (fs == null) {
            return new Look(false, "no file system recorded to list it under");
        }
        List<FileSystemPort.MountTarget> live = c.fileSystems().mountTargets(fs).stream()
                .filter(m -> !"deleted".equalsIgnoreCase(m.lifeCycleState())).toList();
        if (id.startsWith("all of ")) {
            return new Look(!live.isEmpty(), live.isEmpty() ? "none left" : live.size() + " left");
        }
        return live.stream().filter(m -> m.id().equals(id)).findFirst()
                .map(m -> new Look(true, m.lifeCycleState())).orElse(new Look(false, "not listed under " + fs));
    }

    static String describe(NetworkPort.VpcDependents d) {
        StringBuilder out = new StringBuilder();
        d.vpcEndpoints().forEach(e -> out.append(e.id()).append(" (endpoint, ").append(e.state()).append("), "));
        d.natGateways().forEach(n -> out.append(n.id()).append(" (NAT gateway, ").append(n.state())
                .append(n.allocationIds().isEmpty() ? "" : ", Elastic IP " + String.join(" ", n.allocationIds())).append("), "));
        d.internetGateways().forEach(g -> out.append(g.id()).append(g.attachedTo().isPresent() ? " (internet gateway), "
                : " (detached internet gateway), "));
        d.egressOnlyInternetGateways().forEach(g -> out.append(g).append(" (egress-only internet gateway), "));
        d.routeTables().forEach(r -> out.append(r).append(" (route table), "));
        d.networkAcls().forEach(a -> out.append(a).append(" (network ACL), "));
        return out.length() == 0 ? "none" : out.substring(0, out.length() - 2);
    }
}
