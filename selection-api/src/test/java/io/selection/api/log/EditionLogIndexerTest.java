package io.selection.api.log;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An event appended to an Edition aggregate's stream must get a line, or the edition's version on
 * the gate row (decision 20) would no longer be its stream's: one that names no edition is
 * refused before anything is written. Events of other streams that name none pass untouched.
 */
class EditionLogIndexerTest {

    private final EditionLogIndexer indexer = new EditionLogIndexer(null, null);

    @Test
    void refuses_an_event_of_an_edition_stream_that_names_no_edition() {
        EventMessage<?> stray = new GenericDomainEventMessage<>("Edition", "e1", 7, "not an edition event");
        assertThatThrownBy(() -> indexer.handle(List.of(stray)).apply(0, stray))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("edition e1");
    }

    @Test
    void lets_an_event_of_another_stream_that_names_no_edition_pass() {
        EventMessage<?> lane = new GenericDomainEventMessage<>("VoteLane", "vote-lane-local-0", 3, "a position");
        assertThat(indexer.handle(List.of(lane)).apply(0, lane)).isSameAs(lane);
    }

    @Test
    void the_edition_aggregate_type_is_the_one_migration_v4_looks_for() {
        assertThat(EditionLogIndexer.EDITION_TYPE).isEqualTo("Edition");
    }
}
