package io.tierstate.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tierstate.internal.Settings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL server the JDBC tests use: {@code TIERSTATE_PG_URL} (and {@code TIERSTATE_PG_USER},
 * {@code TIERSTATE_PG_PASSWORD}), which {@code .ci/run} sets after starting a throwaway cluster.
 * Each test gets tables of its own through a random table prefix, dropped afterwards.
 */
final class PostgresTestDatabase {

    static final String SKIPPED = "TIERSTATE_PG_URL not set: PostgreSQL tests skipped; .ci/run starts a server";

    private static final Settings SETTINGS = Settings.fromEnvironment();

    private PostgresTestDatabase() {}

    private static final java.util.concurrent.atomic.AtomicBoolean TOLD = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Skips the calling test when no server is configured; call it per test, so that each one is
     * reported as skipped with the reason. The reason is also printed once to the build log.
     */
    static void assumeAvailable() {
        if (SETTINGS.postgresUrl().isEmpty() && TOLD.compareAndSet(false, true)) {
            System.err.println("[tierstate] " + SKIPPED);
        }
        assumeTrue(SETTINGS.postgresUrl().isPresent(), SKIPPED);
    }

    static String url() {
        return SETTINGS.postgresUrl().orElseThrow();
    }

    /** @return a fresh table prefix such as {@code t3f9a0c1d_} */
    static String newPrefix() {
        return "t" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL) + "_";
    }

    /** @return a builder on the test server with its user and password, tables under {@code prefix} */
    static JdbcStateStore.Builder builder(String prefix) {
        JdbcStateStore.Builder b = JdbcStateStore.builder().url(url()).tablePrefix(prefix);
        SETTINGS.postgresUser().ifPresent(b::user);
        SETTINGS.postgresPassword().ifPresent(b::password);
        return b;
    }

    /** @return a data source on the test server (unpooled: the driver's simple one) */
    static PGSimpleDataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url());
        SETTINGS.postgresUser().ifPresent(ds::setUser);
        SETTINGS.postgresPassword().ifPresent(ds::setPassword);
        return ds;
    }

    /** @return a data source on any URL, for tests that need no server */
    static PGSimpleDataSource dataSourceFor(String url) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        return ds;
    }

    static Connection connect() throws SQLException {
        Properties props = new Properties();
        SETTINGS.postgresUser().ifPresent(u -> props.setProperty("user", u));
        SETTINGS.postgresPassword().ifPresent(p -> props.setProperty("password", p));
        return DriverManager.getConnection(url(), props);
    }

    /** Drops the tables a store with this prefix created. */
    static void drop(String prefix) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + prefix + "deployments, " + prefix + "backups, " + prefix + "archive, "
                    + prefix + "leases");
        }
    }
}
