package io.selection.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Brings an edition into VOTING over HTTP: two categories of four works, three reviewers, a
 * shortlist of three per category (works 1 to 3 of each, by score). For the vote tests.
 */
final class VotingEditionSetup {

    static final List<String> SHORTLISTED = List.of("A1", "A2", "A3", "B1", "B2", "B3");
    static final List<String> NOT_SHORTLISTED = List.of("A4", "B4");

    private VotingEditionSetup() {
    }

    static void open(TestHttp http, String editionId) {
        String e = "/api/editions/" + editionId;
        ObjectNode edition = TestHttp.JSON.createObjectNode().put("id", editionId).put("title", "Vote test")
                .put("eligibleFrom", "2023-01-01").put("eligibleTo", "2023-12-31");
        var categories = edition.putArray("categories");
        categories.addObject().put("code", "A").put("name", "A").put("shortlistQuota", 3).put("finalQuota", 1);
        categories.addObject().put("code", "B").put("name", "B").put("shortlistQuota", 3).put("finalQuota", 1);
        edition.putObject("voting").put("opensAt", "2024-02-26T16:00:00Z").put("closesAt", "2024-03-04T16:00:00Z");
        assertThat(http.post("organiser", "/api/editions", edition).status()).isEqualTo(201);
        for (String r : List.of("r1", "r2", "r3")) {
            ObjectNode reviewer = TestHttp.JSON.createObjectNode().put("id", editionId + "-" + r).put("name", r)
                    .put("organisation", "Uni " + r).put("password", "password-" + r);
            reviewer.putArray("categories").add("A").add("B");
            assertThat(http.post("organiser", e + "/reviewers", reviewer).status()).isEqualTo(201);
        }
        transition(http, e, "COLLECTING");
        for (String c : List.of("A", "B")) {
            for (int i = 1; i <= 4; i++) {
                ObjectNode work = TestHttp.JSON.createObjectNode().put("id", c + i).put("title", "Work " + c + i)
                        .put("url", "https://example.cn/" + editionId + "/" + c + i).put("category", c)
                        .put("publishedOn", "2023-05-05").put("organisation", "Unit");
                assertThat(http.post("organiser", e + "/works", work).status()).isEqualTo(201);
            }
        }
        transition(http, e, "PRELIMINARY_REVIEW");
        for (String c : List.of("A", "B")) {
            for (int i = 1; i <= 4; i++) {
                for (String r : List.of("r1", "r2", "r3")) {
                    String login = editionId + "-" + r + ":password-" + r;
                    assertThat(http.post(login, e + "/works/" + c + i + "/preliminary-scores",
                            TestHttp.JSON.createObjectNode().put("score", 100 - 10 * i)).status()).isEqualTo(201);
                }
            }
        }
        transition(http, e, "SHORTLIST_PUBLISHED");
        transition(http, e, "VOTING");
    }

    static void transition(TestHttp http, String e, String stage) {
        Response r = http.post("organiser", e + "/transitions", TestHttp.JSON.createObjectNode().put("to", stage));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
    }

    /** 10:00 Beijing time on the given day of the voting week (0 to 6). */
    static Instant castAt(int day) {
        return LocalDate.of(2024, 2, 27).plusDays(day).atTime(2, 0).toInstant(ZoneOffset.UTC);
    }

    /** A vote as the JSON of docs/api.md. */
    static String vote(String id, String voter, String work, Instant castAt) {
        return TestHttp.JSON.createObjectNode().put("id", id).put("voterId", voter).put("workId", work)
                .put("castAt", castAt.toString()).toString();
    }

    /** Total decisions the read models show: accepted plus refused for every reason. */
    static long decided(TestHttp http, String editionId) {
        Response tallies = http.get("auditor", "/api/editions/" + editionId + "/tallies");
        long refused = 0;
        var it = tallies.body().get("refusedVotes").elements();
        while (it.hasNext()) {
            refused += it.next().asLong();
        }
        return tallies.body().get("acceptedVotes").asLong() + refused;
    }

    static List<Long> validVotes(TestHttp http, String editionId) {
        Response tallies = http.get("auditor", "/api/editions/" + editionId + "/tallies");
        List<Long> out = new ArrayList<>();
        for (String w : SHORTLISTED) {
            long n = 0;
            for (var category : List.of("A", "B")) {
                for (var t : tallies.body().get("categories").get(category)) {
                    if (t.get("workId").asText().equals(w)) {
                        n = t.get("validVotes").asLong();
                    }
                }
            }
            out.add(n);
        }
        return out;
    }

    /**
     * Posts 60 votes for A2 from one address in ten minutes (flagged as a burst) and 5 calm votes
     * for A1: the votes the as-of and diff tests invalidate.
     */
    static void burstAndCalmVotes(TestHttp http, String e) {
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            ObjectNode vote = TestHttp.JSON.createObjectNode().put("id", "burst" + i).put("voterId", "nat" + i)
                    .put("workId", "A2").put("castAt", castAt(1).plusSeconds(i).toString());
            vote.putObject("source").put("ip", "10.9.9.9").put("device", "dev" + i);
            batch.append(vote).append('\n');
        }
        for (int i = 0; i < 5; i++) {
            batch.append(vote("calm" + i, "calm" + i, "A1", castAt(1))).append('\n');
        }
        Response accepted = http.postNdjson("gateway", e + "/votes:batch", batch.toString());
        assertThat(accepted.body().get("accepted").asInt()).as(accepted.raw()).isEqualTo(65);
    }

    /** A3 leaves the shortlist during the vote; A4, next in rank, is backfilled. */
    static void disqualifyA3(TestHttp http, String e) {
        Response disqualified = http.post("organiser", e + "/works/A3/disqualification",
                TestHttp.JSON.createObjectNode().put("reason", "published before the window"));
        assertThat(disqualified.status()).as(disqualified.raw()).isEqualTo(200);
    }

    /**
     * In FINAL_REVIEW, after {@link #disqualifyA3}: each of the three reviewers scores the six
     * shortlisted works, A4 95 and the others 70.
     */
    static void juryScores(TestHttp http, String editionId) {
        for (String w : List.of("A1", "A2", "A4", "B1", "B2", "B3")) {
            for (String r : List.of("r1", "r2", "r3")) {
                Response scored = http.post(editionId + "-" + r + ":password-" + r, "/api/editions/" + editionId
                        + "/works/" + w + "/final-scores", TestHttp.JSON.createObjectNode()
                        .put("score", w.equals("A4") ? 95 : 70));
                assertThat(scored.status()).as(scored.raw()).isEqualTo(201);
            }
        }
    }

    /** Invalidates the one flagged set (the burst of {@link #burstAndCalmVotes}). */
    static void invalidateTheBurst(TestHttp http, String e) {
        Response sets = http.get("auditor", e + "/suspicious-vote-sets");
        assertThat(sets.body().size()).as(sets.raw()).isEqualTo(1);
        Response invalidated = http.post("organiser", e + "/vote-invalidations", TestHttp.JSON.createObjectNode()
                .put("setId", sets.body().get(0).get("id").asText()).put("reason", "brushed votes"));
        assertThat(invalidated.status()).as(invalidated.raw()).isEqualTo(200);
    }
}
