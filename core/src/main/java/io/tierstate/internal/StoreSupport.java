package io.tierstate.internal;

import io.tierstate.error.CorruptStateException;
import io.tierstate.error.StateConflictException;
import io.tierstate.error.StateLockException;
import io.tierstate.error.TierStateException;
import io.tierstate.migration.MigrationResult;
import io.tierstate.migration.SchemaVersion;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.StackName;
import io.tierstate.port.MigrationOutcome;
import io.tierstate.port.StateBackup;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * What every state store does the same way, so the remote stores keep the file store's rules
 * without copying them: decoding with the name check, the upgrade check before a migration, the
 * labels of backups and their names, gzip, the retry of optimistic conflicts. Not API.
 */
public final class StoreSupport {

    /** How many times {@code update(fn)} tries before giving up on a deployment under heavy contention. */
    public static final int DEFAULT_MAX_ATTEMPTS = 50;

    /** The routine backups kept per deployment, as the file store keeps them. */
    public static final int DEFAULT_BACKUPS_KEPT = 10;

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS");
    private static final int STAMP_LENGTH = 18;
    private static final String GZ = ".json.gz";

    private StoreSupport() {}

    /**
     * Reads a stored document all the way and checks that it is the document of {@code name}.
     *
     * @param name the name it is stored under
     * @param bytes the document
     * @param source the object or row, for messages
     * @return the state, migrated in memory
     * @throws CorruptStateException when it cannot be read or holds another stack's state
     */
    public static DeploymentState decode(String name, byte[] bytes, String source) {
        DeploymentState state = StateCodec.read(bytes, source);
        if (!state.stackName().equals(name)) {
            throw new CorruptStateException(source, 0, 0, "holds stack_name '" + state.stackName()
                    + "' but is stored as '" + name + "'; store it under " + state.stackName()
                    + " or correct stack_name", null);
        }
        return state;
    }

    /**
     * Upgrades a stored document in memory and checks that the result maps to the model, so that
     * nothing is written when it would not.
     *
     * @param bytes the document as stored
     * @param source the object or row, for messages
     * @return the migration result
     */
    public static MigrationResult migrated(byte[] bytes, String source) {
        MigrationResult result = StateCodec.migrate(StateCodec.parseTree(bytes, source), source);
        StateCodec.fromTree(result.document(), source);
        return result;
    }

    /**
     * Describes what migrating one document did or would do.
     *
     * @param name the deployment
     * @param source the object or row
     * @param result the in-memory upgrade
     * @param dryRun whether nothing was written
     * @param backup where the original was kept, when it was
     * @return the outcome
     */
    public static MigrationOutcome outcome(String name, String source, MigrationResult result, boolean dryRun,
            Optional<String> backup) {
        MigrationOutcome.Result r = !result.changed() ? MigrationOutcome.Result.UP_TO_DATE
                : dryRun ? MigrationOutcome.Result.WOULD_MIGRATE : MigrationOutcome.Result.MIGRATED;
        return new MigrationOutcome(name, source, r, result.fromVersion(), result.toVersion(),
                result.appliedSteps(), backup, Optional.empty());
    }

    /**
     * Whether a file name is one of a deployment's archived documents, {@code NAME-STAMP[-COUNTER].json};
     * the stamp starts with a digit, so the archives of {@code web-2} are not those of {@code web}.
     *
     * @param name the deployment
     * @param fileName the last part of the name
     * @return whether it is
     */
    public static boolean isArchiveOf(String name, String fileName) {
        return fileName.startsWith(name + "-") && fileName.endsWith(".json") && fileName.length() > name.length() + 1
                && Character.isDigit(fileName.charAt(name.length() + 1));
    }

    /**
     * An order for archived documents of one deployment, {@code NAME-STAMP[-COUNTER].json}: by
     * stamp, then counter (none before 1001), so the greatest key is the newest archive.
     *
     * @param name the deployment
     * @param fileName an archive's file name, one {@link #isArchiveOf(String, String)} accepts
     * @return a key that sorts as the archives were written
     */
    public static String archiveOrderKey(String name, String fileName) {
        String rest = fileName.substring(name.length() + 1, fileName.length() - ".json".length());
        int dash = rest.indexOf('-');
        String stampPart = dash < 0 ? rest : rest.substring(0, dash);
        String counter = dash < 0 ? "" : rest.substring(dash + 1);
        return stampPart + "#" + "0".repeat(Math.max(0, 10 - counter.length())) + counter;
    }

