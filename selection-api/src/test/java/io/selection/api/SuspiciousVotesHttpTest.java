package io.selection.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A burst from one address is flagged, never refused; invalidating it is a new event and nothing is deleted. */
class SuspiciousVotesHttpTest extends ApiTestBase {

    @Test
    void a_burst_from_one_address_is_flagged_and_its_invalidation_stops_it_counting() {
        String e = "/api/editions/sus";
        VotingEditionSetup.open(http(), "sus");
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < 60; i++) { // 60 distinct voters behind one address within ten minutes: over 50
            ObjectNode vote = JSON.createObjectNode().put("id", "burst" + i).put("voterId", "nat-user" + i).put("workId", "A1")
                    .put("castAt", VotingEditionSetup.castAt(1).plusSeconds(i).toString());
            vote.putObject("source").put("ip", "10.1.2.3").put("device", "dev" + i);
            batch.append(vote).append('\n');
        }
        for (int i = 0; i < 5; i++) {
            batch.append(VotingEditionSetup.vote("calm" + i, "calm" + i, "A1", VotingEditionSetup.castAt(1)))
                    .append('\n');
        }
        assertThat(postNdjson("gateway", e + "/votes:batch", batch.toString()).body().get("accepted").asInt())
                .isEqualTo(65);
        assertThat(VotingEditionSetup.validVotes(http(), "sus").get(0)).isEqualTo(65);

        JsonNode sets = get("auditor", e + "/suspicious-vote-sets").body();
        assertThat(sets.isArray()).isTrue();
        assertThat(sets).hasSize(1);
        JsonNode set = sets.get(0);
        assertThat(set.get("rule").asText()).isEqualTo("ip-burst");
        assertThat(set.get("key").asText()).isEqualTo("10.1.2.3");
        assertThat(set.get("votes").asLong()).isEqualTo(60);
        assertThat(set.get("sample")).hasSize(5);

        long before = eventCount();
        Response refused = post("gateway", e + "/vote-invalidations",
                JSON.createObjectNode().put("setId", set.get("id").asText()).put("reason", "one address"));
        assertThat(refused.status()).isEqualTo(403);
        Response invalidated = post("organiser", e + "/vote-invalidations",
                JSON.createObjectNode().put("setId", set.get("id").asText()).put("reason", "brushed votes"));
        assertThat(invalidated.status()).as(invalidated.raw()).isEqualTo(200);
        assertThat(invalidated.body().get("votes").asInt()).isEqualTo(60);
        assertThat(eventCount()).isEqualTo(before + 1);

        JsonNode tallies = get("auditor", e + "/tallies").body();
        JsonNode a1 = tallies.get("categories").get("A").get(0);
        assertThat(a1.get("workId").asText()).isEqualTo("A1");
        assertThat(a1.get("validVotes").asLong()).isEqualTo(5);
        assertThat(a1.get("invalidatedVotes").asLong()).isEqualTo(60);
        // nothing is deleted: the decision on each vote still reads as it was made
        assertThat(get("gateway", e + "/votes/burst7").body().get("decision").asText()).isEqualTo("ACCEPTED");
        List<String> history = new java.util.ArrayList<>();
        get("auditor", e + "/works/A1/history").body().get("events").forEach(h -> history.add(h.get("type").asText()));
        assertThat(history).contains("VotesInvalidated");
        assertThat(post("organiser", e + "/vote-invalidations", JSON.createObjectNode()
                .put("setId", set.get("id").asText()).put("reason", "again")).code()).isEqualTo("ALREADY_EXISTS");

        // closing the vote certifies the tallies without the invalidated votes
        VotingEditionSetup.transition(http(), e, "FINAL_REVIEW");
        JsonNode certified = get("auditor", e + "/works/A1/history").body().get("events");
        JsonNode last = certified.get(certified.size() - 1);
        assertThat(last.get("type").asText()).isEqualTo("TalliesCertified");
        assertThat(last.get("data").get("validVotes").asLong()).isEqualTo(5);
    }
}
