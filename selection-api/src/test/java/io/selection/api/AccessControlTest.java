package io.selection.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Who may do what, endpoint by endpoint as docs/api.md lists them: the wrong role gets 403 FORBIDDEN,
 * no or bad credentials 401 UNAUTHENTICATED, and a reviewer scores only as themself, only in their
 * categories and never for their own organisation. No refusal changes the log.
 *
 * <p>Fixture: {@code ac-main} in PRELIMINARY_REVIEW (categories A and B; works wa1, wa2 of "OrgA",
 * wa3, wb1; reviewers ac-rev-a of OrgA for A and ac-rev-b of OrgB for B) and {@code ac-other} in DRAFT
 * with its own reviewer ac-rev-other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessControlTest extends HttpRefusalSupport {

    static final String MAIN = "ac-main";
    static final String OTHER = "ac-other";
    static final String M = "/api/editions/" + MAIN;
    static final String REV_A = "ac-rev-a";
    static final String REV_B = "ac-rev-b";
    static final String REVIEWER = "reviewer";

    @BeforeAll
    void editions() {
        create(editionBody(MAIN, 1, "A", "B"));
        register(MAIN, reviewer(REV_A, "OrgA", "A"));
        register(MAIN, reviewer(REV_B, "OrgB", "B"));
        advance(MAIN, "COLLECTING");
        submit(MAIN, work("wa1", "A", "Unit"));
        submit(MAIN, work("wa2", "A", " orga "));
        submit(MAIN, work("wa3", "A", "Unit"));
        submit(MAIN, work("wb1", "B", "Unit"));
        advance(MAIN, "PRELIMINARY_REVIEW");

        create(editionBody(OTHER, 1, "A"));
        register(OTHER, reviewer("ac-rev-other", "OrgZ", "A"));
    }

    /** Role names of the matrix, turned into credentials. */
    static String login(String role) {
        return switch (role) {
            case REVIEWER -> reviewerLogin(REV_A);
            default -> role;
        };
    }

    record Endpoint(String method, String path, Set<String> allowed, String body) {
        String contentType() {
            if (body == null) {
                return null;
            }
            if (path.endsWith("/cosignatures")) {
                return "text/plain";
            }
            return path.endsWith(":import") || path.endsWith(":batch") ? "application/x-ndjson" : "application/json";
        }
    }

    static final Set<String> ALL = Set.of(ORG, AUD, GW, REVIEWER);
    static final Set<String> READERS = Set.of(ORG, REVIEWER, AUD);

    /** Every endpoint of docs/api.md, with a body that the right role would have had accepted. */
    static List<Endpoint> endpoints() {
        String edition = edition0("ac-forbidden");
        String work = "{\"id\":\"ac-fw\",\"title\":\"t\",\"url\":\"https://news.example.cn/ac-fw\",\"category\":\"A\","
                + "\"publishedOn\":\"2023-06-01\",\"organisation\":\"Unit\"}";
        String vote = "{\"id\":\"ac-fv\",\"voterId\":\"ac-voter\",\"workId\":\"wa1\",\"castAt\":\"2024-02-28T02:00:00Z\"}";
        String score = "{\"score\":50}";
        return List.of(
                new Endpoint("POST", "/api/editions", Set.of(ORG), edition),
                new Endpoint("GET", M, ALL, null),
                new Endpoint("POST", M + "/transitions", Set.of(ORG), "{\"to\":\"SHORTLIST_PUBLISHED\"}"),
                new Endpoint("POST", M + "/works", Set.of(ORG), work),
                new Endpoint("POST", M + "/works:import", Set.of(ORG), work),
                new Endpoint("POST", M + "/works/wa1/disqualification", Set.of(ORG), "{\"reason\":\"copied\"}"),
                new Endpoint("GET", M + "/works/wa1", READERS, null),
                new Endpoint("GET", M + "/works/wa1/history", READERS, null),
                new Endpoint("GET", M + "/works/wa1/explanation", READERS, null),
                new Endpoint("POST", M + "/reviewers", Set.of(ORG),
                        "{\"id\":\"ac-fr\",\"name\":\"n\",\"organisation\":\"o\",\"categories\":[\"A\"],"
                                + "\"password\":\"ac-fr-secret\"}"),
                new Endpoint("POST", M + "/works/wa1/preliminary-scores", Set.of(REVIEWER), score),
                new Endpoint("POST", M + "/works/wa1/final-scores", Set.of(REVIEWER), score),
                new Endpoint("POST", M + "/votes", Set.of(GW), vote),
                new Endpoint("POST", M + "/votes:batch", Set.of(GW), vote),
                // docs/api.md puts it under "Votes (GATEWAY)"; the server also lets organisers and auditors read it.
                new Endpoint("GET", M + "/votes/ac-fv", Set.of(GW, ORG, AUD), null),
                new Endpoint("GET", M + "/suspicious-vote-sets", Set.of(ORG, AUD), null),
                new Endpoint("POST", M + "/vote-invalidations", Set.of(ORG), "{\"setId\":\"s1\",\"reason\":\"bots\"}"),
                new Endpoint("GET", M + "/preliminary-ranking?category=A", READERS, null),
                new Endpoint("GET", M + "/shortlist", READERS, null),
                new Endpoint("GET", M + "/tallies", READERS, null),
                new Endpoint("GET", M + "/tallies/live", READERS, null),
                new Endpoint("GET", M + "/diff?from=1&to=2", READERS, null),
                new Endpoint("GET", M + "/final-ranking", Set.of(ORG, AUD), null),
                new Endpoint("GET", M + "/winners", READERS, null),
                new Endpoint("GET", M + "/events", Set.of(AUD), null),
                new Endpoint("GET", M + "/audit", Set.of(AUD), null),
                new Endpoint("POST", M + "/what-if", Set.of(ORG, AUD), "{}"),
                // additions to version 1: lists for the console, their downloads, the public results
                new Endpoint("GET", "/api/editions", ALL, null),
                new Endpoint("GET", M + "/works?category=A&reviewer=" + REV_A, READERS, null),
                new Endpoint("GET", M + "/reviewers", Set.of(ORG, AUD), null),
                new Endpoint("GET", M + "/preliminary-ranking.csv?category=A", READERS, null),
                new Endpoint("GET", M + "/shortlist.csv", READERS, null),
                new Endpoint("GET", M + "/tallies.csv", READERS, null),
                new Endpoint("GET", M + "/final-ranking.csv", Set.of(ORG, AUD), null),
                new Endpoint("GET", M + "/winners.csv", READERS, null),
                new Endpoint("GET", "/api/public/editions", ALL, null),
                new Endpoint("GET", "/api/public/editions/" + MAIN + "/results", ALL, null),
                new Endpoint("GET", "/api/public/editions/" + MAIN + "/shortlist.csv", ALL, null),
                new Endpoint("GET", "/api/public/editions/" + MAIN + "/winners.csv", ALL, null),
                new Endpoint("GET", "/api/public/editions/" + MAIN + "/works/wa1", ALL, null),
                new Endpoint("GET", "/api/public/editions/" + MAIN + "/checkpoint", ALL, null),
                // anyone may post; only a configured witness's cosignature of a checkpoint the log signed is taken
                new Endpoint("POST", "/api/public/editions/" + MAIN + "/checkpoint/cosignatures", ALL, "not a note"),
                new Endpoint("GET", "/api/public/editions/" + MAIN + "/log-key", ALL, null),
                new Endpoint("GET", "/api/public/editions/" + MAIN + "/events", ALL, null),
                new Endpoint("GET", "/api/public/editions/" + MAIN + "/proof/consistency?from=1&to=2", ALL, null),
                new Endpoint("GET", "/api/public/editions/" + MAIN + "/proof/inclusion?seq=1&size=2", ALL, null),
                new Endpoint("GET", M + "/votes/ac-fv/receipt", Set.of(GW, AUD), null),
                new Endpoint("GET", "/api/admin/read-models", Set.of(ORG), null),
                // a rebuild is refused to the wrong roles before anything happens; the organiser's
                // own rebuild is tested in ReadModelRebuildHttpTest
                new Endpoint("POST", "/api/admin/read-models:rebuild", Set.of(ORG), "{}"));
    }

    /** Readable by anyone, without signing in. */
    static boolean isPublic(Endpoint e) {
        return e.path().startsWith("/api/public/");
    }

    /** The paths the service answers outside the API: its pages (ConsoleBrowserTest covers them). */
    static final Set<String> PAGES = Set.of("/console", "/console/", "/console/login", "/console/session",
            "/results/{editionId}", "/results/{editionId}/works/{workId}");

    static Stream<Arguments> anonymousCases() {
        return endpoints().stream().map(e -> arguments(e.method() + " " + e.path(), e));
    }

    /** Whether a concrete path of the matrix is an instance of an OpenAPI path template. */
    static boolean matches(String template, String concrete) {
        String[] t = template.split("/");
        String[] c = concrete.replaceFirst("\\?.*$", "").split("/");
        if (t.length != c.length) {
            return false;
        }
        for (int i = 0; i < t.length; i++) {
            if (!(t[i].startsWith("{") && t[i].endsWith("}")) && !t[i].equals(c[i])
                    && !(t[i].contains("{") && c[i].matches(t[i].replaceAll("\\{[^}]+}", "[^/]+")))) {
                return false;
            }
        }
        return true;
    }

    static boolean auditOnly(Endpoint e) {
        return !e.path().startsWith("/api/public/") && (e.path().endsWith("/events") || e.path().endsWith("/audit"));
    }

    static Stream<Arguments> wrongRoles() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            if (auditOnly(e)) {
                continue; // see the disabled test below
            }
            for (String role : List.of(ORG, AUD, GW, REVIEWER)) {
                if (!e.allowed().contains(role)) {
                    cases.add(arguments(role, e.method() + " " + e.path(), e));
                }
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> rightRolesForReads() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            if (e.method().equals("GET") && !auditOnly(e)) {
                e.allowed().forEach(role -> cases.add(arguments(role, e.method() + " " + e.path(), e)));
            }
        }
        return cases.stream();
    }

    static String edition0(String id) {
        return "{\"id\":\"" + id + "\",\"title\":\"t\",\"eligibleFrom\":\"2023-01-01\",\"eligibleTo\":\"2023-12-31\","
                + "\"categories\":[{\"code\":\"A\",\"name\":\"A\",\"finalQuota\":1}],"
                + "\"voting\":{\"opensAt\":\"2024-02-26T16:00:00Z\",\"closesAt\":\"2024-03-04T16:00:00Z\"}}";
    }

    // ------------------------------------------------------------------ roles

    @Nested
    class Roles {

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("io.selection.api.AccessControlTest#wrongRoles")
        void the_wrong_role_gets_403_and_changes_nothing(String role, String label, Endpoint e) {
            refused(403, "FORBIDDEN", () -> send(login(role), e.method(), e.path(), e.contentType(), e.body()));
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("io.selection.api.AccessControlTest#rightRolesForReads")
        void the_right_role_is_let_through_to_every_read(String role, String label, Endpoint e) {
            Response r = send(login(role), e.method(), e.path(), null, null);
            assertThat(r.status()).as(r.raw()).isNotIn(401, 403).isLessThan(500);
        }

        /**
         * The running contract is the list to check against: an endpoint added to the service
         * without a row in this matrix fails here, so no door is left unchecked.
         */
        @Test
        void every_endpoint_of_the_running_openapi_document_has_a_row() {
            JsonNode paths = get(null, "/v3/api-docs").body().path("paths");
            List<String> missing = new ArrayList<>();
            int checked = 0;
            for (var path = paths.fields(); path.hasNext(); ) {
                var entry = path.next();
                for (var op = entry.getValue().fieldNames(); op.hasNext(); ) {
                    String method = op.next().toUpperCase(java.util.Locale.ROOT);
                    checked++;
                    String template = entry.getKey();
                    boolean row = PAGES.contains(template) || endpoints().stream().anyMatch(e ->
                            e.method().equals(method) && matches(template, e.path()));
                    if (!row) {
                        missing.add(method + " " + template);
                    }
                }
            }
            assertThat(checked).isGreaterThan(30);
            assertThat(missing).as("endpoints of /v3/api-docs with no row in the matrix").isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.selection.api.AccessControlTest#anonymousCases")
        void without_credentials_only_the_public_reads_answer(String label, Endpoint e) {
            Response r = send(null, e.method(), e.path(), e.contentType(), e.body());
            if (isPublic(e)) {
                assertThat(r.status()).as(r.raw()).isNotIn(401, 403).isLessThan(500);
            } else {
                assertProblem(r, 401, "UNAUTHENTICATED");
            }
        }

        @Test
        void forbidden_commands_left_no_trace() {
            assertThat(get(ORG, "/api/editions/ac-forbidden").status()).isEqualTo(404);
            assertThat(get(ORG, M + "/works/ac-fw").status()).isEqualTo(404);
            assertThat(get(ORG, M).body().path("stage").asText()).isEqualTo("PRELIMINARY_REVIEW");
            assertProblem(get(reviewerLogin("ac-fr"), M), 401, "UNAUTHENTICATED");
        }

        @Test
        void only_auditors_read_the_event_log_and_the_audit() {
            for (Endpoint e : endpoints()) {
                if (auditOnly(e)) {
                    for (String role : List.of(ORG, GW, REVIEWER)) {
                        assertProblem(get(login(role), e.path()), 403, "FORBIDDEN");
                    }
                }
            }
        }

        @Test
        void every_role_reads_an_edition() {
            for (String role : List.of(ORG, AUD, GW, REVIEWER, reviewerLogin("ac-rev-other"))) {
                Response r = get(login(role), M);
                assertThat(r.status()).as(role).isEqualTo(200);
                assertThat(r.body().path("id").asText()).isEqualTo(MAIN);
            }
        }
    }

    // ------------------------------------------------------------------ authentication

    @Nested
    class Authentication {

        private String basic(String user, String password) {
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        private void assertUnauthenticated(HttpResponse<String> r) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith(PROBLEM_JSON);
            assertThat(r.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Basic");
            JsonNode body = json(r.body());
            assertThat(body.path("code").asText()).isEqualTo("UNAUTHENTICATED");
            assertThat(body.path("status").asInt()).isEqualTo(401);
        }

        @Test
        void no_credentials_gets_401_with_a_basic_challenge() {
            assertUnauthenticated(raw("GET", M, Map.of(), null));
            assertUnauthenticated(raw("GET", M + "/tallies", Map.of(), null));
            assertUnauthenticated(raw("GET", "/api/editions/2023", Map.of(), null));
        }

        @Test
        void the_public_results_need_no_credentials() {
            for (String path : List.of("/api/public/editions", "/api/public/editions/" + MAIN + "/results",
                    "/api/public/editions/" + MAIN + "/shortlist.csv")) {
                HttpResponse<String> r = raw("GET", path, Map.of(), null);
                assertThat(r.statusCode()).as(path + ": " + r.body()).isNotIn(401, 403).isLessThan(500);
            }
        }

        @Test
        void no_credentials_on_a_command_gets_401_and_changes_nothing() {
            long before = eventCount();
            assertUnauthenticated(raw("POST", "/api/editions", Map.of("Content-Type", "application/json"),
                    edition0("ac-anon")));
            assertUnauthenticated(raw("POST", M + "/votes", Map.of("Content-Type", "application/json"),
                    "{\"id\":\"ac-anon-v\",\"voterId\":\"x\",\"workId\":\"wa1\",\"castAt\":\"2024-02-28T02:00:00Z\"}"));
            assertThat(eventCount()).isEqualTo(before);
            assertThat(get(ORG, "/api/editions/ac-anon").status()).isEqualTo(404);
        }

        @Test
        void a_wrong_password_gets_401() {
            long before = eventCount();
            assertUnauthenticated(raw("GET", M, Map.of("Authorization", basic(ORG, "wrong")), null));
            assertUnauthenticated(raw("POST", "/api/editions", Map.of("Authorization", basic(ORG, "Organiser"),
                    "Content-Type", "application/json"), edition0("ac-wrong-pw")));
            assertUnauthenticated(raw("GET", M, Map.of("Authorization", basic(REV_A, "organiser")), null));
            assertUnauthenticated(raw("GET", M, Map.of("Authorization", basic(ORG, "x".repeat(200))), null));
            assertUnauthenticated(raw("GET", M, Map.of("Authorization", basic(ORG, "密".repeat(40))), null));
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void an_unknown_account_or_a_garbled_header_gets_401() {
            assertUnauthenticated(raw("GET", M, Map.of("Authorization", basic("nobody", "nobody")), null));
            assertUnauthenticated(raw("GET", M, Map.of("Authorization", "Basic !!!not-base64!!!"), null));
            assertUnauthenticated(raw("GET", M, Map.of("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString("no-colon".getBytes(StandardCharsets.UTF_8))), null));
            assertUnauthenticated(raw("GET", M, Map.of("Authorization", "Bearer not.a.jwt"), null));
        }

        @Test
        void a_reviewer_cannot_log_in_as_another_reviewer() {
            assertUnauthenticated(raw("POST", M + "/works/wb1/preliminary-scores", Map.of(
                    "Authorization", basic(REV_B, REV_A + "-secret"), "Content-Type", "application/json"),
                    "{\"score\":10}"));
            assertThat(workView(MAIN, "wb1").path("preliminaryScores")).isEmpty();
        }
    }

    // ------------------------------------------------------------------ reviewers act only as themselves

    @Nested
    class ReviewerScope {

        @Test
        void a_reviewer_scoring_outside_their_categories_gets_422_not_assigned() {
            Response r = refused(422, "NOT_ASSIGNED",
                    () -> post(reviewerLogin(REV_A), M + "/works/wb1/preliminary-scores", score(60)));
            assertThat(r.body().path("detail").asText()).contains("B");
        }

        @Test
        void a_reviewer_of_the_works_organisation_gets_422_conflict_of_interest() {
            refused(422, "CONFLICT_OF_INTEREST",
                    () -> post(reviewerLogin(REV_A), M + "/works/wa2/preliminary-scores", score(60)));
            assertThat(workView(MAIN, "wa2").path("preliminaryScores")).isEmpty();
        }

        @Test
        void a_reviewer_of_another_edition_gets_403() {
            refused(403, "FORBIDDEN",
                    () -> post(reviewerLogin("ac-rev-other"), M + "/works/wa1/preliminary-scores", score(60)));
            assertThat(workView(MAIN, "wa1").path("preliminaryScores")).isEmpty();
        }

        @Test
        void a_score_is_recorded_under_the_authenticated_reviewer_whatever_the_body_says() {
            long before = eventCount();
            Response r = post(reviewerLogin(REV_A), M + "/works/wa3/preliminary-scores",
                    "{\"score\":70,\"reviewerId\":\"" + REV_B + "\",\"reviewer\":\"" + REV_B + "\"}");
            assertThat(r.status()).as(r.raw()).isEqualTo(201);
            assertThat(eventCount()).isEqualTo(before + 1);

            JsonNode scores = workView(MAIN, "wa3").path("preliminaryScores");
            assertThat(scores).hasSize(1);
            assertThat(scores.get(0).path("reviewerId").asText()).isEqualTo(REV_A);
            assertThat(scores.get(0).path("score").decimalValue()).isEqualByComparingTo("70");

            // Again: the second score replaces the first, still under the same reviewer.
            assertThat(post(reviewerLogin(REV_A), M + "/works/wa3/preliminary-scores", score(75)).status())
                    .isEqualTo(201);
            scores = workView(MAIN, "wa3").path("preliminaryScores");
            assertThat(scores).hasSize(1);
            assertThat(scores.get(0).path("reviewerId").asText()).isEqualTo(REV_A);
            assertThat(scores.get(0).path("score").decimalValue()).isEqualByComparingTo("75");

            JsonNode history = get(AUD, M + "/works/wa3/history").body().path("events");
            List<String> scorers = new ArrayList<>();
            history.forEach(ev -> {
                if (ev.path("type").asText().equals("WorkScored")) {
                    scorers.add(ev.path("data").path("reviewerId").asText());
                }
            });
            assertThat(scorers).containsExactly(REV_A, REV_A);
        }
    }
}
