package io.tierstate.store;

import io.tierstate.error.InvalidInputException;
import io.tierstate.internal.Settings;
import io.tierstate.port.StateStore;
import io.tierstate.port.StateStoreProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Opens a state store named by a URI, as {@code tierstate --store URI} and {@code copy --to URI}
 * take it.
 *
 * <pre>{@code
 * try (StateStore store = StateStoreUris.open("postgresql://tierstate@db.example.com/ops")) {
 *     List<String> names = store.list().states().stream().map(DeploymentState::stackName).toList();
 * }
 * }</pre>
 *
 * <table>
 * <caption>URIs understood</caption>
 * <tr><td>{@code /home/me/.geusemaker}, {@code ~/.tierstate}, {@code file:///home/me/.tierstate}, {@code file:~/.tierstate},
 *     {@code file:relative/dir}</td>
 *     <td>{@link FileStateStore} on that home</td></tr>
 * <tr><td>{@code postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=require&...]}
 *     ({@code postgres://} too)</td>
 *     <td>{@link JdbcStateStore}; query parameters go to the driver, except {@code table_prefix} and
 *     {@code schema}, which place the tables</td></tr>
 * <tr><td>{@code jdbc:postgresql://HOST[:PORT]/DATABASE?user=...}</td><td>{@link JdbcStateStore}, the URL as the
 *     driver takes it (plus {@code table_prefix} and {@code schema})</td></tr>
 * <tr><td>any other scheme, e.g. {@code s3://bucket/prefix}</td><td>the first
 *     {@link StateStoreProvider} on the class path that supports it ({@code tierstate-aws} brings
 *     {@code s3://})</td></tr>
 * </table>
 *
 * <p>A password in a URI ends up in shell histories and process lists; prefer the server's
 * {@code .pgpass}, trust on a private network, or {@link JdbcStateStore#builder()} in code.
 */
public final class StateStoreUris {

    private static final String FORMS = "a directory, file:///path, postgresql://USER@HOST:PORT/DATABASE,"
            + " jdbc:postgresql://HOST:PORT/DATABASE or s3://BUCKET/PREFIX";

    private StateStoreUris() {}

    /**
     * Opens the store a URI names; nothing is connected or created until the store's first operation.
     *
     * @param uri see the class description
     * @return the store; close it when done
     * @throws InvalidInputException when the URI is malformed or no store understands it, saying what would
     */
    public static StateStore open(String uri) {
        return open(uri, ServiceLoader.load(StateStoreProvider.class, classLoader()), Settings.fromEnvironment());
    }

    static StateStore open(String uri, Iterable<StateStoreProvider> providers, Settings settings) {
        if (uri == null || uri.isBlank()) {
            throw new InvalidInputException("the store URI is empty: give " + FORMS);
        }
        String text = uri.strip();
        String scheme = scheme(text);
        if (scheme == null) {
            return FileStateStore.open(path(text, settings));
        }
        switch (scheme) {
            case "file":
                return FileStateStore.open(filePath(text, settings));
            case "postgresql":
            case "postgres":
                return postgres(text);
            case "jdbc":
                return jdbc(text);
            default:
                return provided(text, scheme, providers);
        }
    }

    /**
     * The home directory a local store URI names: a plain path, {@code ~} or {@code ~/path} (the
     * user's home), {@code file:///absolute/path}, {@code file:~/path} or {@code file:relative/path}.
     *
     * @param uri the URI as given
     * @return the directory, or empty when the URI names a remote store (postgresql://, s3:// ...)
     * @throws InvalidInputException when a file: URI names another host or is not a valid URI
     */
    public static Optional<Path> localPath(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new InvalidInputException("the store URI is empty: give " + FORMS);
        }
        String text = uri.strip();
        String scheme = scheme(text);
        if (scheme == null) {
            return Optional.of(path(text, Settings.fromEnvironment()));
        }
        return scheme.equals("file") ? Optional.of(filePath(text, Settings.fromEnvironment())) : Optional.empty();
    }

    /** @return the lower-case scheme, or null for a plain path (a one-letter scheme is a Windows drive) */
    private static String scheme(String text) {
        int colon = text.indexOf(':');
        if (colon < 2) {
            return null;
        }
        String s = text.substring(0, colon);
        return s.matches("[A-Za-z][A-Za-z0-9+.-]*") ? s.toLowerCase(Locale.ROOT) : null;
    }

    private static Path path(String text, Settings settings) {
        if (text.equals("~")) {
            return settings.userHome();
        }
        if (text.startsWith("~/")) {
            return settings.userHome().resolve(text.substring(2));
        }
        return Path.of(text);
    }

    private static Path filePath(String text, Settings settings) {
        URI u = parse(text);
        if (u.isOpaque()) {
            return path(u.getSchemeSpecificPart(), settings); // file:relative/dir, file:~/dir
        }
        if (u.getAuthority() != null && !u.getAuthority().isEmpty() && !"localhost".equals(u.getAuthority())) {
            throw new InvalidInputException("'" + text + "' names a file on host " + u.getAuthority()
                    + "; a file store is local: write file:///absolute/path");
        }
        return Path.of(u.getPath());
    }

    private static StateStore postgres(String text) {
        URI u = parse(text);
        if (u.getHost() == null) {
            throw new InvalidInputException("'" + JdbcStateStore.sanitize(text) + "' has no host: write it as"
                    + " postgresql://USER@HOST:PORT/DATABASE");
        }
        String database = u.getPath() == null ? "" : u.getPath().replaceFirst("^/", "");
        if (database.isEmpty()) {
            throw new InvalidInputException("'" + JdbcStateStore.sanitize(text) + "' names no database: write it as"
                    + " postgresql://USER@HOST:PORT/DATABASE");
        }
        JdbcStateStore.Builder builder = JdbcStateStore.builder();
        Query query = Query.of(u.getRawQuery(), builder);
        String host = u.getHost().contains(":") && !u.getHost().startsWith("[") ? "[" + u.getHost() + "]" : u.getHost();
        builder.url("jdbc:postgresql://" + host + ":" + (u.getPort() < 0 ? 5432 : u.getPort()) + "/" + database
                + query.rest());
        if (u.getRawUserInfo() != null) {
            String info = u.getRawUserInfo();
            int colon = info.indexOf(':');
            builder.user(decode(colon < 0 ? info : info.substring(0, colon)));
            if (colon >= 0) {
                builder.password(decode(info.substring(colon + 1)));
            }
        }
        return builder.build();
    }

    private static StateStore jdbc(String text) {
        if (!text.startsWith("jdbc:postgresql:")) {
            throw new InvalidInputException("'" + JdbcStateStore.sanitize(text) + "' is not a PostgreSQL JDBC URL;"
                    + " JdbcStateStore is built for PostgreSQL: write jdbc:postgresql://HOST:PORT/DATABASE");
        }
        int q = text.indexOf('?');
        JdbcStateStore.Builder builder = JdbcStateStore.builder();
        Query query = Query.of(q < 0 ? null : text.substring(q + 1), builder);
        return builder.url((q < 0 ? text : text.substring(0, q)) + query.rest()).build();
    }

    private static StateStore provided(String text, String scheme, Iterable<StateStoreProvider> providers) {
        URI u = parse(text);
        List<String> tried = new ArrayList<>();
        for (StateStoreProvider provider : providers) {
            if (provider.supports(u)) {
                return Objects.requireNonNull(provider.open(u), provider.getClass().getName() + " opened null");
            }
            tried.add(provider.getClass().getSimpleName());
        }
        String hint = scheme.equals("s3")
                ? "s3:// needs the AWS adapter: add io.tierstate:tierstate-aws to the class path"
                : "use " + FORMS;
        throw new InvalidInputException("no state store understands '" + JdbcStateStore.sanitize(text) + "' (scheme "
                + scheme + (tried.isEmpty() ? "" : "; providers on the class path: " + String.join(", ", tried)) + "): " + hint);
    }

    private static URI parse(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            // no cause: URISyntaxException's own message repeats the whole URI, password included
            throw new InvalidInputException("'" + JdbcStateStore.sanitize(text) + "' is not a valid URI: "
                    + e.getReason() + " at index " + e.getIndex() + "; give " + FORMS);
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : StateStoreUris.class.getClassLoader();
    }

    /** The query of a PostgreSQL URI: our own parameters, the user and the password go to the builder, the rest to the driver. */
    private record Query(String rest) {
        static Query of(String raw, JdbcStateStore.Builder builder) {
            if (raw == null || raw.isEmpty()) {
                return new Query("");
            }
            List<String> kept = new ArrayList<>();
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (key.equals("table_prefix")) {
                    builder.tablePrefix(value);
                } else if (key.equals("schema")) {
                    builder.schema(value);
                } else if (key.equals("password")) {
                    builder.password(value); // kept out of the URL, so that no message can show it
                } else if (key.equals("user")) {
                    builder.user(value);
                } else if (!pair.isEmpty()) {
                    kept.add(pair);
                }
            }
            return new Query(kept.isEmpty() ? "" : "?" + String.join("&", kept));
        }
    }
}
