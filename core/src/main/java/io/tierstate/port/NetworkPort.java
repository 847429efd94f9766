package io.tierstate.port;

/** VPCs, subnets and security groups. */
public interface NetworkPort {

    /**
     * Deletes a security group.
     *
     * @param groupId e.g. {@code sg-0abc}
     * @throws io.tierstate.ResourceInUseException while a network interface still uses it (DependencyViolation)
     * @throws io.tierstate.ResourceNotFoundException when it does not exist
     */
    void deleteSecurityGroup(String groupId);

    /**
     * Deletes a subnet.
     *
     * @param subnetId e.g. {@code subnet-0abc}
     * @throws io.tierstate.ResourceInUseException while something still lives in it
     * @throws io.tierstate.ResourceNotFoundException when it does not exist
     */
    void deleteSubnet(String subnetId);

    /**
     * Deletes a VPC, with its internet gateways and non-main route tables.
     *
     * @param vpcId e.g. {@code vpc-0abc}
     * @throws io.tierstate.ResourceInUseException while subnets or security groups remain
     * @throws io.tierstate.ResourceNotFoundException when it does not exist
     */
    void deleteVpc(String vpcId);
}
