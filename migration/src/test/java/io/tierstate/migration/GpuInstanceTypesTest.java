package io.tierstate.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GpuInstanceTypesTest {

    @ParameterizedTest(name = "{0} is GPU: {1}")
    @CsvSource({
        "g4dn.xlarge, true", "g5.2xlarge, true", "g6e.xlarge, true", "gr6.4xlarge, true", "p3.2xlarge, true",
        "p4d.24xlarge, true", "p5.48xlarge, true", "g6.xlarge, true", "G5.XLARGE, true", "' g5.xlarge ', true",
        "g5, true",
        "t3.medium, false", "m5.large, false", "inf1.xlarge, false", "inf2.xlarge, false", "trn1.2xlarge, false",
        "dl1.24xlarge, false", "c5.large, false", "x2gd.large, false", "m7g.large, false", "g.xlarge, false",
        "gx5.large, false", "p.large, false", "'', false", "mac2.metal, false"})
    void isGpu_followsTheFamilyPattern(String instanceType, boolean gpu) {
        assertThat(GpuInstanceTypes.isGpu(instanceType)).isEqualTo(gpu);
    }

    @ParameterizedTest
    @CsvSource({"p4d.24xlarge, p4d", "g5, g5", "' gr6.4xlarge', gr6", "u-6tb1.metal, u-6tb1"})
    void family_isThePartBeforeTheFirstDot(String instanceType, String family) {
        assertThat(GpuInstanceTypes.family(instanceType)).isEqualTo(family);
    }

    @Test
    void isGpu_null_throwsNamingTheParameter() {
        assertThatThrownBy(() -> GpuInstanceTypes.isGpu(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("instanceType");
    }
}
