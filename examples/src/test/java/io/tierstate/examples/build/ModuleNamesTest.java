package io.tierstate.examples.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every library jar declares a stable module name, so it can sit on a module path. */
class ModuleNamesTest {

    @ParameterizedTest
    @CsvSource({"error, tierstate-error, io.tierstate.error", "migration, tierstate-migration, io.tierstate.migration", "cost, tierstate-cost, io.tierstate.cost",
        "core, tierstate-core, io.tierstate.core", "aws-adapter, tierstate-aws, io.tierstate.aws"})
    void libraryJar_declaresItsAutomaticModuleName(String module, String artifact, String name) throws Exception {
        Path jar = Path.of("..", module, "target", artifact + "-0.1.0-SNAPSHOT.jar");
        assumeTrue(Files.isRegularFile(jar), "the jars are read as the reactor built them (mvn verify); not built: " + jar);
        try (JarFile file = new JarFile(jar.toFile())) {
            Map<Object, Object> attributes = file.getManifest().getMainAttributes();
            assertThat(attributes.get(new java.util.jar.Attributes.Name("Automatic-Module-Name"))).isEqualTo(name);
        }
    }
}
