package io.selection.api.web;

import io.selection.api.config.SelectionProperties;
import io.selection.common.Phrase;
import io.selection.common.Refusal;
import io.selection.projections.ReadModelStore;
import io.selection.projections.Views.EditionView;
import io.selection.query.ReadModelQueries.FindEditionQuery;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Asks the read models, after waiting until they reflect the log as it stood when the question
 * came in. A client therefore always reads its own writes, though the read models are built
 * asynchronously from the log.
 */
@Component
public class ReadModels {

    private final QueryGateway queryGateway;
    private final EventStore eventStore;
    private final ReadModelStore store;
    private final long awaitMillis;

    public ReadModels(QueryGateway queryGateway, EventStore eventStore, ReadModelStore store,
                      SelectionProperties properties, io.micrometer.core.instrument.MeterRegistry meters) {
        this.queryGateway = queryGateway;
        this.eventStore = eventStore;
        this.store = store;
        this.awaitMillis = properties.readModels().awaitMillis();
        io.micrometer.core.instrument.Gauge.builder("selection.readmodels.lag", this, ReadModels::lag)
                .description("events of the log the read models have yet to fold in").register(meters);
    }

    /** The answer, or null where the read model has none. */
    public <T> T ask(Object query, Class<T> type) {
        awaitHead();
        return queryGateway.query(query, ResponseTypes.instanceOf(type)).join();
    }

    /** A list answer, after waiting like {@link #ask}. */
    public <T> List<T> askAll(Object query, Class<T> type) {
        awaitHead();
        return queryGateway.query(query, ResponseTypes.multipleInstancesOf(type)).join();
    }

    /** The answer as the read models stand, without waiting for the head of the log. */
    public <T> T askNow(Object query, Class<T> type) {
        return queryGateway.query(query, ResponseTypes.instanceOf(type)).join();
    }

    /** The answer, or 404 NOT_FOUND saying {@code notFound} of {@code id} when there is none. */
    public <T> T require(Object query, Class<T> type, Phrase notFound, String id) {
        T answer = ask(query, type);
        if (answer == null) {
            throw ApiProblem.notFound(notFound, id);
        }
        return answer;
    }

    public EditionView edition(String editionId) {
        return require(new FindEditionQuery(editionId), EditionView.class, Refusal.EDITION_NOT_FOUND, editionId);
    }

    public long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    /**
     * Waits until the read models reflect the whole log as it stands now. A wait that times out
     * fails loudly (503 UNAVAILABLE): a stale answer is never handed back as a current one.
     */
    public void awaitHead() {
        long head = head();
        boolean reached;
        try {
            reached = store.awaitPosition(head, awaitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reached = false;
        }
        if (!reached) {
            throw new ReadModelsBehind(head, store.position(), awaitMillis);
        }
    }

    /** The read models did not reach the head of the log in time. */
    public static final class ReadModelsBehind extends Unavailable {
        public ReadModelsBehind(long head, long position, long millis) {
            this(ApiPhrase.READ_MODELS_BEHIND, position, head, millis);
        }

        /** Said as {@code phrase}, in the reader's language. */
        public ReadModelsBehind(io.selection.common.Phrase phrase, Object... values) {
            super(2, phrase, values);
        }

        /** Said in English only. */
        public ReadModelsBehind(String message) {
            super(message, 2);
        }
    }

    /** How many events the read models are behind the head of the log. */
    public long lag() {
        return Math.max(0, head() - store.position());
    }
}
