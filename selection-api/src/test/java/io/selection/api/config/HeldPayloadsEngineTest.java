package io.selection.api.config;

import io.selection.events.VotesDecidedEvent;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The tracking read leaves out the stored bytes of the groups held for the read models, and only
 * for the read models' reader: on a real H2 store (the project's migrations), with and without
 * gaps in the global index, with one held group and with more than the statement's smallest list.
 */
class HeldPayloadsEngineTest {

    private final CommittedPayloads payloads = new CommittedPayloads(1_000_000);
    private JdbcTemplate jdbc;
    private HeldPayloadsEngine engine;

    @BeforeEach
    void store() {
        DriverManagerDataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:held-payloads-" + System.nanoTime()
                + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(h2);
        EventSchema schema = new AxonStorageConfig().eventSchema();
        engine = new HeldPayloadsEngine(JdbcEventStorageEngine.builder()
                .connectionProvider(h2::getConnection)
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .snapshotSerializer(JacksonSerializer.defaultSerializer())
                .schema(schema)
                .batchSize(8), payloads);
        for (int i = 1; i <= 12; i++) {
            event(i, "e-" + i);
        }
    }

    @Test
    void the_read_models_reader_is_not_sent_the_bytes_of_held_groups_and_every_other_reader_is() throws Exception {
        hold("e-3", "e-7");
        assertThat(unreadable(readForReadModels(null))).containsExactly("e-3", "e-7");
        assertThat(unreadable(read(null))).isEmpty();
        // the same events, tokens and order either way
        assertThat(identifiersAndTokens(readForReadModels(null))).isEqualTo(identifiersAndTokens(read(null)));
        // once the read models took a group, its bytes are read again like any other
        payloads.take("e-3");
        assertThat(unreadable(readForReadModels(null))).containsExactly("e-7");
    }

    @Test
    void more_held_groups_than_the_smallest_list_are_all_left_out() throws Exception {
        String[] held = {"e-1", "e-2", "e-4", "e-5", "e-6", "e-8", "e-9", "e-10", "e-11"};
        hold(held);
        assertThat(unreadable(readForReadModels(null))).containsExactlyInAnyOrder(held);
        assertThat(payloads.heldForReadModels(100)).containsExactly(held);
        assertThat(payloads.heldForReadModels(3)).as("the oldest first").containsExactly("e-1", "e-2", "e-4");
    }

    @Test
    void no_more_than_the_longest_list_is_named_and_the_rest_are_read_with_their_bytes() throws Exception {
        for (int i = 13; i <= 12 + HeldPayloadsEngine.LONGEST_LIST + 4; i++) {
            event(i, "e-" + i);
        }
        List<String> held = new ArrayList<>();
        for (int i = 1; i <= 12 + HeldPayloadsEngine.LONGEST_LIST + 4; i++) {
            held.add("e-" + i);
        }
        hold(held.toArray(String[]::new));
        assertThat(unreadable(readForReadModels(null))).containsExactlyElementsOf(
                held.subList(0, HeldPayloadsEngine.LONGEST_LIST));
    }

    @Test
    void a_read_with_gaps_in_the_index_leaves_out_the_held_ones_among_the_gaps_too() throws Exception {
        // the index seen so far is 8, with 5 and 6 not yet committed then (gaps): both are read again
        TrackingToken token = GapAwareTrackingToken.newInstance(8, Set.of(5L, 6L));
        hold("e-6", "e-10");
        List<? extends TrackedEventMessage<?>> read = readForReadModels(token);
        assertThat(read.stream().map(TrackedEventMessage::getIdentifier))
                .containsExactly("e-5", "e-6", "e-9", "e-10", "e-11", "e-12");
        assertThat(unreadable(read)).containsExactly("e-6", "e-10");
    }

