package io.tierstate.aws;

import io.tierstate.aws.internal.AwsClients;
import io.tierstate.aws.internal.AwsErrors;
import io.tierstate.port.MetricQuery;
import io.tierstate.port.MetricSeries;
import io.tierstate.port.MetricWindow;
import io.tierstate.port.MetricsPort;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * {@link MetricsPort} on CloudWatch {@code GetMetricData}: one request per client for all the
 * queries it serves (CloudFront's go to us-east-1, the others to the session's region), every
 * {@code NextToken} page read and the datapoints of each query joined. A series whose last page
 * still says {@code PartialData}, or that CloudWatch answers with a message, is marked incomplete.
 */
final class SdkMetricsAdapter implements MetricsPort {

    private static final String OPERATION = "cloudwatch:GetMetricData";
    /** Pages read at most: a runaway NextToken must not loop forever. */
    private static final int MAX_PAGES = 100;

    private final AwsClients clients;

    SdkMetricsAdapter(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public List<MetricSeries> read(List<MetricQuery> queries, MetricWindow window) {
        List<MetricQuery> global = queries.stream().filter(MetricQuery::global).toList();
        List<MetricQuery> regional = queries.stream().filter(q -> !q.global()).toList();
        Map<MetricQuery, MetricSeries> found = new LinkedHashMap<>();
        if (!global.isEmpty()) {
            found.putAll(read(clients.cloudFrontMetrics(), global, window));
        }
        if (!regional.isEmpty()) {
            found.putAll(read(clients.cloudWatch(), regional, window));
        }
        return queries.stream().map(found::get).toList();
    }

    private static Map<MetricQuery, MetricSeries> read(CloudWatchClient client, List<MetricQuery> queries, MetricWindow window) {
        List<MetricDataQuery> request = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            MetricQuery q = queries.get(i);
            List<Dimension> dims = q.dimensions().entrySet().stream()
                    .map(e -> Dimension.builder().name(e.getKey()).value(e.getValue()).build()).toList();
            request.add(MetricDataQuery.builder().id("m" + i).returnData(true)
                    .metricStat(MetricStat.builder().metric(Metric.builder().namespace(q.namespace()).metricName(q.metricName())
                            .dimensions(dims).build()).period((int) q.period().toSeconds()).stat(q.statistic().wireName()).build())
                    .build());
        }
        String what = queries.stream().map(q -> q.metricName() + " " + q.dimensions().values().iterator().next())
                .distinct().reduce((a, b) -> a + ", " + b).orElse("metrics");
        List<List<MetricSeries.Datapoint>> points = new ArrayList<>();
        boolean[] complete = new boolean[queries.size()];
        for (int i = 0; i < queries.size(); i++) {
            points.add(new ArrayList<>());
            complete[i] = true;
        }
        String token = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            String next = token;
            GetMetricDataResponse r = AwsErrors.call(OPERATION, what, () -> client.getMetricData(b -> b.metricDataQueries(request)
                    .startTime(window.start()).endTime(window.end()).nextToken(next)));
            for (MetricDataResult result : r.metricDataResults()) {
                int i = Integer.parseInt(result.id().substring(1));
                List<Instant> times = result.timestamps();
                List<Double> values = result.values();
                for (int k = 0; k < Math.min(times.size(), values.size()); k++) {
                    // CloudWatch sends decimals; BigDecimal.valueOf keeps the shortest decimal that is the double
                    points.get(i).add(new MetricSeries.Datapoint(times.get(k), BigDecimal.valueOf(values.get(k))));
                }
                complete[i] = result.statusCode() != StatusCode.PARTIAL_DATA && result.statusCode() != StatusCode.INTERNAL_ERROR
                        && result.statusCode() != StatusCode.FORBIDDEN && !result.hasMessages();
            }
            token = r.nextToken();
            if (token == null || token.isEmpty()) {
                break;
            }
        }
        Map<MetricQuery, MetricSeries> out = new LinkedHashMap<>();
        for (int i = 0; i < queries.size(); i++) {
            out.put(queries.get(i), new MetricSeries(queries.get(i), points.get(i), complete[i] && (token == null || token.isEmpty())));
        }
        return out;
    }
}
