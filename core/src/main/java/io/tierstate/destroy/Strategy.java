package io.tierstate.destroy;

/** How destroy orders its steps. */
public enum Strategy {
    /**
     * One step at a time, in the order of SPEC §5: CloudFront (disable, wait, delete), ALB and
     * target group, instance, IAM, EFS, networking. Wall time is the sum of the steps.
     */
    SEQUENTIAL,
    /**
     * Request the CloudFront disable first, tear everything else down while it propagates (each
     * step as soon as what depends on it is gone), delete the distribution last. Wall time is about
     * the longest path, usually CloudFront's ~15 minutes.
     */
    OVERLAPPED
}
