package io.tierstate.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.tierstate.error.CloudOperationException;
import io.tierstate.port.MetricQuery;
import io.tierstate.port.MetricSeries;
import io.tierstate.port.MetricWindow;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CloudWatch GetMetricData on the wire: the SDK 2.40.2 client speaks the query protocol (form POST, XML answers). */
class MetricsWireTest extends WireTest {

    private static final Instant T0 = Instant.parse("2026-07-01T00:00:00Z");
    private static final MetricWindow DAY = new MetricWindow(T0, T0.plus(Duration.ofDays(1)));
    private static final MetricQuery REQUESTS = MetricQuery.sum("AWS/CloudFront", "Requests",
            ordered("DistributionId", "E2QWRUHAPOMQZL", "Region", "Global"), Duration.ofHours(1));
    private static final MetricQuery LCU = MetricQuery.sum("AWS/ApplicationELB", "ConsumedLCUs",
            Map.of("LoadBalancer", "app/shop-alb/50dc6c495c0c9188"), Duration.ofHours(1));

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static String answer(String results, String nextToken) {
        return """
                <GetMetricDataResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/">
                  <GetMetricDataResult>
                    <MetricDataResults>%s</MetricDataResults>
                    %s
                    <Messages/>
                  </GetMetricDataResult>
                  <ResponseMetadata><RequestId>cw-req-1</RequestId></ResponseMetadata>
                </GetMetricDataResponse>""".formatted(results, nextToken == null ? "" : "<NextToken>" + nextToken + "</NextToken>");
    }

    private static String result(String id, String status, String... timesAndValues) {
        StringBuilder t = new StringBuilder();
        StringBuilder v = new StringBuilder();
        for (int i = 0; i < timesAndValues.length; i += 2) {
            t.append("<member>").append(timesAndValues[i]).append("</member>");
            v.append("<member>").append(timesAndValues[i + 1]).append("</member>");
        }
        return "<member><Id>" + id + "</Id><Label>" + id + "</Label><Timestamps>" + t + "</Timestamps><Values>" + v
                + "</Values><StatusCode>" + status + "</StatusCode></member>";
    }

    /** The region in a request's SigV4 credential scope. */
    private static String signedRegion(LoggedRequest r) {
        String auth = r.getHeader("Authorization");
        String scope = auth.substring(auth.indexOf("Credential=") + "Credential=".length());
        return scope.split("/")[2];
    }

    @Test
    void read_sendsTheQueryAndReadsTheDatapoints() {
        wire.stubFor(action("GetMetricData").willReturn(xml(200, answer(
                result("m0", "Complete", "2026-07-01T01:00:00Z", "1200.0", "2026-07-01T00:00:00Z", "1000.5"), null))));

        MetricSeries s = cloud.metrics().read(List.of(REQUESTS), DAY).get(0);

        assertThat(s.datapoints()).containsExactly(
                new MetricSeries.Datapoint(T0, new BigDecimal("1000.5")),
                new MetricSeries.Datapoint(T0.plus(Duration.ofHours(1)), new BigDecimal("1200.0")));
        assertThat(s.sum()).isEqualByComparingTo("2200.5");
        assertThat(s.complete()).isTrue();
        Map<String, String> form = form(requests().get(0));
        assertThat(form).containsEntry("Version", "2010-08-01")
                .containsEntry("MetricDataQueries.member.1.Id", "m0")
                .containsEntry("MetricDataQueries.member.1.MetricStat.Metric.Namespace", "AWS/CloudFront")
                .containsEntry("MetricDataQueries.member.1.MetricStat.Metric.MetricName", "Requests")
                .containsEntry("MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name", "DistributionId")
                .containsEntry("MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Value", "E2QWRUHAPOMQZL")
                .containsEntry("MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.2.Name", "Region")
                .containsEntry("MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.2.Value", "Global")
                .containsEntry("MetricDataQueries.member.1.MetricStat.Period", "3600")
                .containsEntry("MetricDataQueries.member.1.MetricStat.Stat", "Sum")
                .containsEntry("StartTime", "2026-07-01T00:00:00Z")
                .containsEntry("EndTime", "2026-07-02T00:00:00Z");
    }

