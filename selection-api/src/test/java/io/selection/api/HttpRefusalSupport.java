package io.selection.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Helpers shared by the refusal tests (bad input, access control, public endpoints): the shape of
 * an RFC 9457 problem, "a refusal changes nothing", and raw requests whose headers matter. Adds no
 * Spring configuration, so the one shared context of {@link ApiTestBase} is reused.
 */
abstract class HttpRefusalSupport extends ApiTestBase {

    static final String ORG = "organiser";
    static final String AUD = "auditor";
    static final String GW = "gateway";
    static final String PROBLEM_JSON = "application/problem+json";

    /** The response is an RFC 9457 problem with this status and code. */
    static Response assertProblem(Response r, int status, String code) {
        assertThat(r.status()).as("status of %s", r.raw()).isEqualTo(status);
        assertThat(r.contentType()).as("content type of %s", r.raw()).startsWith(PROBLEM_JSON);
        assertThat(r.body()).as("problem body").isNotNull();
        assertThat(r.code()).as("code of %s", r.raw()).isEqualTo(code);
        assertThat(r.body().path("status").asInt()).isEqualTo(status);
        assertThat(r.body().path("title").asText()).isNotBlank();
        assertThat(r.body().path("detail").asText()).isNotBlank();
        return r;
    }

    static Response assertProblem(Response r, int status, String code, String field) {
        assertProblem(r, status, code);
        assertThat(r.body().path("field").asText(null)).as("field of %s", r.raw()).isEqualTo(field);
        return r;
    }

    /** Sends, and checks the answer is the given problem and that the event log did not grow. */
    Response refused(int status, String code, Supplier<Response> call) {
        long before = eventCount();
        Response r = assertProblem(call.get(), status, code);
        assertThat(eventCount()).as("events after a refusal (%s)", r.raw()).isEqualTo(before);
        return r;
    }

    Response refused(int status, String code, String field, Supplier<Response> call) {
        Response r = refused(status, code, call);
        assertThat(r.body().path("field").asText(null)).as("field of %s", r.raw()).isEqualTo(field);
        return r;
    }

    /** An edition with the given categories (shortlist 4, final 2) and minimum scores. */
    ObjectNode editionBody(String id, int minScores, String... categories) {
        ObjectNode e = edition(id, 4, 2, categories);
        e.putObject("review").put("minScores", minScores);
        return e;
    }

    void create(ObjectNode editionBody) {
        Response r = post(ORG, "/api/editions", editionBody);
        assertThat(r.status()).as("creating %s: %s", editionBody.path("id"), r.raw()).isEqualTo(201);
    }

    void advance(String editionId, String... stages) {
        for (String stage : stages) {
            Response r = post(ORG, "/api/editions/" + editionId + "/transitions", to(stage));
            assertThat(r.status()).as("%s to %s: %s", editionId, stage, r.raw()).isEqualTo(200);
        }
    }

    void register(String editionId, ObjectNode reviewer) {
        Response r = post(ORG, "/api/editions/" + editionId + "/reviewers", reviewer);
        assertThat(r.status()).as("reviewer %s: %s", reviewer.path("id"), r.raw()).isEqualTo(201);
    }

    void submit(String editionId, ObjectNode work) {
        Response r = post(ORG, "/api/editions/" + editionId + "/works", work);
        assertThat(r.status()).as("work %s: %s", work.path("id"), r.raw()).isEqualTo(201);
    }

    void prelim(String editionId, String reviewerId, String workId, double value) {
        Response r = post(reviewerLogin(reviewerId), "/api/editions/" + editionId + "/works/" + workId
                + "/preliminary-scores", score(value));
        assertThat(r.status()).as("%s scores %s: %s", reviewerId, workId, r.raw()).isEqualTo(201);
    }

    JsonNode workView(String editionId, String workId) {
        Response r = get(ORG, "/api/editions/" + editionId + "/works/" + workId);
        assertThat(r.status()).as("work %s: %s", workId, r.raw()).isEqualTo(200);
        return r.body();
    }

    /** A request with exactly the given headers, for answers whose headers matter. */
    HttpResponse<String> raw(String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return TestHttp.exchange(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String raw) {
        try {
            return JSON.readTree(raw);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + raw, e);
        }
    }
}
