package io.selection.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every kind of bad input gets a problem with the right status and code, names the field at
 * fault, and leaves the event log as it was; no input, however malformed, gives a 5xx.
 *
 * <p>Fixture editions, all of this class only: {@code bi-draft} (DRAFT), {@code bi-collect}
 * (COLLECTING, work c1), {@code bi-review} (PRELIMINARY_REVIEW, minimum 2 scores), {@code bi-done}
 * (RESULTS_PUBLISHED, no works) and {@code bi-voting} (VOTING, works v1 and v2 shortlisted).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest extends HttpRefusalSupport {

    static final String DRAFT = "bi-draft";
    static final String COLLECT = "bi-collect";
    static final String REVIEW = "bi-review";
    static final String DONE = "bi-done";
    static final String VOTING = "bi-voting";
    static final String REV1 = "bi-rev-1";
    static final String REV2 = "bi-rev-2";
    static final String E = "/api/editions/";
    /** Beijing 2024-02-28 10:00, inside the voting window. */
    static final String IN_WINDOW = "2024-02-28T02:00:00Z";

    @BeforeAll
    void editions() {
        create(editionBody(DRAFT, 1, "A", "B"));

        create(editionBody(COLLECT, 1, "A", "B"));
        register(COLLECT, reviewer("bi-rev-c", "RC", "A"));
        advance(COLLECT, "COLLECTING");
        submit(COLLECT, work("c1", "A", "Unit"));

        // r1 has two scores, r2 one, r3/rb/rcoi none; rdq is disqualified (and so needs none).
        create(editionBody(REVIEW, 2, "A", "B"));
        register(REVIEW, reviewer(REV1, "R1", "A", "B"));
        register(REVIEW, reviewer(REV2, "R2", "A"));
        advance(REVIEW, "COLLECTING");
        for (String w : List.of("r1", "r2", "r3", "rdq")) {
            submit(REVIEW, work(w, "A", "Unit"));
        }
        submit(REVIEW, work("rb", "B", "Unit"));
        submit(REVIEW, work("rcoi", "A", " r1 "));
        advance(REVIEW, "PRELIMINARY_REVIEW");
        prelim(REVIEW, REV1, "r1", 80);
        prelim(REVIEW, REV2, "r1", 70);
        prelim(REVIEW, REV1, "r2", 60);
        assertThat(post(ORG, E + REVIEW + "/works/rdq/disqualification",
                JSON.createObjectNode().put("reason", "plagiarism")).status()).isEqualTo(200);

        create(editionBody(DONE, 1, "A"));
        advance(DONE, "COLLECTING", "PRELIMINARY_REVIEW", "SHORTLIST_PUBLISHED", "VOTING", "FINAL_REVIEW",
                "RESULTS_PUBLISHED");

        create(editionBody(VOTING, 1, "A"));
        register(VOTING, reviewer("bi-rev-v", "RV", "A"));
        advance(VOTING, "COLLECTING");
        submit(VOTING, work("v1", "A", "Unit"));
        submit(VOTING, work("v2", "A", "Unit"));
        advance(VOTING, "PRELIMINARY_REVIEW");
        prelim(VOTING, "bi-rev-v", "v1", 90);
        prelim(VOTING, "bi-rev-v", "v2", 80);
        advance(VOTING, "SHORTLIST_PUBLISHED", "VOTING");
    }

    // ------------------------------------------------------------------ bodies that are not JSON objects

    static Stream<Arguments> commandEndpoints() {
        return Stream.of(
                arguments(ORG, "/api/editions"),
                arguments(ORG, E + COLLECT + "/transitions"),
                arguments(ORG, E + COLLECT + "/works"),
                arguments(ORG, E + COLLECT + "/reviewers"),
                arguments(ORG, E + COLLECT + "/works/c1/disqualification"),
                arguments(reviewerLogin(REV1), E + REVIEW + "/works/r1/preliminary-scores"),
                arguments(reviewerLogin(REV1), E + REVIEW + "/works/r1/final-scores"),
                arguments(GW, E + VOTING + "/votes"));
    }

    static Stream<Arguments> unreadableBodies() {
        List<String> bodies = List.of("{\"id\": \"x\",", "", "[{\"id\":\"x\"}]", "null", "\"a string\"", "42",
                "{\"id\":\"x\",\"title\":\"t", "{'id': 'x'}", "\u0000\u0001");
        return commandEndpoints().flatMap(endpoint -> bodies.stream()
                .map(body -> arguments(endpoint.get()[0], endpoint.get()[1], body)));
    }

    @Nested
    class UnreadableBodies {

        @Test
        void refuses_malformed_json_with_400_naming_the_body() {
            Response r = refused(400, "VALIDATION", "body", () -> post(ORG, "/api/editions", "{\"id\": \"bi-x\","));
            assertThat(r.body().path("detail").asText()).containsIgnoringCase("JSON");
        }

        @Test
        void refuses_an_empty_body_with_400_naming_the_body() {
            Response r = refused(400, "VALIDATION", "body", () -> post(ORG, "/api/editions", ""));
            assertThat(r.body().path("detail").asText()).contains("missing");
        }

        @Test
        void refuses_a_json_array_instead_of_an_object() {
            ArrayNode array = JSON.createArrayNode().add(edition("bi-in-array", 4, 2, "A"));
            refused(400, "VALIDATION", "body", () -> post(ORG, "/api/editions", array));
            assertThat(get(ORG, E + "bi-in-array").status()).isEqualTo(404);
        }

        @Test
        void refuses_json_null_as_a_body() {
            refused(400, "VALIDATION", "body", () -> post(ORG, "/api/editions", "null"));
        }

        @ParameterizedTest(name = "{1} <- {2}")
        @MethodSource("io.selection.api.BadInputTest#unreadableBodies")
        void refuses_an_unreadable_body_on_every_command_endpoint(String user, String path, String body) {
            Response r = refused(400, "VALIDATION", () -> post(user, path, body));
            // A body cut inside a value is blamed on that value where Jackson knows it, otherwise on the body.
            assertThat(r.body().path("field").asText()).isIn("body", "title");
        }
    }

    // ------------------------------------------------------------------ wrong types and formats

    @Nested
    class WrongTypes {

        @Test
        void refuses_a_string_for_a_quota_naming_the_quota() {
            ObjectNode e = edition("bi-wt-1", 4, 2, "A");
            category(e).put("finalQuota", "ten");
            refused(400, "VALIDATION", "categories[0].finalQuota", () -> post(ORG, "/api/editions", e));

            ObjectNode s = edition("bi-wt-1", 4, 2, "A");
            category(s).put("shortlistQuota", "many");
            refused(400, "VALIDATION", "categories[0].shortlistQuota", () -> post(ORG, "/api/editions", s));
        }

        @ParameterizedTest
        @ValueSource(strings = {"2.5", "1e20", "true", "[2]", "{\"n\":2}"})
        void refuses_a_quota_that_is_not_an_int(String quota) {
            String body = edition("bi-wt-2", 4, 2, "A").toString().replace("\"finalQuota\":2", "\"finalQuota\":" + quota);
            refused(400, "VALIDATION", "categories[0].finalQuota", () -> post(ORG, "/api/editions", body));
        }

        @ParameterizedTest
        @ValueSource(strings = {"01/01/2023", "2023-1-1", "2023-02-30", "2023-13-01", "20230101", "soon"})
        void refuses_a_date_in_the_wrong_format(String date) {
            ObjectNode e = edition("bi-wt-3", 4, 2, "A").put("eligibleFrom", date);
            refused(400, "VALIDATION", "eligibleFrom", () -> post(ORG, "/api/editions", e));
            ObjectNode w = work("bi-wt-3", "A", "Unit").put("publishedOn", date);
            refused(400, "VALIDATION", "publishedOn", () -> post(ORG, E + COLLECT + "/works", w));
        }

        @ParameterizedTest
        @ValueSource(strings = {"2024-02-27T00:00:00", "2024-02-27", "2024-02-27 00:00:00Z", "2024-02-27T00:00:00+25:00",
                "tomorrow"})
        void refuses_an_instant_without_a_zone_or_in_another_format(String instant) {
            ObjectNode e = edition("bi-wt-4", 4, 2, "A");
            ((ObjectNode) e.get("voting")).put("opensAt", instant);
            refused(400, "VALIDATION", "voting.opensAt", () -> post(ORG, "/api/editions", e));
        }

        @Test
        void refuses_an_object_for_a_title() {
            ObjectNode e = edition("bi-wt-5", 4, 2, "A");
            e.putObject("title").put("text", "a title");
            refused(400, "VALIDATION", "title", () -> post(ORG, "/api/editions", e));
        }

        @ParameterizedTest
        @ValueSource(strings = {"FINISHED", "collecting", "", "COLLECTING,VOTING"})
        void refuses_an_unknown_stage_name(String stage) {
            refused(400, "VALIDATION", "to", () -> post(ORG, E + DRAFT + "/transitions", to(stage)));
            assertThat(get(ORG, E + DRAFT).body().path("stage").asText()).isEqualTo("DRAFT");
        }

        @Test
        void refuses_a_number_for_a_date_an_instant_or_a_stage() {
            ObjectNode e = edition("bi-wt-6", 4, 2, "A").put("eligibleFrom", 19358);
            refused(400, "VALIDATION", "eligibleFrom", () -> post(ORG, "/api/editions", e));

            ObjectNode w = work("bi-wt-6", "A", "Unit").put("publishedOn", 20230601);
            refused(400, "VALIDATION", "publishedOn", () -> post(ORG, E + COLLECT + "/works", w));

            ObjectNode t = work("bi-wt-6", "A", "Unit").put("publishedOn", "2023-06-01T00:00:00Z");
            refused(400, "VALIDATION", "publishedOn", () -> post(ORG, E + COLLECT + "/works", t));

            ObjectNode v = vote("bi-wt-6", "bi-voter-wt6", "v1", IN_WINDOW).put("castAt", 1709085600);
            refused(400, "VALIDATION", "castAt", () -> post(GW, E + VOTING + "/votes", v));

            refused(400, "VALIDATION", "to", () -> post(ORG, E + DRAFT + "/transitions", "{\"to\":1}"));
        }
    }

    // ------------------------------------------------------------------ missing required fields

    @Nested
    class MissingFields {

        @ParameterizedTest
        @ValueSource(strings = {"id", "title", "eligibleFrom", "eligibleTo", "categories", "voting", "voting.opensAt",
                "voting.closesAt", "categories[0].code", "categories[0].name", "categories[0].finalQuota"})
        void refuses_an_edition_without_a_required_field_naming_it(String field) {
            ObjectNode e = edition("bi-mf-1", 4, 2, "A");
            remove(e, field);
            refused(400, "VALIDATION", field, () -> post(ORG, "/api/editions", e));
        }

        @Test
        void an_omitted_shortlist_quota_is_twice_the_final_quota() {
            ObjectNode e = edition("bi-mf-2", 4, 3, "A");
            category(e).remove("shortlistQuota");
            Response r = post(ORG, "/api/editions", e);
            assertThat(r.status()).isEqualTo(201);
            assertThat(r.body().at("/categories/0/shortlistQuota").asInt()).isEqualTo(6);
        }

        @ParameterizedTest
        @ValueSource(strings = {"id", "title", "url", "category", "publishedOn"})
        void refuses_a_work_without_a_required_field_naming_it(String field) {
            ObjectNode w = work("bi-mf-w", "A", "Unit");
            w.remove(field);
            refused(400, "VALIDATION", field, () -> post(ORG, E + COLLECT + "/works", w));
        }

        @ParameterizedTest
        @ValueSource(strings = {"voterId", "workId", "castAt"})
        void refuses_a_vote_without_a_required_field_naming_it(String field) {
            ObjectNode v = vote("bi-mf-v-" + field, "bi-voter-mf", "v1", IN_WINDOW);
            v.remove(field);
            refused(400, "VALIDATION", field, () -> post(GW, E + VOTING + "/votes", v));
        }

        @ParameterizedTest
        @ValueSource(strings = {"id", "name", "categories", "password"})
        void refuses_a_reviewer_without_a_required_field_naming_it(String field) {
            ObjectNode r = reviewer("bi-rev-mf", "RM", "A");
            r.remove(field);
            refused(400, "VALIDATION", field, () -> post(ORG, E + DRAFT + "/reviewers", r));
        }

        @Test
        void refuses_a_transition_a_disqualification_and_a_score_without_their_one_field() {
            refused(400, "VALIDATION", "to", () -> post(ORG, E + DRAFT + "/transitions", "{}"));
            refused(400, "VALIDATION", "reason", () -> post(ORG, E + COLLECT + "/works/c1/disqualification", "{}"));
            refused(400, "VALIDATION", "reason",
                    () -> post(ORG, E + COLLECT + "/works/c1/disqualification", "{\"reason\":\"   \"}"));
            refused(400, "VALIDATION", "score",
                    () -> post(reviewerLogin(REV1), E + REVIEW + "/works/r1/preliminary-scores", "{}"));
        }
    }

    // ------------------------------------------------------------------ ids

    static Stream<String> badIds() {
        return Stream.of("bad id", "semi;colon", "slash/x", "ünï", "正能量", "", "tab\t", "x".repeat(65),
                "emoji🌟");
    }

    @Nested
    class Ids {

        @ParameterizedTest
        @MethodSource("io.selection.api.BadInputTest#badIds")
        void refuses_an_edition_id_outside_the_id_rule(String id) {
            refused(400, "VALIDATION", "id", () -> post(ORG, "/api/editions", edition(id, 4, 2, "A")));
        }

        @ParameterizedTest
        @MethodSource("io.selection.api.BadInputTest#badIds")
        void refuses_work_reviewer_and_vote_ids_outside_the_id_rule(String id) {
            ObjectNode w = work("x", "A", "Unit").put("id", id);
            refused(400, "VALIDATION", "id", () -> post(ORG, E + COLLECT + "/works", w));
            ObjectNode reviewer = reviewer(id, "RX", "A").put("password", "a-good-password");
            refused(400, "VALIDATION", "id", () -> post(ORG, E + DRAFT + "/reviewers", reviewer));
            ObjectNode v = vote(id, "bi-voter-id", "v1", IN_WINDOW);
            refused(400, "VALIDATION", "id", () -> post(GW, E + VOTING + "/votes", v));
            ObjectNode v2 = vote("bi-ids-v", "bi-voter-id", id, IN_WINDOW);
            refused(400, "VALIDATION", "workId", () -> post(GW, E + VOTING + "/votes", v2));
        }

        @Test
        void refuses_a_category_code_outside_the_id_rule() {
            refused(400, "VALIDATION", "categories[0].code",
                    () -> post(ORG, "/api/editions", edition("bi-id-cat", 4, 2, "A B")));
        }

        @Test
        void accepts_ids_of_exactly_64_characters() {
            String editionId = "bi-" + "6".repeat(61);
            assertThat(editionId).hasSize(64);
            create(edition(editionId, 4, 2, "A"));
            assertThat(get(ORG, E + editionId).body().path("id").asText()).isEqualTo(editionId);

            String workId = "w" + "4".repeat(63);
            submit(COLLECT, work(workId, "A", "Unit"));
            assertThat(workView(COLLECT, workId).path("id").asText()).isEqualTo(workId);
        }
    }

    // ------------------------------------------------------------------ unknown editions and works

    static Stream<Arguments> unknownTargets() {
        String nope = E + "bi-nope";
        String work = work0("w1").toString();
        String vote = vote("bi-nf-v", "bi-voter-nf", "v1", IN_WINDOW).toString();
        String reason = "{\"reason\":\"copied\"}";
        String aScore = "{\"score\":50}";
        return Stream.of(
                arguments(ORG, "GET", nope, null),
                arguments(ORG, "POST", nope + "/transitions", "{\"to\":\"COLLECTING\"}"),
                arguments(ORG, "POST", nope + "/works", work),
                arguments(ORG, "POST", nope + "/works:import", work),
                arguments(ORG, "POST", nope + "/reviewers",
                        "{\"id\":\"bi-rev-nf\",\"name\":\"n\",\"categories\":[\"A\"],\"password\":\"password1\"}"),
                arguments(ORG, "POST", nope + "/works/w1/disqualification", reason),
                arguments(ORG, "GET", nope + "/works/w1", null),
                arguments(ORG, "GET", nope + "/tallies", null),
                arguments(reviewerLogin(REV1), "POST", nope + "/works/r1/preliminary-scores", aScore),
                arguments(GW, "POST", nope + "/votes", vote),
                arguments(GW, "POST", nope + "/votes:batch", vote),
                arguments(GW, "GET", nope + "/votes/v1", null),
                arguments(ORG, "GET", E + COLLECT + "/works/nope", null),
                arguments(ORG, "GET", E + COLLECT + "/works/nope/history", null),
                arguments(ORG, "POST", E + COLLECT + "/works/nope/disqualification", reason),
                arguments(reviewerLogin(REV1), "POST", E + REVIEW + "/works/nope/preliminary-scores", aScore),
                arguments(GW, "GET", E + VOTING + "/votes/nope", null));
    }

    static ObjectNode work0(String id) {
        return JSON.createObjectNode().put("id", id).put("title", "Work " + id)
                .put("url", "https://news.example.cn/" + id).put("category", "A")
                .put("publishedOn", "2023-06-01").put("organisation", "Unit");
    }

    @Nested
    class NotFound {

        @ParameterizedTest(name = "{1} {2}")
        @MethodSource("io.selection.api.BadInputTest#unknownTargets")
        void answers_404_for_an_unknown_edition_or_work(String user, String method, String path, String body) {
            String type = body == null ? null
                    : path.endsWith(":import") || path.endsWith(":batch") ? "application/x-ndjson" : "application/json";
            refused(404, "NOT_FOUND", () -> send(user, method, path, type, body));
        }

        @Test
        void a_reviewer_refused_for_an_unknown_edition_gets_no_account() {
            refused(404, "NOT_FOUND", () -> post(ORG, E + "bi-nope/reviewers", reviewer("bi-rev-nf2", "R", "A")));
            assertProblem(get(reviewerLogin("bi-rev-nf2"), E + DRAFT), 401, "UNAUTHENTICATED");
        }
    }

    // ------------------------------------------------------------------ wrong stage

    @Nested
    class WrongStage {

        @Test
        void refuses_a_work_submitted_in_draft_naming_the_stage() {
            Response r = refused(409, "STAGE_MISMATCH", () -> post(ORG, E + DRAFT + "/works", work("d1", "A", "U")));
            assertThat(r.body().path("detail").asText()).contains("DRAFT");
        }

        @Test
        void refuses_every_line_of_an_import_in_draft() {
            long before = eventCount();
            Response r = postNdjson(ORG, E + DRAFT + "/works:import",
                    work("d2", "A", "U") + "\n" + work("d3", "B", "U") + "\n");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body().path("accepted").asInt()).isZero();
            assertThat(r.body().path("refused")).hasSize(2);
            r.body().path("refused").forEach(line -> assertThat(line.path("code").asText()).isEqualTo("STAGE_MISMATCH"));
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void refuses_a_preliminary_score_while_collecting_naming_the_stage() {
            Response r = refused(409, "STAGE_MISMATCH",
                    () -> post(reviewerLogin("bi-rev-c"), E + COLLECT + "/works/c1/preliminary-scores", score(50)));
            assertThat(r.body().path("detail").asText()).contains("COLLECTING");
        }

        @Test
        void refuses_a_final_score_in_preliminary_review() {
            Response r = refused(409, "STAGE_MISMATCH",
                    () -> post(reviewerLogin(REV1), E + REVIEW + "/works/r1/final-scores", score(50)));
            assertThat(r.body().path("detail").asText()).contains("PRELIMINARY_REVIEW");
        }

        @Test
        void refuses_skipping_a_stage() {
            Response r = refused(409, "STAGE_MISMATCH",
                    () -> post(ORG, E + DRAFT + "/transitions", to("PRELIMINARY_REVIEW")));
            assertThat(r.body().path("detail").asText()).contains("DRAFT");
            refused(409, "STAGE_MISMATCH", () -> post(ORG, E + DRAFT + "/transitions", to("RESULTS_PUBLISHED")));
        }

        @Test
        void refuses_going_backwards_or_standing_still() {
            Response r = refused(409, "STAGE_MISMATCH", () -> post(ORG, E + COLLECT + "/transitions", to("DRAFT")));
            assertThat(r.body().path("detail").asText()).contains("COLLECTING");
            refused(409, "STAGE_MISMATCH", () -> post(ORG, E + COLLECT + "/transitions", to("COLLECTING")));
            refused(409, "STAGE_MISMATCH", () -> post(ORG, E + DONE + "/transitions", to("VOTING")));
            refused(409, "STAGE_MISMATCH", () -> post(ORG, E + DONE + "/transitions", to("RESULTS_PUBLISHED")));
            assertThat(get(ORG, E + COLLECT).body().path("stage").asText()).isEqualTo("COLLECTING");
        }

        @Test
        void refuses_a_reviewer_once_results_are_published_and_keeps_no_account() {
            Response r = refused(409, "STAGE_MISMATCH",
                    () -> post(ORG, E + DONE + "/reviewers", reviewer("bi-rev-late", "RL", "A")));
            assertThat(r.body().path("detail").asText()).contains("RESULTS_PUBLISHED");
            assertProblem(get(reviewerLogin("bi-rev-late"), E + DONE), 401, "UNAUTHENTICATED");
        }

        @Test
        void refuses_a_disqualification_once_results_are_published() {
            refused(409, "STAGE_MISMATCH", () -> post(ORG, E + DONE + "/works/any/disqualification",
                    JSON.createObjectNode().put("reason", "too late")));
        }

        @Test
        void refuses_published_lists_before_they_are_published() {
            assertThat(assertProblem(get(ORG, E + DRAFT + "/shortlist"), 409, "STAGE_MISMATCH").body()
                    .path("detail").asText()).contains("DRAFT");
            assertProblem(get(ORG, E + REVIEW + "/winners"), 409, "STAGE_MISMATCH");
        }
    }

    // ------------------------------------------------------------------ already exists

    @Nested
    class Duplicates {

        @Test
        void refuses_a_second_edition_with_the_same_id() {
            refused(409, "ALREADY_EXISTS", "id", () -> post(ORG, "/api/editions", edition(COLLECT, 4, 2, "Z")));
            refused(409, "ALREADY_EXISTS", "id", () -> post(ORG, "/api/editions", edition("2023", 4, 2, "Z")));
            assertThat(get(ORG, E + COLLECT).body().at("/categories/0/code").asText()).isEqualTo("A");
        }

        @Test
        void refuses_a_second_work_with_the_same_id() {
            ObjectNode w = work("c1", "B", "Other").put("url", "https://other.example.cn/c1-again");
            refused(409, "ALREADY_EXISTS", "id", () -> post(ORG, E + COLLECT + "/works", w));
            assertThat(workView(COLLECT, "c1").path("category").asText()).isEqualTo("A");
        }

        @Test
        void refuses_a_reviewer_whose_account_name_is_taken() {
            refused(409, "ALREADY_EXISTS", "id", () -> post(ORG, E + DRAFT + "/reviewers", reviewer(REV1, "R", "A")));
            refused(409, "ALREADY_EXISTS", "id", () -> post(ORG, E + DRAFT + "/reviewers", reviewer(ORG, "R", "A")));
            assertThat(get(ORG, E + DRAFT).status()).as("the organiser's password is untouched").isEqualTo(200);
        }
    }

    // ------------------------------------------------------------------ domain rules (422, and INCOMPLETE_REVIEW)

    static Stream<Arguments> inconsistentRules() {
        return Stream.of(
                arguments("eligibleTo", "eligibleTo", "2022-12-31"),
                arguments("timeZone", "timeZone", "Mars/Olympus_Mons"),
                arguments("voting.closesAt", "voting.closesAt", "2024-02-01T00:00:00Z"),
                arguments("weights.jury", "weights", 90),
                arguments("review.trimFrom", "review.trimFrom", 2),
                arguments("voting.perWorkPerDay", "voting.perWorkPerDay", 0));
    }

    @Nested
    class DomainRules {

        @Test
        void refuses_a_shortlist_quota_below_the_final_quota() {
            Response r = refused(422, "QUOTA_MISMATCH", "categories",
                    () -> post(ORG, "/api/editions", edition("bi-dr-1", 2, 3, "A")));
            assertThat(r.body().path("detail").asText()).contains("A");
            refused(422, "QUOTA_MISMATCH", () -> post(ORG, "/api/editions", edition("bi-dr-1", 0, 0, "A")));
            assertThat(get(ORG, E + "bi-dr-1").status()).isEqualTo(404);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.selection.api.BadInputTest#inconsistentRules")
        void refuses_rules_that_do_not_hang_together(String set, String field, Object value) {
            ObjectNode e = edition("bi-dr-2", 4, 2, "A");
            e.putObject("weights").put("jury", 70).put("vote", 30);
            e.putObject("review").put("minScores", 3).put("trimFrom", 5);
            put(e, set, value);
            refused(400, "VALIDATION", field, () -> post(ORG, "/api/editions", e));
        }

        @ParameterizedTest
        @ValueSource(strings = {"2022-12-31", "2024-01-01", "1970-01-01"})
        void refuses_a_work_published_outside_the_eligibility_window(String date) {
            ObjectNode w = work("bi-dr-3", "A", "Unit").put("publishedOn", date);
            refused(422, "OUT_OF_ELIGIBILITY_WINDOW", "publishedOn", () -> post(ORG, E + COLLECT + "/works", w));
        }

        @Test
        void refuses_a_work_in_an_unknown_category() {
            refused(422, "UNKNOWN_CATEGORY", "category",
                    () -> post(ORG, E + COLLECT + "/works", work("bi-dr-4", "Z", "Unit")));
            refused(422, "UNKNOWN_CATEGORY", "category",
                    () -> post(ORG, E + COLLECT + "/works", work("bi-dr-4", "a", "Unit")));
        }

        @ParameterizedTest
        @ValueSource(strings = {"HTTPS://News.Example.cn:443/c1/#top", "https://news.example.cn/c1/",
                "https://news.example.cn:443/c1#x"})
        void refuses_a_work_whose_url_normalises_to_one_already_submitted(String url) {
            ObjectNode w = work("bi-dr-5", "A", "Unit").put("url", url);
            Response r = refused(422, "DUPLICATE_URL", "url", () -> post(ORG, E + COLLECT + "/works", w));
            assertThat(r.body().path("detail").asText()).contains("https://news.example.cn/c1");
        }

        @ParameterizedTest
        @ValueSource(strings = {"not a url", "ftp://news.example.cn/x", "https://", "javascript:alert(1)", "/relative"})
        void refuses_a_url_that_is_not_an_absolute_http_url(String url) {
            ObjectNode w = work("bi-dr-6", "A", "Unit").put("url", url);
            refused(400, "VALIDATION", "url", () -> post(ORG, E + COLLECT + "/works", w));
        }

        @Test
        void refuses_a_reviewer_in_an_unknown_category_and_rolls_back_the_account() {
            refused(422, "UNKNOWN_CATEGORY", "categories",
                    () -> post(ORG, E + DRAFT + "/reviewers", reviewer("bi-rev-rb", "RB", "A", "Z")));
            assertProblem(get(reviewerLogin("bi-rev-rb"), E + DRAFT), 401, "UNAUTHENTICATED");
            register(DRAFT, reviewer("bi-rev-rb", "RB", "A"));
            assertThat(get(reviewerLogin("bi-rev-rb"), E + DRAFT).status()).isEqualTo(200);
        }

        @Test
        void refuses_a_score_by_a_reviewer_not_assigned_to_the_category() {
            refused(422, "NOT_ASSIGNED",
                    () -> post(reviewerLogin(REV2), E + REVIEW + "/works/rb/preliminary-scores", score(50)));
        }

        @Test
        void refuses_a_score_by_a_reviewer_of_the_works_organisation() {
            refused(422, "CONFLICT_OF_INTEREST",
                    () -> post(reviewerLogin(REV1), E + REVIEW + "/works/rcoi/preliminary-scores", score(50)));
        }

        @Test
        void refuses_a_score_for_a_disqualified_work_and_a_second_disqualification() {
            refused(422, "DISQUALIFIED",
                    () -> post(reviewerLogin(REV1), E + REVIEW + "/works/rdq/preliminary-scores", score(50)));
            refused(422, "DISQUALIFIED", () -> post(ORG, E + REVIEW + "/works/rdq/disqualification",
                    JSON.createObjectNode().put("reason", "again")));
        }

        @Test
        void refuses_to_publish_the_shortlist_listing_the_works_short_of_scores() {
            Response r = refused(409, "INCOMPLETE_REVIEW",
                    () -> post(ORG, E + REVIEW + "/transitions", to("SHORTLIST_PUBLISHED")));
            List<String> works = new ArrayList<>();
            r.body().path("works").forEach(w -> works.add(w.asText()));
            assertThat(works).containsExactly("r2", "r3", "rb", "rcoi");
            assertThat(get(ORG, E + REVIEW).body().path("stage").asText()).isEqualTo("PRELIMINARY_REVIEW");
        }
    }

    // ------------------------------------------------------------------ scores

    @Nested
    class Scores {

        @ParameterizedTest
        @ValueSource(strings = {"101", "-1", "12.345", "100.01", "-0.01", "1e400", "\"abc\"", "\"\"", "null", "true",
                "[50]", "{\"value\":50}", "1e-2147483649"})
        void refuses_a_score_outside_0_to_100_with_two_decimals(String value) {
            refused(400, "VALIDATION", "score",
                    () -> post(reviewerLogin(REV1), E + REVIEW + "/works/r1/preliminary-scores", "{\"score\":" + value + "}"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "100", "12.34", "99.9", "1E+2"})
        void accepts_a_score_from_0_to_100_with_up_to_two_decimals(String value) {
            long before = eventCount();
            Response r = post(reviewerLogin(REV2), E + REVIEW + "/works/r1/preliminary-scores", "{\"score\":" + value + "}");
            assertThat(r.status()).as(r.raw()).isEqualTo(201);
            assertThat(eventCount()).isEqualTo(before + 1);
            JsonNode mine = null;
            for (JsonNode s : workView(REVIEW, "r1").path("preliminaryScores")) {
                if (s.path("reviewerId").asText().equals(REV2)) {
                    mine = s;
                }
            }
            assertThat(mine).isNotNull();
            assertThat(mine.path("score").decimalValue()).isEqualByComparingTo(new BigDecimal(value));
        }

        @Test
        void accepts_a_score_with_trailing_zeros() {
            Response r = post(reviewerLogin(REV2), E + REVIEW + "/works/r1/preliminary-scores", "{\"score\":12.340}");
            assertThat(r.status()).as(r.raw()).isEqualTo(201);
        }
    }

    // ------------------------------------------------------------------ works:import

    @Nested
    class Imports {

        @Test
        void keeps_the_good_lines_and_reports_the_bad_ones_with_line_numbers_and_codes() {
            String lines = String.join("\n",
                    work("imp1", "A", "Unit").toString(),                                          // 1 good
                    "{\"id\":\"imp2\",",                                                            // 2 not JSON
                    work("imp3", "A", "Unit").without("title").toString(),                          // 3 no title
                    work("imp4", "Z", "Unit").toString(),                                           // 4 unknown category
                    work("imp5", "B", "Unit").toString(),                                           // 5 good
                    work("imp1", "A", "Unit").put("url", "https://news.example.cn/imp1-b").toString(), // 6 same id
                    work("imp7", "A", "Unit").put("publishedOn", "2024-01-01").toString(),          // 7 too late
                    "",                                                                              // 8 blank
                    work("imp9", "A", "Unit").put("url", "HTTPS://NEWS.example.cn/imp5/").toString(), // 9 same URL
                    work("imp 10", "A", "Unit").toString(),                                         // 10 bad id
                    "null",                                                                          // 11 null
                    "[1,2]") + "\n";                                                                 // 12 array
            long before = eventCount();
            Response r = postNdjson(ORG, E + COLLECT + "/works:import", lines);
            assertThat(r.status()).as(r.raw()).isEqualTo(200);
            assertThat(r.body().path("accepted").asInt()).isEqualTo(2);
            List<String> refused = new ArrayList<>();
            r.body().path("refused").forEach(line -> {
                assertThat(line.path("detail").asText()).isNotBlank();
                refused.add(line.path("line").asInt() + ":" + line.path("code").asText());
            });
            assertThat(refused).containsExactly("2:VALIDATION", "3:VALIDATION", "4:UNKNOWN_CATEGORY",
                    "6:ALREADY_EXISTS", "7:OUT_OF_ELIGIBILITY_WINDOW", "9:DUPLICATE_URL", "10:VALIDATION",
                    "11:VALIDATION", "12:VALIDATION");
            assertThat(eventCount()).isEqualTo(before + 2);
            assertThat(workView(COLLECT, "imp1").path("url").asText()).isEqualTo("https://news.example.cn/imp1");
            assertThat(workView(COLLECT, "imp5").path("category").asText()).isEqualTo("B");
            assertThat(get(ORG, E + COLLECT + "/works/imp4").status()).isEqualTo(404);
        }

        @ParameterizedTest
        @ValueSource(strings = {"application/json", "text/plain", "application/octet-stream"})
        void refuses_an_import_with_the_wrong_content_type_with_415(String type) {
            refused(415, "UNSUPPORTED_MEDIA_TYPE",
                    () -> send(ORG, "POST", E + COLLECT + "/works:import", type, work("imp-ct", "A", "U").toString()));
            assertThat(get(ORG, E + COLLECT + "/works/imp-ct").status()).isEqualTo(404);
        }
    }

    // ------------------------------------------------------------------ votes

    @Nested
    class Votes {

        @ParameterizedTest
        @ValueSource(strings = {"yesterday", "2024-02-28", "2024-02-28T10:00:00", "2024-02-28 02:00:00Z",
                "28/02/2024 10:00", "", "2024-02-28T02:00:00+08:00[Asia/Shanghai]x"})
        void refuses_a_vote_whose_cast_at_is_not_an_instant(String castAt) {
            ObjectNode v = vote("bi-vt-1", "bi-voter-vt", "v1", castAt);
            refused(400, "VALIDATION", "castAt", () -> post(GW, E + VOTING + "/votes", v));
            assertThat(get(GW, E + VOTING + "/votes/bi-vt-1").status()).isEqualTo(404);
        }

        @Test
        void refuses_an_oversized_source() {
            ObjectNode v = vote("bi-vt-2", "bi-voter-vt", "v1", IN_WINDOW);
            v.putObject("source").put("ip", "1".repeat(65)).put("device", "d");
            refused(400, "VALIDATION", "source.ip", () -> post(GW, E + VOTING + "/votes", v));
            ObjectNode w = vote("bi-vt-2", "x".repeat(129), "v1", IN_WINDOW);
            refused(400, "VALIDATION", "voterId", () -> post(GW, E + VOTING + "/votes", w));
        }

        @Test
        void a_batch_decides_the_good_lines_and_reports_the_invalid_ones_by_line() {
            String voter = "bi-batch-voter";
            String lines = String.join("\n",
                    vote("bb-1", voter, "v1", IN_WINDOW).toString(),                  // 1 accepted
                    "not json at all",                                                 // 2
                    vote("bb-3", voter, "v2", IN_WINDOW).without("castAt").toString(), // 3 no castAt
                    vote("bb-4", voter, "nope", IN_WINDOW).toString(),                 // 4 refused: not shortlisted
                    vote("bb-5", voter, "v2", "soon").toString(),                      // 5 castAt not an instant
                    "",                                                                 // 6 blank
                    vote("bb 7", voter, "v2", IN_WINDOW).toString(),                   // 7 bad id
                    vote("bb-8", voter, "v1", IN_WINDOW).toString());                  // 8 refused: daily work limit
            long before = eventCount();
            Response r = postNdjson(GW, E + VOTING + "/votes:batch", lines);
            assertThat(r.status()).as(r.raw()).isEqualTo(200);
            assertThat(r.body().path("accepted").asInt()).isEqualTo(1);
            assertThat(r.body().path("refused").asInt()).isEqualTo(2);
            List<Integer> invalid = new ArrayList<>();
            r.body().path("invalidLines").forEach(line -> {
                assertThat(line.path("detail").asText()).isNotBlank();
                invalid.add(line.path("line").asInt());
            });
            assertThat(invalid).containsExactly(2, 3, 5, 7);
            assertThat(eventCount()).isGreaterThan(before);
            assertThat(get(GW, E + VOTING + "/votes/bb-1").body().path("decision").asText()).isEqualTo("ACCEPTED");
            JsonNode refusedVote = get(GW, E + VOTING + "/votes/bb-4").body();
            assertThat(refusedVote.path("decision").asText()).isEqualTo("REFUSED");
            assertThat(refusedVote.path("reason").asText()).isEqualTo("NOT_SHORTLISTED");
            assertThat(get(GW, E + VOTING + "/votes/bb-8").body().path("reason").asText()).isEqualTo("DAILY_WORK_LIMIT");
            assertThat(get(GW, E + VOTING + "/votes/bb-5").status()).isEqualTo(404);
        }

        @Test
        void a_batch_of_invalid_lines_only_changes_nothing() {
            long before = eventCount();
            Response r = postNdjson(GW, E + VOTING + "/votes:batch", "{\n" + vote("bb-x", "v", "v1", "now") + "\n[]\n");
            assertThat(r.status()).as(r.raw()).isEqualTo(200);
            assertThat(r.body().path("accepted").asInt()).isZero();
            assertThat(r.body().path("refused").asInt()).isZero();
            assertThat(r.body().path("invalidLines")).hasSize(3);
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void refuses_a_batch_with_the_wrong_content_type_with_415() {
            refused(415, "UNSUPPORTED_MEDIA_TYPE", () -> post(GW, E + VOTING + "/votes:batch",
                    vote("bb-ct", "bi-voter-ct", "v1", IN_WINDOW)));
            assertThat(get(GW, E + VOTING + "/votes/bb-ct").status()).isEqualTo(404);
        }

        @Test
        void refuses_a_vote_cast_at_the_ends_of_time_naming_castAt() {
            refused(400, "VALIDATION", "castAt", () -> post(GW, E + VOTING + "/votes",
                    vote("bi-vt-max", "bi-voter-end", "v1", "+1000000000-12-31T23:59:59Z")));
            refused(400, "VALIDATION", "castAt", () -> post(GW, E + VOTING + "/votes",
                    vote("bi-vt-min", "bi-voter-end", "v1", "-1000000000-01-01T00:00:00Z")));
        }

        @Test
        void one_vote_at_the_end_of_time_does_not_sink_the_batch() {
            Response r = postNdjson(GW, E + VOTING + "/votes:batch",
                    vote("bb-end-1", "bi-voter-end2", "v1", IN_WINDOW) + "\n"
                            + vote("bb-end-2", "bi-voter-end2", "v2", "+1000000000-12-31T23:59:59Z") + "\n");
            assertThat(r.status()).as(r.raw()).isEqualTo(200);
            assertThat(r.body().path("accepted").asInt()).isEqualTo(1);
            assertThat(r.body().path("invalidLines").get(0).path("line").asInt()).isEqualTo(2);
            assertThat(r.body().path("invalidLines").get(0).path("detail").asText()).contains("castAt");
        }
    }

    // ------------------------------------------------------------------ huge and odd input

    @Nested
    class HugeAndOdd {

        @Test
        void refuses_a_one_megabyte_title_naming_the_title() {
            String mb = "x".repeat(1_000_000);
            refused(400, "VALIDATION", "title",
                    () -> post(ORG, "/api/editions", edition("bi-huge", 4, 2, "A").put("title", mb)));
            refused(400, "VALIDATION", "title",
                    () -> post(ORG, E + COLLECT + "/works", work("bi-huge", "A", "Unit").put("title", mb)));
        }

        @Test
        void accepts_unicode_in_titles_and_names_and_gives_it_back_unchanged() {
            String title = "正能量 — Ünïcödé ✓ 🌟 «ℌ» \u200b";
            ObjectNode e = edition("bi-unicode", 4, 2, "A").put("title", title).put("theme", "汇聚强国复兴伟力");
            category(e).put("name", "文字作品");
            create(e);
            JsonNode edition = get(ORG, E + "bi-unicode").body();
            assertThat(edition.path("title").asText()).isEqualTo(title);
            assertThat(edition.path("theme").asText()).isEqualTo("汇聚强国复兴伟力");
            assertThat(edition.at("/categories/0/name").asText()).isEqualTo("文字作品");

            submit(COLLECT, work("uni1", "A", "新华社").put("title", "网络正能量 🌟 Ω"));
            JsonNode work = workView(COLLECT, "uni1");
            assertThat(work.path("title").asText()).isEqualTo("网络正能量 🌟 Ω");
            assertThat(work.path("organisation").asText()).isEqualTo("新华社");
        }

        @Test
        void refuses_deeply_nested_json() {
            refused(400, "VALIDATION", () -> post(ORG, "/api/editions", "[".repeat(5000) + "]".repeat(5000)));
            refused(400, "VALIDATION",
                    () -> post(ORG, "/api/editions", "{\"id\":" + "{\"a\":".repeat(3000) + "1" + "}".repeat(3001)));
        }

        @Test
        void refuses_a_reviewer_password_longer_than_72_bytes() {
            ObjectNode r = reviewer("bi-rev-pw", "RP", "A").put("password", "密".repeat(30));
            refused(400, "VALIDATION", "password", () -> post(ORG, E + DRAFT + "/reviewers", r));
        }

        @Test
        void refuses_a_reviewer_password_shorter_than_8_or_longer_than_72_characters() {
            refused(400, "VALIDATION", "password",
                    () -> post(ORG, E + DRAFT + "/reviewers", reviewer("bi-rev-pw2", "R", "A").put("password", "short")));
            refused(400, "VALIDATION", "password", () -> post(ORG, E + DRAFT + "/reviewers",
                    reviewer("bi-rev-pw2", "R", "A").put("password", "p".repeat(73))));
        }
    }

    // ------------------------------------------------------------------ fuzz

    static final String[] FUZZ_TARGETS = {"create-edition", "submit-work", "score", "vote"};

    static Stream<Arguments> fuzzCases() {
        return IntStream.range(0, 52).mapToObj(i -> arguments(FUZZ_TARGETS[i % FUZZ_TARGETS.length], i));
    }

    @Nested
    class Fuzz {

        @ParameterizedTest(name = "{0} #{1}")
        @MethodSource("io.selection.api.BadInputTest#fuzzCases")
        void no_mutated_body_gives_a_5xx_and_every_refusal_is_a_coded_problem(String target, int seed) {
            String user;
            String path;
            ObjectNode base;
            switch (target) {
                case "create-edition" -> {
                    user = ORG;
                    path = "/api/editions";
                    base = editionBody("bi-fz-e" + seed, 1, "A", "B");
                    base.putObject("weights").put("jury", 70).put("vote", 30);
                    ((ObjectNode) base.get("voting")).put("perWorkPerDay", 1).put("perCategoryPerDay", 10);
                }
                case "submit-work" -> {
                    user = ORG;
                    path = E + COLLECT + "/works";
                    base = work("fz" + seed, "A", "Unit");
                }
                case "score" -> {
                    user = reviewerLogin(REV1);
                    path = E + REVIEW + "/works/r1/preliminary-scores";
                    base = score(55.5);
                }
                default -> {
                    user = GW;
                    path = E + VOTING + "/votes";
                    base = vote("fz-v" + seed, "bi-fz-voter" + seed, "v1", IN_WINDOW);
                    base.putObject("source").put("ip", "10.0.0." + seed).put("device", "dev-" + seed);
                }
            }
            String body = mutate(base, new Random(31L * seed + target.hashCode()));
            long before = eventCount();
            Response r = post(user, path, body);
            assertThat(r.status()).as("%s <- %s: %s", path, abbreviate(body), r.raw()).isLessThan(500);
            if (r.status() >= 400) {
                assertThat(r.contentType()).as(r.raw()).startsWith(PROBLEM_JSON);
                assertThat(r.code()).as(r.raw()).isNotBlank();
                assertThat(eventCount()).as("events after %s", r.raw()).isEqualTo(before);
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...(" + s.length() + " chars)";
    }

    private static final String[] WHOLE_BODIES = {"", "null", "[]", "{}", "\"x\"", "{\"a\":", "0", "{}{}",
            "[".repeat(3000), "\uFEFF{}", "{\"id\":\"x\"}garbage"};

    /** One to three random edits (delete, null, type swap, unknown field), sometimes a truncation. */
    static String mutate(ObjectNode base, Random rnd) {
        if (rnd.nextInt(10) == 0) {
            return WHOLE_BODIES[rnd.nextInt(WHOLE_BODIES.length)];
        }
        ObjectNode body = base.deepCopy();
        int edits = 1 + rnd.nextInt(3);
        for (int i = 0; i < edits; i++) {
            List<Slot> slots = new ArrayList<>();
            collect(body, slots);
            if (slots.isEmpty()) {
                break;
            }
            Slot slot = slots.get(rnd.nextInt(slots.size()));
            switch (rnd.nextInt(4)) {
                case 0 -> slot.remove();
                case 1 -> slot.set(NullNode.getInstance());
                case 2 -> slot.set(randomValue(rnd));
                default -> body.set("unexpected" + i, randomValue(rnd));
            }
        }
        String text = body.toString();
        if (rnd.nextInt(5) == 0 && !text.isEmpty()) {
            text = text.substring(0, rnd.nextInt(text.length()));
        }
        return text;
    }

    private static JsonNode randomValue(Random rnd) {
        JsonNode[] values = {
                NullNode.getInstance(), TextNode.valueOf(""), TextNode.valueOf("x"), TextNode.valueOf("Ünï正🌟"),
                TextNode.valueOf("y".repeat(10_000)), TextNode.valueOf("2024-02-27T10:00:00Z"),
                TextNode.valueOf("2023-06-01"), TextNode.valueOf("12:00"), IntNode.valueOf(0), IntNode.valueOf(-1),
                LongNode.valueOf(Long.MAX_VALUE), BigIntegerNode.valueOf(BigInteger.TWO.pow(70)),
                DoubleNode.valueOf(2.5), DecimalNode.valueOf(new BigDecimal("1E+400")),
                DecimalNode.valueOf(new BigDecimal("-1E-400")), BooleanNode.TRUE, JSON.createArrayNode(),
                JSON.createObjectNode(), JSON.createArrayNode().add(1).add("a").addNull(),
                JSON.createObjectNode().set("nested", JSON.createObjectNode().set("deeper",
                        JSON.createArrayNode().addNull()))};
        return values[rnd.nextInt(values.length)];
    }

    private record Slot(JsonNode parent, String field, int index) {
        void remove() {
            if (parent instanceof ObjectNode o) {
                o.remove(field);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }

        void set(JsonNode value) {
            if (parent instanceof ObjectNode o) {
                o.set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }
    }

    private static void collect(JsonNode node, List<Slot> slots) {
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                slots.add(new Slot(o, name, -1));
                collect(o.get(name), slots);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                slots.add(new Slot(a, null, i));
                collect(a.get(i), slots);
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private static ObjectNode category(ObjectNode edition) {
        return (ObjectNode) edition.get("categories").get(0);
    }

    /** Removes a field given as {@code a.b} or {@code a[0].b}. */
    private static void remove(ObjectNode root, String path) {
        String[] parts = path.split("\\.");
        JsonNode parent = root;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = step(parent, parts[i]);
        }
        ((ObjectNode) parent).remove(parts[parts.length - 1]);
    }

    private static void put(ObjectNode root, String path, Object value) {
        String[] parts = path.split("\\.");
        JsonNode parent = root;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = step(parent, parts[i]);
        }
        ((ObjectNode) parent).set(parts[parts.length - 1], JSON.valueToTree(value));
    }

    private static JsonNode step(JsonNode node, String part) {
        int bracket = part.indexOf('[');
        if (bracket < 0) {
            return node.get(part);
        }
        int index = Integer.parseInt(part.substring(bracket + 1, part.length() - 1));
        return node.get(part.substring(0, bracket)).get(index);
    }
}
