package io.tierstate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.error.InvalidInputException;
import io.tierstate.internal.Settings;
import io.tierstate.port.StateStore;
import io.tierstate.port.StateStoreProvider;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StateStoreUrisTest {

    private static final Settings SETTINGS = Settings.of(Map.of(), "/home/me");

    @TempDir
    Path dir;

    private static StateStore open(String uri, StateStoreProvider... providers) {
        return StateStoreUris.open(uri, List.of(providers), SETTINGS);
    }

    @Test
    void plainPathsAndFileUris_openTheFileStore() {
        assertThat(open(dir.toString())).isInstanceOfSatisfying(FileStateStore.class,
                s -> assertThat(s.home()).isEqualTo(dir.toAbsolutePath().normalize()));
        assertThat(open(dir.toUri().toString())).isInstanceOfSatisfying(FileStateStore.class,
                s -> assertThat(s.home()).isEqualTo(dir.toAbsolutePath().normalize()));
        assertThat(open("~/.geusemaker")).isInstanceOfSatisfying(FileStateStore.class,
                s -> assertThat(s.home()).isEqualTo(Path.of("/home/me/.geusemaker")));
        assertThat(open("~")).isInstanceOfSatisfying(FileStateStore.class,
                s -> assertThat(s.home()).isEqualTo(Path.of("/home/me")));
        assertThat(open("file:relative/home")).isInstanceOfSatisfying(FileStateStore.class,
                s -> assertThat(s.home()).isEqualTo(Path.of("relative/home").toAbsolutePath().normalize()));
        assertThat(open("file://localhost/srv/state")).isInstanceOfSatisfying(FileStateStore.class,
                s -> assertThat(s.home()).isEqualTo(Path.of("/srv/state")));
    }

    @Test
    void fileUriOnAnotherHost_isRefused() {
        assertThatThrownBy(() -> open("file://nas/state"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("file:///absolute/path");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "postgresql://ops:hunter2@db.example.com:5433/state?sslmode=require&table_prefix=ts_&schema=infra"
                + "|PostgreSQL store at jdbc:postgresql://db.example.com:5433/state?sslmode=require (tables infra.ts_*)",
        "postgres://db.example.com/state|PostgreSQL store at jdbc:postgresql://db.example.com:5432/state (tables tierstate_*)",
        "postgresql://ops@[::1]:5432/state|PostgreSQL store at jdbc:postgresql://[::1]:5432/state (tables tierstate_*)",
        "jdbc:postgresql://db:5432/state?user=ops&password=hunter2&table_prefix=x_&ssl=true"
                + "|PostgreSQL store at jdbc:postgresql://db:5432/state?ssl=true (tables x_*)",
        "jdbc:postgresql://db/state|PostgreSQL store at jdbc:postgresql://db/state (tables tierstate_*)"})
    void postgresUris_openTheJdbcStoreWithoutShowingThePassword(String uri, String described) {
        StateStore store = open(uri);

        assertThat(store).isInstanceOf(JdbcStateStore.class);
        assertThat(store.describe()).isEqualTo(described).doesNotContain("hunter2");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "postgresql:///state|has no host",
        "postgresql://db|names no database",
        "postgresql://db/|names no database",
        "jdbc:mysql://db/state|not a PostgreSQL JDBC URL",
        "postgresql://db:5432/state?table_prefix=bad-prefix|not a plain SQL identifier",
        "postgresql://d b/state|is not a valid URI",
        "s3://bucket/prefix|add io.tierstate:tierstate-aws to the class path",
        "ftp://host/dir|no state store understands 'ftp://host/dir'"})
    void malformedOrUnknownUris_sayHowToWriteThem(String uri, String message) {
        assertThatThrownBy(() -> open(uri)).isInstanceOf(InvalidInputException.class).hasMessageContaining(message);
    }

    @Test
    void emptyUri_listsTheFormsUnderstood() {
        assertThatThrownBy(() -> open("  ")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("postgresql://USER@HOST:PORT/DATABASE").hasMessageContaining("s3://BUCKET/PREFIX");
        assertThatThrownBy(() -> StateStoreUris.open(null)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void otherSchemes_goToTheFirstProviderThatSupportsThem() {
        FileStateStore opened = FileStateStore.open(dir);
        StateStoreProvider memory = provider("mem", opened);
        StateStoreProvider other = provider("other", null);

        assertThat(open("mem://anything", other, memory)).isSameAs(opened);
        assertThatThrownBy(() -> open("s3://bucket/p", other))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("providers on the class path: ")
                .hasMessageContaining("tierstate-aws");
    }

    @Test
    void theServiceLoaderIsAskedWhenNoProviderIsGiven() {
        assertThatThrownBy(() -> StateStoreUris.open("nosuch://x"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("scheme nosuch");
    }

    private static StateStoreProvider provider(String scheme, StateStore store) {
        return new StateStoreProvider() {
            @Override
            public boolean supports(URI uri) {
                return scheme.equals(uri.getScheme());
            }

            @Override
            public StateStore open(URI uri) {
                return store;
            }
        };
    }
}
