package io.tierstate.view;

import io.tierstate.model.CloudFrontStatus;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.Status;
import io.tierstate.model.Tier;
import java.time.Instant;
import java.util.Optional;

/**
 * One row of the deployment list: what a person scanning many deployments needs.
 *
 * @param name the stack name
 * @param status the lifecycle status
 * @param tier the tier
 * @param region the region
 * @param endpoint where users reach it: the CloudFront domain for Tier 3, else the ALB DNS name, else
 *     the public IP
 * @param gpu whether it runs on a GPU instance
 * @param cdnStatus the CloudFront status as last seen, when it has a distribution and it is known
 * @param createdAt when it was created
 */
public record DeploymentSummary(String name, Status status, Tier tier, String region, Optional<String> endpoint,
        boolean gpu, Optional<CloudFrontStatus> cdnStatus, Optional<Instant> createdAt) {

    /**
     * Summarises a state.
     *
     * @param s the state
     * @return its summary
     */
    public static DeploymentSummary of(DeploymentState s) {
        Optional<String> endpoint = s.tier() == Tier.GPU
                ? s.cloudFrontDomainName().or(s::albDns).or(s::publicIp)
                : s.albDns().or(s::publicIp);
        return new DeploymentSummary(s.stackName(), s.status(), s.tier(), s.region(), endpoint, s.gpuEnabled(),
                s.cloudFrontStatus(), s.createdAt());
    }
}
