/**
 * What a state store's author writes: a {@link io.tierstate.store.spi.StoreBackend}, which only
 * moves bytes (read with a version token, write on a condition, delete, list, backups, archive,
 * lease records), and the small value types it speaks. The rules every store keeps (serials,
 * timestamps, names, conflicts, restore, backup labels and retention, leases, migration, copy) are
 * {@link io.tierstate.store.engine.VersionedStateStore}'s, written once over this interface.
 *
 * <p>This package depends on the model and the port only; the engine depends on it, never the
 * other way round.
 */
package io.tierstate.store.spi;
