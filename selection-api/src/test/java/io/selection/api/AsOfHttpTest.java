package io.selection.api;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An answer "as of" a line of the edition's log is the answer the server gave right after that
 * line, byte for byte: captured while an edition goes through every stage (with a disqualification
 * and its backfill, and an invalidation), then asked again with {@code ?asOf} at the end.
 */
class AsOfHttpTest extends ApiTestBase {

    private static final String ID = "asof";
    private static final String E = "/api/editions/" + ID;

    /** One answer as it was given, and the log size it was given at. */
    private record Captured(String path, long seq, String raw) {
    }

    private final List<Captured> captured = new ArrayList<>();

    @Test
    void answers_as_of_a_seq_equal_the_answers_given_at_that_point_byte_for_byte() {
        VotingEditionSetup.open(http(), ID);
        long published = capture("/shortlist", "/tallies", "/final-ranking", "/works/A3", "/works/A4",
                "/works/A1/history", "", "/preliminary-ranking?category=A", "/works?category=A",
                "/works?status=SHORTLISTED&limit=2&offset=1");

        VotingEditionSetup.burstAndCalmVotes(http(), E);
        capture("/shortlist", "/tallies", "/works/A2", "/works/A1/history");

        VotingEditionSetup.disqualifyA3(http(), E); // A4, next in rank, is backfilled
        long afterBackfill = capture("/shortlist", "/tallies", "/works/A3", "/works/A4", "/works/A4/history", "",
                "/works?category=A", "/works?status=SHORTLISTED&limit=2&offset=1");

        VotingEditionSetup.invalidateTheBurst(http(), E);
        capture("/tallies", "/works/A2", "/works/A2/history");

        VotingEditionSetup.transition(http(), E, "FINAL_REVIEW");
        VotingEditionSetup.juryScores(http(), ID); // A4 95, the others 70
        capture("/tallies", "/final-ranking", "");
        VotingEditionSetup.transition(http(), E, "RESULTS_PUBLISHED");
        long end = capture("/winners", "/final-ranking", "/shortlist", "/tallies", "/works/A4", "");

        // the shortlist did change at the backfill, so equal answers below are not trivially equal
        assertThat(raw("/shortlist", published)).isNotEqualTo(raw("/shortlist", afterBackfill));
        for (Captured c : captured) {
            Response asOf = get("auditor", E + c.path() + (c.path().contains("?") ? "&" : "?") + "asOf=" + c.seq());
            assertThat(asOf.status()).as(c.path() + " as of " + c.seq() + ": " + asOf.raw()).isEqualTo(200);
            assertThat(asOf.raw()).as(c.path() + " as of " + c.seq()).isEqualTo(c.raw());
            assertThat(asOf.headers().firstValue("Log-Size")).contains(String.valueOf(c.seq()));
            assertThat(asOf.headers().firstValue("Log-Digest")).isPresent();
        }
        assertThat(captured).hasSizeGreaterThan(25);

        // an instant after the last line is the log as it stands
        Response now = get("auditor", E + "/winners?asOf=2999-01-01T00:00:00Z");
        assertThat(now.raw()).isEqualTo(raw("/winners", end));
        assertThat(now.headers().firstValue("Log-Size")).contains(String.valueOf(end));
    }

    @Test
    void stage_rules_apply_as_of_the_point_and_points_outside_the_log_are_refused() {
        VotingEditionSetup.open(http(), "asof-refusals");
        String e = "/api/editions/asof-refusals";
        long size = get("auditor", e + "/tallies").body().get("logSize").asLong();

        Response beforePublication = get("auditor", e + "/shortlist?asOf=2");
        assertThat(beforePublication.status()).isEqualTo(409);
        assertThat(beforePublication.code()).isEqualTo("STAGE_MISMATCH");
        assertThat(get("auditor", e + "/shortlist?asOf=" + size).status()).isEqualTo(200);
        assertThat(get("auditor", e + "/winners?asOf=" + size).code()).isEqualTo("STAGE_MISMATCH");

        for (String bad : List.of("0", "-1", String.valueOf(size + 1), "yesterday", "2000-01-01T00:00:00Z")) {
            Response refused = get("auditor", e + "/tallies?asOf=" + bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.code()).as(bad).isEqualTo("VALIDATION");
            assertThat(refused.body().get("field").asText()).as(bad).isEqualTo("asOf");
        }
        assertThat(get("auditor", "/api/editions/no-such-edition/tallies?asOf=1").status()).isEqualTo(404);
        assertThat(get("auditor", e + "/works/nope?asOf=1").status()).isEqualTo(404);
    }

