package io.selection.voting;

import io.selection.edition.LogHead;
import io.selection.results.CertifiedTallies;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An organiser's invalidation of a flagged set: the votes stay in the log and stop counting.
 * {@code acceptedVotesPerWork} and {@code tallies} (the valid votes once the set is invalidated)
 * are recounted from the log behind the gate; {@code log} is the log they rest on.
 */
public record InvalidateVotesCommand(@TargetAggregateIdentifier String editionId, String setId, String rule,
                                     String reason, List<String> voteIds, Map<String, Long> acceptedVotesPerWork,
                                     Instant at, String by, CertifiedTallies tallies, LogHead log) {

    public InvalidateVotesCommand(String editionId, String setId, String rule, String reason, List<String> voteIds,
                                  Map<String, Long> acceptedVotesPerWork, Instant at, String by) {
        this(editionId, setId, rule, reason, voteIds, acceptedVotesPerWork, at, by, null, null);
    }
}
