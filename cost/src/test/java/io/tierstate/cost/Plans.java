package io.tierstate.cost;

/**
 * Plans shaped like the three deployment tiers, as {@code io.tierstate.model.CostSubjects.plan} in the core
 * makes them (this module cannot see the core's {@code Tier}).
 */
final class Plans {

    private Plans() {}

    /** Tier 1: EC2 and EFS, labelled {@code dev}. */
    static Plan.Builder dev() {
        return Plan.builder().label("dev");
    }

    /** Tier 2: Tier 1 plus an ALB, labelled {@code automation}. */
    static Plan.Builder automation() {
        return Plan.builder().label("automation").hasAlb(true);
    }

    /** Tier 3: Tier 2 plus CloudFront, labelled {@code gpu}. */
    static Plan.Builder gpu() {
        return Plan.builder().label("gpu").hasAlb(true).hasCloudFront(true);
    }

    static Plan dev(String instanceType) {
        return dev().instanceType(instanceType).build();
    }

    static Plan automation(String instanceType) {
        return automation().instanceType(instanceType).build();
    }

    static Plan gpu(String instanceType) {
        return gpu().instanceType(instanceType).build();
    }
}
