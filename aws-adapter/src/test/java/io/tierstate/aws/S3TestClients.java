package io.tierstate.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Real SDK clients (Apache HTTP client, path-style, on 127.0.0.1) for the in-process S3 server of
 * one test, each counting its requests; closes them all at the end.
 */
final class S3TestClients implements AutoCloseable {

    static final String BUCKET = "tierstate-test";

    private final S3ProxyExtension server;
    private final List<S3Client> clients = new ArrayList<>();

    S3TestClients(S3ProxyExtension server) {
        this.server = server;
    }

    /** A client that counts its requests in {@code requests} and runs {@code interceptors}. */
    S3Client client(AtomicInteger requests, ExecutionInterceptor... interceptors) {
        S3Client client = S3Client.builder()
                .endpointOverride(server.getUri())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(server.getAccessKey(), server.getSecretKey())))
                .forcePathStyle(true)
                .httpClientBuilder(ApacheHttpClient.builder())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(c -> {
                    c.addExecutionInterceptor(counting(requests));
                    for (ExecutionInterceptor i : interceptors) {
                        c.addExecutionInterceptor(i);
                    }
                })
                .build();
        clients.add(client);
        return client;
    }

    S3Client client() {
        return client(new AtomicInteger());
    }

    /** A store on the test bucket through {@code client}. */
    static S3StateStore store(S3Client client, String prefix) {
        return S3StateStore.builder().client(client).bucket(BUCKET).prefix(prefix).build();
    }

    private static ExecutionInterceptor counting(AtomicInteger requests) {
        return new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                requests.incrementAndGet();
            }
        };
    }

    @Override
    public void close() {
        clients.forEach(S3Client::close);
    }
}
