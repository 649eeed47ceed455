package io.selection.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

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
    }

    protected static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    public record Response(int status, String contentType, JsonNode body, String raw) {
        public String code() {
            return body == null || body.get("code") == null ? null : body.get("code").asText();
        }
    }

    protected long eventCount() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
    }

    protected Response get(String user, String path) {
        return send(user, "GET", path, null, null);
    }

    protected Response post(String user, String path, Object body) {
        try {
            String json = body instanceof String s ? s : JSON.writeValueAsString(body);
            return send(user, "POST", path, "application/json", json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    protected Response postNdjson(String user, String path, String lines) {
        return send(user, "POST", path, "application/x-ndjson", lines);
    }

    protected Response send(String user, String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (user != null) {
            String password = user.contains(":") ? user.substring(user.indexOf(':') + 1) : user;
            String name = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            JsonNode node = null;
            if (raw != null && !raw.isBlank()) {
                try {
                    node = JSON.readTree(raw);
                } catch (IOException notJson) {
                    node = null;
                }
            }
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    node, raw);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
