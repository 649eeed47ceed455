package io.selection.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Brings an edition of the benchmark's shape to {@code VOTING} through the real HTTP API, as an
 * organiser and three reviewers would: create, collect (one NDJSON import), register reviewers,
 * three preliminary scores per work (the first half of each category scored higher), publish the
 * shortlist, open the vote. It checks that the published shortlist is the one the votes assume.
 */
final class EditionSetup {

    static final ObjectMapper JSON = new ObjectMapper();

    private final String host;
    private final int port;

    EditionSetup(String baseUrl) {
        URI uri = URI.create(baseUrl);
        this.host = uri.getHost();
        this.port = uri.getPort();
    }

    RawHttp as(String user, String password) {
        return new RawHttp(host, port, user, password);
    }

    void run(String editionId, VoteData.EditionShape shape, int threads) throws Exception {
        try (RawHttp organiser = as("organiser", "organiser")) {
            ObjectNode edition = JSON.createObjectNode();
            edition.put("id", editionId);
            edition.put("title", "Benchmark edition " + editionId);
            edition.put("theme", "Load and durability, measured");
            edition.put("eligibleFrom", "2023-01-01");
            edition.put("eligibleTo", "2023-12-31");
            edition.put("timeZone", "Asia/Shanghai");
            ArrayNode categories = edition.putArray("categories");
            for (int c = 0; c < shape.categories().size(); c++) {
                int quota = shape.shortlistByCategory().get(c).size();
                categories.addObject().put("code", shape.categories().get(c)).put("name", shape.categories().get(c))
                        .put("shortlistQuota", quota).put("finalQuota", Math.max(1, quota / 2));
            }
            edition.putObject("voting").put("opensAt", VoteData.OPENS_AT.toString())
                    .put("closesAt", VoteData.CLOSES_AT.toString()).put("perWorkPerDay", 1)
                    .put("perCategoryPerDay", 10);
            edition.putObject("review").put("minScores", 3).put("trimFrom", 5);
            edition.putObject("weights").put("jury", 70).put("vote", 30);
            expect(organiser.post("/api/editions", "application/json", JSON.writeValueAsBytes(edition)), 201,
                    "create edition " + editionId);
            transition(organiser, editionId, "COLLECTING");

            StringBuilder ndjson = new StringBuilder();
            List<String> works = new ArrayList<>();
            for (int c = 0; c < shape.categories().size(); c++) {
                for (String work : shape.works(c)) {
                    works.add(work);
                    ObjectNode w = JSON.createObjectNode();
                    w.put("id", work);
                    w.put("title", "Work " + work + " of " + shape.categories().get(c));
                    w.put("url", "https://bench.example.cn/" + editionId + "/" + work);
                    w.put("category", shape.categories().get(c));
                    w.put("publishedOn", "2023-06-15");
                    w.put("organisation", "Recommending unit " + (works.size() % 40));
                    ndjson.append(JSON.writeValueAsString(w)).append('\n');
                }
            }
            JsonNode imported = expect(organiser.post("/api/editions/" + editionId + "/works:import",
                    "application/x-ndjson", ndjson.toString().getBytes(StandardCharsets.UTF_8)), 200, "import works");
            if (imported.path("accepted").asInt() != works.size()) {
                throw new IllegalStateException("import accepted " + imported.path("accepted") + " of " + works.size()
                        + ": " + imported);
            }
            List<String[]> reviewers = new ArrayList<>();
            for (int r = 1; r <= 3; r++) {
                String id = editionId + "-rev" + r;
                String password = "bench-password-" + r;
                ObjectNode reviewer = JSON.createObjectNode();
                reviewer.put("id", id);
                reviewer.put("name", "Reviewer " + r);
                reviewer.put("organisation", "Benchmark review panel");
                ArrayNode cats = reviewer.putArray("categories");
                shape.categories().forEach(cats::add);
                reviewer.put("password", password);
                expect(organiser.post("/api/editions/" + editionId + "/reviewers", "application/json",
                        JSON.writeValueAsBytes(reviewer)), 201, "register reviewer " + id);
                reviewers.add(new String[]{id, password});
            }
            transition(organiser, editionId, "PRELIMINARY_REVIEW");

            Set<String> listed = new HashSet<>();
            shape.shortlistByCategory().forEach(listed::addAll);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> jobs = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int k = t;
                    jobs.add(pool.submit(() -> {
                        List<RawHttp> clients = reviewers.stream().map(r -> as(r[0], r[1])).toList();
                        try {
                            for (int i = k; i < works.size(); i += threads) {
                                String work = works.get(i);
                                for (int r = 0; r < clients.size(); r++) {
                                    int score = (listed.contains(work) ? 70 : 20) + (i * 7 + r * 3) % 25;
                                    expect(clients.get(r).post("/api/editions/" + editionId + "/works/" + work
                                                    + "/preliminary-scores", "application/json",
                                            ("{\"score\":" + score + "}").getBytes(StandardCharsets.UTF_8)), 201,
                                            "score " + work);
                                }
                            }
                        } finally {
                            clients.forEach(RawHttp::close);
                        }
                        return null;
                    }));
                }
                for (Future<?> job : jobs) {
                    job.get();
                }
            } finally {
                pool.shutdown();
            }
            transition(organiser, editionId, "SHORTLIST_PUBLISHED");
            JsonNode shortlist = expect(organiser.get("/api/editions/" + editionId + "/shortlist"), 200, "shortlist");
            Set<String> published = new HashSet<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = shortlist.path("categories").fields(); it.hasNext(); ) {
                for (JsonNode w : it.next().getValue()) {
                    published.add(w.path("workId").asText());
                }
            }
            if (!published.equals(listed)) {
                throw new IllegalStateException("the published shortlist of " + editionId
                        + " is not the one the votes assume (" + published.size() + " works against " + listed.size()
                        + ")");
            }
            transition(organiser, editionId, "VOTING");
        }
    }

    private static void transition(RawHttp organiser, String editionId, String to) throws IOException {
        expect(organiser.post("/api/editions/" + editionId + "/transitions", "application/json",
                ("{\"to\":\"" + to + "\"}").getBytes(StandardCharsets.UTF_8)), 200, editionId + " to " + to);
    }

    static JsonNode expect(RawHttp.Response response, int status, String what) throws IOException {
        if (response.status() != status) {
            throw new IllegalStateException(what + ": HTTP " + response.status() + " " + response.text());
        }
        return response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    /** Votes decided so far according to {@code GET .../tallies}: accepted (valid or invalidated) plus refused. */
    static long decided(RawHttp auditor, String editionId) throws IOException {
        long[] counts = acceptedAndRefused(auditor, editionId);
        return counts[0] + counts[1];
    }

    /** {@code [accepted, refused]} according to {@code GET .../tallies}. */
    static long[] acceptedAndRefused(RawHttp auditor, String editionId) throws IOException {
        JsonNode tallies = expect(auditor.get("/api/editions/" + editionId + "/tallies"), 200, "tallies");
        long refused = sum(tallies.path("refusedVotes"));
        if (tallies.has("acceptedVotes")) {
            return new long[]{tallies.path("acceptedVotes").asLong(), refused};
        }
        long accepted = 0;
        for (JsonNode category : tallies.path("categories")) {
            for (JsonNode work : category) {
                accepted += work.path("validVotes").asLong() + work.path("invalidatedVotes").asLong();
            }
        }
        return new long[]{accepted, refused};
    }

    private static long sum(JsonNode counts) {
        long n = 0;
        for (JsonNode c : counts) {
            n += c.asLong();
        }
        return n;
    }
}
