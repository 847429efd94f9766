package io.tierstate.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierstate.port.Cloud;
import io.tierstate.port.CloudProvider;
import io.tierstate.port.CloudSettings;
import java.io.File;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class AwsCloudProviderTest {

    @Test
    void serviceLoader_findsTheAwsProvider() {
        List<CloudProvider> providers = new ArrayList<>();
        ServiceLoader.load(CloudProvider.class).forEach(providers::add);

        assertThat(providers).filteredOn(p -> p.name().equals("aws")).singleElement().isInstanceOf(AwsCloudProvider.class);
    }

    @Test
    void create_appliesRegionAndEndpoint() {
        try (Cloud cloud = new AwsCloudProvider().create(new CloudSettings(Optional.of("eu-west-1"),
                Optional.of(URI.create("http://127.0.0.1:4566"))))) {
            assertThat(cloud).isInstanceOf(AwsCloud.class);
            assertThat(cloud.toString()).isEqualTo("AwsCloud[region=eu-west-1, endpoint=http://127.0.0.1:4566]");
        }
    }

    @Test
    void create_withDefaults_leavesRegionToTheSdkChain() {
        try (Cloud cloud = new AwsCloudProvider().create(CloudSettings.defaults())) {
            assertThat(cloud.toString()).isEqualTo("AwsCloud[region=(default chain)]");
        }
    }

    /**
     * The promise behind "local commands never load the AWS SDK": finding the provider, creating the
     * cloud, asking it for its ports and closing it load no class of {@code software.amazon}.
     * Runs in a fresh class loader over the test class path (the platform loader as parent, so every
     * class of TierState and the SDK is loaded, and recorded, by it).
     */
    @Test
    void providerCreateAndPorts_loadNoAwsSdkClass() throws Exception {
        try (RecordingClassLoader loader = new RecordingClassLoader(classPath())) {
            Class<?> providerType = loader.loadClass("io.tierstate.port.CloudProvider");
            Class<?> settingsType = loader.loadClass("io.tierstate.port.CloudSettings");
            Class<?> cloudType = loader.loadClass("io.tierstate.port.Cloud");
            Object provider = null;
            for (Object candidate : ServiceLoader.load(providerType, loader)) {
                if ("aws".equals(providerType.getMethod("name").invoke(candidate))) {
                    provider = candidate;
                }
            }
            assertThat(provider).isNotNull();
            assertThat(provider.getClass().getClassLoader()).isSameAs(loader);
            Object settings = settingsType.getConstructor(Optional.class, Optional.class)
                    .newInstance(Optional.of("eu-west-1"), Optional.of(URI.create("http://127.0.0.1:1")));

            Object cloud = providerType.getMethod("create", settingsType).invoke(provider, settings);
            for (String port : List.of("cloudFront", "compute", "loadBalancing", "fileSystems", "identity", "network")) {
                assertThat(cloudType.getMethod(port).invoke(cloud)).isNotNull();
            }
            cloud.toString();
            cloudType.getMethod("close").invoke(cloud);

            assertThat(loader.loaded()).contains("io.tierstate.aws.AwsCloudProvider", "io.tierstate.aws.AwsCloud",
                    "io.tierstate.aws.SdkCloudFrontAdapter", "io.tierstate.aws.SdkNetworkAdapter");
            assertThat(loader.loaded()).filteredOn(name -> name.startsWith("software.amazon.")).isEmpty();
        }
    }

    /** The control for the test above: the same loader does see SDK classes when they are loaded. */
    @Test
    void recordingLoader_recordsSdkClasses() throws Exception {
        try (RecordingClassLoader loader = new RecordingClassLoader(classPath())) {
            Class<?> awsCloud = loader.loadClass("io.tierstate.aws.AwsCloud");
            Method builder = awsCloud.getMethod("builder");
            Object b = builder.invoke(null);
            Class<?> provider = loader.loadClass("software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider");
            Object anonymous = provider.getMethod("create").invoke(null);
            b.getClass().getMethod("credentialsProvider", loader.loadClass("software.amazon.awssdk.auth.credentials.AwsCredentialsProvider"))
                    .invoke(b, anonymous);

            assertThat(loader.loaded()).contains("software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider");
            assertThat(provider.getClassLoader()).isSameAs(loader);
        }
    }

    private static URL[] classPath() throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }

    /** Loads everything on the class path itself (the platform loader is its parent) and records each class asked for. */
    private static final class RecordingClassLoader extends URLClassLoader {

        private final Set<String> loaded = ConcurrentHashMap.newKeySet();

        RecordingClassLoader(URL[] urls) {
            super("recording", urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            loaded.add(name);
            return super.loadClass(name, resolve);
        }

        Set<String> loaded() {
            return Set.copyOf(loaded);
        }
    }
}
