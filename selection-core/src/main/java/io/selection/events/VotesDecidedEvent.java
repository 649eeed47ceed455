package io.selection.events;

import io.selection.voting.VoteDecision;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * Many decisions in one event: the unit of the group commit. Stored in the stream of the vote
 * lane that decided them ({@code lane}); {@code nextOffset} is the lane's Kafka position after
 * these votes (null for votes that came over HTTP to a local lane), kept in the same row as the
 * decisions so that the two commit together.
 */
@Revision("1")
public record VotesDecidedEvent(String editionId, String lane, Long nextOffset, List<VoteDecision> decisions)
        implements EditionEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.on(this);
    }
}
