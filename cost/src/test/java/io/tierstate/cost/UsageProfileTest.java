package io.tierstate.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.error.TierStateException;
import java.math.BigDecimal;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UsageProfileTest {

    @Test
    void defaults_areTheSpecsProfile() {
        UsageProfile d = UsageProfile.defaults();

        assertThat(d.httpsRequests()).isEqualTo(1_000_000L);
        assertThat(d.dataTransferOutGb()).isEqualByComparingTo("100");
        assertThat(d.lcu()).isEqualByComparingTo("1");
        assertThat(d.efsStorageGb()).isEqualByComparingTo("100");
        assertThat(d.httpRequests()).isZero();
        assertThat(d.originTransferGb()).isEqualByComparingTo("0");
        assertThat(d.invalidationPaths()).isZero();
        assertThat(d.hoursPerMonth()).isEmpty();
        assertThat(d.freeTier()).isFalse();
        assertThat(UsageProfile.builder().build()).isEqualTo(d);
    }

    @Test
    void builder_acceptsWholeNumbersAndDecimals_andToBuilderKeepsTheRest() {
        UsageProfile p = UsageProfile.builder().dataTransferOutGb(12_000).originTransferGb(5).lcu(3).efsStorageGb(250)
                .hoursPerMonth(744).invalidationPaths(2_000).httpRequests(7).freeTier(true).build();
        UsageProfile q = p.toBuilder().lcu(new BigDecimal("0.5")).build();

        assertThat(p.dataTransferOutGb()).isEqualByComparingTo("12000");
        assertThat(p.originTransferGb()).isEqualByComparingTo("5");
        assertThat(p.efsStorageGb()).isEqualByComparingTo("250");
        assertThat(p.hoursPerMonth()).hasValueSatisfying(h -> assertThat(h).isEqualByComparingTo("744"));
        assertThat(q.lcu()).isEqualByComparingTo("0.5");
        assertThat(q.dataTransferOutGb()).isEqualByComparingTo("12000");
        assertThat(q.freeTier()).isTrue();
        assertThat(q.invalidationPaths()).isEqualTo(2_000);
        assertThat(q.httpRequests()).isEqualTo(7);
    }

    @Test
    void builder_atTheLimits_accepts() {
        UsageProfile p = UsageProfile.builder()
                .httpsRequests(1_000_000_000_000_000L).httpRequests(1_000_000_000_000_000L)
                .dataTransferOutGb(1_048_576_000L).originTransferGb(1_048_576_000L).efsStorageGb(1_048_576_000L)
                .lcu(100_000).invalidationPaths(1_000_000_000_000L).hoursPerMonth(new BigDecimal("0.5"))
                .build();

        assertThat(p.dataTransferOutGb()).isEqualByComparingTo("1048576000");
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                bad("httpsRequests", b -> b.httpsRequests(-1), "httpsRequests is -1; it must be 0 or more"),
                bad("httpRequests", b -> b.httpRequests(-5), "httpRequests is -5; it must be 0 or more"),
                bad("dataTransferOutGb", b -> b.dataTransferOutGb(-1), "dataTransferOutGb is -1; it must be 0 or more"),
                bad("originTransferGb", b -> b.originTransferGb(new BigDecimal("-0.1")), "originTransferGb is -0.1"),
                bad("lcu", b -> b.lcu(-1), "lcu is -1; it must be 0 or more"),
                bad("efsStorageGb", b -> b.efsStorageGb(-100), "efsStorageGb is -100"),
                bad("invalidationPaths", b -> b.invalidationPaths(-1), "invalidationPaths is -1"),
                bad("httpsRequests", b -> b.httpsRequests(1_000_000_000_000_001L),
                        "more than 1,000,000,000,000,000 requests a month"),
                bad("httpRequests", b -> b.httpRequests(Long.MAX_VALUE), "more than 1,000,000,000,000,000 requests"),
                bad("dataTransferOutGb", b -> b.dataTransferOutGb(1_048_576_001L),
                        "more than 1,000 PB (1,048,576,000 GB) a month; check the unit"),
                bad("originTransferGb", b -> b.originTransferGb(new BigDecimal("1e12")), "more than 1,000 PB"),
                bad("efsStorageGb", b -> b.efsStorageGb(new BigDecimal("1e10")), "more than 1,000 PB"),
                bad("lcu", b -> b.lcu(100_001), "more than 100,000 load balancer capacity units"),
                bad("invalidationPaths", b -> b.invalidationPaths(1_000_000_000_001L), "paths a month"),
                bad("hoursPerMonth", b -> b.hoursPerMonth(745), "hoursPerMonth is 745; a month has more than 0 and at most 744"),
                bad("hoursPerMonth", b -> b.hoursPerMonth(0), "hoursPerMonth is 0"),
                bad("hoursPerMonth", b -> b.hoursPerMonth(-730), "hoursPerMonth is -730"));
    }

    private static Arguments bad(String field, Consumer<UsageProfile.Builder> set, String message) {
        return Arguments.of(field, set, message);
    }

    @ParameterizedTest(name = "[{index}] {0}: {2}")
    @MethodSource("invalid")
    void build_withNegativeOrAbsurdValue_failsNamingTheFieldAndTheValue(String field, Consumer<UsageProfile.Builder> set,
            String message) {
        UsageProfile.Builder builder = UsageProfile.builder();
        set.accept(builder);

        assertThatThrownBy(builder::build)
                .isInstanceOf(TierStateException.class)
                .isInstanceOfSatisfying(InvalidUsageException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining(message);
    }

    @Test
    void withCopies_changeOneValue_keepTheRest_andAreCheckedLikeTheBuilder() {
        UsageProfile p = UsageProfile.defaults().withDataTransferOutGb(new java.math.BigDecimal("500")).withHttpsRequests(5L)
                .withHttpRequests(7L).withOriginTransferGb(java.math.BigDecimal.ONE).withLcu(java.math.BigDecimal.TEN)
                .withEfsStorageGb(java.math.BigDecimal.ZERO).withInvalidationPaths(3L).withHoursPerMonth(java.math.BigDecimal.valueOf(100L)).withFreeTier(true);

        assertThat(p.dataTransferOutGb()).isEqualByComparingTo("500");
        assertThat(p.httpsRequests()).isEqualTo(5L);
        assertThat(p.httpRequests()).isEqualTo(7L);
        assertThat(p.lcu()).isEqualByComparingTo("10");
        assertThat(p.invalidationPaths()).isEqualTo(3L);
        assertThat(p.hoursPerMonth()).contains(java.math.BigDecimal.valueOf(100L));
        assertThat(p.freeTier()).isTrue();
        assertThat(UsageProfile.defaults().withLcu(java.math.BigDecimal.TEN).efsStorageGb())
                .isEqualByComparingTo(UsageProfile.defaults().efsStorageGb());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> UsageProfile.defaults().withHttpsRequests(-1L))
                .isInstanceOf(InvalidUsageException.class).hasMessageContaining("-1");
    }
}
