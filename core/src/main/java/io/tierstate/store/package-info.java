/**
 * The state stores: {@link io.tierstate.store.FileStateStore} (the embedded default, GeuseMaker's
 * layout under a home directory) and {@link io.tierstate.store.JdbcStateStore} (PostgreSQL), each
 * the store engine ({@link io.tierstate.store.engine.VersionedStateStore}) over a backend in this
 * package that only does I/O (the file backend with {@code AtomicFiles} and {@code Flock}, the JDBC
 * backend); {@link io.tierstate.store.StateStores#copy} between any two stores, and
 * {@link io.tierstate.store.StateStoreUris} to open one from a URI.
 */
package io.tierstate.store;
