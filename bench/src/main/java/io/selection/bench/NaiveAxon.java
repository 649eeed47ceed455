package io.selection.bench;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.json.JacksonSerializer;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The naive design the project must beat: one command per vote on an event-sourced {@code Work}
 * aggregate (loaded from its events for every command, no cache, no snapshots), one transaction
 * per vote, Axon's JDBC event store with the Jackson serializer on the same kind of database.
 * The aggregate checks what a work can check alone: window, shortlist and one vote per voter per
 * day; the per-category limit would need another aggregate, which is the design's other flaw.
 */
final class NaiveAxon {

    record CreateWorkCommand(@TargetAggregateIdentifier String workId, boolean shortlisted) {
    }

    record CastVoteCommand(@TargetAggregateIdentifier String workId, String voteId, String voterId,
                           long castAtMillis) {
    }

    record WorkCreatedEvent(String workId, boolean shortlisted) {
    }

    record VoteCastEvent(String workId, String voteId, String voterId, long beijingDay, boolean accepted,
                         String reason) {
    }

    /** The event-sourced work: its shortlist status and who voted for it on the current day. */
    public static class Work {

        @AggregateIdentifier
        private String workId;
        private boolean shortlisted;
        private long day = Long.MIN_VALUE;
        private final Set<String> votersToday = new HashSet<>();

        public Work() {
        }

        @CommandHandler
        public Work(CreateWorkCommand command) {
            apply(new WorkCreatedEvent(command.workId(), command.shortlisted()));
        }

        @CommandHandler
        public boolean handle(CastVoteCommand command) {
            long beijingDay = Math.floorDiv(command.castAtMillis() + 8 * 3_600_000L, 86_400_000L);
            String reason = null;
            if (command.castAtMillis() < VoteData.OPENS_AT.toEpochMilli()
                    || command.castAtMillis() >= VoteData.CLOSES_AT.toEpochMilli()) {
                reason = "OUTSIDE_VOTING_WINDOW";
            } else if (!shortlisted) {
                reason = "NOT_SHORTLISTED";
            } else if (beijingDay == day && votersToday.contains(command.voterId())) {
                reason = "DAILY_WORK_LIMIT";
            }
            apply(new VoteCastEvent(workId, command.voteId(), command.voterId(), beijingDay, reason == null, reason));
            return reason == null;
        }

        @EventSourcingHandler
        public void on(WorkCreatedEvent event) {
            this.workId = event.workId();
            this.shortlisted = event.shortlisted();
        }

        @EventSourcingHandler
        public void on(VoteCastEvent event) {
            if (!event.accepted()) {
                return;
            }
            if (event.beijingDay() != day) {
                day = event.beijingDay();
                votersToday.clear();
            }
            votersToday.add(event.voterId());
        }
    }

    record Result(long votes, long accepted, double seconds, long events, int works) {
    }

    /** Creates every work of the shape, then sends the first {@code sample} votes, {@code threads} at a time. */
    static Result run(Store store, VoteData data, int sample, int threads) throws Exception {
        UnitOfWorkAwareConnectionProviderWrapper connections = new UnitOfWorkAwareConnectionProviderWrapper(
                new DataSourceConnectionProvider(store.dataSource()));
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        createSchema(store);

        Configuration axon = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> serializer)
                .configureMessageSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureEmbeddedEventStore(c -> JdbcEventStorageEngine.builder()
                        .connectionProvider(connections)
                        .transactionManager(NoTransactionManager.INSTANCE)
                        .eventSerializer(serializer).snapshotSerializer(serializer)
                        .build())
                .configureAggregate(Work.class)
                .buildConfiguration();
        axon.start();
        try {
            CommandGateway gateway = axon.commandGateway();
            VoteData.EditionShape shape = data.shape();
            Set<String> shortlisted = new HashSet<>();
            shape.shortlistByCategory().forEach(shortlisted::addAll);
            List<String> works = new ArrayList<>();
            for (int c = 0; c < shape.categories().size(); c++) {
                works.addAll(shape.works(c));
            }
            for (String work : works) {
                gateway.sendAndWait(new CreateWorkCommand(work, shortlisted.contains(work)));
            }

            AtomicLong next = new AtomicLong();
            AtomicLong accepted = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long started = System.nanoTime();
            List<Future<?>> clients = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                clients.add(pool.submit(() -> {
                    for (long i = next.getAndIncrement(); i < sample; i = next.getAndIncrement()) {
                        VoteData.Vote v = data.vote(i);
                        Boolean ok = gateway.sendAndWait(
                                new CastVoteCommand(v.workId(), v.id(), v.voterId(), v.castAtMillis()));
                        if (Boolean.TRUE.equals(ok)) {
                            accepted.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            pool.shutdown();
            long events;
            try (Connection c = store.dataSource().getConnection();
                 var s = c.createStatement();
                 var r = s.executeQuery("SELECT COUNT(*) FROM DomainEventEntry")) {
                r.next();
                events = r.getLong(1);
                c.commit();
            }
            return new Result(sample, accepted.get(), seconds, events, works.size());
        } finally {
            axon.shutdown();
        }
    }

    /**
     * Axon's default table and column names, with payloads as {@code BYTEA} like the service's own
     * migration (H2 2.x refuses the DDL of Axon's HSQL table factory).
     */
    private static void createSchema(Store store) throws java.sql.SQLException {
        String id = store.kind() == Store.Kind.POSTGRES ? "BIGSERIAL" : "BIGINT GENERATED BY DEFAULT AS IDENTITY";
        try (Connection c = store.dataSource().getConnection(); var s = c.createStatement()) {
            s.execute("CREATE TABLE DomainEventEntry (globalIndex " + id + " PRIMARY KEY, "
                    + "aggregateIdentifier VARCHAR(255) NOT NULL, sequenceNumber BIGINT NOT NULL, type VARCHAR(255), "
                    + "eventIdentifier VARCHAR(255) NOT NULL UNIQUE, metaData BYTEA, payload BYTEA NOT NULL, "
                    + "payloadRevision VARCHAR(255), payloadType VARCHAR(255) NOT NULL, "
                    + "timeStamp VARCHAR(255) NOT NULL, UNIQUE (aggregateIdentifier, sequenceNumber))");
            s.execute("CREATE TABLE SnapshotEventEntry (aggregateIdentifier VARCHAR(255) NOT NULL, "
                    + "sequenceNumber BIGINT NOT NULL, type VARCHAR(255) NOT NULL, "
                    + "eventIdentifier VARCHAR(255) NOT NULL UNIQUE, metaData BYTEA, payload BYTEA NOT NULL, "
                    + "payloadRevision VARCHAR(255), payloadType VARCHAR(255) NOT NULL, "
                    + "timeStamp VARCHAR(255) NOT NULL, PRIMARY KEY (aggregateIdentifier, sequenceNumber))");
            c.commit();
        }
    }

    /** How often each work was voted for in the sample: the longest history an aggregate loads. */
    static int longestHistory(VoteData data, int sample) {
        Map<String, Integer> perWork = new HashMap<>();
        for (long i = 0; i < sample; i++) {
            perWork.merge(data.vote(i).workId(), 1, Integer::sum);
        }
        return perWork.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }
}
