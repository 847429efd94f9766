package io.tierstate.aws;

import io.tierstate.error.InvalidInputException;
import com.fasterxml.jackson.databind.JsonNode;
import io.tierstate.error.CorruptStateException;
import io.tierstate.error.DeploymentExistsException;
import io.tierstate.error.DeploymentNotFoundException;
import io.tierstate.error.LeaseHeldException;
import io.tierstate.error.StateConflictException;
import io.tierstate.error.StateStoreException;
import io.tierstate.error.TierStateException;
import io.tierstate.aws.internal.AwsClientSettings;
import io.tierstate.aws.internal.AwsClients;
import io.tierstate.internal.StateCodec;
import io.tierstate.internal.StoreSupport;
import io.tierstate.internal.TokenLease;
import io.tierstate.internal.Timestamps;
import io.tierstate.migration.MigrationResult;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.StackName;
import io.tierstate.port.MigrationOutcome;
import io.tierstate.port.StateBackup;
import io.tierstate.port.StateLease;
import io.tierstate.port.StateListing;
import io.tierstate.port.StateProblem;
import io.tierstate.port.StateStore;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A {@link StateStore} in an S3 bucket, for teams and CI runners that share deployments: one object
 * per deployment, optimistic concurrency with S3 conditional writes, backups and leases as objects.
 *
 * <pre>{@code
 * try (S3StateStore store = S3StateStore.builder().bucket("acme-ops").prefix("tierstate/").region("eu-west-1").build()) {
 *     store.update("gpu-global", s -> s.withStatus(Status.RUNNING));
 * }
 * }</pre>
 *
 * <pre>
 * PREFIX deployments/NAME.json                                   the live state, as the file store writes it
 * PREFIX backups/NAME/NAME[-LABEL]-yyyyMMddTHHmmssSSS.json.gz     earlier documents, gzip
 * PREFIX archive/NAME-yyyyMMddTHHmmssSSS.json                     the state of a completed destroy
 * PREFIX locks/NAME.lease                                         the lease: owner, token, expires_at
 * </pre>
 *
 * <p>A new deployment is written with {@code If-None-Match: *} and every change with {@code If-Match:
 * ETAG} of the document it was computed from; S3 refuses the write with 412 when someone else wrote
 * in between, which is a {@link StateConflictException} ({@code update(fn)} reads again and retries).
 * Before every overwrite the old document is kept under {@code backups/} (routine ones pruned to the
 * newest ten, labelled ones kept); with bucket versioning enabled S3 additionally keeps every version.
 * Leases are written the same conditional way and expire by the clients' clocks. {@code delete} and
 * {@code archive} remove the live object unconditionally (after keeping it), so run them under a lease.
 *
 * <p>The {@link S3Client} is yours when you {@link Builder#client(S3Client) pass one} (it is not
 * closed); otherwise one is created on first use from the region, endpoint and credentials given or
 * the SDK's default chains, and closed by {@link #close()}.
 */
public final class S3StateStore implements StateStore {

    private static final Logger LOG = LoggerFactory.getLogger(S3StateStore.class);
    private static final String JSON = ".json";
    private static final java.util.Set<String> CREDENTIAL_ERRORS = java.util.Set.of(
            "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken", "TokenRefreshRequired");

    private final String bucket;
    private final String prefix;
    private final Clock clock;
    private final int backupsKept;
    private final int maxAttempts;
    private final S3Client client;
    private final AwsClients created;
    private final boolean pathStyle;

    private S3StateStore(Builder b) {
        this.bucket = b.bucket;
        this.prefix = b.prefix;
        this.clock = b.clock;
        this.backupsKept = b.backupsKept;
        this.maxAttempts = b.maxAttempts;
        this.client = b.client;
        this.pathStyle = b.pathStyle != null ? b.pathStyle : b.endpoint != null;
        this.created = b.client != null ? null : new AwsClients(new AwsClientSettings(b.region, b.endpoint,
                b.accessKeyId == null ? null : StaticCredentialsProvider.create(AwsBasicCredentials.create(b.accessKeyId, b.secretAccessKey)),
                null, AwsRetryMode.STANDARD.name(), 0, null, null, null, null, null, null, null, null));
    }

