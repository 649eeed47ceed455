package io.selection.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.selection.recount.Language;
import io.selection.recount.Wording;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /works/{w}/explanation} on a real server: the work that entered by backfill, the one
 * disqualified, the one that was first out before it (10 points below the last work in), the
 * votes an invalidation took; each statement on a line of the log the answer names in its
 * headers, the same point {@code ?asOf} names; the ranks equal the read model's ranking; the
 * final ranking only for the roles that may see it before the results; said in the caller's
 * language, Chinese for {@code Accept-Language: zh-CN} or {@code ?lang=zh}, English otherwise.
 */
class ExplanationHttpTest extends ApiTestBase {

    private static final String ID = "explain";
    private static final String E = "/api/editions/" + ID;

    @Test
    void explains_a_backfill_a_disqualification_a_missed_cut_and_an_invalidation_each_on_its_line()
            throws Exception {
        VotingEditionSetup.open(http(), ID);
        VotingEditionSetup.burstAndCalmVotes(http(), E);
        long beforeDisqualification = logSize();
        VotingEditionSetup.disqualifyA3(http(), E);
        long afterBackfill = logSize();
        assertThat(afterBackfill).isEqualTo(beforeDisqualification + 2); // WorkDisqualified, ShortlistAmended
        VotingEditionSetup.invalidateTheBurst(http(), E);
        long afterInvalidation = logSize();

        // A4 scored 60 by all three: first out behind A3 (70) until A3 was disqualified
        Response before = get("auditor", E + "/works/A4/explanation?asOf=" + beforeDisqualification);
        assertThat(before.status()).as(before.raw()).isEqualTo(200);
        JsonNode b = before.body();
        assertThat(b.get("outcome").asText()).isEqualTo("NOT_SHORTLISTED");
        assertThat(b.get("logSize").asLong()).isEqualTo(beforeDisqualification);
        assertThat(b.at("/preliminary/mean").decimalValue()).isEqualByComparingTo("60");
        assertThat(b.at("/preliminary/trimmed").asBoolean()).isFalse();
        assertThat(b.at("/preliminaryRanking/rank").asInt()).isEqualTo(4);
        assertThat(b.at("/preliminaryRanking/lastIn/workId").asText()).isEqualTo("A3");
        assertThat(b.at("/preliminaryRanking/firstOut/workId").asText()).isEqualTo("A4");
        assertThat(b.at("/preliminaryRanking/gap").decimalValue()).isEqualByComparingTo("10");
        assertThat(b.get("summary").asText()).isEqualTo("Not on the shortlist: rank 4 of 4 in A, 10.00 below the"
                + " last work in (A3, 70.00).");
        assertThat(before.headers().firstValue("Log-Size").orElse(null)).isEqualTo(String.valueOf(beforeDisqualification));
        Response shortlistThen = get("auditor", E + "/shortlist?asOf=" + beforeDisqualification);
        assertThat(before.headers().firstValue("Log-Digest").orElse(null)).isNotBlank()
                .isEqualTo(shortlistThen.headers().firstValue("Log-Digest").orElse(null));

        Response now = get("auditor", E + "/works/A4/explanation");
        assertThat(now.status()).as(now.raw()).isEqualTo(200);
        JsonNode a4 = now.body();
        assertThat(a4.get("outcome").asText()).isEqualTo("SHORTLISTED");
        assertThat(a4.get("logSize").asLong()).isEqualTo(afterInvalidation);
        JsonNode entered = a4.at("/shortlist/changes/0");
        assertThat(entered.get("kind").asText()).isEqualTo("ENTERED");
        assertThat(entered.get("otherWorkId").asText()).isEqualTo("A3");
        assertThat(entered.get("seq").asLong()).isEqualTo(afterBackfill);
        assertThat(entered.get("to").asInt()).isEqualTo(3);
        assertThat(statement(a4, "SHORTLIST_ENTERED").get("seq").asLong()).isEqualTo(afterBackfill);

        JsonNode a3 = get("organiser", E + "/works/A3/explanation").body();
        assertThat(a3.get("outcome").asText()).isEqualTo("DISQUALIFIED");
        assertThat(a3.at("/disqualification/seq").asLong()).isEqualTo(beforeDisqualification + 1);
        assertThat(a3.at("/disqualification/reason").asText()).isEqualTo("published before the window");
        assertThat(a3.at("/disqualification/rankBefore").asInt()).isEqualTo(3);
        assertThat(a3.at("/disqualification/shortlistPlaceBefore").asInt()).isEqualTo(3);
        assertThat(a3.at("/shortlist/changes/0/kind").asText()).isEqualTo("LEFT");
        assertThat(a3.at("/shortlist/changes/0/otherWorkId").asText()).isEqualTo("A4");
        assertThat(a3.has("finalRanking")).isFalse();

        JsonNode a2 = get("auditor", E + "/works/A2/explanation").body();
        assertThat(a2.at("/votes/accepted").asLong()).isEqualTo(60);
        assertThat(a2.at("/votes/invalidated").asLong()).isEqualTo(60);
        assertThat(a2.at("/votes/valid").asLong()).isEqualTo(0);
        assertThat(a2.at("/votes/seq").asLong()).isEqualTo(afterInvalidation);
        assertThat(a2.at("/votes/invalidations/0/seq").asLong()).isEqualTo(afterInvalidation);
        assertThat(a2.at("/votes/invalidations/0/votes").asLong()).isEqualTo(60);
        assertThat(a2.at("/votes/invalidations/0/reason").asText()).isEqualTo("brushed votes");
        JsonNode a1 = get("auditor", E + "/works/A1/explanation").body();
        assertThat(a1.at("/votes/valid").asLong()).isEqualTo(5);
        assertThat(a1.at("/finalRanking/mostVotedWork").asText()).isEqualTo("A1");
        assertThat(a1.at("/finalRanking/voteScore").decimalValue()).isEqualByComparingTo("100");
        assertThat(a1.at("/finalRanking/ranking/rank").asInt()).isEqualTo(1);

        // the server's answers are the ones an auditor computes offline from the export, field for field
        io.selection.recount.Explanations offline = new io.selection.recount.Explanations();
        AuditTrail.fold(AuditTrail.lines(get("auditor", E + "/events").raw()), (event, seq) -> offline.apply(seq, event));
        for (JsonNode x : List.of(a4, a3, a2, a1)) {
            String computed = JSON.writeValueAsString(Wording.render(offline.explain(x.get("workId").asText(), true),
                    Language.EN));
            assertThat(x).isEqualTo(JSON.readTree(computed));
        }
        // asked again once the kept fold has moved past that point: folded afresh, the same bytes
        Response again = get("auditor", E + "/works/A4/explanation?asOf=" + beforeDisqualification);
        assertThat(again.raw()).isEqualTo(before.raw());
        for (JsonNode x : List.of(a4, a3, a2, a1)) {
            for (JsonNode s : x.get("statements")) {
                assertThat(s.get("seq").asLong()).as(s.toString()).isBetween(1L, afterInvalidation);
                assertThat(s.get("text").asText()).isNotBlank();
            }
        }
    }

