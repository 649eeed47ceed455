package io.selection.api.config;

import io.selection.api.log.EditionLogIndexer;
import io.selection.api.log.EventsMovedUpcaster;
import io.selection.api.voting.intake.VotingGate;
import io.selection.edition.Edition;
import io.selection.events.VotesDecidedEvent;
import io.selection.json.EventRevisions;
import io.selection.json.SelectionJsonModule;
import io.selection.projections.ReadModelProjector;
import io.selection.projections.ReadModelQueryHandlers;
import io.selection.projections.ReadModelStore;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.jdbc.core.JdbcTemplate;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.util.List;

/**
 * Axon on the JDBC storage engine over the Flyway-made snake_case tables, the Edition aggregate
 * (cached, so a command does not replay the edition's log), and the read models, rebuilt from
 * the log at every start: their tracking token lives in memory on purpose.
 */
@Configuration
public class AxonStorageConfig {

    /**
     * The stored revision of each event. The events are plain Java in selection-rules, so their
     * revisions are a table in selection-core rather than Axon's {@code @Revision}; Axon's own
     * resolver backs off for this bean.
     */
    @Bean
    public RevisionResolver revisionResolver() {
        return new EventRevisions();
    }

    /** How the rules' vote groups and explanations are written: added to Spring's and Axon's mappers. */
    @Bean
    public SelectionJsonModule selectionJsonModule() {
        return new SelectionJsonModule();
    }

    @Bean
    public EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    public TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("token_timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    public Cache editionCache() {
        return new WeakReferenceCache();
    }

    /**
     * Axon's transactions on Spring's, each rolled back at the end of its unit of work if an Error
     * skipped Axon's rollback (see {@link RollingBackTransactionManager}); the edition cache emptied then.
     */
    @Bean
    public TransactionManager rollingBackTransactionManager(
            org.springframework.transaction.PlatformTransactionManager transactions,
            io.micrometer.core.instrument.MeterRegistry meters, Cache editionCache) {
        return new RollingBackTransactionManager(
                new org.axonframework.spring.messaging.unitofwork.SpringTransactionManager(transactions), meters,
                editionCache::removeAll);
    }

    @Bean
    public ConfigurerModule editionAggregate(Cache editionCache) {
        return configurer -> configurer.configureAggregate(
                AggregateConfigurer.defaultConfiguration(Edition.class).configureCache(c -> editionCache));
    }

    @Bean
    public ConfigurerModule readModelsInMemory() {
        return configurer -> configurer.eventProcessing()
                .registerTokenStore(ReadModelProjector.PROCESSING_GROUP, c -> new InMemoryTokenStore());
    }

    @Bean
    public ReadModelStore readModelStore(io.selection.api.voting.intake.DecisionWaiters waiters,
                                         SelectionProperties properties) {
        SelectionProperties.Suspicion s = properties.suspicion();
        ReadModelStore store = new ReadModelStore(s == null ? io.selection.projections.SuspicionRules.DEFAULT
                : new io.selection.projections.SuspicionRules(s.perIp(), s.perDevice(), s.windowMinutes(),
                s.limitRefusals()));
        store.onVotesDecided(waiters::complete);
        return store;
    }

