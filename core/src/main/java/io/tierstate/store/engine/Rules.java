package io.tierstate.store.engine;

import io.tierstate.error.CorruptStateException;
import io.tierstate.error.InvalidInputException;
import io.tierstate.error.LeaseHeldException;
import io.tierstate.error.StateConflictException;
import io.tierstate.error.StateLockException;
import io.tierstate.error.TierStateException;
import io.tierstate.internal.StateCodec;
import io.tierstate.migration.MigrationResult;
import io.tierstate.migration.SchemaVersion;
import io.tierstate.migration.SharedHomeForm;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.StackName;
import io.tierstate.port.MigrationOutcome;
import io.tierstate.store.spi.StoreBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/** The checks and small rules of the engine, each written once. */
final class Rules {

    private Rules() {}

    static String checkLabel(String label) {
        if (label == null || !label.matches("[a-z][a-z0-9-]{0,39}") || label.endsWith("-")) {
            throw new InvalidInputException("a backup label is 1 to 40 lower-case letters, digits and dashes,"
                    + " starting with a letter, e.g. pre-destroy; not '" + label + "'");
        }
        return label;
    }

    static DeploymentState checkChange(String name, DeploymentState changed) {
        if (changed == null) {
            throw new InvalidInputException("the update function for '" + name + "' returned null; return the changed state");
        }
        if (!changed.stackName().equals(name)) {
            throw new InvalidInputException("the update function renamed '" + name + "' to '" + changed.stackName()
                    + "'; a deployment cannot be renamed in place: create the new name and delete the old one");
        }
        return changed;
    }

    /** One more than {@code stored}, refused at {@code Long.MAX_VALUE} rather than wrapped to a negative serial. */
    static long nextSerial(String name, String source, long stored) {
        if (stored < 0 || stored == Long.MAX_VALUE) {
            throw new CorruptStateException(source, 0, 0, "holds serial " + stored
                    + ", which cannot be incremented (serials run from 0 to " + (Long.MAX_VALUE - 1)
                    + "); set \"serial\" of '" + name + "' to a small whole number by hand or restore a backup", null);
        }
        return stored + 1;
    }

    static void checkLease(String name, String owner, Duration ttl) {
        StackName.validate(name);
        Objects.requireNonNull(owner, "owner");
        checkTtl(ttl);
    }

    static void checkTtl(Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new InvalidInputException("lease ttl must be positive, was " + ttl);
        }
    }

    static LeaseHeldException held(StoreBackend backend, String name, Instant now) {
        return backend.readLease(name).filter(r -> r.liveAt(now))
                .map(r -> new LeaseHeldException(name, r.owner(), r.expiresAt()))
                .orElseGet(() -> new LeaseHeldException(name, "nobody (it lapsed)", now));
    }

    /**
     * The label of the backup taken before overwriting a document: {@code schema-vN} for one older
     * than the current schema (a shared-home document is the v3 it carries), else none.
     */
    static Optional<String> overwriteLabel(byte[] current) {
        if (CurrentSchemaReader.startsWithCurrentVersion(current)) {
            return Optional.empty(); // how TierState writes every v3 document: no parse needed
        }
        int stored;
        try {
            stored = SchemaVersion.read(SharedHomeForm.toV3(StateCodec.parseTree(current, "<current>")));
        } catch (TierStateException e) {
            stored = 0;
        }
        return stored < DeploymentState.SCHEMA_VERSION ? Optional.of("schema-v" + stored) : Optional.empty();
    }

    static MigrationOutcome outcome(String name, String source, MigrationResult result, boolean dryRun,
            Optional<String> backup) {
        MigrationOutcome.Result r = !result.changed() ? MigrationOutcome.Result.UP_TO_DATE
                : dryRun ? MigrationOutcome.Result.WOULD_MIGRATE : MigrationOutcome.Result.MIGRATED;
        return new MigrationOutcome(name, source, r, result.fromVersion(), result.toVersion(),
                result.appliedSteps(), backup, Optional.empty());
    }

    /** Runs a read-modify-write until it meets no conflict, pausing a short, growing, random time between attempts. */
    static <T> T retryConflicts(int attempts, Supplier<T> body) {
        StateConflictException last = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            try {
                return body.get();
            } catch (StateConflictException e) {
                last = e;
                pause(attempt);
            }
        }
        throw Objects.requireNonNull(last, "attempts must be at least 1");
    }

    private static void pause(int attempt) {
        long bound = Math.min(2L << Math.min(attempt, 6), 100);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateLockException("interrupted while retrying a conflicting update", e);
        }
    }
}
