package io.tierstate.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierstate.error.InvalidInputException;
import io.tierstate.error.LeaseHeldException;
import io.tierstate.error.StateConflictException;
import io.tierstate.error.StateStoreException;
import io.tierstate.model.DeploymentConfig;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.Status;
import io.tierstate.model.Tier;
import io.tierstate.port.StateLease;
import io.tierstate.port.StateStore;
import io.tierstate.store.StateStoreUris;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The S3 store beyond the contract: writers interleaved step by step (S3Proxy answers each
 * conditional request correctly but is not atomic under racing threads), the client it creates,
 * its errors, and {@code s3://} URIs.
 */
class S3StateStoreTest {

    private static final String PREFIX = "ops/";

    @RegisterExtension
    static final S3ProxyExtension SERVER = S3ProxyExtension.builder().withBlobStoreProvider("transient")
            .withCredentials(AuthenticationType.AWS_V2_OR_V4, "tierstate-access", "tierstate-secret").build();

    private S3TestClients clients;
    private S3Client raw;

    @BeforeEach
    void createBucket() {
        clients = new S3TestClients(SERVER);
        raw = clients.client();
        raw.createBucket(r -> r.bucket(S3TestClients.BUCKET));
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }

    @Test
    void lease_twoTakersOfAnExpiredLease_onlyOneWins() throws Exception {
        S3StateStore first = S3TestClients.store(clients.client(), PREFIX);
        first.acquireLease("web", "destroy@crashed", Duration.ofMillis(100));
        Thread.sleep(250);
        S3StateStore a = S3TestClients.store(clients.client(), PREFIX);
        AtomicBoolean aTookIt = new AtomicBoolean();
        // B has read the expired lease; just before B writes it, A takes it
        S3StateStore b = S3TestClients.store(clients.client(new AtomicInteger(), beforePutOf(PREFIX + "locks/web.lease", () -> {
            a.acquireLease("web", "destroy@a", Duration.ofMinutes(5));
            aTookIt.set(true);
        })), PREFIX);

        assertThatThrownBy(() -> b.acquireLease("web", "destroy@b", Duration.ofMinutes(5)))
                .isInstanceOf(LeaseHeldException.class)
                .hasMessageContaining("leased by destroy@a");
        assertThat(aTookIt).isTrue();
    }

    @Test
    void save_readByTwo_firstWriteWins_secondConflictsAndLeavesNoBackupBehind() {
        S3StateStore a = S3TestClients.store(clients.client(), PREFIX);
        S3StateStore b = S3TestClients.store(clients.client(), PREFIX);
        DeploymentState created = a.create(minimal("web"));
        DeploymentState readByA = a.find("web").orElseThrow();
        DeploymentState readByB = b.find("web").orElseThrow();

        a.save(readByA.withStatus(Status.RUNNING));

        assertThatThrownBy(() -> b.save(readByB.withStatus(Status.FAILED)))
                .isInstanceOf(StateConflictException.class)
                .hasMessageContaining("read version " + created.serial() + ", stored version 2");
        assertThat(b.backups("web")).as("only A's write kept a backup").hasSize(1);
        assertThat(b.find("web").orElseThrow().status()).isEqualTo(Status.RUNNING);
    }

    @Test
    void migrate_whenAnotherClientWritesFirst_conflictsAndKeepsNoBackup() {
        String v2 = "{\"schema_version\": 2, \"stack_name\": \"web\", \"status\": \"running\", \"config\": {\"tier\": \"dev\"}}\n";
        raw.putObject(r -> r.bucket(S3TestClients.BUCKET).key(PREFIX + "deployments/web.json"),
                RequestBody.fromString(v2, StandardCharsets.UTF_8));
        S3StateStore other = S3TestClients.store(clients.client(), PREFIX);
        S3StateStore migrating = S3TestClients.store(clients.client(new AtomicInteger(),
                beforePutOf(PREFIX + "deployments/web.json", () -> other.update("web", s -> s.withKeypairName("k")))), PREFIX);

        assertThatThrownBy(() -> migrating.migrate("web", false)).isInstanceOf(StateConflictException.class);

        assertThat(other.backups("web")).extracting(b -> b.label().orElse("")).containsExactly("schema-v2");
        assertThat(other.find("web").orElseThrow().keypairName()).hasValue("k");
    }

    @Test
    void aStoreThatCreatesItsOwnClient_worksAndClosesIt() {
        StateStore store = S3StateStore.builder().bucket(S3TestClients.BUCKET).prefix("/own/client")
                .endpoint(SERVER.getUri()).region("us-east-1")
                .credentials(SERVER.getAccessKey(), SERVER.getSecretKey()).build();

        assertThat(store.describe()).isEqualTo("S3 store at s3://tierstate-test/own/client/");
        store.create(minimal("web"));
        assertThat(store.find("web")).isPresent();
        store.close();
        assertThat(raw.headObject(r -> r.bucket(S3TestClients.BUCKET).key("own/client/deployments/web.json")).eTag()).isNotBlank();
    }

    @Test
    void wrongCredentials_areAStateStoreExceptionSayingSo() {
        S3StateStore store = S3StateStore.builder().bucket(S3TestClients.BUCKET).endpoint(SERVER.getUri()).region("us-east-1")
                .credentials(SERVER.getAccessKey(), "not-the-secret").build();

        assertThatThrownBy(() -> store.find("web"))
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("s3://tierstate-test/deployments/web.json")
                .hasMessageContaining("HTTP 403 SignatureDoesNotMatch")
                .hasMessageContaining("S3 refused the credentials")
                .message().doesNotContain("not-the-secret");
        store.close();
    }

    @Test
    void missingBucket_saysToCreateIt() {
        S3StateStore store = S3StateStore.builder().client(clients.client()).bucket("no-such-bucket").build();

        assertThatThrownBy(() -> store.list())
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("bucket 'no-such-bucket' does not exist");
        assertThatThrownBy(() -> store.create(minimal("web")))
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void unreachableEndpoint_namesWhatToCheck() {
        S3StateStore store = S3StateStore.builder().bucket("b-1").endpoint(URI.create("http://127.0.0.1:1"))
                .region("us-east-1").credentials("a", "b").build();

        assertThatThrownBy(() -> store.find("web"))
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("could not read s3://b-1/deployments/web.json")
                .hasMessageContaining("check the region, the endpoint, the network and the AWS credentials");
        store.close();
    }

    @Test
    void builder_checksItsValues() {
        assertThatThrownBy(() -> S3StateStore.builder().bucket("Bad_Bucket")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not an S3 bucket name");
        assertThatThrownBy(() -> S3StateStore.builder().prefix("a//b")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> S3StateStore.builder().prefix("a/../b")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> S3StateStore.builder().build()).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("bucket(\"my-bucket\")");
        assertThatThrownBy(() -> S3StateStore.builder().bucket("b-1").client(raw).region("eu-west-1").build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("configure your client");
        assertThatThrownBy(() -> S3StateStore.builder().backupsKept(0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> S3StateStore.builder().maxAttempts(0)).isInstanceOf(InvalidInputException.class);
        S3StateStore store = S3StateStore.builder().bucket("b-1").prefix("").pathStyleAccess(false)
                .clock(java.time.Clock.systemUTC()).backupsKept(3).maxAttempts(3).build();
        assertThat(store.bucket()).isEqualTo("b-1");
        assertThat(store.prefix()).isEmpty();
        assertThat(store).hasToString("S3 store at s3://b-1/");
        store.close(); // never used: no client to close
    }

    @Test
    void s3Uris_openAnS3StoreThroughTheServiceLoader() {
        StateStore store = StateStoreUris.open("s3://acme-ops/teams/ml?region=eu-west-1&path_style=true"
                + "&endpoint=http%3A%2F%2F127.0.0.1%3A9000");

        assertThat(store).isInstanceOf(S3StateStore.class);
        assertThat(store.describe()).isEqualTo("S3 store at s3://acme-ops/teams/ml/");
        assertThat(StateStoreUris.open("S3://acme-ops").describe()).isEqualTo("S3 store at s3://acme-ops/");
        assertThatThrownBy(() -> StateStoreUris.open("s3://acme-ops/x?secret=oops"))
                .isInstanceOf(io.tierstate.error.InvalidInputException.class).hasMessageContaining("takes region, endpoint and path_style");
        assertThatThrownBy(() -> new S3StateStoreProvider().open(URI.create("s3:///x")))
                .isInstanceOf(io.tierstate.error.InvalidInputException.class).hasMessageContaining("names no bucket");
        assertThat(new S3StateStoreProvider().supports(URI.create("file:///x"))).isFalse();
    }

    @Test
    void lease_whoseObjectIsUnreadable_isTakenAsExpired() {
        raw.putObject(r -> r.bucket(S3TestClients.BUCKET).key(PREFIX + "locks/web.lease"), RequestBody.fromString("garbage"));
        S3StateStore store = S3TestClients.store(clients.client(), PREFIX);

        try (StateLease lease = store.acquireLease("web", "destroy@a", Duration.ofMinutes(1))) {
            assertThat(lease.owner()).isEqualTo("destroy@a");
            assertThat(lease).hasToString("lease on 'web' held by destroy@a until " + lease.expiresAt());
        }
    }

    @Test
    void accessDenied_namesThePermissionThatIsMissing() {
        S3StateStore store = S3StateStore.builder().client(refusing(403, "AccessDenied")).bucket("acme-ops").prefix("ts").build();

        assertThatThrownBy(() -> store.find("web"))
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("access denied to read s3://acme-ops/ts/deployments/web.json (HTTP 403 AccessDenied,"
                        + " request id REQ-1)")
                .hasMessageContaining("the credentials need s3:GetObject on arn:aws:s3:::acme-ops/ts/*");
        assertThatThrownBy(() -> store.createCopy(minimal("web")))
                .hasMessageContaining("the credentials need s3:PutObject on arn:aws:s3:::acme-ops/ts/*");
        assertThatThrownBy(() -> store.list())
                .hasMessageContaining("the credentials need s3:ListBucket on arn:aws:s3:::acme-ops ");
    }

    @Test
    void otherServiceErrors_carryTheRequestId() {
        S3StateStore store = S3StateStore.builder().client(refusing(500, "InternalError")).bucket("acme-ops").build();

        assertThatThrownBy(() -> store.find("web"))
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("S3 refused to read s3://acme-ops/deployments/web.json (HTTP 500 InternalError,"
                        + " request id REQ-1): We encountered an internal error");
    }

    /** An S3 client whose every call fails with one service error. */
    private static S3Client refusing(int status, String code) {
        software.amazon.awssdk.services.s3.model.S3Exception error = (software.amazon.awssdk.services.s3.model.S3Exception)
                software.amazon.awssdk.services.s3.model.S3Exception.builder()
                        .statusCode(status).requestId("REQ-1")
                        .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                                .errorCode(code).errorMessage(code.equals("InternalError") ? "We encountered an internal error"
                                        : "Access Denied").build())
                        .build();
        return new S3Client() {
            @Override
            public <T> T getObject(software.amazon.awssdk.services.s3.model.GetObjectRequest request,
                    software.amazon.awssdk.core.sync.ResponseTransformer<software.amazon.awssdk.services.s3.model.GetObjectResponse, T> transformer) {
                throw error;
            }

            @Override
            public software.amazon.awssdk.services.s3.model.PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
                throw error;
            }

            @Override
            public software.amazon.awssdk.services.s3.model.ListObjectsV2Response listObjectsV2(
                    software.amazon.awssdk.services.s3.model.ListObjectsV2Request request) {
                throw error;
            }

            @Override
            public String serviceName() {
                return "s3";
            }

            @Override
            public void close() {}
        };
    }

    private static DeploymentState minimal(String name) {
        return DeploymentState.builder().stackName(name).status(Status.CREATING)
                .config(DeploymentConfig.builder().stackName(name).tier(Tier.DEV).build()).build();
    }

    /** Runs {@code step} once, just before the client sends its first PUT of {@code key}. */
    private static ExecutionInterceptor beforePutOf(String key, Runnable step) {
        AtomicBoolean done = new AtomicBoolean();
        return new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof PutObjectRequest put && put.key().equals(key) && done.compareAndSet(false, true)) {
                    step.run();
                }
            }
        };
    }
}
