package io.selection.api.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a refused production start as a sentence and what to set, not as a stack trace. */
public class ProductionSettingsFailureAnalyzer
        extends AbstractFailureAnalyzer<ProductionSettingsGuard.UnsafeProductionSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, ProductionSettingsGuard.UnsafeProductionSettingsException cause) {
        return new FailureAnalysis(cause.getMessage(), "Set the settings named above (see docs/operations.md, "
                + "\"Production profile\"), for example as environment variables, and start again.", cause);
    }
}