    @Test
    void read_followsNextToken_andJoinsThePages() {
        wire.stubFor(action("GetMetricData").withRequestBody(absentToken()).willReturn(xml(200, answer(
                result("m0", "PartialData", "2026-07-01T00:00:00Z", "1"), "page-2"))));
        wire.stubFor(action("GetMetricData").withFormParam("NextToken", equalTo("page-2")).willReturn(xml(200, answer(
                result("m0", "Complete", "2026-07-01T01:00:00Z", "2"), null))));

        MetricSeries s = cloud.metrics().read(List.of(REQUESTS), DAY).get(0);

        assertThat(s.datapoints()).hasSize(2);
        assertThat(s.sum()).isEqualByComparingTo("3");
        assertThat(s.complete()).isTrue();
        assertThat(actions()).containsExactly("GetMetricData", "GetMetricData");
    }

    private static com.github.tomakehurst.wiremock.matching.StringValuePattern absentToken() {
        return com.github.tomakehurst.wiremock.client.WireMock.notContaining("NextToken=");
    }

    @Test
    void read_partialDataOnTheLastPage_isMarkedIncomplete() {
        wire.stubFor(action("GetMetricData").willReturn(xml(200, answer(
                result("m0", "PartialData", "2026-07-01T00:00:00Z", "5"), null))));

        assertThat(cloud.metrics().read(List.of(REQUESTS), DAY).get(0).complete()).isFalse();
    }

    @Test
    void read_metricWithoutData_isAnEmptySeries() {
        wire.stubFor(action("GetMetricData").willReturn(xml(200, answer(result("m0", "Complete"), null))));

        MetricSeries s = cloud.metrics().read(List.of(LCU), DAY).get(0);

        assertThat(s.isEmpty()).isTrue();
        assertThat(s.average()).isEmpty();
    }

    @Test
    void read_cloudFrontGoesToUsEast1_andTheRestToTheSessionsRegion() {
        wire.stubFor(action("GetMetricData").withFormParam("MetricDataQueries.member.1.MetricStat.Metric.Namespace",
                equalTo("AWS/CloudFront")).willReturn(xml(200, answer(result("m0", "Complete", "2026-07-01T00:00:00Z", "7"), null))));
        wire.stubFor(action("GetMetricData").withFormParam("MetricDataQueries.member.1.MetricStat.Metric.Namespace",
                equalTo("AWS/ApplicationELB")).willReturn(xml(200, answer(result("m0", "Complete", "2026-07-01T00:00:00Z", "0.5"),
                        null))));

        List<MetricSeries> s = cloud.inRegion("eu-west-1").metrics().read(List.of(LCU, REQUESTS), DAY);

        assertThat(s.get(0).query()).isEqualTo(LCU);
        assertThat(s.get(0).sum()).isEqualByComparingTo("0.5");
        assertThat(s.get(1).sum()).isEqualByComparingTo("7");
        List<LoggedRequest> sent = requests();
        assertThat(sent).hasSize(2);
        assertThat(sent).filteredOn(r -> form(r).containsValue("AWS/CloudFront")).singleElement()
                .satisfies(r -> assertThat(signedRegion(r)).isEqualTo("us-east-1"));
        assertThat(sent).filteredOn(r -> form(r).containsValue("AWS/ApplicationELB")).singleElement()
                .satisfies(r -> assertThat(signedRegion(r)).isEqualTo("eu-west-1"));
    }

    @Test
    void read_throttledAfterRetries_isARetryableCloudError() {
        wire.stubFor(action("GetMetricData").willReturn(queryError(400, "Throttling", "Rate exceeded", "cw-throttled")));

        assertThatThrownBy(() -> cloud.metrics().read(List.of(REQUESTS), DAY))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.errorCode()).contains("Throttling");
                    assertThat(e.requestId()).contains("cw-throttled");
                })
                .hasMessageContaining("cloudwatch:GetMetricData").hasMessageContaining("still failing after the SDK's retries");
    }

    @Test
    void read_accessDenied_namesThePermission() {
        wire.stubFor(action("GetMetricData").willReturn(queryError(403, "AccessDenied", "User: arn:aws:iam::123456789012:user/ci"
                + " is not authorized to perform: cloudwatch:GetMetricData", "cw-denied")));

        assertThatThrownBy(() -> cloud.metrics().read(List.of(LCU), DAY))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("may not call cloudwatch:GetMetricData").hasMessageContaining("allow cloudwatch:GetMetricData");
    }

    @Test
    void read_nothing_sendsNothing() {
        assertThat(cloud.metrics().read(List.of(), DAY)).isEmpty();
        assertThat(requests()).isEmpty();
    }
}
