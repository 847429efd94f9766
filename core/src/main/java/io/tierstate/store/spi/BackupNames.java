package io.tierstate.store.spi;

import io.tierstate.port.StateBackup;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Optional;

/**
 * The names of backups and archived documents, as the file store names its files and the S3 store
 * its objects: {@code NAME[-LABEL]-yyyyMMddTHHmmssSSS[-COUNTER].json.gz} and
 * {@code NAME-yyyyMMddTHHmmssSSS[-COUNTER].json}; and GeuseMaker's backup names. For backends that
 * keep backups under names; a backend with rows (PostgreSQL) needs none of it.
 */
public final class BackupNames {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS");
    private static final int STAMP_LENGTH = 18;
    private static final String GZ = ".json.gz";

    private BackupNames() {}

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

}
