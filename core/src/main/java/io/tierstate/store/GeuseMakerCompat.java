package io.tierstate.store;

/**
 * Whether a {@link FileStateStore} writes so that GeuseMaker can keep using the same home.
 *
 * <p>In compatibility mode the store writes each file in the shared-home form (GeuseMaker's
 * {@code schema_version} 2 with the v3 fields beside, see {@code SharedHomeForm}), takes GeuseMaker's
 * {@code flock(2)} lock {@code deployments/STACK.json.lock} around every write, keeps its own
 * backups under {@code HOME/tierstate/backups/} where GeuseMaker's glob and recovery never look, and
 * keeps a copy of what it last wrote (the destroy journal included) in {@code HOME/tierstate/state/},
 * so a GeuseMaker rewrite that drops TierState's fields is noticed and repaired on the next read.
 */
public enum GeuseMakerCompat {
    /** On when the home looks like a GeuseMaker home ({@link FileStateStore#isGeuseMakerHome}); the default. */
    AUTO,
    /** Always on: the home is, or will be, shared with GeuseMaker. */
    ON,
    /** Off: a home only TierState writes (schema v3 files, TierState's own lock and backups only). */
    OFF
}
