package io.selection.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/editions/{e}/reviewers}: the panel of an edition for organisers and auditors, read
 * from the registrations, never with a password or its hash; 403 for the other roles. Fixture
 * {@code rl}, run to its results, with reviewers {@code rl-r} (the support's jury), {@code rl-b}
 * (a Chinese name and organisation, category B) and {@code rl-a} (A and B), registered in that order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewerListHttpTest extends PublishedEditionSupport {

    private static final String ID = "rl";
    private static final String PATH = "/api/editions/" + ID + "/reviewers";

    @BeforeAll
    void edition() {
        runToResults(ID, stage -> {
            if (stage.equals("DRAFT")) {
                register(ID, reviewer("rl-b", "新华社", "B").put("name", "王磊"));
                register(ID, reviewer("rl-a", "Unit", "B", "A"));
            }
        });
    }

    private static List<String> ids(JsonNode reviewers) {
        List<String> ids = new ArrayList<>();
        reviewers.forEach(r -> ids.add(r.path("id").asText()));
        return ids;
    }

    @Test
    void organisers_and_auditors_read_the_registered_reviewers_in_id_order() {
        for (String role : List.of(ORG, AUD)) {
            Response r = get(role, PATH);
            assertThat(r.status()).as(role + ": " + r.raw()).isEqualTo(200);
            assertThat(ids(r.body())).as(role).containsExactly("rl-a", "rl-b", "rl-r");
            JsonNode b = r.body().get(1);
            assertThat(b.path("name").asText()).isEqualTo("王磊");
            assertThat(b.path("organisation").asText()).isEqualTo("新华社");
            assertThat(b.path("categories").toString()).isEqualTo("[\"B\"]");
            assertThat(r.body().get(0).path("categories").toString()).isEqualTo("[\"A\",\"B\"]");
        }
    }

    @Test
    void the_answer_names_each_reviewer_with_no_password_or_hash() {
        Response r = get(AUD, PATH);
        assertThat(r.status()).isEqualTo(200);
        r.body().forEach(reviewer -> {
            List<String> fields = new ArrayList<>();
            reviewer.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactlyInAnyOrder("id", "name", "organisation", "categories");
        });
        // the support registers every reviewer with the password "{id}-secret"; a BCrypt hash starts "$2"
        assertThat(r.raw()).doesNotContain("-secret").doesNotContain("$2a$").doesNotContain("$2b$");
    }

    @Test
    void reviewers_and_voting_front_ends_get_403() {
        refused(403, "FORBIDDEN", () -> get(reviewerLogin("rl-b"), PATH));
        refused(403, "FORBIDDEN", () -> get(GW, PATH));
        assertProblem(get(null, PATH), 401, "UNAUTHENTICATED");
    }

    @Test
    void an_unknown_edition_is_404_and_an_edition_without_reviewers_answers_an_empty_list() {
        assertProblem(get(ORG, "/api/editions/rl-nowhere/reviewers"), 404, "NOT_FOUND");
        create(edition("rl-empty", 2, 1, "A"));
        Response empty = get(AUD, "/api/editions/rl-empty/reviewers");
        assertThat(empty.status()).as(empty.raw()).isEqualTo(200);
        assertThat(empty.body().isArray()).isTrue();
        assertThat(empty.body()).isEmpty();
    }

    @Test
    void after_the_results_no_reviewer_is_registered_but_the_panel_still_signs_in() {
        refused(409, "STAGE_MISMATCH", () -> post(ORG, PATH, reviewer("rl-late", "Unit", "A")));
        assertThat(ids(get(ORG, PATH).body())).containsExactly("rl-a", "rl-b", "rl-r");
        assertProblem(get(reviewerLogin("rl-late"), "/api/editions/" + ID), 401, "UNAUTHENTICATED");
        for (String reviewer : List.of("rl-a", "rl-b", "rl-r")) {
            assertThat(get(reviewerLogin(reviewer), "/api/editions/" + ID).status()).as(reviewer).isEqualTo(200);
        }
    }
}
