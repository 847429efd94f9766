package io.tierstate.port;

/**
 * The part of a distribution's configuration the lifecycle engine needs, with the ETag that a
 * conditional write must present.
 *
 * @param id the distribution id
 * @param etag the current ETag
 * @param enabled whether it is enabled
 * @param callerReference the reference it was created with
 */
public record DistributionConfig(String id, String etag, boolean enabled, String callerReference) {}
