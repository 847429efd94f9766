package io.tierstate.aws;

import io.tierstate.error.InvalidInputException;
import io.tierstate.error.StateStoreException;
import io.tierstate.aws.internal.AwsErrors;
import io.tierstate.port.StateBackup;
import io.tierstate.store.spi.BackupNames;
import io.tierstate.store.spi.BackupRequest;
import io.tierstate.store.spi.Document;
import io.tierstate.store.spi.Gzip;
import io.tierstate.store.spi.LeaseRecord;
import io.tierstate.store.spi.Listed;
import io.tierstate.store.spi.StoreBackend;
import io.tierstate.store.spi.Stored;
import io.tierstate.store.spi.WriteResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 store's I/O: one object per deployment whose ETag is the version token, written with
 * {@code If-None-Match: *} (create) or {@code If-Match: ETAG} (replace); backups and archives as
 * new objects no one can overwrite; lease objects written the same conditional way. Every SDK
 * failure goes through {@link AwsErrors}, once.
 */
final class S3Backend implements StoreBackend {

    private static final Logger LOG = LoggerFactory.getLogger(S3Backend.class);
    private static final String JSON = ".json";

    private final String bucket;
    private final String prefix;
    private final Supplier<S3Client> s3;
    private final Runnable onClose;

    S3Backend(String bucket, String prefix, Supplier<S3Client> s3, Runnable onClose) {
        this.bucket = bucket;
        this.prefix = prefix;
        this.s3 = s3;
        this.onClose = onClose;
    }

    @Override
    public String describe() {
        return "S3 store at s3://" + bucket + "/" + prefix;
    }

    @Override
    public String kind() {
        return "object";
    }

    @Override
    public String location() {
        return describe();
    }

    @Override
    public String source(String name) {
        return uri(liveKey(name));
    }

    @Override
    public void close() {
        onClose.run();
    }

    // ---------------------------------------------------------------------------------------------

    @Override
    public Optional<Stored> read(String name) {
        String key = liveKey(name);
        return get(key, "read").map(o -> Stored.of(o.bytes, o.etag, uri(key)));
    }

    @Override
    public List<Listed> list() {
        String dir = prefix + "deployments/";
        List<Listed> entries = new ArrayList<>();
        for (String key : keys(dir)) {
            String file = key.substring(dir.length());
            if (file.contains("/") || !file.endsWith(JSON)) {
                continue;
            }
            entries.add(new Listed(file.substring(0, file.length() - JSON.length()), uri(key),
                    () -> get(key, "read").map(o -> Stored.of(o.bytes, o.etag, uri(key)))));
        }
        return entries;
    }

    @Override
    public boolean create(Document document) {
        return putIfAbsent(liveKey(document.name()), document.bytes(), "create");
    }

    /** Keeps the backup, then writes only if the object is still the one read; a backup of a lost write is removed. */
    @Override
    public WriteResult replace(Document document, String expectedVersion, Optional<BackupRequest> backup) {
        String name = document.name();
        Optional<String> kept = backup.map(b -> putBackup(name, b.document(), b.label().orElse(null), b.takenAt()));
        if (!putIfMatch(liveKey(name), document.bytes(), expectedVersion, "write")) {
            kept.ifPresent(this::deleteQuietly); // the winner kept the same document already
            return WriteResult.conflict();
        }
        if (backup.isPresent() && backup.get().routine()) {
            prune(name, backup.get().routineKept());
        }
        return WriteResult.written(kept.map(k -> parse(name, k)));
    }

    /**
     * Checks that the object is still the one read, keeps the backup, then deletes the live object
     * without a condition (S3Proxy and older S3-compatible servers have no conditional delete), so a
     * write racing the delete can be lost: run deletes at the end of a destroy, under its lease.
     */
    @Override
    public WriteResult remove(String name, String expectedVersion, BackupRequest backup) {
        if (!read(name).map(s -> s.version().equals(expectedVersion)).orElse(false)) {
            return WriteResult.conflict();
        }
        String kept = putBackup(name, backup.document(), backup.label().orElse(null), backup.takenAt());
        deleteObject(liveKey(name));
        return WriteResult.written(Optional.of(parse(name, kept)));
    }

    @Override
    public Optional<String> archive(String name, String expectedVersion, byte[] document, Instant at) {
        if (!read(name).map(s -> s.version().equals(expectedVersion)).orElse(false)) {
            return Optional.empty(); // as remove: checked, then deleted without a condition
        }
        String target = putUnique(prefix + "archive/", counter -> name + "-" + BackupNames.stamp(at, counter) + JSON,
                document, "archive");
        deleteObject(liveKey(name));
        return Optional.of(uri(target));
    }

