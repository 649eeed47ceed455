package io.selection;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import io.selection.edition.Edition;
import io.selection.rules.Rulebook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * selection-core adds the Axon aggregate and its commands to the rulebook of selection-rules. It
 * stays free of Spring, JPA and the servlet API, and is held to the rulebook's determinism rules
 * (no clock, no randomness), which RulesArchitectureTest states and shows catching offenders.
 */
class CoreArchitectureTest {

    static final ArchRule NO_SERVER_FRAMEWORKS = noClasses().that().resideInAPackage("io.selection..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "jakarta.persistence..", "javax.persistence..", "jakarta.servlet..",
                    "javax.servlet..", "org.hibernate..")
            .because("the domain runs without Spring, JPA, Servlet or Hibernate");

    private static JavaClasses core;

    @BeforeAll
    static void importMainClasses() {
        core = MainClasses.get();
    }

    @Test
    void imports_the_aggregate_and_the_rulebook_it_decides_with() {
        assertThat(core.contain(Edition.class)).isTrue();
        assertThat(core.contain(Rulebook.class)).isTrue();
        assertThat(core.contain(CoreArchitectureTest.class)).isFalse();
    }

    @Test
    void depends_on_no_spring_jpa_servlet_or_hibernate() {
        NO_SERVER_FRAMEWORKS.check(core);
    }

    @Test
    void never_reads_the_clock_or_draws_random_numbers() {
        RulesArchitectureTest.NO_INSTANT_NOW.check(core);
        RulesArchitectureTest.NO_SYSTEM_TIME.check(core);
        RulesArchitectureTest.NO_RANDOMNESS.check(core);
    }

    @Test
    void the_aggregate_really_depends_on_axon_so_the_rules_module_alone_is_framework_free() {
        ArchRule noAxon = noClasses().that().resideInAPackage("io.selection..")
                .should().dependOnClassesThat().resideInAnyPackage("org.axonframework..");
        assertThat(noAxon.evaluate(core).hasViolation()).isTrue();
    }
}
