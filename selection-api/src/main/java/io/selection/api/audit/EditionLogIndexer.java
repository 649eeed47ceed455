package io.selection.api.audit;

import io.selection.api.voting.VotingGate;
import io.selection.events.EditionEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.List;
import java.util.function.BiFunction;

/**
 * Gives every event of an edition's log its line number as it is published: inside the event's
 * own transaction, with the edition's gate locked until that transaction ends, the next seq of
 * the edition is written beside the event's identifier. Seqs are therefore handed out in commit
 * order without gaps, whatever the store's global index does (decision 0011).
 */
public class EditionLogIndexer implements MessageDispatchInterceptor<EventMessage<?>> {

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
                index(((EditionEvent) message.getPayload()).editionId(), message.getIdentifier());
            }
            return message;
        };
    }

    private void index(String editionId, String eventId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("an edition's event must be published inside a transaction");
        }
        gate.lock(editionId);
        // the last seq from the end of the key (one row), not MAX over the edition's rows: H2 reads them all
        java.util.List<Long> last = jdbc.queryForList("SELECT seq FROM edition_log WHERE edition_id = ? "
                + "ORDER BY edition_id DESC, seq DESC LIMIT 1", Long.class, editionId);
        jdbc.update("INSERT INTO edition_log (edition_id, seq, event_identifier) VALUES (?, ?, ?)", editionId,
                last.isEmpty() ? 1 : last.get(0) + 1, eventId);
    }
}
