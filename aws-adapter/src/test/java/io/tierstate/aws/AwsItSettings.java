package io.tierstate.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Where the integration suite runs: the one place the tests read the environment.
 *
 * <ul>
 *   <li>{@code TIERSTATE_IT_ENDPOINT}: an AWS-compatible endpoint (e.g. {@code http://localhost:4566}),
 *       or {@code aws} for real AWS; unset skips the suite.</li>
 *   <li>{@code TIERSTATE_IT_ACCESS_KEY}, {@code TIERSTATE_IT_SECRET_KEY}: credentials; unset means the
 *       SDK's default chain ({@code AWS_PROFILE}, {@code ~/.aws/credentials} ...).</li>
 *   <li>{@code TIERSTATE_IT_REGION}: default {@code us-east-1}.</li>
 *   <li>{@code TIERSTATE_IT_SECOND_REGION}: the second region the scenario runs in at the same time,
 *       through {@code inRegion}; default {@code eu-west-1}, {@code none} for one region only.</li>
 *   <li>{@code TIERSTATE_IT_INSTANCE_TYPE}: the instance launched, default {@code t3.micro} (cheap:
 *       the GPU part of the scenario only describes the GPU type).</li>
 *   <li>{@code TIERSTATE_IT_GPU_TYPE}: the GPU instance type described, default {@code g4dn.xlarge}.</li>
 *   <li>{@code TIERSTATE_IT_IMAGE_ID}: the AMI; default the newest Amazon Linux 2023 image.</li>
 *   <li>{@code TIERSTATE_IT_TIMEOUT_MINUTES}: the longest wait for one step, default 40.</li>
 * </ul>
 *
 * @param endpoint the endpoint, empty for real AWS
 * @param enabled whether the suite runs at all
 * @param region the region
 * @param secondRegion the second region, if any
 * @param accessKey the access key, if given
 * @param secretKey the secret key, if given
 * @param instanceType the instance type launched
 * @param gpuType the GPU instance type described
 * @param imageId the AMI, if given
 * @param stepTimeout the longest wait for one step
 */
record AwsItSettings(Optional<URI> endpoint, boolean enabled, String region, Optional<String> secondRegion,
        Optional<String> accessKey,
        Optional<String> secretKey, String instanceType, String gpuType, Optional<String> imageId, Duration stepTimeout) {

    static final String SKIP_MESSAGE = "set TIERSTATE_IT_ENDPOINT to run the Tier 3 scenario against an AWS-compatible "
            + "endpoint (e.g. http://localhost:4566), or TIERSTATE_IT_ENDPOINT=aws to run it against real AWS (it creates "
            + "and deletes billable resources)";

    static AwsItSettings fromEnvironment() {
        return of(System.getenv());
    }

    static AwsItSettings of(Map<String, String> env) {
        Optional<String> endpoint = value(env, "TIERSTATE_IT_ENDPOINT");
        boolean realAws = endpoint.filter("aws"::equalsIgnoreCase).isPresent();
        return new AwsItSettings(realAws ? Optional.empty() : endpoint.map(URI::create), endpoint.isPresent(),
                value(env, "TIERSTATE_IT_REGION").orElse("us-east-1"),
                value(env, "TIERSTATE_IT_SECOND_REGION").or(() -> Optional.of("eu-west-1"))
                        .filter(r -> !r.equalsIgnoreCase("none")),
                value(env, "TIERSTATE_IT_ACCESS_KEY"), value(env, "TIERSTATE_IT_SECRET_KEY"),
                value(env, "TIERSTATE_IT_INSTANCE_TYPE").orElse("t3.micro"),
                value(env, "TIERSTATE_IT_GPU_TYPE").orElse("g4dn.xlarge"),
                value(env, "TIERSTATE_IT_IMAGE_ID"),
                Duration.ofMinutes(Long.parseLong(value(env, "TIERSTATE_IT_TIMEOUT_MINUTES").orElse("40"))));
    }

    /** @return the regions the scenario runs in, the cloud's own first */
    java.util.List<String> regions() {
        return secondRegion.filter(r -> !r.equals(region)).map(r -> java.util.List.of(region, r)).orElse(java.util.List.of(region));
    }

    /** @return whether the suite talks to real AWS (longer polls, real costs) */
    boolean realAws() {
        return enabled && endpoint.isEmpty();
    }

    /** @return how often waits poll: AWS changes state in minutes, emulators at once */
    Duration pollInterval() {
        return realAws() ? Duration.ofSeconds(15) : Duration.ofMillis(500);
    }

    AwsCredentialsProvider credentials() {
        if (accessKey.isPresent() && secretKey.isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey.get(), secretKey.get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /** @return the cloud under test, configured like the SDK clients the "pipeline" uses */
    AwsCloud cloud() {
        AwsCloud.Builder builder = AwsCloud.builder().region(region).credentialsProvider(credentials())
                .retryMode(AwsRetryMode.STANDARD).maxAttempts(5);
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }
}
