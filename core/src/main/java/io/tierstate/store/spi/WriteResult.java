package io.tierstate.store.spi;

import io.tierstate.port.StateBackup;
import java.util.Objects;
import java.util.Optional;

/**
 * What a conditional write did: whether its condition held and it was written, and the backup kept
 * with it. A write whose condition failed keeps no backup.
 *
 * @param written whether the condition held and the write is durable
 * @param backup the backup kept with the write, when one was asked for and the write happened
 */
public record WriteResult(boolean written, Optional<StateBackup> backup) {

    private static final WriteResult CONFLICT = new WriteResult(false, Optional.empty());

    /** Checks the parts. */
    public WriteResult {
        Objects.requireNonNull(backup, "backup");
    }

    /** @return the result of a write whose condition did not hold */
    public static WriteResult conflict() {
        return CONFLICT;
    }

    /**
     * @param backup the backup kept, if any
     * @return the result of a write that happened
     */
    public static WriteResult written(Optional<StateBackup> backup) {
        return new WriteResult(true, backup);
    }
}
