package io.tierstate;

/** How {@link DeploymentQuery} orders deployments. */
public enum SortKey {
    /** By stack name, A to Z (the default). */
    NAME,
    /** By creation time, oldest first; deployments without one come last. */
    CREATED,
    /**
     * By estimated monthly cost (default usage profile), cheapest first, then by name; deployments
     * whose price is unknown come last, also with {@link DeploymentQuery#descending()}.
     */
    COST
}
