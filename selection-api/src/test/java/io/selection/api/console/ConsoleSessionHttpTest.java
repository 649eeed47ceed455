package io.selection.api.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.selection.api.ApiTestBase;
import io.selection.api.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's sign-in over plain HTTP: a form makes a session, the API reads it, a write on it
 * needs the session's CSRF token, and HTTP Basic clients never get a session at all.
 */
class ConsoleSessionHttpTest extends ApiTestBase {

    private final CookieManager cookies = new CookieManager();
    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private String sessionCookie() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("SELECTION_SESSION"))
                .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return browser.send(request.header("X-Requested-With", "fetch").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    private JsonNode session() throws Exception {
        return JSON.readTree(send(at("/console/session")).body());
    }

    private String signIn(String user, String password) throws Exception {
        JsonNode before = session();
        assertThat(before.get("authenticated").asBoolean()).isFalse();
        String form = "username=" + user + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&_csrf=" + before.get("csrfToken").asText();
        HttpResponse<String> login = send(at("/console/login").header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(login.statusCode()).isEqualTo(302);
        return login.headers().firstValue("Location").orElseThrow();
    }

    @Test
    void aSignedInConsoleReadsTheApiAndWritesOnlyWithItsCsrfToken() throws Exception {
        String e = "console-session";
        assertThat(post("organiser", "/api/editions", edition(e, 2, 1, "a")).status()).isEqualTo(201);
        assertThat(send(at("/api/editions/" + e)).statusCode()).isEqualTo(401);

        session();
        String anonymous = sessionCookie();
        assertThat(anonymous).isNotNull();
        assertThat(signIn("organiser", "organiser")).endsWith("/console/");
        // a new session id at sign-in: a session fixed before it is worth nothing after
        assertThat(sessionCookie()).isNotNull().isNotEqualTo(anonymous);
        JsonNode session = session();
        assertThat(session.get("authenticated").asBoolean()).isTrue();
        assertThat(session.get("username").asText()).isEqualTo("organiser");
        assertThat(session.get("roles").toString()).isEqualTo("[\"ORGANISER\"]");
        assertThat(send(at("/api/editions/" + e)).statusCode()).isEqualTo(200);
        // the session carries the organiser's role only
        assertThat(send(at("/api/editions/" + e + "/events")).statusCode()).isEqualTo(403);

        String transition = "{\"to\":\"COLLECTING\"}";
        HttpResponse<String> withoutToken = send(at("/api/editions/" + e + "/transitions")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(transition)));
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(withoutToken.body()).contains("CSRF");
        assertThat(get("organiser", "/api/editions/" + e).body().get("stage").asText()).isEqualTo("DRAFT");

        HttpResponse<String> withToken = send(at("/api/editions/" + e + "/transitions")
                .header("Content-Type", "application/json").header(session.get("csrfHeader").asText(),
                        session.get("csrfToken").asText()).POST(HttpRequest.BodyPublishers.ofString(transition)));
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(get("organiser", "/api/editions/" + e).body().get("stage").asText()).isEqualTo("COLLECTING");

        // signing out ends the session for the API too
        HttpResponse<String> out = send(at("/console/logout").header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                "_csrf=" + session.get("csrfToken").asText())));
        assertThat(out.statusCode()).isEqualTo(302);
        HttpResponse<String> after = send(at("/api/editions/" + e));
        assertThat(after.statusCode()).isEqualTo(401);
        // a script gets no Basic challenge, so the browser shows no password dialog
        assertThat(after.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void aWrongPasswordIsSentBackToTheFormAndBasicClientsGetNoSession() throws Exception {
        assertThat(signIn("organiser", "not-the-password")).endsWith("/console/login?error");
        assertThat(session().get("authenticated").asBoolean()).isFalse();

        Response basic = get("organiser", "/api/editions/2023");
        assertThat(basic.status()).isEqualTo(200);
        assertThat(basic.headers().allValues("Set-Cookie")).isEmpty();
        Response anonymous = get(null, "/api/editions/2023");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"selection\"");
    }

    @Test
    void basicClientsNeedNoTokenEvenBesideAnAnonymousSessionButAnotherSiteDoes() throws Exception {
        String e = "console-basic";
        assertThat(post("organiser", "/api/editions", edition(e, 2, 1, "a")).status()).isEqualTo(201);
        session(); // the sign-in page's visit leaves an anonymous session
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(
                "organiser:organiser".getBytes(StandardCharsets.UTF_8));
        String body = "{\"to\":\"COLLECTING\"}";
        HttpResponse<String> crossSite = send(at("/api/editions/" + e + "/transitions").header("Authorization", basic)
                .header("Content-Type", "application/json").header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(crossSite.statusCode()).isEqualTo(403);
        HttpResponse<String> otherOrigin = send(at("/api/editions/" + e + "/transitions").header("Authorization", basic)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).setHeader("Origin", "https://evil.example"));
        assertThat(otherOrigin.statusCode()).isEqualTo(403);
        assertThat(get("organiser", "/api/editions/" + e).body().get("stage").asText()).isEqualTo("DRAFT");

        HttpResponse<String> plain = send(at("/api/editions/" + e + "/transitions").header("Authorization", basic)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
    }

    @Test
    void thePagesAreServedWithAStrictContentSecurityPolicy() throws Exception {
        for (String page : new String[] {"/", "/results/2023", "/console/login"}) {
            HttpResponse<String> r = send(at(page));
            assertThat(r.statusCode()).as(page).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Security-Policy").orElse(""))
                    .as(page).contains("script-src 'self'").contains("frame-ancestors 'none'");
            assertThat(r.body()).as(page).doesNotContain("<script>");
        }
        HttpResponse<String> console = send(at("/console/"));
        assertThat(console.statusCode()).isEqualTo(302);
        assertThat(console.headers().firstValue("Location").orElse("")).endsWith("/console/login");
        assertThat(send(at("/webjars/chart.js/dist/chart.umd.min.js")).statusCode()).isEqualTo(200);
    }
}
