/**
 * Drift: what changed in the cloud outside TierState. {@link io.tierstate.drift.DriftCheck} compares
 * a deployment's state with what the cloud describes now and gives a {@link io.tierstate.drift.DriftReport}
 * of {@link io.tierstate.drift.Drift}s; start from {@code client.deployment(name).drift()}.
 */
package io.tierstate.drift;
