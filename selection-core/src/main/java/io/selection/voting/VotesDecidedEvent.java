package io.selection.voting;

import io.selection.edition.EditionEvent;
import org.axonframework.serialization.Revision;

import java.util.List;

/** Many decisions in one event: the unit of the group commit. */
@Revision("1")
public record VotesDecidedEvent(String editionId, List<VoteDecision> decisions) implements EditionEvent {
}
