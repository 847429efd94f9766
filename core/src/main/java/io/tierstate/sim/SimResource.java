package io.tierstate.sim;

import java.util.Objects;

/**
 * One resource of the simulated world, as {@link SimulatedCloud#liveResources()} lists it.
 *
 * @param kind what it is
 * @param id its id as the ports name it: an instance id, a load balancer or target group ARN, an
 *     IAM role or instance profile name, a distribution id ...
 */
public record SimResource(Kind kind, String id) {

    /** Checks that both values are present. */
    public SimResource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }

    /** The kinds of resource the simulated cloud knows, in the order they are usually created. */
    public enum Kind {
        /** A VPC ({@code vpc-...}). */
        VPC,
        /** A subnet ({@code subnet-...}). */
        SUBNET,
        /** A security group ({@code sg-...}). */
        SECURITY_GROUP,
        /** An EFS file system ({@code fs-...}). */
        FILE_SYSTEM,
        /** An EFS mount target ({@code fsmt-...}). */
        MOUNT_TARGET,
        /** An IAM role, named by its name. */
        IAM_ROLE,
        /** An IAM instance profile, named by its name. */
        INSTANCE_PROFILE,
        /** An EC2 instance ({@code i-...}). */
        INSTANCE,
        /** An Application Load Balancer, named by its ARN. */
        LOAD_BALANCER,
        /** A target group, named by its ARN. */
        TARGET_GROUP,
        /** A CloudFront distribution ({@code E...}). */
        DISTRIBUTION,
        /** A network interface ({@code eni-...}) made for an instance, a load balancer, a mount target, an endpoint or a NAT gateway. */
        NETWORK_INTERFACE,
        /** An internet gateway ({@code igw-...}). */
        INTERNET_GATEWAY,
        /** An egress-only internet gateway ({@code eigw-...}). */
        EGRESS_ONLY_INTERNET_GATEWAY,
        /** A NAT gateway ({@code nat-...}), listed until {@code deleted}. */
        NAT_GATEWAY,
        /** An Elastic IP allocation ({@code eipalloc-...}). */
        ELASTIC_IP,
        /** A VPC endpoint ({@code vpce-...}). */
        VPC_ENDPOINT,
        /** A route table other than a VPC's main one ({@code rtb-...}). */
        ROUTE_TABLE,
        /** A network ACL other than a VPC's default one ({@code acl-...}). */
        NETWORK_ACL,
        /** A spot instance request ({@code sir-...}), listed while it is open or active. */
        SPOT_REQUEST,
        /** An EFS access point ({@code fsap-...}). */
        ACCESS_POINT;

        /** @return whether it lives in no region (IAM, CloudFront) */
        boolean global() {
            return this == IAM_ROLE || this == INSTANCE_PROFILE || this == DISTRIBUTION;
        }
    }

    @Override
    public String toString() {
        return kind + " " + id;
    }
}
