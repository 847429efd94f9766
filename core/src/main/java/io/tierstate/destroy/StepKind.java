package io.tierstate.destroy;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of teardown step, one per kind of resource a deployment records, in the order a
 * {@link Strategy#SEQUENTIAL} destroy runs them. {@link #id()} is the name the journal and the JSON
 * forms use.
 */
public enum StepKind {
    /** The CloudFront distribution: disable, wait for the change to propagate, delete. */
    CLOUDFRONT("cloudfront", "CloudFront distribution"),
    /** The Application Load Balancer (its listeners go with it). */
    ALB("alb", "load balancer"),
    /** The ALB's target group. */
    TARGET_GROUP("target_group", "target group"),
    /** The EC2 instance (its persistent spot request is cancelled first). */
    INSTANCE("instance", "instance"),
    /** The IAM instance profile. */
    IAM_INSTANCE_PROFILE("iam_instance_profile", "instance profile"),
    /** The IAM role (removed from every instance profile first). */
    IAM_ROLE("iam_role", "role"),
    /** The EFS mount targets. */
    EFS_MOUNT_TARGETS("efs_mount_targets", "mount target"),
    /** The EFS file system (its access points and replication go first). */
    EFS("efs", "file system"),
    /** What lives in a created VPC: endpoints, NAT gateways and their Elastic IPs, internet gateways, route tables, network ACLs. */
    VPC_DEPENDENTS("vpc_dependents", "VPC dependent"),
    /** The security group. */
    SECURITY_GROUP("security_group", "security group"),
    /** The subnets. */
    SUBNETS("subnets", "subnet"),
    /** The VPC. */
    VPC("vpc", "VPC");

    private final String id;
    private final String noun;

    StepKind(String id, String noun) {
        this.id = id;
        this.noun = noun;
    }

    /** @return the step id, e.g. {@code target_group} */
    public String id() {
        return id;
    }

    /** @return what one of its resources is called in messages, e.g. {@code target group} */
    public String noun() {
        return noun;
    }

    /**
     * Looks a kind up by its id.
     *
     * @param id e.g. {@code efs_mount_targets}
     * @return the kind, or empty for an id this version does not know
     */
    public static Optional<StepKind> fromId(String id) {
        for (StepKind k : values()) {
            if (k.id.equals(id)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}
