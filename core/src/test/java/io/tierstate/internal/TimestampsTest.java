package io.tierstate.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void format_writesUtcWithMicroseconds() {
        assertThat(Timestamps.format(Instant.parse("2025-09-30T08:45:12Z"))).isEqualTo("2025-09-30T08:45:12.000000Z");
        assertThat(Timestamps.format(Instant.parse("2025-09-30T08:45:12.123456789Z"))).isEqualTo("2025-09-30T08:45:12.123456Z");
    }

    @Test
    void parse_withoutFraction_andWithOffset() {
        assertThat(Timestamps.parse("2025-09-30T08:45:12")).isEqualTo(Instant.parse("2025-09-30T08:45:12Z"));
        assertThat(Timestamps.parse("2025-09-30T10:45:12-01:00")).isEqualTo(Instant.parse("2025-09-30T11:45:12Z"));
    }

    @Test
    void parse_garbage_saysWhatIsExpected() {
        assertThatThrownBy(() -> Timestamps.parse("yesterday")).isInstanceOf(io.tierstate.error.InvalidInputException.class)
                .hasMessageContaining("yesterday").hasMessageContaining("ISO-8601");
    }

    @Test
    void settings_readTheHomeVariableOrFallBackToUserHome() {
        assertThat(Settings.of(Map.of("TIERSTATE_HOME", "/srv/ts"), "/home/me").defaultHome()).hasToString("/srv/ts");
        assertThat(Settings.of(Map.of("TIERSTATE_HOME", " "), "/home/me").defaultHome()).hasToString("/home/me/.tierstate");
        assertThat(Settings.of(Map.of("TIERSTATE_HOME", "~/ts"), "/home/me").defaultHome()).hasToString("/home/me/ts");
        assertThat(Settings.of(Map.of("TIERSTATE_HOME", "~"), "/home/me").defaultHome()).hasToString("/home/me");
        assertThat(Settings.fromEnvironment().defaultHome()).isNotNull();
    }
}
