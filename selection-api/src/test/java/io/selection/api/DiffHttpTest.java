package io.selection.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /diff} between two points of an edition's log: across a disqualification it names the
 * backfilled work as entered and the disqualified one as left, with their ranks; across an
 * invalidation, the tallies that dropped; a bad point is refused naming its field.
 */
class DiffHttpTest extends ApiTestBase {

    private static final String ID = "diff";
    private static final String E = "/api/editions/" + ID;

    @Test
    void names_what_changed_across_a_disqualification_and_an_invalidation() {
        VotingEditionSetup.open(http(), ID);
        VotingEditionSetup.burstAndCalmVotes(http(), E);
        long beforeDisqualification = logSize();
        VotingEditionSetup.disqualifyA3(http(), E);
        long afterBackfill = logSize();
        VotingEditionSetup.invalidateTheBurst(http(), E);
        long afterInvalidation = logSize();

        Response across = get("auditor", E + "/diff?from=" + beforeDisqualification + "&to=" + afterBackfill);
        assertThat(across.status()).as(across.raw()).isEqualTo(200);
        JsonNode a = across.body().get("shortlist").get("A");
        assertThat(a.get("entered")).as(across.raw()).hasSize(1);
        assertThat(a.get("entered").get(0).get("workId").asText()).isEqualTo("A4");
        assertThat(a.get("entered").get(0).get("rank").asInt()).isEqualTo(3);
        assertThat(a.get("left")).as(across.raw()).hasSize(1);
        assertThat(a.get("left").get(0).get("workId").asText()).isEqualTo("A3");
        assertThat(a.get("left").get(0).get("rank").asInt()).isEqualTo(3);
        assertThat(across.body().get("shortlist").get("B").get("entered")).isEmpty();
        assertThat(across.body().get("winners").isNull()).isTrue();
        assertThat(across.body().get("from").get("logSize").asLong()).isEqualTo(beforeDisqualification);
        assertThat(across.body().get("to").get("logSize").asLong()).isEqualTo(afterBackfill);
        assertThat(across.body().get("events").findValuesAsText("type")).contains("WorkDisqualified");

        Response invalidation = get("auditor", E + "/diff?from=" + afterBackfill + "&to=" + afterInvalidation);
        assertThat(invalidation.status()).as(invalidation.raw()).isEqualTo(200);
        JsonNode tallies = invalidation.body().get("tallies");
        assertThat(tallies).as(invalidation.raw()).hasSize(1);
        assertThat(tallies.get(0).get("workId").asText()).isEqualTo("A2");
        assertThat(tallies.get(0).get("validFrom").asLong()).isEqualTo(60);
        assertThat(tallies.get(0).get("validTo").asLong()).isEqualTo(0);
        assertThat(tallies.get(0).get("invalidatedTo").asLong()).isEqualTo(60);
        assertThat(invalidation.body().get("shortlist").get("A").get("entered")).isEmpty();

        // before the shortlist was published, everything on it at "to" entered; vote decisions are counted
        Response whole = get("auditor", E + "/diff?from=1&to=" + afterInvalidation);
        assertThat(whole.status()).as(whole.raw()).isEqualTo(200);
        assertThat(whole.body().get("shortlist").get("A").get("entered").findValuesAsText("workId"))
                .containsExactly("A1", "A2", "A4");
        assertThat(whole.body().get("events").findValues("votesDecided")).isNotEmpty();
        assertThat(whole.body().get("scores")).isNotEmpty();
    }

    @Test
    void a_bad_from_or_to_is_refused_naming_the_field() {
        VotingEditionSetup.open(http(), "diff-refusals");
        String e = "/api/editions/diff-refusals";
        long size = get("auditor", e + "/tallies").body().get("logSize").asLong();
        for (String[] bad : List.of(new String[] {"0", "2", "from"}, new String[] {"yesterday", "2", "from"},
                new String[] {"1", String.valueOf(size + 1), "to"}, new String[] {"2", "2", "to"},
                new String[] {"3", "2", "to"})) {
            Response refused = get("auditor", e + "/diff?from=" + bad[0] + "&to=" + bad[1]);
            assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("VALIDATION");
            assertThat(refused.body().get("field").asText()).as(refused.raw()).isEqualTo(bad[2]);
        }
    }

    private long logSize() {
        return jdbc.queryForObject("SELECT MAX(seq) FROM edition_log WHERE edition_id = ?", Long.class, ID);
    }
}
