package io.tierstate.store;

import io.tierstate.error.InvalidInputException;
import io.tierstate.error.StateStoreException;
import io.tierstate.store.engine.VersionedStateStore;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A {@link io.tierstate.port.StateStore} in a PostgreSQL database, over plain JDBC, for teams that share state: one row
 * per deployment, optimistic concurrency on a version column, backups as history rows, leases as rows.
 *
 * <pre>{@code
 * try (JdbcStateStore store = JdbcStateStore.builder()
 *         .url("jdbc:postgresql://db.example.com:5432/ops").user("tierstate").password(secret)
 *         .build()) {
 *     store.update("gpu-global", s -> s.withStatus(Status.RUNNING));
 * }
 * }</pre>
 *
 * <p>The JDBC driver is your dependency ({@code org.postgresql:postgresql}); pass a pooled
 * {@link DataSource} (HikariCP ...) in a long-running program, since with a URL every operation
 * opens its own connection. The tables are created on the first write ({@code CREATE TABLE IF NOT
 * EXISTS}), named with a prefix (default {@code tierstate_}) in an optional schema:
 *
 * <pre>
 * tierstate_deployments (name PK, document TEXT, version BIGINT, updated_at TIMESTAMPTZ)  the live state
 * tierstate_backups     (id, name, taken_at, label, document)                          earlier documents
 * tierstate_archive     (id, name, archived_at, document)                              completed destroys
 * tierstate_leases      (name PK, owner, token, expires_at)                            leases for destroy
 * </pre>
 *
 * <p>The document is kept as TEXT holding exactly the bytes the file store would write (JSONB would
 * reorder keys and could not hold an unreadable document to report). {@code version} is the state's
 * {@code serial}: a write is {@code UPDATE ... WHERE name = ? AND version = ?}, and when no row
 * matches someone else wrote first ({@link io.tierstate.error.StateConflictException}); {@code update(fn)} re-reads and
 * retries. Before every overwrite the old document becomes a history row in the same transaction;
 * routine ones are pruned to the newest ten, labelled ones ({@code schema-v2}, {@code deleted},
 * {@code pre-restore}) are kept. Reading never writes, and reading a database without the tables
 * finds nothing. Lease expiry is judged by the database's clock, so clients with skewed clocks agree.
 */
