package io.tierstate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.Test;

/** The layering SPEC §1 and STYLE.md ask for, checked on the compiled core. */
class ArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tierstate");

    @Test
    void core_neverImportsTheAwsSdk() {
        noClasses().should().dependOnClassesThat().resideInAPackage("software.amazon..").check(CORE);
    }

    @Test
    void library_neverWritesToStandardStreams() {
        GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(CORE);
    }

    @Test
    void library_logsThroughSlf4jOnly() {
        GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(CORE);
    }

    @Test
    void environment_isReadOnlyBySettings() {
        ArchRule rule = noClasses().that().doNotHaveFullyQualifiedName("io.tierstate.internal.Settings")
                .should().callMethod(System.class, "getenv")
                .orShould().callMethod(System.class, "getenv", String.class);
        rule.check(CORE);
    }

    @Test
    void model_doesNotDependOnStoresOrFacade() {
        noClasses().that().resideInAPackage("io.tierstate.model..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tierstate.store..", "io.tierstate.view..")
                .check(CORE);
    }

    @Test
    void ports_doNotDependOnAdapters() {
        noClasses().that().resideInAPackage("io.tierstate.port..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tierstate.store..", "io.tierstate.view..")
                .check(CORE);
    }

    /** The store layer is a DAG: facades and backends over the engine, the engine over the SPI, never back. */
    @Test
    void storeSpi_dependsOnNeitherTheEngineNorTheStores() {
        noClasses().that().resideInAPackage("io.tierstate.store.spi")
                .should().dependOnClassesThat().resideInAnyPackage("io.tierstate.store", "io.tierstate.store.engine")
                .check(CORE);
    }

    @Test
    void storeEngine_dependsOnTheSpiButNotOnTheStoresBuiltOverIt() {
        noClasses().that().resideInAPackage("io.tierstate.store.engine")
                .should().dependOnClassesThat().resideInAPackage("io.tierstate.store")
                .check(CORE);
    }

    @Test
    void internal_doesNotDependOnTheStores() {
        noClasses().that().resideInAPackage("io.tierstate.internal..")
                .should().dependOnClassesThat().resideInAPackage("io.tierstate.store..")
                .check(CORE);
    }
}
