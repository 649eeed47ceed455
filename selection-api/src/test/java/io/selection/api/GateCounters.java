package io.selection.api;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the counters on the gate rows (decision 20) must say: for every edition, the last line of
 * its log (which, with lines numbered 1..n without gaps, is also the number of its lines) and the
 * last sequence number of its own stream, each worked out here by scanning the log, in one
 * statement so that both sides are read at one point.
 */
final class GateCounters {

    private GateCounters() {
    }

    /** Asserts every gate row's counters against the log, and that every edition of the store has a row. */
    static void assertTheyMatchTheLog(JdbcTemplate jdbc) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT g.edition_id, g.last_seq, g.edition_version, "
                + "(SELECT COALESCE(MAX(l.seq), 0) FROM edition_log l WHERE l.edition_id = g.edition_id) AS max_seq, "
                + "(SELECT COUNT(*) FROM edition_log l WHERE l.edition_id = g.edition_id) AS lines, "
                + "(SELECT COALESCE(MAX(e.sequence_number), -1) FROM domain_event_entry e "
                + "WHERE e.aggregate_identifier = g.edition_id) AS max_sequence "
                + "FROM vote_gate g ORDER BY g.edition_id");
        assertThat(rows).isNotEmpty();
        List<String> wrong = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            long lastSeq = number(row, "last_seq");
            long version = number(row, "edition_version");
            if (lastSeq != number(row, "max_seq") || lastSeq != number(row, "lines")
                    || version != number(row, "max_sequence")) {
                wrong.add(row.toString());
            }
        }
        assertThat(wrong).as("gate rows whose counters differ from the log").isEmpty();
        assertThat(jdbc.queryForList("SELECT DISTINCT e.aggregate_identifier FROM domain_event_entry e "
                + "WHERE e.type = 'Edition' AND NOT EXISTS "
                + "(SELECT 1 FROM vote_gate g WHERE g.edition_id = e.aggregate_identifier)", String.class))
                .as("editions without a gate row").isEmpty();
    }

    /** The counters of one edition's row: {last_seq, edition_version}. */
    static long[] of(JdbcTemplate jdbc, String editionId) {
        return jdbc.queryForObject("SELECT last_seq, edition_version FROM vote_gate WHERE edition_id = ?",
                (rs, i) -> new long[]{rs.getLong(1), rs.getLong(2)}, editionId);
    }

    private static long number(Map<String, Object> row, String column) {
        Object v = row.get(column);
        if (v == null) {
            v = row.get(column.toUpperCase());
        }
        return ((Number) v).longValue();
    }
}
