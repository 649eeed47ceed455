package io.selection.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.selection.audit.verifier.Report;
import io.selection.voting.Hash64;
import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One vote id is one vote, whatever voter a resend names and whatever lane that voter lands in: the
 * id resent under another voter is a repeat (its first decision, counted nowhere, in no voter's
 * daily limits), so the server's decisions are the recount's and the honest log verifies. Before
 * the lanes shared their ids, the second voter's lane logged the id again and counted it in that
 * voter's day, refused the voter's next vote for the same work, and the audit failed at that line.
 */
class ResentVoteIdAcrossLanesTest extends ApiTestBase {

    private static final int LANES = 4; // selection.votes.lanes of application.yml

    @Test
    void a_vote_id_resent_under_a_voter_of_another_lane_counts_nowhere_and_the_log_verifies() {
        String id = "dupids";
        String e = "/api/editions/" + id;
        VotingEditionSetup.open(http(), id);
        String a = "dup-voter-a";
        String c = IntStream.range(0, 100).mapToObj(i -> "dup-voter-c" + i)
                .filter(v -> lane(v) != lane(a)).findFirst().orElseThrow();
        String castAt = VotingEditionSetup.castAt(1).toString();

        JsonNode first = post("gateway", e + "/votes", vote("dup-1", a, "A1", castAt)).body();
        assertThat(first.get("decision").asText()).isEqualTo("ACCEPTED");
        assertThat(first.get("repeated").asBoolean()).isFalse();

        JsonNode resent = post("gateway", e + "/votes", vote("dup-1", c, "A1", castAt)).body();
        assertThat(resent.get("decision").asText()).as(resent.toString()).isEqualTo("ACCEPTED");
        assertThat(resent.get("repeated").asBoolean()).as("the id was decided, for voter " + a).isTrue();

        // c has cast no vote for A1 today: one vote per work per day lets this one through
        JsonNode next = post("gateway", e + "/votes", vote("dup-2", c, "A1", castAt)).body();
        assertThat(next.get("decision").asText()).as(next.toString()).isEqualTo("ACCEPTED");

        assertThat(VotingEditionSetup.validVotes(http(), id).get(0)).as("A1 counts dup-1 once and dup-2").isEqualTo(2);
        JsonNode audit = get("auditor", e + "/audit").body();
        assertThat(audit.get("ok").asBoolean()).as(audit.toString()).isTrue();
        Report offline = AuditTrail.verify(AuditTrail.lines(get("auditor", e + "/events").raw()));
        assertThat(offline.ok()).as(offline.toString()).isTrue();
    }

    private static long lane(String voter) {
        return Math.floorMod(Hash64.of(voter), (long) LANES);
    }
}
