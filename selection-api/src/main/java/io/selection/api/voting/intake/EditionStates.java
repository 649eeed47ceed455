package io.selection.api.voting.intake;

import io.selection.voting.EditionVotingState;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each edition's voting state, as every vote lane of this instance sees it, folded from the
 * edition's stream and brought up to date (under the voting gate) before each group is decided.
 * How far the stream goes is the edition version kept on its gate row (decision 20), one read by
 * primary key, not Axon's {@code max(sequence_number)} over the edition's events.
 */
@Component
public class EditionStates {

    private final EventStore eventStore;
    private final VotingGate gate;
    private final Map<String, EditionVotingState> states = new ConcurrentHashMap<>();

    public EditionStates(EventStore eventStore, VotingGate gate) {
        this.eventStore = eventStore;
        this.gate = gate;
    }

    /**
     * The edition's state as of the last committed event of its stream (or, behind the gate, as
     * this transaction holds it); empty for an unknown edition.
     */
    public synchronized Optional<EditionVotingState> current(String editionId) {
        Optional<Long> last = gate.version(editionId);
        if (last.isEmpty()) {
            return Optional.empty();
        }
        EditionVotingState state = states.computeIfAbsent(editionId, e -> new EditionVotingState());
        if (state.version() < last.get()) {
            DomainEventStream events = eventStore.readEvents(editionId, state.version() + 1);
            while (events.hasNext()) {
                DomainEventMessage<?> event = events.next();
                state.apply(event.getSequenceNumber(), event.getPayload());
            }
        }
        return Optional.of(state);
    }

    private final java.util.Set<String> known = ConcurrentHashMap.newKeySet();

    /** Whether the edition exists; editions are never removed, so a yes is remembered. */
    public boolean exists(String editionId) {
        if (known.contains(editionId)) {
            return true;
        }
        boolean exists = gate.version(editionId).isPresent();
        if (exists) {
            known.add(editionId);
        }
        return exists;
    }
}
