package io.selection.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selection.demo.Demo.Result;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a newcomer does with the sign-ins the demo prints: copies each row's user and password into
 * the console's sign-in form, and is let in with that row's role (a reviewer in the demo's edition).
 */
final class SignInCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SignInCheck() {
    }

    /** A row of the printed table. */
    record SignIn(String role, String user, String password) {
    }

    /** The rows of the table that follows "Sign in at" in the demo's output. */
    static List<SignIn> printed(String output) {
        List<String> lines = output.lines().toList();
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("Sign in at ")) {
                start = i;
            }
        }
        assertThat(start).as("a 'Sign in at' line in the demo's output").isNotNegative();
        assertThat(lines.get(start + 1).trim().split("\\s{2,}")).containsExactly("role", "user", "password", "who");
        List<SignIn> rows = new ArrayList<>();
        for (String line : lines.subList(start + 2, lines.size())) {
            if (!line.startsWith("  ")) {
                break;
            }
            String[] cells = line.trim().split("\\s{2,}", 4);
            rows.add(new SignIn(cells[0], cells[1], cells[2]));
        }
        return rows;
    }

    static void assertEachPrintedSignInSignsIn(String url, Result result, String output) throws Exception {
        List<SignIn> rows = printed(output);
        assertThat(rows).extracting(SignIn::role).containsOnly("organiser", "auditor", "reviewer", "gateway");
        assertThat(rows).filteredOn(r -> r.role().equals("reviewer")).extracting(SignIn::user)
                .containsExactlyElementsOf(result.reviewers().stream().map(Demo.Reviewer::id).toList());
        assertThat(rows).extracting(SignIn::user).contains("organiser", "auditor");
        for (SignIn row : rows) {
            if (row.role().equals("gateway")) {
                // no console pages: a voting front-end signs in to the API
                assertThat(basicGet(url, "/api/editions/" + result.editionId(), row)).as(row.toString()).isEqualTo(200);
                continue;
            }
            JsonNode session = signInToTheConsole(url, row);
            assertThat(session.path("authenticated").asBoolean()).as(row.toString()).isTrue();
            assertThat(session.path("username").asText()).isEqualTo(row.user());
            assertThat(session.path("roles").toString()).as(row.toString())
                    .isEqualTo("[\"" + row.role().toUpperCase(java.util.Locale.ROOT) + "\"]");
            if (row.role().equals("reviewer")) {
                assertThat(session.path("edition").asText()).isEqualTo(result.editionId());
            }
        }
    }

    /** The console's form, as a browser fills it in: the session's CSRF token, then user and password. */
    private static JsonNode signInToTheConsole(String url, SignIn row) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        JsonNode before = session(browser, url);
        assertThat(before.path("authenticated").asBoolean()).isFalse();
        String form = "username=" + URLEncoder.encode(row.user(), StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(row.password(), StandardCharsets.UTF_8)
                + "&" + before.path("csrfParameter").asText() + "=" + before.path("csrfToken").asText();
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(url + "/console/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(row + ": " + login.body()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).as(row.toString()).endsWith("/console/");
        return session(browser, url);
    }

    private static JsonNode session(HttpClient browser, String url) throws Exception {
        HttpResponse<String> r = browser.send(HttpRequest.newBuilder(URI.create(url + "/console/session"))
                .header("X-Requested-With", "fetch").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static int basicGet(String url, String path, SignIn row) throws Exception {
        String basic = Base64.getEncoder().encodeToString((row.user() + ":" + row.password())
                .getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
