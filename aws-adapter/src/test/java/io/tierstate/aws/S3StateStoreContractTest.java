package io.tierstate.aws;

import io.tierstate.port.StateStore;
import io.tierstate.store.StateStoreContract;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 store keeps every promise of the state store port, on the wire: the real SDK client
 * against S3Proxy (in-process, in memory, a fresh server per case).
 */
class S3StateStoreContractTest extends StateStoreContract {

    private static final String PREFIX = "teams/ops/";

    @RegisterExtension
    static final S3ProxyExtension SERVER = S3ProxyExtension.builder().withBlobStoreProvider("transient")
            .withCredentials(AuthenticationType.AWS_V2_OR_V4, "tierstate-access", "tierstate-secret").build();

    private S3TestClients clients;
    private S3Client raw;
    private final AtomicInteger storeRequests = new AtomicInteger();

    @Override
    protected StateStore openStore() {
        clients = new S3TestClients(SERVER);
        raw = clients.client();
        raw.createBucket(r -> r.bucket(S3TestClients.BUCKET));
        return S3TestClients.store(clients.client(storeRequests), PREFIX);
    }

    @Override
    protected StateStore openSecondClient() {
        return S3TestClients.store(clients.client(), PREFIX);
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }

    @Override
    protected void plantDocument(String name, byte[] document) {
        raw.putObject(r -> r.bucket(S3TestClients.BUCKET).key(PREFIX + "deployments/" + name + ".json"), RequestBody.fromBytes(document));
    }

    @Override
    protected Optional<byte[]> storedDocument(String name) {
        try {
            return Optional.of(raw.getObjectAsBytes(r -> r.bucket(S3TestClients.BUCKET)
                    .key(PREFIX + "deployments/" + name + ".json")).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    /** Every object with its ETag, and how many requests the store under test sent. */
    @Override
    protected Object storageFingerprint() {
        return List.of(storageFingerprintWithoutIo(), "requests sent by the store: " + storeRequests.get());
    }

    @Override
    protected Object storageFingerprintWithoutIo() {
        return raw.listObjectsV2Paginator(r -> r.bucket(S3TestClients.BUCKET)).contents().stream()
                .map(S3Object::key).sorted()
                .map(k -> k + "=" + raw.headObject(r -> r.bucket(S3TestClients.BUCKET).key(k)).eTag())
                .toList();
    }

    @Override
    @Test
    @Disabled("S3Proxy honours If-Match and If-None-Match request by request but is not atomic under racing writers,"
            + " so two racing threads can both win against it (S3 itself is atomic). The step-by-step cases prove the"
            + " conditional writes here: save_withStaleSerial..., update_whenAnotherClientCommitsDuringTheChange...,"
            + " and the interleavings in S3StateStoreTest; true concurrency is proven on the file store and PostgreSQL.")
    protected void update_fromSeveralThreadsOnTwoClients_losesNothing() {
    }
}