    @Test
    void as_of_the_stage_change_itself_a_list_is_not_yet_published_and_that_is_a_409_not_an_empty_200() {
        VotingEditionSetup.open(http(), "asof-between");
        String e = "/api/editions/asof-between";
        List<String> lines = AuditTrail.lines(get("auditor", e + "/events").raw());
        long change = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"type\":\"ShortlistPublished\"")) {
                change = i; // the line before it (seq i, counted from 1) is the stage change
            }
        }
        assertThat(change).isPositive();
        assertThat(lines.get((int) change - 1)).contains("StageChanged").contains("SHORTLIST_PUBLISHED");

        Response between = get("auditor", e + "/shortlist?asOf=" + change);
        assertThat(between.status()).as(between.raw()).isEqualTo(409);
        assertThat(between.code()).isEqualTo("STAGE_MISMATCH");
        assertThat(between.body().get("detail").asText()).contains("not yet published");
        assertThat(get("auditor", e + "/shortlist?asOf=" + (change + 1)).status()).isEqualTo(200);
    }

    @Test
    void an_instant_names_the_lines_whose_time_in_the_export_is_at_or_before_it() {
        VotingEditionSetup.open(http(), "asof-instants");
        String e = "/api/editions/asof-instants";
        VotingEditionSetup.burstAndCalmVotes(http(), e);
        List<String> lines = AuditTrail.lines(get("auditor", e + "/events").raw());
        List<java.time.Instant> times = new ArrayList<>();
        for (String line : lines) {
            java.util.Map<String, Object> json = AuditTrail.parse(line);
            if (!json.containsKey("head")) {
                times.add(java.time.Instant.parse((String) json.get("at")));
            }
        }
        java.util.Set<java.time.Instant> asked = new java.util.TreeSet<>(times);
        assertThat(asked).hasSizeGreaterThan(5);
        for (java.time.Instant t : asked) {
            // computed here from the export alone: the longest run of lines from line 1 timed at or before t
            long expected = 0;
            while (expected < times.size() && !times.get((int) expected).isAfter(t)) {
                expected++;
            }
            Response asOf = get("auditor", e + "/tallies?asOf=" + t);
            assertThat(asOf.status()).as(t + ": " + asOf.raw()).isEqualTo(200);
            assertThat(asOf.headers().firstValue("Log-Size")).as(t.toString()).contains(String.valueOf(expected));
        }
        java.time.Instant beforeTheFirst = times.get(0).minusNanos(1000);
        Response refused = get("auditor", e + "/tallies?asOf=" + beforeTheFirst);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("field").asText()).isEqualTo("asOf");
    }

    /** Asks each path now and keeps the answer with the log size it was given at; returns that size. */
    private long capture(String... paths) {
        long seq = logSize();
        for (String path : paths) {
            Response r = get("auditor", E + path);
            assertThat(r.status()).as(path + ": " + r.raw()).isEqualTo(200);
            captured.add(new Captured(path, seq, r.raw()));
        }
        assertThat(logSize()).as("the log moved").isEqualTo(seq);
        return seq;
    }

    /** The edition's log size as the export numbers it (certified tallies name the size they were certified at). */
    private long logSize() {
        return jdbc.queryForObject("SELECT MAX(seq) FROM edition_log WHERE edition_id = ?", Long.class, ID);
    }

    private String raw(String path, long seq) {
        return captured.stream().filter(c -> c.path().equals(path) && c.seq() == seq).findFirst().orElseThrow().raw();
    }
}
