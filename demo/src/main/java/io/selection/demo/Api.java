package io.selection.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The demo's only door to the server: JSON and NDJSON over HTTP with Basic credentials sent up
 * front (no 401 round trip), or none at all for what anyone may read. Any status the caller did not
 * expect becomes an {@link ApiException} carrying the request and the problem body, so a failed run
 * says exactly what the server answered.
 */
public final class Api {

    /** A reply whose status the caller accepted; {@code body} is null when the body is empty. */
    public record Reply(int status, JsonNode body) {

        public String code() {
            return body == null ? null : body.path("code").asText(null);
        }
    }

    /** An account as HTTP Basic credentials. */
    public record Account(String user, String password) {

        public static final Account ORGANISER = new Account("organiser", "organiser");
        public static final Account GATEWAY = new Account("gateway", "gateway");
        public static final Account AUDITOR = new Account("auditor", "auditor");

        String header() {
            return "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** An answer the demo did not expect, or no answer at all. */
    public static final class ApiException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final String method;
        private final String path;
        private final int status;
        private final String body;

        ApiException(String method, String path, int status, String body, String message, Throwable cause) {
            super(message, cause);
            this.method = method;
            this.path = path;
            this.status = status;
            this.body = body;
        }

        public String method() {
            return method;
        }

        public String path() {
            return path;
        }

        /** The HTTP status, or 0 when the server could not be reached. */
        public int status() {
            return status;
        }

        public String body() {
            return body;
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http;
    private final Map<Account, String> headers = new ConcurrentHashMap<>();

    public Api(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    public JsonNode get(String path, Account as) {
        return send("GET", path, as, null, null, Set.of(200)).body();
    }

    /** GET as anyone, with no credentials at all. */
    public JsonNode getPublic(String path) {
        return get(path, null);
    }

    /** GET of a text answer (a signed checkpoint) as anyone, with no credentials, kept as it is. */
    public String getPublicText(String path) {
        return exchange("GET", path, null, "text/plain", null, null, Set.of(200)).body();
    }

    /** GET that also accepts the given extra statuses (e.g. 404 when probing for a free id). */
    public Reply get(String path, Account as, Set<Integer> expected) {
        return send("GET", path, as, null, null, expected);
    }

    public Reply post(String path, Account as, Object body, Set<Integer> expected) {
        try {
            return send("POST", path, as, "application/json", JSON.writeValueAsBytes(body), expected);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON for " + path, e);
        }
    }

    public JsonNode post(String path, Account as, Object body, int expected) {
        return post(path, as, body, Set.of(expected)).body();
    }

    public JsonNode postNdjson(String path, Account as, String ndjson) {
        return send("POST", path, as, "application/x-ndjson", ndjson.getBytes(StandardCharsets.UTF_8), Set.of(200))
                .body();
    }

    private Reply send(String method, String path, Account as, String contentType, byte[] body,
                       Set<Integer> expected) {
        HttpResponse<String> response = exchange(method, path, as, "application/json, application/problem+json",
                contentType, body, expected);
        String text = response.body();
        JsonNode json = null;
        if (text != null && !text.isBlank()) {
            try {
                json = JSON.readTree(text);
            } catch (IOException e) {
                throw new ApiException(method, path, response.statusCode(), text,
                        method + " " + path + " answered " + response.statusCode() + " with a body that is not JSON",
                        e);
            }
        }
        return new Reply(response.statusCode(), json);
    }

    /** One request; {@code as} null sends no credentials. */
    private HttpResponse<String> exchange(String method, String path, Account as, String accept, String contentType,
                                          byte[] body, Set<Integer> expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofMinutes(5))
                .header("Accept", accept);
        if (as != null) {
            request.header("Authorization", headers.computeIfAbsent(as, Account::header));
        }
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new ApiException(method, path, 0, null, "cannot reach the server at " + baseUrl
                    + " (is selection-api running? start it first, or pass --url)", e);
        } catch (IOException e) {
            throw new ApiException(method, path, 0, null, "no answer from " + baseUrl + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(method, path, 0, null, "interrupted", e);
        }
        if (!expected.contains(response.statusCode())) {
            throw new ApiException(method, path, response.statusCode(), response.body(),
                    method + " " + path + " as " + (as == null ? "anyone" : as.user()) + " answered "
                            + response.statusCode() + " (expected " + expected + ")", null);
        }
        return response;
    }
}