    @Test
    void the_ranks_are_the_read_models_and_the_final_ranking_waits_for_the_results_for_reviewers() {
        String id = "explain-ranks";
        String e = "/api/editions/" + id;
        VotingEditionSetup.open(http(), id);
        for (String category : List.of("A", "B")) {
            for (JsonNode entry : get("auditor", e + "/preliminary-ranking?category=" + category).body().get("works")) {
                JsonNode x = get("auditor", e + "/works/" + entry.get("workId").asText() + "/explanation").body();
                assertThat(x.at("/preliminaryRanking/rank").asInt()).as(x.toString())
                        .isEqualTo(entry.get("rank").asInt());
                assertThat(x.at("/preliminary/mean").decimalValue())
                        .isEqualByComparingTo(entry.get("preliminaryScore").decimalValue());
            }
        }
        Response reviewer = get(id + "-r1:password-r1", e + "/works/A1/explanation");
        assertThat(reviewer.status()).as(reviewer.raw()).isEqualTo(200);
        assertThat(reviewer.body().has("finalRanking")).isFalse();
        assertThat(reviewer.body().at("/shortlist/rank").asInt()).isEqualTo(1);
        Response organiser = get("organiser", e + "/works/A1/explanation");
        assertThat(organiser.body().at("/finalRanking/ranking/rank").asInt()).as(organiser.raw()).isEqualTo(1);
    }

