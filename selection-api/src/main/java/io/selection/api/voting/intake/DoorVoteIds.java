package io.selection.api.voting.intake;

import io.selection.voting.SharedVoteIds;
import io.selection.voting.VoterBook;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The vote ids decided by all the lanes of one door, per edition: a vote id resent under another
 * voter lands in another lane, and is a repeat there as in its own (answered with its first
 * decision, logged and counted nowhere), so the lanes count exactly what the recount counts.
 * After a failure the door's lanes are rebuilt all together, with the ids forgotten first
 * ({@link #rebuildAll}): a decision that was not committed must not make its vote a repeat when it
 * is decided again. A lane new to the door (a partition just assigned) is rebuilt on its own.
 *
 * <p>Two instances sharing a database each have their own: an id resent under another voter to
 * another instance is logged there as a second entry (the recount counts it nowhere; docs/rules.md).
 */
final class DoorVoteIds {

    private final Map<String, SharedVoteIds> byEdition = new ConcurrentHashMap<>();
    private final Set<VoteLane> lanes = ConcurrentHashMap.newKeySet();

    void add(VoteLane lane) {
        lanes.add(lane);
    }

    void remove(VoteLane lane) {
        lanes.remove(lane);
    }

    /** Forgets every id and rebuilds every lane of the door from the log, in parallel; only while none decides. */
    void rebuildAll(EventStore eventStore, EditionStates editions) {
        byEdition.clear();
        lanes.parallelStream().forEach(lane -> lane.rebuildOwn(eventStore, editions));
    }

    SharedVoteIds of(String editionId) {
        return byEdition.computeIfAbsent(editionId, e -> VoterBook.sharedIds());
    }
}
