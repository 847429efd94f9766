package io.tierstate.examples.build;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The package graph of every TierState jar, as the build produced it: no package depends on a
 * package that depends back on it, every package lives in exactly one jar (Java modules refuse a
 * split package), and each module's {@code internal} packages are used by that module alone.
 */
class PackageGraphTest {

    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("/examples/target/test-classes"))
            .withImportOption(location -> !location.contains("-tests.jar")) // test-jars hold test helpers, not packages
            .importPackages("io.tierstate");

    /** One slice per package, the root package io.tierstate included. */
    private static final ArchRule NO_PACKAGE_CYCLES = slices().assignedFrom(new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            return c.getPackageName().startsWith("io.tierstate") ? SliceIdentifier.of(c.getPackageName())
                    : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "TierState packages";
        }
    }).should().beFreeOfCycles();

    @Test
    void thePackages_areFreeOfCycles() {
        NO_PACKAGE_CYCLES.check(ALL);
    }

    @Test
    void theCycleRule_failsOnACycle() {
        JavaClasses cyclic = new ClassFileImporter().importClasses(
                io.tierstate.examples.build.cycle.a.Left.class, io.tierstate.examples.build.cycle.b.Right.class);
        assertThatThrownBy(() -> NO_PACKAGE_CYCLES.check(cyclic)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("io.tierstate.examples.build.cycle.a").hasMessageContaining("io.tierstate.examples.build.cycle.b");
    }

    @Test
    void everyPackage_livesInOneJar() {
        Map<String, Set<String>> locations = new TreeMap<>();
        for (JavaClass c : ALL) {
            if (c.getPackageName().startsWith("io.tierstate")) {
                locations.computeIfAbsent(c.getPackageName(), p -> new TreeSet<>()).add(root(c));
            }
        }
        assertThat(locations).containsKeys("io.tierstate", "io.tierstate.error", "io.tierstate.migration",
                "io.tierstate.cost", "io.tierstate.store", "io.tierstate.aws");
        assertThat(locations).allSatisfy((pkg, roots) -> assertThat(roots).as(pkg).hasSize(1));
    }

    @Test
    void coreInternals_areUsedByTheCoreAlone() {
        noClasses().that().resideOutsideOfPackages("io.tierstate", "io.tierstate.model..", "io.tierstate.port..",
                        "io.tierstate.store..", "io.tierstate.destroy..", "io.tierstate.view..", "io.tierstate.sim..",
                        "io.tierstate.drift..", "io.tierstate.internal..")
                .should().dependOnClassesThat().resideInAPackage("io.tierstate.internal..")
                .because("other modules, the program included, use the core's published API and SPI, never its internal package")
                .check(ALL);
    }

    @Test
    void awsInternals_areUsedByTheAdapterAlone() {
        noClasses().that().resideOutsideOfPackage("io.tierstate.aws..")
                .should().dependOnClassesThat().resideInAPackage("io.tierstate.aws.internal..")
                .check(ALL);
    }

    @Test
    void theErrorPackage_dependsOnNothingOfTierState() {
        noClasses().that().resideInAPackage("io.tierstate.error..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.tierstate.error..", "java..")
                .check(ALL);
    }

    /** The jar (or classes directory) a class was loaded from. */
    private static String root(JavaClass c) {
        URI uri = c.getSource().orElseThrow().getUri();
        String s = uri.toString();
        int bang = s.indexOf("!/");
        if (bang >= 0) {
            return s.substring(0, bang);
        }
        return s.substring(0, s.length() - (c.getName().replace('.', '/') + ".class").length());
    }
}