    @Override
    public Optional<Stored> latestArchive(String name) {
        String dir = prefix + "archive/";
        String newest = null;
        for (String key : keys(dir)) {
            String file = key.substring(dir.length());
            if (BackupNames.isArchiveOf(name, file) && (newest == null || BackupNames.archiveOrderKey(name, file)
                    .compareTo(BackupNames.archiveOrderKey(name, newest.substring(dir.length()))) > 0)) {
                newest = key;
            }
        }
        String found = newest;
        return found == null ? Optional.empty() : get(found, "read archive").map(o -> Stored.of(o.bytes, o.etag, uri(found)));
    }

    // ---------------------------------------------------------------------------------------------

    @Override
    public StateBackup putBackup(String name, BackupRequest backup) {
        String kept = putBackup(name, backup.document(), backup.label().orElse(null), backup.takenAt());
        if (backup.routine()) {
            prune(name, backup.routineKept());
        }
        return parse(name, kept);
    }

    private String putBackup(String name, byte[] document, String label, Instant at) {
        return putUnique(backupDirectory(name), counter -> BackupNames.backupFileName(name, label, at, counter),
                Gzip.gzip(document), "back up");
    }

    private StateBackup parse(String name, String key) {
        return BackupNames.parseBackupFileName(name, key.substring(backupDirectory(name).length()), uri(key))
                .orElseThrow(() -> new IllegalStateException("unparseable backup key " + key));
    }

    @Override
    public List<StateBackup> backups(String name) {
        String dir = backupDirectory(name);
        List<StateBackup> found = new ArrayList<>();
        for (String key : keys(dir)) {
            BackupNames.parseBackupFileName(name, key.substring(dir.length()), uri(key)).ifPresent(found::add);
        }
        found.sort(BackupNames.newestFirst());
        return found;
    }

    @Override
    public Stored readBackup(String name, StateBackup backup) {
        String dir = backupDirectory(name);
        String location = backup.location();
        String key = location.startsWith(uri(dir)) ? location.substring(("s3://" + bucket + "/").length()) : null;
        if (key == null || key.substring(dir.length()).contains("/")
                || BackupNames.parseBackupFileName(name, key.substring(dir.length()), location).isEmpty()) {
            throw notABackup(name, location);
        }
        Obj saved = get(key, "read backup").orElseThrow(() -> notABackup(name, location));
        return Stored.of(Gzip.gunzip(saved.bytes, location), saved.etag, location);
    }

    private void prune(String name, int kept) {
        List<StateBackup> routine = backups(name).stream().filter(b -> b.label().isEmpty()).toList();
        for (int i = kept; i < routine.size(); i++) {
            deleteQuietly(routine.get(i).location().substring(("s3://" + bucket + "/").length()));
        }
    }

    private InvalidInputException notABackup(String name, String location) {
        return new InvalidInputException("backup " + location + " is not a backup of '" + name + "' in "
                + uri(backupDirectory(name)) + "; pick one from backups(\"" + name + "\")");
    }

    // ---------------------------------------------------------------------------------------------
    // leases: locks/NAME.lease, written with If-None-Match: * or If-Match of the record read

    @Override
    public Optional<LeaseRecord> readLease(String name) {
        return get(leaseKey(name), "read lease").flatMap(o -> LeaseRecord.parse(o.bytes));
    }

    @Override
    public Optional<Instant> takeLease(String name, String owner, String token, Duration ttl, Instant now,
            Optional<String> replacing) {
        String key = leaseKey(name);
        Optional<Obj> current = get(key, "read lease");
        Optional<LeaseRecord> held = current.flatMap(o -> LeaseRecord.parse(o.bytes));
        if (held.isPresent() && held.get().liveAt(now) && !replacing.equals(Optional.of(held.get().token()))) {
            return Optional.empty();
        }
        LeaseRecord record = new LeaseRecord(owner, token, now.plus(ttl));
        boolean taken = current.isPresent() ? putIfMatch(key, record.toJson(), current.get().etag, "take lease")
                : putIfAbsent(key, record.toJson(), "take lease");
        return taken ? Optional.of(record.expiresAt()) : Optional.empty();
    }

