package io.selection.edition;

import io.selection.results.CertifiedTallies;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** {@code tallies} is required to close the vote (to FINAL_REVIEW) and ignored otherwise. */
public record TransitionEditionCommand(@TargetAggregateIdentifier String editionId, Stage to, Instant at, String by,
                                       CertifiedTallies tallies) {

    public TransitionEditionCommand(String editionId, Stage to, Instant at, String by) {
        this(editionId, to, at, by, null);
    }
}
