package io.selection.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code prod} profile over HTTP: bearer JWTs from a test issuer whose public key the service
 * reads from a file, roles from the token's {@code roles} claim, the caller's name from its
 * subject, and nothing else accepted: no token, a forged, expired, foreign or mis-addressed one, or the local
 * profile's HTTP Basic all get 401.
 */
class ProductionProfileHttpTest {

    private static final String E = "/api/editions/prod-e";

    @TempDir
    static Path dir;

    private static BearerTokens issuer;
    private static ConfigurableApplicationContext service;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        issuer = new BearerTokens();
        Path key = issuer.writePublicKey(dir);
        // as arguments: they must win over application*.yml
        service = new SpringApplicationBuilder(SelectionApplication.class).run(
                "--spring.profiles.active=prod", "--server.port=0", "--selection.data-dir=" + dir.resolve("data"),
                "--selection.seed-2023=false",
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + BearerTokens.ISSUER,
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + key,
                "--spring.security.oauth2.resourceserver.jwt.audiences=" + BearerTokens.AUDIENCE,
                "--selection.checkpoints.signer-key=" + io.selection.audit.proofs.KeyPairs.generate("selection.test",
                        io.selection.audit.proofs.NoteKey.ED25519).secret());
        base = "http://localhost:" + ((ServletWebServerApplicationContext) service).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    private static String organiser() {
        return issuer.token("org-alice", "ORGANISER");
    }

    private static void assertUnauthenticated(Response r) {
        assertThat(r.status()).as(r.raw()).isEqualTo(401);
        assertThat(r.code()).isEqualTo("UNAUTHENTICATED");
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
    }

    @Nested
    class Who_is_refused {

        @Test
        void a_request_without_a_token_gets_401_with_a_bearer_challenge() {
            assertUnauthenticated(BearerTokens.get(base, null, "/api/editions"));
        }

        @Test
        void http_basic_with_the_local_accounts_gets_401() {
            for (String login : List.of("organiser:organiser", "auditor:auditor", "gateway:gateway")) {
                String basic = "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8));
                assertUnauthenticated(BearerTokens.send(base, basic, "GET", "/api/editions", null, null));
                assertUnauthenticated(BearerTokens.send(base, basic, "POST", "/api/editions", "application/json",
                        "{}"));
            }
        }

        @Test
        void a_token_signed_with_another_key_gets_401() {
            RSAKey forger = BearerTokens.newKey();
            String forged = BearerTokens.sign(forger, BearerTokens.claims("org-alice", BearerTokens.ISSUER,
                    Instant.now().plus(Duration.ofMinutes(10)), "ORGANISER"));
            assertUnauthenticated(BearerTokens.get(base, forged, "/api/editions"));
        }

        @Test
        void a_token_whose_payload_was_changed_after_signing_gets_401() {
            String[] parts = issuer.token("rev-mallory", "REVIEWER").split("\\.");
            String promoted = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                            .replace("\"REVIEWER\"", "\"ORGANISER\"").getBytes(StandardCharsets.UTF_8));
            assertUnauthenticated(BearerTokens.get(base, parts[0] + "." + promoted + "." + parts[2], "/api/editions"));
        }

        @Test
        void an_expired_token_gets_401() {
            String expired = issuer.sign(BearerTokens.claims("org-alice", BearerTokens.ISSUER,
                    Instant.now().minus(Duration.ofMinutes(5)), "ORGANISER"));
            assertUnauthenticated(BearerTokens.get(base, expired, "/api/editions"));
        }

        @Test
        void a_token_from_another_issuer_gets_401_even_when_signed_with_the_right_key() {
            String foreign = issuer.sign(BearerTokens.claims("org-alice", "https://elsewhere.test/realm",
                    Instant.now().plus(Duration.ofMinutes(10)), "ORGANISER"));
            assertUnauthenticated(BearerTokens.get(base, foreign, "/api/editions"));
        }

        @Test
        void a_token_for_another_audience_or_for_none_gets_401() {
            Instant later = Instant.now().plus(Duration.ofMinutes(10));
            String otherApp = issuer.sign(BearerTokens.claims("org-alice", BearerTokens.ISSUER, later, "ORGANISER")
                    .audience("another-app"));
            assertUnauthenticated(BearerTokens.get(base, otherApp, "/api/editions"));
            String none = issuer.sign(BearerTokens.claims("org-alice", BearerTokens.ISSUER, later, "ORGANISER")
                    .audience((String) null));
            assertUnauthenticated(BearerTokens.get(base, none, "/api/editions"));
        }

        @Test
        void a_token_that_is_not_a_jwt_gets_401() {
            assertUnauthenticated(BearerTokens.get(base, "not-a-token", "/api/editions"));
        }

        @Test
        void a_valid_token_with_the_wrong_role_gets_403() {
            Response r = BearerTokens.post(base, issuer.token("rev-bob", "REVIEWER"), "/api/editions",
                    edition("prod-wrong-role"));
            assertThat(r.status()).as(r.raw()).isEqualTo(403);
            assertThat(r.code()).isEqualTo("FORBIDDEN");
            Response gateway = BearerTokens.get(base, issuer.token("gw-1", "GATEWAY"), "/api/editions/x/events");
            assertThat(gateway.status()).as(gateway.raw()).isEqualTo(403);
        }

        @Test
        void roles_outside_the_four_of_the_contract_grant_nothing() {
            for (String role : List.of("ADMIN", "ROLE_ORGANISER", "organiser")) {
                Response r = BearerTokens.post(base, issuer.token("someone", role), "/api/editions",
                        edition("prod-odd-role"));
                assertThat(r.status()).as(role + ": " + r.raw()).isEqualTo(403);
            }
        }

