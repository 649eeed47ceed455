package io.selection.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A flagged set of votes no longer counts. {@code acceptedVotesPerWork} says how many accepted
 * votes of the set each work loses; the decisions themselves stay in the log untouched.
 */
@Revision("2")
public record VotesInvalidatedEvent(String editionId, String setId, String rule, String reason,
                                    List<String> voteIds, Map<String, Long> acceptedVotesPerWork, Instant at,
                                    String by, Published published) implements EditionEvent {

    public VotesInvalidatedEvent(String editionId, String setId, String rule, String reason, List<String> voteIds,
                                 Map<String, Long> acceptedVotesPerWork, Instant at, String by) {
        this(editionId, setId, rule, reason, voteIds, acceptedVotesPerWork, at, by, null);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.on(this);
    }
}
