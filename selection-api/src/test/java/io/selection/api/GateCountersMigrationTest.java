package io.selection.api;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration V4 fills the new counters of the gate rows from a store written before it: the last
 * line of each edition's log and the last sequence number of each edition's own stream, and a row
 * for an edition that had none (one created before the gate existed). Run on H2 and, where it
 * answers, on PostgreSQL.
 */
class GateCountersMigrationTest {

    @Test
    void fills_the_counters_from_an_h2_store_written_before_them() {
        DataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:gate-migration-" + System.nanoTime()
                + ";DB_CLOSE_DELAY=-1", "sa", "");
        fillsTheCounters(h2);
    }

    @Test
    void fills_the_counters_from_a_postgresql_store_written_before_them() throws SQLException {
        Assumptions.assumeTrue(TestPostgres.answers(), TestPostgres.SKIPPED);
        String database = TestPostgres.createDatabase("selection_gcmig_");
        try {
            fillsTheCounters(new DriverManagerDataSource(TestPostgres.url(database), TestPostgres.USER, ""));
        } finally {
            TestPostgres.dropDatabase(database);
        }
    }

    private static void fillsTheCounters(DataSource dataSource) {
        flyway(dataSource).target("3").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        // "busy": 3 events of its own stream (0..2), a lane's vote group between them: 4 lines
        event(jdbc, "busy-0", "busy", 0, "Edition");
        event(jdbc, "busy-1", "busy", 1, "Edition");
        event(jdbc, "lane-0", "vote-lane-local-0", 0, "VoteLane");
        event(jdbc, "busy-2", "busy", 2, "Edition");
        event(jdbc, "lane-1", "vote-lane-local-0", 1, "VoteLane"); // a position-only event: no line
        jdbc.update("INSERT INTO vote_gate (edition_id) VALUES ('busy')");
        line(jdbc, "busy", 1, "busy-0");
        line(jdbc, "busy", 2, "busy-1");
        line(jdbc, "busy", 3, "lane-0");
        line(jdbc, "busy", 4, "busy-2");
        // "old": an edition whose events predate the gate and the line numbers
        event(jdbc, "old-0", "old", 0, "Edition");
        event(jdbc, "old-1", "old", 1, "Edition");
        // "empty": a gate row made for an edition whose creation rolled back
        jdbc.update("INSERT INTO vote_gate (edition_id) VALUES ('empty')");

        flyway(dataSource).load().migrate();

        assertThat(GateCounters.of(jdbc, "busy")).containsExactly(4, 2);
        assertThat(GateCounters.of(jdbc, "old")).containsExactly(0, 1);
        assertThat(GateCounters.of(jdbc, "empty")).containsExactly(0, -1);
        assertThat(jdbc.queryForList("SELECT edition_id FROM vote_gate ORDER BY edition_id", String.class))
                .containsExactly("busy", "empty", "old");
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
    }

    private static void event(JdbcTemplate jdbc, String id, String aggregate, long sequence, String type) {
        jdbc.update("INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, "
                        + "time_stamp, payload_type, payload) VALUES (?, ?, ?, ?, '2024-02-27T02:00:00Z', 'x', ?)",
                id, aggregate, sequence, type, "{}".getBytes(StandardCharsets.UTF_8));
    }

    private static void line(JdbcTemplate jdbc, String editionId, long seq, String eventId) {
        jdbc.update("INSERT INTO edition_log (edition_id, seq, event_identifier) VALUES (?, ?, ?)", editionId, seq,
                eventId);
    }
}
