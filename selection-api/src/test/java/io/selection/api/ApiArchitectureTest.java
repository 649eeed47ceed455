package io.selection.api;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.selection.api.voting.doors.VoteController;
import io.selection.api.voting.intake.LocalVoteIntake;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vote path reads in one direction: the HTTP doors (voting.doors) hand votes to the intake
 * (voting.intake), which decides and commits them whatever door they came through and never knows
 * which HTTP door that was. The log as the store holds it (log) is read by the audit's controllers,
 * never the reverse.
 */
class ApiArchitectureTest {

    static final ArchRule INTAKE_KNOWS_NO_DOOR = noClasses().that().resideInAPackage("io.selection.api.voting.intake..")
            .should().dependOnClassesThat().resideInAPackage("io.selection.api.voting.doors..")
            .because("every door reaches the one intake; the intake is the same for all of them");

    static final ArchRule LOG_KNOWS_NO_CONTROLLER = noClasses().that().resideInAPackage("io.selection.api.log..")
            .should().dependOnClassesThat().resideInAnyPackage("io.selection.api.audit..",
                    "io.selection.api.voting.doors..")
            .because("the log is read by the audit and the vote look-up, and reads neither");

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.selection.api");

    @Test
    void imports_the_service_classes() {
        assertThat(MAIN.contain(VoteController.class)).isTrue();
        assertThat(MAIN.contain(LocalVoteIntake.class)).isTrue();
        assertThat(MAIN.contain(ApiArchitectureTest.class)).isFalse();
    }

    @Test
    void the_intake_depends_on_no_http_door() {
        INTAKE_KNOWS_NO_DOOR.check(MAIN);
    }

    @Test
    void the_log_depends_on_no_controller() {
        LOG_KNOWS_NO_CONTROLLER.check(MAIN);
    }

    @Test
    void the_rules_catch_an_intake_that_names_a_door() {
        JavaClasses offender = new ClassFileImporter().importClasses(
                io.selection.api.voting.intake.NamesADoor.class, VoteController.class);
        assertThat(INTAKE_KNOWS_NO_DOOR.evaluate(offender).hasViolation()).isTrue();
    }
}
