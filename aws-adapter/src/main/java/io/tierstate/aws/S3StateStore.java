package io.tierstate.aws;

import io.tierstate.error.InvalidInputException;
import io.tierstate.aws.internal.AwsClientSettings;
import io.tierstate.aws.internal.AwsClients;
import io.tierstate.store.engine.VersionedStateStore;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A {@link io.tierstate.port.StateStore} in an S3 bucket, for teams and CI runners that share deployments: one object
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
 * in between, which is a {@link io.tierstate.error.StateConflictException} ({@code update(fn)} reads again and retries).
 * Before every overwrite the old document is kept under {@code backups/} (routine ones pruned to the
 * newest ten, labelled ones kept); with bucket versioning enabled S3 additionally keeps every version.
 * Leases are written the same conditional way and expire by the clients' clocks. {@code delete} and
 * {@code archive} remove the live object unconditionally (after keeping it), so run them under a lease.
 *
 * <p>The {@link S3Client} is yours when you {@link Builder#client(S3Client) pass one} (it is not
 * closed); otherwise one is created on first use from the region, endpoint and credentials given or
 * the SDK's default chains, and closed by {@link #close()}.
 */
public final class S3StateStore extends VersionedStateStore {

    private final String bucket;
    private final String prefix;

    private S3StateStore(Builder b, S3Backend objects) {
        super(objects, new Settings(b.clock, b.backupsKept, b.maxAttempts));
        this.bucket = b.bucket;
        this.prefix = b.prefix;
    }

    private static S3Backend backend(Builder b) {
        if (b.client != null) {
            S3Client yours = b.client;
            return new S3Backend(b.bucket, b.prefix, () -> yours, () -> { }); // yours: shared, not closed
        }
        boolean pathStyle = b.pathStyle != null ? b.pathStyle : b.endpoint != null;
        AwsClients created = new AwsClients(new AwsClientSettings(b.region, b.endpoint,
                b.accessKeyId == null ? null : StaticCredentialsProvider.create(AwsBasicCredentials.create(b.accessKeyId, b.secretAccessKey)),
                null, AwsRetryMode.STANDARD.name(), 0, null, null, null, null, null, null, null, null));
        return new S3Backend(b.bucket, b.prefix, () -> created.s3(pathStyle), created::close);
    }

    /** @return a builder; the bucket is required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the bucket */
    public String bucket() {
        return bucket;
    }

    /** @return the key prefix, empty or ending with {@code /} */
    public String prefix() {
        return prefix;
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
        private int backupsKept = Settings.DEFAULT_BACKUPS_KEPT;
        private int maxAttempts = Settings.DEFAULT_MAX_ATTEMPTS;

        private Builder() {}

        /**
         * Sets the bucket (required); it must exist.
         *
         * @param bucket an S3 bucket name, e.g. {@code acme-ops}
         * @return this builder
         */
        public Builder bucket(String bucket) {
            if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
                throw new InvalidInputException("'" + bucket + "' is not an S3 bucket name: 3 to 63 lower-case letters,"
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
                throw new InvalidInputException("prefix '" + prefix + "' has an empty or '..' part; write it as dir/subdir/");
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
                throw new InvalidInputException("backupsKept must be at least 1, was " + count);
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
                throw new InvalidInputException("maxAttempts must be at least 1, was " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /** @return the store; no client is created and nothing is sent until its first operation */
        public S3StateStore build() {
            if (bucket == null) {
                throw new InvalidInputException("bucket is not set: call bucket(\"my-bucket\") first");
            }
            if (client != null && (region != null || endpoint != null || accessKeyId != null || pathStyle != null)) {
                throw new InvalidInputException("region, endpoint, path style and credentials configure the client the store"
                        + " creates; with client(...) configure your client instead");
            }
            return new S3StateStore(this, backend(this));
        }
    }
}
