package io.selection.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment the operating guide describes: profiles {@code prod,postgres,kafka} on a fresh
 * PostgreSQL database and a real KRaft broker in the test JVM, with a test issuer's key. An edition
 * is run to VOTING with bearer tokens only, and a gateway's vote goes through the Kafka door to a
 * durable decision. Skipped, with that reason, where no PostgreSQL answers on 127.0.0.1:5432.
 */
@EnabledIf(value = "io.selection.api.PostgresLifecycleHttpTest#postgresAnswers",
        disabledReason = "no PostgreSQL answers on 127.0.0.1:5432 (user postgres): PostgreSQL tests skipped")
@org.junit.jupiter.api.Tag("slow")
class ProductionOnPostgresAndKafkaTest {

    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String USER = System.getProperty("selection.test.pg.user", "postgres");
    private static final String E = "/api/editions/prod-pg";

    @TempDir
    static Path dir;

    private static EmbeddedKafkaKraftBroker broker;
    private static ConfigurableApplicationContext service;
    private static BearerTokens issuer;
    private static String database;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        // a prefix of its own: PostgresLifecycleHttpTest drops every selection_it_* it finds
        database = "selection_prod_it_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 1_000_000;
        admin("CREATE DATABASE " + database);
        broker = new EmbeddedKafkaKraftBroker(1, 2, "prod-votes");
        broker.afterPropertiesSet();
        issuer = new BearerTokens();
        Path key = issuer.writePublicKey(dir);
        service = new SpringApplicationBuilder(SelectionApplication.class).run(
                "--spring.profiles.active=prod,postgres,kafka", "--server.port=0",
                "--selection.data-dir=" + dir.resolve("data"), "--selection.seed-2023=false",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/" + database + "?reWriteBatchedInserts=true",
                "--spring.datasource.username=" + USER, "--spring.datasource.password=",
                "--selection.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--selection.kafka.topic=prod-votes", "--selection.kafka.group-id=prod-it",
                "--selection.kafka.edition=prod-pg",
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + BearerTokens.ISSUER,
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + key,
                "--selection.checkpoints.signer-key=" + io.selection.audit.proofs.KeyPairs.generate("selection.test",
                        io.selection.audit.proofs.NoteKey.ED25519).secret());
        base = "http://localhost:" + ((ServletWebServerApplicationContext) service).getWebServer().getPort();
    }

    @AfterAll
    static void stop() throws SQLException {
        if (service != null) {
            service.close();
        }
        if (broker != null) {
            broker.destroy();
        }
        if (database != null) {
            admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void runs_an_edition_to_voting_and_decides_a_vote_through_kafka_with_bearer_tokens_only() {
        String org = issuer.token("org-alice", "ORGANISER");
        ObjectNode edition = ProductionProfileHttpTest.edition("prod-pg");
        created(BearerTokens.post(base, org, "/api/editions", edition));
        for (String r : List.of("pg-r1", "pg-r2", "pg-r3")) {
            ObjectNode reviewer = TestHttp.JSON.createObjectNode().put("id", r).put("name", r)
                    .put("organisation", "Uni " + r).put("password", "unused-in-prod");
            reviewer.putArray("categories").add("A");
            created(BearerTokens.post(base, org, E + "/reviewers", reviewer));
        }
        transition(org, "COLLECTING");
        for (int i = 1; i <= 3; i++) {
            created(BearerTokens.post(base, org, E + "/works", TestHttp.JSON.createObjectNode().put("id", "A" + i)
                    .put("title", "Work A" + i).put("url", "https://example.cn/prod-pg/A" + i).put("category", "A")
                    .put("publishedOn", "2023-05-05").put("organisation", "Unit")));
        }
        transition(org, "PRELIMINARY_REVIEW");
        for (String r : List.of("pg-r1", "pg-r2", "pg-r3")) {
            String token = issuer.token(r, "REVIEWER");
            for (int i = 1; i <= 3; i++) {
                created(BearerTokens.post(base, token, E + "/works/A" + i + "/preliminary-scores",
                        TestHttp.JSON.createObjectNode().put("score", 100 - 10 * i)));
            }
        }
        transition(org, "SHORTLIST_PUBLISHED");
        transition(org, "VOTING");

        String gateway = issuer.token("gateway-web", "GATEWAY");
        Response vote = BearerTokens.post(base, gateway, E + "/votes", VotingEditionSetup.vote("pg-v1", "voter-1",
                "A1", VotingEditionSetup.castAt(1)));
        assertThat(vote.status()).as(vote.raw()).isEqualTo(200);
        assertThat(vote.body().path("decision").asText()).isIn("ACCEPTED", "REFUSED");
        Response again = BearerTokens.get(base, issuer.token("aud-1", "AUDITOR"), E + "/votes/pg-v1");
        assertThat(again.status()).as(again.raw()).isEqualTo(200);
        assertThat(again.body().path("decision").asText()).isEqualTo(vote.body().path("decision").asText());

        // the local accounts do not exist here either
        String basic = "Basic " + Base64.getEncoder().encodeToString("gateway:gateway".getBytes(StandardCharsets.UTF_8));
        assertThat(BearerTokens.send(base, basic, "POST", E + "/votes", "application/json",
                VotingEditionSetup.vote("pg-v2", "voter-2", "A1", VotingEditionSetup.castAt(1))).status())
                .isEqualTo(401);
        assertThat(BearerTokens.get(base, null, E).status()).isEqualTo(401);
    }

    private static void created(Response r) {
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
    }

    private static void transition(String token, String stage) {
        Response r = BearerTokens.post(base, token, E + "/transitions", TestHttp.JSON.createObjectNode().put("to", stage));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
    }
}
