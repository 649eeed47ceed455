package io.selection.api.voting;

import io.selection.api.log.EditionLogs;
import io.selection.api.web.ReadModels;
import io.selection.events.EditionEvent;
import io.selection.events.VotesDecidedEvent;
import io.selection.projections.Views.VoteLocation;
import io.selection.projections.Views.VoteView;
import io.selection.query.ReadModelQueries.FindVoteQuery;
import io.selection.voting.VoteDecision;
import org.springframework.stereotype.Component;

/**
 * The decision on one vote: the read models know which line of the edition's log holds it (a few
 * bytes a vote), and the decision is read from that line, so ten million votes need no per-vote
 * objects in memory. The first decision logged under an id is the vote's decision.
 */
@Component
public class VoteLookup {

    /** A vote's decision and where it stands: entry {@code index} of the group at line {@code seq}. */
    public record Found(VoteView view, VotesDecidedEvent group, long seq, int index) {
    }

    private final ReadModels readModels;
    private final EditionLogs logs;

    public VoteLookup(ReadModels readModels, EditionLogs logs) {
        this.readModels = readModels;
        this.logs = logs;
    }

    /** The decision, or null when the vote is unknown; {@code awaitHead} first for read-your-writes. */
    public VoteView find(String editionId, String voteId, boolean awaitHead) {
        Found found = locate(editionId, voteId, awaitHead);
        return found == null ? null : found.view();
    }

    public Found locate(String editionId, String voteId, boolean awaitHead) {
        VoteLocation location = awaitHead ? readModels.ask(new FindVoteQuery(editionId, voteId), VoteLocation.class)
                : readModels.askNow(new FindVoteQuery(editionId, voteId), VoteLocation.class);
        if (location == null) {
            return null;
        }
        return at(editionId, voteId, location.seq());
    }

    /** The first decision under the id in the group at line {@code seq}, or null. */
    public Found at(String editionId, String voteId, long seq) {
        EditionEvent event = logs.event(editionId, seq);
        if (event instanceof VotesDecidedEvent votes) {
            for (int i = 0; i < votes.votes().size(); i++) {
                if (votes.votes().voteId(i).equals(voteId)) {
                    VoteDecision d = votes.votes().record(i);
                    return new Found(new VoteView(d.voteId(), d.decision().name(),
                            d.reason() == null ? null : d.reason().name(), d.voterId(), d.workId(), d.castAt(),
                            d.receivedAt(), d.day(), seq), votes, seq, i);
                }
            }
        }
        return null;
    }
}
