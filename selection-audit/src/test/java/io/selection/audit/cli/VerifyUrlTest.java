package io.selection.audit.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code verify --url} against a small HTTP server on loopback that serves a sample log as the API would. */
class VerifyUrlTest {

    @TempDir
    Path dir;

    HttpServer server;
    Path sample;
    String base;
    final AtomicReference<String> query = new AtomicReference<>();
    final AtomicReference<String> accept = new AtomicReference<>();
    final AtomicReference<String> authorization = new AtomicReference<>("not asked");

    @BeforeEach
    void serve() throws Exception {
        sample = Samples.small(dir);
        String auth = "Basic " + Base64.getEncoder().encodeToString("auditor:secret".getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/editions/", exchange -> {
            query.set(exchange.getRequestURI().getRawQuery());
            accept.set(exchange.getRequestHeaders().getFirst("Accept"));
            String path = exchange.getRequestURI().getPath();
            if (!auth.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                problem(exchange, 401, "{\"title\":\"Unauthorized\",\"status\":401}");
            } else if (!path.equals("/api/editions/sample-2023/events")) {
                problem(exchange, 404, "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"no edition\"}");
            } else {
                exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
                exchange.sendResponseHeaders(200, 0); // chunked, as a stream
                try (OutputStream out = exchange.getResponseBody()) {
                    Files.copy(sample, out);
                }
            }
        });
        server.createContext("/api/public/editions/", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            if (!exchange.getRequestURI().getPath().equals("/api/public/editions/sample-2023/events")) {
                problem(exchange, 404, "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"no edition\"}");
            } else {
                exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    Files.copy(sample, out);
                }
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theStreamIsVerifiedAndSavedByteForByte() throws Exception {
        Path copy = dir.resolve("copy.ndjson");

        Cli.Result r = Cli.run("verify", "--url", base + "/", "--edition", "sample-2023", "--user", "auditor",
                "--password", "secret", "--save", copy.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).startsWith("OK: edition sample-2023");
        assertThat(accept.get()).isEqualTo("application/x-ndjson");
        assertThat(query.get()).isNull();
        assertThat(Files.mismatch(sample, copy)).isEqualTo(-1L);
    }

    @Test
    void withoutAUserThePublicLogIsFetchedAndNoCredentialsAreSent() {
        Cli.Result r = Cli.run("verify", "--url", base, "--edition", "sample-2023");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).startsWith("OK: edition sample-2023");
        assertThat(authorization.get()).isNull();

        Cli.Result userWithoutPassword = Cli.run("verify", "--url", base, "--edition", "sample-2023", "--user", "a");
        // (SELECTION_AUDIT_PASSWORD is not set where the tests run)
        assertThat(userWithoutPassword.exit()).isEqualTo(2);
        assertThat(userWithoutPassword.err()).contains("--user needs --password");
    }

    @Test
    void fromIsPassedAsAQueryParameter() {
        Cli.Result r = Cli.run("verify", "--url", base, "--edition", "sample-2023", "--user", "auditor",
                "--password", "secret", "--from", "5", "--json");

        assertThat(query.get()).isEqualTo("from=5");
        assertThat(r.exit()).isIn(0, 1); // this server ignores from; the point is the request
    }

    @Test
    void httpErrorsExitWith2AndShowStatusAndProblem() {
        Cli.Result denied = Cli.run("verify", "--url", base, "--edition", "sample-2023", "--user", "auditor",
                "--password", "wrong");
        assertThat(denied.exit()).isEqualTo(2);
        assertThat(denied.out()).isEmpty();
        assertThat(denied.err()).contains("HTTP 401").contains("Unauthorized");

        Cli.Result missing = Cli.run("verify", "--url", base, "--edition", "ed-1999", "--user", "auditor",
                "--password", "secret");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("HTTP 404").contains("no edition");
    }

    @Test
    void anUnreachableServerIsAnError() {
        server.stop(0);

        Cli.Result r = Cli.run("verify", "--url", base, "--edition", "sample-2023", "--user", "auditor",
                "--password", "secret");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("cannot fetch");
    }

    @Test
    void aBadUrlIsAUsageError() {
        Cli.Result r = Cli.run("verify", "--url", "ftp://x", "--edition", "e", "--user", "u", "--password", "p");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("bad --url");
    }

    private static void problem(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
            throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