    /**
     * Checks the label of a backup a caller asks for.
     *
     * @param label e.g. {@code pre-destroy}
     * @return the label
     * @throws io.tierstate.error.InvalidInputException when it is not lower-case letters, digits and dashes
     */
    public static String checkLabel(String label) {
        if (label == null || !label.matches("[a-z][a-z0-9-]{0,39}") || label.endsWith("-")) {
            throw new io.tierstate.error.InvalidInputException("a backup label is 1 to 40 lower-case letters, digits and dashes,"
                    + " starting with a letter, e.g. pre-destroy; not '" + label + "'");
        }
        return label;
    }

    /**
     * The label of the backup taken before overwriting a document, when it must be labelled.
     *
     * @param current the stored document
     * @return {@code schema-vN} for a document older than the current schema, else {@code null}
     */
    public static String overwriteLabel(byte[] current) {
        int stored;
        try {
            // a shared-home document is the v3 it carries: overwriting it is routine, not an upgrade
            stored = SchemaVersion.read(io.tierstate.migration.SharedHomeForm.toV3(StateCodec.parseTree(current, "<current>")));
        } catch (TierStateException e) {
            stored = 0;
        }
        return stored < DeploymentState.SCHEMA_VERSION ? "schema-v" + stored : null;
    }

    /**
     * Checks what an update function returned.
     *
     * @param name the deployment being updated
     * @param changed the function's result
     * @return {@code changed}
     * @throws IllegalArgumentException when it is {@code null} or renames the deployment
     */
    public static DeploymentState checkChange(String name, DeploymentState changed) {
        if (changed == null) {
            throw new IllegalArgumentException("the update function for '" + name + "' returned null; return the changed state");
        }
        if (!changed.stackName().equals(name)) {
            throw new IllegalArgumentException("the update function renamed '" + name + "' to '" + changed.stackName()
                    + "'; a deployment cannot be renamed in place: create the new name and delete the old one");
        }
        return changed;
    }

    /**
     * The serial of the next write: one more than the stored one, refused at {@code Long.MAX_VALUE}
     * rather than wrapped to a negative number (which every later conflict check would get wrong).
     *
     * @param name the deployment
     * @param source the file or object, for the message
     * @param stored the serial stored now
     * @return {@code stored + 1}
     * @throws io.tierstate.error.CorruptStateException when {@code stored} cannot be incremented
     */
    public static long nextSerial(String name, String source, long stored) {
        if (stored < 0 || stored == Long.MAX_VALUE) {
            throw new io.tierstate.error.CorruptStateException(source, 0, 0, "holds serial " + stored
                    + ", which cannot be incremented (serials run from 0 to " + (Long.MAX_VALUE - 1)
                    + "); set \"serial\" of '" + name + "' to a small whole number by hand or restore a backup", null);
        }
        return stored + 1;
    }

    /**
     * Checks the arguments of {@code acquireLease} before any I/O.
     *
     * @param name the deployment
     * @param owner who takes the lease
     * @param ttl how long it lasts
     */
    public static void checkLease(String name, String owner, Duration ttl) {
        StackName.validate(name);
        Objects.requireNonNull(owner, "owner");
        checkTtl(ttl);
    }

