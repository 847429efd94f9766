package io.tierstate.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The real SDK clients against an in-process WireMock on 127.0.0.1 that answers in the AWS APIs'
 * own wire formats. One server per test class, reset before each test; one {@link AwsCloud} per
 * test, with fixed credentials and region and millisecond retry back-off.
 */
abstract class WireTest {

    static final String REGION = "us-east-1";

    static WireMockServer wire;

    AwsCloud cloud;

    @BeforeAll
    static void startWire() {
        wire = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        wire.start();
    }

    @AfterAll
    static void stopWire() {
        wire.stop();
    }

    @BeforeEach
    void newCloud() {
        wire.resetAll();
        cloud = cloudBuilder().build();
    }

    @AfterEach
    void closeCloud() {
        cloud.close();
    }

    static URI endpoint() {
        return URI.create("http://127.0.0.1:" + wire.port());
    }

    static AwsCloud.Builder cloudBuilder() {
        return AwsCloud.builder()
                .region(REGION)
                .endpointOverride(endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "wire-secret")))
                .retryBackoff(Duration.ofMillis(1), Duration.ofMillis(5));
    }

    // ---- query protocol (EC2, ELBv2, IAM, STS): POST / with a form body naming the Action

    static MappingBuilder action(String action) {
        return post(urlEqualTo("/")).withFormParam("Action", equalTo(action));
    }

    static ResponseDefinitionBuilder xml(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(body);
    }

    /** The error document of ELBv2, IAM and STS. */
    static ResponseDefinitionBuilder queryError(int status, String code, String message, String requestId) {
        return xml(status, """
                <ErrorResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/">
                  <Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>
                  <RequestId>%s</RequestId>
                </ErrorResponse>""".formatted(code, message, requestId)).withHeader("x-amzn-RequestId", requestId);
    }

    /** EC2's own error document (its query dialect differs from the others'). */
    static ResponseDefinitionBuilder ec2Error(String code, String message, String requestId) {
        return xml(400, """
                <?xml version="1.0" encoding="UTF-8"?>
                <Response><Errors><Error><Code>%s</Code><Message>%s</Message></Error></Errors><RequestID>%s</RequestID></Response>"""
                .formatted(code, message, requestId));
    }

    /** A successful EC2 answer. */
    static ResponseDefinitionBuilder ec2(String operation, String inner) {
        return xml(200, """
                <?xml version="1.0" encoding="UTF-8"?>
                <%1$sResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                  <requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>
                  %2$s
                </%1$sResponse>""".formatted(operation, inner));
    }

    /** The requests WireMock received, oldest first. */
    static List<LoggedRequest> requests() {
        List<LoggedRequest> all = new ArrayList<>(wire.getAllServeEvents().stream().map(ServeEvent::getRequest).toList());
        java.util.Collections.reverse(all);
        return all;
    }

    /** The decoded form parameters of a query-protocol request. */
    static Map<String, String> form(LoggedRequest request) {
        Map<String, String> params = new LinkedHashMap<>();
        String body = request.getBodyAsString();
        if (body == null || body.isEmpty()) {
            return params;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    /** The Action of every query-protocol request received, oldest first. */
    static List<String> actions() {
        return requests().stream().map(r -> form(r).getOrDefault("Action", r.getMethod() + " " + r.getUrl())).toList();
    }
}
