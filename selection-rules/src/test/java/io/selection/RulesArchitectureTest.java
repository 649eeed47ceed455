package io.selection;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;
import io.selection.rules.Rulebook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * selection-rules is the rulebook in plain Java: it depends on nothing but the JDK (no Axon, no
 * Spring, no Jackson, not even annotations), and nothing in it reads the clock or draws random
 * numbers, so replaying the log always gives the same decisions, on the server and in the
 * auditor's verifier alike. selection-core's CoreArchitectureTest holds the aggregate to the same
 * determinism rules.
 */
public class RulesArchitectureTest {

    private static final String CORE = "io.selection..";

    static final ArchRule NO_FRAMEWORKS = noClasses().that().resideInAPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.axonframework..", "com.fasterxml..", "org.springframework..", "jakarta..", "javax..",
                    "org.hibernate..", "org.apache..", "com.thoughtworks..")
            .because("the rulebook is plain Java: the server and the offline verifier run the same code");

    public static final ArchRule NO_INSTANT_NOW = noClasses().that().resideInAPackage(CORE)
            .should().callMethod(Instant.class, "now")
            .orShould().callMethod(Instant.class, "now", Clock.class)
            .because("times come from commands and events, never from the clock");

    public static final ArchRule NO_SYSTEM_TIME = noClasses().that().resideInAPackage(CORE)
            .should().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .orShould().callMethodWhere(readsTheClock())
            .because("a replay must decide exactly as the first run did");

    public static final ArchRule NO_RANDOMNESS = noClasses().that().resideInAPackage(CORE)
            // the one exception: making a new signing key, once, outside every fold, rule and check
            .and().doNotBelongToAnyOf(io.selection.audit.proofs.KeyPairs.class)
            .should().callMethod(UUID.class, "randomUUID")
            .orShould().callMethod(Math.class, "random")
            .orShould().dependOnClassesThat().belongToAnyOf(Random.class, SecureRandom.class,
                    ThreadLocalRandom.class, SplittableRandom.class)
            .because("identifiers and decisions must be reproducible from the log");

    /**
     * The audit log's packages answer one question each and lean only on the ones before: what a
     * line is (format), how it is proven (proofs), whether every rule held (verifier).
     */
    static final ArchRule AUDIT_LAYERS = com.tngtech.archunit.library.Architectures.layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("format").definedBy("io.selection.audit.format..")
            .layer("proofs").definedBy("io.selection.audit.proofs..")
            .layer("verifier").definedBy("io.selection.audit.verifier..")
            .whereLayer("verifier").mayNotBeAccessedByAnyLayer()
            .whereLayer("proofs").mayOnlyBeAccessedByLayers("verifier")
            .because("a newcomer reads the format without the proofs, and the proofs without the verifier");

    private static JavaClasses rules;

    @BeforeAll
    static void importMainClasses() {
        rules = MainClasses.get();
    }

    /** Any java.time {@code now(...)} and any {@code Clock.system*()}. */
    private static DescribedPredicate<JavaMethodCall> readsTheClock() {
        return new DescribedPredicate<>("read the system clock through java.time") {
            @Override
            public boolean test(JavaMethodCall call) {
                String owner = call.getTargetOwner().getPackageName();
                String name = call.getName();
                return owner.equals("java.time") && (name.equals("now") || name.startsWith("system"));
            }
        };
    }

    @Test
    void imports_the_main_classes_and_only_them() {
        assertThat(rules.contain(Rulebook.class)).isTrue();
        assertThat(rules.contain(RulesArchitectureTest.class)).isFalse();
        assertThat(rules.size()).isGreaterThan(40);
    }

    @Test
    void depends_on_no_framework_at_all() {
        NO_FRAMEWORKS.check(rules);
    }

    @Test
    void the_audit_packages_layer_format_proofs_verifier() {
        AUDIT_LAYERS.check(rules);
    }

    @Test
    void never_calls_Instant_now() {
        NO_INSTANT_NOW.check(rules);
    }

    @Test
    void never_reads_the_system_clock() {
        NO_SYSTEM_TIME.check(rules);
    }

    @Test
    void never_generates_random_uuids_or_numbers() {
        NO_RANDOMNESS.check(rules);
    }

    /** The rules are not vacuous: each catches a class that breaks it. */
    @Nested
    class The_rules_catch_offenders {

        @Test
        void the_format_leaning_on_the_verifier() throws ClassNotFoundException {
            Class<?> offender = Class.forName("io.selection.audit.format.LeansOnTheVerifier");
            assertThat(AUDIT_LAYERS.evaluate(new com.tngtech.archunit.core.importer.ClassFileImporter()
                    .importClasses(offender, io.selection.audit.verifier.Verifier.class)).hasViolation()).isTrue();
        }

        @Test
        void a_call_to_Instant_now() {
            assertThat(NO_INSTANT_NOW.evaluate(importOnly(ReadsInstantNow.class)).hasViolation()).isTrue();
        }

        @Test
        void a_call_to_System_currentTimeMillis_or_LocalDate_now() {
            assertThat(NO_SYSTEM_TIME.evaluate(importOnly(ReadsMillis.class)).hasViolation()).isTrue();
            assertThat(NO_SYSTEM_TIME.evaluate(importOnly(ReadsLocalDate.class)).hasViolation()).isTrue();
        }

        @Test
        void random_uuids_and_random_number_generators() {
            assertThat(NO_RANDOMNESS.evaluate(importOnly(MakesUuids.class)).hasViolation()).isTrue();
            assertThat(NO_RANDOMNESS.evaluate(importOnly(RollsDice.class)).hasViolation()).isTrue();
            assertThat(NO_RANDOMNESS.evaluate(importOnly(UsesSecureRandom.class)).hasViolation()).isTrue();
        }

        @Test
        void a_name_based_uuid_is_fine() {
            assertThat(NO_RANDOMNESS.evaluate(importOnly(NamesUuids.class)).hasViolation()).isFalse();
        }

        @Test
        void a_jackson_annotation_or_a_framework_type() {
            assertThat(NO_FRAMEWORKS.evaluate(importOnly(AnnotatedForJackson.class)).hasViolation()).isTrue();
            assertThat(NO_FRAMEWORKS.evaluate(importOnly(UsesJacksonDatabind.class)).hasViolation()).isTrue();
        }

        private JavaClasses importOnly(Class<?> type) {
            return MainClasses.only(type);
        }
    }

    // ---- deliberate offenders, imported only by the tests above ----

    static class ReadsInstantNow {
        Instant read() {
            return Instant.now();
        }
    }

    static class ReadsMillis {
        long read() {
            return System.currentTimeMillis();
        }
    }

    static class ReadsLocalDate {
        LocalDate read() {
            return LocalDate.now();
        }
    }

    static class MakesUuids {
        UUID make() {
            return UUID.randomUUID();
        }
    }

    static class NamesUuids {
        UUID make(String name) {
            return UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    static class RollsDice {
        int roll() {
            return ThreadLocalRandom.current().nextInt(6);
        }
    }

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record AnnotatedForJackson(String name) {
    }

    static class UsesJacksonDatabind {
        String name(Object payload) {
            return new com.fasterxml.jackson.databind.ObjectMapper().getClass().getName() + payload;
        }
    }

    static class UsesSecureRandom {
        final Random random = new SecureRandom();
    }
}
