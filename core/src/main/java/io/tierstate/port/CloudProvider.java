package io.tierstate.port;

/**
 * A {@link java.util.ServiceLoader} service that makes a {@link Cloud}; the AWS adapter registers
 * one, so {@code DeploymentClient.create()} reaches AWS when {@code tierstate-aws} is on the class
 * path. Providers must be cheap to instantiate: create SDK clients lazily, in the cloud.
 */
public interface CloudProvider {

    /** @return the provider's name as {@code --cloud} names it, e.g. {@code aws} */
    String name();

    /**
     * Makes a cloud.
     *
     * @param settings region, endpoint and the like; empty values mean the provider's defaults
     * @return the cloud; the caller closes it
     */
    Cloud create(CloudSettings settings);
}
