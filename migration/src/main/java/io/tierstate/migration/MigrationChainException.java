package io.tierstate.migration;

import io.tierstate.error.TierStateException;
import java.util.List;

/**
 * Thrown when a chain of upgraders is unusable: when {@link StateMigrator.Builder#build()} finds
 * gaps, duplicates or upgraders outside the target range, or when an upgrader does not record
 * itself in the document it upgraded.
 *
 * <p>This is a programming error in the upgraders, not a problem of a document. The message lists
 * every offender at once, e.g. {@code "invalid migration chain to v4: duplicate upgraders from v2:
 * A, B; gap: nothing upgrades v3 to v4; ..."}; {@link #problems()} returns them one by one.
 */
public final class MigrationChainException extends TierStateException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /**
     * Creates an exception for a single chain problem.
     *
     * @param message what is wrong with the chain and how to fix it
     */
    public MigrationChainException(String message) {
        super(message);
        this.problems = List.of(message);
    }

    private MigrationChainException(String message, List<String> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    /**
     * Returns each problem found, in the order they appear in the message.
     *
     * @return one entry per offender, never empty
     */
    public List<String> problems() {
        return problems;
    }

    static MigrationChainException invalidChain(int targetVersion, List<String> problems) {
        String fix = targetVersion == 1
                ? "a chain with targetVersion(1) needs no upgraders"
                : "StateMigrator.builder() needs exactly one Upgrader from each version v1 to v"
                        + (targetVersion - 1) + ", each going up one version";
        return new MigrationChainException("invalid migration chain to v" + targetVersion + ": "
                + String.join("; ", problems) + "; " + fix, problems);
    }
}
