package io.tierstate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.error.CloudOperationException;
import io.tierstate.port.MetricQuery;
import io.tierstate.port.MetricSeries;
import io.tierstate.port.MetricWindow;
import io.tierstate.testing.Tier3World;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimMetricsTest {

    private static final Instant T0 = Instant.parse("2026-07-01T00:00:00Z");

    private static SimulatedCloud cloud(long seed) {
        return SimulatedCloud.builder().startingAt(T0).seed(seed).build();
    }

    private static MetricQuery requests(String distribution) {
        return MetricQuery.sum("AWS/CloudFront", "Requests", Map.of("DistributionId", distribution, "Region", "Global"),
                Duration.ofHours(1));
    }

    private static String lb(Tier3World w) {
        String arn = w.loadBalancer().arn();
        return arn.substring(arn.indexOf("loadbalancer/") + "loadbalancer/".length());
    }

    @Test
    void read_sameWorldAndWindow_givesTheSameSeries_andAnotherSeedAnother() {
        SimulatedCloud a = cloud(7);
        SimulatedCloud b = cloud(7);
        Tier3World wa = Tier3World.build(a);
        Tier3World wb = Tier3World.build(b);
        a.clock().advance(Duration.ofDays(2));
        b.clock().advance(Duration.ofDays(2));
        MetricWindow day = new MetricWindow(T0, T0.plus(Duration.ofDays(1)));

        MetricSeries first = a.metrics().read(List.of(requests(wa.distribution())), day).get(0);
        MetricSeries again = a.metrics().read(List.of(requests(wa.distribution())), day).get(0);
        MetricSeries twin = b.metrics().read(List.of(requests(wb.distribution())), day).get(0);

        assertThat(first.datapoints()).hasSize(24); // one a full hour of the day
        assertThat(again).isEqualTo(first);
        assertThat(twin.datapoints()).isEqualTo(first.datapoints().stream().toList()).as("same seed, same ids, same series");
        SimulatedCloud other = cloud(8);
        Tier3World wo = Tier3World.build(other);
        other.clock().advance(Duration.ofDays(2));
        assertThat(other.metrics().read(List.of(requests(wo.distribution())), day).get(0).datapoints())
                .isNotEqualTo(first.datapoints());
    }

    @Test
    void read_levelsArePlausible() {
        SimulatedCloud c = cloud(1);
        Tier3World w = Tier3World.build(c);
        c.clock().advance(Duration.ofDays(8));
        MetricWindow week = new MetricWindow(T0, T0.plus(Duration.ofDays(7)));
        MetricQuery lcu = MetricQuery.sum("AWS/ApplicationELB", "ConsumedLCUs", Map.of("LoadBalancer", lb(w)), Duration.ofHours(1));
        MetricQuery storage = MetricQuery.average("AWS/EFS", "StorageBytes",
                Map.of("FileSystemId", w.fileSystem(), "StorageClass", "Total"), Duration.ofHours(1));
        MetricQuery bytes = MetricQuery.sum("AWS/CloudFront", "BytesDownloaded",
                Map.of("DistributionId", w.distribution(), "Region", "Global"), Duration.ofHours(1));

        List<MetricSeries> s = c.metrics().read(List.of(requests(w.distribution()), lcu, storage, bytes), week);

        // 168 hours x 2,000 requests = 336,000 on average; the curve and the +-20 % jitter keep a week within 25 %
        assertThat(s.get(0).datapoints()).hasSize(168);
        assertThat(s.get(0).sum()).isBetween(new BigDecimal("252000"), new BigDecimal("420000"));
        // 0.4 LCU a minute = 24 LCU-minutes an hour x 168 = 4,032 on average
        assertThat(s.get(1).sum()).isBetween(new BigDecimal("3024"), new BigDecimal("5040"));
        // a steady size: the world's metered 6,144 bytes of an empty file system
        assertThat(s.get(2).average()).contains(new BigDecimal("6144.000000"));
        // 64 KiB a request
        assertThat(s.get(3).datapoints().get(0).value())
                .isEqualByComparingTo(s.get(0).datapoints().get(0).value().multiply(BigDecimal.valueOf(65536)));
        assertThat(s).allMatch(MetricSeries::complete);
    }

    @Test
    void read_unknownResourceOrFuture_givesEmptyOrShortSeries() {
        SimulatedCloud c = cloud(1);
        Tier3World w = Tier3World.build(c);
        c.clock().advance(Duration.ofHours(5));
        MetricWindow day = new MetricWindow(T0, T0.plus(Duration.ofDays(1)));

        List<MetricSeries> s = c.metrics().read(List.of(requests("E0000000000000"), requests(w.distribution()),
                MetricQuery.sum("AWS/EC2", "CPUUtilization", Map.of("InstanceId", w.instance()), Duration.ofHours(1))), day);

        assertThat(s.get(0).isEmpty()).isTrue();
        // the virtual clock is 5 h and a little past the start: 5 whole hours have datapoints
        assertThat(s.get(1).datapoints()).hasSize(5);
        assertThat(s.get(2).isEmpty()).isTrue();
    }

    @Test
    void read_isOneCountedCall_thatFaultsAndPermissionsApplyTo() {
        SimulatedCloud c = cloud(1);
        Tier3World w = Tier3World.build(c);
        MetricWindow day = MetricWindow.endingAt(c.clock().now(), Duration.ofDays(1));

        c.metrics().read(List.of(requests(w.distribution()), requests(w.distribution())), day);
        assertThat(c.calls(SimOperation.GET_METRIC_DATA)).isEqualTo(1);

        c.failNext(SimOperation.GET_METRIC_DATA, SimFault.THROTTLING);
        assertThatThrownBy(() -> c.metrics().read(List.of(requests(w.distribution())), day))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("Rate exceeded");
        c.denyPermission(SimOperation.GET_METRIC_DATA);
        assertThatThrownBy(() -> c.metrics().read(List.of(requests(w.distribution())), day))
                .isInstanceOf(CloudOperationException.class).hasMessageContaining("cloudwatch:GetMetricData");
    }

    @Test
    void metricQuery_refusesAPeriodThatIsNotWholeMinutes() {
        assertThatThrownBy(() -> MetricQuery.sum("AWS/CloudFront", "Requests", Map.of(), Duration.ofSeconds(90)))
                .isInstanceOf(io.tierstate.error.InvalidInputException.class).hasMessageContaining("multiples of 60 seconds");
        assertThatThrownBy(() -> new MetricWindow(T0, T0)).isInstanceOf(io.tierstate.error.InvalidInputException.class);
    }
}
