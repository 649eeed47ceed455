package io.selection.voting;

import io.selection.edition.EditionEvent;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A flagged set of votes no longer counts. {@code acceptedVotesPerWork} says how many accepted
 * votes of the set each work loses; the decisions themselves stay in the log untouched.
 */
@Revision("1")
public record VotesInvalidatedEvent(String editionId, String setId, String rule, String reason,
                                    List<String> voteIds, Map<String, Long> acceptedVotesPerWork, Instant at,
                                    String by) implements EditionEvent {
}
