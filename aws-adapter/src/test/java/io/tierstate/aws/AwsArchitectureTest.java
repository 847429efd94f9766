package io.tierstate.aws;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** STYLE.md's rules for the adapter, checked on the compiled classes. */
class AwsArchitectureTest {

    /** The adapter's own classes only: scanning the SDK jars for the package would take many seconds. */
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importUrl(AwsCloud.class.getProtectionDomain().getCodeSource().getLocation());

    /** Public signatures speak TierState and JDK types; only the builder accepts the user's own SDK objects. */
    @Test
    void publicApi_exposesNoSdkTypeOutsideTheBuilder() {
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : List.of(AwsCloud.class, AwsCloudProvider.class, AwsRetryMode.class, SdkCloudFrontAdapter.class,
                SdkComputeAdapter.class, SdkLoadBalancingAdapter.class, SdkFileSystemAdapter.class, SdkIdentityAdapter.class,
                SdkNetworkAdapter.class)) {
            Stream.concat(Stream.of(type.getDeclaredMethods()), Stream.of(type.getDeclaredConstructors()))
                    .filter(m -> Modifier.isPublic(m.getModifiers()))
                    .filter(m -> !m.isSynthetic())
                    .filter(m -> mentionsSdk(m))
                    .forEach(m -> leaks.add(type.getSimpleName() + "." + m.getName()));
        }
        assertThat(leaks).isEmpty();
        assertThat(Stream.of(AwsCloud.Builder.class.getDeclaredMethods()).filter(AwsArchitectureTest::mentionsSdk)
                .map(Method::getName)).containsExactlyInAnyOrder("credentialsProvider", "httpClient", "cloudFrontClient",
                "ec2Client", "loadBalancingClient", "efsClient", "iamClient", "stsClient");
    }

    @Test
    void environment_isNeverRead() {
        noClasses().should().callMethod(System.class, "getenv")
                .orShould().callMethod(System.class, "getenv", String.class).check(MAIN);
    }

    @Test
    void library_neverWritesToStandardStreams() {
        GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(MAIN);
    }

    @Test
    void sdkClientsAreBuiltOnlyByTheFactory() {
        noClasses().that().doNotHaveSimpleName("SdkClientFactory")
                .should().callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe("an SDK client builder()",
                        call -> call.getTarget().getOwner().getPackageName().startsWith("software.amazon.awssdk.services")
                                && call.getTarget().getName().equals("builder")
                                && call.getTarget().getOwner().getSimpleName().endsWith("Client")))
                .check(MAIN);
    }

    /** The S3 store is a backend written against the published SPI and API, like a store of anyone's. */
    @Test
    void s3Store_usesTheStoreSpiAndNotCoresInternals() {
        noClasses().that().haveSimpleNameStartingWith("S3")
                .should().dependOnClassesThat().resideInAPackage("io.tierstate.internal..")
                .check(MAIN);
    }

    private static boolean mentionsSdk(Executable m) {
        List<Type> types = new ArrayList<>(List.of(m.getGenericParameterTypes()));
        if (m instanceof Method method) {
            types.add(method.getGenericReturnType());
        }
        types.addAll(List.of(m.getGenericExceptionTypes()));
        return types.stream().anyMatch(t -> t.getTypeName().contains("software.amazon."));
    }
}
