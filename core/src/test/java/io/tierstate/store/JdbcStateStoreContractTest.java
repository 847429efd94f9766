package io.tierstate.store;

import io.tierstate.port.StateStore;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;

/**
 * The PostgreSQL store keeps every promise of the state store port, on a real server (see
 * {@link PostgresTestDatabase}); each case has tables of its own. The first client connects through
 * a JDBC URL, the second through a {@link javax.sql.DataSource}.
 */
class JdbcStateStoreContractTest extends StateStoreContract {

    private static final List<String> TABLES = List.of("deployments", "backups", "archive", "leases");

    private String prefix;

    @Override
    protected StateStore openStore() {
        PostgresTestDatabase.assumeAvailable();
        prefix = PostgresTestDatabase.newPrefix();
        return PostgresTestDatabase.builder(prefix).build();
    }

    @Override
    protected StateStore openSecondClient() {
        return JdbcStateStore.builder().dataSource(PostgresTestDatabase.dataSource()).tablePrefix(prefix).build();
    }

    @AfterEach
    void dropTables() throws SQLException {
        if (prefix != null) {
            PostgresTestDatabase.drop(prefix);
        }
    }

    @Override
    protected void plantDocument(String name, byte[] document) throws SQLException {
        ((JdbcStateStore) store).createTables();
        try (Connection c = PostgresTestDatabase.connect();
                PreparedStatement ps = c.prepareStatement("INSERT INTO " + prefix + "deployments (name, document, version,"
                        + " updated_at) VALUES (?, ?, 0, now()) ON CONFLICT (name) DO UPDATE SET document = EXCLUDED.document")) {
            ps.setString(1, name);
            ps.setString(2, new String(document, StandardCharsets.UTF_8));
            ps.executeUpdate();
        }
    }

    @Override
    protected Optional<byte[]> storedDocument(String name) throws SQLException {
        try (Connection c = PostgresTestDatabase.connect();
                PreparedStatement ps = c.prepareStatement("SELECT document FROM " + prefix + "deployments WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1).getBytes(StandardCharsets.UTF_8)) : Optional.empty();
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Which of the store's tables exist, and a digest of every row in them. */
    @Override
    protected Object storageFingerprint() throws SQLException {
        List<String> fingerprint = new ArrayList<>();
        try (Connection c = PostgresTestDatabase.connect()) {
            for (String table : TABLES) {
                try (PreparedStatement exists = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                    exists.setString(1, prefix + table);
                    try (ResultSet rs = exists.executeQuery()) {
                        rs.next();
                        if (!rs.getBoolean(1)) {
                            continue;
                        }
                    }
                }
                try (PreparedStatement rows = c.prepareStatement("SELECT count(*), md5(coalesce(string_agg(t::text, ','"
                        + " ORDER BY t::text), '')) FROM " + prefix + table + " t");
                        ResultSet rs = rows.executeQuery()) {
                    rs.next();
                    fingerprint.add(table + ":" + rs.getLong(1) + ":" + rs.getString(2));
                }
            }
        }
        return fingerprint;
    }
}
