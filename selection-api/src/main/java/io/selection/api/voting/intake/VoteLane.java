package io.selection.api.voting.intake;

import io.selection.events.VotesDecidedEvent;
import io.selection.voting.EditionVotingState;
import io.selection.voting.VoterBook;
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
    private final DoorVoteIds ids;
    private final Map<String, VoterBook> books = new HashMap<>();
    /** Committed: the last sequence and Kafka position made durable (set by the writer). */
    private volatile long sequence = -1;
    private volatile Long nextOffset;
    private volatile long votes;
    /** Decided: where the decisions handed to the writer, durable or not yet, have got to. */
    private long decidedSequence = -1;
    private Long decidedOffset;

    /** A lane on its own: the vote ids it decides are its own. */
    public VoteLane(String name) {
        this(name, new DoorVoteIds());
    }

    /** A lane of a door whose lanes share the vote ids they decide (rebuild them all together after clearing {@code ids}). */
    VoteLane(String name, DoorVoteIds ids) {
        this.name = name;
        this.ids = ids;
        ids.add(this);
    }

    /** The lanes this one shares its vote ids with (itself included). */
    DoorVoteIds door() {
        return ids;
    }

    public String name() {
        return name;
    }

    public String stream() {
        return STREAM_PREFIX + name;
    }

    public VoterBook book(String editionId) {
        return books.computeIfAbsent(editionId, e -> new VoterBook(ids.of(e)));
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

    /** The sequence of the lane's next event, for decisions not yet committed. */
    long claimSequence() {
        return ++decidedSequence;
    }

    /** The Kafka position after the votes decided so far (committed or not). */
    Long decidedOffset() {
        return decidedOffset;
    }

    void decidedUpTo(Long offset) {
        if (offset != null) {
            decidedOffset = offset;
        }
    }

    void committed(long lastSequence, Long offset, int decisions) {
        sequence = lastSequence;
        if (offset != null) {
            nextOffset = offset;
        }
        votes += decisions;
    }

    /**
     * Rebuilds the lane from the log, with every lane it shares its vote ids with: the ids are
     * forgotten first, so a decision that was not committed is no repeat when decided again.
     */
    public void rebuild(EventStore eventStore, EditionStates editions) {
        ids.rebuildAll(eventStore, editions);
    }

    /**
     * Rebuilds only this lane's voter books, sequence and Kafka position from its stream, adding its
     * vote ids to the shared ones: for a lane that has decided nothing uncommitted (one just made).
     */
    void rebuildOwn(EventStore eventStore, EditionStates editions) {
        books.clear();
        sequence = -1;
        nextOffset = null;
        votes = 0;
        long decisions = 0;
        // one look-up of each edition per rebuild, not one per event (each is a read of the store)
        Map<String, EditionVotingState> states = new HashMap<>();
        DomainEventStream events = eventStore.readEvents(stream());
        while (events.hasNext()) {
            DomainEventMessage<?> message = events.next();
            sequence = message.getSequenceNumber();
            if (message.getPayload() instanceof VotesDecidedEvent event) {
                if (event.nextOffset() != null) {
                    nextOffset = event.nextOffset();
                }
                EditionVotingState edition = states.computeIfAbsent(event.editionId(),
                        e -> editions.current(e).orElseThrow(() -> new IllegalStateException("lane " + name
                                + " holds votes of edition " + e + " at sequence " + message.getSequenceNumber()
                                + ", but the voting gate knows no version of that edition")));
                VoterBook book = book(event.editionId());
                book.replay(event.votes(), edition);
                decisions += event.votes().size();
            }
        }
        votes = decisions;
        decidedSequence = sequence;
        decidedOffset = nextOffset;
    }
}
