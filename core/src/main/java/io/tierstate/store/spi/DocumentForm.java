package io.tierstate.store.spi;

import io.tierstate.model.DeploymentState;

/**
 * How a backend keeps documents when another tool reads them too: GeuseMaker's shared-home form,
 * and what such a backend keeps beside the documents to repair what the other tool drops. The engine
 * encodes and decodes; these hooks say which form to write and what to do around reads and writes.
 * {@link #PLAIN} (plain v3, nothing beside) suits every backend TierState alone writes.
 */
public interface DocumentForm {

    /** Plain v3 documents and nothing beside them. */
    DocumentForm PLAIN = new DocumentForm() {};

    /**
     * @return whether documents are written in the shared-home form GeuseMaker loads as its v2
     *     ({@code io.tierstate.migration.SharedHomeForm}); plain v3 otherwise
     */
    default boolean sharedHomeForm() {
        return false;
    }

    /**
     * Completes a state read from a live document, e.g. puts back fields another tool dropped.
     *
     * @param name the deployment
     * @param bytes the live document
     * @param state the state decoded from it
     * @return the state to hand out
     */
    default DeploymentState afterRead(String name, byte[] bytes, DeploymentState state) {
        return state;
    }

    /**
     * Called after a live document was written.
     *
     * @param name the deployment
     * @param written the state as written, mapped only when asked for (a bulk migration writes thousands)
     */
    default void afterWrite(String name, java.util.function.Supplier<DeploymentState> written) {}

    /**
     * Called after a live document was removed or archived.
     *
     * @param name the deployment
     */
    default void afterRemove(String name) {}
}
