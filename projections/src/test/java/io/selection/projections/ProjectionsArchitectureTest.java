package io.selection.projections;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Read models are built only from events: no web, no Spring, no storage of their own. */
class ProjectionsArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.selection.projections");

    @Test
    void projections_depend_on_no_framework_beyond_axon_messaging() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta..",
                "javax.persistence..", "java.sql..", "io.selection.api..").check(classes);
    }

    @Test
    void projections_read_no_clock_and_draw_no_random_numbers() {
        noClasses().should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.util.UUID.class, "randomUUID")
                .orShould().dependOnClassesThat().areAssignableTo(java.util.Random.class)
                .check(classes);
    }

}
