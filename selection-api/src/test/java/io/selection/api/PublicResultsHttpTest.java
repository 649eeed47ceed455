package io.selection.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public results, read with no credentials at all: only editions with a published list, the
 * lists exactly as signed-in readers get them (digests included), drafts answered as unknown.
 * Fixture: {@code pub} run through every stage (see {@link PublishedEditionSupport}) and
 * {@code pub-draft} left in DRAFT.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicResultsHttpTest extends PublishedEditionSupport {

    private static final String ID = "pub";
    private static final String P = "/api/public/editions";

    private final Map<String, Response> during = new LinkedHashMap<>();

    @BeforeAll
    void publish() {
        create(editionBody("pub-draft", 1, "A"));
        runToResults(ID, stage -> {
            if (stage.equals("PRELIMINARY_REVIEW")) {
                during.put("results-in-review", get(null, P + "/" + ID + "/results"));
                during.put("shortlist-csv-in-review", get(null, P + "/" + ID + "/shortlist.csv"));
            } else if (stage.equals("VOTING")) {
                during.put("editions-in-voting", get(null, P));
                during.put("results-in-voting", get(null, P + "/" + ID + "/results"));
                during.put("shortlist-in-voting", get(ORG, "/api/editions/" + ID + "/shortlist"));
                during.put("winners-csv-in-voting", get(null, P + "/" + ID + "/winners.csv"));
                during.put("work-in-voting", get(null, P + "/" + ID + "/works/" + ID + "-a1"));
            }
        });
    }

    private static JsonNode byId(JsonNode editions, String id) {
        for (JsonNode e : editions) {
            if (e.path("id").asText().equals(id)) {
                return e;
            }
        }
        return null;
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void anyone_lists_the_editions_with_a_published_list_and_no_draft() {
        Response r = get(null, P);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        JsonNode pub = byId(r.body(), ID);
        assertThat(pub).isNotNull();
        assertThat(fields(pub)).containsExactly("id", "title", "theme", "stage", "shortlistPublished",
                "resultsPublished");
        assertThat(pub.get("title").asText()).isEqualTo("Test edition pub");
        assertThat(pub.get("stage").asText()).isEqualTo("RESULTS_PUBLISHED");
        assertThat(pub.get("shortlistPublished").asBoolean()).isTrue();
        assertThat(pub.get("resultsPublished").asBoolean()).isTrue();
        assertThat(byId(r.body(), "pub-draft")).isNull();
        assertThat(byId(r.body(), "2023")).isNull();
        r.body().forEach(e -> assertThat(e.get("shortlistPublished").asBoolean()).isTrue());

        JsonNode voting = byId(during.get("editions-in-voting").body(), ID);
        assertThat(voting.get("stage").asText()).isEqualTo("VOTING");
        assertThat(voting.get("resultsPublished").asBoolean()).isFalse();
    }

    @Test
    void the_results_are_the_signed_in_lists_with_the_same_digests() {
        Response r = get(null, P + "/" + ID + "/results");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        JsonNode results = r.body();
        assertThat(fields(results)).containsExactly("edition", "shortlist", "winners", "validVotes");
        assertThat(results.get("validVotes").asLong()).as("a1 2, a2 1, b2 1").isEqualTo(4);
        JsonNode edition = results.get("edition");
        assertThat(fields(edition)).containsExactly("id", "title", "theme", "stage", "timeZone", "categories");
        assertThat(edition.get("timeZone").asText()).isEqualTo("Asia/Shanghai");
        assertThat(fields(edition.get("categories").get(0)))
                .containsExactly("code", "name", "shortlistQuota", "finalQuota");
        assertThat(edition.get("categories").get(1).get("finalQuota").asInt()).isEqualTo(2);

        JsonNode shortlist = get(AUD, "/api/editions/" + ID + "/shortlist").body();
        JsonNode winners = get(AUD, "/api/editions/" + ID + "/winners").body();
        assertThat(results.get("shortlist")).isEqualTo(shortlist);
        assertThat(results.get("winners")).isEqualTo(winners);
        assertThat(results.get("winners").get("listDigest").asText()).isNotBlank();
        assertThat(results.get("shortlist").get("categories").get("A").get(0).get("title").asText())
                .isEqualTo(title("a1"));
    }

    @Test
    void before_the_results_the_shortlist_is_public_and_the_winners_are_null() {
        JsonNode results = during.get("results-in-voting").body();
        assertThat(results.get("edition").get("stage").asText()).isEqualTo("VOTING");
        assertThat(results.get("shortlist")).isEqualTo(during.get("shortlist-in-voting").body());
        assertThat(results.has("winners")).isTrue();
        assertThat(results.get("winners").isNull()).isTrue();
        assertThat(results.get("validVotes").isNull()).isTrue();
        assertProblem(during.get("winners-csv-in-voting"), 409, "STAGE_MISMATCH");
    }

    @Test
    void an_edition_with_nothing_published_is_not_found_like_one_that_does_not_exist() {
        Response draft = assertProblem(get(null, P + "/pub-draft/results"), 404, "NOT_FOUND");
        Response none = assertProblem(get(null, P + "/no-such-edition/results"), 404, "NOT_FOUND");
        assertThat(draft.body().get("detail").asText())
                .isEqualTo(none.body().get("detail").asText().replace("no-such-edition", "pub-draft"));
        assertProblem(during.get("results-in-review"), 404, "NOT_FOUND");
        assertProblem(during.get("shortlist-csv-in-review"), 404, "NOT_FOUND");
        assertProblem(get(null, P + "/pub-draft/winners.csv"), 404, "NOT_FOUND");
        assertProblem(get(null, P + "/no-such-edition/shortlist.csv"), 404, "NOT_FOUND");
    }

    @Test
    void the_public_downloads_are_the_signed_in_ones_byte_for_byte() {
        for (String list : List.of("shortlist", "winners")) {
            HttpResponse<byte[]> open = download(null, P + "/" + ID + "/" + list + ".csv");
            HttpResponse<byte[]> signedIn = download(ORG, "/api/editions/" + ID + "/" + list + ".csv");
            List<String> rows = csvRows(open);
            assertThat(rows).hasSizeGreaterThan(1);
            assertThat(open.body()).isEqualTo(signedIn.body());
            for (String h : List.of("X-Log-Size", "X-Log-Digest", "X-List-Digest", "Content-Disposition")) {
                assertThat(header(open, h)).as(h).isNotNull().isEqualTo(header(signedIn, h));
            }
        }
    }

    @Test
    void a_work_of_the_published_lists_is_public_once_the_results_are_with_its_place_scores_and_why() {
        Response r = get(null, P + "/" + ID + "/works/" + ID + "-a1?lang=en");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        JsonNode work = r.body();
        assertThat(fields(work)).containsExactly("editionId", "workId", "title", "category", "categoryName",
                "organisation", "shortlistRank", "finalRank", "winnerRank", "finalScore", "juryScore", "juryPart",
                "voteScore", "votePart", "validVotes", "weights", "logSize", "language", "summary", "statements");
        assertThat(work.get("title").asText()).isEqualTo(title("a1"));
        assertThat(work.get("organisation").asText()).isEqualTo("人民日报社");
        assertThat(work.get("language").asText()).isEqualTo("en");
        assertThat(r.headers().firstValue("Content-Language")).contains("en");
        // the same place and scores as the published winners list
        JsonNode listed = get(null, P + "/" + ID + "/results").body().get("winners").get("categories").get("A").get(0);
        assertThat(listed.get("workId").asText()).isEqualTo(ID + "-a1");
        assertThat(work.get("winnerRank").asInt()).isEqualTo(listed.get("rank").asInt()).isEqualTo(1);
        assertThat(work.get("finalRank").asInt()).isEqualTo(1);
        assertThat(work.get("shortlistRank").asInt()).isEqualTo(1);
        for (String field : List.of("finalScore", "juryScore", "voteScore", "validVotes")) {
            assertThat(work.get(field).decimalValue()).as(field).isEqualByComparingTo(listed.get(field).decimalValue());
        }
        assertThat(work.get("juryPart").decimalValue().add(work.get("votePart").decimalValue()))
                .isEqualByComparingTo(work.get("finalScore").decimalValue());
        JsonNode statements = work.get("statements");
        assertThat(statements.get(0).get("code").asText()).isEqualTo("SUMMARY");
        assertThat(statements.get(0).get("text").asText()).isEqualTo(work.get("summary").asText());
        statements.forEach(s -> assertThat(fields(s)).containsExactly("seq", "code", "text"));
        List<String> codes = new ArrayList<>();
        statements.forEach(s -> codes.add(s.get("code").asText()));
        assertThat(codes).contains("VOTES", "FINAL_SCORE", "RESULTS_PUBLISHED", "PRELIMINARY_MEAN", "JURY_MEAN")
                .doesNotContain("PRELIMINARY_SCORE", "JURY_SCORE");

        // the signed-in explanation names the reviewer; the public page does not, anywhere
        String reviewer = ID + "-r";
        assertThat(get(AUD, "/api/editions/" + ID + "/works/" + ID + "-a1/explanation?lang=en").raw())
                .contains(reviewer);
        assertThat(r.raw()).doesNotContain(reviewer).doesNotContain("reviewerId");

        // in Chinese, from the browser's Accept-Language; a shortlisted work that did not win
        Response zh = get(null, P + "/" + ID + "/works/" + ID + "-a3", Map.of("Accept-Language", "zh-CN,zh;q=0.9"));
        assertThat(zh.status()).as(zh.raw()).isEqualTo(200);
        assertThat(zh.body().get("language").asText()).isEqualTo("zh-CN");
        assertThat(zh.body().get("winnerRank").isNull()).isTrue();
        assertThat(zh.body().get("finalRank").asInt()).isEqualTo(3);
        assertThat(zh.body().get("summary").asText()).containsPattern("\\p{IsHan}");
        assertThat(zh.raw()).doesNotContain(reviewer);
    }

    @Test
    void a_work_is_not_found_before_the_results_off_the_lists_or_in_a_draft() {
        assertProblem(during.get("work-in-voting"), 404, "NOT_FOUND");
        assertProblem(get(null, P + "/" + ID + "/works/" + ID + "-a4"), 404, "NOT_FOUND"); // not shortlisted
        assertProblem(get(null, P + "/" + ID + "/works/no-such-work"), 404, "NOT_FOUND");
        assertProblem(get(null, P + "/pub-draft/works/pub-draft-a1"), 404, "NOT_FOUND");
        assertProblem(get(null, P + "/" + ID + "/works/" + ID + "-a1?lang=fr"), 400, "VALIDATION");
    }

    @Test
    void only_reads_are_open_to_everyone() {
        refused(401, "UNAUTHENTICATED", () -> post(null, P + "/" + ID + "/results", "{}"));
    }
}
