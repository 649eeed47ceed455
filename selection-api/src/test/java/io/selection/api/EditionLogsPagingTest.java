package io.selection.api;

import io.selection.api.log.EditionLogs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The edition's log read from the store a page of seqs at a time: every line once, in order, from
 * any first line to any last one across page boundaries; the size is the last seq; a line missing
 * from the store is named rather than skipped.
 */
class EditionLogsPagingTest extends ApiTestBase {

    private static final String ID = "paging";

    @Autowired
    EditionLogs logs;

    @Test
    void a_stored_time_reads_as_axon_reads_it() {
        for (String t : List.of("2024-02-27T02:00:00.123Z", "2024-02-29T23:59:59.999Z", "2026-12-01T22:38:46.000Z",
                "1999-12-31T00:00:00Z", "2024-02-27T10:00:00.123+08:00")) {
            assertThat(new EditionLogs.Stored(1, null, null, null, t).at()).as(t)
                    .isEqualTo(org.axonframework.common.DateTimeUtils.parseInstant(t));
        }
        java.time.Instant now = java.time.Instant.now();
        String stored = org.axonframework.common.DateTimeUtils.formatInstant(now);
        assertThat(new EditionLogs.Stored(1, null, null, null, stored).at())
                .isEqualTo(org.axonframework.common.DateTimeUtils.parseInstant(stored));
    }

    @Test
    void every_line_once_in_order_across_pages_and_a_missing_line_is_named() {
        VotingEditionSetup.open(http(), ID);
        long size = logs.size(ID);
        assertThat(size).isEqualTo(jdbc.queryForObject("SELECT MAX(seq) FROM edition_log WHERE edition_id = ?",
                Long.class, ID)).isGreaterThan(30);
        assertThat(logs.size("no-such-edition")).isZero();

        for (long from : new long[] {1, 2, 7, 8, 9, 16, 17}) {
            for (long to : new long[] {from, from + 6, from + 7, from + 8, from + 17, size}) {
                List<Long> seqs = new ArrayList<>();
                logs.forEach(ID, from, to, line -> seqs.add(line.seq()));
                assertThat(seqs).as(from + ".." + to).containsExactlyElementsOf(
                        LongStream.rangeClosed(from, to).boxed().toList());
            }
        }
        // the folds' read, without the seals, gives the same lines and times
        List<String> sealed = new ArrayList<>();
        logs.forEach(ID, 1, size, line -> sealed.add(line.seq() + " " + line.at() + " " + line.event()));
        List<String> unsealed = new ArrayList<>();
        logs.forEachEvent(ID, 1, size, line -> {
            assertThat(line.sealedHash()).isNull();
            assertThat(line.sealedChain()).isNull();
            unsealed.add(line.seq() + " " + line.at() + " " + line.event());
        });
        assertThat(unsealed).isEqualTo(sealed);

        // each line is the event stored under its identifier, in the log's order
        List<String> types = new ArrayList<>();
        logs.forEach(ID, 1, size, line -> types.add(line.event().getClass().getSimpleName()));
        assertThat(types).containsExactlyElementsOf(jdbc.queryForList("SELECT e.payload_type FROM edition_log l "
                        + "JOIN domain_event_entry e ON e.event_identifier = l.event_identifier "
                        + "WHERE l.edition_id = ? ORDER BY l.seq", String.class, ID).stream()
                .map(t -> t.substring(t.lastIndexOf('.') + 1)).toList());

        assertThatThrownBy(() -> logs.forEach(ID, size - 2, size + 1, line -> {
        })).hasMessageContaining("has no line " + (size + 1));
        String tenth = jdbc.queryForObject("SELECT event_identifier FROM edition_log WHERE edition_id = ? AND seq = 10",
                String.class, ID);
        jdbc.update("DELETE FROM edition_log WHERE edition_id = ? AND seq = 10", ID);
        try {
            assertThatThrownBy(() -> logs.forEach(ID, 3, 20, line -> {
            })).hasMessageContaining("has no line 10");
            assertThatThrownBy(() -> logs.forEach(ID, 9, 10, line -> {
            })).hasMessageContaining("has no line 10");
        } finally {
            jdbc.update("INSERT INTO edition_log (edition_id, seq, event_identifier) VALUES (?, 10, ?)", ID, tenth);
        }
    }

    /** New lines are sealed as they are read, each once; a line another instance sealed first keeps that seal. */
    @Test
    void new_lines_are_sealed_and_a_seal_written_first_elsewhere_stands() {
        String id = "sealing";
        VotingEditionSetup.open(http(), id);
        long size = logs.read(id, k -> k.writer().size());
        assertThat(seals(id)).isEqualTo(size);
        // another instance sealed a line to come before this one read it
        String theirs = "a".repeat(64);
        jdbc.update("INSERT INTO edition_log_seal (edition_id, seq, line_hash, chain) VALUES (?, ?, ?, ?)",
                id, size + 2, theirs, "b".repeat(64));
        for (int i = 0; i < 4; i++) {
            assertThat(post("gateway", "/api/editions/" + id + "/votes", TestHttp.JSON.createObjectNode()
                    .put("id", "seal-" + i).put("voterId", "voter-" + i).put("workId", "A1")
                    .put("castAt", "2024-02-27T02:00:00Z")).status()).isEqualTo(200);
        }
        long grown = logs.read(id, k -> k.writer().size());
        assertThat(grown).as("a line a vote").isGreaterThanOrEqualTo(size + 4);
        assertThat(seals(id)).as("every line sealed once").isEqualTo(grown);
        assertThat(jdbc.queryForObject("SELECT line_hash FROM edition_log_seal WHERE edition_id = ? AND seq = ?",
                String.class, id, size + 2)).isEqualTo(theirs);
        assertThat(jdbc.queryForObject("SELECT line_hash FROM edition_log_seal WHERE edition_id = ? AND seq = ?",
                String.class, id, size + 3)).isEqualTo(logs.read(id, k -> io.selection.audit.format.Hex.of(
                k.writer().hashes().get((int) (size + 2)))));
    }

    private long seals(String id) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM edition_log_seal WHERE edition_id = ?", Long.class, id);
    }
}
