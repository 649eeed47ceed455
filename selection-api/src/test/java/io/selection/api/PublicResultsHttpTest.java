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
        assertThat(fields(results)).containsExactly("edition", "shortlist", "winners");
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
    void only_reads_are_open_to_everyone() {
        refused(401, "UNAUTHENTICATED", () -> post(null, P + "/" + ID + "/results", "{}"));
    }
}
