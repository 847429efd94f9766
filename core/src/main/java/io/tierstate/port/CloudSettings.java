package io.tierstate.port;

import java.net.URI;
import java.util.Optional;

/**
 * What a {@link CloudProvider} needs to make a cloud; every value is optional.
 *
 * @param region e.g. {@code us-east-1}; empty = the provider's default chain
 * @param endpoint an AWS-compatible endpoint to use instead of the real one
 */
public record CloudSettings(Optional<String> region, Optional<URI> endpoint) {

    /** @return settings with every value left to the provider */
    public static CloudSettings defaults() {
        return new CloudSettings(Optional.empty(), Optional.empty());
    }
}