        @Test
        void a_valid_token_without_any_of_the_four_roles_reads_nothing() {
            String stranger = issuer.token("someone-of-another-app");
            for (String path : List.of("/api/editions", "/api/editions/x", "/actuator/prometheus")) {
                Response r = BearerTokens.get(base, stranger, path);
                assertThat(r.status()).as(path + ": " + r.raw()).isEqualTo(403);
            }
            assertThat(BearerTokens.get(base, issuer.token("aud-1", "AUDITOR"), "/actuator/prometheus").status())
                    .isEqualTo(200);
        }

        @Test
        void the_console_is_not_served_and_says_why() {
            Response r = BearerTokens.get(base, organiser(), "/console/");
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.body().path("detail").asText()).contains("prod");
            assertThat(BearerTokens.get(base, null, "/console/login").status()).isEqualTo(404);
        }

        @Test
        void no_answer_makes_a_session() {
            Response r = BearerTokens.get(base, organiser(), "/api/editions");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        }
    }

    @Nested
    class Who_is_let_in {

        @Test
        void health_and_the_published_lists_need_no_token() {
            assertThat(BearerTokens.get(base, null, "/actuator/health").status()).isEqualTo(200);
            assertThat(BearerTokens.get(base, null, "/v3/api-docs").status()).isEqualTo(200);
        }

        @Test
        void each_role_does_what_its_token_says() {
            assertThat(BearerTokens.post(base, organiser(), "/api/editions", edition("prod-roles")).status())
                    .isEqualTo(201);
            assertThat(BearerTokens.get(base, issuer.token("aud-1", "AUDITOR"), "/api/editions/prod-roles/events")
                    .status()).isEqualTo(200);
            assertThat(BearerTokens.get(base, issuer.token("gw-1", "GATEWAY"), "/api/editions/prod-roles")
                    .status()).isEqualTo(200);
            // a token may carry several roles
            assertThat(BearerTokens.get(base, issuer.token("both", "REVIEWER", "AUDITOR"),
                    "/api/editions/prod-roles/events").status()).isEqualTo(200);
        }

        @Test
        void the_organiser_is_recorded_under_the_tokens_subject() {
            assertThat(BearerTokens.post(base, organiser(), "/api/editions", edition("prod-by")).status())
                    .isEqualTo(201);
            JsonNode history = BearerTokens.get(base, organiser(), "/api/editions/prod-by").body().path("stageHistory");
            assertThat(history.get(0).path("by").asText()).isEqualTo("org-alice");
        }

        @Test
        void a_reviewers_score_is_recorded_under_the_tokens_subject_whatever_the_body_says() {
            String org = organiser();
            assertThat(BearerTokens.post(base, org, "/api/editions", edition("prod-e")).status()).isEqualTo(201);
            for (String r : List.of("rev-anna", "rev-ben")) {
                ObjectNode reviewer = TestHttp.JSON.createObjectNode().put("id", r).put("name", r)
                        .put("organisation", "Uni").put("password", "unused-in-prod");
                reviewer.putArray("categories").add("A");
                Response registered = BearerTokens.post(base, org, E + "/reviewers", reviewer);
                assertThat(registered.status()).as(registered.raw()).isEqualTo(201);
            }
            transition(org, "COLLECTING");
            ObjectNode work = TestHttp.JSON.createObjectNode().put("id", "w1").put("title", "Work 1")
                    .put("url", "https://example.cn/prod/w1").put("category", "A").put("publishedOn", "2023-05-05")
                    .put("organisation", "Unit");
            assertThat(BearerTokens.post(base, org, E + "/works", work).status()).isEqualTo(201);
            transition(org, "PRELIMINARY_REVIEW");

            Response scored = BearerTokens.post(base, issuer.token("rev-anna", "REVIEWER"),
                    E + "/works/w1/preliminary-scores", "{\"score\":70,\"reviewerId\":\"rev-ben\"}");
            assertThat(scored.status()).as(scored.raw()).isEqualTo(201);
            JsonNode scores = scored.body().path("preliminaryScores");
            assertThat(scores).hasSize(1);
            assertThat(scores.get(0).path("reviewerId").asText()).isEqualTo("rev-anna");

            // a subject that is no reviewer of the edition may hold the role and still not score
            Response stranger = BearerTokens.post(base, issuer.token("rev-nobody", "REVIEWER"),
                    E + "/works/w1/preliminary-scores", "{\"score\":10}");
            assertThat(stranger.status()).as(stranger.raw()).isEqualTo(403);
            // and the registration's password signs nobody in here
            String basic = "Basic " + Base64.getEncoder().encodeToString("rev-anna:unused-in-prod"
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(BearerTokens.send(base, basic, "POST", E + "/works/w1/preliminary-scores",
                    "application/json", "{\"score\":10}").status()).isEqualTo(401);
            assertThat(BearerTokens.get(base, org, E + "/works/w1").body().path("preliminaryScores")).hasSize(1);
        }

        private void transition(String token, String stage) {
            Response r = BearerTokens.post(base, token, E + "/transitions",
                    TestHttp.JSON.createObjectNode().put("to", stage));
            assertThat(r.status()).as(r.raw()).isEqualTo(200);
        }
    }

    static ObjectNode edition(String id) {
        ObjectNode e = TestHttp.JSON.createObjectNode().put("id", id).put("title", "Prod " + id)
                .put("eligibleFrom", "2023-01-01").put("eligibleTo", "2023-12-31");
        e.putArray("categories").addObject().put("code", "A").put("name", "A").put("shortlistQuota", 2)
                .put("finalQuota", 1);
        e.putObject("voting").put("opensAt", "2024-02-26T16:00:00Z").put("closesAt", "2024-03-04T16:00:00Z");
        return e;
    }
}
