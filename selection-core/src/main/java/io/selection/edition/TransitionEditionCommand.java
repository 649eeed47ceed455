package io.selection.edition;

import io.selection.results.CertifiedTallies;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * {@code tallies}, recounted from the log, is required to close the vote (to FINAL_REVIEW) and
 * to publish the results, and ignored otherwise; {@code log} is the log the published list rests on.
 */
public record TransitionEditionCommand(@TargetAggregateIdentifier String editionId, Stage to, Instant at, String by,
                                       CertifiedTallies tallies, LogHead log) {

    public TransitionEditionCommand(String editionId, Stage to, Instant at, String by) {
        this(editionId, to, at, by, null, null);
    }

    public TransitionEditionCommand(String editionId, Stage to, Instant at, String by, CertifiedTallies tallies) {
        this(editionId, to, at, by, tallies, null);
    }
}
