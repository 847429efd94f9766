package io.tierstate.error;

import java.util.List;

/**
 * Destroy found, before deleting anything, resources that refuse deletion as they are: an instance
 * with termination protection, a load balancer with deletion protection. Nothing was deleted. Turn
 * the protection off yourself, or let destroy do it first with {@code destroy().disableProtection()}
 * ({@code --disable-protection}).
 */
public class DestroyBlockedException extends CloudException {

    private static final long serialVersionUID = 1L;

    private final List<String> obstacles;

    /**
     * Creates the exception.
     *
     * @param deployment the stack name
     * @param obstacles one sentence per blocked resource
     * @param fix what to do, in the caller's words
     */
    public DestroyBlockedException(String deployment, List<String> obstacles, String fix) {
        super("destroy of '" + deployment + "' stopped before deleting anything: " + String.join("; ", obstacles) + "; "
                + fix, false);
        this.obstacles = List.copyOf(obstacles);
    }

    /** @return one sentence per blocked resource */
    public List<String> obstacles() {
        return obstacles;
    }
}
