package io.selection.audit.format;

import io.selection.audit.verifier.Verifier;

/** A deliberate offender for RulesArchitectureTest: the format leaning on the verifier. */
final class LeansOnTheVerifier {

    private LeansOnTheVerifier() {
    }

    static Object verifier() {
        return Verifier.class;
    }
}
