/**
 * Destroy orchestration: a plan from the state, an ordered and resumable teardown journaled in
 * {@code destroy_progress}, CloudFront's disable-wait-delete dance, progress events and a report.
 * Start from {@code client.deployment(name).destroy()}.
 */
package io.tierstate.destroy;
