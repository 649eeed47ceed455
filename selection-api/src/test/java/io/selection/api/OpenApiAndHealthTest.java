package io.selection.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The published contract, the browsable page, the health probe and the seeded 2023 edition. */
class OpenApiAndHealthTest extends HttpRefusalSupport {

    @Test
    void api_docs_are_public_json_listing_the_contract_paths() {
        HttpResponse<String> r = raw("GET", "/v3/api-docs", Map.of(), null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode docs = json(r.body());
        assertThat(docs.path("openapi").asText()).startsWith("3.");
        List<String> paths = new ArrayList<>();
        docs.path("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).contains(
                "/api/editions",
                "/api/editions/{editionId}",
                "/api/editions/{editionId}/transitions",
                "/api/editions/{editionId}/works",
                "/api/editions/{editionId}/works:import",
                "/api/editions/{editionId}/works/{workId}",
                "/api/editions/{editionId}/works/{workId}/history",
                "/api/editions/{editionId}/works/{workId}/disqualification",
                "/api/editions/{editionId}/reviewers",
                "/api/editions/{editionId}/works/{workId}/preliminary-scores",
                "/api/editions/{editionId}/works/{workId}/final-scores",
                "/api/editions/{editionId}/votes",
                "/api/editions/{editionId}/votes:batch",
                "/api/editions/{editionId}/votes/{voteId}",
                "/api/editions/{editionId}/preliminary-ranking",
                "/api/editions/{editionId}/shortlist",
                "/api/editions/{editionId}/tallies",
                "/api/editions/{editionId}/final-ranking",
                "/api/editions/{editionId}/winners",
                "/api/editions/{editionId}/shortlist.csv",
                "/api/editions/{editionId}/winners.csv",
                "/api/public/editions",
                "/api/public/editions/{editionId}/results");
        assertThat(docs.at("/paths/~1api~1editions~1{editionId}~1works/get").isMissingNode()).isFalse();
        assertThat(docs.at("/paths/~1api~1editions~1{editionId}~1votes/post").isMissingNode()).isFalse();
        assertThat(docs.at("/paths/~1api~1editions~1{editionId}~1works:import/post").isMissingNode()).isFalse();
    }

    @Test
    void swagger_ui_answers_directly_or_through_a_redirect() {
        HttpResponse<String> r = raw("GET", "/swagger-ui.html", Map.of(), null);
        for (int hops = 0; hops < 3 && r.statusCode() >= 300 && r.statusCode() < 400; hops++) {
            String location = r.headers().firstValue("Location").orElseThrow();
            URI next = URI.create("http://localhost:" + port + "/").resolve(location);
            r = raw("GET", next.getRawPath() + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery()),
                    Map.of(), null);
        }
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(r.body()).containsIgnoringCase("swagger");
    }

    @Test
    void health_is_up_without_credentials() {
        HttpResponse<String> r = raw("GET", "/actuator/health", Map.of(), null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r.body()).path("status").asText()).isEqualTo("UP");
        assertThat(json(raw("GET", "/actuator/health/liveness", Map.of(), null).body()).path("status").asText())
                .isEqualTo("UP");
        assertThat(json(raw("GET", "/actuator/health/readiness", Map.of(), null).body()).path("status").asText())
                .isEqualTo("UP");
    }

    @Test
    void the_2023_edition_exists_from_the_start_with_five_categories_of_220_and_110() {
        Response r = get(AUD, "/api/editions/2023");
        assertThat(r.status()).isEqualTo(200);
        JsonNode edition = r.body();
        assertThat(edition.path("id").asText()).isEqualTo("2023");
        JsonNode categories = edition.path("categories");
        assertThat(categories).hasSize(5);
        List<String> codes = new ArrayList<>();
        categories.forEach(c -> {
            codes.add(c.path("code").asText());
            assertThat(c.path("shortlistQuota").asInt()).as(c.toString()).isEqualTo(220);
            assertThat(c.path("finalQuota").asInt()).as(c.toString()).isEqualTo(110);
        });
        assertThat(codes).doesNotHaveDuplicates();
        assertThat(edition.at("/stageHistory/0/stage").asText()).isEqualTo("DRAFT");
        assertThat(edition.at("/voting/opensAt").asText()).isEqualTo("2024-02-26T16:00:00Z");
        assertThat(edition.at("/voting/closesAt").asText()).isEqualTo("2024-03-04T16:00:00Z");
    }
}
