package io.selection.voting;

import io.selection.edition.LogHead;
import io.selection.results.CertifiedTallies;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An organiser's invalidation of a flagged set: the votes stay in the log and stop counting.
 * {@code set} defines the set (its rule, key and window, logged with the event so that anyone can
 * recompute its members); {@code voteIds} are its members, {@code acceptedVotesPerWork} and
 * {@code tallies} (the valid votes once the set is invalidated) are recounted from the log behind
 * the gate; {@code log} is the log they rest on.
 */
public record InvalidateVotesCommand(@TargetAggregateIdentifier String editionId, VoteSet set,
                                     String reason, List<String> voteIds, Map<String, Long> acceptedVotesPerWork,
                                     Instant at, String by, CertifiedTallies tallies, LogHead log) {

    public InvalidateVotesCommand(String editionId, VoteSet set, String reason, List<String> voteIds,
                                  Map<String, Long> acceptedVotesPerWork, Instant at, String by) {
        this(editionId, set, reason, voteIds, acceptedVotesPerWork, at, by, null, null);
    }

    public String setId() {
        return set == null ? null : set.id();
    }

    public String rule() {
        return set == null ? null : set.rule();
    }
}
