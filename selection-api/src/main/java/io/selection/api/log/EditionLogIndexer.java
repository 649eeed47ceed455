package io.selection.api.log;

import io.selection.api.voting.intake.VotingGate;
import io.selection.events.EditionEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.List;
import java.util.function.BiFunction;

/**
 * Gives every event of an edition's log its line number as it is published: inside the event's
 * own transaction, with the edition's gate locked until that transaction ends, the next seq of
 * the edition (the gate's counter) is written beside the event's identifier. Seqs are therefore
 * handed out in commit order without gaps, whatever the store's global index does (decision 0011).
 * An event of the edition's own stream also moves the gate's edition version (decision 20); every
 * event appended to an Edition aggregate's stream passes here, or the version would go stale.
 */
public class EditionLogIndexer implements MessageDispatchInterceptor<EventMessage<?>> {

    /** The aggregate type Axon stores with the Edition aggregate's events. */
    static final String EDITION_TYPE = io.selection.edition.Edition.class.getSimpleName();

    private final JdbcTemplate jdbc;
    private final VotingGate gate;

    public EditionLogIndexer(JdbcTemplate jdbc, VotingGate gate) {
        this.jdbc = jdbc;
        this.gate = gate;
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (i, message) -> {
            if (EditionEvent.inLog(message.getPayload())) {
                index(((EditionEvent) message.getPayload()).editionId(), message);
            } else if (message instanceof DomainEventMessage<?> domain && EDITION_TYPE.equals(domain.getType())) {
                throw new IllegalStateException("event " + message.getPayloadType().getSimpleName()
                        + " of edition " + domain.getAggregateIdentifier() + " names no edition: it would have no line");
            }
            return message;
        };
    }

    private void index(String editionId, EventMessage<?> message) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("an edition's event must be published inside a transaction");
        }
        VotingGate.Held held = gate.lock(editionId);
        if (message instanceof DomainEventMessage<?> domain) {
            if (editionId.equals(domain.getAggregateIdentifier())) {
                held.appended(domain.getSequenceNumber());
            } else if (EDITION_TYPE.equals(domain.getType())) {
                throw new IllegalStateException("edition " + domain.getAggregateIdentifier()
                        + " would append an event of edition " + editionId);
            }
        }
        jdbc.update("INSERT INTO edition_log (edition_id, seq, event_identifier) VALUES (?, ?, ?)", editionId,
                held.nextSeq(), message.getIdentifier());
    }
}
