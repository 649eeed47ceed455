package io.selection.api.voting;

import io.selection.voting.EditionVotingState;
import io.selection.voting.VoteDecision;
import io.selection.voting.VoterBook;
import io.selection.events.VotesDecidedEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.HashMap;
import java.util.Map;

/**
 * One lane of the vote pipeline: a share of the voters (by voter id), the packed daily-limit
 * state of those voters, and its own stream in the log ({@code vote-lane-<name>}), whose
 * sequence numbers fence out a second writer and whose last event holds the lane's Kafka
 * position. Used by one thread at a time.
 */
public final class VoteLane {

    public static final String STREAM_PREFIX = "vote-lane-";

    private final String name;
    private final Map<String, VoterBook> books = new HashMap<>();
    private long sequence = -1;
    private Long nextOffset;
    private long votes;

    public VoteLane(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public String stream() {
        return STREAM_PREFIX + name;
    }

    public VoterBook book(String editionId) {
        return books.computeIfAbsent(editionId, e -> new VoterBook());
    }

    public long sequence() {
        return sequence;
    }

    public Long nextOffset() {
        return nextOffset;
    }

    public long votes() {
        return votes;
    }

    void committed(long lastSequence, Long offset, int decisions) {
        sequence = lastSequence;
        if (offset != null) {
            nextOffset = offset;
        }
        votes += decisions;
    }

    /** Rebuilds the voter books, the sequence and the Kafka position from the lane's stream. */
    public void rebuild(EventStore eventStore, EditionStates editions) {
        books.clear();
        sequence = -1;
        nextOffset = null;
        votes = 0;
        DomainEventStream events = eventStore.readEvents(stream());
        while (events.hasNext()) {
            DomainEventMessage<?> message = events.next();
            sequence = message.getSequenceNumber();
            if (message.getPayload() instanceof VotesDecidedEvent event) {
                if (event.nextOffset() != null) {
                    nextOffset = event.nextOffset();
                }
                EditionVotingState edition = editions.current(event.editionId()).orElseThrow();
                VoterBook book = book(event.editionId());
                for (VoteDecision decision : event.decisions()) {
                    book.replay(decision, edition);
                }
                votes += event.decisions().size();
            }
        }
    }
}
