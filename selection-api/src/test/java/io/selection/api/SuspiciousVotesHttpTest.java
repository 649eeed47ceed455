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

        // the export's invalidation defines its set (its key the address's pseudonym, as the votes show it,
        // the raw address nowhere), and both verifiers recompute its 60 members from it
        List<String> export = AuditTrail.lines(get("auditor", e + "/events").raw());
        String line = export.stream().filter(l -> l.contains("\"type\":\"VotesInvalidated\"")).findFirst().orElseThrow();
        assertThat(line).contains("\"kind\":\"ip\"").containsPattern("\"key\":\"[0-9a-f]{32}\"")
                .containsPattern("\"setId\":\"ip-burst:[0-9a-f]{32}:").contains("\"from\":").contains("\"to\":");
        assertThat(String.join("\n", export)).doesNotContain("10.1.2.3");
        io.selection.audit.verifier.Report offline = AuditTrail.verify(export);
        assertThat(offline.ok()).as(offline.toText()).isTrue();
        JsonNode audit = get("auditor", e + "/audit").body();
        assertThat(audit.get("ok").asBoolean()).as(audit.toString()).isTrue();
        JsonNode invalidations = null;
        for (JsonNode check : audit.get("checks")) {
            invalidations = "invalidations".equals(check.get("name").asText()) ? check : invalidations;
        }
        assertThat(invalidations.get("items").asLong()).as("its members, and what each work loses").isEqualTo(2);
    }

    @Test
    void a_set_read_before_its_burst_went_on_invalidates_the_votes_it_showed() {
        String e = "/api/editions/sus2";
        VotingEditionSetup.open(http(), "sus2");
        assertThat(postNdjson("gateway", e + "/votes:batch", burst(0, 60)).body().get("accepted").asInt())
                .isEqualTo(60);
        JsonNode seen = get("organiser", e + "/suspicious-vote-sets").body().get(0);
        assertThat(seen.get("votes").asLong()).isEqualTo(60);
        // from the first vote's second to the second after the last one's
        assertThat(seen.get("from").asText()).isEqualTo(VotingEditionSetup.castAt(1).toString());
        assertThat(seen.get("to").asText()).isEqualTo(VotingEditionSetup.castAt(1).plusSeconds(60).toString());

        // the burst goes on before the organiser acts: the set grows, under a new id
        postNdjson("gateway", e + "/votes:batch", burst(60, 40));
        JsonNode grown = get("organiser", e + "/suspicious-vote-sets").body().get(0);
        assertThat(grown.get("votes").asLong()).isEqualTo(100);
        assertThat(grown.get("id").asText()).isNotEqualTo(seen.get("id").asText());

        Response first = post("organiser", e + "/vote-invalidations",
                JSON.createObjectNode().put("setId", seen.get("id").asText()).put("reason", "brushed votes"));
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        assertThat(first.body().get("votes").asInt()).isEqualTo(60);
        // the rest is still flagged, and its invalidation takes only what the first one left
        JsonNode after = get("organiser", e + "/suspicious-vote-sets").body().get(0);
        assertThat(after.get("invalidated").asBoolean()).isFalse();
        Response rest = post("organiser", e + "/vote-invalidations",
                JSON.createObjectNode().put("setId", after.get("id").asText()).put("reason", "brushed votes"));
        assertThat(rest.status()).as(rest.raw()).isEqualTo(200);
        assertThat(rest.body().get("acceptedVotesPerWork").get("A1").asLong()).isEqualTo(40);
        JsonNode a1 = get("auditor", e + "/tallies").body().get("categories").get("A").get(0);
        assertThat(a1.get("invalidatedVotes").asLong()).isEqualTo(100);
        assertThat(post("organiser", e + "/vote-invalidations", JSON.createObjectNode()
                .put("setId", "ip-burst:10.1.2.3:" + VotingEditionSetup.castAt(1).plusSeconds(1) + "/"
                        + VotingEditionSetup.castAt(1).plusSeconds(60)).put("reason", "made up")).status())
                .isEqualTo(404);
    }

    /** {@code count} votes for A1 from one address, one a second from second {@code from} of day 1. */
    private static String burst(int from, int count) {
        StringBuilder batch = new StringBuilder();
        for (int i = from; i < from + count; i++) {
            ObjectNode vote = JSON.createObjectNode().put("id", "b" + i).put("voterId", "nat" + i).put("workId", "A1")
                    .put("castAt", VotingEditionSetup.castAt(1).plusSeconds(i).toString());
            vote.putObject("source").put("ip", "10.1.2.3");
            batch.append(vote).append('\n');
        }
        return batch.toString();
    }
}