    @Test
    void a_group_whose_bytes_were_left_out_and_which_left_the_held_ones_is_read_again_from_the_store()
            throws Exception {
        // a vote group's row (the reader reads a group again, nothing else)
        jdbc.update("INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier, "
                        + "sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data) "
                        + "VALUES (13, 'g-13', 'vote-lane-x', 13, 'VoteLane', '2024-02-27T02:00:00Z', ?, '2', ?, ?)",
                VotesDecidedEvent.class.getName(), "{}".getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        hold("g-13");
        TrackedEventMessage<?> leftOut = readForReadModels(null).stream()
                .filter(m -> m.getIdentifier().equals("g-13")).findFirst().orElseThrow();
        assertThatThrownBy(leftOut::getPayload).as("its bytes were left out").isInstanceOf(RuntimeException.class);
        VotesDecidedEvent again = CommittedPayloadsTest.group("again", 2);
        List<String> asked = new ArrayList<>();
        CommitWokenEventSource source = reading(id -> {
                    asked.add(id);
                    return again;
                });
        TrackedEventMessage<?> handed = source.parsed(leftOut);
        assertThat(asked).containsExactly("g-13");
        assertThat(handed.getPayload()).isSameAs(again);
        assertThat(handed.getIdentifier()).isEqualTo("g-13");
        assertThat(handed.trackingToken()).isEqualTo(leftOut.trackingToken());
        // a message whose bytes parse is handed on as it is, and the store is not asked
        TrackedEventMessage<?> whole = read(null).get(0);
        assertThat(source.parsed(whole)).isSameAs(whole);
        assertThat(asked).hasSize(1);
        // a group that cannot be read again is a failed read (the processor opens a new stream),
        // never a message without its votes, which the read models would skip
        CommitWokenEventSource down = reading(id -> {
                    throw new org.springframework.dao.DataAccessResourceFailureException("the database went away");
                });
        assertThatThrownBy(() -> down.parsed(leftOut)).hasMessageContaining("the database went away");
        CommitWokenEventSource gone = reading(id -> null);
        assertThatThrownBy(() -> gone.parsed(leftOut)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("g-13");
        // a group whose stored bytes do not parse either is handed on unparsed, as before: retrying would never end
        CommitWokenEventSource damaged = reading(id -> {
                    throw new org.axonframework.serialization.SerializationException("not a vote group");
                });
        assertThat(damaged.parsed(leftOut)).isSameAs(leftOut);
    }

    /** A reader source with nothing held, whose groups are read again through {@code stored}. */
    private static CommitWokenEventSource reading(CommitWokenEventSource.StoredGroups stored) {
        return new CommitWokenEventSource(null, new CommitWokenEventSource.Commits(), 50, new CommittedPayloads(0),
                stored);
    }

    private void hold(String... ids) {
        for (String id : ids) {
            payloads.hold(List.of(CommittedPayloadsTest.message(id, CommittedPayloadsTest.group(id, 1))));
        }
    }

    /** Every event after {@code token}, as the read models' reader reads them (on a thread marked so). */
    private List<? extends TrackedEventMessage<?>> readForReadModels(TrackingToken token) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            HeldPayloadsEngine.readingForReadModels();
            return read(token);
        }, r -> new Thread(r, "read-models-reader-test").start()).get();
    }

    private List<? extends TrackedEventMessage<?>> read(TrackingToken token) {
        return engine.readEvents(token, false).collect(Collectors.toList());
    }

    /** The identifiers of the events whose payload does not parse (their bytes were left out). */
    private static List<String> unreadable(List<? extends TrackedEventMessage<?>> events) {
        List<String> ids = new ArrayList<>();
        for (TrackedEventMessage<?> event : events) {
            try {
                assertThat(event.getPayload()).isEqualTo("payload of " + event.getIdentifier());
            } catch (RuntimeException leftOut) {
                ids.add(event.getIdentifier());
            }
        }
        return ids;
    }

    private static List<String> identifiersAndTokens(List<? extends TrackedEventMessage<?>> events) {
        return events.stream().map(e -> e.getIdentifier() + "@" + e.trackingToken()).toList();
    }

    /** An event at {@code index}: its payload the JSON string "payload of {id}". */
    private void event(long index, String id) {
        jdbc.update("INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier, "
                        + "sequence_number, type, time_stamp, payload_type, payload, meta_data) "
                        + "VALUES (?, ?, 'vote-lane-x', ?, 'VoteLane', '2024-02-27T02:00:00Z', 'java.lang.String', ?, ?)",
                index, id, index, ("\"payload of " + id + "\"").getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
    }
}
