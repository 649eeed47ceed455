package io.selection.voting;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An organiser's invalidation of a flagged set: the votes stay in the log and stop counting. */
public record InvalidateVotesCommand(@TargetAggregateIdentifier String editionId, String setId, String rule,
                                     String reason, List<String> voteIds, Map<String, Long> acceptedVotesPerWork,
                                     Instant at, String by) {
}
