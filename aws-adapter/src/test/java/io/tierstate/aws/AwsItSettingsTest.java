package io.tierstate.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsItSettingsTest {

    @Test
    void unset_skipsTheSuite() {
        AwsItSettings settings = AwsItSettings.of(Map.of());

        assertThat(settings.enabled()).isFalse();
        assertThat(settings.realAws()).isFalse();
        assertThat(AwsItSettings.SKIP_MESSAGE).contains("TIERSTATE_IT_ENDPOINT");
    }

    @Test
    void aws_meansRealAwsWithTheDefaultChainAndSlowPolls() {
        AwsItSettings settings = AwsItSettings.of(Map.of("TIERSTATE_IT_ENDPOINT", "aws", "TIERSTATE_IT_REGION", "eu-west-1"));

        assertThat(settings.enabled()).isTrue();
        assertThat(settings.realAws()).isTrue();
        assertThat(settings.endpoint()).isEmpty();
        assertThat(settings.region()).isEqualTo("eu-west-1");
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.accessKey()).isEmpty();
    }

    @Test
    void endpoint_meansAnEmulatorWithGivenCredentials() {
        AwsItSettings settings = AwsItSettings.of(Map.of("TIERSTATE_IT_ENDPOINT", "http://localhost:4566",
                "TIERSTATE_IT_ACCESS_KEY", "test", "TIERSTATE_IT_SECRET_KEY", "test", "TIERSTATE_IT_TIMEOUT_MINUTES", "5"));

        assertThat(settings.realAws()).isFalse();
        assertThat(settings.endpoint()).contains(URI.create("http://localhost:4566"));
        assertThat(settings.region()).isEqualTo("us-east-1");
        assertThat(settings.instanceType()).isEqualTo("t3.micro");
        assertThat(settings.gpuType()).isEqualTo("g4dn.xlarge");
        assertThat(settings.stepTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.credentials().resolveCredentials().accessKeyId()).isEqualTo("test");
        try (AwsCloud cloud = settings.cloud()) {
            assertThat(cloud.toString()).isEqualTo("AwsCloud[region=us-east-1, endpoint=http://localhost:4566]");
        }
    }

    @Test
    void regions_defaultToTheRegionAndEuWest1_noneOrTheSameMeansOne() {
        assertThat(AwsItSettings.of(Map.of("TIERSTATE_IT_ENDPOINT", "aws")).regions()).containsExactly("us-east-1", "eu-west-1");
        assertThat(AwsItSettings.of(Map.of("TIERSTATE_IT_ENDPOINT", "aws", "TIERSTATE_IT_SECOND_REGION", "ap-south-1"))
                .regions()).containsExactly("us-east-1", "ap-south-1");
        assertThat(AwsItSettings.of(Map.of("TIERSTATE_IT_SECOND_REGION", "none")).regions()).containsExactly("us-east-1");
        assertThat(AwsItSettings.of(Map.of("TIERSTATE_IT_REGION", "eu-west-1")).regions()).containsExactly("eu-west-1");
    }
}
