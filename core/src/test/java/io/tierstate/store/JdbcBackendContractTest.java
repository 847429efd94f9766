package io.tierstate.store;

import io.tierstate.store.spi.StoreBackend;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;

/** The PostgreSQL backend keeps the SPI's primitives, on a real server, with tables of its own per case. */
class JdbcBackendContractTest extends StoreBackendContract {

    private String prefix;

    @Override
    protected StoreBackend openBackend() {
        PostgresTestDatabase.assumeAvailable();
        prefix = PostgresTestDatabase.newPrefix();
        return new JdbcBackend(PostgresTestDatabase.dataSource()::getConnection, "the test database", null, prefix);
    }

    @AfterEach
    void dropTables() throws SQLException {
        if (prefix != null) {
            PostgresTestDatabase.drop(prefix);
        }
    }
}
