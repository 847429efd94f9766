package io.tierstate.aws;

import io.tierstate.store.StoreBackendContract;
import io.tierstate.store.spi.StoreBackend;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 backend keeps the SPI's primitives, on the wire against S3Proxy (a fresh server per case). */
class S3BackendContractTest extends StoreBackendContract {

    @RegisterExtension
    static final S3ProxyExtension SERVER = S3ProxyExtension.builder().withBlobStoreProvider("transient")
            .withCredentials(AuthenticationType.AWS_V2_OR_V4, "tierstate-access", "tierstate-secret").build();

    private S3TestClients clients;

    @Override
    protected StoreBackend openBackend() {
        clients = new S3TestClients(SERVER);
        S3Client client = clients.client();
        client.createBucket(r -> r.bucket(S3TestClients.BUCKET));
        return new S3Backend(S3TestClients.BUCKET, "contract/", () -> client, () -> { });
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }
}
