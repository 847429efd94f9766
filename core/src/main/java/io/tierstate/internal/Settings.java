package io.tierstate.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The one place TierState reads its environment. Everything else is passed in explicitly.
 *
 * <ul>
 *   <li>{@code TIERSTATE_HOME}: the file store's home (default {@code ~/.tierstate}).
 *   <li>{@code TIERSTATE_PG_URL}, {@code TIERSTATE_PG_USER}, {@code TIERSTATE_PG_PASSWORD}: a PostgreSQL
 *       server for {@code JdbcStateStore}'s tests ({@code .ci/run} starts one and sets them); without
 *       the URL those tests are skipped.
 * </ul>
 */
public final class Settings {

    /** The environment variable naming the default home. */
    public static final String HOME_VARIABLE = "TIERSTATE_HOME";

    /** The environment variable with the JDBC URL of a PostgreSQL database for tests, e.g. {@code jdbc:postgresql://127.0.0.1:55432/tierstate}. */
    public static final String PG_URL_VARIABLE = "TIERSTATE_PG_URL";

    /** The environment variable with the user name for {@link #PG_URL_VARIABLE}. */
    public static final String PG_USER_VARIABLE = "TIERSTATE_PG_USER";

    /** The environment variable with the password for {@link #PG_URL_VARIABLE}, when the server asks for one. */
    public static final String PG_PASSWORD_VARIABLE = "TIERSTATE_PG_PASSWORD";

    private final Map<String, String> environment;
    private final String userHome;

    private Settings(Map<String, String> environment, String userHome) {
        this.environment = Map.copyOf(environment);
        this.userHome = userHome;
    }

    /** @return settings read from this process's environment and system properties */
    public static Settings fromEnvironment() {
        return new Settings(System.getenv(), System.getProperty("user.home"));
    }

    /**
     * Settings from given values, for tests.
     *
     * @param environment the variables
     * @param userHome the user's home directory
     * @return the settings
     */
    public static Settings of(Map<String, String> environment, String userHome) {
        return new Settings(environment, userHome);
    }

    /** @return {@code $TIERSTATE_HOME} ({@code ~} there is the user's home too), else {@code ~/.tierstate} */
    public Path defaultHome() {
        return variable(HOME_VARIABLE).map(v -> v.equals("~") ? Path.of(userHome)
                : v.startsWith("~/") ? Path.of(userHome, v.substring(2)) : Path.of(v))
                .orElseGet(() -> Path.of(userHome, ".tierstate"));
    }

    /** @return the user's home directory, for {@code ~} in paths */
    public Path userHome() {
        return Path.of(userHome);
    }

    /** @return the JDBC URL of the PostgreSQL database the tests use, when one is set */
    public Optional<String> postgresUrl() {
        return variable(PG_URL_VARIABLE);
    }

    /** @return the user name for {@link #postgresUrl()}, when set */
    public Optional<String> postgresUser() {
        return variable(PG_USER_VARIABLE);
    }

    /** @return the password for {@link #postgresUrl()}, when set */
    public Optional<String> postgresPassword() {
        return variable(PG_PASSWORD_VARIABLE);
    }

    /**
     * Reads one variable.
     *
     * @param name the name
     * @return its value when set and not blank
     */
    public Optional<String> variable(String name) {
        return Optional.ofNullable(environment.get(name)).filter(v -> !v.isBlank());
    }
}
