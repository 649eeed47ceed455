package io.selection.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.selection.audit.Exports;
import io.selection.audit.verifier.Report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One seeded random vote stream against a running service, and what must hold of it: the server and
 * the verifier apply one rulebook. The votes go through the single door, the NDJSON batch door and,
 * where the service has one, straight onto the Kafka topic: fresh votes, the same vote resent, an id
 * resent under another voter (who may be in another lane), votes that hit the daily limits, votes
 * before, inside and after the window, for works on and off the shortlist, and bursts from one
 * address and two devices that the server flags; an organiser invalidates flagged sets midway and at
 * the end (overlapping: the address's set and each device's share votes). The export verifies OK and
 * the server's audit agrees; every HTTP answer under an id is the first decision under it, and the log
 * holds each id once. Then one seeded mutation of the export (a vote's decision turned over, or an
 * invalidation given one vote more or less), resealed as a forger would, fails at the mutated line.
 */
final class PropertyStream {

    private static final String[] WORKS = {"A1", "A2", "A3", "A4", "B1", "B2", "B3", "B4"};

    private final TestHttp http;
    /** Puts votes straight on the Kafka topic (the Kafka door), or null where there is none. */
    private final java.util.function.Consumer<List<ObjectNode>> topic;

    PropertyStream(TestHttp http, java.util.function.Consumer<List<ObjectNode>> topic) {
        this.http = http;
        this.topic = topic;
    }

    private Response get(String user, String path) {
        return http.get(user, path);
    }

    private Response post(String user, String path, Object body) {
        return http.post(user, path, body);
    }

    private Response postNdjson(String user, String path, String lines) {
        return http.postNdjson(user, path, lines);
    }

    private static ObjectNode vote(String id, String voter, String work, String castAt) {
        return TestHttp.JSON.createObjectNode().put("id", id).put("voterId", voter).put("workId", work)
                .put("castAt", castAt);
    }

    /** Chunks put straight on the topic in the last run. */
    private int viaTopic;

