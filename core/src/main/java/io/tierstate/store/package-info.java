/**
 * The file state store, TierState's embedded default: GeuseMaker's layout under a home directory,
 * atomic and durable writes, per-deployment locks, gzip backups.
 */
package io.tierstate.store;
