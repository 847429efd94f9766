package io.tierstate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.error.InvalidStackNameException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StackNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "gpu-global", "A1-b2-C3", "x-"})
    void validate_goodNames_areReturned(String name) {
        assertThat(StackName.validate(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../x", "a/b", "1abc", "-x", "a b", "a.json", "a\u0000b", "a_b", "ä"})
    void validate_badNames_areRefusedSayingTheRule(String name) {
        assertThatThrownBy(() -> StackName.validate(name))
                .isInstanceOfSatisfying(InvalidStackNameException.class, e -> assertThat(e.name()).isEqualTo(name))
                .hasMessageContaining("is not valid").hasMessageContaining("letter");
    }

    @Test
    void validate_nullAndOverLong_areRefused() {
        assertThatThrownBy(() -> StackName.validate(null)).isInstanceOf(InvalidStackNameException.class).hasMessageContaining("(none)");
        String longName = "a".repeat(129);
        assertThat(StackName.isValid("a".repeat(128))).isTrue();
        assertThatThrownBy(() -> StackName.validate(longName)).isInstanceOf(InvalidStackNameException.class)
                .hasMessageContaining("129 characters");
    }
}
