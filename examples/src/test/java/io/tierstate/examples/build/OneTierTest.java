package io.tierstate.examples.build;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * A user who imports {@code io.tierstate.model.*} and {@code io.tierstate.cost.*} (as the JShell
 * script does) gets one {@code Tier}: no other public type of that name in any module. Only this
 * module has every jar on its class path, so the rule lives here.
 */
class OneTierTest {

    /** The library's own classes: what the reactor built from {@code src/main}, not any module's tests. */
    private static final ImportOption MAIN_CLASSES_ONLY = location -> !location.contains("/test-classes/")
            && !location.contains("-tests.jar");

    private static final ArchRule ONE_PUBLIC_TIER = classes().that().haveSimpleName("Tier").and().arePublic()
            .should().haveFullyQualifiedName("io.tierstate.model.Tier")
            .because("a second public Tier collides with io.tierstate.model.Tier under wildcard imports");

    @Test
    void everyModule_hasNoPublicTierButTheModels() {
        JavaClasses all = new ClassFileImporter().withImportOption(MAIN_CLASSES_ONLY).importPackages("io.tierstate");

        assertThat(all.stream().map(JavaClass::getPackageName).distinct())
                .as("the classes of every module were imported")
                .contains("io.tierstate.migration", "io.tierstate.cost", "io.tierstate.model", "io.tierstate.aws",
                        "io.tierstate.examples.cli");
        assertThat(all.stream().filter(c -> c.getSimpleName().equals("Tier") && c.getModifiers().contains(
                com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)).map(JavaClass::getName))
                .containsExactly("io.tierstate.model.Tier");
        ONE_PUBLIC_TIER.check(all);
    }

    @Test
    void theRule_failsOnASecondPublicTier_namingIt() {
        JavaClasses two = new ClassFileImporter().importClasses(io.tierstate.model.Tier.class, Tier.class);

        assertThatThrownBy(() -> ONE_PUBLIC_TIER.check(two)).isInstanceOf(AssertionError.class)
                .hasMessageContaining(Tier.class.getName());
    }

    /** A stand-in for the second tier type the rule is there to refuse. */
    public enum Tier { DEV }
}