    /** @return a builder; the bucket is required */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String describe() {
        return "S3 store at s3://" + bucket + "/" + prefix;
    }

    @Override
    public String toString() {
        return describe();
    }

    /** @return the bucket */
    public String bucket() {
        return bucket;
    }

    /** @return the key prefix, empty or ending with {@code /} */
    public String prefix() {
        return prefix;
    }

    @Override
    public Optional<DeploymentState> find(String name) {
        String key = liveKey(name);
        return get(key, "read").map(o -> decode(name, o));
    }

    @Override
    public DeploymentState create(DeploymentState state) {
        Instant now = now();
        return putNew(state.withSerial(1).withCreatedAt(state.createdAt().orElse(now)).withUpdatedAt(now));
    }

    @Override
    public DeploymentState createCopy(DeploymentState state) {
        return putNew(state);
    }

    @Override
    public DeploymentState save(DeploymentState state) {
        String name = state.stackName();
        String key = liveKey(name);
        Optional<Obj> current = get(key, "read");
        if (current.isEmpty()) {
            if (state.serial() != 0) {
                throw new StateConflictException(name, String.valueOf(state.serial()), "none (it was deleted)");
            }
            Instant now = now();
            DeploymentState stored = state.withSerial(1).withCreatedAt(state.createdAt().orElse(now)).withUpdatedAt(now);
            if (!putIfAbsent(key, StateCodec.write(stored), "create")) {
                throw new StateConflictException(name, "0", storedSerial(name));
            }
            return readBack(stored);
        }
        DeploymentState stored = decode(name, current.get());
        if (stored.serial() != state.serial()) {
            throw new StateConflictException(name, String.valueOf(state.serial()), String.valueOf(stored.serial()));
        }
        return replace(name, current.get(), state.withSerial(StoreSupport.nextSerial(name, uri(liveKey(name)), stored.serial())).withUpdatedAt(now()));
    }

    @Override
    public DeploymentState update(String name, UnaryOperator<DeploymentState> change) {
        return update(name, change, true);
    }

    @Override
    public DeploymentState updateProgress(String name, UnaryOperator<DeploymentState> change) {
        return update(name, change, false);
    }

    @Override
    public Optional<StateBackup> keepBackup(String name, String label) {
        StoreSupport.checkLabel(label);
        Obj current = get(liveKey(name), "read").orElseThrow(() -> new DeploymentNotFoundException(name, describe()));
        String kept = putBackup(name, current.bytes, label);
        String dir = backupDirectory(name);
        return StoreSupport.parseBackupFileName(name, kept.substring(dir.length()), uri(kept));
    }

    @Override
    public Optional<DeploymentState> latestArchive(String name) {
        String dir = prefix + "archive/";
        String newest = null;
        for (String key : keys(dir)) {
            String file = key.substring(dir.length());
            if (StoreSupport.isArchiveOf(name, file) && (newest == null || StoreSupport.archiveOrderKey(name, file)
                    .compareTo(StoreSupport.archiveOrderKey(name, newest.substring(dir.length()))) > 0)) {
                newest = key;
            }
        }
        if (newest == null) {
            return Optional.empty();
        }
        String found = newest;
        return get(found, "read archive").map(o -> StoreSupport.decode(name, o.bytes, uri(found)));
    }

    private DeploymentState update(String name, UnaryOperator<DeploymentState> change, boolean routineBackup) {
        String key = liveKey(name);
        Objects.requireNonNull(change, "change");
        return StoreSupport.retryConflicts(maxAttempts, () -> {
            Obj current = get(key, "read").orElseThrow(() -> new DeploymentNotFoundException(name, describe()));
            DeploymentState stored = decode(name, current);
            DeploymentState changed = StoreSupport.checkChange(name, change.apply(stored));
            if (changed.equals(stored)) {
                return stored;
            }
            return replace(name, current, changed.withSerial(StoreSupport.nextSerial(name, uri(liveKey(name)), stored.serial()))
                    .withUpdatedAt(now()), routineBackup);
        });
    }

    @Override
    public boolean delete(String name) {
        String key = liveKey(name);
        Optional<Obj> current = get(key, "read");
        if (current.isEmpty()) {
            return false;
        }
        putBackup(name, current.get().bytes, "deleted");
        deleteObject(key);
        LOG.debug("deleted state of {} (backup kept)", name);
        return true;
    }

