package io.tierstate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.error.InvalidInputException;
import io.tierstate.error.InvalidStackNameException;
import io.tierstate.error.StateStoreException;
import org.junit.jupiter.api.Test;

/** What the PostgreSQL store does beyond the contract without a server: its errors, its messages, its builder. */
class JdbcStateStoreTest {

    /** Nothing listens on port 1: connecting is refused at once. */
    private static final String NO_SERVER = "jdbc:postgresql://127.0.0.1:1/ops";

    @Test
    void unreachableServer_isAStateStoreExceptionSayingWhatToCheck() {
        JdbcStateStore store = JdbcStateStore.builder().url(NO_SERVER).user("ops").password("hunter2").build();

        assertThatThrownBy(() -> store.find("web"))
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("could not read 'web' in jdbc:postgresql://127.0.0.1:1/ops")
                .hasMessageContaining("SQLState 08")
                .hasMessageContaining("check that the database server is running and reachable")
                .message().doesNotContain("hunter2");
        assertThatThrownBy(() -> store.create(StoreFiles.minimal("web")))
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("could not create the tables tierstate_*")
                .message().doesNotContain("hunter2");
    }

    @Test
    void serverThatAcceptsAndNeverAnswers_failsWithinTheDefaultLoginTimeout() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            java.util.List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // and never a byte back
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            JdbcStateStore store = JdbcStateStore.builder().url("jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/ops")
                    .user("ops").password("hunter2").build();

            // without the defaults the driver waits for the server's first byte forever
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () ->
                    assertThatThrownBy(() -> store.find("web"))
                            .isInstanceOf(StateStoreException.class)
                            .hasMessageContaining("could not read 'web'")
                            .message().doesNotContain("hunter2"));
            assertThat(held).as("connections the silent server accepted").isNotEmpty();
            for (java.net.Socket s : held) {
                s.close();
            }
        }
        assertThat(JdbcStateStore.DEFAULT_TIMEOUTS).containsEntry("loginTimeout", "15").containsKeys("connectTimeout", "socketTimeout");
    }

    @Test
    void invalidName_isRefusedBeforeConnecting() {
        JdbcStateStore store = JdbcStateStore.builder().url(NO_SERVER).build();

        assertThatThrownBy(() -> store.find("../etc")).isInstanceOf(InvalidStackNameException.class);
        assertThatThrownBy(() -> store.update("a;DROP TABLE x", s -> s)).isInstanceOf(InvalidStackNameException.class);
    }

    @Test
    void urlWithoutADriver_saysWhichDependencyToAdd() {
        JdbcStateStore store = JdbcStateStore.builder().url("jdbc:nosuchdb://host/db").build();

        assertThatThrownBy(() -> store.list())
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("add org.postgresql:postgresql to the class path");
    }

    @Test
    void describe_showsWhereButNeverThePassword() {
        JdbcStateStore store = JdbcStateStore.builder().url("jdbc:postgresql://db:5432/ops?sslmode=require&password=hunter2")
                .password("s3cret").schema("ops").tablePrefix("ts_").build();

        assertThat(store.describe())
                .isEqualTo("PostgreSQL store at jdbc:postgresql://db:5432/ops?sslmode=require&password=**** (tables ops.ts_*)")
                .isEqualTo(store.toString());
        assertThat(store.deploymentsTable()).isEqualTo("ops.ts_deployments");
        assertThat(JdbcStateStore.create(PostgresTestDatabase.dataSourceFor(NO_SERVER)).describe())
                .isEqualTo("PostgreSQL store at JDBC data source PGSimpleDataSource (tables tierstate_*)");
    }

    @Test
    void builder_refusesWhatWouldBreakLater() {
        assertThatThrownBy(() -> JdbcStateStore.builder().build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("neither");
        assertThatThrownBy(() -> JdbcStateStore.builder().url(NO_SERVER).dataSource(PostgresTestDatabase.dataSourceFor(NO_SERVER)).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("both");
        assertThatThrownBy(() -> JdbcStateStore.builder().url("postgresql://db/ops"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("jdbc:postgresql://HOST:PORT/DATABASE");
        assertThatThrownBy(() -> JdbcStateStore.builder().tablePrefix("x; DROP TABLE y"))
                .isInstanceOf(io.tierstate.error.InvalidInputException.class).hasMessageContaining("not a plain SQL identifier");
        assertThatThrownBy(() -> JdbcStateStore.builder().schema("1st"))
                .isInstanceOf(io.tierstate.error.InvalidInputException.class).hasMessageContaining("schema '1st'");
        assertThatThrownBy(() -> JdbcStateStore.builder().backupsKept(0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> JdbcStateStore.builder().maxAttempts(0)).isInstanceOf(InvalidInputException.class);
        JdbcStateStore store = JdbcStateStore.builder().url("jdbc:postgresql://db:5432/ops").property("sslmode", "disable")
                .property("password", "hunter3").clock(java.time.Clock.systemUTC()).build();
        assertThat(store.describe()).as("properties are taken, and the password never shown")
                .contains("db:5432/ops").doesNotContain("hunter3");
    }
}
