package io.selection.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The works list a console pages through, and the list of editions. Fixture {@code wl}, with the
 * shortlist published (quota 2) and wl-a2 then disqualified, so wl-a3 took its place:
 *
 * <pre>
 * A: wl-a1 "Spring in Beijing" Unit        SHORTLISTED
 *    wl-a2 "春天的故事"       " xinhua "   DISQUALIFIED
 *    wl-a3 "Budget"           Xinhua       SHORTLISTED
 *    wl-a4 "Harvest"          Unit         NOT_SHORTLISTED
 *    wl-a5 "Winter"           Unit         NOT_SHORTLISTED
 * B: wl-b1 "Rivers"           Unit         SHORTLISTED
 *    wl-b2 "Spring floods"    XINHUA       SHORTLISTED
 *    wl-b3 "Trains"           Unit         NOT_SHORTLISTED
 * C: wl-c1 "Spring"           Unit         SHORTLISTED
 *    wl-c2 "Sports"           Unit         SHORTLISTED
 * </pre>
 *
 * Reviewers: wl-rn of "Neutral" judges A, B and C; wl-rx of "Xinhua" judges A and B. Both gave each
 * work the same score, where the edition let them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkListHttpTest extends HttpRefusalSupport {

    private static final String ID = "wl";
    private static final String W = "/api/editions/" + ID + "/works";

    private final List<String> scoredByRx = new ArrayList<>();

    @BeforeAll
    void edition() {
        ObjectNode edition = edition(ID, 2, 1, "A", "B", "C");
        edition.putObject("review").put("minScores", 1);
        create(edition);
        register(ID, reviewer("wl-rn", "Neutral", "A", "B", "C"));
        register(ID, reviewer("wl-rx", "Xinhua", "A", "B"));
        advance(ID, "COLLECTING");
        String[][] works = {
                {"wl-a1", "A", "Spring in Beijing", "Unit", "90"}, {"wl-a2", "A", "春天的故事", " xinhua ", "85"},
                {"wl-a3", "A", "Budget", "Xinhua", "80"}, {"wl-a4", "A", "Harvest", "Unit", "70"},
                {"wl-a5", "A", "Winter", "Unit", "60"}, {"wl-b1", "B", "Rivers", "Unit", "90"},
                {"wl-b2", "B", "Spring floods", "XINHUA", "85"}, {"wl-b3", "B", "Trains", "Unit", "80"},
                {"wl-c1", "C", "Spring", "Unit", "90"}, {"wl-c2", "C", "Sports", "Unit", "85"}};
        for (String[] w : works) {
            submit(ID, work(w[0], w[1], w[3]).put("title", w[2]));
        }
        advance(ID, "PRELIMINARY_REVIEW");
        for (String[] w : works) {
            prelim(ID, "wl-rn", w[0], Double.parseDouble(w[4]));
            // wl-rx tries every work with the same score (so no mean moves): the edition decides which count
            Response r = post(reviewerLogin("wl-rx"), W + "/" + w[0] + "/preliminary-scores",
                    score(Double.parseDouble(w[4])));
            if (r.status() == 201) {
                scoredByRx.add(w[0]);
            } else {
                assertThat(r.code()).as(r.raw()).isIn("CONFLICT_OF_INTEREST", "NOT_ASSIGNED");
            }
        }
        advance(ID, "SHORTLIST_PUBLISHED");
        Response out = post(ORG, W + "/wl-a2/disqualification", JSON.createObjectNode().put("reason", "copied"));
        assertThat(out.status()).as(out.raw()).isEqualTo(200);
    }

    private JsonNode list(String query) {
        Response r = get(AUD, W + query);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("works").forEach(w -> ids.add(w.get("id").asText()));
        return ids;
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Nested
    class Filters {

        @Test
        void without_filters_every_work_comes_in_submission_order_with_counts_per_status() {
            JsonNode page = list("");
            assertThat(ids(page)).containsExactly("wl-a1", "wl-a2", "wl-a3", "wl-a4", "wl-a5", "wl-b1", "wl-b2",
                    "wl-b3", "wl-c1", "wl-c2");
            assertThat(page.get("total").asLong()).isEqualTo(10);
            assertThat(page.get("offset").asInt()).isZero();
            assertThat(page.get("limit").asInt()).isEqualTo(50);
            JsonNode counts = page.get("counts");
            List<String> statuses = new ArrayList<>();
            counts.fieldNames().forEachRemaining(statuses::add);
            assertThat(statuses).containsExactly("SUBMITTED", "SHORTLISTED", "NOT_SHORTLISTED", "NOT_SELECTED",
                    "WINNER", "DISQUALIFIED");
            assertThat(counts.get("SHORTLISTED").asLong()).isEqualTo(6);
            assertThat(counts.get("NOT_SHORTLISTED").asLong()).isEqualTo(3);
            assertThat(counts.get("DISQUALIFIED").asLong()).isEqualTo(1);
            assertThat(counts.get("SUBMITTED").asLong()).isZero();
            // each entry is the work's own view
            assertThat(page.get("works").get(1)).isEqualTo(get(ORG, W + "/wl-a2").body());
        }

        @Test
        void the_status_filter_narrows_the_works_but_not_the_counts() {
            JsonNode page = list("?category=A&status=SHORTLISTED");
            assertThat(ids(page)).containsExactly("wl-a1", "wl-a3");
            assertThat(page.get("total").asLong()).isEqualTo(2);
            assertThat(page.get("counts").get("SHORTLISTED").asLong()).isEqualTo(2);
            assertThat(page.get("counts").get("NOT_SHORTLISTED").asLong()).isEqualTo(2);
            assertThat(page.get("counts").get("DISQUALIFIED").asLong()).isEqualTo(1);
            assertThat(ids(list("?status=DISQUALIFIED"))).containsExactly("wl-a2");
        }

        @Test
        void text_matches_the_id_title_or_organisation_ignoring_case() {
            assertThat(ids(list("?q=SPRING"))).containsExactly("wl-a1", "wl-b2", "wl-c1");
            assertThat(ids(list("?q=" + encoded("春天")))).containsExactly("wl-a2");
            assertThat(ids(list("?q=xinhua"))).containsExactly("wl-a2", "wl-a3", "wl-b2");
            assertThat(ids(list("?q=wl-b"))).containsExactly("wl-b1", "wl-b2", "wl-b3");
            JsonNode none = list("?q=nothing-like-this");
            assertThat(none.get("total").asLong()).isZero();
            assertThat(none.get("counts").get("SHORTLISTED").asLong()).isZero();
        }

        @Test
        void a_reviewer_sees_only_the_works_they_may_score() {
            // wl-rx judges A and B, and is of Xinhua: wl-a2 (" xinhua "), wl-a3 and wl-b2 are theirs
            JsonNode page = list("?reviewer=wl-rx");
            assertThat(ids(page)).containsExactly("wl-a1", "wl-a4", "wl-a5", "wl-b1", "wl-b3");
            assertThat(page.get("counts").get("SHORTLISTED").asLong()).isEqualTo(2);
            assertThat(page.get("counts").get("NOT_SHORTLISTED").asLong()).isEqualTo(3);
            assertThat(page.get("counts").get("DISQUALIFIED").asLong()).isZero();
            assertThat(ids(list("?reviewer=wl-rx&status=SHORTLISTED&q=spring"))).containsExactly("wl-a1");
            assertThat(list("?reviewer=wl-rn").get("total").asLong()).isEqualTo(10);
        }

        @Test
        void a_reviewer_sees_exactly_the_works_the_edition_let_them_score() {
            assertThat(ids(list("?reviewer=wl-rx"))).isEqualTo(scoredByRx);
        }

        @Test
        void empty_filters_filter_nothing() {
            assertThat(list("?category=&status=&q=&reviewer=").get("total").asLong()).isEqualTo(10);
        }
    }

    @Nested
    class Paging {

        @Test
        void offset_and_limit_cut_a_page_and_the_total_stays() {
            JsonNode page = list("?offset=3&limit=3");
            assertThat(ids(page)).containsExactly("wl-a4", "wl-a5", "wl-b1");
            assertThat(page.get("total").asLong()).isEqualTo(10);
            assertThat(page.get("offset").asInt()).isEqualTo(3);
            assertThat(page.get("limit").asInt()).isEqualTo(3);
            assertThat(ids(list("?offset=9&limit=3"))).containsExactly("wl-c2");
            assertThat(ids(list("?offset=20"))).isEmpty();
            assertThat(ids(list("?status=NOT_SHORTLISTED&offset=1&limit=1"))).containsExactly("wl-a5");
            assertThat(list("?limit=500").get("works")).hasSize(10);
        }
    }

    @Nested
    class Refusals {

        @Test
        void a_bad_page_is_a_validation_problem_naming_the_field() {
            assertProblem(get(ORG, W + "?limit=0"), 400, "VALIDATION", "limit");
            assertProblem(get(ORG, W + "?limit=501"), 400, "VALIDATION", "limit");
            assertProblem(get(ORG, W + "?limit=ten"), 400, "VALIDATION", "limit");
            assertProblem(get(ORG, W + "?offset=-1"), 400, "VALIDATION", "offset");
            assertProblem(get(ORG, W + "?offset=99999999999"), 400, "VALIDATION", "offset");
        }

        @Test
        void an_unknown_category_or_status_is_a_validation_problem_naming_the_field() {
            Response category = assertProblem(get(ORG, W + "?category=Z"), 400, "VALIDATION", "category");
            assertThat(category.body().get("detail").asText()).contains("Z");
            Response status = assertProblem(get(ORG, W + "?status=WON"), 400, "VALIDATION", "status");
            assertThat(status.body().get("detail").asText()).contains("SHORTLISTED");
            assertProblem(get(ORG, W + "?status=shortlisted"), 400, "VALIDATION", "status");
        }

        @Test
        void an_unknown_reviewer_or_edition_is_not_found() {
            Response r = assertProblem(get(ORG, W + "?reviewer=nobody"), 404, "NOT_FOUND");
            assertThat(r.body().get("detail").asText()).contains("nobody");
            assertProblem(get(ORG, "/api/editions/no-such-edition/works"), 404, "NOT_FOUND");
        }

        @Test
        void the_list_is_for_organisers_reviewers_and_auditors() {
            assertThat(get(reviewerLogin("wl-rx"), W + "?reviewer=wl-rx").status()).isEqualTo(200);
            assertProblem(get(GW, W), 403, "FORBIDDEN");
            assertProblem(get(null, W), 401, "UNAUTHENTICATED");
        }
    }

    @Nested
    class Editions {

        @Test
        void every_signed_in_role_lists_the_editions_in_id_order() {
            for (String user : List.of(ORG, AUD, GW, reviewerLogin("wl-rx"))) {
                Response r = get(user, "/api/editions");
                assertThat(r.status()).as(user + ": " + r.raw()).isEqualTo(200);
                List<String> ids = new ArrayList<>();
                r.body().forEach(e -> ids.add(e.get("id").asText()));
                assertThat(ids).contains("2023", ID).isSorted();
            }
            JsonNode wl = null;
            for (JsonNode e : get(ORG, "/api/editions").body()) {
                if (e.get("id").asText().equals(ID)) {
                    wl = e;
                }
            }
            assertThat(wl).isEqualTo(get(ORG, "/api/editions/" + ID).body());
            assertThat(wl.get("stage").asText()).isEqualTo("SHORTLIST_PUBLISHED");
            assertThat(wl.get("works").asInt()).isEqualTo(10);
        }

        @Test
        void listing_the_editions_needs_a_sign_in() {
            assertProblem(get(null, "/api/editions"), 401, "UNAUTHENTICATED");
        }
    }
}