    @Override
    public String archive(String name) {
        String key = liveKey(name);
        Obj current = get(key, "read").orElseThrow(() -> new DeploymentNotFoundException(name, describe()));
        String target = putUnique(prefix + "archive/", counter -> name + "-" + StoreSupport.stamp(now(), counter) + JSON,
                current.bytes, "archive");
        deleteObject(key);
        LOG.debug("archived state of {} to {}", name, target);
        return uri(target);
    }

    @Override
    public StateListing list() {
        List<DeploymentState> states = new ArrayList<>();
        List<StateProblem> problems = new ArrayList<>();
        String dir = prefix + "deployments/";
        for (String key : keys(dir)) {
            String file = key.substring(dir.length());
            if (file.contains("/") || !file.endsWith(JSON)) {
                continue;
            }
            String name = file.substring(0, file.length() - JSON.length());
            try {
                if (!StackName.isValid(name)) {
                    throw new CorruptStateException(uri(key), 0, 0,
                            "the object name is not a valid stack name, so TierState cannot address it; rename the object", null);
                }
                get(key, "read").map(o -> decode(name, o)).ifPresent(states::add);
            } catch (TierStateException e) {
                problems.add(new StateProblem(name, uri(key), e));
            }
        }
        return new StateListing(states, problems);
    }

    @Override
    public MigrationOutcome migrate(String name, boolean dryRun) {
        String key = liveKey(name);
        Obj current = get(key, "read").orElseThrow(() -> new DeploymentNotFoundException(name, describe()));
        MigrationResult result = StoreSupport.migrated(current.bytes, uri(key));
        if (dryRun || !result.changed()) {
            return StoreSupport.outcome(name, uri(key), result, dryRun, Optional.empty());
        }
        DeploymentState upgraded = StateCodec.fromTree(result.document(), uri(key));
        String kept = putBackup(name, current.bytes, "schema-v" + result.fromVersion());
        if (!putIfMatch(key, StateCodec.write(upgraded.withSerial(StoreSupport.nextSerial(name, uri(key), upgraded.serial()))), current.etag, "migrate")) {
            deleteQuietly(kept);
            throw new StateConflictException(name, String.valueOf(upgraded.serial()), storedSerial(name));
        }
        LOG.debug("migrated {} from schema v{} to v{}", uri(key), result.fromVersion(), result.toVersion());
        return StoreSupport.outcome(name, uri(key), result, false, Optional.of(uri(kept)));
    }

    @Override
    public List<StateBackup> backups(String name) {
        String dir = backupDirectory(name);
        List<StateBackup> found = new ArrayList<>();
        for (String key : keys(dir)) {
            StoreSupport.parseBackupFileName(name, key.substring(dir.length()), uri(key)).ifPresent(found::add);
        }
        found.sort(StoreSupport.newestFirst());
        return found;
    }

    @Override
    public DeploymentState restore(String name, StateBackup backup) {
        String key = liveKey(name);
        String dir = backupDirectory(name);
        String location = backup.location();
        String backupKey = location.startsWith(uri(dir)) ? location.substring(("s3://" + bucket + "/").length()) : null;
        if (backupKey == null || backupKey.substring(dir.length()).contains("/")
                || StoreSupport.parseBackupFileName(name, backupKey.substring(dir.length()), location).isEmpty()) {
            throw notABackup(name, location);
        }
        Obj saved = get(backupKey, "read backup").orElseThrow(() -> notABackup(name, location));
        DeploymentState state = StoreSupport.decode(name, StoreSupport.gunzip(saved.bytes, location), location);
        Optional<Obj> current = get(key, "read");
        if (current.isEmpty()) {
            DeploymentState stored = state.withSerial(state.serial() + 1).withUpdatedAt(now());
            if (!putIfAbsent(key, StateCodec.write(stored), "restore")) {
                throw new StateConflictException(name, "none", storedSerial(name));
            }
            return readBack(stored);
        }
        long serial = serialOf(current.get().bytes);
        String kept = putBackup(name, current.get().bytes, "pre-restore");
        DeploymentState stored = state.withSerial(Math.max(serial, state.serial()) + 1).withUpdatedAt(now());
        if (!putIfMatch(key, StateCodec.write(stored), current.get().etag, "restore")) {
            deleteQuietly(kept);
            throw new StateConflictException(name, String.valueOf(serial), storedSerial(name));
        }
        return readBack(stored);
    }