    /** One seeded stream on a new edition {@code id}, checked from end to end. */
    void run(String id, long seed) throws Exception {
        String e = "/api/editions/" + id;
        VotingEditionSetup.open(http, id);
        Random rng = new Random(seed);
        List<ObjectNode> sent = new ArrayList<>();
        java.util.Set<String> known = new java.util.HashSet<>();
        Map<String, String> firstAnswer = new HashMap<>();
        int votes = 0;
        boolean invalidatedMidway = false;
        while (votes < 400) {
            if (!invalidatedMidway && votes >= 250) {
                invalidatedMidway = invalidateFlagged(e, 1) > 0;
            }
            int n = rng.nextInt(4) == 0 ? 1 + rng.nextInt(40) : 1; // a batch now and then, else single votes
            List<ObjectNode> chunk = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                chunk.add(next(rng, sent, votes++));
            }
            sent.addAll(chunk);
            if (topic != null && rng.nextInt(3) == 0) {
                // the Kafka door: no answer to the sender; the stream goes on once the log holds them
                topic.accept(chunk);
                viaTopic++;
                chunk.forEach(v -> known.add(v.get("id").asText()));
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                        .until(() -> AuditTrail.decisionsByVoteId(http, e).keySet().containsAll(known));
            } else if (n == 1 && rng.nextBoolean()) {
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

        assertThat(topic == null || viaTopic > 0).as("seed " + seed + ": some votes came through the Kafka door")
                .isTrue();
        assertThat(invalidatedMidway).as("seed " + seed + ": a set was flagged and invalidated midway; sets now: "
                + get("organiser", e + "/suspicious-vote-sets").raw() + "; tallies: " + get("auditor", e + "/tallies").raw())
                .isTrue();
        assertThat(invalidateFlagged(e, Integer.MAX_VALUE)).as("seed " + seed + ": overlapping sets left").isPositive();

        JsonNode audit = get("auditor", e + "/audit").body();
        assertThat(audit.get("ok").asBoolean()).as("seed " + seed + ": " + audit).isTrue();
        List<String> export = AuditTrail.lines(get("auditor", e + "/events").raw());
        Report offline = AuditTrail.verify(export);
        assertThat(offline.ok()).as("seed " + seed + ": " + offline.toText()).isTrue();
        assertThat(offline.toText()).contains("invalidations");
        mutatedExportFailsAtItsLine(seed, export);
        Map<String, List<String>> logged = AuditTrail.decisionsByVoteId(http, e);
        assertThat(logged.keySet()).as("every id sent is in the log").isEqualTo(known);
        logged.forEach((voteId, decisions) -> {
            assertThat(decisions).as("vote " + voteId + " logged once").hasSize(1);
            if (firstAnswer.containsKey(voteId)) {
                assertThat(firstAnswer.get(voteId)).as("vote " + voteId).startsWith(decisions.get(0));
            }
        });
    }

    /** Invalidates up to {@code most} flagged sets not invalidated yet; returns how many it invalidated. */
    private int invalidateFlagged(String e, int most) {
        int done = 0;
        for (JsonNode set : get("organiser", e + "/suspicious-vote-sets").body()) {
            if (done < most && !set.get("invalidated").asBoolean()) {
                Response r = post("organiser", e + "/vote-invalidations", TestHttp.JSON.createObjectNode()
                        .put("setId", set.get("id").asText()).put("reason", "a burst"));
                assertThat(r.status()).as(r.raw()).isEqualTo(200);
                done++;
            }
        }
        return done;
    }

    /** One seeded change to the export, resealed (hashes, chain, head, published digests): verify fails at it. */
    @SuppressWarnings("unchecked")
    private static void mutatedExportFailsAtItsLine(long seed, List<String> export) {
        Random rng = new Random(seed * 31 + 7);
        List<Map<String, Object>> lines = new ArrayList<>();
        export.forEach(l -> lines.add(AuditTrail.parse(l)));
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Object type = lines.get(i).get("type");
            if ("VotesDecided".equals(type) || "VotesInvalidated".equals(type)) {
                candidates.add(i);
            }
        }
        int i = candidates.get(rng.nextInt(candidates.size()));
        Map<String, Object> data = (Map<String, Object>) lines.get(i).get("data");
        String what;
        if ("VotesInvalidated".equals(lines.get(i).get("type"))) {
            List<Object> ids = new ArrayList<>((List<Object>) data.get("voteIds"));
            if (ids.size() > 1 && rng.nextBoolean()) {
                what = "an invalidation without its member " + ids.remove(rng.nextInt(ids.size()));
            } else {
                ids.add("v0");
                what = "an invalidation with one vote more";
            }
            data.put("voteIds", ids);
        } else {
            what = "vote " + Exports.turnOver(lines.get(i), rng.nextInt(Exports.votes(lines.get(i)))) + " turned over";
        }
        Exports.reforge(lines, i);
        List<String> forged = new ArrayList<>();
        lines.forEach(l -> forged.add(new String(io.selection.audit.format.Canonical.bytes(l),
                java.nio.charset.StandardCharsets.UTF_8)));

        Report report = AuditTrail.verify(forged);

        long seq = ((Number) lines.get(i).get("seq")).longValue();
        assertThat(report.ok()).as("seed " + seed + ", " + what).isFalse();
        assertThat(report.firstBadSeq()).as("seed " + seed + ", " + what + ": " + report.toText()).isEqualTo(seq);
    }

    /**
     * The next vote: fresh mostly, else the same vote again, its id under another voter, or a vote of
     * a burst: one address, two devices, many accounts, within minutes.
     */
    private static ObjectNode next(Random rng, List<ObjectNode> sent, int number) {
        int kind = rng.nextInt(10);
        if (kind >= 6) { // on the shortlisted works only (A1-A3, B1-B3), so that most are accepted and flagged
            String work = WORKS[rng.nextInt(2) * 4 + rng.nextInt(3)];
            ObjectNode burst = vote("v" + number, "burst-voter" + rng.nextInt(60), work,
                    // just after the latest castAt of the other votes (day 6, within its first hour): a burst behind the
                    // flags' floor would start no set (SuspiciousVotes), and the random days keep the floor high
                    VotingEditionSetup.castAt(6).plusSeconds(3_600 + rng.nextInt(300)).toString());
            burst.putObject("source").put("ip", "10.8.8.8").put("device", "farm-" + rng.nextInt(2));
            return burst;
        }
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
