package io.selection.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** A plain JDK HTTP client for tests: Basic auth from "name" or "name:password", JSON answers parsed. */
public final class TestHttp {

    public static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    /** HTTP/1.1 as the server speaks it (no h2c upgrade attempts); idle connections kept 5 s (pom.xml). */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final String baseUrl;
    /** How long a request may go unanswered before it fails (null: no limit). */
    private final java.time.Duration timeout;

    public TestHttp(String baseUrl) {
        this(baseUrl, null);
    }

    public TestHttp(String baseUrl, java.time.Duration timeout) {
        this.baseUrl = baseUrl;
        this.timeout = timeout;
    }

    public Response get(String user, String path) {
        return send(user, "GET", path, null, null);
    }

    /** A GET with these request headers besides. */
    public Response get(String user, String path, Map<String, String> headers) {
        return send(request(user, "GET", path, null, null, headers));
    }

    public Response post(String user, String path, Object body) {
        try {
            String json = body instanceof String s ? s : JSON.writeValueAsString(body);
            return send(user, "POST", path, "application/json", json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Response postNdjson(String user, String path, String lines) {
        return send(user, "POST", path, "application/x-ndjson", lines);
    }

    public Response send(String user, String method, String path, String contentType, String body) {
        return send(request(user, method, path, contentType, body, Map.of()));
    }

    /** A request with these request headers besides. */
    public Response send(String user, String method, String path, String contentType, String body,
                         Map<String, String> headers) {
        return send(request(user, method, path, contentType, body, headers));
    }

    private Response send(HttpRequest request) {
        HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString());
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
                node, raw, response.headers());
    }

    /** A GET whose body is kept as bytes, for downloads. */
    public HttpResponse<byte[]> getBytes(String user, String path) {
        return exchange(request(user, "GET", path, null, null, Map.of()), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest request(String user, String method, String path, String contentType, String body,
                                Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (timeout != null) {
            request.timeout(timeout);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        if (user != null) {
            int colon = user.indexOf(':');
            String name = colon < 0 ? user : user.substring(0, colon);
            String password = colon < 0 ? user : user.substring(colon + 1);
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return request.build();
    }

    static <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return CLIENT.send(request, body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
