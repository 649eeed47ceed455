package io.selection.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.selection.demo.Api.Account;
import io.selection.demo.Demo.Result;
import io.selection.demo.Recompute.Fraction;
import io.selection.demo.Recompute.Ranked;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Compares what a demo run read back from the server with {@link Recompute}'s recomputation. */
final class OracleCheck {

    private OracleCheck() {
    }

    static void assertServerAgreesWithOracle(Result result) {
        Recompute oracle = Recompute.from(result);

        // The run exercised what it is meant to: refused lines, trimming, refusals of every kind, a backfill.
        assertThat(result.importRefusals()).extracting(Demo.ImportRefusal::code)
                .containsExactlyInAnyOrder("DUPLICATE_URL", "DUPLICATE_URL", "OUT_OF_ELIGIBILITY_WINDOW",
                        "OUT_OF_ELIGIBILITY_WINDOW", "UNKNOWN_CATEGORY");
        assertThat(result.disqualifiedWorkId()).isNotNull();
        assertThat(oracle.refusedByReason()).containsKeys("OUTSIDE_VOTING_WINDOW", "DISQUALIFIED",
                "NOT_SHORTLISTED", "DAILY_WORK_LIMIT", "DAILY_CATEGORY_LIMIT");
        assertThat(oracle.shortlist()).isNotEqualTo(oracle.shortlistAtPublication());

        // Shortlists: at publication, after the disqualification, and as the final jury saw it.
        assertThat(shortlistIds(result.shortlist())).isEqualTo(oracle.shortlistAtPublication());
        assertThat(shortlistIds(result.shortlistAfterDisqualification())).isEqualTo(oracle.shortlist());
        assertThat(shortlistIds(result.finalShortlist())).isEqualTo(oracle.shortlist());
        assertThat(shownPreliminaryScores(result.shortlist())).isEqualTo(expectedPreliminaryScores(oracle,
                oracle.shortlistAtPublication()));

        // Vote decisions and tallies.
        assertThat(result.votesAccepted()).isEqualTo(oracle.accepted());
        assertThat(result.votesRefused()).isEqualTo(
                oracle.refusedByReason().values().stream().mapToLong(Long::longValue).sum());
        assertThat(validVotesFromTallies(result.tallies())).isEqualTo(new TreeMap<>(oracle.validVotes()));
        assertThat(refusedFromTallies(result.tallies())).isEqualTo(oracle.refusedByReason());

        // Winners, in order, with their valid votes and scores as shown.
        assertThat(winnerLines(result.winners())).isEqualTo(expectedWinnerLines(oracle));
    }

    /** Creates a draft edition {@code id} with the rules of {@code baseId} but the given quotas. */
    static String smallCopyOf(String url, String baseId, String id, int shortlistQuota, int finalQuota) {
        Api api = Demo.api(url);
        JsonNode base = api.get("/api/editions/" + baseId, Account.ORGANISER);
        ObjectNode body = base.deepCopy();
        body.retain("title", "theme", "eligibleFrom", "eligibleTo", "timeZone", "categories", "voting", "review",
                "weights");
        body.put("id", id);
        ArrayNode categories = body.putArray("categories");
        for (JsonNode c : base.path("categories")) {
            categories.addObject().put("code", c.path("code").asText()).put("name", c.path("name").asText())
                    .put("shortlistQuota", shortlistQuota).put("finalQuota", finalQuota);
        }
        api.post("/api/editions", Account.ORGANISER, body, 201);
        return id;
    }

    private static Map<String, List<String>> shortlistIds(JsonNode shortlist) {
        Map<String, List<String>> ids = new LinkedHashMap<>();
        fields(EditionRun.categories(shortlist)).forEach((code, list) -> {
            List<String> works = new ArrayList<>();
            list.forEach(w -> works.add(w.path("workId").asText()));
            ids.put(code, works);
        });
        return ids;
    }

    private static Map<String, List<String>> shownPreliminaryScores(JsonNode shortlist) {
        Map<String, List<String>> lines = new TreeMap<>();
        fields(EditionRun.categories(shortlist)).forEach((code, list) -> list.forEach(w -> lines
                .computeIfAbsent(code, k -> new ArrayList<>())
                .add("#" + w.path("rank").asInt() + " " + w.path("workId").asText() + " "
                        + shown(w.path("preliminaryScore")))));
        return lines;
    }

    private static Map<String, List<String>> expectedPreliminaryScores(Recompute oracle,
                                                                       Map<String, List<String>> shortlist) {
        Map<String, List<String>> lines = new TreeMap<>();
        shortlist.forEach((code, ids) -> {
            for (int i = 0; i < ids.size(); i++) {
                lines.computeIfAbsent(code, k -> new ArrayList<>()).add("#" + (i + 1) + " " + ids.get(i) + " "
                        + shown(oracle.preliminaryScore(ids.get(i))));
            }
        });
        return lines;
    }

    private static Map<String, Long> validVotesFromTallies(JsonNode tallies) {
        Map<String, Long> valid = new TreeMap<>();
        fields(EditionRun.categories(tallies)).forEach((code, list) -> list.forEach(t -> {
            long n = t.path("validVotes").asLong();
            if (n > 0) {
                valid.put(t.path("workId").asText(), n);
            }
        }));
        return valid;
    }

    private static Map<String, Long> refusedFromTallies(JsonNode tallies) {
        Map<String, Long> refused = new TreeMap<>();
        fields(tallies.path("refusedVotes")).forEach((reason, n) -> {
            if (n.asLong() > 0) {
                refused.put(reason, n.asLong());
            }
        });
        return refused;
    }

    private static Map<String, List<String>> winnerLines(JsonNode winners) {
        Map<String, List<String>> lines = new TreeMap<>();
        fields(EditionRun.categories(winners)).forEach((code, list) -> list.forEach(w -> lines
                .computeIfAbsent(code, k -> new ArrayList<>()).add("#" + w.path("rank").asInt() + " " + w.path("workId").asText()
                        + " votes=" + w.path("validVotes").asLong()
                        + " jury=" + shown(w.path("juryScore"))
                        + " voteScore=" + shown(w.path("voteScore"))
                        + " final=" + shown(w.path("finalScore")))));
        return lines;
    }

    private static Map<String, List<String>> expectedWinnerLines(Recompute oracle) {
        Map<String, List<String>> lines = new TreeMap<>();
        oracle.winners().forEach((code, list) -> {
            for (Ranked r : list) {
                lines.computeIfAbsent(code, k -> new ArrayList<>()).add("#" + r.rank() + " " + r.workId()
                        + " votes=" + r.validVotes()
                        + " jury=" + shown(r.juryScore())
                        + " voteScore=" + shown(r.voteScore())
                        + " final=" + shown(r.finalScore()));
            }
        });
        return lines;
    }

    private static String shown(Fraction f) {
        return Recompute.shown(f).toPlainString();
    }

    private static String shown(JsonNode score) {
        if (!score.isNumber()) {
            return "not a number: " + score;
        }
        return new BigDecimal(score.asText()).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static Map<String, JsonNode> fields(JsonNode object) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            fields.put(e.getKey(), e.getValue());
        }
        return fields;
    }
}
