package io.selection.api.voting;

import io.selection.api.web.ReadModels;
import io.selection.projections.Views.VoteLocation;
import io.selection.projections.Views.VoteView;
import io.selection.query.ReadModelQueries.FindVoteQuery;
import io.selection.voting.VoteDecision;
import io.selection.voting.VotesDecidedEvent;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.Collections;
import java.util.concurrent.TimeUnit;

/**
 * The decision on one vote: the read models know where in the log it is (a few bytes a vote),
 * and the decision is read from there, so ten million votes need no per-vote objects in memory.
 */
@Component
public class VoteLookup {

    private final ReadModels readModels;
    private final EventStore eventStore;

    public VoteLookup(ReadModels readModels, EventStore eventStore) {
        this.readModels = readModels;
        this.eventStore = eventStore;
    }

    /** The decision, or null when the vote is unknown; {@code awaitHead} first for read-your-writes. */
    public VoteView find(String editionId, String voteId, boolean awaitHead) {
        VoteLocation location = awaitHead ? readModels.ask(new FindVoteQuery(editionId, voteId), VoteLocation.class)
                : readModels.askNow(new FindVoteQuery(editionId, voteId), VoteLocation.class);
        if (location == null) {
            return null;
        }
        GapAwareTrackingToken before = GapAwareTrackingToken.newInstance(location.seq() - 1, Collections.emptySet());
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(before)) {
            while (stream.hasNextAvailable(5, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                if (event.trackingToken().position().orElse(-1) > location.seq()) {
                    return null;
                }
                if (event.getPayload() instanceof VotesDecidedEvent votes) {
                    for (VoteDecision d : votes.decisions()) {
                        if (d.voteId().equals(voteId)) {
                            return new VoteView(d.voteId(), d.decision().name(),
                                    d.reason() == null ? null : d.reason().name(), d.voterId(), d.workId(),
                                    d.castAt(), d.receivedAt(), d.day(), location.seq());
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }
}
