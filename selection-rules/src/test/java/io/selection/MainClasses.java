package io.selection;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import java.util.function.Supplier;

/**
 * The main classes of selection-core, imported once per test run. Referenced classes outside
 * io.selection are not resolved from the class path (that takes seconds); the architecture rules
 * match them by name, which needs no resolution.
 */
public final class MainClasses {

    private static JavaClasses classes;

    private MainClasses() {
    }

    public static synchronized JavaClasses get() {
        if (classes == null) {
            classes = withoutResolution(() -> new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .withImportOption(location -> !location.contains("-tests.jar"))
                    .importPackages("io.selection"));
        }
        return classes;
    }

    /** Just these classes, imported the same way (for checking that a rule catches an offender). */
    public static synchronized JavaClasses only(Class<?>... types) {
        return withoutResolution(() -> new ClassFileImporter().importClasses(types));
    }

    private static JavaClasses withoutResolution(Supplier<JavaClasses> importer) {
        ArchConfiguration configuration = ArchConfiguration.get();
        boolean resolve = configuration.resolveMissingDependenciesFromClassPath();
        configuration.setResolveMissingDependenciesFromClassPath(false);
        try {
            return importer.get();
        } finally {
            configuration.setResolveMissingDependenciesFromClassPath(resolve);
        }
    }
}
