package io.tierstate.port;

import java.net.URI;

/**
 * Opens a {@link StateStore} for the URIs of one technology, so that {@code StateStoreUris.open}
 * (and so {@code tierstate --store URI}) reaches stores that live in other modules.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/io.tierstate.port.StateStoreProvider} of the module's jar. The AWS adapter
 * registers one for {@code s3://bucket/prefix}. Keep {@link #open(URI)} cheap: create clients lazily,
 * on the store's first operation.
 */
public interface StateStoreProvider {

    /**
     * Tells whether this provider opens a URI; asked before {@link #open(URI)}.
     *
     * @param uri the store URI, e.g. {@code s3://my-bucket/tierstate/}
     * @return whether {@link #open(URI)} accepts it (usually: its scheme is this provider's)
     */
    boolean supports(URI uri);

    /**
     * Opens the store; the caller closes it.
     *
     * @param uri a URI this provider {@link #supports(URI) supports}
     * @return the store
     * @throws io.tierstate.error.InvalidInputException when the URI is malformed, saying how to write it
     */
    StateStore open(URI uri);
}
