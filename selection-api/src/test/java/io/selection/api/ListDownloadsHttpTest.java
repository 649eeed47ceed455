package io.selection.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CSV downloads of the lists, over the edition of {@link PublishedEditionSupport}: what a
 * spreadsheet needs (byte-order mark, CRLF, quoting, no formulas), the same values and digests as
 * the JSON lists, and the same stage rules and roles.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListDownloadsHttpTest extends PublishedEditionSupport {

    private static final String ID = "dl";
    private static final String E = "/api/editions/" + ID;

    private final Map<String, Response> early = new LinkedHashMap<>();
    private HttpResponse<String> acceptingOnlyCsv;

    @BeforeAll
    void publish() {
        runToResults(ID, stage -> {
            if (stage.equals("PRELIMINARY_REVIEW")) {
                early.put("shortlist", get(ORG, E + "/shortlist.csv"));
                early.put("final-ranking", get(ORG, E + "/final-ranking.csv"));
                acceptingOnlyCsv = raw("GET", E + "/shortlist.csv", Map.of("Accept", "text/csv", "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString("organiser:organiser".getBytes(UTF_8))), null);
            } else if (stage.equals("VOTING")) {
                early.put("winners", get(AUD, E + "/winners.csv"));
            }
        });
    }

    @Test
    void the_shortlist_downloads_with_a_bom_crlf_quoting_and_no_formulas() {
        HttpResponse<byte[]> r = download(AUD, E + "/shortlist.csv");
        // \r marks each CRLF row end
        assertThat(csvText(r)).isEqualTo("""
                category,rank,workId,title,preliminaryScore\r
                A,1,dl-a1,春天的故事：深圳四十年,90.00\r
                A,2,dl-a2,"Budget, ""revised"" edition",85.00\r
                A,3,dl-a3,"'=HYPERLINK(""http://evil.example"",""click"")",80.00\r
                B,1,dl-b1,'-5 °C in Harbin,90.00\r
                B,2,dl-b2,'@everyone read this,85.00\r
                B,3,dl-b3,'+86 hotline,80.00\r
                """);
        assertThat(header(r, "Content-Disposition")).isEqualTo("attachment; filename=\"dl-shortlist.csv\"");
        assertDigestsOf(r, get(AUD, E + "/shortlist").body());
    }

    @Test
    void the_preliminary_ranking_of_a_category_keeps_a_line_break_inside_its_quotes() {
        HttpResponse<byte[]> r = download(reviewerLogin(ID + "-r"), E + "/preliminary-ranking.csv?category=A");
        // the line break inside a4's title is a bare LF, inside the quotes
        assertThat(csvText(r)).isEqualTo("""
                category,rank,workId,title,preliminaryScore,scores,disqualified\r
                A,1,dl-a1,春天的故事：深圳四十年,90.00,1,false\r
                A,2,dl-a2,"Budget, ""revised"" edition",85.00,1,false\r
                A,3,dl-a3,"'=HYPERLINK(""http://evil.example"",""click"")",80.00,1,false\r
                A,4,dl-a4,"Line one
                line two",40.00,1,false\r
                """);
        assertThat(header(r, "Content-Disposition"))
                .isEqualTo("attachment; filename=\"dl-preliminary-ranking-A.csv\"");
        assertThat(header(r, "X-List-Digest")).isNull();
        assertProblem(get(ORG, E + "/preliminary-ranking.csv"), 400, "VALIDATION", "category");
        assertProblem(get(ORG, E + "/preliminary-ranking.csv?category=Z"), 422, "UNKNOWN_CATEGORY");
    }

    @Test
    void the_tallies_download_names_titles_and_carries_the_certified_digests() {
        HttpResponse<byte[]> r = download(ORG, E + "/tallies.csv");
        List<String> rows = csvRows(r);
        assertThat(rows.get(0)).isEqualTo("category,workId,title,validVotes,invalidatedVotes");
        assertThat(rows).contains("A,dl-a1,春天的故事：深圳四十年,2,0", "A,dl-a2,\"Budget, \"\"revised\"\" edition\",1,0",
                "B,dl-b2,'@everyone read this,1,0", "B,dl-b1,'-5 °C in Harbin,0,0");
        JsonNode json = get(ORG, E + "/tallies").body();
        int entries = json.get("categories").get("A").size() + json.get("categories").get("B").size();
        assertThat(rows).hasSize(1 + entries);
        assertDigestsOf(r, json);
    }

    @Test
    void the_winners_and_the_final_ranking_download_with_every_score() {
        HttpResponse<byte[]> winners = download(reviewerLogin(ID + "-r"), E + "/winners.csv");
        assertThat(csvText(winners)).isEqualTo("""
                category,rank,workId,title,juryScore,validVotes,voteScore,finalScore\r
                A,1,dl-a1,春天的故事：深圳四十年,80.00,2,100.00,86.00\r
                A,2,dl-a2,"Budget, ""revised"" edition",70.00,1,50.00,64.00\r
                B,1,dl-b2,'@everyone read this,80.00,1,100.00,86.00\r
                B,2,dl-b1,'-5 °C in Harbin,70.00,0,0.00,49.00\r
                """);
        assertThat(header(winners, "Content-Disposition")).isEqualTo("attachment; filename=\"dl-winners.csv\"");
        assertDigestsOf(winners, get(ORG, E + "/winners").body());

        HttpResponse<byte[]> ranking = download(AUD, E + "/final-ranking.csv");
        List<String> rows = csvRows(ranking);
        assertThat(rows).hasSize(1 + 6).contains("A,3,dl-a3,\"'=HYPERLINK(\"\"http://evil.example\"\","
                + "\"\"click\"\")\",60.00,0,0.00,42.00");
        assertThat(header(ranking, "Content-Disposition")).isEqualTo("attachment; filename=\"dl-final-ranking.csv\"");
        assertThat(header(ranking, "X-List-Digest")).isNull();
    }

    /** The download names the digests its JSON list gives, and there are some. */
    private static void assertDigestsOf(HttpResponse<byte[]> csv, JsonNode json) {
        for (String[] pair : new String[][]{{"X-Log-Size", "logSize"}, {"X-Log-Digest", "logDigest"},
                {"X-List-Digest", "listDigest"}}) {
            assertThat(header(csv, pair[0])).as(pair[0]).isNotBlank().isEqualTo(json.get(pair[1]).asText());
        }
    }

    @Test
    void a_list_not_yet_published_is_refused_as_its_json_is() {
        assertProblem(early.get("shortlist"), 409, "STAGE_MISMATCH");
        assertThat(early.get("shortlist").body().path("detail").asText()).contains("PRELIMINARY_REVIEW");
        assertProblem(early.get("final-ranking"), 409, "STAGE_MISMATCH");
        assertProblem(early.get("winners"), 409, "STAGE_MISMATCH");
        assertThat(early.get("winners").body().path("detail").asText()).contains("VOTING");
        assertProblem(get(ORG, "/api/editions/no-such-edition/shortlist.csv"), 404, "NOT_FOUND");
        // a client that accepts only CSV still gets the problem, not a 406 or a 500
        assertThat(acceptingOnlyCsv.statusCode()).as(acceptingOnlyCsv.body()).isEqualTo(409);
        assertThat(acceptingOnlyCsv.headers().firstValue("Content-Type").orElse("")).startsWith(PROBLEM_JSON);
        assertThat(json(acceptingOnlyCsv.body()).path("code").asText()).isEqualTo("STAGE_MISMATCH");
    }

    @Test
    void each_download_admits_the_roles_of_its_json_list() {
        assertProblem(get(reviewerLogin(ID + "-r"), E + "/final-ranking.csv"), 403, "FORBIDDEN");
        for (String list : List.of("/shortlist.csv", "/tallies.csv", "/winners.csv", "/final-ranking.csv",
                "/preliminary-ranking.csv?category=B")) {
            assertProblem(get(GW, E + list), 403, "FORBIDDEN");
            assertProblem(get(null, E + list), 401, "UNAUTHENTICATED");
        }
    }
}