    @Test
    void says_it_in_chinese_to_a_caller_who_prefers_chinese_and_in_english_to_anyone_else() throws Exception {
        String id = "explain-lang";
        String path = "/api/editions/" + id + "/works/A1/explanation";
        VotingEditionSetup.open(http(), id);

        Response zh = get("organiser", path, Map.of("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8"));
        assertThat(zh.status()).as(zh.raw()).isEqualTo(200);
        assertThat(zh.headers().firstValue("Content-Language")).hasValue("zh-CN");
        assertThat(zh.headers().allValues("Vary"))
                .anyMatch(v -> v.toLowerCase(java.util.Locale.ROOT).contains("accept-language"));
        assertThat(zh.body().get("language").asText()).isEqualTo("zh-CN");
        assertThat(zh.body().get("summary").asText()).startsWith("已入围A，名次第1。");
        for (JsonNode s : zh.body().get("statements")) {
            assertThat(s.get("text").asText()).as(s.toString()).containsPattern("\\p{IsHan}");
        }
        Response en = get("organiser", path);
        assertThat(en.status()).as(en.raw()).isEqualTo(200);
        assertThat(en.headers().firstValue("Content-Language")).hasValue("en");
        assertThat(en.body().get("summary").asText()).startsWith("On the shortlist of A at rank 1.");
        // the same statements, lines and values: only the words differ
        assertThat(zh.body().get("statements")).hasSameSizeAs(en.body().get("statements"));
        for (int i = 0; i < en.body().get("statements").size(); i++) {
            JsonNode e = en.body().get("statements").get(i);
            JsonNode z = zh.body().get("statements").get(i);
            for (String field : List.of("seq", "code", "params")) {
                assertThat(z.get(field)).as(field).isEqualTo(e.get(field));
            }
            assertThat(z.get("text")).isNotEqualTo(e.get("text"));
        }
        // the Chinese is the offline tool's, from the same log
        io.selection.recount.Explanations offline = new io.selection.recount.Explanations();
        AuditTrail.fold(AuditTrail.lines(get("auditor", "/api/editions/" + id + "/events").raw()),
                (event, seq) -> offline.apply(seq, event));
        assertThat(zh.body()).isEqualTo(JSON.readTree(JSON.writeValueAsString(
                Wording.render(offline.explain("A1", true), Language.ZH))));

        // English for any other preference, and for a header that cannot be read
        for (String other : List.of("en-GB,zh;q=0.5", "fr-FR", "*", "zh;q=0, en;q=0.1", "zh-CN;q=nonsense")) {
            Response r = get("organiser", path, Map.of("Accept-Language", other));
            assertThat(r.status()).as(other + ": " + r.raw()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Language")).as(other).hasValue("en");
            assertThat(r.raw()).as(other).isEqualTo(en.raw());
        }
        assertThat(get("organiser", path, Map.of("Accept-Language", "fr;q=0.9, zh-TW;q=0.8, en;q=0.7")).raw())
                .isEqualTo(zh.raw());
        // ?lang wins over the header; the same log, language and role: the same bytes
        Response asked = get("organiser", path + "?lang=zh", Map.of("Accept-Language", "en-US"));
        assertThat(asked.headers().firstValue("Content-Language")).hasValue("zh-CN");
        assertThat(asked.raw()).isEqualTo(zh.raw());
        assertThat(get("organiser", path + "?lang=en", Map.of("Accept-Language", "zh-CN")).raw()).isEqualTo(en.raw());
        Response bad = get("organiser", path + "?lang=fr");
        assertThat(bad.status()).as(bad.raw()).isEqualTo(400);
        assertThat(bad.body().get("field").asText()).isEqualTo("lang");
        assertThat(bad.body().get("detail").asText()).contains("en", "zh");
    }

    @Test
    void an_unknown_work_is_404_and_a_bad_point_is_400_naming_asOf() {
        VotingEditionSetup.open(http(), "explain-refusals");
        String e = "/api/editions/explain-refusals";
        Response missing = get("auditor", e + "/works/nope/explanation");
        assertThat(missing.status()).as(missing.raw()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("NOT_FOUND");
        for (String bad : List.of("0", "yesterday", "999999")) {
            Response refused = get("auditor", e + "/works/A1/explanation?asOf=" + bad);
            assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
            assertThat(refused.body().get("field").asText()).isEqualTo("asOf");
        }
        assertThat(get("auditor", "/api/editions/no-such-edition/works/A1/explanation").status()).isEqualTo(404);
    }

    private static JsonNode statement(JsonNode explanation, String code) {
        for (JsonNode s : explanation.get("statements")) {
            if (s.get("code").asText().equals(code)) {
                return s;
            }
        }
        throw new AssertionError("no " + code + " in " + explanation.get("statements"));
    }

    private long logSize() {
        return jdbc.queryForObject("SELECT MAX(seq) FROM edition_log WHERE edition_id = ?", Long.class, ID);
    }
}
