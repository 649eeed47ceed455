package io.selection.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small edition (three categories, 24 works) run through every stage over real HTTP, with every
 * expected figure worked out by hand in the comments. Shortlist quota 3, final quota 2, at most 2
 * works per category per voter and day.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EditionLifecycleHttpTest extends ApiTestBase {

    @org.springframework.beans.factory.annotation.Autowired
    io.selection.api.config.CommittedPayloads committedPayloads;

    @org.springframework.beans.factory.annotation.Autowired
    io.selection.api.config.HeldPayloadsEngine storageEngine;

    private static final String E = "/api/editions/life";
    private static final String ORG = "organiser";
    private static final String GW = "gateway";
    // Beijing 2024-02-27 10:00 and 2024-02-28 10:00
    private static final String D1 = "2024-02-27T02:00:00Z";
    private static final String D2 = "2024-02-28T02:00:00Z";

    private final Map<String, Response> published = new LinkedHashMap<>();
    private JsonNode batchAnswer;
    private Response repeatAnswer;
    private Response categoryLimitAnswer;

    @BeforeAll
    void runTheEdition() {
        ObjectNode edition = edition("life", 3, 2, "A", "B", "C");
        ((ObjectNode) edition.get("voting")).put("perCategoryPerDay", 2);
        assertThat(post(ORG, "/api/editions", edition).status()).isEqualTo(201);

        // r1..r3 judge every category; r4 only A and B; r5 only A. r1 belongs to U1.
        post(ORG, E + "/reviewers", reviewer("r1", "U1", "A", "B", "C"));
        post(ORG, E + "/reviewers", reviewer("r2", "U2", "A", "B", "C"));
        post(ORG, E + "/reviewers", reviewer("r3", "U3", "A", "B", "C"));
        post(ORG, E + "/reviewers", reviewer("r4", "Media", "A", "B"));
        assertThat(post(ORG, E + "/reviewers", reviewer("r5", "Press", "A")).status()).isEqualTo(201);

        transition("COLLECTING");
        for (int i = 1; i <= 8; i++) {
            submit(work("a" + i, "A", i == 5 ? "U1" : "Unit"));
        }
        for (int i = 1; i <= 6; i++) {
            submit(work("b" + i, "B", "Unit"));
        }
        for (int i = 1; i <= 10; i++) {
            submit(work("c" + i, "C", "Unit"));
        }

        transition("PRELIMINARY_REVIEW");
        // Plain works: r1, r2, r3 give the same score, so the mean is that score.
        Map<String, Integer> plain = new LinkedHashMap<>();
        plain.put("a1", 90);
        plain.put("a6", 50);
        plain.put("a7", 40);
        plain.put("a8", 30);
        plain.put("b1", 95);
        plain.put("b2", 85);
        plain.put("b3", 85);
        plain.put("b4", 75);
        plain.put("b5", 65);
        plain.put("b6", 55);
        for (int i = 1; i <= 10; i++) {
            plain.put("c" + i, Math.max(0, 88 - 11 * (i - 1)));
        }
        plain.forEach((w, s) -> {
            for (String r : List.of("r1", "r2", "r3")) {
                prelim(r, w, s);
            }
        });
        // a2: five scores, the highest (100) and lowest (0) dropped: (80+80+80)/3 = 80
        prelim("r1", "a2", 100);
        prelim("r2", "a2", 80);
        prelim("r3", "a2", 80);
        prelim("r4", "a2", 80);
        prelim("r5", "a2", 0);
        // a3: four scores, no trimming: (100+80+80+80)/4 = 85
        prelim("r1", "a3", 100);
        prelim("r2", "a3", 80);
        prelim("r3", "a3", 80);
        // still short of scores? no: a3 has 3. But a4 and a5 have none yet:
        Response tooEarly = post(ORG, E + "/transitions", to("SHORTLIST_PUBLISHED"));
        assertThat(tooEarly.status()).isEqualTo(409);
        assertThat(tooEarly.code()).isEqualTo("INCOMPLETE_REVIEW");
        assertThat(texts(tooEarly.body().get("works"))).containsExactly("a4", "a5");
        prelim("r4", "a3", 80);
        // a4: 70, 70, 70, then r1 replaces their 70 by 100: (100+70+70)/3 = 80, tied with a2,
        // which was submitted earlier and so ranks first.
        prelim("r1", "a4", 70);
        prelim("r2", "a4", 70);
        prelim("r3", "a4", 70);
        prelim("r1", "a4", 100);
        // a5 comes from U1: r1 may not score it.
        assertThat(post(reviewerLogin("r1"), E + "/works/a5/preliminary-scores", score(60)).code())
                .isEqualTo("CONFLICT_OF_INTEREST");
        assertThat(post(reviewerLogin("r5"), E + "/works/b1/preliminary-scores", score(60)).code())
                .isEqualTo("NOT_ASSIGNED");
        prelim("r2", "a5", 60);
        prelim("r3", "a5", 60);
        prelim("r4", "a5", 60);

        assertThat(get(ORG, E + "/shortlist").code()).isEqualTo("STAGE_MISMATCH");
        transition("SHORTLIST_PUBLISHED");
        published.put("shortlist-at-publication", get(ORG, E + "/shortlist"));

        transition("VOTING");
        // Before a3 is disqualified, a vote for it is accepted (and stays in the log).
        assertThat(voteOnce("s1-a3", "s1", "a3", D1).body().get("decision").asText()).isEqualTo("ACCEPTED");

        StringBuilder batch = new StringBuilder();
        for (String p : List.of("p1", "p2", "p3", "p4")) {
            line(batch, p + "-a1-d1", p, "a1", D1);
            line(batch, p + "-a2-d1", p, "a2", D1);
            line(batch, p + "-a2-d2", p, "a2", D2);
        }
        for (String p : List.of("p1", "p2", "p3", "p4", "p5")) {
            line(batch, p + "-b2-d1", p, "b2", D1);
            line(batch, p + "-b2-d2", p, "b2", D2);
        }
        for (String q : List.of("q1", "q2", "q3", "q4", "q5")) {
            line(batch, q + "-b3-d1", q, "b3", D1);
        }
        // Beijing midnight: 15:59:59Z is still the 27th, 16:00:00Z is the 28th; 15:00Z is the 27th again.
        line(batch, "m1-b3-1", "m1", "b3", "2024-02-27T15:59:59Z");
        line(batch, "m1-b3-2", "m1", "b3", "2024-02-27T16:00:00Z");
        line(batch, "m1-b3-3", "m1", "b3", "2024-02-27T15:00:00Z"); // DAILY_WORK_LIMIT
        for (String q : List.of("q1", "q2", "q3")) {
            line(batch, q + "-c1-d1", q, "c1", D1);
            line(batch, q + "-c2-d2", q, "c2", D2);
        }
        for (String p : List.of("p1", "p2", "p3")) {
            line(batch, p + "-c3-d1", p, "c3", D1);
            line(batch, p + "-c3-d2", p, "c3", D2);
        }
        line(batch, "p1-a2-again", "p1", "a2", D1); // DAILY_WORK_LIMIT
        line(batch, "s3-a5", "s3", "a5", D1); // NOT_SHORTLISTED
        line(batch, "s4-a1", "s4", "a1", "2024-02-26T15:59:59Z"); // OUTSIDE_VOTING_WINDOW
        line(batch, "s5-a1", "s5", "a1", Instant.now().plusSeconds(3600).toString()); // CLOCK_SKEW
        batch.append("{not json\n");
        Response batchResponse = postNdjson(GW, E + "/votes:batch", batch.toString());
        assertThat(batchResponse.status()).isEqualTo(200);
        batchAnswer = batchResponse.body();

        // a3 leaves the shortlist during the vote; a4, next in rank, takes its place.
        assertThat(post(ORG, E + "/works/a3/disqualification",
                JSON.createObjectNode().put("reason", "published before the window")).status()).isEqualTo(200);
        assertThat(voteOnce("s2-a3", "s2", "a3", D1).body().get("reason").asText()).isEqualTo("DISQUALIFIED");
        voteOnce("q1-a4-d2", "q1", "a4", D2);
        voteOnce("q2-a4-d2", "q2", "a4", D2);
        categoryLimitAnswer = voteOnce("p1-a4-d1", "p1", "a4", D1); // p1 already has a1 and a2 on D1
        repeatAnswer = voteOnce("p1-a1-d1", "p1", "a1", D1); // same id again

        transition("FINAL_REVIEW");
        Response incomplete = post(ORG, E + "/transitions", to("RESULTS_PUBLISHED"));
        assertThat(incomplete.code()).isEqualTo("INCOMPLETE_REVIEW");
        assertThat(texts(incomplete.body().get("works")))
                .containsExactly("a1", "a2", "a4", "b1", "b2", "b3", "c1", "c2", "c3");
        assertThat(post(reviewerLogin("r2"), E + "/works/a5/final-scores", score(90)).code())
                .isEqualTo("NOT_SHORTLISTED");
        Map<String, Integer> jury = new LinkedHashMap<>();
        jury.put("a1", 80);
        jury.put("a2", 70);
        jury.put("a4", 90);
        jury.put("b1", 90);
        jury.put("b2", 60);
        jury.put("b3", 70);
        jury.put("c1", 60);
        jury.put("c2", 60);
        jury.put("c3", 50);
        jury.forEach((w, s) -> {
            for (String r : List.of(w.startsWith("c") ? "r1" : "r4", "r2", "r3")) {
                Response scored = post(reviewerLogin(r), E + "/works/" + w + "/final-scores", score(s));
                assertThat(scored.status()).as(r + " scores " + w).isEqualTo(201);
            }
        });
        published.put("final-ranking-before-results", get(ORG, E + "/final-ranking"));
        transition("RESULTS_PUBLISHED");
    }

    @Test
    void the_shortlist_is_the_top_three_by_preliminary_score_with_ties_to_the_earlier_submission() {
        JsonNode lists = published.get("shortlist-at-publication").body().get("categories");
        assertThat(ids(lists.get("A"))).containsExactly("a1", "a3", "a2");
        assertThat(lists.get("A").get(1).get("preliminaryScore").decimalValue()).isEqualByComparingTo("85.00");
        assertThat(lists.get("A").get(2).get("preliminaryScore").decimalValue()).isEqualByComparingTo("80.00");
        assertThat(ids(lists.get("B"))).containsExactly("b1", "b2", "b3");
        assertThat(ids(lists.get("C"))).containsExactly("c1", "c2", "c3");

        JsonNode ranking = get("auditor", E + "/preliminary-ranking?category=A").body().get("works");
        assertThat(ids(ranking)).startsWith("a1", "a2", "a4", "a5", "a6", "a7", "a8");
    }

    @Test
    void a_disqualified_shortlisted_work_is_replaced_by_the_next_ranked_one() {
        JsonNode lists = get("auditor", E + "/shortlist").body().get("categories");
        assertThat(ids(lists.get("A"))).containsExactly("a1", "a2", "a4");
        assertThat(get(ORG, E + "/works/a3").body().get("status").asText()).isEqualTo("DISQUALIFIED");
        List<String> history = new ArrayList<>();
        get("auditor", E + "/works/a3/history").body().get("events").forEach(e -> history.add(e.get("type").asText()));
        assertThat(history).containsSubsequence("WorkSubmitted", "WorkScored", "Shortlisted", "VotesDecided",
                "WorkDisqualified", "ShortlistAmended");
    }

    @Test
    void votes_are_decided_by_the_rules_and_counted_once() {
        // 41 accepted, 5 refused in the batch; one line was not JSON.
        assertThat(batchAnswer.get("accepted").asInt()).isEqualTo(41);
        assertThat(batchAnswer.get("refused").asInt()).isEqualTo(5);
        assertThat(batchAnswer.get("invalidLines").get(0).get("line").asInt()).isEqualTo(47);
        assertThat(categoryLimitAnswer.body().get("reason").asText()).isEqualTo("DAILY_CATEGORY_LIMIT");
        assertThat(repeatAnswer.body().get("decision").asText()).isEqualTo("ACCEPTED");
        assertThat(repeatAnswer.body().get("repeated").asBoolean()).isTrue();

        JsonNode tallies = get("auditor", E + "/tallies").body();
        assertThat(valid(tallies, "A")).containsEntry("a1", 4L).containsEntry("a2", 8L).containsEntry("a4", 2L)
                .containsEntry("a3", 1L);
        assertThat(valid(tallies, "B")).containsEntry("b1", 0L).containsEntry("b2", 10L).containsEntry("b3", 7L);
        assertThat(valid(tallies, "C")).containsEntry("c1", 3L).containsEntry("c2", 3L).containsEntry("c3", 6L);
        JsonNode refused = tallies.get("refusedVotes");
        assertThat(refused.get("CLOCK_SKEW").asLong()).isEqualTo(1);
        assertThat(refused.get("OUTSIDE_VOTING_WINDOW").asLong()).isEqualTo(1);
        assertThat(refused.get("DISQUALIFIED").asLong()).isEqualTo(1);
        assertThat(refused.get("NOT_SHORTLISTED").asLong()).isEqualTo(1);
        assertThat(refused.get("DAILY_WORK_LIMIT").asLong()).isEqualTo(2);
        assertThat(refused.get("DAILY_CATEGORY_LIMIT").asLong()).isEqualTo(1);
        assertThat(tallies.get("acceptedVotes").asLong()).isEqualTo(44);

        JsonNode lookedUp = get(GW, E + "/votes/m1-b3-3").body();
        assertThat(lookedUp.get("decision").asText()).isEqualTo("REFUSED");
        assertThat(lookedUp.get("reason").asText()).isEqualTo("DAILY_WORK_LIMIT");
        assertThat(lookedUp.get("day").asText()).isEqualTo("2024-02-27");
    }

    @Test
    void the_winners_are_the_ones_computed_by_hand() {
        JsonNode winners = get(reviewerLogin("r2"), E + "/winners").body()
                .get("categories");
        // A: max valid votes 8 (a2). a2: 0.7*70 + 0.3*100 = 79; a1: 0.7*80 + 0.3*50 = 71;
        //    a4: 0.7*90 + 0.3*25 = 70.5 (third, out).
        assertWinner(winners.get("A").get(0), 1, "a2", "70.00", 8, "100.00", "79.00");
        assertWinner(winners.get("A").get(1), 2, "a1", "80.00", 4, "50.00", "71.00");
        // B: max 10 (b2). b2: 42 + 30 = 72; b3: 49 + 0.3*70 = 70; b1: 63 + 0 = 63 (out).
        assertWinner(winners.get("B").get(0), 1, "b2", "60.00", 10, "100.00", "72.00");
        assertWinner(winners.get("B").get(1), 2, "b3", "70.00", 7, "70.00", "70.00");
        // C: max 6 (c3). c3: 35 + 30 = 65; c1 and c2 tie at 42 + 15 = 57 with equal jury score and
        //    votes; c1 was submitted first.
        assertWinner(winners.get("C").get(0), 1, "c3", "50.00", 6, "100.00", "65.00");
        assertWinner(winners.get("C").get(1), 2, "c1", "60.00", 3, "50.00", "57.00");
        assertThat(winners.get("A")).hasSize(2);

        JsonNode ranking = published.get("final-ranking-before-results").body().get("categories");
        assertThat(ids(ranking.get("A"))).containsExactly("a2", "a1", "a4");
        assertThat(ranking.get("A").get(2).get("finalScore").decimalValue()).isEqualByComparingTo("70.50");
        assertThat(get(ORG, E + "/works/a2").body().get("status").asText()).isEqualTo("WINNER");
        assertThat(get(ORG, E + "/works/a4").body().get("status").asText()).isEqualTo("NOT_SELECTED");
    }

    @Test
    void nothing_changes_once_results_are_published() {
        long before = eventCount();
        Response late = post(ORG, E + "/works/a2/disqualification", JSON.createObjectNode().put("reason", "late"));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("STAGE_MISMATCH");
        assertThat(post(ORG, E + "/transitions", to("DRAFT")).code()).isEqualTo("STAGE_MISMATCH");
        assertThat(eventCount()).isEqualTo(before);
        JsonNode history = get(ORG, E).body().get("stageHistory");
        List<String> stages = new ArrayList<>();
        history.forEach(h -> stages.add(h.get("stage").asText()));
        assertThat(stages).containsExactly("DRAFT", "COLLECTING", "PRELIMINARY_REVIEW", "SHORTLIST_PUBLISHED",
                "VOTING", "FINAL_REVIEW", "RESULTS_PUBLISHED");
    }

    @Test
    void the_export_verifies_and_every_published_list_names_the_digests_it_gives() {
        io.selection.audit.verifier.Report report = AuditTrail.verify(AuditTrail.lines(get("auditor", E + "/events").raw()));
        assertThat(report.ok()).as(report.toText()).isTrue();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> lists = (List<Map<String, Object>>) report.toJson().get("published");
        Map<String, Object> results = lists.stream().filter(p -> p.get("type").equals("ResultsPublished"))
                .findFirst().orElseThrow();
        JsonNode winners = get(ORG, E + "/winners").body();
        assertThat(winners.get("logDigest").asText()).isEqualTo(results.get("logDigest"));
        assertThat(winners.get("listDigest").asText()).isEqualTo(results.get("listDigest"));
        assertThat(get("auditor", E + "/audit").body().get("ok").asBoolean()).isTrue();
    }

    @Test
    void rebuilding_the_read_models_from_the_log_gives_identical_json() {
        // live, the read models took this instance's vote groups as committed; the rebuild parses them all
        assertThat(committedPayloads.hitsAndMisses()[0]).as("vote groups handed over as committed").isPositive();
        // and their stored bytes were not read for the read models
        assertThat(storageEngine.payloadsLeftOut()).as("vote groups read without their bytes").isPositive();
        Map<String, String> before = snapshot();
        Response rebuilt = post(ORG, "/api/admin/read-models:rebuild", "{}");
        assertThat(rebuilt.status()).isEqualTo(200);
        assertThat(snapshot()).isEqualTo(before);
        // the rebuild reports a digest of every read model of every edition, before and after
        JsonNode digests = rebuilt.body().get("after").get("life");
        assertThat(digests.fieldNames()).toIterable().contains("edition", "shortlist", "tallies", "winners",
                "final-ranking", "works", "suspicious-vote-sets", "preliminary-ranking:A", "vote-rate");
        assertThat(rebuilt.body().get("before")).isEqualTo(rebuilt.body().get("after"));
        assertThat(rebuilt.body().get("identical").asBoolean()).isTrue();
        assertThat(get(ORG, "/api/admin/read-models").body().get("rebuilding").asBoolean()).isFalse();
    }

    @Test
    void the_counters_on_the_gate_rows_are_what_the_log_holds() {
        // every kind of write above: commands outside the gate (reviewers, works, scores), behind it
        // (stage changes, the disqualification), single votes and a batch, and the seeded edition
        GateCounters.assertTheyMatchTheLog(jdbc);
        long[] life = GateCounters.of(jdbc, "life");
        assertThat(life[0]).isEqualTo(jdbc.queryForObject(
                "SELECT COUNT(*) FROM edition_log WHERE edition_id = 'life'", Long.class));
        assertThat(life[1]).isGreaterThan(100); // 5 reviewers, 24 works, dozens of scores, 7 stages
    }

    private Map<String, String> snapshot() {
        Map<String, String> all = new LinkedHashMap<>();
        for (String path : List.of("", "/shortlist", "/tallies", "/final-ranking", "/winners",
                "/preliminary-ranking?category=A", "/preliminary-ranking?category=B",
                "/preliminary-ranking?category=C", "/votes/p1-a1-d1", "/votes/s5-a1")) {
            all.put(path, get("organiser", E + path).raw());
        }
        // the live page's vote rate (the rest of that answer is the tallies above and the lag of the moment)
        all.put("/tallies/live voteRate", get("organiser", E + "/tallies/live").body().get("voteRate").toString());
        for (String w : List.of("a1", "a2", "a3", "a4", "a5", "b3", "c1", "c10")) {
            all.put(w, get(ORG, E + "/works/" + w).raw());
            all.put(w + "/history", get(ORG, E + "/works/" + w + "/history").raw());
        }
        return all;
    }

    private static void assertWinner(JsonNode w, int rank, String id, String jury, long votes, String voteScore,
                                     String finalScore) {
        assertThat(w.get("rank").asInt()).isEqualTo(rank);
        assertThat(w.get("workId").asText()).isEqualTo(id);
        assertThat(w.get("juryScore").decimalValue()).isEqualByComparingTo(jury);
        assertThat(w.get("validVotes").asLong()).isEqualTo(votes);
        assertThat(w.get("voteScore").decimalValue()).isEqualByComparingTo(voteScore);
        assertThat(w.get("finalScore").decimalValue()).isEqualByComparingTo(finalScore);
    }

    private void transition(String stage) {
        Response r = post(ORG, E + "/transitions", to(stage));
        assertThat(r.status()).as("transition to " + stage + ": " + r.raw()).isEqualTo(200);
        assertThat(r.body().get("stage").asText()).isEqualTo(stage);
    }

    private void submit(ObjectNode work) {
        Response r = post(ORG, E + "/works", work);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
    }

    private void prelim(String reviewer, String work, int value) {
        Response r = post(reviewerLogin(reviewer), E + "/works/" + work + "/preliminary-scores", score(value));
        assertThat(r.status()).as(reviewer + " scores " + work + ": " + r.raw()).isEqualTo(201);
    }

    private Response voteOnce(String id, String voter, String work, String castAt) {
        Response r = post(GW, E + "/votes", vote(id, voter, work, castAt));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r;
    }

    private static void line(StringBuilder out, String id, String voter, String work, String castAt) {
        out.append(vote(id, voter, work, castAt)).append('\n');
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.forEach(n -> ids.add(n.get("workId").asText()));
        return ids;
    }

    private static List<String> texts(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Map<String, Long> valid(JsonNode tallies, String category) {
        Map<String, Long> out = new LinkedHashMap<>();
        tallies.get("categories").get(category).forEach(t -> out.put(t.get("workId").asText(),
                t.get("validVotes").asLong()));
        return out;
    }
}