    /**
     * Takes the lease by writing {@code locks/NAME.lease} conditionally: with {@code If-None-Match: *}
     * when there is none, with {@code If-Match} of the expired one otherwise, so two takers cannot both win.
     */
    @Override
    public StateLease acquireLease(String name, String owner, Duration ttl) {
        return acquireLease(name, owner, ttl, holder -> false);
    }

    /**
     * Takes the lease as {@link #acquireLease(String, String, Duration)} does, and also a live one
     * whose owner {@code isDead} says is gone; the write is conditional on the lease read, so a
     * takeover cannot race another.
     */
    @Override
    public StateLease acquireLease(String name, String owner, Duration ttl, Predicate<String> isDead) {
        StoreSupport.checkLease(name, owner, ttl);
        Objects.requireNonNull(isDead, "isDead");
        String key = leaseKey(name);
        String token = UUID.randomUUID().toString();
        Optional<Obj> current = get(key, "read lease");
        if (current.isPresent()) {
            Optional<LeaseRecord> held = LeaseRecord.parse(current.get().bytes);
            if (held.isPresent() && held.get().expiresAt.isAfter(now())) {
                if (!isDead.test(held.get().owner)) {
                    throw new LeaseHeldException(name, held.get().owner, held.get().expiresAt);
                }
                LOG.debug("taking over the lease of '{}' from {}, which is gone", name, held.get().owner);
            }
        }
        Instant expires = now().plus(ttl);
        byte[] record = new LeaseRecord(owner, token, expires).toJson();
        boolean taken = current.isPresent() ? putIfMatch(key, record, current.get().etag, "take lease")
                : putIfAbsent(key, record, "take lease");
        if (!taken) {
            throw holder(name);
        }
        LOG.debug("lease on {} taken by {} until {}", name, owner, expires);
        return new S3Lease(name, owner, token, expires);
    }

    /** Closes the S3 client if this store created it; a client you passed in stays open. */
    @Override
    public void close() {
        if (created != null) {
            created.close();
        }
    }

    // ---------------------------------------------------------------------------------------------

    private record Obj(byte[] bytes, String etag) {}

    private record LeaseRecord(String owner, String token, Instant expiresAt) {
        static Optional<LeaseRecord> parse(byte[] bytes) {
            try {
                JsonNode tree = StateCodec.mapper().readTree(bytes);
                return Optional.of(new LeaseRecord(tree.path("owner").asText("unknown"), tree.path("token").asText(""),
                        Timestamps.parse(tree.path("expires_at").asText())));
            } catch (IOException | IllegalArgumentException | InvalidInputException e) {
                return Optional.empty(); // an unreadable lease protects nothing: taken as expired
            }
        }

        byte[] toJson() {
            return StateCodec.writeTree(StateCodec.mapper().createObjectNode()
                    .put("owner", owner).put("token", token).put("expires_at", Timestamps.format(expiresAt)));
        }
    }

    private final class S3Lease extends TokenLease {

        S3Lease(String name, String owner, String token, Instant expiresAt) {
            super(name, owner, token, expiresAt);
        }

        @Override
        protected Instant extend(Duration ttl) {
            Obj current = (isReleased() ? Optional.<Obj>empty() : ours()).orElseThrow(() -> holder(name()));
            Instant expires = now().plus(ttl);
            if (!putIfMatch(leaseKey(name()), new LeaseRecord(owner(), token(), expires).toJson(), current.etag, "renew lease")) {
                throw holder(name());
            }
            return expires;
        }

        /** Releases by overwriting the lease with an expired one (conditionally), so a successor's lease is never removed. */
        @Override
        protected void release() {
            ours().ifPresent(current -> putIfMatch(leaseKey(name()),
                    new LeaseRecord("nobody (released by " + owner() + ")", "", Instant.EPOCH).toJson(), current.etag,
                    "release lease"));
        }

