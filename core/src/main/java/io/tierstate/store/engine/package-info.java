/**
 * The store engine: {@link io.tierstate.store.engine.VersionedStateStore} keeps every rule of the
 * {@link io.tierstate.port.StateStore} port once (serials, timestamps, name checks, conflicts,
 * restore, backup labels and retention, leases, migration, parallel listing, batched copy) over a
 * {@link io.tierstate.store.spi.StoreBackend} that only moves bytes.
 *
 * <pre>
 * io.tierstate.store.spi      the backend interface and its values (what a backend author writes against)
 * io.tierstate.store.engine   the rules, once (this package); depends on spi, never the reverse
 * io.tierstate.store          FileStateStore and JdbcStateStore: builders over the file and PostgreSQL backends
 * io.tierstate.aws            S3StateStore: a builder over the S3 backend
 * </pre>
 */
package io.tierstate.store.engine;
