package io.tierstate.sim;

import io.tierstate.port.MetricQuery;
import io.tierstate.port.MetricSeries;
import io.tierstate.port.MetricWindow;
import io.tierstate.port.MetricsPort;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@link MetricsPort} on the simulated world: plausible, deterministic series for the resources it
 * holds, one {@link SimOperation#GET_METRIC_DATA} call per read (so faults, denied permissions and
 * call counts apply as to any call).
 *
 * <p>Each datapoint is a daily curve (busiest at 18:00 UTC, a third of that at 06:00) times a
 * jitter of ±20 % drawn from the seed, the resource id, the metric and the datapoint's timestamp:
 * the same world gives the same series for the same window, however often it is read, and reading
 * draws nothing from the world's own random streams. The levels, per hour on average: CloudFront
 * 2,000 {@code Requests} and 64 KiB {@code BytesDownloaded} per request; ALB {@code ConsumedLCUs}
 * 0.4 a minute (24 LCU-minutes an hour) and 150 MiB {@code ProcessedBytes}; EFS {@code StorageBytes}
 * the file system's metered size, steady. Datapoints stop at the virtual clock's now; a resource that
 * does not exist (any more), or metrics of other namespaces, give an empty series.
 */
final class SimMetrics implements MetricsPort {

    private static final BigDecimal REQUESTS_PER_HOUR = BigDecimal.valueOf(2000);
    private static final BigDecimal BYTES_PER_REQUEST = BigDecimal.valueOf(64 * 1024);
    private static final BigDecimal LCU_PER_MINUTE = new BigDecimal("0.4");
    private static final BigDecimal PROCESSED_BYTES_PER_HOUR = BigDecimal.valueOf(150L * 1024 * 1024);

    private final World world;
    private final Calls calls;
    private final String region;
    private final long seed;

    SimMetrics(World world, Calls calls, String region, long seed) {
        this.world = world;
        this.calls = calls;
        this.region = region;
        this.seed = seed;
    }

    @Override
    public List<MetricSeries> read(List<MetricQuery> queries, MetricWindow window) {
        List<MetricQuery> copy = List.copyOf(queries);
        return calls.call(SimOperation.GET_METRIC_DATA, region, null, ctx -> {
            List<MetricSeries> out = new ArrayList<>();
            for (MetricQuery q : copy) {
                // CloudFront's metrics are global (us-east-1), the others the session's region's
                World.Ctx where = q.global() ? new World.Ctx(ctx.operation(), ctx.now(), ctx.requestId(), null) : ctx;
                Object subject = world.metricSubject(where, q.dimensions());
                out.add(subject == null ? MetricSeries.empty(q) : series(q, subject, window, ctx.now()));
            }
            return out;
        });
    }

    private MetricSeries series(MetricQuery q, Object subject, MetricWindow window, Instant now) {
        long period = q.period().toSeconds();
        long first = Math.floorDiv(window.start().getEpochSecond() + period - 1, period) * period;
        Instant end = window.end().isBefore(now) ? window.end() : now;
        List<MetricSeries.Datapoint> points = new ArrayList<>();
        String id = q.dimensions().values().iterator().next();
        for (long t = first; Instant.ofEpochSecond(t).plusSeconds(period).compareTo(end) <= 0; t += period) {
            BigDecimal value = value(q, subject, id, Instant.ofEpochSecond(t), q.period());
            if (value != null) {
                points.add(new MetricSeries.Datapoint(Instant.ofEpochSecond(t), value));
            }
        }
        return new MetricSeries(q, points, true);
    }

    /** The datapoint of one period, or null for a metric the simulated world does not publish. */
    private BigDecimal value(MetricQuery q, Object subject, String id, Instant at, Duration period) {
        BigDecimal hours = BigDecimal.valueOf(period.toSeconds()).divide(BigDecimal.valueOf(3600), 9, RoundingMode.HALF_UP);
        // bytes follow the requests they answer
        BigDecimal shape = shape(id, q.metricName().equals("BytesDownloaded") ? "Requests" : q.metricName(), at);
        return switch (q.metricName()) {
            case "Requests" -> REQUESTS_PER_HOUR.multiply(hours).multiply(shape).setScale(0, RoundingMode.HALF_UP);
            case "BytesDownloaded" -> REQUESTS_PER_HOUR.multiply(hours).multiply(shape).setScale(0, RoundingMode.HALF_UP)
                    .multiply(BYTES_PER_REQUEST);
            case "ConsumedLCUs" -> q.statistic() == MetricQuery.Statistic.SUM
                    ? LCU_PER_MINUTE.multiply(BigDecimal.valueOf(period.toMinutes())).multiply(shape).setScale(6, RoundingMode.HALF_UP)
                    : LCU_PER_MINUTE.multiply(shape).setScale(6, RoundingMode.HALF_UP);
            case "ProcessedBytes" -> PROCESSED_BYTES_PER_HOUR.multiply(hours).multiply(shape).setScale(0, RoundingMode.HALF_UP);
            case "StorageBytes" -> subject instanceof World.FileSystem fs ? BigDecimal.valueOf(fs.sizeBytes()) : null;
            default -> null;
        };
    }

    /** The daily curve times the jitter, 4 decimal places: deterministic in the seed, id, metric and time. */
    private BigDecimal shape(String id, String metric, Instant at) {
        double hour = (at.getEpochSecond() % 86_400) / 3600.0;
        double daily = 1 + 0.5 * StrictMath.sin(2 * StrictMath.PI * (hour - 12) / 24);
        long key = seed * 31 + id.hashCode();
        key = key * 31 + metric.hashCode();
        double jitter = 0.8 + 0.4 * new SplittableRandom(key ^ at.getEpochSecond() * 0x9E3779B97F4A7C15L).nextDouble();
        return BigDecimal.valueOf(daily * jitter).setScale(4, RoundingMode.HALF_UP);
    }
}