        private Optional<Obj> ours() {
            return get(leaseKey(name()), "read lease")
                    .filter(o -> LeaseRecord.parse(o.bytes).map(r -> r.token.equals(token())).orElse(false));
        }
    }

    private LeaseHeldException holder(String name) {
        Optional<LeaseRecord> held = get(leaseKey(name), "read lease").flatMap(o -> LeaseRecord.parse(o.bytes))
                .filter(r -> r.expiresAt.isAfter(now()));
        return held.map(r -> new LeaseHeldException(name, r.owner, r.expiresAt))
                .orElseGet(() -> new LeaseHeldException(name, "nobody (it lapsed)", now()));
    }

    // ---------------------------------------------------------------------------------------------

    private String liveKey(String name) {
        return prefix + "deployments/" + StackName.validate(name) + JSON;
    }

    private String backupDirectory(String name) {
        return prefix + "backups/" + StackName.validate(name) + "/";
    }

    private String leaseKey(String name) {
        return prefix + "locks/" + StackName.validate(name) + ".lease";
    }

    private String uri(String key) {
        return "s3://" + bucket + "/" + key;
    }

    private Instant now() {
        return StoreSupport.now(clock);
    }

    private DeploymentState decode(String name, Obj o) {
        return StoreSupport.decode(name, o.bytes, uri(liveKey(name)));
    }

    private static DeploymentState readBack(DeploymentState written) {
        return StateCodec.fromTree(StateCodec.toTree(written), "<written>");
    }

    private static long serialOf(byte[] bytes) {
        try {
            return StateCodec.parseTree(bytes, "<current>").path("serial").asLong(0);
        } catch (TierStateException e) {
            return 0;
        }
    }

    private String storedSerial(String name) {
        try {
            return get(liveKey(name), "read").map(o -> String.valueOf(serialOf(o.bytes))).orElse("none (it was deleted)");
        } catch (TierStateException e) {
            return "unknown";
        }
    }

    private DeploymentState putNew(DeploymentState state) {
        String name = state.stackName();
        if (!putIfAbsent(liveKey(name), StateCodec.write(state), "create")) {
            throw new DeploymentExistsException(name, describe());
        }
        LOG.debug("created state of {} (serial {})", name, state.serial());
        return readBack(state);
    }

    /** Keeps the current document, then writes {@code next} only if the document is still the one read. */
    private DeploymentState replace(String name, Obj current, DeploymentState next) {
        return replace(name, current, next, true);
    }

    private DeploymentState replace(String name, Obj current, DeploymentState next, boolean routineBackup) {
        String label = StoreSupport.overwriteLabel(current.bytes);
        String kept = label != null || routineBackup ? putBackup(name, current.bytes, label) : null;
        if (!putIfMatch(liveKey(name), StateCodec.write(next), current.etag, "write")) {
            if (kept != null) {
                deleteQuietly(kept); // the winner kept the same document already
            }
            throw new StateConflictException(name, String.valueOf(next.serial() - 1), storedSerial(name));
        }
        if (label == null && kept != null) {
            prune(name);
        }
        return readBack(next);
    }

    private String putBackup(String name, byte[] document, String label) {
        return putUnique(backupDirectory(name), counter -> StoreSupport.backupFileName(name, label, now(), counter),
                StoreSupport.gzip(document), "back up");
    }

