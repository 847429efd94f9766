package io.tierstate.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The one place TierState reads its environment. Everything else is passed in explicitly.
 *
 * <ul>
 *   <li>{@code TIERSTATE_HOME}: the file store's home (default {@code ~/.tierstate}).
 * </ul>
 */
public final class Settings {

    /** The environment variable naming the default home. */
    public static final String HOME_VARIABLE = "TIERSTATE_HOME";

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

    /** @return {@code $TIERSTATE_HOME}, else {@code ~/.tierstate} */
    public Path defaultHome() {
        return variable(HOME_VARIABLE).map(Path::of).orElseGet(() -> Path.of(userHome, ".tierstate"));
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
