package io.selection.audit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * An edition's public endpoints (docs/api.md, "Checking from outside"), as the commands that need
 * no account read them: the latest checkpoint, a consistency proof, and a witness's cosignature.
 * Redirects are never followed; any answer but 200 is an I/O error naming the request.
 */
final class PublicLog {

    private final String base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    PublicLog(String url, String edition, CommandSpec spec) {
        String root = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.base = root + "/api/public/editions/" + URLEncoder.encode(edition, StandardCharsets.UTF_8).replace("+", "%20");
        try {
            URI uri = URI.create(base);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL with a host");
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "bad --url " + url + ": " + e.getMessage());
        }
    }

    /** The log's latest signed checkpoint, with its cosignatures. */
    String checkpoint() throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + "/checkpoint")).GET().build());
    }

    /** The RFC 9162 proof that the tree of {@code to} lines extends the tree of {@code from}. */
    List<byte[]> consistency(long from, long to) throws IOException, InterruptedException {
        JsonNode answer = Json.MAPPER.readTree(send(HttpRequest.newBuilder(URI.create(base
                + "/proof/consistency?from=" + from + "&to=" + to)).GET().build()));
        List<byte[]> hashes = new ArrayList<>();
        answer.path("proof").forEach(h -> hashes.add(Base64.getDecoder().decode(h.asText())));
        return hashes;
    }

    /** Posts a cosigned checkpoint; the log's answer. */
    String cosign(String cosigned) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + "/checkpoint/cosignatures"))
                .header("Content-Type", "text/plain; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(cosigned, StandardCharsets.UTF_8)).build());
    }

    private String send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " from " + request.method() + " " + request.uri()
                    + ": " + response.body());
        }
        return response.body();
    }
}
