package io.pxrcad.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The CLI parses, calls core and prints: it runs networks only through core, never DJL itself. */
class CliArchitectureTest {
    static final JavaClasses CLI = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.pxrcad.cli");

    @Test
    void theCliImportsNoEngine() {
        noClasses().that().resideInAPackage("io.pxrcad.cli").should().dependOnClassesThat()
                .resideInAnyPackage("ai.djl..").check(CLI);
    }
}
