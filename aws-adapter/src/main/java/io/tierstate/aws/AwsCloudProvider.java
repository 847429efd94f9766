package io.tierstate.aws;

import io.tierstate.port.Cloud;
import io.tierstate.port.CloudProvider;
import io.tierstate.port.CloudSettings;

/**
 * Makes {@link AwsCloud}s for {@code DeploymentClient.create()} and {@code tierstate --cloud aws};
 * registered in {@code META-INF/services/io.tierstate.port.CloudProvider}. Instantiating it and
 * creating a cloud loads no AWS SDK class: that happens when a port is first called.
 */
public final class AwsCloudProvider implements CloudProvider {

    /** The name {@code --cloud} selects this provider by. */
    public static final String NAME = "aws";

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public AwsCloudProvider() {}

    /** @return {@value #NAME} */
    @Override
    public String name() {
        return NAME;
    }

    /**
     * Makes an AWS cloud with the settings' region and endpoint; what they leave empty comes from
     * the AWS SDK's chains (region, credentials).
     */
    @Override
    public Cloud create(CloudSettings settings) {
        AwsCloud.Builder builder = AwsCloud.builder();
        settings.region().ifPresent(builder::region);
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