    @Override
    public Optional<Instant> renewLease(String name, String token, Duration ttl, Instant now) {
        Optional<Obj> current = ours(name, token);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        LeaseRecord held = LeaseRecord.parse(current.get().bytes).orElseThrow();
        LeaseRecord renewed = new LeaseRecord(held.owner(), token, now.plus(ttl));
        return putIfMatch(leaseKey(name), renewed.toJson(), current.get().etag, "renew lease")
                ? Optional.of(renewed.expiresAt()) : Optional.empty();
    }

    /** Releases by overwriting the lease with an expired one (conditionally), so a successor's lease is never removed. */
    @Override
    public void releaseLease(String name, String token) {
        ours(name, token).ifPresent(current -> putIfMatch(leaseKey(name),
                new LeaseRecord("nobody (released)", "", Instant.EPOCH).toJson(), current.etag, "release lease"));
    }

    private Optional<Obj> ours(String name, String token) {
        return get(leaseKey(name), "read lease")
                .filter(o -> LeaseRecord.parse(o.bytes).map(r -> r.token().equals(token)).orElse(false));
    }

    // ---------------------------------------------------------------------------------------------

    private String liveKey(String name) {
        return prefix + "deployments/" + name + JSON;
    }

    private String backupDirectory(String name) {
        return prefix + "backups/" + name + "/";
    }

    private String leaseKey(String name) {
        return prefix + "locks/" + name + ".lease";
    }

    private String uri(String key) {
        return "s3://" + bucket + "/" + key;
    }

    private String objects() {
        return "arn:aws:s3:::" + bucket + "/" + prefix + "*";
    }

    /**
     * Writes a new, time-stamped object that no one can overwrite: with {@code If-None-Match: *},
     * adding a counter when the millisecond's name is taken.
     */
    private String putUnique(String dir, IntFunction<String> fileName, byte[] bytes, String action) {
        for (int counter = 0; counter < 1100; counter = counter == 0 ? 1001 : counter + 1) {
            String key = dir + fileName.apply(counter);
            if (putIfAbsent(key, bytes, action)) {
                return key;
            }
        }
        throw new StateStoreException("could not find a free name for a new object under " + uri(dir)
                + "; too many objects were written in one millisecond", null);
    }

    // every S3 call goes through these, and every SDK exception through AwsErrors

    private record Obj(byte[] bytes, String etag) {}

    private Optional<Obj> get(String key, String action) {
        return AwsErrors.stateStore(action, uri(key), "s3:GetObject", objects(), () -> {
            try {
                ResponseBytes<GetObjectResponse> got = s3.get().getObjectAsBytes(r -> r.bucket(bucket).key(key));
                return Optional.of(new Obj(got.asByteArray(), got.response().eTag()));
            } catch (NoSuchKeyException e) {
                return Optional.empty();
            }
        });
    }

    private boolean putIfAbsent(String key, byte[] bytes, String action) {
        return put(PutObjectRequest.builder().bucket(bucket).key(key).ifNoneMatch("*"), bytes, action, key);
    }

    private boolean putIfMatch(String key, byte[] bytes, String etag, String action) {
        return put(PutObjectRequest.builder().bucket(bucket).key(key).ifMatch(etag), bytes, action, key);
    }

    /** @return false when S3 refused the write's condition */
    private boolean put(PutObjectRequest.Builder request, byte[] bytes, String action, String key) {
        String type = key.endsWith(".gz") ? "application/gzip" : "application/json";
        return AwsErrors.stateStore(action, uri(key), "s3:PutObject", objects(), () -> {
            try {
                s3.get().putObject(request.contentType(type).build(), RequestBody.fromBytes(bytes));
                return true;
            } catch (SdkException e) {
                if (AwsErrors.isConditionFailed(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    private void deleteObject(String key) {
        AwsErrors.stateStore("delete", uri(key), "s3:DeleteObject", objects(),
                () -> s3.get().deleteObject(r -> r.bucket(bucket).key(key)));
    }

    private void deleteQuietly(String key) {
        try {
            deleteObject(key);
        } catch (StateStoreException e) {
            LOG.warn("could not remove {}, a backup no longer needed: {}", uri(key), e.getMessage());
        }
    }

    private List<String> keys(String dir) {
        return AwsErrors.stateStore("list", "s3://" + bucket + " (prefix " + dir + ")", "s3:ListBucket",
                "arn:aws:s3:::" + bucket, () -> {
                    List<String> keys = new ArrayList<>();
                    for (S3Object o : s3.get().listObjectsV2Paginator(r -> r.bucket(bucket).prefix(dir)).contents()) {
                        keys.add(o.key());
                    }
                    return keys;
                });
    }
}