    /**
     * Checks a lease's time to live.
     *
     * @param ttl how long it lasts
     * @throws IllegalArgumentException unless positive
     */
    public static void checkTtl(Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("lease ttl must be positive, was " + ttl);
        }
    }

    /**
     * Now, at the precision the state format keeps (microseconds), so what a store returns is what
     * it reads back.
     *
     * @param clock the store's clock
     * @return the instant
     */
    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Runs a read-modify-write until it does not meet a {@link StateConflictException}, waiting a
     * short, growing, random time between attempts so that racing writers spread out.
     *
     * @param attempts how many times to try, at least 1
     * @param body one attempt
     * @param <T> the result
     * @return the first result without a conflict
     * @throws StateConflictException the last conflict, when every attempt met one
     */
    public static <T> T retryConflicts(int attempts, Supplier<T> body) {
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

    // ---------------------------------------------------------------------------------------------
    // backup names: NAME[-LABEL]-yyyyMMddTHHmmssSSS[-COUNTER].json.gz, as the file store writes them

    /**
     * The name of a backup taken now, as the file store names its backup files.
     *
     * @param name the deployment
     * @param label the label, or {@code null} for a routine backup
     * @param at when it is taken
     * @param counter a number to tell apart backups of one millisecond (from 1001 up), or 0 for none
     * @return e.g. {@code web-schema-v2-20250102T030405006.json.gz}
     */
    public static String backupFileName(String name, String label, Instant at, int counter) {
        return name + "-" + (label == null ? "" : label + "-") + stamp(at, counter) + GZ;
    }

    /**
     * The time stamp in the names of backups and archived documents.
     *
     * @param at the instant
     * @param counter a number to tell apart names of one millisecond (from 1001 up), or 0 for none
     * @return e.g. {@code 20250102T030405006} or {@code 20250102T030405006-1001}
     */
    public static String stamp(Instant at, int counter) {
        return STAMP.format(LocalDateTime.ofInstant(at, ZoneOffset.UTC)) + (counter > 0 ? "-" + counter : "");
    }

    /**
     * Reads a backup file name back.
     *
     * @param name the deployment
     * @param fileName the last part of the name, e.g. {@code web-deleted-20250102T030405006.json.gz}
     * @param location where the backup is, as reported
     * @return the backup, or empty when the name is not one of {@code name}'s backups
     */
    public static Optional<StateBackup> parseBackupFileName(String name, String fileName, String location) {
        if (!fileName.endsWith(GZ) || !fileName.startsWith(name + "-")) {
            return Optional.empty();
        }
        String rest = fileName.substring(name.length() + 1, fileName.length() - GZ.length());
        int stampAt = stampStart(rest);
        if (stampAt < 0) {
            return Optional.empty();
        }
        String after = rest.substring(stampAt + STAMP_LENGTH);
        if (!after.isEmpty() && !after.matches("-[0-9]{1,9}")) {
            return Optional.empty(); // not TierState's naming (GeuseMaker's stamps go on to microseconds and 'Z')
        }
        String label = stampAt == 0 ? null : rest.substring(0, stampAt - 1);
        Instant at = LocalDateTime.parse(rest.substring(stampAt, stampAt + STAMP_LENGTH), STAMP).toInstant(ZoneOffset.UTC);
        return Optional.of(new StateBackup(name, location, at, Optional.ofNullable(label)));
    }

    private static final java.util.regex.Pattern GEUSEMAKER_STAMP =
            java.util.regex.Pattern.compile("(?:(.+)-)?([0-9]{8}T[0-9]{12})Z(?:-([0-9]{1,9}))?");

    /**
     * Parses the name of a backup GeuseMaker wrote: {@code STACK[-LABEL]-yyyyMMddTHHmmssffffffZ[-N].json.gz}
     * (its {@code strftime("%Y%m%dT%H%M%S%fZ")}).
     *
     * @param name the deployment name
     * @param fileName the file name
     * @param location the full location
     * @return the backup, marked as GeuseMaker's, or empty when the name is not GeuseMaker's naming
     */
    public static Optional<StateBackup> parseGeuseMakerBackupFileName(String name, String fileName, String location) {
        if (!fileName.endsWith(GZ) || !fileName.startsWith(name + "-")) {
            return Optional.empty();
        }
        java.util.regex.Matcher m = GEUSEMAKER_STAMP.matcher(fileName.substring(name.length() + 1, fileName.length() - GZ.length()));
        if (!m.matches()) {
            return Optional.empty();
        }
        Instant at;
        try {
            at = LocalDateTime.parse(m.group(2), DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSSSSS")).toInstant(ZoneOffset.UTC);
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
        return Optional.of(new StateBackup(name, location, at, Optional.ofNullable(m.group(1)), StateBackup.GEUSEMAKER));
    }

    /** @return newest first: by the stamp and counter in the location's last part, as file names sort */
    public static Comparator<StateBackup> newestFirst() {
        return Comparator.comparing((StateBackup b) -> stampAndCounter(b.location())).reversed();
    }

    private static String stampAndCounter(String location) {
        String f = location.substring(location.lastIndexOf('/') + 1);
        String body = f.endsWith(GZ) ? f.substring(0, f.length() - GZ.length()) : f;
        int at = stampStart(body);
        return at < 0 ? "" : body.substring(at);
    }

    /** The stamp is the last 18-character run shaped yyyyMMddTHHmmssSSS (a counter may follow). */
    private static int stampStart(String s) {
        for (int i = s.length() - STAMP_LENGTH; i >= 0; i--) {
            if ((i == 0 || s.charAt(i - 1) == '-') && isStamp(s, i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isStamp(String s, int at) {
        for (int k = 0; k < STAMP_LENGTH; k++) {
            char c = s.charAt(at + k);
            if (k == 8 ? c != 'T' : !Character.isDigit(c)) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * Compresses a document for a backup.
     *
     * @param bytes the document
     * @return gzip bytes
     */
    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Decompresses a backup, refusing more than a state document can be.
     *
     * @param bytes gzip bytes
     * @param source the backup, for messages
     * @return the document
     * @throws CorruptStateException when it is not gzip
     */
    public static byte[] gunzip(byte[] bytes, String source) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readNBytes(StateCodec.MAX_DOCUMENT_BYTES + 1);
        } catch (IOException e) {
            throw new CorruptStateException(source, 0, 0, "is not a gzip backup: " + e.getMessage(), e);
        }
    }
}
