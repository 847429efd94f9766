package io.tierstate.migration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class StateRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "my-stack", "GpuGlobal2", "x-1-2-3", "dev-sandbox"})
    void isValidStackName_lettersDigitsAndDashStartingWithALetter_isValid(String name) {
        assertThat(StateRules.isValidStackName(name)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"../x", "a/b", "9lives", "-a", "my_stack", "my stack", "a.b", "é", "a\n"})
    void isValidStackName_anythingElse_isInvalid(String name) {
        assertThat(StateRules.isValidStackName(name)).isFalse();
    }

    @Test
    void isValidStackName_isLimitedTo128Characters() {
        assertThat(StateRules.isValidStackName("a".repeat(128))).isTrue();
        assertThat(StateRules.isValidStackName("a".repeat(129))).isFalse();
    }

    @Test
    void enumeratedValues_areTheSpecsInItsOrder() {
        assertThat(StateRules.STATUSES)
                .containsExactly("creating", "running", "updating", "rolling_back", "destroying", "failed", "terminated", "discovered");
        assertThat(StateRules.TIERS).containsExactly("dev", "automation", "gpu");
        assertThat(StateRules.PROVENANCES).containsExactly("created", "reused", "pending", "discovered", "auto_discovered", "none");
        assertThat(StateRules.CLOUDFRONT_STATUSES).containsExactly("InProgress", "Deployed");
        assertThat(StateRules.GPU_HEALTH_STATUSES)
                .containsExactly("ok", "impaired", "initializing", "insufficient-data", "not-applicable");
    }
}
