package io.tierstate.destroy;

/**
 * What describing a planned resource found, before anything is deleted: that it is there, that it
 * is already gone, or something that changes how (or whether) it can be deleted.
 *
 * @param step the step the resource belongs to
 * @param resourceId the resource, e.g. {@code i-0abc}
 * @param kind what was found
 * @param message a sentence for people, e.g. {@code termination protection is on}
 */
public record Finding(StepKind step, String resourceId, Kind kind, String message) {

    /** What describing a resource found. */
    public enum Kind {
        /** It exists and will be deleted. */
        PRESENT,
        /** A describe confirmed it does not exist (after the retries for eventual consistency). */
        GONE,
        /** It refuses deletion as it is (termination or deletion protection); blocks the destroy unless {@code disableProtection()}. */
        PROTECTED,
        /** A persistent spot request would relaunch it; destroy cancels the request first. */
        RELAUNCHES,
        /** Another security group's rule references it; the step will fail, and TierState never edits the other group. */
        REFERENCED,
        /** Something else that destroy will delete or change first (access points, replication, other instance profiles, VPC dependents). */
        DEPENDENT,
        /** What stands in the way could not be read (the call failed); the step finds out when it deletes. */
        UNCHECKED
    }

    /** @return whether this finding stops the destroy before anything is deleted unless protection may be disabled */
    public boolean blocks() {
        return kind == Kind.PROTECTED;
    }

    @Override
    public String toString() {
        return step.id() + " " + resourceId + ": " + message;
    }
}
