package io.tierstate.aws;

import io.tierstate.error.InvalidInputException;
import io.tierstate.port.StateStore;
import io.tierstate.port.StateStoreProvider;
import io.tierstate.error.Redaction;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Opens {@code s3://BUCKET/PREFIX} as an {@link S3StateStore}, so that {@code StateStoreUris.open}
 * and {@code tierstate --store s3://...} reach S3 whenever {@code tierstate-aws} is on the class
 * path (registered in {@code META-INF/services/io.tierstate.port.StateStoreProvider}).
 *
 * <p>Query parameters set up the client: {@code region=eu-west-1}, {@code endpoint=http://127.0.0.1:9000}
 * (an S3-compatible server), {@code path_style=true|false}. Credentials come from the SDK's default
 * chain (environment, profile, instance role), never from the URI.
 */
public final class S3StateStoreProvider implements StateStoreProvider {

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public S3StateStoreProvider() {}

    @Override
    public boolean supports(URI uri) {
        return uri.getScheme() != null && uri.getScheme().toLowerCase(Locale.ROOT).equals("s3");
    }

    @Override
    public StateStore open(URI uri) {
        String shown = Redaction.mask(uri.toString());
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            throw new InvalidInputException("'" + shown + "' carries credentials before the bucket: an S3 store takes"
                    + " them only from the AWS SDK's default chain (AWS_PROFILE, environment, instance role); write s3://BUCKET/PREFIX");
        }
        String bucket = uri.getHost() != null ? uri.getHost() : uri.getAuthority();
        if (bucket == null || bucket.isEmpty()) {
            throw new InvalidInputException("'" + shown + "' names no bucket: write it as s3://BUCKET/PREFIX");
        }
        S3StateStore.Builder builder = S3StateStore.builder().bucket(bucket)
                .prefix(uri.getPath() == null ? "" : uri.getPath());
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                switch (key) {
                    case "region" -> builder.region(value);
                    case "endpoint" -> builder.endpoint(URI.create(value));
                    case "path_style" -> builder.pathStyleAccess(Boolean.parseBoolean(value));
                    default -> throw new InvalidInputException("unknown parameter '" + key + "' in " + shown
                            + ": an S3 store takes region, endpoint and path_style");
                }
            }
        }
        return builder.build();
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
