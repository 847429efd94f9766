/**
 * Wiring of the AWS adapter: SDK client construction, the SDK-to-TierState error mapping and the
 * SDK-to-model conversions. Not API: it may change in any release.
 */
package io.tierstate.aws.internal;
