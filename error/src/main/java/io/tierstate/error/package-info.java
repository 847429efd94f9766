/**
 * Every error TierState raises, in one hierarchy under {@link io.tierstate.error.TierStateException}
 * with three families a caller can act on: {@link io.tierstate.error.InvalidInputException} (what
 * was given cannot be used; nothing changed), {@link io.tierstate.error.StateException} (the stored
 * state: missing, taken, changed meanwhile, locked, leased, unreadable, or the store failed) and
 * {@link io.tierstate.error.CloudException} (the cloud: a failed call with its AWS error code, HTTP
 * status, request id and whether a retry may help; a blocked destroy; missing resources; a wait
 * that ran out). The package depends on nothing, so every module, and every caller, can name it.
 *
 * <pre>{@code
 * try {
 *     client.deployment("web").destroy().run();
 * } catch (InvalidInputException e) {
 *     // fix the argument the message names
 * } catch (StateException e) {
 *     // the message says which state problem and what to do
 * } catch (CloudException e) {
 *     if (e.retryable()) { ... } // run it again later; a destroy resumes from its journal
 * }
 * }</pre>
 */
package io.tierstate.error;
