package io.selection.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real server on a random port over a fresh H2 file, shared by the HTTP test classes (one Spring
 * context); each test works in an edition of its own so the tests do not see each other.
 */
@SpringBootTest(classes = SelectionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiTestBase {

    private static final Path DATA_DIR;

    static {
        try {
            DATA_DIR = Files.createTempDirectory("selection-api-test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("selection.data-dir", DATA_DIR::toString);
        // the shared context's tests check other behaviour with a few callers; on a loaded 2-core machine a
        // GC pause or a transition holding the gate can exceed the 500 ms default, and a shed vote would
        // read as their failure. Shedding itself is tested with the default and with a small budget
        // (DatabaseBlipDuringVotingTest, OverloadSheddingTest).
        registry.add("selection.votes.latency-budget-millis", () -> "10000");
        // two witnesses whose cosignatures the shared service accepts (their signer keys: WITNESSES)
        registry.add("selection.checkpoints.witness-keys", () -> WITNESSES.stream()
                .map(w -> io.selection.audit.proofs.KeyPairs.verifierKey(w).toString())
                .collect(java.util.stream.Collectors.joining(",")));
    }

    /** The witnesses the shared service accepts, made for this JVM. */
    protected static final java.util.List<io.selection.audit.proofs.NoteSigner> WITNESSES = java.util.List.of(
            io.selection.audit.proofs.KeyPairs.generate("witness-one.test", io.selection.audit.proofs.NoteKey.COSIGNATURE),
            io.selection.audit.proofs.KeyPairs.generate("witness-two.test", io.selection.audit.proofs.NoteKey.COSIGNATURE));

    protected static final ObjectMapper JSON = TestHttp.JSON;


    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    protected long eventCount() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
    }

    protected TestHttp http() {
        return new TestHttp("http://localhost:" + port);
    }

    protected Response get(String user, String path) {
        return http().get(user, path);
    }

    protected Response get(String user, String path, Map<String, String> headers) {
        return http().get(user, path, headers);
    }

    protected Response post(String user, String path, Object body) {
        return http().post(user, path, body);
    }

    protected Response postNdjson(String user, String path, String lines) {
        return http().postNdjson(user, path, lines);
    }

    protected Response send(String user, String method, String path, String contentType, String body) {
        return http().send(user, method, path, contentType, body);
    }

    /** A small edition: the given categories with quotas, voting 2024-02-27..2024-03-04 Beijing time. */
    protected ObjectNode edition(String id, int shortlistQuota, int finalQuota, String... categories) {
        ObjectNode e = JSON.createObjectNode();
        e.put("id", id).put("title", "Test edition " + id).put("theme", "testing")
                .put("eligibleFrom", "2023-01-01").put("eligibleTo", "2023-12-31").put("timeZone", "Asia/Shanghai");
        var cats = e.putArray("categories");
        for (String c : categories) {
            cats.addObject().put("code", c).put("name", c.toUpperCase()).put("shortlistQuota", shortlistQuota)
                    .put("finalQuota", finalQuota);
        }
        e.putObject("voting").put("opensAt", "2024-02-26T16:00:00Z").put("closesAt", "2024-03-04T16:00:00Z");
        return e;
    }

    protected ObjectNode work(String id, String category, String organisation) {
        return JSON.createObjectNode().put("id", id).put("title", "Work " + id)
                .put("url", "https://news.example.cn/" + id).put("category", category)
                .put("publishedOn", "2023-06-01").put("organisation", organisation);
    }

    protected ObjectNode reviewer(String id, String organisation, String... categories) {
        ObjectNode r = JSON.createObjectNode().put("id", id).put("name", "Reviewer " + id)
                .put("organisation", organisation).put("password", id + "-secret");
        var cats = r.putArray("categories");
        for (String c : categories) {
            cats.add(c);
        }
        return r;
    }

    protected static String reviewerLogin(String id) {
        return id + ":" + id + "-secret";
    }

    protected static ObjectNode score(double value) {
        return JSON.createObjectNode().put("score", value);
    }

    protected static ObjectNode to(String stage) {
        return JSON.createObjectNode().put("to", stage);
    }

    protected static ObjectNode vote(String id, String voter, String work, String castAt) {
        return JSON.createObjectNode().put("id", id).put("voterId", voter).put("workId", work).put("castAt", castAt);
    }
}
