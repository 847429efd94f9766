package io.tierstate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.error.StateConflictException;
import io.tierstate.error.StateStoreException;
import io.tierstate.model.DeploymentState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the PostgreSQL store does beyond the contract, on the server {@code .ci/run} starts. */
class JdbcStateStoreServerTest {

    @BeforeEach
    void requireServer() {
        PostgresTestDatabase.assumeAvailable();
    }

    @Test
    void reading_anEmptyDatabase_findsNothingAndCreatesNoTable() throws SQLException {
        String prefix = PostgresTestDatabase.newPrefix();
        JdbcStateStore store = PostgresTestDatabase.builder(prefix).build();

        assertThat(store.find("web")).isEmpty();
        assertThat(store.list().states()).isEmpty();
        assertThat(store.backups("web")).isEmpty();

        assertThat(tableExists(prefix + "deployments")).isFalse();
        store.createTables();
        assertThat(tableExists(prefix + "deployments")).isTrue();
        PostgresTestDatabase.drop(prefix);
    }

    @Test
    void update_thatKeepsLosingToOtherWriters_givesUpWithTheConflict() throws SQLException {
        String prefix = PostgresTestDatabase.newPrefix();
        JdbcStateStore store = PostgresTestDatabase.builder(prefix).maxAttempts(2).build();
        JdbcStateStore other = PostgresTestDatabase.builder(prefix).build();
        store.create(StoreFiles.minimal("web").withKeypairName("0"));
        AtomicInteger calls = new AtomicInteger();
        try {
            assertThatThrownBy(() -> store.update("web", s -> {
                calls.incrementAndGet();
                other.update("web", StateStoreContract::increment);
                return StateStoreContract.increment(s);
            })).isInstanceOf(StateConflictException.class).hasMessageContaining("'web' changed since it was read");
            assertThat(calls).hasValue(2);
            assertThat(store.find("web").orElseThrow().keypairName()).hasValue("2");
        } finally {
            PostgresTestDatabase.drop(prefix);
        }
    }

    @Test
    void aUserWithoutPrivileges_isToldWhichToGrant() throws SQLException {
        String prefix = PostgresTestDatabase.newPrefix();
        String role = "reader_" + prefix;
        JdbcStateStore owner = PostgresTestDatabase.builder(prefix).build();
        owner.create(StoreFiles.minimal("web"));
        execute("CREATE ROLE " + role + " LOGIN", "GRANT SELECT ON " + prefix + "deployments TO " + role);
        try {
            JdbcStateStore reader = JdbcStateStore.builder().url(PostgresTestDatabase.url()).user(role).tablePrefix(prefix).build();
            assertThat(reader.find("web")).isPresent();
            assertThatThrownBy(() -> reader.update("web", s -> s.withKeypairName("changed")))
                    .isInstanceOf(StateStoreException.class)
                    .hasMessageContaining("SQLState 42501")
                    .hasMessageContaining("grant SELECT, INSERT, UPDATE, DELETE");
            JdbcStateStore stranger = JdbcStateStore.builder().url(PostgresTestDatabase.url()).user(role)
                    .tablePrefix(PostgresTestDatabase.newPrefix()).build();
            assertThatThrownBy(() -> stranger.create(StoreFiles.minimal("web")))
                    .isInstanceOf(StateStoreException.class)
                    .hasMessageContaining("could not create the tables")
                    .hasMessageContaining("CREATE on the schema");
        } finally {
            execute("DROP OWNED BY " + role, "DROP ROLE " + role);
            PostgresTestDatabase.drop(prefix);
        }
    }

    @Test
    void unknownDatabase_saysToCreateIt() {
        String url = PostgresTestDatabase.url().replaceFirst("/[^/?]+(\\?|$)", "/no_such_database$1");
        JdbcStateStore store = JdbcStateStore.builder().url(url).user("postgres").build();

        assertThatThrownBy(() -> store.find("web"))
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("the database does not exist");
    }

    @Test
    void schema_putsTheTablesThere() throws SQLException {
        String schema = "s" + PostgresTestDatabase.newPrefix();
        execute("CREATE SCHEMA " + schema);
        try {
            JdbcStateStore store = PostgresTestDatabase.builder("tierstate_").schema(schema).build();
            DeploymentState created = store.create(StoreFiles.minimal("web"));

            assertThat(store.find("web")).contains(created);
            assertThat(tableExists(schema + ".tierstate_deployments")).isTrue();
        } finally {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Test
    void storeUri_inPostgresqlForm_opensThisStore() throws SQLException {
        String prefix = PostgresTestDatabase.newPrefix();
        String uri = PostgresTestDatabase.url().replaceFirst("^jdbc:postgresql://", "postgresql://postgres@")
                + (PostgresTestDatabase.url().contains("?") ? "&" : "?") + "table_prefix=" + prefix;
        try (var store = StateStoreUris.open(uri)) {
            store.create(StoreFiles.minimal("web"));
            assertThat(store).isInstanceOf(JdbcStateStore.class);
            assertThat(tableExists(prefix + "deployments")).isTrue();
        } finally {
            PostgresTestDatabase.drop(prefix);
        }
    }

    private boolean tableExists(String table) throws SQLException {
        try (Connection c = PostgresTestDatabase.connect();
                PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private void execute(String... statements) throws SQLException {
        try (Connection c = PostgresTestDatabase.connect(); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }
}
