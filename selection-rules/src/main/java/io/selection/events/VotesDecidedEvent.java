package io.selection.events;

import io.selection.voting.VoteDecision;
import io.selection.voting.VoteGroup;

import java.util.List;

/**
 * Many decisions in one event: the unit of the group commit. Stored in the stream of the vote
 * lane that decided them ({@code lane}); {@code nextOffset} is the lane's Kafka position after
 * these votes (null for votes that came over HTTP to a local lane), kept in the same row as the
 * decisions so that the two commit together.
 *
 * <p>Revision 2 stores the decisions column by column ({@link VoteGroup}, property {@code votes}).
 * Revision 1 stored them as a list of objects (property {@code decisions}); such events still
 * read, into the same columns, so nothing downstream knows which form a group was stored in
 * (decision 0013).
 */
public record VotesDecidedEvent(String editionId, String lane, Long nextOffset, VoteGroup votes)
        implements EditionEvent {

    public VotesDecidedEvent {
        votes = votes == null ? VoteGroup.EMPTY : votes;
    }

    public VotesDecidedEvent(String editionId, String lane, Long nextOffset, List<VoteDecision> decisions) {
        this(editionId, lane, nextOffset, VoteGroup.of(decisions));
    }

    /** Reads both stored forms: columns ({@code votes}, revision 2) or a list ({@code decisions}, revision 1). */
    static VotesDecidedEvent read(String editionId, String lane,
                                  Long nextOffset, VoteGroup votes,
                                  List<VoteDecision> decisions) {
        if (votes != null && decisions != null) {
            throw new IllegalArgumentException("a vote group has either votes or decisions, not both");
        }
        return new VotesDecidedEvent(editionId, lane, nextOffset, votes != null ? votes
                : decisions != null ? VoteGroup.of(decisions) : VoteGroup.EMPTY);
    }

    /** The decisions as records, one made per read: for code that reads a group rarely. */
    public List<VoteDecision> decisions() {
        return votes.decisions();
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.on(this);
    }
}