    /**
     * Writes a new, time-stamped object that no one can overwrite: with {@code If-None-Match: *},
     * adding a counter when the millisecond's name is taken. Backups are named as the file store names them.
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

    private void prune(String name) {
        List<StateBackup> routine = backups(name).stream().filter(b -> b.label().isEmpty()).toList();
        for (int i = backupsKept; i < routine.size(); i++) {
            deleteQuietly(routine.get(i).location().substring(("s3://" + bucket + "/").length()));
        }
    }

    private IllegalArgumentException notABackup(String name, String location) {
        return new IllegalArgumentException("backup " + location + " is not a backup of '" + name + "' in "
                + uri(backupDirectory(name)) + "; pick one from backups(\"" + name + "\")");
    }

    // ---------------------------------------------------------------------------------------------
    // every S3 call goes through these, and every SDK exception is translated here, once

    private Optional<Obj> get(String key, String action) {
        try {
            ResponseBytes<GetObjectResponse> got = s3().getObjectAsBytes(r -> r.bucket(bucket).key(key));
            return Optional.of(new Obj(got.asByteArray(), got.response().eTag()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure(action, key, "s3:GetObject", e);
        }
    }

    private boolean putIfAbsent(String key, byte[] bytes, String action) {
        return put(PutObjectRequest.builder().bucket(bucket).key(key).ifNoneMatch("*"), bytes, action, key);
    }

    private boolean putIfMatch(String key, byte[] bytes, String etag, String action) {
        return put(PutObjectRequest.builder().bucket(bucket).key(key).ifMatch(etag), bytes, action, key);
    }

    /** @return false when S3 refused the write's condition (412, or 409 for a concurrent conditional write) */
    private boolean put(PutObjectRequest.Builder request, byte[] bytes, String action, String key) {
        String type = key.endsWith(".gz") ? "application/gzip" : "application/json";
        try {
            s3().putObject(request.contentType(type).build(), RequestBody.fromBytes(bytes));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || (e.statusCode() == 409 && "ConditionalRequestConflict".equals(code(e)))
                    || (e.statusCode() == 404 && "NoSuchKey".equals(code(e)))) {
                return false;
            }
            throw failure(action, key, "s3:PutObject", e);
        } catch (SdkException e) {
            throw failure(action, key, "s3:PutObject", e);
        }
    }

    private void deleteObject(String key) {
        try {
            s3().deleteObject(r -> r.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw failure("delete", key, "s3:DeleteObject", e);
        }
    }

    private void deleteQuietly(String key) {
        try {
            deleteObject(key);
        } catch (StateStoreException e) {
            LOG.warn("could not remove {}, a backup no longer needed: {}", uri(key), e.getMessage());
        }
    }

    private List<String> keys(String dir) {
        try {
            List<String> keys = new ArrayList<>();
            for (S3Object o : s3().listObjectsV2Paginator(r -> r.bucket(bucket).prefix(dir)).contents()) {
                keys.add(o.key());
            }
            return keys;
        } catch (SdkException e) {
            throw failure("list", dir, "s3:ListBucket", e);
        }
    }

    private static String code(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    private StateStoreException failure(String action, String key, String permission, SdkException e) {
        String where = permission.equals("s3:ListBucket") ? "s3://" + bucket + " (prefix " + key + ")" : uri(key);
        if (e instanceof S3Exception s3) {
            String code = code(s3);
            String request = " (HTTP " + s3.statusCode() + (code == null ? "" : " " + code)
                    + (s3.requestId() == null ? "" : ", request id " + s3.requestId()) + ")";
            if (CREDENTIAL_ERRORS.contains(String.valueOf(code))) {
                return new StateStoreException("S3 refused the credentials to " + action + " " + where + request
                        + ": check the access key, the secret key (not shown) and the session token, or the profile in use", e);
            }
            if (s3.statusCode() == 403 || "AccessDenied".equals(code)) {
                String resource = permission.equals("s3:ListBucket") ? "arn:aws:s3:::" + bucket
                        : "arn:aws:s3:::" + bucket + "/" + prefix + "*";
                return new StateStoreException("access denied to " + action + " " + where + request + ": the credentials need "
                        + permission + " on " + resource + " (see the IAM policy in docs/shared-state.md)", e);
            }
            if ("NoSuchBucket".equals(code)) {
                return new StateStoreException("bucket '" + bucket + "' does not exist" + request
                        + ": create it, or fix the bucket in the store URI (s3://BUCKET/PREFIX)", e);
            }
            return new StateStoreException("S3 refused to " + action + " " + where + request + ": "
                    + (s3.awsErrorDetails() == null ? s3.getMessage() : s3.awsErrorDetails().errorMessage()), e);
        }
        String advice = e instanceof SdkClientException
                ? "; check the region, the endpoint, the network and the AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID ...)"
                : "";
        return new StateStoreException("could not " + action + " " + where + ": " + e.getMessage() + advice, e);
    }

    /** Your client, or the one built on first use (with the adapter's shared HTTP client and retry strategy). */
    private S3Client s3() {
        return client != null ? client : created.s3(pathStyle);
    }

    /** Builds an {@link S3StateStore}; checks each value as it is set. */
    public static final class Builder {
        private String bucket;
        private String prefix = "";
        private S3Client client;
        private String region;
        private URI endpoint;
        private Boolean pathStyle;
        private String accessKeyId;
        private String secretAccessKey;
        private Clock clock = Clock.systemUTC();
        private int backupsKept = StoreSupport.DEFAULT_BACKUPS_KEPT;
        private int maxAttempts = StoreSupport.DEFAULT_MAX_ATTEMPTS;

        private Builder() {}

        /**
         * Sets the bucket (required); it must exist.
         *
         * @param bucket an S3 bucket name, e.g. {@code acme-ops}
         * @return this builder
         */
        public Builder bucket(String bucket) {
            if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
                throw new IllegalArgumentException("'" + bucket + "' is not an S3 bucket name: 3 to 63 lower-case letters,"
                        + " digits, '.' and '-'");
            }
            this.bucket = bucket;
            return this;
        }

        /**
         * Sets the key prefix under which everything is kept, so several stores can share a bucket.
         *
         * @param prefix e.g. {@code tierstate/} or {@code teams/ml}; a missing trailing {@code /} is added (default: none)
         * @return this builder
         */
        public Builder prefix(String prefix) {
            String p = Objects.requireNonNull(prefix, "prefix").replaceAll("^/+", "");
            if (p.contains("//") || p.contains("..")) {
                throw new IllegalArgumentException("prefix '" + prefix + "' has an empty or '..' part; write it as dir/subdir/");
            }
            this.prefix = p.isEmpty() || p.endsWith("/") ? p : p + "/";
            return this;
        }

        /**
         * Uses your S3 client; it is shared, and not closed by the store.
         *
         * @param client the client
         * @return this builder
         */
        public Builder client(S3Client client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * Sets the region of the client the store creates.
         *
         * @param region e.g. {@code eu-west-1} (default: the SDK's chain: AWS_REGION, the profile ...)
         * @return this builder
         */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /**
         * Sends the requests of the client the store creates to another endpoint, for S3-compatible
         * servers (MinIO, Ceph ...); path-style access is then used unless set otherwise.
         *
         * @param endpoint e.g. {@code http://127.0.0.1:9000}
         * @return this builder
         */
        public Builder endpoint(URI endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /**
         * Chooses path-style ({@code https://host/bucket/key}) over virtual-hosted addressing.
         *
         * @param pathStyle whether to use path-style access (default: only with an {@link #endpoint(URI) endpoint})
         * @return this builder
         */
        public Builder pathStyleAccess(boolean pathStyle) {
            this.pathStyle = pathStyle;
            return this;
        }

        /**
         * Uses fixed credentials for the client the store creates; they are never shown or logged.
         *
         * @param accessKeyId the access key id
         * @param secretAccessKey the secret access key
         * @return this builder (default: the SDK's credential chain: environment, profile, instance role ...)
         */
        public Builder credentials(String accessKeyId, String secretAccessKey) {
            this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
            this.secretAccessKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey");
            return this;
        }

        /**
         * Sets the clock for {@code updated_at}, backup names and lease expiry; tests use a fixed one.
         *
         * @param clock the clock (default: system UTC)
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets how many routine backups to keep per deployment.
         *
         * @param count 1 or more (default 10)
         * @return this builder
         */
        public Builder backupsKept(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("backupsKept must be at least 1, was " + count);
            }
            this.backupsKept = count;
            return this;
        }

        /**
         * Sets how many times {@code update(fn)} tries when other writers keep winning.
         *
         * @param attempts 1 or more (default 50)
         * @return this builder
         */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, was " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /** @return the store; no client is created and nothing is sent until its first operation */
        public S3StateStore build() {
            if (bucket == null) {
                throw new IllegalStateException("bucket is not set: call bucket(\"my-bucket\") first");
            }
            if (client != null && (region != null || endpoint != null || accessKeyId != null || pathStyle != null)) {
                throw new IllegalStateException("region, endpoint, path style and credentials configure the client the store"
                        + " creates; with client(...) configure your client instead");
            }
            return new S3StateStore(this);
        }
    }
}
