package io.selection.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.selection.audit.Report;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server and the verifier apply one rulebook: seeded random vote streams over both HTTP doors
 * (single and batch) and every lane: fresh votes, the same vote resent, an id resent under another
 * voter (who may be in another lane), votes that hit the daily limits, votes before, inside and
 * after the window, for works on and off the shortlist. Each stream's export verifies OK, and the
 * server's audit agrees; every answer under an id is the first decision under it, and the log
 * holds each id once. A seed that fails names itself in the test's name.
 */
class ServerAgainstVerifierPropertyTest extends ApiTestBase {

    private static final String[] WORKS = {"A1", "A2", "A3", "A4", "B1", "B2", "B3", "B4"};

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void a_random_stream_over_both_doors_verifies_and_every_id_answers_its_first_decision(long seed) throws Exception {
        String id = "prop" + seed;
        String e = "/api/editions/" + id;
        VotingEditionSetup.open(http(), id);
        Random rng = new Random(seed);
        List<ObjectNode> sent = new ArrayList<>();
        java.util.Set<String> known = new java.util.HashSet<>();
        Map<String, String> firstAnswer = new HashMap<>();
        int votes = 0;
        while (votes < 400) {
            int n = rng.nextInt(4) == 0 ? 1 + rng.nextInt(40) : 1; // a batch now and then, else single votes
            List<ObjectNode> chunk = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                chunk.add(next(rng, sent, votes++));
            }
            sent.addAll(chunk);
            if (n == 1 && rng.nextBoolean()) {
                Response single = post("gateway", e + "/votes", chunk.get(0));
                assertThat(single.status()).as(single.raw()).isEqualTo(200);
                record(firstAnswer, known, chunk.get(0).get("id").asText(), single.body());
            } else {
                StringBuilder ndjson = new StringBuilder();
                chunk.forEach(v -> ndjson.append(v).append('\n'));
                Response batch = postNdjson("gateway", e + "/votes:batch", ndjson.toString());
                assertThat(batch.status()).as(batch.raw()).isEqualTo(200);
                JsonNode counts = batch.body();
                long repeats = chunk.stream().map(v -> v.get("id").asText()).filter(v -> !known.add(v)).count();
                assertThat(counts.get("repeated").asLong()).as("seed " + seed + ": " + counts).isEqualTo(repeats);
                assertThat(counts.get("accepted").asLong() + counts.get("refused").asLong())
                        .isEqualTo(chunk.size() - repeats);
            }
        }

        JsonNode audit = get("auditor", e + "/audit").body();
        assertThat(audit.get("ok").asBoolean()).as("seed " + seed + ": " + audit).isTrue();
        Report offline = AuditTrail.verify(AuditTrail.lines(get("auditor", e + "/events").raw()));
        assertThat(offline.ok()).as("seed " + seed + ": " + offline.toText()).isTrue();
        Map<String, List<String>> logged = AuditTrail.decisionsByVoteId(http(), e);
        assertThat(logged.keySet()).as("every id sent is in the log").isEqualTo(known);
        logged.forEach((voteId, decisions) -> {
            assertThat(decisions).as("vote " + voteId + " logged once").hasSize(1);
            if (firstAnswer.containsKey(voteId)) {
                assertThat(firstAnswer.get(voteId)).as("vote " + voteId).startsWith(decisions.get(0));
            }
        });
    }

    /** The next vote: fresh mostly, else the same vote again or its id under another voter. */
    private static ObjectNode next(Random rng, List<ObjectNode> sent, int number) {
        int kind = rng.nextInt(10);
        if (kind == 0 && !sent.isEmpty()) {
            return sent.get(rng.nextInt(sent.size())).deepCopy(); // resent as it was
        }
        String voteId = "v" + number;
        if (kind == 1 && !sent.isEmpty()) {
            voteId = sent.get(rng.nextInt(sent.size())).get("id").asText(); // the id under whatever voter comes
        }
        Instant castAt = VotingEditionSetup.castAt(rng.nextInt(9) - 1).plusSeconds(rng.nextInt(3_600));
        return vote(voteId, "voter" + rng.nextInt(12), WORKS[rng.nextInt(WORKS.length)], castAt.toString());
    }

    /** The first answer under an id is its decision; any later answer repeats it, marked as a repeat. */
    private static void record(Map<String, String> firstAnswer, java.util.Set<String> known, String voteId,
                               JsonNode answer) {
        String decision = answer.get("decision").asText() + " " + answer.path("reason").asText("");
        boolean seen = !known.add(voteId);
        assertThat(answer.get("repeated").asBoolean()).as("vote " + voteId + (seen ? " sent again: " : " sent first: ")
                + answer).isEqualTo(seen);
        String first = firstAnswer.putIfAbsent(voteId, decision);
        if (first != null) {
            assertThat(decision).as("vote " + voteId + " answered again").isEqualTo(first);
        }
    }
}
