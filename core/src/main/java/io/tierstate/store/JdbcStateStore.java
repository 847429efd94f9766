package io.tierstate.store;

import io.tierstate.error.InvalidInputException;
import io.tierstate.error.DeploymentExistsException;
import io.tierstate.error.DeploymentNotFoundException;
import io.tierstate.error.LeaseHeldException;
import io.tierstate.error.StateConflictException;
import io.tierstate.error.StateStoreException;
import io.tierstate.error.TierStateException;
import io.tierstate.internal.StateCodec;
import io.tierstate.internal.StoreSupport;
import io.tierstate.internal.TokenLease;
import io.tierstate.migration.MigrationResult;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.StackName;
import io.tierstate.port.MigrationOutcome;
import io.tierstate.port.StateBackup;
import io.tierstate.port.StateLease;
import io.tierstate.port.StateListing;
import io.tierstate.port.StateProblem;
import io.tierstate.port.StateStore;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link StateStore} in a PostgreSQL database, over plain JDBC, for teams that share state: one row
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
 * matches someone else wrote first ({@link StateConflictException}); {@code update(fn)} re-reads and
 * retries. Before every overwrite the old document becomes a history row in the same transaction;
 * routine ones are pruned to the newest ten, labelled ones ({@code schema-v2}, {@code deleted},
 * {@code pre-restore}) are kept. Reading never writes, and reading a database without the tables
 * finds nothing. Lease expiry is judged by the database's clock, so clients with skewed clocks agree.
 */