public final class JdbcStateStore extends VersionedStateStore {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,40}");

    private final JdbcBackend rows;

    private JdbcStateStore(Builder b, JdbcBackend rows) {
        super(rows, new Settings(b.clock, b.backupsKept, b.maxAttempts));
        this.rows = rows;
    }

    private static JdbcBackend backend(Builder b) {
        String qualifier = b.schema == null ? "" : b.schema + ".";
        String where = b.url != null ? sanitize(b.url) : "JDBC data source " + b.dataSource.getClass().getSimpleName();
        return new JdbcBackend(b.connections(), where, b.password, qualifier + b.tablePrefix);
    }

    /** @return a builder; set a {@link Builder#dataSource(DataSource) data source} or a {@link Builder#url(String) URL} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens the store on a data source with the defaults (tables {@code tierstate_*} in the user's
     * default schema).
     *
     * @param dataSource where connections come from, pooled for a long-running program
     * @return the store
     */
    public static JdbcStateStore create(DataSource dataSource) {
        return builder().dataSource(dataSource).build();
    }

    /** @return the qualified name of the live-state table, e.g. {@code tierstate_deployments} */
    public String deploymentsTable() {
        return rows.deployments;
    }

    /**
     * Creates the tables now, when they do not exist yet; otherwise the first write does. Run it once
     * as a user with {@code CREATE} on the schema, and day-to-day users need only {@code SELECT},
     * {@code INSERT}, {@code UPDATE} and {@code DELETE} on the tables.
     *
     * @throws StateStoreException when they cannot be created, saying why
     */
    public void createTables() {
        rows.createTables();
    }

    /** A JDBC URL for messages: any password parameter replaced. */
    static String sanitize(String url) {
        return io.tierstate.error.Redaction.mask(url);
    }

    /**
     * Timeouts, in seconds, given to the PostgreSQL driver for a store opened on a URL unless the URL
     * or {@link Builder#property} sets them: {@code connectTimeout} 10 (TCP connect),
     * {@code loginTimeout} 15 (connect, TLS and authentication together) and {@code socketTimeout} 60
     * (any one read from the server; a state operation is a few small statements).
     */
    static final Map<String, String> DEFAULT_TIMEOUTS = Map.of("connectTimeout", "10", "loginTimeout", "15",
            "socketTimeout", "60");

    /** Builds a {@link JdbcStateStore}: a data source or a URL is required, the rest has defaults. */
    public static final class Builder {
        private DataSource dataSource;
        private String url;
        private final Properties properties = new Properties();
        private String password;
        private String schema;
        private String tablePrefix = "tierstate_";
        private Clock clock = Clock.systemUTC();
        private int backupsKept = Settings.DEFAULT_BACKUPS_KEPT;
        private int maxAttempts = Settings.DEFAULT_MAX_ATTEMPTS;

        private Builder() {}

        /**
         * Uses connections from a data source (pooled in a long-running program).
         *
         * @param dataSource the data source
         * @return this builder
         */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /**
         * Opens connections with {@link DriverManager} on a JDBC URL; the driver must be on the class path.
         *
         * @param jdbcUrl e.g. {@code jdbc:postgresql://127.0.0.1:5432/ops}
         * @return this builder
         */
        public Builder url(String jdbcUrl) {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            if (!jdbcUrl.startsWith("jdbc:")) {
                throw new InvalidInputException("'" + sanitize(jdbcUrl) + "' is not a JDBC URL;"
                        + " write it as jdbc:postgresql://HOST:PORT/DATABASE");
            }
            this.url = jdbcUrl;
            return this;
        }

        /**
         * Sets the user for {@link #url(String)}.
         *
         * @param user the database user
         * @return this builder
         */
        public Builder user(String user) {
            properties.setProperty("user", Objects.requireNonNull(user, "user"));
            return this;
        }

        /**
         * Sets the password for {@link #url(String)}; it is never shown in messages or logs.
         *
         * @param password the password
         * @return this builder
         */
        public Builder password(String password) {
            this.password = Objects.requireNonNull(password, "password");
            properties.setProperty("password", password);
            return this;
        }

        /**
         * Sets a driver property for {@link #url(String)}, e.g. {@code sslmode}.
         *
         * @param key the property
         * @param value its value
         * @return this builder
         */
        public Builder property(String key, String value) {
            if ("password".equalsIgnoreCase(key)) {
                return password(value);
            }
            properties.setProperty(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Puts the tables in a schema instead of the user's default one.
         *
         * @param schema an SQL identifier (letters, digits, {@code _})
         * @return this builder
         */
        public Builder schema(String schema) {
            this.schema = identifier(schema, "schema");
            return this;
        }

        /**
         * Sets the prefix of the table names, so several stores can share a database.
         *
         * @param prefix letters, digits and {@code _}, starting with a letter or {@code _} (default {@code tierstate_})
         * @return this builder
         */
        public Builder tablePrefix(String prefix) {
            this.tablePrefix = identifier(prefix, "table prefix");
            return this;
        }

        /**
         * Sets the clock for {@code updated_at} and backup times; lease expiry uses the database's clock.
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
         * @param attempts 1 or more (default 50); raise it for many writers on one deployment
         * @return this builder
         */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new InvalidInputException("maxAttempts must be at least 1, was " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /** @return the store; nothing is connected until the first operation */
        public JdbcStateStore build() {
            if ((dataSource == null) == (url == null)) {
                throw new InvalidInputException("set either dataSource(...) or url(\"jdbc:postgresql://HOST:PORT/DB\"), not "
                        + (dataSource == null ? "neither" : "both"));
            }
            return new JdbcStateStore(this, backend(this));
        }

        private JdbcBackend.ConnectionSource connections() {
            if (dataSource != null) {
                return dataSource::getConnection;
            }
            String jdbcUrl = url;
            Properties props = (Properties) properties.clone();
            // The driver waits forever by default on a server that accepts and never answers; these
            // defaults bound every call. A URL parameter (?socketTimeout=300) or property(...) wins.
            DEFAULT_TIMEOUTS.forEach((key, seconds) -> {
                if (!props.containsKey(key)) {
                    props.setProperty(key, seconds);
                }
            });
            return () -> DriverManager.getConnection(jdbcUrl, props);
        }

        private static String identifier(String value, String what) {
            if (value == null || !IDENTIFIER.matcher(value).matches()) {
                throw new io.tierstate.error.InvalidInputException(what + " '" + value + "' is not a plain SQL identifier:"
                        + " use letters, digits and '_', starting with a letter or '_' (at most 41 characters)");
            }
            return value;
        }
    }
}
