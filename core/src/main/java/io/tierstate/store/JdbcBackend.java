package io.tierstate.store;

import io.tierstate.error.InvalidInputException;
import io.tierstate.error.StateStoreException;
import io.tierstate.port.StateBackup;
import io.tierstate.store.spi.BackupRequest;
import io.tierstate.store.spi.Document;
import io.tierstate.store.spi.LeaseRecord;
import io.tierstate.store.spi.Listed;
import io.tierstate.store.spi.StoreBackend;
import io.tierstate.store.spi.Stored;
import io.tierstate.store.spi.WriteResult;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL store's I/O over plain JDBC: one row per deployment whose {@code version} column
 * is the version token and the state's serial ({@code UPDATE ... WHERE version = ?}), backups as
 * history rows written and pruned in the transaction of the write they belong to, delete and archive
 * in one transaction, leases as rows whose expiry the database's clock judges. Reading never
 * creates the tables; the first write does.
 */
final class JdbcBackend implements StoreBackend {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcBackend.class);
    private static final String UNDEFINED_TABLE = "42P01";

    /** Where connections come from: a data source, or the driver manager on a URL. */
    @FunctionalInterface
    interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private final ConnectionSource connections;
    private final String where;
    private final String secret;
    final String deployments;
    private final String backups;
    private final String archive;
    private final String leases;
    private final String prefix;
    private volatile boolean schemaReady;

    JdbcBackend(ConnectionSource connections, String where, String secret, String prefix) {
        this.connections = connections;
        this.secret = secret;
        this.prefix = prefix;
        this.deployments = prefix + "deployments";
        this.backups = prefix + "backups";
        this.archive = prefix + "archive";
        this.leases = prefix + "leases";
        this.where = where + " (tables " + prefix + "*)";
    }

    @Override
    public String describe() {
        return "PostgreSQL store at " + where;
    }

    @Override
    public String kind() {
        return "row";
    }

    @Override
    public String location() {
        return where;
    }

    @Override
    public String source(String name) {
        return deployments + " row '" + name + "' in " + where;
    }

    void createTables() {
        ensureSchema();
    }

    // ---------------------------------------------------------------------------------------------
    // live rows

    @Override
    public Optional<Stored> read(String name) {
        return read("read '" + name + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT document, version FROM " + deployments + " WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(stored(name, rs.getString(1), rs.getLong(2))) : Optional.<Stored>empty();
                }
            }
        }, Optional.empty());
    }

    /** Every row in one query; the engine decodes them. */
    @Override
    public List<Listed> list() {
        return read("list deployments", c -> {
            List<Listed> all = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name, document, version FROM " + deployments + " ORDER BY name")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Optional<Stored> row = Optional.of(stored(rs.getString(1), rs.getString(2), rs.getLong(3)));
                        all.add(new Listed(rs.getString(1), source(rs.getString(1)), () -> row));
                    }
                }
            }
            return all;
        }, List.of());
    }

    private Stored stored(String name, String document, long version) {
        return new Stored(document.getBytes(StandardCharsets.UTF_8), String.valueOf(version), source(name),
                OptionalLong.of(version));
    }

    @Override
    public boolean create(Document document) {
        return inTransaction("create '" + document.name() + "'", c -> insertRow(c, document));
    }

    /** All in one transaction: a copy of many deployments costs one round of commits, not one per deployment. */
    @Override
    public List<Boolean> createAll(List<Document> documents) {
        if (documents.isEmpty()) {
            return List.of();
        }
        return inTransaction("copy " + documents.size() + " deployments", c -> {
            List<Boolean> created = new ArrayList<>(documents.size());
            try (PreparedStatement ps = c.prepareStatement(insertSql())) {
                for (Document d : documents) {
                    bindInsert(ps, d);
                    ps.addBatch();
                }
                for (int n : ps.executeBatch()) {
                    created.add(n == 1);
                }
            }
            return created;
        });
    }

    @Override
    public WriteResult replace(Document document, String expectedVersion, Optional<BackupRequest> backup) {
        String name = document.name();
        return inTransaction("write '" + name + "'", c -> {
            Optional<String> document0 = lockRow(c, name, expectedVersion);
            if (document0.isEmpty()) {
                return WriteResult.conflict();
            }
            Optional<StateBackup> kept = Optional.empty();
            if (backup.isPresent()) {
                kept = Optional.of(insertBackup(c, name, backup.get()));
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + deployments
                    + " SET document = ?, version = ?, updated_at = ? WHERE name = ? AND version = ?")) {
                ps.setString(1, text(document.bytes()));
                ps.setLong(2, document.serial());
                ps.setObject(3, timestamp(document.updatedAt()));
                ps.setString(4, name);
                ps.setLong(5, Long.parseLong(expectedVersion));
                if (ps.executeUpdate() == 0) {
                    c.rollback();
                    return WriteResult.conflict();
                }
            }
            return WriteResult.written(kept);
        });
    }

    @Override
    public WriteResult remove(String name, String expectedVersion, BackupRequest backup) {
        return inTransaction("delete '" + name + "'", c -> {
            if (lockRow(c, name, expectedVersion).isEmpty()) {
                return WriteResult.conflict();
            }
            StateBackup kept = insertBackup(c, name, backup);
            deleteRow(c, name);
            return WriteResult.written(Optional.of(kept));
        });
    }

    @Override
    public Optional<String> archive(String name, String expectedVersion, byte[] document, Instant at) {
        return inTransaction("archive '" + name + "'", c -> {
            if (lockRow(c, name, expectedVersion).isEmpty()) {
                return Optional.<String>empty();
            }
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + archive
                    + " (name, archived_at, document) VALUES (?, ?, ?) RETURNING id")) {
                ps.setString(1, name);
                ps.setObject(2, timestamp(at));
                ps.setString(3, text(document));
                id = single(ps);
            }
            deleteRow(c, name);
            return Optional.of(archive + "#" + id + " (" + name + ")");
        });
    }

    @Override
    public Optional<Stored> latestArchive(String name) {
        return read("read the archive of '" + name + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, document FROM " + archive
                    + " WHERE name = ? ORDER BY archived_at DESC, id DESC LIMIT 1")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Stored>empty();
                    }
                    return Optional.of(Stored.of(rs.getString(2).getBytes(StandardCharsets.UTF_8), "archive",
                            archive + "#" + rs.getLong(1)));
                }
            }
        }, Optional.empty());
    }

    /** Locks the row if it still has the version read; @return its document, or empty when it changed or is gone. */
    private Optional<String> lockRow(Connection c, String name, String expectedVersion) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT document, version FROM " + deployments
                + " WHERE name = ? FOR UPDATE")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && String.valueOf(rs.getLong(2)).equals(expectedVersion)
                        ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private void deleteRow(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + deployments + " WHERE name = ?")) {
            ps.setString(1, name);
            ps.executeUpdate();
        }
    }

    private String insertSql() {
        return "INSERT INTO " + deployments + " (name, document, version, updated_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (name) DO NOTHING";
    }

    private void bindInsert(PreparedStatement ps, Document d) throws SQLException {
        ps.setString(1, d.name());
        ps.setString(2, text(d.bytes()));
        ps.setLong(3, d.serial());
        ps.setObject(4, timestamp(d.updatedAt()));
    }

    private boolean insertRow(Connection c, Document d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insertSql())) {
            bindInsert(ps, d);
            return ps.executeUpdate() == 1;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // backups: history rows

    @Override
    public StateBackup putBackup(String name, BackupRequest backup) {
        return inTransaction("back up '" + name + "'", c -> insertBackup(c, name, backup));
    }

    /** Inserts a history row and, for a routine one, prunes the routine ones beyond the newest kept. */
    private StateBackup insertBackup(Connection c, String name, BackupRequest backup) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + backups
                + " (name, taken_at, label, document) VALUES (?, ?, ?, ?) RETURNING id")) {
            ps.setString(1, name);
            ps.setObject(2, timestamp(backup.takenAt()));
            ps.setString(3, backup.label().orElse(null));
            ps.setString(4, text(backup.document()));
            id = single(ps);
        }
        if (backup.routine()) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + backups + " WHERE name = ? AND label IS NULL"
                    + " AND id NOT IN (SELECT id FROM " + backups + " WHERE name = ? AND label IS NULL"
                    + " ORDER BY taken_at DESC, id DESC LIMIT ?)")) {
                ps.setString(1, name);
                ps.setString(2, name);
                ps.setInt(3, backup.routineKept());
                ps.executeUpdate();
            }
        }
        return new StateBackup(name, backups + "#" + id, backup.takenAt(), backup.label());
    }

    @Override
    public List<StateBackup> backups(String name) {
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
    public Stored readBackup(String name, StateBackup backup) {
        Matcher m = Pattern.compile(Pattern.quote(backups) + "#(\\d{1,18})").matcher(backup.location());
        if (!m.matches() || !backup.name().equals(name)) {
            throw notABackup(name, backup);
        }
        long id = Long.parseLong(m.group(1));
        Optional<String> document = read("read backup " + backup.location(), c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT document FROM " + backups + " WHERE id = ? AND name = ?")) {
                ps.setLong(1, id);
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        }, Optional.empty());
        return Stored.of(document.orElseThrow(() -> notABackup(name, backup)).getBytes(StandardCharsets.UTF_8),
                "backup", backup.location());
    }

    private InvalidInputException notABackup(String name, StateBackup backup) {
        return new InvalidInputException("backup " + backup.location() + " is not a backup of '" + name + "' in "
                + backups + "; pick one from backups(\"" + name + "\")");
    }

    // ---------------------------------------------------------------------------------------------
    // leases: rows, expiry judged by clock_timestamp()

    @Override
    public Optional<LeaseRecord> readLease(String name) {
        return read("read the lease of '" + name + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT owner, token, expires_at FROM " + leases + " WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new LeaseRecord(rs.getString(1), rs.getString(2),
                            rs.getObject(3, OffsetDateTime.class).toInstant())) : Optional.<LeaseRecord>empty();
                }
            }
        }, Optional.empty());
    }

    /**
     * One statement: {@code INSERT ... ON CONFLICT (name) DO UPDATE ... WHERE expires_at <=
     * clock_timestamp()} takes a missing or expired lease; a takeover is {@code UPDATE ... WHERE token = ?}.
     */
    @Override
    public Optional<Instant> takeLease(String name, String owner, String token, Duration ttl, Instant now,
            Optional<String> replacing) {
        long millis = Math.max(1, ttl.toMillis());
        return inTransaction("take the lease of '" + name + "'", c -> {
            String sql = replacing.isPresent()
                    ? "UPDATE " + leases + " SET owner = ?, token = ?, expires_at = clock_timestamp() + CAST(? AS BIGINT)"
                            + " * INTERVAL '1 millisecond' WHERE name = ? AND token = ? RETURNING expires_at"
                    : "INSERT INTO " + leases + " AS l (owner, token, expires_at, name) VALUES (?, ?,"
                            + " clock_timestamp() + CAST(? AS BIGINT) * INTERVAL '1 millisecond', ?)"
                            + " ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, token = EXCLUDED.token,"
                            + " expires_at = EXCLUDED.expires_at WHERE l.expires_at <= clock_timestamp()"
                            + " RETURNING expires_at";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, owner);
                ps.setString(2, token);
                ps.setLong(3, millis);
                ps.setString(4, name);
                if (replacing.isPresent()) {
                    ps.setString(5, replacing.get());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getObject(1, OffsetDateTime.class).toInstant()) : Optional.<Instant>empty();
                }
            }
        });
    }

    @Override
    public Optional<Instant> renewLease(String name, String token, Duration ttl, Instant now) {
        return inTransaction("renew the lease of '" + name + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + leases + " SET expires_at = clock_timestamp()"
                    + " + CAST(? AS BIGINT) * INTERVAL '1 millisecond' WHERE name = ? AND token = ? RETURNING expires_at")) {
                ps.setLong(1, Math.max(1, ttl.toMillis()));
                ps.setString(2, name);
                ps.setString(3, token);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getObject(1, OffsetDateTime.class).toInstant()) : Optional.<Instant>empty();
                }
            }
        });
    }

    @Override
    public void releaseLease(String name, String token) {
        inTransaction("release the lease of '" + name + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + leases + " WHERE name = ? AND token = ?")) {
                ps.setString(1, name);
                ps.setString(2, token);
                return ps.executeUpdate();
            }
        });
    }

    // ---------------------------------------------------------------------------------------------

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
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

}