public final class JdbcStateStore implements StateStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcStateStore.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,40}");
    private static final String UNDEFINED_TABLE = "42P01";

    private final ConnectionSource connections;
    private final String where;
    private final String secret;
    private final String deployments;
    private final String backups;
    private final String archive;
    private final String leases;
    private final String prefix;
    private final Clock clock;
    private final int backupsKept;
    private final int maxAttempts;
    private volatile boolean schemaReady;

    private JdbcStateStore(Builder b) {
        this.connections = b.connections();
        this.secret = b.password;
        String qualifier = b.schema == null ? "" : b.schema + ".";
        this.prefix = qualifier + b.tablePrefix;
        this.deployments = prefix + "deployments";
        this.backups = prefix + "backups";
        this.archive = prefix + "archive";
        this.leases = prefix + "leases";
        this.where = (b.url != null ? sanitize(b.url) : "JDBC data source " + b.dataSource.getClass().getSimpleName())
                + " (tables " + prefix + "*)";
        this.clock = b.clock;
        this.backupsKept = b.backupsKept;
        this.maxAttempts = b.maxAttempts;
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

    @Override
    public String describe() {
        return "PostgreSQL store at " + where;
    }

    /** @return the qualified name of the live-state table, e.g. {@code tierstate_deployments} */
    public String deploymentsTable() {
        return deployments;
    }

    /**
     * Creates the tables now, when they do not exist yet; otherwise the first write does. Run it once
     * as a user with {@code CREATE} on the schema, and day-to-day users need only {@code SELECT},
     * {@code INSERT}, {@code UPDATE} and {@code DELETE} on the tables.
     *
     * @throws StateStoreException when they cannot be created, saying why
     */
    public void createTables() {
        ensureSchema();
    }

    @Override
    public Optional<DeploymentState> find(String name) {
        StackName.validate(name);
        return readRow(name).map(row -> row.decode(name));
    }

    @Override
    public DeploymentState create(DeploymentState state) {
        String name = StackName.validate(state.stackName());
        Instant now = now();
        DeploymentState stored = state.withSerial(1).withCreatedAt(state.createdAt().orElse(now)).withUpdatedAt(now);
        return insertNew(stored, () -> new DeploymentExistsException(name, where));
    }

    @Override
    public DeploymentState createCopy(DeploymentState state) {
        String name = StackName.validate(state.stackName());
        return insertNew(state, () -> new DeploymentExistsException(name, where));
    }

    @Override
    public DeploymentState save(DeploymentState state) {
        String name = StackName.validate(state.stackName());
        Optional<Row> current = readRow(name);
        if (current.isEmpty()) {
            if (state.serial() != 0) {
                throw new StateConflictException(name, String.valueOf(state.serial()), "none (it was deleted)");
            }
            Instant now = now();
            return insertNew(state.withSerial(1).withCreatedAt(state.createdAt().orElse(now)).withUpdatedAt(now),
                    () -> new StateConflictException(name, "0", "1 (created meanwhile)"));
        }
        Row row = current.get();
        row.decode(name);
        if (row.version != state.serial()) {
            throw new StateConflictException(name, String.valueOf(state.serial()), String.valueOf(row.version));
        }
        return replace(row, state.withSerial(row.version + 1).withUpdatedAt(now()));
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
        StackName.validate(name);
        StoreSupport.checkLabel(label);
        return Optional.of(inTransaction("back up '" + name + "'", c -> {
            Row row = lockRow(c, name).orElseThrow(() -> new DeploymentNotFoundException(name, where));
            String location = insertBackup(c, name, row.document, label);
            return new StateBackup(name, location, now(), Optional.of(label));
        }));
    }

    @Override
    public Optional<DeploymentState> latestArchive(String name) {
        StackName.validate(name);
        return read("read the archive of '" + name + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, document FROM " + archive
                    + " WHERE name = ? ORDER BY archived_at DESC, id DESC LIMIT 1")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<DeploymentState>empty();
                    }
                    return Optional.of(StoreSupport.decode(name, rs.getString(2).getBytes(StandardCharsets.UTF_8),
                            archive + "#" + rs.getLong(1)));
                }
            }
        }, Optional.empty());
    }

    private DeploymentState update(String name, UnaryOperator<DeploymentState> change, boolean routineBackup) {
        StackName.validate(name);
        Objects.requireNonNull(change, "change");
        return StoreSupport.retryConflicts(maxAttempts, () -> {
            Row row = readRow(name).orElseThrow(() -> new DeploymentNotFoundException(name, where));
            DeploymentState stored = row.decode(name);
            DeploymentState changed = StoreSupport.checkChange(name, change.apply(stored));
            if (changed.equals(stored)) {
                return stored;
            }
            return replace(row, changed.withSerial(row.version + 1).withUpdatedAt(now()), routineBackup);
        });
    }

    @Override
    public boolean delete(String name) {
        StackName.validate(name);
        return inTransaction("delete '" + name + "'", c -> {
            Optional<Row> row = lockRow(c, name);
            if (row.isEmpty()) {
                return false;
            }
            insertBackup(c, name, row.get().document, "deleted");
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + deployments + " WHERE name = ?")) {
                ps.setString(1, name);
                ps.executeUpdate();
            }
            LOG.debug("deleted state of {} (backup kept)", name);
            return true;
        });
    }

    @Override
    public String archive(String name) {
        StackName.validate(name);
        return inTransaction("archive '" + name + "'", c -> {
            Row row = lockRow(c, name).orElseThrow(() -> new DeploymentNotFoundException(name, where));
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + archive
                    + " (name, archived_at, document) VALUES (?, ?, ?) RETURNING id")) {
                ps.setString(1, name);
                ps.setObject(2, timestamp(now()));
                ps.setString(3, row.document);
                id = single(ps);
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + deployments + " WHERE name = ?")) {
                ps.setString(1, name);
                ps.executeUpdate();
            }
            LOG.debug("archived state of {} as {}#{}", name, archive, id);
            return archive + "#" + id + " (" + name + ")";
        });
    }

    @Override
    public StateListing list() {
        List<DeploymentState> states = new ArrayList<>();
        List<StateProblem> problems = new ArrayList<>();
        List<Row> rows = read("list deployments", c -> {
            List<Row> all = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name, document, version FROM " + deployments + " ORDER BY name")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        all.add(new Row(rs.getString(1), rs.getString(2), rs.getLong(3)));
                    }
                }
            }
            return all;
        }, List.of());
        for (Row row : rows) {
            try {
                StackName.validate(row.name);
                states.add(row.decode(row.name));
            } catch (TierStateException e) {
                problems.add(new StateProblem(row.name, row.source(), e));
            }
        }
        return new StateListing(states, problems);
    }

    @Override
    public MigrationOutcome migrate(String name, boolean dryRun) {
        StackName.validate(name);
        Row read = readRow(name).orElseThrow(() -> new DeploymentNotFoundException(name, where));
        if (dryRun) {
            return StoreSupport.outcome(name, read.source(), StoreSupport.migrated(read.bytes(), read.source()), true,
                    Optional.empty());
        }
        return inTransaction("migrate '" + name + "'", c -> {
            Row row = lockRow(c, name).orElseThrow(() -> new DeploymentNotFoundException(name, where));
            MigrationResult result = StoreSupport.migrated(row.bytes(), row.source());
            if (!result.changed()) {
                return StoreSupport.outcome(name, row.source(), result, false, Optional.empty());
            }
            DeploymentState upgraded = StateCodec.fromTree(result.document(), row.source()).withSerial(row.version + 1);
            String kept = insertBackup(c, name, row.document, "schema-v" + result.fromVersion());
            writeRow(c, row, upgraded);
            LOG.debug("migrated {} from schema v{} to v{}", name, result.fromVersion(), result.toVersion());
            return StoreSupport.outcome(name, row.source(), result, false, Optional.of(kept));
        });
    }

    @Override
    public List<StateBackup> backups(String name) {
        StackName.validate(name);
        return read("list backups of '" + name + "'", c -> {
            List<StateBackup> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, taken_at, label FROM " + backups
                    + " WHERE name = ? ORDER BY taken_at DESC, id DESC")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new StateBackup(name, backups + "#" + rs.getLong(1),
                                rs.getObject(2, OffsetDateTime.class).toInstant(), Optional.ofNullable(rs.getString(3))));
                    }
                }
            }
            return found;
        }, List.of());
    }

    @Override
    public DeploymentState restore(String name, StateBackup backup) {
        StackName.validate(name);
        long id = backupId(name, backup);
        return inTransaction("restore '" + name + "'", c -> {
            String document;
            try (PreparedStatement ps = c.prepareStatement("SELECT document FROM " + backups + " WHERE id = ? AND name = ?")) {
                ps.setLong(1, id);
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw notABackup(name, backup);
                    }
                    document = rs.getString(1);
                }
            }
            DeploymentState state = StoreSupport.decode(name, document.getBytes(StandardCharsets.UTF_8), backup.location());
            Optional<Row> current = lockRow(c, name);
            if (current.isEmpty()) {
                DeploymentState stored = state.withSerial(state.serial() + 1).withUpdatedAt(now());
                if (!insertRow(c, stored)) {
                    throw new StateConflictException(name, "none", storedVersion(c, name) + " (created meanwhile)");
                }
                return readBack(stored);
            }
            insertBackup(c, name, current.get().document, "pre-restore");
            DeploymentState stored = state.withSerial(Math.max(current.get().version, state.serial()) + 1).withUpdatedAt(now());
            return writeRow(c, current.get(), stored);
        });
    }

    /**
     * Takes the lease with one statement, {@code INSERT ... ON CONFLICT (name) DO UPDATE ... WHERE
     * expires_at <= clock_timestamp()}: it succeeds when there is no lease or the one there expired.
     */
    @Override
    public StateLease acquireLease(String name, String owner, Duration ttl) {
        return acquireLease(name, owner, ttl, holder -> false);
    }

    /**
     * Takes the lease as {@link #acquireLease(String, String, Duration)} does; when a live lease is
     * there and {@code isDead} says its owner is gone, takes it over with {@code UPDATE ... WHERE
     * token = ?} in the same transaction, which holds the lease row locked.
     */
    @Override
    public StateLease acquireLease(String name, String owner, Duration ttl, Predicate<String> isDead) {
        StoreSupport.checkLease(name, owner, ttl);
        Objects.requireNonNull(isDead, "isDead");
        String token = UUID.randomUUID().toString();
        long millis = Math.max(1, ttl.toMillis());
        Instant expires = inTransaction("take the lease of '" + name + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + leases + " AS l (name, owner, token, expires_at)"
                    + " VALUES (?, ?, ?, clock_timestamp() + CAST(? AS BIGINT) * INTERVAL '1 millisecond')"
                    + " ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, token = EXCLUDED.token,"
                    + " expires_at = EXCLUDED.expires_at WHERE l.expires_at <= clock_timestamp()"
                    + " RETURNING expires_at")) {
                ps.setString(1, name);
                ps.setString(2, owner);
                ps.setString(3, token);
                ps.setLong(4, millis);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getObject(1, OffsetDateTime.class).toInstant();
                    }
                }
            }
            // a live lease is there, locked by the statement above: take it over only if its owner is gone
            try (PreparedStatement ps = c.prepareStatement("SELECT owner, token FROM " + leases + " WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && isDead.test(rs.getString(1))) {
                        String holder = rs.getString(1);
                        Instant taken = takeOver(c, name, rs.getString(2), owner, token, millis);
                        LOG.debug("took over the lease of '{}' from {}, which is gone", name, holder);
                        return taken;
                    }
                }
            }
            throw held(c, name);
        });
        LOG.debug("lease on {} taken by {} until {}", name, owner, expires);
        return new JdbcLease(name, owner, token, expires);
    }

    private Instant takeOver(Connection c, String name, String oldToken, String owner, String token, long millis)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + leases + " SET owner = ?, token = ?, expires_at ="
                + " clock_timestamp() + CAST(? AS BIGINT) * INTERVAL '1 millisecond' WHERE name = ? AND token = ?"
                + " RETURNING expires_at")) {
            ps.setString(1, owner);
            ps.setString(2, token);
            ps.setLong(3, millis);
            ps.setString(4, name);
            ps.setString(5, oldToken);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return rs.getObject(1, OffsetDateTime.class).toInstant();
                }
            }
        }
        throw held(c, name);
    }

    /** Does nothing: connections are opened per operation and returned at once. */
    @Override
    public void close() {}

    @Override
    public String toString() {
        return describe();
    }

    // ---------------------------------------------------------------------------------------------

    /** One stored row; {@code version} is authoritative for the state's serial. */
    private final class Row {
        final String name;
        final String document;
        final long version;

        Row(String name, String document, long version) {
            this.name = name;
            this.document = document;
            this.version = version;
        }

        byte[] bytes() {
            return document.getBytes(StandardCharsets.UTF_8);
        }

        String source() {
            return deployments + " row '" + name + "' in " + where;
        }

        DeploymentState decode(String expectedName) {
            DeploymentState state = StoreSupport.decode(expectedName, bytes(), source());
            return state.serial() == version ? state : state.withSerial(version);
        }
    }

    private Optional<Row> readRow(String name) {
        return read("read '" + name + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT document, version FROM " + deployments + " WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Row(name, rs.getString(1), rs.getLong(2))) : Optional.<Row>empty();
                }
            }
        }, Optional.empty());
    }

    private Optional<Row> lockRow(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT document, version FROM " + deployments
                + " WHERE name = ? FOR UPDATE")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Row(name, rs.getString(1), rs.getLong(2))) : Optional.empty();
            }
        }
    }

    private DeploymentState insertNew(DeploymentState state, java.util.function.Supplier<TierStateException> taken) {
        String name = state.stackName();
        return inTransaction("create '" + name + "'", c -> {
            if (!insertRow(c, state)) {
                throw taken.get();
            }
            LOG.debug("created state of {} (serial {})", name, state.serial());
            return readBack(state);
        });
    }

    private boolean insertRow(Connection c, DeploymentState state) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + deployments
                + " (name, document, version, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
            ps.setString(1, state.stackName());
            ps.setString(2, text(state));
            ps.setLong(3, state.serial());
            ps.setObject(4, timestamp(state.updatedAt().orElseGet(this::now)));
            return ps.executeUpdate() == 1;
        }
    }

    /** Backs up the row's document and writes {@code next} over it if its version is still the one read. */
    private DeploymentState replace(Row current, DeploymentState next) {
        return replace(current, next, true);
    }

    private DeploymentState replace(Row current, DeploymentState next, boolean routineBackup) {
        return inTransaction("write '" + current.name + "'", c -> {
            String label = StoreSupport.overwriteLabel(current.bytes());
            if (label != null || routineBackup) {
                insertBackup(c, current.name, current.document, label);
            }
            return writeRow(c, current, next);
        });
    }

    private DeploymentState writeRow(Connection c, Row current, DeploymentState next) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + deployments
                + " SET document = ?, version = ?, updated_at = ? WHERE name = ? AND version = ?")) {
            ps.setString(1, text(next));
            ps.setLong(2, next.serial());
            ps.setObject(3, timestamp(next.updatedAt().orElseGet(this::now)));
            ps.setString(4, current.name);
            ps.setLong(5, current.version);
            if (ps.executeUpdate() == 0) {
                throw new StateConflictException(current.name, String.valueOf(current.version), storedVersion(c, current.name));
            }
        }
        return readBack(next);
    }

    private String storedVersion(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM " + deployments + " WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? String.valueOf(rs.getLong(1)) : "none (it was deleted)";
            }
        }
    }

    /** Inserts a history row and prunes routine ones; returns its location, {@code TABLE#id}. */
    private String insertBackup(Connection c, String name, String document, String label) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + backups
                + " (name, taken_at, label, document) VALUES (?, ?, ?, ?) RETURNING id")) {
            ps.setString(1, name);
            ps.setObject(2, timestamp(now()));
            ps.setString(3, label);
            ps.setString(4, document);
            id = single(ps);
        }
        if (label == null) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + backups + " WHERE name = ? AND label IS NULL"
                    + " AND id NOT IN (SELECT id FROM " + backups + " WHERE name = ? AND label IS NULL"
                    + " ORDER BY taken_at DESC, id DESC LIMIT ?)")) {
                ps.setString(1, name);
                ps.setString(2, name);
                ps.setInt(3, backupsKept);
                ps.executeUpdate();
            }
        }
        return backups + "#" + id;
    }

    private long backupId(String name, StateBackup backup) {
        Matcher m = Pattern.compile(Pattern.quote(backups) + "#(\\d{1,18})").matcher(backup.location());
        if (!m.matches() || !backup.name().equals(name)) {
            throw notABackup(name, backup);
        }
        return Long.parseLong(m.group(1));
    }

    private IllegalArgumentException notABackup(String name, StateBackup backup) {
        return new IllegalArgumentException("backup " + backup.location() + " is not a backup of '" + name + "' in "
                + backups + "; pick one from backups(\"" + name + "\")");
    }

    private LeaseHeldException held(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT owner, expires_at FROM " + leases + " WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return new LeaseHeldException(name, rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant());
                }
            }
        }
        return new LeaseHeldException(name, "nobody (it lapsed)", now());
    }

    private final class JdbcLease extends TokenLease {

        JdbcLease(String name, String owner, String token, Instant expiresAt) {
            super(name, owner, token, expiresAt);
        }

        @Override
        protected Instant extend(Duration ttl) {
            String name = name();
            return inTransaction("renew the lease of '" + name + "'", c -> {
                if (!isReleased()) {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE " + leases + " SET expires_at = clock_timestamp()"
                            + " + CAST(? AS BIGINT) * INTERVAL '1 millisecond' WHERE name = ? AND token = ? RETURNING expires_at")) {
                        ps.setLong(1, Math.max(1, ttl.toMillis()));
                        ps.setString(2, name);
                        ps.setString(3, token());
                        try (ResultSet rs = ps.executeQuery()) {
                            if (rs.next()) {
                                return rs.getObject(1, OffsetDateTime.class).toInstant();
                            }
                        }
                    }
                }
                throw held(c, name);
            });
        }

        @Override
        protected void release() {
            inTransaction("release the lease of '" + name() + "'", c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + leases + " WHERE name = ? AND token = ?")) {
                    ps.setString(1, name());
                    ps.setString(2, token());
                    return ps.executeUpdate();
                }
            });
        }
    }

    // ---------------------------------------------------------------------------------------------

    private Instant now() {
        return StoreSupport.now(clock);
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String text(DeploymentState state) {
        return new String(StateCodec.write(state), StandardCharsets.UTF_8);
    }

    /** The state as it reads back: what the codec keeps of it. */
    private static DeploymentState readBack(DeploymentState written) {
        return StateCodec.fromTree(StateCodec.toTree(written), "<written>");
    }

    private static long single(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    interface ConnectionSource {
        Connection open() throws SQLException;
    }

    /** Reads in auto-commit; a database without the tables holds nothing, and reading does not create them. */
    private <T> T read(String what, SqlWork<T> work, T whenNoTables) {
        try (Connection c = connections.open()) {
            return work.run(c);
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                return whenNoTables;
            }
            throw failure(what, e);
        }
    }

    private <T> T inTransaction(String what, SqlWork<T> work) {
        ensureSchema();
        try (Connection c = connections.open()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                restoreAutoCommit(c);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** A pooled connection goes back as it came: in auto-commit. */
    private static void restoreAutoCommit(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException e) {
            // a broken connection: the pool discards it
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // the connection is broken: the server rolls the transaction back when it goes
        }
    }

    /** Creates the tables once per store; concurrent creators can race in PostgreSQL's catalog, so it retries. */
    private void ensureSchema() {
        if (schemaReady) {
            return;
        }
        synchronized (this) {
            if (schemaReady) {
                return;
            }
            SQLException last = null;
            for (int attempt = 0; attempt < 3 && !schemaReady; attempt++) {
                try (Connection c = connections.open(); Statement st = c.createStatement()) {
                    for (String ddl : ddl()) {
                        st.execute(ddl);
                    }
                    schemaReady = true;
                } catch (SQLException e) {
                    last = e;
                }
            }
            if (!schemaReady) {
                throw new StateStoreException("could not create the tables " + prefix + "* in " + where + " (the first"
                        + " write creates them): " + message(last) + "; " + advice(last), last);
            }
            LOG.debug("tables {}* ready in {}", prefix, where);
        }
    }

    private List<String> ddl() {
        String indexPrefix = prefix.substring(prefix.lastIndexOf('.') + 1);
        return List.of(
                "CREATE TABLE IF NOT EXISTS " + deployments + " (name VARCHAR(128) PRIMARY KEY, document TEXT NOT NULL,"
                        + " version BIGINT NOT NULL, updated_at TIMESTAMPTZ NOT NULL)",
                "CREATE TABLE IF NOT EXISTS " + backups + " (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                        + " name VARCHAR(128) NOT NULL, taken_at TIMESTAMPTZ NOT NULL, label VARCHAR(64), document TEXT NOT NULL)",
                "CREATE INDEX IF NOT EXISTS " + indexPrefix + "backups_by_name ON " + backups + " (name, taken_at)",
                "CREATE TABLE IF NOT EXISTS " + archive + " (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                        + " name VARCHAR(128) NOT NULL, archived_at TIMESTAMPTZ NOT NULL, document TEXT NOT NULL)",
                "CREATE TABLE IF NOT EXISTS " + leases + " (name VARCHAR(128) PRIMARY KEY, owner TEXT NOT NULL,"
                        + " token VARCHAR(64) NOT NULL, expires_at TIMESTAMPTZ NOT NULL)");
    }

    private StateStoreException failure(String what, SQLException e) {
        return new StateStoreException("could not " + what + " in " + where + ": " + message(e) + "; " + advice(e), e);
    }

    /** The driver's message, with the password blotted out should a driver ever echo it. */
    private String message(SQLException e) {
        if (e == null) {
            return "unknown error";
        }
        String m = io.tierstate.error.Redaction.mask(String.valueOf(e.getMessage()));
        if (secret != null && !secret.isEmpty()) {
            m = m.replace(secret, "****");
        }
        return m + (e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")");
    }

    private static String advice(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (String.valueOf(e.getMessage()).startsWith("No suitable driver")) {
            return "no JDBC driver accepts this URL: add org.postgresql:postgresql to the class path";
        }
        if (state.startsWith("08")) {
            return "check that the database server is running and reachable (host, port, firewall) and that the URL is right";
        }
        if (state.startsWith("28")) {
            return "check the user name and password (not shown here) and the server's pg_hba.conf";
        }
        if (state.equals("3D000")) {
            return "the database does not exist: create it (createdb) or fix the URL";
        }
        if (state.equals("42501")) {
            return "the user lacks a privilege: grant SELECT, INSERT, UPDATE, DELETE on the tierstate tables,"
                    + " and CREATE on the schema until they exist (see docs/shared-state.md)";
        }
        return "check the connection and the user's privileges (see docs/shared-state.md)";
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
        private int backupsKept = StoreSupport.DEFAULT_BACKUPS_KEPT;
        private int maxAttempts = StoreSupport.DEFAULT_MAX_ATTEMPTS;

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
                throw new IllegalArgumentException("'" + sanitize(jdbcUrl) + "' is not a JDBC URL;"
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
                throw new IllegalArgumentException("backupsKept must be at least 1, was " + count);
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
                throw new IllegalArgumentException("maxAttempts must be at least 1, was " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /** @return the store; nothing is connected until the first operation */
        public JdbcStateStore build() {
            if ((dataSource == null) == (url == null)) {
                throw new IllegalStateException("set either dataSource(...) or url(\"jdbc:postgresql://HOST:PORT/DB\"), not "
                        + (dataSource == null ? "neither" : "both"));
            }
            return new JdbcStateStore(this);
        }

        private ConnectionSource connections() {
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
                throw new InvalidInputException(what + " '" + value + "' is not a plain SQL identifier:"
                        + " use letters, digits and '_', starting with a letter or '_' (at most 41 characters)");
            }
            return value;
        }
    }
}