    // Axon's JDBC auto-configuration steps back once the application declares its own event
    // store, so its other JDBC pieces are declared here too.

    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new JdbcSQLErrorCodesResolver();
    }

    @Bean
    public ConnectionProvider connectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    @Bean
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, TokenSchema schema) {
        return JdbcTokenStore.builder().connectionProvider(connectionProvider).serializer(serializer).schema(schema)
                .build();
    }

    @Bean
    public HeldPayloadsEngine eventStorageEngine(Serializer defaultSerializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager, EventSchema schema,
                                                 org.axonframework.config.Configuration configuration,
                                                 CommittedPayloads payloads,
                                                 io.micrometer.core.instrument.MeterRegistry meters) {
        // the read models' reader is not sent the bytes of groups it takes from memory (HeldPayloadsEngine)
        HeldPayloadsEngine engine = new HeldPayloadsEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(schema)
                // one event is a vote group of up to 20,000 decisions (some MB): read a few at a
                // time, not Axon's default 100, or a catch-up fills the heap
                .batchSize(8), payloads);
        io.micrometer.core.instrument.FunctionCounter.builder("selection.votes.committed.unread", engine,
                        HeldPayloadsEngine::payloadsLeftOut)
                .description("vote groups whose stored bytes the read models' reader was not sent: it took them held")
                .register(meters);
        return engine;
    }

    /**
     * The vote groups committed last, handed to the read models and the kept log as objects rather
     * than parsed again from the store; {@code selection.read-models.committed-votes-held} votes at
     * most (0: none, every group is parsed from the store).
     */
    @Bean
    public CommittedPayloads committedPayloads(
            @org.springframework.beans.factory.annotation.Value("${selection.read-models.committed-votes-held:200000}")
            long votesHeld, io.micrometer.core.instrument.MeterRegistry meters) {
        CommittedPayloads payloads = new CommittedPayloads(votesHeld);
        io.micrometer.core.instrument.Gauge.builder("selection.votes.committed.held", payloads,
                        CommittedPayloads::votesHeld)
                .description("votes of committed groups held for readers that have not taken them yet").register(meters);
        for (int i = 0; i < 2; i++) {
            int which = i;
            io.micrometer.core.instrument.FunctionCounter.builder("selection.votes.committed.lookups", payloads,
                            p -> p.hitsAndMisses()[which]).tag("found", which == 0 ? "yes" : "no")
                    .description("look-ups of committed groups by their readers, found held or parsed from the store")
                    .register(meters);
        }
        return payloads;
    }

    @Bean
    public CommitWokenEventSource.Commits eventCommits() {
        return new CommitWokenEventSource.Commits();
    }

    /**
     * The event store, without Axon's cache of recent events for its tailing readers: a vote group
     * is one event of thousands of decisions, so Axon's default of 10,000 would hold millions of
     * decisions on the heap, and a small cache left a reader that fell behind it on a stream that
     * waited out a second for each new event (decision 0018). Its readers go through
     * {@link #readModelEvents}, which every commit here wakes.
     */
    @Bean
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine, JdbcTemplate jdbc, VotingGate gate,
                                         CommitWokenEventSource.Commits commits, CommittedPayloads payloads) {
        EmbeddedEventStore.Builder builder = EmbeddedEventStore.builder().storageEngine(storageEngine)
                .optimizeEventConsumption(false);
        EmbeddedEventStore store = new EmbeddedEventStore(builder) {
            @Override
            protected void prepareCommit(List<? extends EventMessage<?>> events) {
                super.prepareCommit(events);
                // held before the transaction commits, so a reader never finds a group in the store
                // before it is held; let go again unless the commit went through
                payloads.hold(events);
                if (org.axonframework.messaging.unitofwork.CurrentUnitOfWork.isStarted()) {
                    org.axonframework.messaging.unitofwork.UnitOfWork<?> unitOfWork =
                            org.axonframework.messaging.unitofwork.CurrentUnitOfWork.get();
                    boolean[] committed = {false};
                    unitOfWork.afterCommit(u -> committed[0] = true);
                    unitOfWork.onCleanup(u -> {
                        if (!committed[0]) {
                            payloads.forget(events);
                        }
                    });
                }
            }

            @Override
            protected void afterCommit(List<? extends EventMessage<?>> events) {
                super.afterCommit(events);
                commits.committed(); // wakes the readers
            }
        };
        store.registerDispatchInterceptor(new EditionLogIndexer(jdbc, gate));
        return store;
    }

    /**
     * What the read models' processor reads (its {@code source} in application.yml): the event
     * store, woken by each commit here and polled every 50 ms for events committed by another
     * instance or by a transaction Axon did not run.
     */
    @Bean
    public CommitWokenEventSource readModelEvents(EmbeddedEventStore eventStore,
                                                  CommitWokenEventSource.Commits commits, CommittedPayloads payloads,
                                                  JdbcTemplate jdbc,
                                                  @Qualifier("eventSerializer") Serializer eventSerializer) {
        return new CommitWokenEventSource(eventStore, commits, 50, payloads, id -> jdbc.query(
                "SELECT payload_type, payload_revision, payload FROM domain_event_entry WHERE event_identifier = ?",
                rs -> rs.next() ? (VotesDecidedEvent) eventSerializer.deserialize(
                        new org.axonframework.serialization.SimpleSerializedObject<>(rs.getBytes(3), byte[].class,
                                rs.getString(1), rs.getString(2))) : null,
                id));
    }

    @Bean
    public EventUpcaster eventsMovedToOnePackage() {
        return new EventsMovedUpcaster();
    }

    @Bean
    public ReadModelProjector readModelProjector(ReadModelStore store) {
        return new ReadModelProjector(store);
    }

    @Bean
    public ReadModelQueryHandlers readModelQueryHandlers(ReadModelStore store) {
        return new ReadModelQueryHandlers(store);
    }
}
